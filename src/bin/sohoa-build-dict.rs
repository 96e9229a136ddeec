//! `sohoa-build-dict`: rebuilds `dictionaries/lm.bin` and `dictionaries/acronyms.tsv` from the
//! raw corpora. Not run in CI: its outputs are committed (see `dictionaries/README.md`).

use std::path::PathBuf;
use std::process::ExitCode;

use sohoa::restore::build::{build, BuildOptions};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let corpora = args
        .next()
        .map_or_else(|| PathBuf::from("../shared/corpora"), PathBuf::from);
    let out = args
        .next()
        .map_or_else(|| PathBuf::from("dictionaries"), PathBuf::from);
    let opts = BuildOptions {
        corpora,
        ..BuildOptions::default()
    };
    match build(&opts, &out) {
        Ok(r) => {
            eprintln!(
                "build-dict: {} tokens from {} documents ({} held out); vocabulary {}, {} bigrams, {} trigrams; {} bytes",
                r.tokens, r.documents.0, r.documents.1, r.sizes.0, r.sizes.1, r.sizes.2, r.bytes
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("build-dict: {e}");
            ExitCode::FAILURE
        }
    }
}
