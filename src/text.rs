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

    /// OCR'd pages in order: page texts joined by a blank line, each word's span shifted into
    /// the joined text with its page, box and confidence. Text-layer pages contribute text
    /// only (NFC, `\n` line endings).
    pub fn from_ocr_pages(pages: &[crate::ocr::OcrPage]) -> Self {
        let mut out = SourceText::default();
        for page in pages {
            if !out.text.is_empty() {
                out.text.push_str("\n\n");
            }
            let start = out.text.len();
            if page.from_text_layer {
                out.text.push_str(&SourceText::from_plain(&page.text).text);
            } else {
                // OCR text is NFC already and word spans index into it as it is.
                out.text.push_str(&page.text);
                out.words.extend(page.words.iter().map(|w| WordOrigin {
                    span: start + w.span.start..start + w.span.end,
                    page: page.number,
                    bbox: Some(w.bbox),
                    confidence: Some(w.confidence),
                }));
            }
            out.pages.push(start..out.text.len());
        }
        out
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
    fn ocr_pages_join_with_word_origins() {
        use crate::ocr::{OcrPage, OcrWord};
        let word = |text: &str, span: Range<usize>, x: u32| OcrWord {
            text: text.into(),
            bbox: BBox {
                x,
                y: 5,
                w: 40,
                h: 20,
            },
            confidence: 91.0,
            span,
        };
        let p1 = OcrPage {
            number: 1,
            text: "Kế hoạch".into(),
            words: vec![word("Kế", 0..4, 10), word("hoạch", 5..12, 60)],
            mean_confidence: 91.0,
            width: 100,
            height: 100,
            dpi: Some(300),
            from_text_layer: false,
        };
        let p2 = OcrPage {
            number: 2,
            text: "số 161".into(),
            words: vec![word("số", 0..4, 10), word("161", 5..8, 50)],
            ..p1.clone()
        };
        let s = SourceText::from_ocr_pages(&[p1, p2]);
        assert_eq!(s.text, "Kế hoạch\n\nsố 161");
        assert_eq!(s.pages, vec![0..12, 14..22]);
        for w in &s.words {
            assert!(s.text.is_char_boundary(w.span.start) && s.text.is_char_boundary(w.span.end));
        }
        for w in &s.words {
            let page = s.page_at(w.span.start);
            assert_eq!(page, w.page);
        }
        let o = s.origin_at(s.text.find("161").unwrap()).unwrap();
        assert_eq!((&s.text[o.span.clone()], o.page), ("161", 2));
        assert_eq!(o.bbox.unwrap().x, 50);
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
