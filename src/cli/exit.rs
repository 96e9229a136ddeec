//! Exit codes: every subcommand ends through [`Exit::code`], which follows the table printed
//! by `--help` and written in the README, so no subcommand can pick its own numbers.

use std::process::ExitCode;

/// The exit code table, shown after every subcommand's `--help`.
pub const TABLE: &str = "\
Exit codes:
  0  everything succeeded
  1  usage or fatal error (bad arguments or settings, unreadable input list, output not
     writable or in use by another run, shards that cannot be merged)
  2  finished, but some documents (or pages) failed, or the result is incomplete
A closed stdout (e.g. `| head`) ends the run normally.";

/// How a subcommand ended.
#[derive(Debug)]
pub enum Exit {
    /// Everything succeeded.
    Ok,
    /// The run finished, but some documents or pages failed, or the result is incomplete.
    SomeFailed,
    /// A usage or fatal error; the message (unless empty) is printed as `sohoa: error: {message}`.
    Fatal(String),
}

impl Exit {
    /// A fatal error with this message.
    pub fn fatal(message: impl std::fmt::Display) -> Exit {
        Exit::Fatal(message.to_string())
    }

    /// `Ok` when `all_ok`, else `SomeFailed`.
    pub fn finished(all_ok: bool) -> Exit {
        if all_ok {
            Exit::Ok
        } else {
            Exit::SomeFailed
        }
    }

    /// The process exit code (printing a fatal error's message first): the one place where
    /// the table becomes numbers.
    pub fn code(self) -> ExitCode {
        ExitCode::from(match self {
            Exit::Ok => 0,
            Exit::Fatal(message) => {
                // Empty when the message is already out (clap prints its own usage errors).
                if !message.is_empty() {
                    eprintln!("sohoa: error: {message}");
                }
                1
            }
            Exit::SomeFailed => 2,
        })
    }
}
