//! `sohoa process` end to end: the real binary on a temporary directory of good and bad inputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn sohoa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/text")
}

/// The three sample plans plus one input of every broken kind the issue lists.
fn mixed_inputs(dir: &Path) {
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::create_dir(dir.join("bad")).unwrap();
    std::fs::write(dir.join("bad/empty.txt"), b"").unwrap();
    std::fs::write(dir.join("bad/latin1.txt"), b"K\xea ho\xe1ch s\xf4 161\n").unwrap();
    std::fs::write(
        dir.join("bad/unknown.bin"),
        [0u8, 1, 2, 3, 0xfe, 0xff, 7, 8],
    )
    .unwrap();
    // A PNG signature and nothing else: recognised, then fails to decode.
    std::fs::write(
        dir.join("bad/truncated.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    std::fs::write(dir.join(".hidden.txt"), "skipped by the walk").unwrap();
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    std::str::from_utf8(bytes)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is one JSON record"))
        .collect()
}

fn path_of(r: &Value) -> String {
    r["source"]["path"].as_str().unwrap().to_string()
}

#[test]
fn good_and_bad_inputs_give_one_record_each_in_sorted_order() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    mixed_inputs(&dir);
    let missing = dir.join("missing.txt");
    let out = tmp.path().join("out/records.jsonl");
    let run = sohoa(&[
        "process",
        dir.to_str().unwrap(),
        missing.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2), "some documents failed");
    let records = lines(&std::fs::read(&out).unwrap());
    let names: Vec<String> = records
        .iter()
        .map(|r| {
            Path::new(&path_of(r))
                .strip_prefix(&dir)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        [
            "bad/empty.txt",
            "bad/latin1.txt",
            "bad/truncated.png",
            "bad/unknown.bin",
            "dong-thap-2022-plan.ocr.txt",
            "ta-ma-2023-plan.ocr.txt",
            "thai-binh-2023-plan.txt",
            // Command-line arguments keep their order; only directories are sorted.
            "missing.txt",
        ]
    );
    let stderr = String::from_utf8(run.stderr).unwrap();
    for r in &records {
        let status = r["status"].as_str().unwrap();
        let name = path_of(r);
        if name.contains("bad/") || name.ends_with("missing.txt") {
            assert_eq!(status, "failed", "{name}");
            let errors = r["errors"].as_array().unwrap();
            assert!(!errors.is_empty() && errors[0]["stage"].is_string());
            assert!(
                stderr.lines().any(|l| l.contains(&name)),
                "stderr names {name}: {stderr}"
            );
        } else {
            assert_eq!(status, "ok", "{name}");
            assert!(r["errors"].as_array().unwrap().is_empty());
            assert_eq!(r["source"]["media_type"], "text/plain");
            assert!(r["ocr"].is_null(), "text input has no OCR");
            assert!(!r["text"].as_str().unwrap().is_empty());
        }
    }
    let why = |n: &str| {
        let r = records.iter().find(|r| path_of(r).ends_with(n)).unwrap();
        r["errors"][0]["message"].as_str().unwrap().to_string()
    };
    assert!(why("empty.txt").contains("empty"));
    assert!(why("latin1.txt").contains("UTF-8"));
    assert!(why("unknown.bin").contains("unsupported"));
    assert!(why("missing.txt").contains("cannot read"));
    // The id is the SHA-256 of the bytes: the empty file's is well known.
    let empty = records.iter().find(|r| path_of(r).ends_with("empty.txt"));
    assert_eq!(
        empty.unwrap()["id"],
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert!(
        stderr.contains("8 documents: 3 ok, 0 partial, 5 failed"),
        "{stderr}"
    );
    // Nothing is left behind but the output and its run report (no lock, no temporary file).
    let mut left: Vec<_> = std::fs::read_dir(tmp.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left[1].ends_with(".report.json"), "{left:?}");
}

#[test]
fn every_record_has_every_field() {
    let run = sohoa(&["process", corpus().to_str().unwrap(), "-o", "-", "-q"]);
    assert_eq!(run.status.code(), Some(0));
    assert!(
        run.stderr.is_empty(),
        "--quiet prints nothing when all is well"
    );
    let records = lines(&run.stdout);
    assert_eq!(records.len(), 3);
    for r in &records {
        for field in [
            "schema_version",
            "pipeline_version",
            "id",
            "source",
            "status",
            "errors",
            "ocr",
            "restoration",
            "text",
            "header",
            "campaign",
            "legal_bases",
            "sections",
            "goals",
            "criteria",
            "award_forms",
            "quotas",
            "timeline",
            "signer",
            "recipients",
        ] {
            assert!(r.get(field).is_some(), "{field} missing");
        }
        for field in ["path", "media_type", "bytes", "pages"] {
            assert!(r["source"].get(field).is_some(), "source.{field} missing");
        }
        assert_eq!(r["id"].as_str().unwrap().len(), 64);
    }
}

/// Many small documents of uneven size, so that workers finish out of order.
fn many_documents(dir: &Path, n: usize) {
    let seeds: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for i in 0..n {
        let seed = &seeds[i % seeds.len()];
        // Uneven lengths: from a few lines to the whole plan, each copy distinct.
        let keep = 1 + (i * 7919) % seed.chars().count();
        let text = format!(
            "Bản số {i}\n{}",
            seed.chars().take(keep).collect::<String>()
        );
        std::fs::write(dir.join(format!("doc-{i:04}.txt")), text).unwrap();
    }
}

#[test]
fn serial_and_parallel_output_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    many_documents(&dir, 60);
    mixed_inputs(&dir);
    let d = dir.to_str().unwrap();
    let serial = sohoa(&["process", d, "-j", "1", "-q", "-o", "-"]);
    let parallel = sohoa(&["process", d, "-j", "4", "-q", "-o", "-"]);
    assert_eq!(serial.status.code(), Some(2));
    assert_eq!(parallel.status.code(), Some(2));
    assert_eq!(lines(&serial.stdout).len(), 67);
    assert!(serial.stdout == parallel.stdout, "-j 1 and -j 4 differ");
    // The file writer gives the same bytes as stdout.
    let out = tmp.path().join("four.jsonl");
    sohoa(&["process", d, "-j", "4", "-q", "-o", out.to_str().unwrap()]);
    assert!(std::fs::read(&out).unwrap() == serial.stdout);
}

#[test]
fn directory_output_has_one_file_per_document() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("records");
    let out_arg = format!("{}/", out.display());
    let run = sohoa(&["process", corpus().to_str().unwrap(), "-o", &out_arg, "-q"]);
    assert_eq!(run.status.code(), Some(0));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3);
    for name in &names {
        assert!(name.ends_with("thai-binh-2023-plan.txt.json") || name.contains("plan.ocr.txt"));
        let record: Value =
            serde_json::from_slice(&std::fs::read(out.join(name)).unwrap()).unwrap();
        assert!(name.starts_with(&path_of(&record).trim_start_matches('/').replace('/', "__")));
    }
}

