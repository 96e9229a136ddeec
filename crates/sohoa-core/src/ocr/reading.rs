//! A page's text from Tesseract's lines, laid out as a typed document is: one line per printed
//! line, in reading order, no blank lines (Tesseract separates its blocks and paragraphs by
//! blank lines, which the segmenter, written for typed text, would take for the end of a title
//! or a paragraph).

use super::OcrWord;
use crate::text::BBox;

/// One word of a line as Tesseract read it.
#[derive(Debug, Clone, PartialEq)]
pub struct LineWord {
    /// The word (NFC).
    pub text: String,
    /// Its box on the page Tesseract read.
    pub bbox: BBox,
    /// Tesseract's confidence, 0-100.
    pub confidence: f32,
}

/// One printed line: its block and paragraph in Tesseract's layout analysis, its box, its words.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLine {
    /// Index of Tesseract's block (text region) on the page.
    pub block: usize,
    /// Index of Tesseract's paragraph on the page.
    pub para: usize,
    /// The line's box.
    pub bbox: BBox,
    /// Its words, left to right.
    pub words: Vec<LineWord>,
}

/// A gap between two words of one line wider than this many line heights is the gap between
/// two columns of a table (a word space is a third of a line height, and justification may
/// widen it to about one).
const COLUMN_GAP_LINE_HEIGHTS: f32 = 2.0;

/// The line cut into the runs of words that stand apart by a column gap.
fn column_pieces(line: &OcrLine) -> Vec<OcrLine> {
    let gap = line.bbox.h.max(1) as f32 * COLUMN_GAP_LINE_HEIGHTS;
    let mut pieces: Vec<OcrLine> = Vec::new();
    for w in &line.words {
        let starts_piece = match pieces.last().and_then(|p| p.words.last()) {
            Some(prev) => w.bbox.x as f32 - (prev.bbox.x + prev.bbox.w) as f32 > gap,
            None => true,
        };
        if starts_piece {
            pieces.push(OcrLine {
                words: Vec::new(),
                bbox: w.bbox,
                ..line.clone()
            });
        }
        if let Some(p) = pieces.last_mut() {
            p.bbox = union(p.bbox, w.bbox);
            p.words.push(w.clone());
        }
    }
    pieces
}

fn union(a: BBox, b: BBox) -> BBox {
    let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
    let (x1, y1) = ((a.x + a.w).max(b.x + b.w), (a.y + a.h).max(b.y + b.h));
    BBox {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    }
}

/// The lines in reading order. Tesseract reads a row of a two-column table (the header's
/// issuing body beside the national name, the number beside the place and date, the
/// recipients beside the signature block) as one line, or its columns as blocks in either
/// order; a typed copy and the segmenter read each column top to bottom, left first. Runs
/// of consecutive lines that fall apart at a column gap are cut into their pieces, and the
/// pieces left of the gap are given before those right of it.
pub fn reading_order(lines: Vec<OcrLine>) -> Vec<OcrLine> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let pieces = column_pieces(&lines[i]);
        if pieces.len() < 2 {
            out.push(lines[i].clone());
            i += 1;
            continue;
        }
        // A table: this line and the following ones that also fall apart at a gap.
        let mut rows = vec![pieces];
        let mut j = i + 1;
        while j < lines.len() {
            let next = column_pieces(&lines[j]);
            if next.len() < 2 {
                break;
            }
            rows.push(next);
            j += 1;
        }
        // The column boundary: the leftmost start of a right-hand piece.
        let boundary = rows
            .iter()
            .filter_map(|r| r.get(1).map(|p| p.bbox.x))
            .min()
            .unwrap_or(0);
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for row in rows {
            for p in row {
                if p.bbox.x < boundary {
                    left.push(p);
                } else {
                    right.push(p);
                }
            }
        }
        out.extend(left);
        out.extend(right);
        i = j;
    }
    out
}

