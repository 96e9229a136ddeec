//! `sohoa schema`: prints the record's JSON Schema (the source of `schema/record.schema.json`).

use super::Exit;

/// Print the JSON Schema of a record (regenerate with `sohoa schema > schema/record.schema.json`).
#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct Args {}

/// Runs `sohoa schema`.
pub fn run(_args: Args) -> Exit {
    match super::write_stdout(sohoa_core::record::json_schema().as_bytes()) {
        Ok(_) => Exit::Ok,
        Err(e) => super::fatal(format!("cannot write stdout: {e}")),
    }
}
