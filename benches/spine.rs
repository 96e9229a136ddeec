//! The spine's own cost: 1,000 text documents made from the samples, processed three ways —
//! the stages alone (restore, segment, record building on bytes already in memory), the whole
//! batch on one thread (read + hash + stages + JSON + write + scheduling), and the whole batch
//! on every core. The overhead is (batch on one thread − stages) / stages.
//!
//! Run: `cargo bench --bench spine` (optionally `-- N` for another document count).
//! Plain `harness = false` timing with the median of several rounds, no extra dependency;
//! each round checks its result (every document ok, one line per document), so a fast wrong
//! answer cannot pass.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sohoa::batch::{self, BatchOptions, Output, Silent};
use sohoa::ingest;
use sohoa::pipeline::Pipeline;
use sohoa::record::Status;

const ROUNDS: usize = 5;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let inputs = make_documents(tmp.path(), n);
    let bytes_total: u64 = inputs
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    let pipeline = Pipeline::default();
    let list = batch::collect(&[tmp.path().join("docs")], None).unwrap();
    assert_eq!(list.len(), n);

    // Stages alone, one thread, on bytes already read and hashed (the hash is the spine's).
    let loaded: Vec<(PathBuf, Vec<u8>, String)> = inputs
        .iter()
        .map(|p| {
            let b = std::fs::read(p).unwrap();
            let id = ingest::sha256_hex(&b);
            (p.clone(), b, id)
        })
        .collect();
    let stages = median(|| {
        let mut ok = 0;
        for (p, b, id) in &loaded {
            let r = pipeline.process_bytes(p, b.clone(), id.clone());
            ok += usize::from(r.status == Status::Ok);
        }
        assert_eq!(ok, n);
    });

    let run = |jobs: usize| {
        let out = tmp.path().join(format!("out-{jobs}.jsonl"));
        median(|| {
            let options = BatchOptions {
                jobs,
                ..BatchOptions::default()
            };
            let s = batch::run(
                &pipeline,
                &list,
                &Output::Jsonl(out.clone()),
                &options,
                &mut Silent,
            )
            .unwrap();
            assert_eq!(s.ok, n);
            let lines = std::fs::read(&out).unwrap();
            assert_eq!(lines.iter().filter(|&&c| c == b'\n').count(), n);
        })
    };
    let one = run(1);
    let all = run(0);

    let secs = |d: Duration| d.as_secs_f64();
    println!(
        "documents: {n} ({:.1} MiB of text), median of {ROUNDS} rounds",
        bytes_total as f64 / 1048576.0
    );
    println!(
        "stages only, 1 thread:   {:8.3} s  {:9.1} documents/s",
        secs(stages),
        n as f64 / secs(stages)
    );
    println!(
        "batch, 1 thread:         {:8.3} s  {:9.1} documents/s",
        secs(one),
        n as f64 / secs(one)
    );
    println!(
        "batch, {} threads:        {:8.3} s  {:9.1} documents/s",
        rayon::current_num_threads(),
        secs(all),
        n as f64 / secs(all)
    );
    println!(
        "spine overhead (read + hash + JSON + write + scheduling) / stage work: {:.1} %",
        100.0 * (secs(one) - secs(stages)) / secs(stages)
    );
}

/// The median wall time of `ROUNDS` runs of `f`, after one warm-up run.
fn median(mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[ROUNDS / 2]
}

/// `n` distinct plans: the samples in turn, each with its copy number in the title line so
/// every document has its own hash, as an archive of similar plans would.
fn make_documents(dir: &Path, n: usize) -> Vec<PathBuf> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/text");
    let mut seeds: Vec<String> = std::fs::read_dir(corpus)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    seeds.sort();
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    (0..n)
        .map(|i| {
            let p = docs.join(format!("plan-{i:05}.txt"));
            std::fs::write(&p, format!("Bản sao số {i}\n{}", seeds[i % seeds.len()])).unwrap();
            p
        })
        .collect()
}
