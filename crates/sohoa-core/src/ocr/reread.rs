//! A copy's doubtful words read again from other images of the same page, each word's form
//! decided by vote.
//!
//! On a copy of a copy a tone mark, the hook of "ơ" or the gap in a "0" is a few pixels, and
//! Tesseract's reading of a word hangs on them. Its confidence cannot choose between two
//! readings (a misreading on one image is as sure as the right reading on another: session
//! 11's `--reread-unsure` kept the surer reading and lost fields), but agreement can: a form
//! most readings of the same print give is the printed one, and a form only one gives is a
//! slip of that reading.
//!
//! Which words are doubtful is decided from the first reading itself ([`doubtful`]): Tesseract
//! was unsure, or the word is no word of a document. Each is read again with its neighbours
//! (`windows`) from every image of [`VARIANTS`], with the LSTM's alternatives chosen as in the
//! first reading, and takes the form a majority of its readings agree on ([`vote`]), the first
//! reading's otherwise. A page without a doubtful word costs nothing more. By default
//! ([`Reread::Fields`]) only the doubtful words a record's fields are read from are read again
//! (the first page's header and title, and words holding a digit), and the other images are
//! filtered only around them (`Pix::smoothed_in`): 22 % more instructions on the speed grid's
//! copy pages, where every doubtful word took 47 % on a copy page, and the same record fields
//! in-sample (BENCHMARKS.md, session 16).
//!
//! Measured (BENCHMARKS.md, session 13): the three re-readings mostly agree with each other
//! (smoothing or thickening the page moves Tesseract's line reading less than reading a few
//! words alone does), so a vote against the first reading is in effect the re-reading of the
//! words in their run, kept when all three images give it.

use std::ops::Range;

use super::choices::{self, Lexicon};
use super::engine::{Engine, EngineError};
use super::pix::Pix;
use super::reading::{LineWord, OcrLine};
use crate::text::BBox;

/// Word confidence under which a word is doubtful: Tesseract scores the words of a good
/// copy's lines 85-97.
pub const DOUBT_BELOW: f32 = 80.0;

/// Which doubtful words of a copy are read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reread {
    /// None.
    Off,
    /// Those a record's fields are read from (the first page's header and title, see
    /// [`in_field_lines`], and words holding a digit): the default. A misread word there costs
    /// a field; one in running text costs a character.
    #[default]
    Fields,
    /// Every doubtful word (`--reread-unsure`).
    Every,
}

/// Share of the first page's height from its top within which Decree 30 prints a document's
/// identity: the header table (issuer, number, place and date), the type and the title end
/// about 90-100 mm down an A4 sheet's 297.
pub const IDENTITY_SHARE: f32 = 1.0 / 3.0;

/// Which of a page's `lines` hold a record's fields, whose every doubtful word is read again
/// under [`Reread::Fields`]: on the first page, the lines that begin in its top
/// [`IDENTITY_SHARE`] (header table, type, title). Elsewhere a field takes only numbers, codes
/// and dates (a legal basis's), so only the doubtful words holding a digit are read again
/// there (`reread_unsure`). The narrow lines (header and footer columns, headings, the
/// signature block) were read again too at first: they gained no field in-sample and took 29 %
/// of the re-reading's instructions (BENCHMARKS.md, session 16).
pub fn in_field_lines(lines: &[OcrLine], page_height: u32, first_page: bool) -> Vec<bool> {
    let top = page_height as f32 * IDENTITY_SHARE;
    lines
        .iter()
        .map(|l| first_page && (l.bbox.y as f32) < top)
        .collect()
}

/// Whether a word holds a digit: a number, a date or a document code.
fn has_digit(word: &LineWord) -> bool {
    word.text.chars().any(|c| c.is_ascii_digit())
}

/// Whether the first reading of `word` is in doubt: Tesseract was unsure of it, or it is
/// neither a syllable of the language nor a number nor a well-formed document symbol
/// ([`choices::plausible`]): a word that is no word of the text is a misreading.
pub fn doubtful(word: &LineWord, lexicon: &dyn Lexicon) -> bool {
    word.confidence < DOUBT_BELOW || !choices::plausible(&word.text, lexicon)
}

