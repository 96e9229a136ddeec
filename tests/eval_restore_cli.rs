//! `sohoa eval restore` end to end on a tiny hand-made set, scoring outputs from a directory so
//! the expected figures can be worked out by hand.

use std::process::Command;

fn write(path: &std::path::Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn scores_outputs_of_another_system_and_emits_json() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("tiny");
    write(
        &set.join("set.json"),
        r#"{"name": "tiny", "metric": "syllable_accuracy", "target": 0.99}"#,
    );
    write(&set.join("a.gold.txt"), "Chuyển đổi số\nTổ chức");
    write(&set.join("a.input.txt"), "Chuyen doi so\nTo chuc");
    // 4 of 5 syllables right; 1 word error of 5.
    write(
        &dir.path().join("other/tiny/a.txt"),
        "Chuyển đối số\nTổ chức",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(["eval", "restore", "--json", "--set"])
        .arg(&set)
        .arg("--outputs")
        .arg(dir.path().join("other"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &v[0];
    assert_eq!(r["set"], "tiny");
    assert_eq!(r["system"], "other");
    assert_eq!(r["after"]["syllables"]["matched"], 4);
    assert_eq!(r["after"]["syllables"]["reference"], 5);
    assert_eq!(r["before"]["syllables"]["matched"], 0);
    assert_eq!(r["after"]["words"]["errors"], 1);
    assert!((r["value"].as_f64().unwrap() - 0.8).abs() < 1e-12);
    assert_eq!(r["met"], false);

    // --check turns a missed target into exit status 2; the table names the deciding metric.
    let out = Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(["eval", "restore", "--check", "--set"])
        .arg(&set)
        .arg("--outputs")
        .arg(dir.path().join("other"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("*syllable_accuracy"), "{table}");
    assert!(table.contains("80.00%"), "{table}");
}

#[test]
fn a_missing_output_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("tiny");
    write(
        &set.join("set.json"),
        r#"{"name": "tiny", "metric": "unchanged", "target": 0.999}"#,
    );
    write(&set.join("a.gold.txt"), "Kế hoạch");
    let out = Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(["eval", "restore", "--set"])
        .arg(&set)
        .arg("--outputs")
        .arg(dir.path().join("nowhere"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a.txt"));
}
