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
            p.bbox = p.bbox.union(w.bbox);
            p.words.push(w.clone());
        }
    }
    pieces
}

/// Whether two boxes share at least half the height of the lower one: they sit on one row.
fn same_row(a: BBox, b: BBox) -> bool {
    let top = a.y.max(b.y);
    let bottom = (a.y + a.h).min(b.y + b.h);
    bottom > top && 2 * (bottom - top) >= a.h.min(b.h)
}

/// Whether two boxes overlap horizontally.
fn overlap_x(a: BBox, b: BBox) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w
}

/// Tesseract's lines as printed rows, each cut into the pieces that stand apart by a column
/// gap, left to right. Tesseract reads a row of a two-column table as one line, or, when the
/// page is tilted or the columns' baselines differ, as two lines one after the other; lines
/// that follow each other side by side on one row are put back into one row.
fn rows_of(lines: &[OcrLine]) -> Vec<Vec<OcrLine>> {
    let mut rows: Vec<Vec<OcrLine>> = Vec::new();
    for line in lines {
        let pieces = column_pieces(line);
        let joins = rows.last().is_some_and(|row| {
            row.iter().all(|p| same_row(p.bbox, line.bbox))
                && row
                    .iter()
                    .all(|p| pieces.iter().all(|q| !overlap_x(p.bbox, q.bbox)))
        });
        match rows.last_mut() {
            Some(row) if joins => row.extend(pieces),
            _ => rows.push(pieces),
        }
    }
    for row in &mut rows {
        row.sort_by_key(|p| p.bbox.x);
    }
    rows
}

/// How far below a column's last line (in line heights) a line of the same column may
/// start: the rule under an issuing body or a motto and the space under it (Decree 30's
/// header) are about one line high.
const COLUMN_RUN_ON_LINE_HEIGHTS: f32 = 3.0;
/// How far from the column's centre (in line heights) a line centred in it may lie: a scan's
/// skew and Tesseract's boxes move it by a few pixels; the page's centre, where the type
/// heading sits, is a quarter of the page's width away.
const CENTRED_TOLERANCE_LINE_HEIGHTS: f32 = 1.5;

/// Whether a line with box `b` continues the column made of `side`'s pieces: close under the
/// lowest of them, and either centred where they are (on average; header lines and the
/// signature block are centred in their column) or starting where the lowest one starts (the
/// recipients list is set flush left).
fn continues_column(side: &[OcrLine], b: BBox) -> bool {
    let Some(lowest) = side.iter().max_by_key(|p| p.bbox.y + p.bbox.h) else {
        return false;
    };
    let centre = |x: &BBox| x.x as f32 + x.w as f32 / 2.0;
    let mean = side.iter().map(|p| centre(&p.bbox)).sum::<f32>() / side.len() as f32;
    let bottom = (lowest.bbox.y + lowest.bbox.h) as f32;
    let h = b.h.max(1) as f32;
    let centred = (centre(&b) - mean).abs() <= CENTRED_TOLERANCE_LINE_HEIGHTS * h;
    let flush_left = (b.x as f32 - lowest.bbox.x as f32).abs() <= h / 2.0;
    (centred || flush_left) && b.y as f32 - bottom <= COLUMN_RUN_ON_LINE_HEIGHTS * h
}

