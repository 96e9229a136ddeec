//! `sohoa merge`: combine shard outputs into one JSON Lines file in the run's input order.
//! Records made otherwise than this build with these settings make them are recomputed from
//! their inputs (or, when an input is gone, reported and left out).

use std::path::{Path, PathBuf};

use sohoa_core::batch::merge::MergePlan;
use sohoa_core::batch::{self, BatchOptions, InputPath, Output, Silent};
use sohoa_core::pipeline::Pipeline;

use super::settings::Resolved;
use super::Exit;

/// Arguments of `sohoa merge`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct MergeArgs {
    /// Shard outputs (JSON Lines), each with its `OUTPUT.manifest.json` beside it.
    #[arg(required = true)]
    pub outputs: Vec<PathBuf>,
    /// The merged JSON Lines file.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Write what there is even when documents are missing or duplicated (still reported).
    #[arg(long)]
    pub allow_incomplete: bool,
    /// Do not recompute stale records (made by other code, tables, OCR model or options than
    /// this build with these settings); report them and leave them out.
    #[arg(long)]
    pub no_recompute: bool,
    /// Worker threads for recomputing stale records (default: one per core).
    #[arg(short, long, value_name = "N", default_value_t = 0)]
    pub jobs: usize,
    /// The settings the shards were processed with: records made with others are stale.
    #[command(flatten)]
    pub settings: super::settings::RecordSettings,
}

/// Runs the merge: 0 when complete, 2 when documents are missing, duplicated or stale and not
/// recomputed (written only with `--allow-incomplete`), 1 when the shards cannot be merged, a
/// setting is bad, or the output cannot be written.
pub fn run(args: MergeArgs) -> Exit {
    let settings = match args.settings.resolve() {
        Ok(s) => s,
        Err(e) => return super::fatal(e),
    };
    // One run per output: a merge writes its output as `process` does, so it holds the same
    // lock while it works, and a run writing there meanwhile cannot replace what it wrote.
    let _lock = match sohoa_core::batch::lock::acquire(&args.output) {
        Ok(lock) => lock,
        Err(e) => return Exit::fatal(format!("merge: {e}")),
    };
    let mut plan = match MergePlan::scan(&args.outputs, &settings.fingerprint) {
        Ok(plan) => plan,
        Err(e) => return Exit::fatal(format!("merge: {e}")),
    };
    let stale = plan.report().stale.clone();
    // Removed when the merge is over, whichever way it ends.
    let scratch = Scratch(scratch_path(&args.output));
    if !stale.is_empty() && !args.no_recompute {
        // Only metadata: whether the input is still there to be read again.
        let (there, gone): (Vec<_>, Vec<_>) = stale
            .into_iter()
            .partition(|s| std::fs::symlink_metadata(&s.path).is_ok());
        for s in &gone {
            plan.input_gone(s.index);
        }
        if !there.is_empty() {
            eprintln!(
                "sohoa merge: recomputing {} stale records from their inputs",
                there.len()
            );
            let inputs: Vec<InputPath> = there
                .iter()
                .map(|s| InputPath {
                    path: s.path.clone(),
                })
                .collect();
            if let Err(e) = recompute(&mut plan, &inputs, &settings, &args, &scratch.0) {
                return e;
            }
        }
    }
    let report = plan.report();
    eprintln!("sohoa merge: {report}");
    if !report.is_complete() && !args.allow_incomplete {
        eprintln!(
            "sohoa merge: incomplete, {} not written (re-run the missing shards with --resume, or pass --allow-incomplete)",
            args.output.display()
        );
        return Exit::SomeFailed;
    }
    match plan.write(&args.output) {
        Ok(n) => {
            eprintln!(
                "sohoa merge: wrote {n} records to {}",
                args.output.display()
            );
            Exit::finished(report.is_complete())
        }
        Err(e) => Exit::fatal(format!("merge: {e}")),
    }
}

/// Processes `inputs` again into a JSON Lines file beside the merged output and takes its
/// records in place of the stale ones (the plan reads them from `scratch` when it writes).
fn recompute(
    plan: &mut MergePlan,
    inputs: &[InputPath],
    settings: &Resolved,
    args: &MergeArgs,
    scratch: &Path,
) -> Result<(), Exit> {
    let output = Output::Jsonl(scratch.to_path_buf());
    let options = BatchOptions {
        jobs: args.jobs,
        max_text_bytes: settings.max_text_bytes,
        max_input_bytes: settings.max_input_bytes,
        fingerprint: settings.fingerprint.clone(),
        ..BatchOptions::default()
    };
    let pipeline = Pipeline {
        ocr: settings.ocr.clone(),
        ..Pipeline::default()
    };
    let result = batch::run(&pipeline, inputs, &output, &options, &mut Silent)
        .map_err(|e| Exit::fatal(format!("merge: recomputing stale records: {e}")))
        .and_then(|_| {
            plan.add_recomputed(scratch, &settings.fingerprint)
                .map_err(|e| Exit::fatal(format!("merge: {e}")))
        });
    result.map(|_| ())
}

/// `.NAME.recompute.jsonl` beside the merged output `NAME`.
fn scratch_path(output: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(output.file_name().unwrap_or_default());
    name.push(".recompute.jsonl");
    output.with_file_name(name)
}

/// A file removed when dropped: the recomputed records, needed until the merge is written.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
