//! The restored document laid out on its pages: every OCR word with its box, its OCR reading
//! and confidence, and the restored form that replaced it, grouped into blocks and lines.
//!
//! Restoration never adds, drops or moves whitespace (it copies the text between tokens and
//! rewrites only inside them), so the n-th whitespace-separated run of the restored text is the
//! restored form of the n-th run of the source text; an OCR word is one such run.

use std::ops::Range;

use crate::ocr::OcrSummary;
use crate::restore::RestoredText;
use crate::text::{runs, BBox, SourceText};

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
    /// Lays the restored text of an OCR'd document out on its pages. When the two texts do not
    /// split into the same number of runs (restoration changed the whitespace, which it never
    /// should), every word keeps its OCR reading rather than take another word's form.
    pub fn build(source: &SourceText, restored: &RestoredText, ocr: &OcrSummary) -> Layout {
        let src_runs = runs(&source.text);
        let out_runs = runs(&restored.text);
        let aligned = src_runs.len() == out_runs.len();
        let restored_of = |span: &Range<usize>| -> Option<Range<usize>> {
            let i = src_runs.partition_point(|r| r.start < span.start);
            (aligned && src_runs.get(i).is_some_and(|r| r.end == span.end))
                .then(|| out_runs[i].clone())
        };
        // The restored byte range of a source range [start, end): from the first run starting
        // at or after `start` to the last run ending at or before `end`.
        let restored_range = |range: &Range<usize>| -> Range<usize> {
            let (src, out) = if aligned {
                (&src_runs, &out_runs)
            } else {
                (&src_runs, &src_runs)
            };
            let first = src.partition_point(|r| r.start < range.start);
            let last = src.partition_point(|r| r.end <= range.end);
            if first >= last {
                return 0..0;
            }
            out[first].start..out[last - 1].end
        };
        let text_of = |r: Range<usize>| -> String {
            if aligned {
                restored.text[r].to_string()
            } else {
                source.text[r].to_string()
            }
        };
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
                text: text_of(restored_range(range)),
            };
            let mut last_end: Option<usize> = None;
            while let Some(origin) = source.words.get(word_at) {
                if origin.span.start >= range.end {
                    break;
                }
                word_at += 1;
                let Some(bbox) = origin.bbox else { continue };
                let ocr_form = &source.text[origin.span.clone()];
                let (text, restore_confidence) = match restored_of(&origin.span) {
                    Some(out) => {
                        let conf = restored
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
                        (restored.text[out].to_string(), conf)
                    }
                    None => (ocr_form.to_string(), 1.0),
                };
                let gap = last_end.map(|e| &source.text[e..origin.span.start]);
                last_end = Some(origin.span.end);
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