/// The lines in reading order. A typed copy and the segmenter read each column of the
/// header's and the footer's two-column tables (issuing body beside the national name, number
/// beside place and date; recipients beside the signature block) top to bottom, left first,
/// however Tesseract found them. A run of rows that have two pieces is such a table: the
/// pieces left of the column boundary are given before those right of it.
pub fn reading_order(lines: Vec<OcrLine>) -> Vec<OcrLine> {
    let rows = rows_of(&lines);
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < rows.len() {
        if rows[i].len() < 2 {
            out.extend(rows[i].iter().cloned());
            i += 1;
            continue;
        }
        // A table: this row and the following ones that also have two pieces.
        let mut j = i + 1;
        while j < rows.len() && rows[j].len() >= 2 {
            j += 1;
        }
        // The column gap: from the left-hand pieces' rightmost edge to the right-hand
        // pieces' leftmost start. A wider line below may reach into it from either side.
        let left_edge = rows[i..j]
            .iter()
            .map(|r| r[0].bbox.x + r[0].bbox.w)
            .max()
            .unwrap_or(0);
        let right_start = rows[i..j]
            .iter()
            .filter_map(|r| r.get(1).map(|p| p.bbox.x))
            .min()
            .unwrap_or(0);
        let (mut left, mut right): (Vec<OcrLine>, Vec<OcrLine>) = (Vec::new(), Vec::new());
        for p in rows[i..j].iter().flatten() {
            if p.bbox.x < right_start {
                left.push(p.clone());
            } else {
                right.push(p.clone());
            }
        }
        // One column may run on below the other (a Công văn's "V/v ..." under its number,
        // the number under a three-line issuing body, place and date under the motto's rule).
        // Decree 30 centres every line of a header or footer column in its column, so a line
        // wholly on one side of the column gap, centred where that column's lines are and no
        // more than a rule and a space below them, belongs to the column. The type heading is
        // centred on the page and the body spans both columns: either ends the table.
        while j < rows.len() && rows[j].len() == 1 {
            let l = &rows[j][0];
            let side = if l.bbox.x + l.bbox.w < right_start {
                &mut left
            } else if l.bbox.x > left_edge {
                &mut right
            } else {
                break;
            };
            if !continues_column(side, l.bbox) {
                break;
            }
            side.push(l.clone());
            j += 1;
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

/// Confidence under which a short word far smaller than its line's letters is dust: Tesseract
/// scores real marks it reads apart (a list dash, a full stop, a one-letter word) at 85-97 on
/// the scan conditions, and the toner specks it reads as "~", "`", "'" or a letter at 5-60.
const SPECK_WORD_CONFIDENCE: f32 = 60.0;

/// Drops the words that are dust inside a line: at most two glyphs, under half as high as the
/// line's words that hold a letter or digit (a speck is far below the x-height, where every
/// letter and digit reaches it), and read with a confidence under `SPECK_WORD_CONFIDENCE`.
/// A copy's specks in the margin or a word gap come out as such words ("~ Nhà trường", a quote
/// mark before a heading), which break the header and list patterns the segmenter reads. A
/// line left without words goes.
pub fn drop_speck_words(lines: Vec<OcrLine>) -> Vec<OcrLine> {
    lines
        .into_iter()
        .filter_map(|mut line| {
            let mut heights: Vec<u32> = line
                .words
                .iter()
                .filter(|w| w.text.chars().any(char::is_alphanumeric))
                .map(|w| w.bbox.h)
                .collect();
            heights.sort_unstable();
            let Some(&typical) = heights.get(heights.len() / 2) else {
                return Some(line);
            };
            let before = line.words.len();
            line.words.retain(|w| {
                !(w.text.chars().count() <= 2
                    && 2 * w.bbox.h < typical
                    && w.confidence < SPECK_WORD_CONFIDENCE)
            });
            (line.words.len() == before || !line.words.is_empty()).then_some(line)
        })
        .collect()
}

/// Glyphs Tesseract reads for the digit 1 of a serif face when a copier thins or breaks its
/// foot and flag: the vertical strokes I, l and "|", and "!" (a foot broken off as a dot).
fn reads_as_one(c: char) -> bool {
    matches!(c, 'I' | 'l' | '|' | '!')
}

/// Whether the `i`-th character `c` of a run of `body` is a 1 read as a letter: a stroke
/// anywhere ([`reads_as_one`]), or a capital L in front of a digit, which is a 1 whose flag
/// the copier took away and whose foot kept only its right half ("ngày L3 tháng",
/// "L3-NQ/TƯ"). No number starts with an L, and no Vietnamese syllable holds a digit.
fn one_at(body: &[char], i: usize) -> bool {
    let c = body[i];
    reads_as_one(c) || (c == 'L' && i == 0 && body.get(1).is_some_and(char::is_ascii_digit))
}

/// A word's number read with some of its 1s as strokes ("I1" → "11", "!79/2009/NQ-HĐND" →
/// "179/2009/NQ-HĐND", "03/l2/2020" → "03/12/2020", "L3" → "13"): every run of digits and
/// strokes between the "/" and "-" of a number that holds a true digit has its strokes made
/// 1s ([`one_at`]). No Vietnamese word holds a digit, so such a run is a number; left alone,
/// restoration takes "I1" or "L3" for a misread word ("Lễ") and the date it stood in is lost.
/// A roman numeral misread with a 1 ("I1." for "II.") ends in the heading's full stop and is
/// left to the segmenter.
fn mend_digit_strokes(word: &str) -> Option<String> {
    if word.ends_with('.') || !word.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut out = String::with_capacity(word.len());
    let mut changed = false;
    for run in word.split_inclusive(['/', '-']) {
        let (body, sep) = match run.char_indices().last() {
            Some((at, c)) if c == '/' || c == '-' => (&run[..at], &run[at..]),
            _ => (run, ""),
        };
        let chars: Vec<char> = body.chars().collect();
        let one = |i: usize| one_at(&chars, i);
        let numeric = (0..chars.len()).all(|i| chars[i].is_ascii_digit() || one(i));
        if numeric && chars.iter().any(char::is_ascii_digit) && (0..chars.len()).any(one) {
            out.extend((0..chars.len()).map(|i| if one(i) { '1' } else { chars[i] }));
            changed = true;
        } else {
            out.push_str(body);
        }
        out.push_str(sep);
    }
    changed.then_some(out)
}

/// The lines with each word's 1s read as strokes made digits again (`mend_digit_strokes`).
pub fn mend_digits(mut lines: Vec<OcrLine>) -> Vec<OcrLine> {
    for w in lines.iter_mut().flat_map(|l| l.words.iter_mut()) {
        if let Some(m) = mend_digit_strokes(&w.text) {
            w.text = m;
        }
    }
    lines
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
            .fold(words[0].bbox, |a, w| a.union(w.bbox));
        OcrLine {
            block: 0,
            para: 0,
            bbox,
            words,
        }
    }

    #[test]
    fn ones_read_as_strokes_inside_numbers_are_ones() {
        let m = |w: &str| mend_digit_strokes(w);
        assert_eq!(m("I1").as_deref(), Some("11"));
        assert_eq!(m("!79/2009/NQ-HĐND").as_deref(), Some("179/2009/NQ-HĐND"));
        assert_eq!(m("03/l2/2020").as_deref(), Some("03/12/2020"));
        assert_eq!(m("L3").as_deref(), Some("13"));
        assert_eq!(m("L3-NQ/TƯ").as_deref(), Some("13-NQ/TƯ"));
        // An L that does not lead a number stays: a letter of a code, a unit after it.
        assert_eq!(m("3L"), None);
        assert_eq!(m("QL1A"), None);
        assert_eq!(m("L"), None);
        assert_eq!(m("LĐ-TBXH"), None);
        // Words, codes and roman headings stay.
        assert_eq!(m("11"), None);
        assert_eq!(m("Ilà"), None);
        assert_eq!(m("I1."), None);
        assert_eq!(m("37-CT/TW"), None);
        assert_eq!(m("QĐ-UBND"), None);
        assert_eq!(m("l"), None);
    }

    #[test]
    fn small_unsure_words_are_dust_and_small_sure_marks_stay() {
        // Words 50 px high; a speck 12 px high read at low confidence goes, wherever it is.
        let mut l = line(
            &[("~", 300), ("Nhà", 330), ("trường", 420), ("'", 560)],
            100,
        );
        for (i, (h, c)) in [(12, 39.0), (50, 96.0), (50, 96.0), (10, 31.0)]
            .into_iter()
            .enumerate()
        {
            l.words[i].bbox.h = h;
            l.words[i].confidence = c;
        }
        assert_eq!(text(&drop_speck_words(vec![l])), "Nhà trường");
        // A list dash and a full stop read surely, short words of full height read unsurely
        // ("ở", the roman "I", a digit) stay.
        let mut l = line(
            &[("-", 300), ("ở", 330), ("I", 380), ("2", 420), (".", 460)],
            100,
        );
        for (i, (h, c)) in [(4, 93.0), (50, 40.0), (50, 30.0), (45, 20.0), (8, 91.0)]
            .into_iter()
            .enumerate()
        {
            l.words[i].bbox.h = h;
            l.words[i].confidence = c;
        }
        assert_eq!(text(&drop_speck_words(vec![l])), "- ở I 2 .");
        // A line of only marks (a rule) has no letter height to compare with, and stays.
        let mut rule = line(&[("-", 300)], 100);
        rule.words[0].confidence = 10.0;
        rule.words[0].bbox.h = 4;
        assert_eq!(text(&drop_speck_words(vec![rule])), "-");
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
    fn a_column_running_on_below_the_table_stays_in_its_column() {
        // A Công văn: "V/v ..." under the number, then the centred "Kính gửi" after a gap.
        let rows = vec![
            line(
                &[
                    ("SỞ", 420),
                    ("NỘI", 480),
                    ("VỤ", 560),
                    ("Độc", 1250),
                    ("lập", 1325),
                ],
                230,
            ),
            line(
                &[
                    ("Số:", 430),
                    ("215/SNV", 505),
                    ("Bình", 1180),
                    ("Định,", 1275),
                ],
                300,
            ),
            line(&[("V/v", 400), ("hướng", 475), ("dẫn", 590)], 360),
            line(&[("năm", 470), ("2024", 545)], 420),
            line(&[("Kính", 700), ("gửi:", 800)], 560),
        ];
        assert_eq!(
            text(&reading_order(rows)),
            "SỞ NỘI VỤ\nSố: 215/SNV\nV/v hướng dẫn\nnăm 2024\nĐộc lập\nBình Định,\nKính gửi:"
        );
    }

    #[test]
    fn columns_read_as_separate_lines_of_one_row_are_one_row() {
        // A tilted photo: each column's line found apart, the right one first (higher).
        let rows = vec![
            line(&[("CỘNG", 1200), ("HÒA", 1295)], 215),
            line(&[("PHÒNG", 420), ("GD&ĐT", 540)], 235),
            line(&[("Độc", 1250), ("lập", 1325)], 280),
            line(&[("TRƯỜNG", 420), ("THCS", 560)], 300),
            line(&[("BÁO", 1000), ("CÁO", 1090)], 460),
        ];
        assert_eq!(
            text(&reading_order(rows)),
            "PHÒNG GD&ĐT\nTRƯỜNG THCS\nCỘNG HÒA\nĐộc lập\nBÁO CÁO"
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
