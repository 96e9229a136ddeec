//! The document's text before restoration, with where every word came from (page, box).

use std::ops::Range;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// A word's box on its page, in pixels from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BBox {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
}

impl BBox {
    /// The smallest box holding both boxes.
    pub fn union(self, other: BBox) -> BBox {
        let (x0, y0) = (self.x.min(other.x), self.y.min(other.y));
        let x1 = (self.x + self.w).max(other.x + other.w);
        let y1 = (self.y + self.h).max(other.y + other.h);
        BBox {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }
    }
}

/// Where a span of [`SourceText::text`] came from.
#[derive(Debug, Clone, PartialEq)]
pub struct WordOrigin {
    /// Byte range in [`SourceText::text`].
    pub span: Range<usize>,
    /// 1-based page number.
    pub page: usize,
    /// The word's box, when it came from OCR.
    pub bbox: Option<BBox>,
    /// OCR confidence 0-100, when it came from OCR.
    pub confidence: Option<f32>,
}

/// The whole document as one NFC string, pages joined by a form feed-free blank line,
/// with the origin of every OCR word so later stages can point back to the scan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceText {
    /// NFC text, lines separated by `\n`.
    pub text: String,
    /// Byte range of each page in `text`, in page order.
    pub pages: Vec<Range<usize>>,
    /// Origins of OCR words, sorted by `span.start`; empty for text input.
    pub words: Vec<WordOrigin>,
}

impl SourceText {
    /// Text input: one page, no boxes. Line endings are normalised to `\n`, a BOM is dropped,
    /// and the text is put in NFC so that decomposed input compares equal to composed.
    pub fn from_plain(text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text: String = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .nfc()
            .collect();
        let len = text.len();
        SourceText {
            text,
            pages: std::iter::once(0..len).collect(),
            words: Vec::new(),
        }
    }

    /// The origin of the word covering byte `offset`, if it came from OCR.
    pub fn origin_at(&self, offset: usize) -> Option<&WordOrigin> {
        let i = self.words.partition_point(|w| w.span.end <= offset);
        self.words.get(i).filter(|w| w.span.start <= offset)
    }

    /// 1-based page holding byte `offset`.
    pub fn page_at(&self, offset: usize) -> usize {
        self.pages
            .partition_point(|p| p.end < offset)
            .min(self.pages.len().saturating_sub(1))
            + 1
    }
}

/// Byte ranges of the whitespace-separated runs of `text`. Restoration never adds, drops or
/// moves whitespace, so the n-th run of the restored text is the restored form of the n-th
/// run of the source text.
pub fn runs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_nfc_with_unix_lines() {
        // "Số" written with a combining acute over "ô".
        let s = SourceText::from_plain("\u{feff}S\u{00f4}\u{0301}\r\n161");
        assert_eq!(s.text, "Số\n161");
        assert_eq!((s.pages.len(), s.pages[0].end), (1, s.text.len()));
        assert_eq!(s.page_at(3), 1);
    }

    #[test]
    fn origin_lookup_finds_covering_word() {
        let s = SourceText {
            text: "ab cd".into(),
            pages: std::iter::once(0..5).collect(),
            words: vec![
                WordOrigin {
                    span: 0..2,
                    page: 1,
                    bbox: None,
                    confidence: Some(90.0),
                },
                WordOrigin {
                    span: 3..5,
                    page: 1,
                    bbox: None,
                    confidence: Some(80.0),
                },
            ],
        };
        assert_eq!(s.origin_at(4).unwrap().span, 3..5);
        assert!(s.origin_at(2).is_none());
    }
}
