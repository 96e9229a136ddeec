//! OCR pages → the document's [`SourceText`]: page texts joined, each word keeping its page,
//! box and confidence (OCR depends on `text`; `text` depends on no stage).

use crate::text::{SourceText, WordOrigin};

use super::OcrPage;

/// OCR'd pages in order: page texts joined by a line break, each word's span shifted into
/// the joined text with its page, box and confidence. A page read from a PDF text layer
/// gives its words' pages and boxes but no confidence; a page of plain text (no words) gives
/// its text only (NFC, `\n` line endings).
pub fn source_text(pages: &[OcrPage]) -> SourceText {
    let mut out = SourceText::default();
    for page in pages {
        // A page break is a line break: a paragraph or list running over onto the next page
        // must stay one (a blank line would end it, and typed text has none there).
        if !out.text.is_empty() {
            out.text.push('\n');
        }
        let start = out.text.len();
        if page.from_text_layer && page.words.is_empty() {
            out.text.push_str(&SourceText::from_plain(&page.text).text);
        } else {
            // OCR and layer text is NFC already and word spans index into it as it is.
            out.text.push_str(&page.text);
            out.words.extend(page.words.iter().map(|w| WordOrigin {
                span: start + w.span.start..start + w.span.end,
                page: page.number,
                bbox: Some(w.bbox),
                confidence: (!page.from_text_layer).then_some(w.confidence),
            }));
        }
        out.pages.push(start..out.text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::OcrWord;
    use crate::text::BBox;
    use std::ops::Range;

    #[test]
    fn ocr_pages_join_with_word_origins() {
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
            preprocessing: Vec::new(),
        };
        let p2 = OcrPage {
            number: 2,
            text: "số 161".into(),
            words: vec![word("số", 0..4, 10), word("161", 5..8, 50)],
            ..p1.clone()
        };
        let s = source_text(&[p1, p2]);
        assert_eq!(s.text, "Kế hoạch\nsố 161");
        assert_eq!(s.pages, vec![0..12, 13..21]);
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
}