/// Drops the lines that are dust, not print: no letter or digit, and a box smaller than a
/// letter of the page (Tesseract reads toner specks on a photocopy as lone "." and ":"
/// lines, which would break a title or paragraph apart). Rules and dash lines are wide, and
/// stay.
pub fn drop_specks(lines: Vec<OcrLine>) -> Vec<OcrLine> {
    let mut heights: Vec<u32> = lines.iter().map(|l| l.bbox.h).collect();
    heights.sort_unstable();
    let typical = heights.get(heights.len() / 2).copied().unwrap_or(0);
    lines
        .into_iter()
        .filter(|l| {
            let has_text = l
                .words
                .iter()
                .any(|w| w.text.chars().any(char::is_alphanumeric));
            has_text || l.bbox.w.max(l.bbox.h) >= typical
        })
        .collect()
}

/// The page text (lines in the order given, words joined by a space, lines by `\n`) and every
/// word with its byte span in that text.
pub fn assemble<'a>(lines: impl IntoIterator<Item = &'a OcrLine>) -> (String, Vec<OcrWord>) {
    let mut text = String::new();
    let mut words = Vec::new();
    for line in lines {
        let mut first = true;
        for w in &line.words {
            let t = w.text.trim();
            if t.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push(if first { '\n' } else { ' ' });
            }
            first = false;
            let start = text.len();
            text.push_str(t);
            words.push(OcrWord {
                text: t.to_string(),
                bbox: w.bbox,
                confidence: w.confidence,
                span: start..text.len(),
            });
        }
    }
    (text, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(words: &[(&str, u32)], y: u32) -> OcrLine {
        let words: Vec<LineWord> = words
            .iter()
            .map(|&(t, x)| LineWord {
                text: t.to_string(),
                bbox: BBox {
                    x,
                    y,
                    w: 20 * t.chars().count() as u32,
                    h: 50,
                },
                confidence: 90.0,
            })
            .collect();
        let bbox = words
            .iter()
            .skip(1)
            .fold(words[0].bbox, |a, w| union(a, w.bbox));
        OcrLine {
            block: 0,
            para: 0,
            bbox,
            words,
        }
    }

    #[test]
    fn dust_lines_go_and_rules_and_words_stay() {
        let mut speck = line(&[(":", 400)], 200);
        speck.bbox.h = 12;
        speck.words[0].bbox.h = 12;
        let rule = line(&[("----------", 400)], 260);
        let word = line(&[("TỔ", 400)], 100);
        let kept = drop_specks(vec![word, speck, rule]);
        assert_eq!(text(&kept), "TỔ\n----------");
    }

    fn text(lines: &[OcrLine]) -> String {
        assemble(lines).0
    }

    #[test]
    fn header_table_rows_read_column_by_column() {
        // Words 20 px a character, a space of 15 px; the right column starts at x 1200.
        let rows = vec![
            line(
                &[
                    ("ỦY", 400),
                    ("BAN", 455),
                    ("NHÂN", 530),
                    ("DÂN", 625),
                    ("CỘNG", 1200),
                    ("HÒA", 1295),
                ],
                230,
            ),
            line(
                &[
                    ("TỈNH", 420),
                    ("HẢI", 515),
                    ("DƯƠNG", 590),
                    ("Độc", 1250),
                    ("lập", 1325),
                ],
                300,
            ),
            line(
                &[
                    ("Số:", 430),
                    ("1914/KH-UBND", 505),
                    ("Hải", 1180),
                    ("Dương,", 1255),
                ],
                430,
            ),
            line(&[("KẾ", 1100), ("HOẠCH", 1155)], 590),
            line(&[("Để", 475), ("thể", 530), ("hiện", 605)], 700),
        ];
        let ordered = reading_order(rows);
        assert_eq!(
            text(&ordered),
            "ỦY BAN NHÂN DÂN\nTỈNH HẢI DƯƠNG\nSố: 1914/KH-UBND\nCỘNG HÒA\nĐộc lập\nHải Dương,\nKẾ HOẠCH\nĐể thể hiện"
        );
    }

    #[test]
    fn assembled_text_has_no_blank_lines_and_spans_point_at_words() {
        let mut a = line(&[("Căn", 400), ("cứ", 475)], 100);
        let mut b = line(&[("Luật", 400)], 160);
        a.para = 0;
        b.para = 1;
        b.block = 1;
        let (t, words) = assemble(&[a, b]);
        assert_eq!(t, "Căn cứ\nLuật");
        for w in &words {
            assert_eq!(&t[w.span.clone()], w.text);
        }
    }
}
