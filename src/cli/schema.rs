//! `sohoa schema`: prints the record's JSON Schema (the source of `schema/record.schema.json`).

use std::process::ExitCode;

/// Print the JSON Schema of a record (regenerate with `sohoa schema > schema/record.schema.json`).
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `sohoa schema`.
pub fn run(_args: Args) -> ExitCode {
    match super::write_stdout(sohoa_core::record::json_schema().as_bytes()) {
        Ok(_) => super::exit::code(super::exit::OK),
        Err(e) => super::fatal(format!("cannot write stdout: {e}")),
    }
}
