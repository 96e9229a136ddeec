//! The metadata table archives import: one row per record with the fields of a document's
//! metadata that Decree 30/2020/NĐ-CP (Appendix VI) and the digitisation circulars of the
//! Ministry of Home Affairs (Thông tư 02/2019/TT-BNV, Appendix I; Thông tư 05/2025/TT-BNV)
//! ask for, as far as a record can fill them. Columns only an archivist can fill (file code,
//! retention, access regime, ...) are present and empty; the last columns say how sure sohoa
//! is of the row. `README.md` lists where each column comes from.
//!
//! Rows are read from records as JSON values, so a record written by another sohoa version
//! with more or fewer fields still gives its row.

use std::path::Path;

use serde_json::Value;

use super::Format;

/// One column: its Vietnamese header (CSV, XLSX) and English key (JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Header as Vietnamese archive software shows it.
    pub header: &'static str,
    /// Key in the JSON export.
    pub key: &'static str,
}

const fn col(header: &'static str, key: &'static str) -> Column {
    Column { header, key }
}

/// The columns, in order.
pub const COLUMNS: [Column; 27] = [
    col("Mã hồ sơ", "file_code"),
    col("Số thứ tự văn bản trong hồ sơ", "order_in_file"),
    col("Tên loại văn bản", "doc_type"),
    col("Số của văn bản", "number"),
    col("Ký hiệu của văn bản", "symbol"),
    col("Ngày tháng năm văn bản", "date"),
    col("Ngày tháng năm văn bản (ISO 8601)", "date_iso"),
    col("Tên cơ quan, tổ chức ban hành văn bản", "issuer"),
    col("Trích yếu nội dung", "summary"),
    col("Người ký", "signer"),
    col("Chức vụ người ký", "signer_title"),
    col("Số lượng trang", "pages"),
    col("Ngôn ngữ", "language"),
    col("Tệp văn bản số hóa (PDF/A)", "pdf_file"),
    col("Thời hạn lưu trữ", "retention"),
    col("Mức độ tiếp cận", "access"),
    col("Ký hiệu thông tin", "information_code"),
    col("Từ khóa", "keywords"),
    col("Mức độ tin cậy", "reliability"),
    col("Bút tích", "annotations"),
    col("Tình trạng vật lý", "physical_state"),
    col("Ghi chú", "notes"),
    col("Tệp gốc", "source_path"),
    col("Mã băm SHA-256 của tệp gốc", "source_sha256"),
    col("Trạng thái xử lý", "status"),
    col("Số từ cần soát lại", "review_count"),
    col("Độ tin cậy thấp nhất", "lowest_confidence"),
];

/// A cell: text, a whole number or a fraction (kept apart so a spreadsheet gets numbers).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text; empty for a field nobody filled.
    Text(String),
    /// A count.
    Int(u64),
    /// A fraction 0-1.
    Float(f64),
}

impl Cell {
    /// The cell as CSV or JSON text would show it.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(f) => format!("{f:.2}"),
        }
    }
}

/// `161/KH-UBND` → (`161`, `KH-UBND`); a party document's `02-NQ/TU` → (`02`, `NQ/TU`); the year of a legal document's number
/// (`01/2011/TT-BNV`) belongs to its date, not its symbol; a blank number (`/HD-STTTT`) stays
/// blank; a value with no `/` is a number if it has digits only, else a symbol.
pub fn split_number(s: &str) -> (String, String) {
    let s = s.trim();
    let Some((number, rest)) = s.split_once('/') else {
        return if s.chars().all(|c| c.is_ascii_digit()) {
            (s.to_string(), String::new())
        } else {
            (String::new(), s.to_string())
        };
    };
    // A party document's number carries its type (`02-NQ/TU`): the number is the digits.
    if let Some((digits, kind)) = number.split_once('-') {
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            return (
                digits.to_string(),
                format!("{}/{}", kind.trim(), rest.trim()),
            );
        }
    }
    let rest = match rest.split_once('/') {
        Some((year, symbol)) if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) => {
            symbol
        }
        _ => rest,
    };
    (number.trim().to_string(), rest.trim().to_string())
}

