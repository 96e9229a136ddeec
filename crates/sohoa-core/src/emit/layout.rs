//! The restored document laid out on its pages: every OCR word with its box, its OCR reading
//! and confidence, and the restored form that replaced it, grouped into blocks and lines.
//!
//! Each OCR word's restored form is found through the restorer's tokens (`emit::offsets`): most
//! words are one token, but where noise cut a word in two and restoration joined it, the OCR
//! words of that one token become one word (its boxes joined), and where two words glued into
//! one OCR word were split again, that word's form holds both.

use std::ops::Range;

use super::offsets::OffsetMap;
use crate::ocr::OcrSummary;
use crate::restore::RestoredText;
use crate::text::{BBox, SourceText};

/// One OCR word and the form restoration gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Box on the page, in the scan's pixels.
    pub bbox: BBox,
    /// The word as Tesseract read it.
    pub ocr: String,
    /// The restored form (NFC).
    pub text: String,
    /// Tesseract's confidence, 0-100.
    pub ocr_confidence: f32,
    /// The restorer's confidence in `text`: the lowest of the word's tokens, 0-1.
    pub restore_confidence: f32,
}

/// Words of one text line, left to right as Tesseract read them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// The line's words.
    pub words: Vec<Word>,
}

/// Lines of one paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Block {
    /// The block's lines.
    pub lines: Vec<Line>,
}

/// One page as scanned, with its restored text.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 1-based page number.
    pub number: usize,
    /// Image width in pixels.
    pub width: u32,
    /// Image height in pixels.
    pub height: u32,
    /// Resolution the OCR stage used (declared, or guessed from an A4 width).
    pub dpi: u32,
    /// True when the page's text came from the PDF's own text layer (no boxes).
    pub from_text_layer: bool,
    /// Paragraphs of OCR words (empty for a text-layer page).
    pub blocks: Vec<Block>,
    /// The page's restored text, lines separated by `\n`.
    pub text: String,
}

/// The pages of one OCR'd document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// Pages that were read, in order.
    pub pages: Vec<Page>,
}

/// The smallest box holding every box of `boxes`.
pub fn union(boxes: impl IntoIterator<Item = BBox>) -> Option<BBox> {
    boxes.into_iter().reduce(BBox::union)
}

impl Line {
    /// The box around the line's words.
    pub fn bbox(&self) -> BBox {
        union(self.words.iter().map(|w| w.bbox)).unwrap_or(BBox {
            x: 0,
            y: 0,
            w: 0,
            h: 0,
        })
    }
}

impl Block {
    /// The box around the block's lines.
    pub fn bbox(&self) -> BBox {
        union(self.lines.iter().map(Line::bbox)).unwrap_or(BBox {
            x: 0,
            y: 0,
            w: 0,
            h: 0,
        })
    }
}

impl Layout {
    /// Lays the restored text of an OCR'd document out on its pages.
    pub fn build(source: &SourceText, restored: &RestoredText, ocr: &OcrSummary) -> Layout {
        let map = OffsetMap::new(&restored.tokens);
        let mut pages = Vec::with_capacity(ocr.pages.len());
        let mut word_at = 0;
        for (i, summary) in ocr.pages.iter().enumerate() {
            let Some(range) = source.pages.get(i) else {
                break;
            };
            let mut page = Page {
                number: summary.page,
                width: summary.width,
                height: summary.height,
                dpi: summary.dpi.unwrap_or(300).max(1),
                from_text_layer: summary.from_text_layer,
                blocks: Vec::new(),
                text: restored
                    .text
                    .get(map.range(range))
                    .unwrap_or_default()
                    .to_string(),
            };
            // The output range of the page's previous word: a word mapping into it was joined
            // to that word by restoration.
            let mut last_out: Option<Range<usize>> = None;
            let mut last_end: Option<usize> = None;
            while let Some(origin) = source.words.get(word_at) {
                if origin.span.start >= range.end {
                    break;
                }
                word_at += 1;
                let Some(bbox) = origin.bbox else { continue };
                let ocr_form = &source.text[origin.span.clone()];
                let out = map.range(&origin.span);
                let gap = last_end.map(|e| &source.text[e..origin.span.start]);
                last_end = Some(origin.span.end);
                if let (Some(prev), Some(word)) = (&last_out, last_word(&mut page)) {
                    if out.start < prev.end {
                        // Restoration joined this OCR word to the previous one.
                        word.bbox = word.bbox.union(bbox);
                        word.ocr = format!("{} {ocr_form}", word.ocr);
                        word.ocr_confidence =
                            word.ocr_confidence.min(origin.confidence.unwrap_or(0.0));
                        continue;
                    }
                }
                last_out = Some(out.clone());
                let restore_confidence = restored
                    .tokens
                    .iter()
                    .skip(
                        restored
                            .tokens
                            .partition_point(|t| t.output.end <= out.start),
                    )
                    .take_while(|t| t.output.start < out.end)
                    .map(|t| t.confidence)
                    .fold(1.0f32, f32::min);
                let text = restored
                    .text
                    .get(out)
                    .filter(|t| !t.is_empty())
                    .unwrap_or(ocr_form)
                    .to_string();
                if page.blocks.is_empty() || gap.is_some_and(|g| g.contains("\n\n")) {
                    page.blocks.push(Block::default());
                }
                let block = page.blocks.last_mut().expect("pushed above");
                if block.lines.is_empty() || gap.is_some_and(|g| g.contains('\n')) {
                    block.lines.push(Line::default());
                }
                block
                    .lines
                    .last_mut()
                    .expect("pushed above")
                    .words
                    .push(Word {
                        bbox,
                        ocr: ocr_form.to_string(),
                        text,
                        ocr_confidence: origin.confidence.unwrap_or(0.0),
                        restore_confidence,
                    });
            }
            pages.push(page);
        }
        Layout { pages }
    }

