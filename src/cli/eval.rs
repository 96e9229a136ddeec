//! `sohoa eval <stage>`: accuracy measurement. A small dispatcher: each stage adds one variant
//! to [`EvalCommand`] and one function (restore here; OCR and segmentation in their own files).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Exit;

use sohoa_core::restore::Restorer;
use sohoa_eval::restore::{self, taxonomy, EvalSet, SetReport};

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
#[command(after_help = super::EXIT_CODES)]
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
    /// Instead of scores, sort every word error into a class (never a candidate, priced out
    /// by the channel, language model preferred another form, split/glued, noise kept, case,
    /// unrecoverable) and print the table with the N most frequent cases of each class.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "10")]
    taxonomy: Option<usize>,
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
    if let Some(examples) = args.taxonomy {
        return run_taxonomy(&restorer, &args, examples);
    }
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

/// `sohoa eval restore --taxonomy`: the error classes of each set.
fn run_taxonomy(restorer: &Restorer, args: &RestoreArgs, examples: usize) -> Exit {
    let mut all = Vec::new();
    for dir in &args.sets {
        match EvalSet::load(dir) {
            Ok(set) => all.push(taxonomy::taxonomy(restorer, &set)),
            Err(e) => return Exit::fatal(format!("eval restore: {e}")),
        }
    }
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&all).expect("taxonomies serialise")
        );
    } else {
        for t in &all {
            println!("{}", taxonomy::table(t, examples));
        }
    }
    Exit::Ok
}
