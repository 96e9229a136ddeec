//! `sohoa eval ocr`: OCR accuracy (CER, WER) per degradation variant against gold text.

use std::path::PathBuf;

use rayon::prelude::*;

use sohoa_eval::ocr as eval_ocr;

use super::ocr_args::OcrArgs;
use super::Exit;

/// `sohoa eval ocr`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct OcrEvalArgs {
    /// Directories of scans with gold text beside them (X.png + X.gt.txt), e.g.
    /// corpus/ocr/pages corpus/ocr/containers.
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// Only these groups (e.g. `clean`, `photocopy`, `pdf/clean`); repeatable.
    #[arg(long)]
    group: Vec<String>,
    /// Print JSON (with per-file scores) instead of the table.
    #[arg(long)]
    json: bool,
    /// Exit with status 2 when a group misses its target (clean ≤ 0.5%, photocopy ≤ 4% CER).
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    ocr: OcrArgs,
}

/// Runs `sohoa eval ocr`.
pub fn run(args: OcrEvalArgs) -> Exit {
    // Bad settings are one usage error before any scan is read, not a failure per scan.
    if let Err(e) = args.ocr.check() {
        return Exit::fatal(format!("eval ocr: {e}"));
    }
    let mut samples = Vec::new();
    for d in &args.dirs {
        match eval_ocr::discover(d) {
            Ok(s) => samples.extend(s),
            Err(e) => {
                return Exit::fatal(format!("eval ocr: {}: {e}", d.display()));
            }
        }
    }
    samples.retain(|s| args.group.is_empty() || args.group.contains(&s.group));
    if samples.is_empty() {
        return Exit::fatal("eval ocr: no scans with .gt.txt gold found");
    }
    let options = args.ocr.options();
    let scores: Vec<_> = samples
        .par_iter()
        .map(|s| eval_ocr::score(s, &options))
        .collect();
    let mut ok = Vec::new();
    for s in scores {
        match s {
            Ok(s) => ok.push(s),
            Err(e) => {
                return Exit::fatal(format!("eval ocr: {e}"));
            }
        }
    }
    sohoa_core::ocr::engine::release_all_engines();
    let groups = eval_ocr::group(ok);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&groups).expect("reports serialise")
        );
    } else {
        print!("{}", eval_ocr::table(&groups));
    }
    if args.check && groups.iter().any(|g| !g.met) {
        // Like a run in which some documents failed: it finished, but not everything passed.
        Exit::SomeFailed
    } else {
        Exit::Ok
    }
}