#[test]
fn output_inside_the_input_directory_is_not_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        corpus().join("thai-binh-2023-plan.txt"),
        tmp.path().join("a.txt"),
    )
    .unwrap();
    let d = tmp.path().to_str().unwrap();
    let out = tmp.path().join("out.jsonl");
    for _ in 0..2 {
        let run = sohoa(&["process", d, "-q", "-o", out.to_str().unwrap()]);
        assert_eq!(run.status.code(), Some(0));
        assert_eq!(lines(&std::fs::read(&out).unwrap()).len(), 1);
    }
}

#[test]
fn usage_errors_exit_1_and_help_documents_exit_codes() {
    assert_eq!(sohoa(&["process"]).status.code(), Some(1));
    assert_eq!(sohoa(&["process", "--no-such-flag"]).status.code(), Some(1));
    assert_eq!(sohoa(&["frobnicate"]).status.code(), Some(1));
    let bad_manifest = sohoa(&["process", "--manifest", "/nonexistent/list"]);
    assert_eq!(bad_manifest.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_manifest.stderr).contains("/nonexistent/list"));
    let help = sohoa(&["process", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("Exit codes") && help.contains("2  finished, but some"));
    let resume_stdout = sohoa(&["process", corpus().to_str().unwrap(), "--resume"]);
    assert_eq!(resume_stdout.status.code(), Some(1));
    // An output that cannot be created is fatal (even for root: /proc takes no new files).
    let unwritable = sohoa(&[
        "process",
        corpus().to_str().unwrap(),
        "-o",
        "/proc/sohoa-test/out.jsonl",
    ]);
    assert_eq!(unwritable.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&unwritable.stderr);
    assert!(
        stderr.contains("cannot write output /proc/sohoa-test/out.jsonl"),
        "{stderr}"
    );
}

#[test]
fn manifest_lists_inputs_in_its_order() {
    let tmp = tempfile::tempdir().unwrap();
    let c = corpus();
    let list = tmp.path().join("list.txt");
    std::fs::write(
        &list,
        format!(
            "# two plans, newest first\n{}\n\n{}\n",
            c.join("thai-binh-2023-plan.txt").display(),
            c.join("dong-thap-2022-plan.ocr.txt").display()
        ),
    )
    .unwrap();
    let run = sohoa(&["process", "--manifest", list.to_str().unwrap(), "-q"]);
    assert_eq!(run.status.code(), Some(0));
    let paths: Vec<String> = lines(&run.stdout).iter().map(path_of).collect();
    assert_eq!(paths.len(), 2);
    assert!(paths[0].ends_with("thai-binh-2023-plan.txt"));
    assert!(paths[1].ends_with("dong-thap-2022-plan.ocr.txt"));
}

#[test]
fn closed_stdout_is_a_normal_exit() {
    use std::io::Read;
    use std::process::Stdio;
    let tmp = tempfile::tempdir().unwrap();
    many_documents(tmp.path(), 200);
    let mut child = Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(["process", tmp.path().to_str().unwrap(), "-q", "-j", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.unwrap().read_to_string(&mut stderr).unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn ocr_options_reach_the_engine() {
    // A language with no traineddata is a usage error before any document, naming the
    // language: proof that `--lang` is passed through `process` to the engine.
    let page = corpus()
        .parent()
        .unwrap()
        .join("ocr/pages/plan-001-clean.png");
    let out = sohoa(&[
        "process",
        "-q",
        "--lang",
        "nosuchlang",
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(lines(&out.stdout).is_empty(), "no document is read");
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("nosuchlang.traineddata"), "{message}");
}
