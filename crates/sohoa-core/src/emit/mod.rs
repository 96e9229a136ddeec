//! Emit: the archival deliverables of one document beside its record — a searchable PDF/A-2b
//! of the scan with the restored text ([`pdfa`]), ALTO 4 ([`alto`]) and hOCR ([`hocr`]) with
//! every word's box, OCR confidence and restored form, and plain text per page ([`txt`]).
//!
//! [`layout`] puts each restored word back on its page and box; [`image`] turns a page image
//! into a PDF image as it was scanned. Only OCR'd documents have pages to emit: a text input
//! gets nothing.

pub mod alto;
mod emitter;
pub mod hocr;
pub mod image;
pub mod layout;
mod offsets;
pub mod pdfa;
pub mod table;
pub mod txt;
mod xml;

use std::path::{Path, PathBuf};

use crate::record::Record;
pub use emitter::Emitter;
pub use layout::Layout;

/// One kind of deliverable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Searchable PDF/A-2b (`.pdf`).
    Pdfa,
    /// ALTO 4.4 XML (`.alto.xml`).
    Alto,
    /// hOCR (`.hocr`).
    Hocr,
    /// Plain text, pages separated by form feeds (`.txt`).
    Txt,
}

impl Format {
    /// Every format, in the order they are written.
    pub const ALL: [Format; 4] = [Format::Txt, Format::Hocr, Format::Alto, Format::Pdfa];

    /// The format named `name` on the command line (`pdfa`, `alto`, `hocr`, `txt`).
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim() {
            "pdfa" | "pdf" => Some(Format::Pdfa),
            "alto" => Some(Format::Alto),
            "hocr" => Some(Format::Hocr),
            "txt" | "text" => Some(Format::Txt),
            _ => None,
        }
    }

    /// What the file name ends with.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdfa => ".pdf",
            Format::Alto => ".alto.xml",
            Format::Hocr => ".hocr",
            Format::Txt => ".txt",
        }
    }
}

/// Where a document's deliverable of `format` goes in `dir`: named after its input path as the
/// directory output names records (`scans/2023/a.tif` → `scans__2023__a.tif.pdf`).
pub fn file_path(dir: &Path, input: &Path, format: Format) -> PathBuf {
    dir.join(format!("{}{}", stem(input), format.extension()))
}

/// The sidecar beside the files of `input` in `dir` that says what made them (the input's hash
/// and the run's fingerprint): `--resume` reuses the files only when it matches.
pub fn sidecar_path(dir: &Path, input: &Path) -> PathBuf {
    dir.join(format!("{}.emit.json", stem(input)))
}

/// The name every deliverable of `input` starts with: the input path flattened as the
/// directory output flattens it (`scans/a.tif` → `scans__a.tif`). Where flattening could give
/// two inputs one name — a part holding `__` or starting or ending with `_` (`a/b` and `a__b`),
/// a character replaced (`a:b` and `a?b`), a name that is not UTF-8 — the stem ends with `~`
/// and 8 hex digits of the SHA-256 of the whole path's bytes, so each input keeps its own
/// files whatever else the run holds, and the same input always gets the same name.
fn stem(input: &Path) -> String {
    let name = crate::record::write::file_name_for(input);
    let stem = name.strip_suffix(".json").unwrap_or(&name);
    let ambiguous = input.components().any(|c| {
        let std::path::Component::Normal(part) = c else {
            return false;
        };
        let Some(part) = part.to_str() else {
            return true;
        };
        part.contains("__")
            || part.starts_with('_')
            || part.ends_with('_')
            || part.chars().any(|c| {
                c.is_control() || matches!(c, '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
            })
    });
    if !ambiguous {
        return stem.to_string();
    }
    let hash = crate::record::fingerprint::short_sha256(input.as_os_str().as_encoded_bytes());
    format!("{stem}~{}", &hash[..8])
}

/// What the files say about the document: taken from its record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocumentInfo {
    /// The input's SHA-256 (the record `id`).
    pub id: String,
    /// The input file's name.
    pub source_name: String,
    /// Summary of content (trích yếu), when found.
    pub title: Option<String>,
    /// Type name (e.g. "Kế hoạch"), when found.
    pub doc_type: Option<String>,
    /// Number and symbol (e.g. "161/KH-UBND"), when found.
    pub number: Option<String>,
    /// Issuing body, when found.
    pub issuer: Option<String>,
    /// Date of issue, ISO 8601, when found.
    pub date: Option<String>,
    /// The sohoa version that made the files.
    pub software: String,
    /// The OCR engine and version.
    pub ocr_engine: String,
}

impl DocumentInfo {
    /// The deliverables' metadata from a record.
    pub fn from_record(record: &Record) -> DocumentInfo {
        let h = &record.segmented.header;
        let nonempty = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
        DocumentInfo {
            id: record.id.clone(),
            source_name: record
                .source
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            title: nonempty(&h.title),
            doc_type: nonempty(&h.doc_type),
            number: nonempty(&h.number),
            issuer: nonempty(&h.issuer),
            date: nonempty(&h.date),
            software: crate::PIPELINE_VERSION.to_string(),
            ocr_engine: record
                .ocr
                .as_ref()
                .map_or_else(|| "tesseract".to_string(), |o| o.engine.clone()),
        }
    }

    /// Type name and number, e.g. "Kế hoạch 161/KH-UBND", when either is known.
    pub fn subject(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.doc_type, &self.number]
            .into_iter()
            .filter_map(|s| s.as_deref())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// The title, else the type and number, else the input file's name.
    pub fn title_or_name(&self) -> String {
        self.title
            .clone()
            .or_else(|| self.subject())
            .unwrap_or_else(|| self.source_name.clone())
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn inputs_that_flatten_alike_keep_their_own_files() {
        let dir = Path::new("out");
        let name = |p: &Path| file_path(dir, p, Format::Txt);
        // The usual case keeps its plain name.
        assert_eq!(name(Path::new("scans/a.tif")), dir.join("scans__a.tif.txt"));
        for (a, b) in [
            ("a/b.tif", "a__b.tif"),
            ("a_/b.tif", "a/_b.tif"),
            ("x/a:b.png", "x/a?b.png"),
        ] {
            let (na, nb) = (name(Path::new(a)), name(Path::new(b)));
            assert_ne!(na, nb, "{a} and {b}");
            // Deterministic: the same input, the same name.
            assert_eq!(na, name(Path::new(a)));
        }
        let latin1 = |byte: u8| {
            let mut v = b"caf".to_vec();
            v.extend([byte, b'.', b'p', b'n', b'g']);
            std::path::PathBuf::from(std::ffi::OsStr::from_bytes(&v))
        };
        assert_ne!(name(&latin1(0xe9)), name(&latin1(0xe8)));
        assert_ne!(
            sidecar_path(dir, Path::new("a/b.tif")),
            sidecar_path(dir, Path::new("a__b.tif"))
        );
    }
}
