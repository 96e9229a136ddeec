//! `sohoa-learn`: the tools that make restoration's learned data and evaluation sets —
//! select a corpus split, strip marks, and learn OCR-confusion costs from aligned pairs.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use sohoa::restore::learn::split::{documents, Split};

/// Makes the learned tables and evaluation sets of sohoa's restorer.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the documents of one split of a corpus file (blank-line separated), in order.
    Split {
        /// eval (i % 100 == 0), confusion (i % 100 == 1) or model (the rest).
        #[arg(long)]
        split: Split,
        /// Keep only every K-th document of the split (spreads a small sample over the file).
        #[arg(long, default_value_t = 1)]
        every: usize,
        /// Skip documents shorter than this many characters (headings, list numbers).
        #[arg(long, default_value_t = 0)]
        min_chars: usize,
        /// Stop after this many bytes of output.
        #[arg(long)]
        max_bytes: Option<usize>,
        /// Corpus file; `-` or nothing reads stdin (pipe `zcat` for .gz files).
        file: Option<PathBuf>,
    },
    /// Remove every Vietnamese mark (tones, vowel marks, đ→d) from a text.
    Strip {
        /// Text file; `-` or nothing reads stdin.
        file: Option<PathBuf>,
    },
}

fn read_input(file: Option<PathBuf>) -> std::io::Result<String> {
    match file {
        Some(p) if p.as_os_str() != "-" => std::fs::read_to_string(p),
        _ => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            Ok(s)
        }
    }
}

fn run(cli: Cli) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match cli.command {
        Command::Split {
            split,
            every,
            min_chars,
            max_bytes,
            file,
        } => {
            let text = read_input(file)?;
            let mut written = 0;
            let picked = documents(&text)
                .filter(|(i, _)| Split::of(*i) == split)
                .enumerate()
                .filter(|(k, _)| k % every.max(1) == 0)
                .map(|(_, d)| d.1)
                .filter(|d| d.chars().count() >= min_chars);
            for doc in picked {
                if max_bytes.is_some_and(|m| written + doc.len() > m) {
                    break;
                }
                writeln!(out, "{doc}\n")?;
                written += doc.len() + 2;
            }
        }
        Command::Strip { file } => {
            let text = read_input(file)?;
            write!(out, "{}", sohoa::eval::strip::strip_marks(&text))?;
        }
    }
    out.flush()
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sohoa-learn: {e}");
            ExitCode::FAILURE
        }
    }
}