/// The runs of the line's words read again: each doubtful word with its neighbour on either
/// side (a thinned glyph misleads the reading of the words next to it too, and a word read
/// alone loses the line's context), runs that touch made one.
fn windows(line: &OcrLine, doubt: impl Fn(&LineWord) -> bool) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, w) in line.words.iter().enumerate() {
        if !doubt(w) {
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
fn region(line: &OcrLine, run: Range<usize>, page: (u32, u32)) -> BBox {
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

/// What another reading of a run says each of the first reading's `words` is: the one word
/// of `other` whose middle lies within the word's box, or `None` (the reading abstains) when
/// none or several do, or when the reading found other than one line in the region.
fn aligned(words: &[LineWord], other: &[OcrLine]) -> Vec<Option<String>> {
    let [line] = other else {
        return vec![None; words.len()];
    };
    words
        .iter()
        .map(|w| {
            let inside: Vec<&LineWord> = line
                .words
                .iter()
                .filter(|o| {
                    let mid = o.bbox.x + o.bbox.w / 2;
                    mid >= w.bbox.x && mid < w.bbox.x + w.bbox.w
                })
                .collect();
            match inside.as_slice() {
                [one] => Some(one.text.clone()),
                _ => None,
            }
        })
        .collect()
}

/// The form a word takes given its first reading and its other readings (`None` where a
/// reading abstained): the form more than half of all the readings, the first among them,
/// agree on; the first reading when no form has a majority (a tie, or readings that scatter).
pub fn vote(first: &str, others: &[Option<String>]) -> String {
    let total = 1 + others.len();
    let mut best: Option<(&str, usize)> = None;
    for form in others.iter().flatten() {
        let n = usize::from(form == first) + others.iter().flatten().filter(|o| *o == form).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((form, n));
        }
    }
    match best {
        Some((form, n)) if 2 * n > total => form.to_string(),
        _ => first.to_string(),
    }
}

/// An image of the page the doubtful runs are read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Image {
    /// The page as first read, read again a run at a time (Tesseract's reading of a few words
    /// alone differs from its reading of them in the page's layout).
    AsRead,
    /// Averaged over 3×3 pixels: the stair-stepped edges of the upscaled 1-bit page rounded off.
    Smoothed,
    /// Strokes grown by a pixel: those the copier thinned made whole.
    Thickened,
}

/// The images the doubtful runs are read from, besides the first reading: with it, four
/// readings of each doubtful word, so a form needs three to win.
pub const VARIANTS: &[Image] = &[Image::Smoothed, Image::Thickened, Image::AsRead];

/// The page's lines with each doubtful word's run (`windows`) read again from every image of
/// [`VARIANTS`] (each with the LSTM's alternatives and `lexicon`'s choice, as the first
/// reading), and each doubtful word in the form its readings vote for ([`vote`]). Which
/// doubtful words: `scope` (under [`Reread::Fields`], those of [`in_field_lines`] on the page,
/// the first of its document when `first_page`, and those holding a digit).
///
/// # Errors
/// The engine's error when a second reading fails.
pub fn reread_unsure(
    engine: &mut Engine,
    pix: &Pix,
    dpi: u32,
    lines: Vec<OcrLine>,
    lexicon: &dyn Lexicon,
    scope: Reread,
    first_page: bool,
) -> Result<Vec<OcrLine>, EngineError> {
    let page = (pix.width(), pix.height());
    let field_lines = match scope {
        Reread::Off => return Ok(lines),
        Reread::Fields => in_field_lines(&lines, page.1, first_page),
        Reread::Every => vec![true; lines.len()],
    };
    // A doubtful word is read again when its whole line is (`all`) or it holds a digit.
    let chosen = |w: &LineWord, all: bool| doubtful(w, lexicon) && (all || has_digit(w));
    let runs: Vec<Vec<Range<usize>>> = lines
        .iter()
        .zip(&field_lines)
        .map(|(l, &all)| windows(l, |w| chosen(w, all)))
        .collect();
    let regions: Vec<BBox> = lines
        .iter()
        .zip(&runs)
        .flat_map(|(l, rs)| rs.iter().map(|r| region(l, r.clone(), page)))
        .collect();
    if regions.is_empty() {
        return Ok(lines);
    }
    // readings[v][k]: variant v's lines found in region k, in the page's coordinates.
    let mut readings: Vec<Vec<Vec<OcrLine>>> = Vec::new();
    for &variant in VARIANTS {
        let made = match variant {
            Image::AsRead => None,
            Image::Smoothed => pix.smoothed_in(&regions),
            Image::Thickened => pix.thickened_in(&regions),
        };
        let image = match (&made, variant) {
            (Some(p), _) => p,
            (None, Image::AsRead) => pix,
            (None, _) => continue,
        };
        readings.push(engine.read_lines(image, dpi, &regions, Some(lexicon))?);
    }
    let mut k = 0;
    Ok(lines
        .into_iter()
        .zip(runs)
        .zip(field_lines)
        .map(|((mut line, rs), all)| {
            for run in rs {
                let others: Vec<&[OcrLine]> = readings.iter().map(|r| r[k].as_slice()).collect();
                vote_run(&mut line, run, &others, |w| chosen(w, all));
                k += 1;
            }
            line
        })
        .collect())
}

/// Each doubtful word (`doubt`) of the words `run` of `line` in the form its readings vote
/// for ([`vote`]), given the other readings of the run (`others`, each the lines found in the
/// run's region). The run's other words were read again only as the doubtful ones' context
/// and keep their first reading: a word Tesseract was sure of is changed by the vote as often
/// to the wrong form as to the right one (recopy seeds 1-6: 17 right, 16 wrong, of words at
/// confidence 80 and over).
fn vote_run(
    line: &mut OcrLine,
    run: Range<usize>,
    others: &[&[OcrLine]],
    doubt: impl Fn(&LineWord) -> bool,
) {
    let aligned: Vec<Vec<Option<String>>> = others
        .iter()
        .map(|o| aligned(&line.words[run.clone()], o))
        .collect();
    for (j, i) in run.enumerate() {
        if !doubt(&line.words[i]) {
            continue;
        }
        let votes: Vec<Option<String>> = aligned.iter().map(|a| a[j].clone()).collect();
        line.words[i].text = vote(&line.words[i].text, &votes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn some(forms: &[&str]) -> Vec<Option<String>> {
        forms.iter().map(|f| Some(f.to_string())).collect()
    }

    #[test]
    fn a_form_most_readings_agree_on_wins() {
        // Three other readings agree on "Hương" against the first's "Hường": 3 of 4.
        assert_eq!(vote("Hường", &some(&["Hương", "Hương", "Hương"])), "Hương");
        // The first reading counts among the votes: 2 + 1 of 4 keep "Thủy".
        assert_eq!(vote("Thủy", &some(&["Thủy", "Thúy", "Thủy"])), "Thủy");
        // A form two of four readings give is no majority: the first stays.
        assert_eq!(
            vote("909/QĐ", &some(&["90/QĐ", "90/QĐ", "909/QĐ"])),
            "909/QĐ"
        );
        assert_eq!(
            vote("909/QĐ", &some(&["90/QĐ", "90/QĐ", "99/QĐ"])),
            "909/QĐ"
        );
        // A reading that abstains is still a reading: two of four is no majority.
        let abstained = vec![Some("văn".to_string()), Some("văn".to_string()), None];
        assert_eq!(vote("văn,", &abstained), "văn,");
        assert_eq!(vote("văn,", &some(&["văn", "văn", "văn"])), "văn");
        // No other reading: the first.
        assert_eq!(vote("Vân", &[]), "Vân");
    }

    #[test]
    fn other_readings_align_by_where_their_words_stand() {
        let first = line(&[("ông", 90.0), ("Vân", 60.0), ("Hường", 95.0)]);
        // Words of another reading at slightly other places, one of them split in two.
        let mut other = line(&[("ông", 91.0), ("Văn", 80.0), ("Hư", 60.0), ("ơng", 60.0)]);
        other.words[1].bbox.x = 224;
        other.words[2].bbox = BBox {
            x: 340,
            y: 400,
            w: 40,
            h: 40,
        };
        other.words[3].bbox = BBox {
            x: 390,
            y: 400,
            w: 50,
            h: 40,
        };
        let got = aligned(&first.words, std::slice::from_ref(&other));
        assert_eq!(got, vec![Some("ông".into()), Some("Văn".into()), None]);
        // Two lines found in the region, or none, are not a reading of these words.
        assert_eq!(
            aligned(&first.words, &[other.clone(), other]),
            vec![None; 3]
        );
        assert_eq!(aligned(&first.words, &[]), vec![None; 3]);
    }

    #[test]
    fn doubtful_words_are_read_again_with_their_neighbours() {
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
        let unsure = |w: &LineWord| w.confidence < 50.0;
        // Runs that overlap or touch are one.
        assert_eq!(windows(&l, unsure), [1..6, 8..10]);
        let mut touching = l.clone();
        touching.words[7].confidence = 20.0;
        assert_eq!(windows(&touching, unsure), vec![1..10]);
        // Words at x 100 + 120 i, 100 wide, 40 high: margins of 5 px sideways, 10 up and down.
        let r = region(&l, 1..6, (2480, 3508));
        assert_eq!((r.x, r.y, r.w, r.h), (215, 390, 590, 60));
        let r = region(&l, 8..10, (1200, 420));
        assert_eq!((r.x, r.y, r.w, r.h), (1055, 390, 145, 30));
    }

    /// A line of one word `w` px wide at (`x`, `y`) on a page.
    fn placed(x: u32, y: u32, w: u32) -> OcrLine {
        let mut l = line(&[("chữ", 90.0)]);
        l.bbox = BBox { x, y, w, h: 40 };
        l.words[0].bbox = l.bbox;
        l
    }

    #[test]
    fn the_field_lines_are_those_of_the_first_page_top_third() {
        // A 2480 × 3508 page: header columns, a long title line, running text, a signer.
        let lines = [
            placed(300, 300, 700),
            placed(1300, 300, 900),
            placed(290, 1150, 1900),
            placed(290, 1170, 1900),
            placed(290, 2000, 1900),
            placed(1400, 3000, 700),
        ];
        assert_eq!(
            in_field_lines(&lines, 3508, true),
            [true, true, true, false, false, false]
        );
        // On a later page the top is running text like the rest.
        assert_eq!(in_field_lines(&lines, 3508, false), [false; 6]);
    }

    #[test]
    fn in_running_text_only_the_doubtful_words_holding_a_digit_are_read_again() {
        let l = line(&[
            ("Quyết", 95.0),
            ("định", 60.0),
            ("930/QĐ-TTg", 70.0),
            ("ngày", 95.0),
        ]);
        let doubt = |w: &LineWord| w.confidence < DOUBT_BELOW;
        assert_eq!(windows(&l, |w| doubt(w) && has_digit(w)), vec![1..4]);
        assert_eq!(windows(&l, doubt), vec![0..4]);
    }

    #[test]
    fn only_the_doubtful_words_of_a_run_take_the_vote() {
        let mut first = line(&[("tháng", 95.0), ("Tính", 66.0), ("kiểm", 90.0)]);
        let other = line(&[("thủng", 80.0), ("Tỉnh", 90.0), ("kiếm", 90.0)]);
        let lines = [other];
        let others: Vec<&[OcrLine]> = vec![&lines, &lines, &lines];
        vote_run(&mut first, 0..3, &others, |w| w.confidence < 80.0);
        let texts: Vec<&str> = first.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["tháng", "Tỉnh", "kiểm"]);
    }
}