/// ISO `yyyy-mm-dd` → `dd/mm/yyyy`; anything else is returned as it is.
pub fn vn_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

fn text(v: &Value, path: &[&str]) -> String {
    let mut cur = v;
    for key in path {
        match cur.get(key) {
            Some(next) => cur = next,
            None => return String::new(),
        }
    }
    cur.as_str().map(str::trim).unwrap_or_default().to_string()
}

/// The row of one record. `pdf_file` names its PDF/A (empty when none was made for it).
pub fn row(record: &Value) -> Vec<Cell> {
    let header = |k: &str| text(record, &["header", k]);
    let (number, symbol) = split_number(&header("number"));
    let date_iso = header("date");
    let status = text(record, &["status"]);
    let path = text(record, &["source", "path"]);
    let image_like = record.get("ocr").is_some_and(|o| !o.is_null()) && status != "failed";
    let pdf_file = if image_like && !path.is_empty() {
        super::file_path(Path::new(""), Path::new(&path), Format::Pdfa)
            .to_string_lossy()
            .into_owned()
    } else {
        String::new()
    };
    let review = record.get("restoration").and_then(|r| r.get("review"));
    let review_count = record
        .get("restoration")
        .and_then(|r| r.get("uncertain"))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    // The lowest confidence among the tokens sent for review; 1 when none was.
    let lowest = review
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| t.get("confidence")?.as_f64())
        .fold(1.0f64, f64::min);
    let pages = record
        .get("source")
        .and_then(|s| s.get("pages"))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let empty = || Cell::Text(String::new());
    let t = Cell::Text;
    vec![
        empty(),
        empty(),
        t(header("doc_type")),
        t(number),
        t(symbol),
        t(vn_date(&date_iso)),
        t(date_iso),
        t(header("issuer")),
        t(header("title")),
        t(text(record, &["signer", "name"])),
        t(text(record, &["signer", "title"])),
        Cell::Int(pages),
        t(if status == "failed" {
            String::new()
        } else {
            "Tiếng Việt".to_string()
        }),
        t(pdf_file),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        t(path),
        t(text(record, &["id"])),
        t(status),
        Cell::Int(review_count),
        Cell::Float(lowest),
    ]
}

/// CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheet programs read Vietnamese):
/// the Vietnamese headers, then one line per row.
pub fn csv(rows: &[Vec<Cell>]) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| cells.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",");
    out.push_str(&line(
        COLUMNS.iter().map(|c| c.header.to_string()).collect(),
    ));
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&line(row.iter().map(Cell::as_text).collect()));
        out.push_str("\r\n");
    }
    out
}

/// JSON: an array of objects with the English keys (numbers as numbers, empty fields as "").
pub fn json(rows: &[Vec<Cell>]) -> String {
    let objects: Vec<Value> = rows
        .iter()
        .map(|row| {
            let map = COLUMNS
                .iter()
                .zip(row)
                .map(|(c, cell)| {
                    let v = match cell {
                        Cell::Text(s) => Value::from(s.as_str()),
                        Cell::Int(n) => Value::from(*n),
                        Cell::Float(f) => Value::from((f * 100.0).round() / 100.0),
                    };
                    (c.key.to_string(), v)
                })
                .collect::<serde_json::Map<_, _>>();
            Value::Object(map)
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&Value::Array(objects)).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_and_symbol_split_as_archives_file_them() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(split_number("161/KH-UBND"), pair("161", "KH-UBND"));
        assert_eq!(split_number("01/2011/TT-BNV"), pair("01", "TT-BNV"));
        assert_eq!(split_number("/HD-STTTT"), pair("", "HD-STTTT"));
        assert_eq!(split_number("02-NQ/TU"), pair("02", "NQ/TU"));
        assert_eq!(split_number("45"), pair("45", ""));
        assert_eq!(split_number(""), pair("", ""));
    }

    #[test]
    fn dates_are_day_month_year() {
        assert_eq!(vn_date("2023-03-05"), "05/03/2023");
        assert_eq!(vn_date(""), "");
    }
}
