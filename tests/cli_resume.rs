//! `--resume` and atomic output: a run killed with SIGKILL midway, resumed, gives the same
//! records as an uninterrupted run, with no duplicate and no truncated line.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn sohoa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// `n` distinct documents made from the sample plans, plus one broken input.
fn inputs(dir: &Path, n: usize) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/text");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    for i in 0..n {
        let seed = std::fs::read_to_string(&seeds[i % seeds.len()]).unwrap();
        std::fs::write(
            dir.join(format!("doc-{i:03}.txt")),
            format!("Bản {i}\n{seed}"),
        )
        .unwrap();
    }
    std::fs::write(dir.join("broken.bin"), [0u8, 0xff, 0, 0xfe]).unwrap();
}

fn count_lines(path: &Path) -> usize {
    std::fs::read(path)
        .map(|b| b.iter().filter(|&&c| c == b'\n').count())
        .unwrap_or(0)
}

/// Starts a slowed-down run and SIGKILLs it once `at_least` records are in the `.partial` file.
fn kill_midway(args: &[&str], partial: &Path, at_least: usize) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(args)
        // Test-only hook: each document sleeps this long, so the run is still going when killed.
        .env("SOHOA_TEST_DELAY_MS", "40")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while count_lines(partial) < at_least {
        assert!(Instant::now() < deadline, "the run never got going");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended too soon"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
}

fn assert_no_duplicates_or_torn_lines(bytes: &[u8]) {
    assert_eq!(
        bytes.last(),
        Some(&b'\n'),
        "the output ends with a whole line"
    );
    let mut seen = HashSet::new();
    for line in std::str::from_utf8(bytes).unwrap().lines() {
        let r: serde_json::Value = serde_json::from_str(line).expect("every line is whole JSON");
        let key = (r["source"]["path"].to_string(), r["id"].to_string());
        assert!(seen.insert(key), "a record is written twice: {line:.120}");
    }
}

#[test]
fn killed_run_resumes_to_the_uninterrupted_result() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    inputs(&dir, 60);
    let d = dir.to_str().unwrap();
    let reference = tmp.path().join("reference.jsonl");
    let run = sohoa(&["process", d, "-q", "-o", reference.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2), "the broken input fails");
    let reference = std::fs::read(&reference).unwrap();
    assert_eq!(count_lines(&tmp.path().join("reference.jsonl")), 61);

    let out = tmp.path().join("out.jsonl");
    let o = out.to_str().unwrap();
    let partial = tmp.path().join("out.jsonl.partial");
    kill_midway(&["process", d, "-q", "-j", "2", "-o", o], &partial, 10);
    assert!(
        !out.exists(),
        "a killed run leaves no output file, only .partial"
    );
    let done = count_lines(&partial);
    assert!((10..61).contains(&done), "killed midway: {done} records");
    // Emulate a kill in the middle of a write: a torn last line.
    let mut torn = std::fs::read(&partial).unwrap();
    let first_line_len = torn.iter().position(|&c| c == b'\n').unwrap();
    let half = torn[..first_line_len / 2].to_vec();
    torn.extend_from_slice(&half);
    std::fs::write(&partial, torn).unwrap();

    let resumed = sohoa(&["process", d, "-j", "2", "--resume", "-o", o]);
    assert_eq!(resumed.status.code(), Some(2));
    let stderr = String::from_utf8(resumed.stderr).unwrap();
    assert!(
        stderr.contains(&format!("({done} reused from an earlier run)")),
        "{done} records reused: {stderr}"
    );
    let got = std::fs::read(&out).unwrap();
    assert_no_duplicates_or_torn_lines(&got);
    assert!(
        got == reference,
        "resumed output differs from the uninterrupted one"
    );
    assert!(
        !partial.exists(),
        "the .partial file is removed once the output is complete"
    );

    // Resuming a finished output reuses every record and changes nothing.
    let again = sohoa(&["process", d, "-j", "2", "--resume", "-o", o]);
    let stderr = String::from_utf8(again.stderr).unwrap();
    assert!(stderr.contains("(61 reused"), "{stderr}");
    assert!(std::fs::read(&out).unwrap() == reference);

    // A changed input is processed again; the others are reused.
    std::fs::write(dir.join("doc-007.txt"), "Kế hoạch mới\n").unwrap();
    let changed = sohoa(&["process", d, "--resume", "-o", o]);
    let stderr = String::from_utf8(changed.stderr).unwrap();
    assert!(stderr.contains("(60 reused"), "{stderr}");
    let got = std::fs::read(&out).unwrap();
    assert_no_duplicates_or_torn_lines(&got);
    assert_eq!(count_lines(&out), 61);
    assert!(String::from_utf8(got).unwrap().contains("Kế hoạch mới"));
}

#[test]
fn without_resume_a_stale_partial_file_is_not_reused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    inputs(&dir, 20);
    let d = dir.to_str().unwrap();
    let out = tmp.path().join("out.jsonl");
    let partial = tmp.path().join("out.jsonl.partial");
    kill_midway(
        &["process", d, "-q", "-j", "1", "-o", out.to_str().unwrap()],
        &partial,
        3,
    );
    let run = sohoa(&["process", d, "-o", out.to_str().unwrap()]);
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(!stderr.contains("reused"), "{stderr}");
    assert_eq!(count_lines(&out), 21);
    assert_no_duplicates_or_torn_lines(&std::fs::read(&out).unwrap());
}

#[test]
fn directory_output_resumes_after_a_kill() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    inputs(&dir, 30);
    let d = dir.to_str().unwrap();
    let reference = tmp.path().join("reference");
    let r = format!("{}/", reference.display());
    sohoa(&["process", d, "-q", "-o", &r]);
    let out = tmp.path().join("out");
    let o = format!("{}/", out.display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(["process", d, "-q", "-j", "2", "-o", &o])
        .env("SOHOA_TEST_DELAY_MS", "40")
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while std::fs::read_dir(&out).map_or(0, |r| r.count()) < 8 {
        assert!(Instant::now() < deadline && child.try_wait().unwrap().is_none());
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let resumed = sohoa(&["process", d, "--resume", "-o", &o]);
    assert!(String::from_utf8(resumed.stderr)
        .unwrap()
        .contains("reused"));
    let mut names: Vec<_> = std::fs::read_dir(&reference)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    let mut got: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    got.sort();
    assert_eq!(got, names, "same files, no temporary file left");
    for name in names {
        assert!(
            std::fs::read(reference.join(&name)).unwrap()
                == std::fs::read(out.join(&name)).unwrap()
        );
    }
}
