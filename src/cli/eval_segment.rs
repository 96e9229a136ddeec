//! `sohoa eval segment`: per-field precision and recall of segmentation against the expected
//! records in `tests/fixtures/segment/`, on gold text and on restored OCR text.

use std::path::PathBuf;

use clap::Args;

use super::Exit;

use sohoa_core::restore::Restorer;
use sohoa_eval::segment::{self, Input};

/// `sohoa eval segment`.
#[derive(Debug, Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct SegmentArgs {
    /// Directory of expected records (*.json).
    #[arg(long, default_value = "tests/fixtures/segment")]
    fixtures: PathBuf,
    /// Root the fixtures' text paths are relative to.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Segment the restored OCR texts instead of the gold texts.
    #[arg(long)]
    restored: bool,
    /// Print JSON (with per-document counts) instead of the table.
    #[arg(long)]
    json: bool,
}

/// Runs `sohoa eval segment`.
pub fn run(args: SegmentArgs) -> Exit {
    let fixtures = match segment::load(&args.fixtures) {
        Ok(f) => f,
        Err(e) => {
            return Exit::fatal(format!("eval segment: {e}"));
        }
    };
    let input = if args.restored {
        Input::Restored
    } else {
        Input::Gold
    };
    let report = match segment::evaluate(&fixtures, &args.root, input, &Restorer::default()) {
        Ok(r) => r,
        Err(e) => {
            return Exit::fatal(format!("eval segment: {e}"));
        }
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("report serialises")
        );
    } else {
        print!("{}", segment::table(&report));
    }
    Exit::Ok
}
