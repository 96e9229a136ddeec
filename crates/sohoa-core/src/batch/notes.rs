//! Notes on inputs that may not be documents at all, written into the record's `source.notes`
//! so an operator can find them: a file whose content contradicts its extension, and a text
//! input that is not Vietnamese prose (a checksum list, METS XML, a CSV export), which would
//! otherwise be an `ok` record with every field null.

use std::path::Path;

use crate::ingest::MediaType;
use crate::restore::syllable::Syllable;

/// Below this share of Vietnamese syllables among its words, a text is not Vietnamese prose.
/// Running text of a plan is mostly syllables (numbers, codes and abbreviations are the rest);
/// a checksum list or XML has almost none.
const MIN_SYLLABLE_SHARE: f64 = 0.5;

/// Extensions that name one kind of document.
fn kind_of_extension(ext: &str) -> Option<MediaType> {
    Some(match ext {
        "png" => MediaType::Png,
        "jpg" | "jpeg" | "jpe" => MediaType::Jpeg,
        "tif" | "tiff" => MediaType::Tiff,
        "pdf" => MediaType::Pdf,
        "txt" | "text" => MediaType::Text,
        _ => return None,
    })
}

fn kind_name(kind: MediaType) -> &'static str {
    match kind {
        MediaType::Png => "image/png",
        MediaType::Jpeg => "image/jpeg",
        MediaType::Tiff => "image/tiff",
        MediaType::Pdf => "application/pdf",
        MediaType::Text => "text/plain",
    }
}

/// A note when the extension of `path` contradicts the `kind` its content was recognised as,
/// or is not a document's extension at all.
pub fn extension_note(path: &Path, kind: MediaType) -> Option<String> {
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    match kind_of_extension(&ext) {
        Some(claimed) if claimed == kind => None,
        Some(claimed) => Some(format!(
            "extension .{ext} says {}, but the content is {}",
            kind_name(claimed),
            kind_name(kind)
        )),
        None => Some(format!(
            "extension .{ext} is not a document's (.png, .jpg, .tif, .pdf, .txt); the content is {}",
            kind_name(kind)
        )),
    }
}

/// A note when `text` is not Vietnamese prose: fewer than half of its words read as
/// Vietnamese syllables (with or without their marks).
pub fn prose_note(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().take(20_000).collect();
    if words.is_empty() {
        return None;
    }
    let syllables = words
        .iter()
        .filter(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            !w.is_empty() && Syllable::parse(w).is_some()
        })
        .count();
    let share = syllables as f64 / words.len() as f64;
    (share < MIN_SYLLABLE_SHARE).then(|| {
        format!(
            "not Vietnamese prose: {:.0}% of its words are Vietnamese syllables",
            share * 100.0
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_are_prose_and_checksums_or_xml_are_not() {
        let plan = "KẾ HOẠCH Tổ chức phong trào thi đua năm 2023 của Ủy ban nhân dân tỉnh";
        assert_eq!(prose_note(plan), None);
        assert_eq!(
            prose_note("Ke hoach to chuc phong trao thi dua nam 2023"),
            None
        );
        let md5 = "d41d8cd98f00b204e9800998ecf8427e  scan-001.tif\n".repeat(5);
        assert!(prose_note(&md5)
            .unwrap()
            .starts_with("not Vietnamese prose: 0%"));
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?><mets:mets xmlns:mets="http://www.loc.gov/METS/"/>"#;
        assert!(prose_note(xml).is_some());
    }

    #[test]
    fn extensions_that_contradict_the_content_are_named() {
        assert_eq!(extension_note(Path::new("a.PDF"), MediaType::Pdf), None);
        assert_eq!(extension_note(Path::new("noext"), MediaType::Text), None);
        assert_eq!(
            extension_note(Path::new("scan.pdf"), MediaType::Png).unwrap(),
            "extension .pdf says application/pdf, but the content is image/png"
        );
        assert!(extension_note(Path::new("checksums.md5"), MediaType::Text)
            .unwrap()
            .starts_with("extension .md5 is not a document's"));
    }
}
