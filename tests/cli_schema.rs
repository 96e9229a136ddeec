//! The record's JSON Schema: the committed file is what the types generate, and every record
//! the sample corpus (and broken inputs) produce validates against it.

use std::path::Path;
use std::process::Command;

fn sohoa(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn committed_schema() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/record.schema.json");
    std::fs::read_to_string(path).expect("schema/record.schema.json is committed")
}

#[test]
fn committed_schema_is_the_generated_one() {
    let run = sohoa(&["schema"]);
    assert_eq!(run.status.code(), Some(0));
    assert!(
        String::from_utf8(run.stdout).unwrap() == committed_schema(),
        "schema/record.schema.json is stale: run `sohoa schema > schema/record.schema.json`"
    );
}

#[test]
fn every_corpus_record_validates() {
    let schema: serde_json::Value = serde_json::from_str(&committed_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid schema");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("empty.txt"), b"").unwrap();
    std::fs::write(tmp.path().join("latin1.txt"), b"s\xf4 161\n").unwrap();
    std::fs::write(tmp.path().join("scan.png"), b"\x89PNG\r\n\x1a\nshort").unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let run = sohoa(&[
        "process",
        corpus.to_str().unwrap(),
        tmp.path().to_str().unwrap(),
        "-q",
    ]);
    let stdout = String::from_utf8(run.stdout).unwrap();
    let mut checked = 0;
    for line in stdout.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&record)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{}: {errors:?}",
            record["source"]["path"]
        );
        checked += 1;
    }
    assert!(
        checked >= 6,
        "corpus and broken inputs all produced records"
    );
    // The schema is not vacuous: a record missing a required field, or with a wrong status,
    // is rejected.
    let good: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    // Nullable fields are still required to be present.
    let mut bad = good.clone();
    bad.as_object_mut().unwrap().remove("ocr");
    assert!(!validator.is_valid(&bad));
    let mut bad = good;
    bad["status"] = "fine".into();
    assert!(!validator.is_valid(&bad));
    bad.as_object_mut().unwrap().remove("status");
    assert!(!validator.is_valid(&bad));
}
