//! Runs `Restorer::restore` on each file as the benchmark of record calls it (alternatives only
//! for tokens under review), `REPS` times (default 1), so that its instructions per call can be
//! counted: `valgrind --tool=callgrind --toggle-collect='sohoa_core::restore::Restorer::restore*'
//! target/release/examples/rcount FILE` (BENCHMARKS.md, restoration speed, session 9).

use sohoa_core::restore::Restorer;
use sohoa_core::text::SourceText;

fn main() {
    let restorer = Restorer::embedded();
    let reps: usize = std::env::var("REPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        let source = SourceText::from_plain(&text);
        for _ in 0..reps {
            let out = restorer.restore(&source);
            println!("{path}\t{}", out.text.len());
        }
    }
}
