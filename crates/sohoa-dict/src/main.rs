//! `sohoa-build-dict`: rebuilds `dictionaries/lm.bin`, `acronyms.tsv` and `places.txt` from the
//! raw corpora, or (`--bodies-only`) `bodies.txt`, or (`--names-only`) `names.tsv`. Not run in CI: its outputs are committed
//! (see `dictionaries/README.md`).

use std::path::PathBuf;
use std::process::ExitCode;

use sohoa_dict::{build, BuildOptions};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    // `--places-only`: rewrite places.txt from the gazetteer without recounting the corpora.
    let places_only = args.peek().is_some_and(|a| a == "--places-only");
    if places_only {
        args.next();
    }
    // `--bodies-only`: write bodies.txt (names of bodies and titles) from the corpora.
    let bodies_only = args.peek().is_some_and(|a| a == "--bodies-only");
    if bodies_only {
        args.next();
    }
    // `--names-only`: write names.tsv (syllables of personal names) from the corpora.
    let names_only = args.peek().is_some_and(|a| a == "--names-only");
    if names_only {
        args.next();
    }
    // `--weight FILE=N` (repeatable): count corpus file FILE N times (a register weighted).
    let mut file_weights = Vec::new();
    while args.peek().is_some_and(|a| a == "--weight") {
        args.next();
        let spec = args.next().unwrap_or_default();
        match spec.split_once('=').map(|(f, n)| (f, n.parse::<u32>())) {
            Some((f, Ok(n))) if n > 0 => file_weights.push((f.to_owned(), n)),
            _ => {
                eprintln!("build-dict: --weight wants FILE=N (N ≥ 1), got {spec:?}");
                return ExitCode::FAILURE;
            }
        }
    }
    let corpora = args
        .next()
        .map_or_else(|| PathBuf::from("../shared/corpora"), PathBuf::from);
    let out = args
        .next()
        .map_or_else(|| PathBuf::from("dictionaries"), PathBuf::from);
    let opts = BuildOptions {
        corpora,
        file_weights,
        ..BuildOptions::default()
    };
    if bodies_only {
        return match sohoa_dict::bodies::write_bodies(&opts, &out) {
            Ok(n) => {
                eprintln!("build-dict: {n} names of bodies and titles written");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("build-dict: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if names_only {
        return match sohoa_dict::names::write_names(&opts, &out) {
            Ok(n) => {
                eprintln!("build-dict: {n} personal names counted");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("build-dict: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if places_only {
        let gaz = opts.corpora.join("gazetteer/vn-admin-units-2025.tsv");
        return match sohoa_dict::write_places(&gaz, &out) {
            Ok(n) => {
                eprintln!("build-dict: {n} place names written");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("build-dict: {e}");
                ExitCode::FAILURE
            }
        };
    }
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
