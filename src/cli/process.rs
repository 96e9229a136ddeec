//! `sohoa process`: documents in, JSON campaign records out, in parallel and resumable.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use sohoa::batch::{self, BatchError, BatchOptions, Console, Output};
use sohoa::pipeline::Pipeline;

use super::exit;

/// Process documents (PNG, JPEG, TIFF, PDF or UTF-8 text, recognised by content) into JSON
/// campaign records, one per document, in input order.
#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct Args {
    /// Files or directories (walked recursively, entries sorted by name).
    inputs: Vec<PathBuf>,
    /// A file listing one input path per line (blank lines and `#` comments skipped).
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// Output: `FILE` (JSON Lines), `DIR/` (one JSON file per document) or `-` (stdout).
    #[arg(short, long, value_name = "OUT", default_value = "-")]
    output: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N", default_value_t = 0)]
    jobs: usize,
    /// Skip documents whose record is already in the output for the same input bytes and
    /// pipeline version (after an interrupted run, or to add new inputs).
    #[arg(long)]
    resume: bool,
    /// No progress bar and no summary; errors are still printed.
    #[arg(short, long)]
    quiet: bool,
}

/// Runs `sohoa process`.
pub fn run(args: Args) -> ExitCode {
    if args.inputs.is_empty() && args.manifest.is_none() {
        return super::fatal("no inputs: give files, directories or --manifest FILE");
    }
    let output = Output::from_arg(&args.output);
    let inputs = match batch::collect(&args.inputs, args.manifest.as_deref()) {
        Ok(list) => list,
        Err(e) => return super::fatal(e),
    };
    // An output inside an input directory must not be read back as documents.
    let inputs: Vec<_> = inputs
        .into_iter()
        .filter(|i| !output.owns(&i.path))
        .collect();
    let options = BatchOptions {
        jobs: args.jobs,
        resume: args.resume,
        window: 0,
        test_delay: test_delay(),
    };
    let pipeline = Pipeline::default();
    let mut console = Console::new(args.quiet);
    match batch::run(&pipeline, &inputs, &output, &options, &mut console) {
        Ok(summary) if summary.all_ok() => exit::code(exit::OK),
        Ok(_) => exit::code(exit::SOME_FAILED),
        Err(BatchError::BrokenPipe) => exit::code(exit::OK),
        Err(e) => super::fatal(e),
    }
}

/// `SOHOA_TEST_DELAY_MS`: test only, slows each document down so a test can kill a run midway.
fn test_delay() -> Option<Duration> {
    let ms = std::env::var("SOHOA_TEST_DELAY_MS").ok()?.parse().ok()?;
    Some(Duration::from_millis(ms))
}
