//! Prints the restored text of each file and then every word token with its confidence and
//! alternatives, so that a decoder change can be checked to give byte-identical results
//! (`cargo run --release --example restore_dump -- FILE... > before.txt`, then diff).
//! With `--review` first, only the tokens under review get alternatives, as in `sohoa restore`
//! and the benchmark: what a profile of the restorer's own work should run.

use sohoa_core::restore::Restorer;
use sohoa_core::text::SourceText;

fn main() {
    let mut restorer = Restorer::embedded();
    let mut args = std::env::args().skip(1).peekable();
    // Every token's alternatives, not only those under review: the dump compares decoders.
    if args.next_if(|a| a == "--review").is_none() {
        restorer.alternatives_below = f32::INFINITY;
    }
    for path in args {
        let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        let source = SourceText::from_plain(&text);
        let out = restorer.restore(&source);
        println!("=== {path}");
        println!("{}", out.text);
        for t in &out.tokens {
            println!(
                "{:?}\t{}\t{}\t{}\t{}",
                t.source,
                &out.text[t.output.clone()],
                t.changed,
                t.confidence,
                t.alternatives.join("|")
            );
        }
    }
}
