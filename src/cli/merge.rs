//! `sohoa merge`: combine shard outputs into one JSON Lines file in the run's input order.

use std::path::PathBuf;

use sohoa_core::batch::merge::MergePlan;

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
}

/// Runs the merge: 0 when complete, 2 when documents are missing or duplicated (written only
/// with `--allow-incomplete`), 1 when the shards cannot be merged or the output not written.
pub fn run(args: MergeArgs) -> Exit {
    let plan = match MergePlan::scan(&args.outputs) {
        Ok(plan) => plan,
        Err(e) => return Exit::fatal(format!("merge: {e}")),
    };
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
