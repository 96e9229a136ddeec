//! Command-line interface: the subcommand list and dispatch only; each subcommand lives in its
//! own file with its own `Args` and `run`, so adding one touches this file in two lines.

mod eval;
mod eval_ocr;
mod eval_segment;
mod export;
mod merge;
mod ocr;
mod ocr_args;
mod process;
mod restore;
mod schema;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit codes, shared by every subcommand.
pub mod exit {
    use std::process::ExitCode;

    /// Everything succeeded.
    pub const OK: u8 = 0;
    /// Usage error or a fatal error (bad arguments, output not writable).
    pub const FATAL: u8 = 1;
    /// The run finished but some documents (or pages) failed.
    pub const SOME_FAILED: u8 = 2;

    /// `code` as an [`ExitCode`].
    pub fn code(code: u8) -> ExitCode {
        ExitCode::from(code)
    }
}

const EXIT_CODES: &str = "\
Exit codes:
  0  every document succeeded
  1  usage or fatal error (bad arguments, unreadable manifest, output not writable)
  2  finished, but some documents failed or were only partly read
A closed stdout (e.g. `| head`) ends the run normally.";

/// Turns scanned Vietnamese administrative plans into JSON campaign records.
#[derive(Debug, Parser)]
#[command(version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Process(process::Args),
    Ocr(ocr::Args),
    Restore(restore::Args),
    Schema(schema::Args),
    /// Measure accuracy against gold text.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Merge shard outputs into one JSON Lines file in input order.
    Merge(merge::MergeArgs),
    Export(export::Args),
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap exits 2 on usage errors; ours is 1, since 2 means "some documents failed".
            let _ = e.print();
            return exit::code(if e.use_stderr() {
                exit::FATAL
            } else {
                exit::OK
            });
        }
    };
    match cli.command {
        Command::Process(args) => process::run(args),
        Command::Export(args) => export::run(args),
        Command::Ocr(args) => ocr::run(args),
        Command::Restore(args) => restore::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Eval(cmd) => eval::run(cmd),
        Command::Merge(args) => merge::run(args),
    }
}

/// Writes `bytes` to stdout; `Ok(false)` when the reader has gone away (a normal end).
///
/// # Errors
/// Other I/O errors.
pub fn write_stdout(bytes: &[u8]) -> std::io::Result<bool> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e),
    }
}

/// Prints `sohoa: error: {message}` on stderr and gives the fatal exit code.
pub fn fatal(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("sohoa: error: {message}");
    exit::code(exit::FATAL)
}
