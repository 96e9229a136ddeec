//! Command-line interface: the subcommand list and dispatch only; each subcommand lives in its
//! own file with its own `Args` and `run`, so adding one touches this file in two lines.

mod eval;
mod eval_ocr;
mod eval_segment;
mod exit;
mod export;
mod merge;
mod ocr;
mod ocr_args;
mod process;
mod restore;
mod schema;
mod settings;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use exit::Exit;

/// The exit code table, shown after every subcommand's `--help`.
const EXIT_CODES: &str = exit::TABLE;

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
    #[command(subcommand, after_help = EXIT_CODES)]
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
            let exit = if e.use_stderr() {
                Exit::Fatal(String::new())
            } else {
                Exit::Ok
            };
            return exit.code();
        }
    };
    let exit = match cli.command {
        Command::Process(args) => process::run(args),
        Command::Export(args) => export::run(args),
        Command::Ocr(args) => ocr::run(args),
        Command::Restore(args) => restore::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Eval(cmd) => eval::run(cmd),
        Command::Merge(args) => merge::run(args),
    };
    exit.code()
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

/// A fatal error: `sohoa: error: {message}` on stderr and exit code 1.
pub fn fatal(message: impl std::fmt::Display) -> Exit {
    Exit::fatal(message)
}
