//! A second reading of the words a copy's first reading was least sure of. On a copy of a copy
//! the copier has thinned or broken strokes, and Tesseract's reading of a line then hangs on a
//! few pixels: the same line read from a smoothed or a thickened copy of the page often comes
//! out right where the first reading did not ("ngày 35" for "ngày 25"). Only the words
//! Tesseract itself scores below [`REREAD_BELOW`] are read again, each with its neighbours, so
//! a clean line costs nothing, and a second reading is kept only when Tesseract is clearly
//! surer of it ([`surest`]).

use super::engine::{Engine, EngineError};
use super::pix::Pix;
use super::reading::{LineWord, OcrLine};
use crate::text::BBox;

/// Word confidence under which a line is read again: Tesseract scores the words of a good
/// copy's lines 85-97; a word under 50 is a glyph it could barely make out.
pub const REREAD_BELOW: f32 = 50.0;

/// The runs of the line's words read again: each unsure word with its neighbour on either
/// side (a thinned glyph misleads the reading of the words next to it too: "ngày 35 tháng",
/// the 2 read as 3 at confidence 97 beside a "tháng" read at 5), runs that touch made one.
fn windows(line: &OcrLine) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, w) in line.words.iter().enumerate() {
        if w.confidence >= REREAD_BELOW {
            continue;
        }
        let run = i.saturating_sub(1)..(i + 2).min(line.words.len());
        match out.last_mut() {
            Some(last) if run.start <= last.end => last.end = run.end,
            _ => out.push(run),
        }
    }
    out
}

/// The region of the page holding the words `run` of `line`: as high as the line and a
/// quarter of its height more above and below (a line's box is tight on its ink, and a mark
/// over a capital may lie outside it), and an eighth of its height wider on each side, less
/// than a word space, so no glyph of the next word is cut into it; kept inside the page.
fn region(line: &OcrLine, run: std::ops::Range<usize>, page: (u32, u32)) -> BBox {
    let words = &line.words[run];
    let left = words.iter().map(|w| w.bbox.x).min().unwrap_or(line.bbox.x);
    let right = words
        .iter()
        .map(|w| w.bbox.x + w.bbox.w)
        .max()
        .unwrap_or(line.bbox.x + line.bbox.w);
    let (pad_y, pad_x) = (line.bbox.h / 4, line.bbox.h / 8);
    let x = left.saturating_sub(pad_x);
    let y = line.bbox.y.saturating_sub(pad_y);
    BBox {
        x,
        y,
        w: (right + pad_x).min(page.0).saturating_sub(x),
        h: (line.bbox.y + line.bbox.h + pad_y)
            .min(page.1)
            .saturating_sub(y),
    }
}

/// Mean word confidence of some words (0 for none).
fn mean_confidence(words: &[LineWord]) -> f32 {
    if words.is_empty() {
        return 0.0;
    }
    words.iter().map(|w| w.confidence).sum::<f32>() / words.len() as f32
}

/// How much surer (mean word confidence, points) Tesseract must be of a second reading of a
/// run of words for it to replace the first: two readings of the same print differ by a point
/// or two.
pub const SURER_BY: f32 = 2.0;

/// The line with its words `run` replaced by the second reading (`others`, each the lines
/// Tesseract found in the run's region) that Tesseract is surest of, when it is [`SURER_BY`]
/// surer of it than of the first. A second reading that found other than one line in the
/// region is not a reading of these words.
pub fn surest(
    mut first: OcrLine,
    run: std::ops::Range<usize>,
    others: Vec<Vec<OcrLine>>,
) -> OcrLine {
    let mut best: Option<Vec<LineWord>> = None;
    let mut best_conf = mean_confidence(&first.words[run.clone()]) + SURER_BY;
    for lines in others {
        let Ok([line]) = <[OcrLine; 1]>::try_from(lines) else {
            continue;
        };
        let conf = mean_confidence(&line.words);
        if !line.words.is_empty() && conf > best_conf {
            best_conf = conf;
            best = Some(line.words);
        }
    }
    if let Some(words) = best {
        first.words.splice(run, words);
        first.bbox = first.words.iter().fold(first.bbox, |b, w| b.union(w.bbox));
    }
    first
}

