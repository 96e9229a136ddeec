//! Restoration speed on stripped text (the Thai Binh plan with its marks removed), with the
//! result checked inside the timed loop so that a fast wrong answer cannot pass.
//!
//! `cargo bench --bench restore`; throughput is reported in syllables (words) per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sohoa::restore::{syllable::Syllable, token, Restorer};
use sohoa::text::SourceText;

fn words(text: &str) -> Vec<&str> {
    token::tokens(text)
        .filter(|t| t.kind == token::Kind::Word)
        .map(|t| &text[t.span])
        .collect()
}

fn key(w: &str) -> Option<Syllable> {
    Syllable::parse(&w.to_lowercase())
}

fn bench(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/restore/stripped");
    let input = std::fs::read_to_string(format!("{dir}/thai-binh.input.txt")).expect("input");
    let gold = std::fs::read_to_string(format!("{dir}/thai-binh.gold.txt")).expect("gold");
    let gold_keys: Vec<Option<Syllable>> = words(&gold).into_iter().map(key).collect();
    let source = SourceText::from_plain(&input);
    let restorer = Restorer::embedded();
    let mut g = c.benchmark_group("restore");
    g.throughput(Throughput::Elements(gold_keys.len() as u64));
    g.sample_size(20);
    g.bench_function("stripped_thai_binh", |b| {
        b.iter(|| {
            let out = restorer.restore(&source);
            let right = words(&out.text)
                .into_iter()
                .zip(&gold_keys)
                .filter(|(w, g)| key(w) == **g)
                .count();
            // The accuracy floor of the golden test: 99.5% of syllables.
            assert!(
                right * 1000 >= gold_keys.len() * 995,
                "accuracy dropped: {right}"
            );
            right
        })
    });
    g.finish();
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.bench_function("embedded_model", |b| b.iter(Restorer::embedded));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
