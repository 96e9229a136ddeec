//! `sohoa export`: the metadata table of real records (the sample plans) as CSV, JSON and XLSX.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

fn sohoa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Records of the three sample plans (text inputs), made once.
fn records() -> &'static Path {
    static FILE: OnceLock<std::path::PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let out = dir.join("records.jsonl");
        let text = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/text");
        let o = sohoa(&[
            "process",
            text.to_str().unwrap(),
            "-q",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        out
    })
}

fn export(format: &str) -> (Vec<u8>, Output) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("table.{format}"));
    let o = sohoa(&[
        "export",
        records().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    (std::fs::read(&out).unwrap_or_default(), o)
}

/// The Thái Bình plan's row, as JSON; its header reads "Số: 161/KH-UBND" and
/// "Thái Bình, ngày 11 tháng 12 năm 2023".
fn thai_binh(rows: &Value) -> &Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["source_path"]
                .as_str()
                .unwrap()
                .ends_with("thai-binh-2023-plan.txt")
        })
        .expect("the Thái Bình plan has a row")
}

#[test]
fn json_rows_have_english_keys_split_symbol_and_both_dates() {
    let (bytes, o) = export("json");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rows: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);
    let row = thai_binh(&rows);
    assert_eq!(row["number"], "161");
    assert_eq!(row["symbol"], "KH-UBND");
    assert_eq!(row["date"], "11/12/2023");
    assert_eq!(row["date_iso"], "2023-12-11");
    assert_eq!(row["doc_type"], "Kế hoạch");
    assert_eq!(row["language"], "Tiếng Việt");
    // An archivist's columns are there and empty; a text input has no PDF.
    for key in ["file_code", "retention", "access", "pdf_file"] {
        assert_eq!(row[key], "", "{key}");
    }
    assert!(row["review_count"].is_u64());
    let lowest = row["lowest_confidence"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&lowest));
}

#[test]
fn csv_has_vietnamese_headers_and_one_line_per_record() {
    let (bytes, o) = export("csv");
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(bytes).unwrap();
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte order mark for spreadsheets");
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 4);
    for header in [
        "Tên loại văn bản",
        "Số của văn bản",
        "Ký hiệu của văn bản",
        "Mã hồ sơ",
        "Thời hạn lưu trữ",
        "Mức độ tiếp cận",
    ] {
        assert!(lines[0].contains(header), "{header}");
    }
    assert!(lines
        .iter()
        .any(|l| l.contains(",161,KH-UBND,11/12/2023,2023-12-11,")));
}

#[test]
fn xlsx_is_a_workbook_with_the_same_headers() {
    let (bytes, o) = export("xlsx");
    assert_eq!(o.status.code(), Some(0));
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip container");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let strings = Command::new("unzip")
        .args(["-p", path.to_str().unwrap(), "xl/sharedStrings.xml"])
        .output()
        .unwrap();
    let strings = String::from_utf8(strings.stdout).unwrap();
    for s in ["Số của văn bản", "KH-UBND", "11/12/2023", "Kế hoạch"] {
        assert!(strings.contains(s), "{s} missing from the workbook");
    }
}

#[test]
fn a_line_that_is_not_a_record_is_named_and_the_rest_exported() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("r.jsonl");
    let mut text = std::fs::read_to_string(records()).unwrap();
    text.push_str("{\"truncated\": \n");
    std::fs::write(&input, text).unwrap();
    let out = dir.path().join("t.json");
    let o = sohoa(&[
        "export",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("r.jsonl:4"));
    let rows: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);
    let o = sohoa(&["export", input.to_str().unwrap(), "-o", "t.docx"]);
    assert_eq!(o.status.code(), Some(1));
}
