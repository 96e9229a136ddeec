//! A PDF page's text layer → [`OcrPage`]: the layer's lines put in reading order and laid out
//! as an OCR'd page is (one line per printed line, the header's and footer's table columns
//! whole, [`super::reading`]), each word keeping its box; no word has an OCR confidence.

use super::reading::{self, LineWord, OcrLine};
use super::OcrPage;
use crate::ingest::TextLayer;

/// The page read from its text layer.
pub fn page(number: usize, layer: &TextLayer) -> OcrPage {
    let lines: Vec<OcrLine> = layer
        .lines
        .iter()
        .filter(|l| !l.words.is_empty())
        .map(|l| OcrLine {
            block: 0,
            para: 0,
            bbox: l
                .words
                .iter()
                .skip(1)
                .fold(l.words[0].bbox, |a, w| a.union(w.bbox)),
            words: l
                .words
                .iter()
                .map(|w| LineWord {
                    text: w.text.clone(),
                    bbox: w.bbox,
                    // The layer states its text; no engine weighed it. Kept out of the
                    // record's confidences by `from_text_layer`.
                    confidence: 100.0,
                })
                .collect(),
        })
        .collect();
    let (text, words) = reading::assemble(&reading::reading_order(lines));
    OcrPage {
        number,
        text,
        words,
        mean_confidence: 0.0,
        width: layer.width,
        height: layer.height,
        dpi: Some(layer.dpi),
        from_text_layer: true,
        preprocessing: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::layer::{LayerLine, LayerWord};
    use crate::text::BBox;

    fn word(text: &str, x: u32, y: u32) -> LayerWord {
        LayerWord {
            text: text.into(),
            bbox: BBox {
                x,
                y,
                w: 20 * text.chars().count() as u32,
                h: 50,
            },
        }
    }

    #[test]
    fn a_header_row_shown_as_one_line_comes_out_column_by_column() {
        let layer = TextLayer {
            lines: vec![
                LayerLine {
                    words: vec![
                        word("ỦY", 400, 230),
                        word("BAN", 455, 230),
                        word("CỘNG", 1200, 230),
                    ],
                },
                LayerLine {
                    words: vec![
                        word("Số:", 430, 300),
                        word("161/KH-UBND", 505, 300),
                        word("Độc", 1250, 300),
                    ],
                },
            ],
            width: 2480,
            height: 3508,
            dpi: 300,
        };
        let p = page(3, &layer);
        assert_eq!(p.text, "ỦY BAN\nSố: 161/KH-UBND\nCỘNG\nĐộc");
        assert!(p.from_text_layer);
        let code = p.words.iter().find(|w| w.text == "161/KH-UBND").unwrap();
        assert_eq!(&p.text[code.span.clone()], "161/KH-UBND");
        assert_eq!((code.bbox.x, code.bbox.y), (505, 300));
    }
}
