//! The spine's own cost: N text documents (default 1,000) made from the samples.
//!
//! Measured in one run, on one thread unless said otherwise:
//! - stage work: `Pipeline::process_bytes` on bytes already in memory (detection, NFC,
//!   restoration, segmentation, record building);
//! - the spine's own parts: reading + hashing every file, serialising every record to JSON,
//!   appending the lines to a `.partial` file and copying them in order to the final file
//!   (what the JSON Lines writer does), each timed alone;
//! - the whole batch (`batch::run`) on one thread and on every core.
//!
//! Overhead = spine parts / stage work; `batch(1 thread) − stage work` is printed as a
//! cross-check that also contains scheduling. Run: `cargo bench --bench spine [-- N [ROUNDS]]` (defaults 1000 and 3).
//! Plain `harness = false` timing, median of a few rounds, no extra dependency; every round
//! checks its result (every document ok, one line per document), so a fast wrong answer
//! cannot pass.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sohoa_core::batch::{self, BatchOptions, Output, Silent};
use sohoa_core::ingest;
use sohoa_core::pipeline::Pipeline;
use sohoa_core::record::write::to_json_line;
use sohoa_core::record::{Record, Status};

fn main() {
    // Numeric arguments: N documents, then rounds (cargo also passes `--bench`, skipped).
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let n = numbers.first().copied().unwrap_or(1000);
    let rounds = numbers.get(1).copied().unwrap_or(3).max(1);
    let median = |f: &mut dyn FnMut()| median(rounds, f);
    let tmp = tempfile::tempdir().expect("temp dir");
    let paths = make_documents(tmp.path(), n);
    let bytes_total: u64 = paths
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    let pipeline = Pipeline::default();
    let list = batch::collect(&[tmp.path().join("docs")], None).unwrap();
    assert_eq!(list.len(), n);

    // Spine part 1: read and hash (the hash is the record id and the resume key).
    let mut loaded: Vec<(PathBuf, Vec<u8>, String)> = Vec::new();
    let read_hash = median(&mut || {
        loaded = paths
            .iter()
            .map(|p| {
                let b = std::fs::read(p).unwrap();
                let id = ingest::sha256_hex(&b);
                (p.clone(), b, id)
            })
            .collect();
        assert_eq!(loaded.len(), n);
    });

    // Stage work on bytes in memory.
    let mut records: Vec<Record> = Vec::new();
    let stages = median(&mut || {
        records = loaded
            .iter()
            .map(|(p, b, id)| pipeline.process_bytes(p, b.clone(), id.clone()))
            .collect();
        assert!(records.iter().all(|r| r.status == Status::Ok));
    });

    // Spine part 2: JSON serialisation.
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let serialise = median(&mut || {
        lines = records.iter().map(to_json_line).collect();
        assert_eq!(lines.len(), n);
    });

    // Spine part 3: the JSON Lines writer's file work: append each line to `.partial`, then
    // copy them in order into the final file, sync it and rename it.
    let write = median(&mut || {
        let partial_path = tmp.path().join("w.jsonl.partial");
        let partial = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&partial_path)
            .unwrap();
        let mut offsets = Vec::with_capacity(n);
        let mut at = 0u64;
        for line in &lines {
            partial.write_all_at(line, at).unwrap();
            offsets.push((at, line.len()));
            at += line.len() as u64;
        }
        let tmp_out = tmp.path().join("w.jsonl.tmp");
        let mut w = BufWriter::new(File::create(&tmp_out).unwrap());
        let mut buf = Vec::new();
        for &(off, len) in &offsets {
            buf.resize(len, 0);
            partial.read_exact_at(&mut buf, off).unwrap();
            w.write_all(&buf).unwrap();
        }
        w.into_inner().unwrap().sync_all().unwrap();
        std::fs::rename(&tmp_out, tmp.path().join("w.jsonl")).unwrap();
        std::fs::remove_file(&partial_path).unwrap();
    });

    let run = |jobs: usize| {
        let out = tmp.path().join(format!("out-{jobs}.jsonl"));
        median(&mut || {
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
            let written = std::fs::read(&out).unwrap();
            assert_eq!(written.iter().filter(|&&c| c == b'\n').count(), n);
        })
    };
    let one = run(1);
    let all = run(0);

    let s = |d: Duration| d.as_secs_f64();
    let rate = |d: Duration| n as f64 / s(d);
    let spine = s(read_hash) + s(serialise) + s(write);
    let out_mib = lines.iter().map(Vec::len).sum::<usize>() as f64 / 1048576.0;
    println!(
        "documents: {n} ({:.1} MiB of text in, {out_mib:.1} MiB of JSON out), median of {rounds} rounds",
        bytes_total as f64 / 1048576.0
    );
    println!(
        "stage work, 1 thread:       {:9.3} s  {:8.1} documents/s",
        s(stages),
        rate(stages)
    );
    println!("spine: read + hash:         {:9.3} s", s(read_hash));
    println!("spine: JSON serialisation:  {:9.3} s", s(serialise));
    println!("spine: partial + final file:{:9.3} s", s(write));
    println!(
        "spine overhead / stage work: {:8.2} %",
        100.0 * spine / s(stages)
    );
    println!(
        "batch, 1 thread:            {:9.3} s  {:8.1} documents/s  (batch − stage work: {:.2} % of stage work)",
        s(one),
        rate(one),
        100.0 * (s(one) - s(stages)) / s(stages)
    );
    println!(
        "batch, {} threads:           {:9.3} s  {:8.1} documents/s",
        rayon::current_num_threads(),
        s(all),
        rate(all)
    );
}

/// The median wall time of `rounds` runs of `f`.
fn median(rounds: usize, f: &mut dyn FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[rounds / 2]
}

/// `n` distinct plans: the samples in turn, each with its copy number in the first line so
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
