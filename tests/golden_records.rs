//! Whole records of the bundled sample corpus, compared byte for byte with the committed ones.
//!
//! This is the proof that a change meant to move code (not behaviour) changed nothing: every
//! text and OCR input of `corpus/` (text, PNG, JPEG, TIFF, PDF) goes through the real binary and
//! real Tesseract, and the JSON Lines output must equal `tests/golden/sample-records.jsonl`.
//! A change that is meant to change records re-blesses the file with
//! `SOHOA_BLESS=1 cargo test --release --test golden_records` and its diff is reviewed in the
//! commit that makes the change.

use std::path::Path;
use std::process::Command;

const GOLDEN: &str = "tests/golden/sample-records.jsonl";

/// Every sample input, relative to the repository root, so each record's `source.path` is
/// the same wherever the repository is checked out.
const INPUTS: &[&str] = &[
    "corpus/text",
    "corpus/ocr/text",
    "corpus/ocr/pages",
    "corpus/ocr/containers",
];

#[test]
fn records_of_the_sample_corpus_are_unchanged() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("records.jsonl");
    // The `.gt.txt` ground-truth sidecars are UTF-8 text and so are processed as documents
    // too; that is today's behaviour and part of what must not change by accident.
    let status = Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .current_dir(root)
        .args(["process", "--quiet", "-j", "2", "-o"])
        .arg(&out)
        .args(INPUTS)
        .status()
        .expect("the binary runs");
    assert!(
        status.code() == Some(0) || status.code() == Some(2),
        "{status:?}"
    );
    let got = without_commit(&std::fs::read_to_string(&out).unwrap());
    assert!(
        got.lines().count() >= 20,
        "every sample input gives a record"
    );
    if std::env::var_os("SOHOA_BLESS").is_some() {
        std::fs::write(root.join(GOLDEN), &got).unwrap();
        return;
    }
    let want =
        without_commit(&std::fs::read_to_string(root.join(GOLDEN)).expect("golden file committed"));
    let want: Vec<&str> = want.lines().collect();
    let got: Vec<&str> = got.lines().collect();
    assert_eq!(got.len(), want.len(), "number of records");
    for (g, w) in got.iter().zip(&want) {
        let path = serde_json::from_str::<serde_json::Value>(w).unwrap()["source"]["path"].clone();
        assert!(g == w, "record of {path} changed:\n got: {g}\nwant: {w}");
    }
}

/// The records with the source commit in their fingerprint's `code` replaced by `COMMIT`:
/// the commit changes with every commit by design, everything else must not.
fn without_commit(records: &str) -> String {
    const KEY: &str = "\"code\":\"";
    let mut out = String::with_capacity(records.len());
    for line in records.lines() {
        match line.find(KEY) {
            Some(at) => {
                let value = at + KEY.len();
                let end = value + line[value..].find('"').unwrap_or(0);
                let plus = line[value..end].find('+').map_or(end, |p| value + p + 1);
                out.push_str(&line[..plus]);
                out.push_str("COMMIT");
                out.push_str(&line[end..]);
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}