/// The page's lines with each run of unsure words (`windows`) read again from `pix` (the
/// page as first read) smoothed and from `pix` thickened, and replaced by the surest reading
/// ([`surest`]). Two small filters of the page and two line reads per run: a page without an
/// unsure word costs nothing more.
///
/// # Errors
/// The engine's error when a second reading fails.
pub fn reread_unsure(
    engine: &mut Engine,
    pix: &Pix,
    dpi: u32,
    lines: Vec<OcrLine>,
) -> Result<Vec<OcrLine>, EngineError> {
    let page = (pix.width(), pix.height());
    let runs: Vec<Vec<std::ops::Range<usize>>> = lines.iter().map(windows).collect();
    let regions: Vec<BBox> = lines
        .iter()
        .zip(&runs)
        .flat_map(|(l, rs)| rs.iter().map(|r| region(l, r.clone(), page)))
        .collect();
    if regions.is_empty() {
        return Ok(lines);
    }
    let mut readings = Vec::new();
    for variant in [pix.smoothed(), pix.thickened()].into_iter().flatten() {
        readings.push(engine.read_lines(&variant, dpi, &regions)?.into_iter());
    }
    Ok(lines
        .into_iter()
        .zip(runs)
        .map(|(l, rs)| {
            // Later runs first, so a replaced run's word count does not move the next one.
            let mut l = l;
            let mut all: Vec<(std::ops::Range<usize>, Vec<Vec<OcrLine>>)> = rs
                .iter()
                .map(|r| {
                    (
                        r.clone(),
                        readings.iter_mut().filter_map(|x| x.next()).collect(),
                    )
                })
                .collect();
            all.reverse();
            for (run, others) in all {
                l = surest(l, run, others);
            }
            l
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::reading::LineWord;

    fn line(words: &[(&str, f32)]) -> OcrLine {
        let words: Vec<LineWord> = words
            .iter()
            .enumerate()
            .map(|(i, &(t, c))| LineWord {
                text: t.to_string(),
                bbox: BBox {
                    x: 100 + 120 * i as u32,
                    y: 400,
                    w: 100,
                    h: 40,
                },
                confidence: c,
            })
            .collect();
        OcrLine {
            block: 2,
            para: 3,
            bbox: BBox {
                x: 100,
                y: 400,
                w: 120 * words.len() as u32,
                h: 40,
            },
            words,
        }
    }

    #[test]
    fn a_surer_second_reading_replaces_its_run_and_the_rest_stays() {
        let first = line(&[("ngày", 95.0), ("35", 97.0), ("tháng", 5.0), ("4", 96.0)]);
        let smooth = line(&[("25", 96.0), ("tháng", 84.0), ("4", 96.0)]);
        let thick = line(&[("25", 80.0), ("thàng", 40.0), ("4", 90.0)]);
        let got = surest(first, 1..4, vec![vec![thick], vec![smooth]]);
        let texts: Vec<&str> = got.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["ngày", "25", "tháng", "4"]);
        assert_eq!((got.block, got.para), (2, 3));
    }

    #[test]
    fn the_first_reading_stays_unless_a_second_is_clearly_surer_and_one_line() {
        let first = line(&[("Căn", 90.0), ("cứ", 40.0)]);
        // One point surer is the noise between two readings of the same print.
        let close = line(&[("Cãn", 91.0), ("cứ", 41.0)]);
        // Two lines found in the region, or none, are not a reading of these words.
        let two = vec![line(&[("Căn", 99.0)]), line(&[("cứ", 99.0)])];
        let got = surest(first.clone(), 0..2, vec![vec![close], two, Vec::new()]);
        assert_eq!(got, first);
    }

    #[test]
    fn unsure_words_are_read_again_with_their_neighbours() {
        let l = line(&[
            ("a", 90.0),
            ("b", 90.0),
            ("c", 30.0),
            ("d", 90.0),
            ("e", 40.0),
            ("f", 90.0),
            ("g", 90.0),
            ("h", 90.0),
            ("i", 90.0),
            ("j", 10.0),
        ]);
        // Runs that overlap or touch are one.
        assert_eq!(windows(&l), [1..6, 8..10]);
        let mut touching = l.clone();
        touching.words[7].confidence = 20.0;
        assert_eq!(windows(&touching), vec![1..10]);
        // Words at x 100 + 120 i, 100 wide, 40 high: margins of 5 px sideways, 10 up and down.
        let r = region(&l, 1..6, (2480, 3508));
        assert_eq!((r.x, r.y, r.w, r.h), (215, 390, 590, 60));
        let r = region(&l, 8..10, (1200, 420));
        assert_eq!((r.x, r.y, r.w, r.h), (1055, 390, 145, 30));
    }
}
