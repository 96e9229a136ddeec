//! `sohoa export`: the metadata table of a run's records (CSV, XLSX or JSON) for archive
//! software to import; the columns are in `sohoa_core::emit::table`.

use std::path::{Path, PathBuf};

use serde_json::Value;
use sohoa_core::emit::table::{self, Cell, COLUMNS};

use super::Exit;

/// The table's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// UTF-8 CSV with a byte order mark, Vietnamese headers.
    Csv,
    /// Excel workbook, Vietnamese headers.
    Xlsx,
    /// JSON array of objects with English keys.
    Json,
}

/// Export the metadata table of records (one row per document, the fields of Decree 30
/// Appendix VI and the digitisation circulars) as CSV, XLSX or JSON.
#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct Args {
    /// Records: a JSON Lines file (`sohoa process -o FILE`) or a directory of record files
    /// (`sohoa process -o DIR/`).
    records: PathBuf,
    /// Table format (default: from the output's extension).
    #[arg(long, value_enum)]
    format: Option<TableFormat>,
    /// The table file to write.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

/// Runs `sohoa export`.
pub fn run(args: Args) -> Exit {
    let format = match args.format.or_else(|| from_extension(&args.output)) {
        Some(f) => f,
        None => {
            return super::fatal(format!(
                "{}: cannot tell the table format from the name; give --format csv|xlsx|json",
                args.output.display()
            ))
        }
    };
    let (records, bad) = match read_records(&args.records) {
        Ok(r) => r,
        Err(e) => return super::fatal(e),
    };
    let rows: Vec<Vec<Cell>> = records.iter().map(table::row).collect();
    let bytes = match format {
        TableFormat::Csv => table::csv(&rows).into_bytes(),
        TableFormat::Json => table::json(&rows).into_bytes(),
        TableFormat::Xlsx => match xlsx(&rows) {
            Ok(b) => b,
            Err(e) => return super::fatal(format!("cannot make the workbook: {e}")),
        },
    };
    if let Err(e) = sohoa_core::record::write::write_atomic(&args.output, &bytes) {
        return super::fatal(format!("cannot write {}: {e}", args.output.display()));
    }
    Exit::finished(bad == 0)
}

fn from_extension(path: &Path) -> Option<TableFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "csv" => Some(TableFormat::Csv),
        "xlsx" => Some(TableFormat::Xlsx),
        "json" => Some(TableFormat::Json),
        _ => None,
    }
}

/// The records of a JSON Lines file or a directory of `.json` files, in order; a line or file
/// that is not a record is reported on stderr (with its line number) and counted, not fatal.
fn read_records(path: &Path) -> Result<(Vec<Value>, usize), String> {
    let mut records = Vec::new();
    let mut bad = 0;
    let mut take = |where_: String, text: &str| match serde_json::from_str::<Value>(text) {
        Ok(v) if v.get("source").is_some() && v.get("status").is_some() => records.push(v),
        Ok(_) => {
            bad += 1;
            eprintln!("sohoa export: {where_}: not a sohoa record");
        }
        Err(e) => {
            bad += 1;
            eprintln!("sohoa export: {where_}: not JSON: {e}");
        }
    };
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                name.ends_with(".json") && !name.ends_with(".manifest.json")
            })
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f)
                .map_err(|e| format!("cannot read {}: {e}", f.display()))?;
            take(f.display().to_string(), &text);
        }
    } else {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for (i, line) in text.lines().enumerate() {
            if !line.trim().is_empty() {
                take(format!("{}:{}", path.display(), i + 1), line);
            }
        }
    }
    Ok((records, bad))
}

/// One sheet: bold Vietnamese headers, frozen, then the rows (numbers as numbers).
fn xlsx(rows: &[Vec<Cell>]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Văn bản")?;
    let bold = Format::new().set_bold().set_text_wrap();
    for (c, col) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, col.header, &bold)?;
        sheet.set_column_width(c as u16, 18)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) if s.is_empty() => {}
                Cell::Text(s) => {
                    sheet.write_string(r, c, s)?;
                }
                Cell::Int(n) => {
                    sheet.write_number(r, c, *n as f64)?;
                }
                Cell::Float(f) => {
                    sheet.write_number(r, c, (f * 100.0).round() / 100.0)?;
                }
            }
        }
    }
    book.save_to_buffer()
}