    /// Every word of the document, page by page.
    pub fn words(&self) -> impl Iterator<Item = (&Page, &Word)> {
        self.pages.iter().flat_map(|p| {
            p.blocks
                .iter()
                .flat_map(|b| &b.lines)
                .flat_map(|l| &l.words)
                .map(move |w| (p, w))
        })
    }
}

/// The last word laid out on `page`, if any.
fn last_word(page: &mut Page) -> Option<&mut Word> {
    page.blocks.last_mut()?.lines.last_mut()?.words.last_mut()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::{OcrPageSummary, TextSource};
    use crate::restore::RestoredToken;
    use crate::text::WordOrigin;

    /// A one-page OCR'd document of `text`, each word in a 10-pixel-high box of its own column
    /// on its line, and its restoration `output` with `pairs` (source form, restored form).
    fn layout(text: &str, output: &str, pairs: &[(&str, &str)]) -> Layout {
        let mut words = Vec::new();
        for (n, line) in text.split('\n').enumerate() {
            let line_start = line.as_ptr() as usize - text.as_ptr() as usize;
            for (col, run) in crate::text::runs(line).into_iter().enumerate() {
                words.push(WordOrigin {
                    span: line_start + run.start..line_start + run.end,
                    page: 1,
                    bbox: Some(BBox {
                        x: 100 * col as u32,
                        y: 20 * n as u32,
                        w: 80,
                        h: 10,
                    }),
                    confidence: Some(90.0),
                });
            }
        }
        let source = SourceText {
            text: text.to_string(),
            pages: std::iter::once(0..text.len()).collect(),
            words,
        };
        let tokens = pairs
            .iter()
            .map(|(from, to)| {
                let (s, o) = (text.find(from).unwrap(), output.find(to).unwrap());
                RestoredToken {
                    source: s..s + from.len(),
                    output: o..o + to.len(),
                    changed: from != to,
                    confidence: 0.9,
                    alternatives: Vec::new(),
                }
            })
            .collect();
        let restored = RestoredText {
            text: output.to_string(),
            tokens,
        };
        let ocr = OcrSummary {
            engine: "tesseract".into(),
            lang: "vie".into(),
            mean_confidence: Some(90.0),
            pages: vec![OcrPageSummary {
                page: 1,
                mean_confidence: Some(90.0),
                width: 1000,
                height: 1000,
                dpi: Some(300),
                words: 0,
                from_text_layer: false,
                text_source: TextSource::Ocr,
                preprocessing: Vec::new(),
            }],
        };
        Layout::build(&source, &restored, &ocr)
    }

    fn texts(layout: &Layout) -> Vec<(String, String, u32)> {
        layout
            .words()
            .map(|(_, w)| (w.ocr.clone(), w.text.clone(), w.bbox.w))
            .collect()
    }

    #[test]
    fn restoration_that_joins_or_splits_words_keeps_every_other_word_restored() {
        // Line 1: noise cut "nhiệm" in two OCR words; line 2: noise glued "có sẵn" into one.
        let text = "nhi ¢ém vu\ncosan la";
        let output = "nhiệm vụ\ncó sẵn là";
        let pairs = [
            ("nhi ¢ém", "nhiệm"),
            ("vu", "vụ"),
            ("cosan", "có sẵn"),
            ("la", "là"),
        ];
        let l = layout(text, output, &pairs);
        let want = [
            // The two halves become one word whose box spans both (x 0..180).
            ("nhi ¢ém", "nhiệm", 180),
            ("vu", "vụ", 80),
            ("cosan", "có sẵn", 80),
            ("la", "là", 80),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(o, t, w)| (o.to_string(), t.to_string(), *w))
            .collect();
        assert_eq!(texts(&l), want);
        assert_eq!(l.pages[0].text, output);
        assert_eq!(l.pages[0].blocks[0].lines.len(), 2);
    }
}
