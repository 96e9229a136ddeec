//! Command-line interface: `sohoa process | ocr | restore | eval | schema`.

mod merge;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use sohoa::pipeline::Pipeline;

/// Turns scanned Vietnamese administrative plans into JSON campaign records.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Process documents into JSON campaign records.
    Process {
        /// Files or directories.
        inputs: Vec<PathBuf>,
    },
    /// Print the JSON Schema of a record.
    Schema,
    /// Merge shard outputs into one JSON Lines file in input order.
    Merge(merge::MergeArgs),
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Process { inputs } => {
            let pipeline = Pipeline::default();
            for record in sohoa::batch::process_all(&pipeline, &inputs) {
                println!(
                    "{}",
                    serde_json::to_string(&record).expect("record serialises")
                );
            }
            ExitCode::SUCCESS
        }
        Command::Merge(args) => merge::run(args),
        Command::Schema => {
            print!("{}", sohoa::record::json_schema());
            ExitCode::SUCCESS
        }
    }
}
