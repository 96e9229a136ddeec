//! `sohoa eval <stage>`: accuracy measurement. A small dispatcher: each stage adds one variant
//! to [`EvalCommand`] and one function (restore here; OCR and segmentation in their own files).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Exit;

use sohoa_core::restore::Restorer;
use sohoa_eval::restore::{self, EvalSet, SetReport};

/// What to evaluate.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Diacritic restoration against gold text: prints set, metric, before, after.
    Restore(RestoreArgs),
    /// OCR against gold text: CER and WER per degradation variant.
    Ocr(super::eval_ocr::OcrEvalArgs),
    /// Segmentation against hand-written expected records: per-field precision and recall.
    Segment(super::eval_segment::SegmentArgs),
}

/// `sohoa eval restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Evaluation set directories (set.json + NAME.gold.txt + NAME.input.txt), e.g.
    /// corpus/restore/stripped.
    #[arg(long = "set", required = true)]
    sets: Vec<PathBuf>,
    /// Score another system's outputs instead of running sohoa: `DIR/<set name>/NAME.txt`.
    #[arg(long)]
    outputs: Option<PathBuf>,
    /// Load the restorer's tables (lm.bin, confusions.tsv, acronyms.tsv) from DIR instead of
    /// the embedded ones, e.g. to try a newly learned confusion table without rebuilding.
    #[arg(long)]
    dictionaries: Option<PathBuf>,
    /// Print JSON (with per-document scores) instead of the table.
    #[arg(long)]
    json: bool,
    /// Exit with status 2 when a set misses its target (1 stays for fatal errors).
    #[arg(long)]
    check: bool,
}

/// Runs one `sohoa eval` subcommand.
pub fn run(cmd: EvalCommand) -> Exit {
    match cmd {
        EvalCommand::Restore(args) => run_restore(args),
        EvalCommand::Ocr(args) => super::eval_ocr::run(args),
        EvalCommand::Segment(args) => super::eval_segment::run(args),
    }
}

fn run_restore(args: RestoreArgs) -> Exit {
    let restorer = match &args.dictionaries {
        None => Restorer::default(),
        Some(dir) => match Restorer::load(dir) {
            Ok(r) => r,
            Err(e) => {
                return Exit::fatal(format!("eval restore: {e}"));
            }
        },
    };
    let mut reports: Vec<SetReport> = Vec::new();
    for dir in &args.sets {
        let set = match EvalSet::load(dir) {
            Ok(s) => s,
            Err(e) => {
                return Exit::fatal(format!("eval restore: {e}"));
            }
        };
        let report = match &args.outputs {
            None => restore::evaluate(&restorer, &set),
            Some(root) => match restore::evaluate_outputs(
                &set,
                &root.join(&set.info.name),
                &root.file_name().map_or_else(
                    || root.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
            ) {
                Ok(r) => r,
                Err(e) => {
                    return Exit::fatal(format!("eval restore: {e}"));
                }
            },
        };
        reports.push(report);
    }
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&reports).expect("reports serialise")
        );
    } else {
        print!("{}", restore::table(&reports));
    }
    if args.check && reports.iter().any(|r| !r.met) {
        // Like a run in which some documents failed: it finished, but not everything passed.
        Exit::SomeFailed
    } else {
        Exit::Ok
    }
}
