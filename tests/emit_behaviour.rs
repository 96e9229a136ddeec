//! `--emit` around the documents: names and directory, text inputs, failed documents, resume,
//! and emitted files never read back as inputs.

use std::path::Path;
use std::process::{Command, Output};

fn sohoa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn text_inputs_emit_nothing_and_say_so_once() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out/");
    let text = repo().join("corpus/text");
    let o = sohoa(&[
        "process",
        s(&text),
        "-q",
        "--emit",
        "txt,pdfa,alto,hocr",
        "-o",
        &format!("{}/", s(&out)),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let inputs = std::fs::read_dir(&text).unwrap().count();
    assert!(inputs >= 2);
    assert!(
        names(&out).iter().all(|n| n.ends_with(".json")),
        "{:?}",
        names(&out)
    );
    assert_eq!(names(&out).len(), inputs);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        stderr.matches("text inputs have no page images").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn a_failed_document_emits_nothing_and_loses_stale_files() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("scan.png");
    // A PNG signature and nothing else: recognised, then fails to decode.
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let emit_dir = tmp.path().join("emitted");
    std::fs::create_dir(&emit_dir).unwrap();
    // What an earlier run made when this path held a readable scan.
    let stale = emit_dir.join(format!(
        "{}.txt",
        s(&bad).trim_start_matches('/').replace('/', "__")
    ));
    std::fs::write(&stale, "old text").unwrap();
    let o = sohoa(&[
        "process",
        s(&bad),
        "-q",
        "--emit",
        "txt,pdfa",
        "--emit-dir",
        s(&emit_dir),
        "-o",
        s(&tmp.path().join("r.jsonl")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let record = std::fs::read_to_string(tmp.path().join("r.jsonl")).unwrap();
    assert!(record.contains("\"status\":\"failed\""));
    assert!(names(&emit_dir).is_empty(), "{:?}", names(&emit_dir));
}

#[test]
fn emitted_files_go_beside_the_output_are_reused_on_resume_and_never_read_as_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let page = input.join("page.png");
    std::fs::copy(
        repo().join("corpus/ocr/pages/plan-001-photocopy.png"),
        &page,
    )
    .unwrap();
    // The output inside the input directory: the emitted files land beside it, there too.
    let out = input.join("records.jsonl");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "process",
            s(&input),
            "-q",
            "--emit",
            "txt,hocr",
            "-o",
            s(&out),
        ];
        args.extend_from_slice(extra);
        let o = sohoa(&args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        std::fs::read_to_string(&out).unwrap()
    };
    let first = run(&[]);
    assert_eq!(first.lines().count(), 1, "{first}");
    let stem = s(&page).trim_start_matches('/').replace('/', "__");
    let txt = input.join(format!("{stem}.txt"));
    let hocr = input.join(format!("{stem}.hocr"));
    assert!(txt.is_file() && hocr.is_file(), "{:?}", names(&input));
    let before = std::fs::metadata(&txt).unwrap().modified().unwrap();
    // Run again: the emitted .txt and .hocr are not documents; the record is reused as is.
    let second = run(&["--resume"]);
    assert_eq!(second, first);
    assert_eq!(std::fs::metadata(&txt).unwrap().modified().unwrap(), before);
    // A missing deliverable makes the document be processed again.
    std::fs::remove_file(&hocr).unwrap();
    let third = run(&["--resume"]);
    assert_eq!(third, first);
    assert!(hocr.is_file());
    // Files that exist but were made from other bytes or another way are not reused: the
    // sidecar beside them says what made them.
    let sidecar = input.join(format!("{stem}.emit.json"));
    let made: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sidecar).unwrap()).unwrap();
    let record: serde_json::Value = serde_json::from_str(first.lines().next().unwrap()).unwrap();
    assert_eq!(made["id"], record["id"]);
    assert_eq!(made["fingerprint"], record["fingerprint"]);
    for (key, other) in [
        ("id", serde_json::json!("0")),
        (
            "fingerprint",
            serde_json::json!({"code": "sohoa-0.0.0+old", "tables": "", "ocr": "", "options": ""}),
        ),
    ] {
        let mut stale = made.clone();
        stale[key] = other;
        std::fs::write(&sidecar, stale.to_string()).unwrap();
        std::fs::write(&txt, "stale text").unwrap();
        let args = [
            "process",
            s(&input),
            "--emit",
            "txt,hocr",
            "--resume",
            "-o",
            s(&out),
        ];
        let o = sohoa(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("1 recomputed (emitted files missing or made otherwise)"),
            "{key}: {err}"
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), first);
        assert_ne!(std::fs::read_to_string(&txt).unwrap(), "stale text");
        let again: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&sidecar).unwrap()).unwrap();
        assert_eq!(again, made);
    }
}

#[test]
fn inputs_flattening_to_one_name_overwrote_each_others_files() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(input.join("a")).unwrap();
    let page = repo().join("corpus/ocr/pages/plan-001-photocopy.png");
    // `a/b.png` and `a__b.png` both flatten to `a__b.png`.
    std::fs::copy(&page, input.join("a/b.png")).unwrap();
    std::fs::copy(&page, input.join("a__b.png")).unwrap();
    let emitted = tmp.path().join("emitted");
    let out = tmp.path().join("r.jsonl");
    let args = [
        "process",
        "-q",
        "-j",
        "2",
        "--emit",
        "txt",
        "--emit-dir",
        s(&emitted),
        "-o",
        s(&out),
        s(&input),
    ];
    let o = sohoa(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let txts: Vec<String> = names(&emitted)
        .into_iter()
        .filter(|n| n.ends_with(".txt"))
        .collect();
    assert_eq!(txts.len(), 2, "{txts:?}");
    // The unambiguous path keeps its plain name; the other gets its path's hash.
    let plain = format!(
        "{}__a__b.png.txt",
        s(&input).trim_start_matches('/').replace('/', "__")
    );
    assert!(txts.contains(&plain), "{txts:?}");
    // Deterministic: a second run writes the same names, nothing more.
    let first = names(&emitted);
    let o = sohoa(&args);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(names(&emitted), first);
}

#[test]
fn unknown_formats_and_a_dir_without_formats_are_usage_errors() {
    let text = repo().join("corpus/text");
    let o = sohoa(&["process", s(&text), "--emit", "pdfa,docx"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("docx"));
    let o = sohoa(&["process", s(&text), "--emit-dir", "/tmp"]);
    assert_eq!(o.status.code(), Some(1));
}
