//! `sohoa merge`: combine shard outputs into one JSON Lines file in the run's input order.

use std::path::PathBuf;
use std::process::ExitCode;

use sohoa_core::batch::merge::MergePlan;

/// Arguments of `sohoa merge`.
#[derive(Debug, clap::Args)]
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

/// Runs the merge; exit code 0 when complete, 1 when refused or incomplete, 2 on errors.
pub fn run(args: MergeArgs) -> ExitCode {
    let plan = match MergePlan::scan(&args.outputs) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("sohoa merge: {e}");
            return ExitCode::from(2);
        }
    };
    let report = plan.report();
    eprintln!("sohoa merge: {report}");
    if !report.is_complete() && !args.allow_incomplete {
        eprintln!(
            "sohoa merge: incomplete, {} not written (re-run the missing shards with --resume, or pass --allow-incomplete)",
            args.output.display()
        );
        return ExitCode::from(1);
    }
    match plan.write(&args.output) {
        Ok(n) => {
            eprintln!(
                "sohoa merge: wrote {n} records to {}",
                args.output.display()
            );
            if report.is_complete() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("sohoa merge: {e}");
            ExitCode::from(2)
        }
    }
}
