//! Statistics of an OCR channel (issue 14 point 2): how the OCR text of (OCR, gold) pairs
//! differs from the gold, in numbers that compare real old OCR (the seeds) with the generated
//! pairs the confusion table is learned from — raw CER, skeleton WER, per-1000-syllable rates of
//! digits and symbols for letters, of split and glued syllables, and what becomes of each
//! occurrence of the most frequent words.

pub mod report;
pub mod words;

use std::collections::HashMap;

use sohoa_core::restore::syllable::{base_char, foreign_base};
use sohoa_eval::metrics::{char_errors, word_errors, ErrorCount};
use sohoa_eval::strip::strip_marks;

use words::{align, core, join_is_close, skeleton, Link};

/// What became of one gold word in the OCR text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fate {
    /// Read right (case aside).
    Right,
    /// Right letters, every mark lost (`so` for `số`).
    MarksLost,
    /// Right letters, some mark read wrong (`sé` for `số`).
    MarksWrong,
    /// A digit, a symbol or a letter with a foreign mark where the word has a letter
    /// (`s6`, `S&`, `sö`).
    DigitOrSymbol,
    /// Cut into two tokens or glued to its neighbour.
    SplitOrGlued,
    /// Read as other letters, or not read at all.
    Other,
}

impl Fate {
    /// Every fate, in report order.
    pub const ALL: [Fate; 6] = [
        Fate::Right,
        Fate::MarksLost,
        Fate::MarksWrong,
        Fate::DigitOrSymbol,
        Fate::SplitOrGlued,
        Fate::Other,
    ];

    /// Short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            Fate::Right => "right",
            Fate::MarksLost => "marks lost",
            Fate::MarksWrong => "wrong mark",
            Fate::DigitOrSymbol => "digit/symbol",
            Fate::SplitOrGlued => "split/glued",
            Fate::Other => "other",
        }
    }
}

/// Counts of each [`Fate`].
pub type FateCounts = [usize; 6];

/// The statistics of one set of pairs; add documents with [`ChannelStats::add`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChannelStats {
    /// Documents counted.
    pub docs: usize,
    /// Character errors of the raw OCR against the gold (case and marks count).
    pub chars: ErrorCount,
    /// Word errors of the mark-free, lowercase OCR against the mark-free, lowercase gold.
    pub skeleton_words: ErrorCount,
    /// Gold words that hold a letter (the per-1000 denominator).
    pub syllables: usize,
    /// Gold words read with a digit in place of a letter (`c6`).
    pub digit_for_letter: usize,
    /// Gold words read with a symbol inside (`S&`, `c¢6`).
    pub symbol_for_mark: usize,
    /// Gold words read with a letter carrying a mark Vietnamese does not use (`sö`).
    pub foreign_letter: usize,
    /// Gold words cut into two tokens.
    pub split: usize,
    /// Pairs of gold words glued into one token.
    pub glued: usize,
    /// OCR tokens that stand for no gold word (specks, stray marks).
    pub inserted: usize,
    /// Fates of every gold word with a letter.
    pub fates: FateCounts,
    /// Fates of each gold word (lowercase) separately.
    pub by_word: HashMap<String, FateCounts>,
}

fn has_vietnamese_mark(w: &str) -> bool {
    w.chars()
        .any(|c| !c.is_ascii() && foreign_base(c).is_none() && base_char(c) != c)
}

fn has_digit(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
}

/// A character inside a word that is neither a letter nor a digit (`¢ & @ $ *`).
fn has_symbol(w: &str) -> bool {
    w.chars().any(|c| !c.is_alphanumeric())
}

fn has_foreign_letter(w: &str) -> bool {
    w.chars().any(|c| foreign_base(c).is_some())
}

/// The fate of gold word `gold` read as the single token `read` (both as `words::core` gives them).
fn fate_of(gold: &str, read: &str) -> Fate {
    if gold == read {
        return Fate::Right;
    }
    let foreign_in_read = |c: char| {
        !has_digit(gold) && c.is_ascii_digit()
            || !has_symbol(gold) && !c.is_alphanumeric()
            || foreign_base(c).is_some()
    };
    if read.chars().any(foreign_in_read) {
        return Fate::DigitOrSymbol;
    }
    if strip_marks(gold) == strip_marks(read) {
        return if has_vietnamese_mark(read) {
            Fate::MarksWrong
        } else {
            Fate::MarksLost
        };
    }
    Fate::Other
}

impl ChannelStats {
    /// Counts one document: its gold text and what OCR read.
    pub fn add(&mut self, gold: &str, ocr: &str) {
        self.docs += 1;
        self.chars = self.chars + char_errors(ocr, gold);
        let skel = |s: &str| strip_marks(&s.to_lowercase());
        self.skeleton_words = self.skeleton_words + word_errors(&skel(ocr), &skel(gold));

        // Words as compared: edge punctuation trimmed; tokens that are only punctuation left out.
        let words = |s: &str| -> Vec<String> {
            s.split_whitespace()
                .map(core)
                .filter(|w| !w.is_empty())
                .collect()
        };
        let (g, o) = (words(gold), words(ocr));
        let gs: Vec<Vec<char>> = g.iter().map(|w| skeleton(w)).collect();
        let os: Vec<Vec<char>> = o.iter().map(|w| skeleton(w)).collect();
        let counted = |w: &str| w.chars().any(char::is_alphabetic);
        self.syllables += g.iter().filter(|w| counted(w)).count();

        let note = |stats: &mut ChannelStats, word: &str, fate: Fate| {
            if !counted(word) {
                return;
            }
            stats.fates[fate as usize] += 1;
            stats.by_word.entry(word.to_owned()).or_default()[fate as usize] += 1;
        };
        for link in align(&gs, &os) {
            match link {
                Link::One { g: i, o: j } => {
                    let (gw, ow) = (&g[i], &o[j]);
                    if counted(gw) {
                        if !has_digit(gw) && has_digit(ow) {
                            self.digit_for_letter += 1;
                        }
                        if !has_symbol(gw) && has_symbol(ow) {
                            self.symbol_for_mark += 1;
                        }
                        if has_foreign_letter(ow) {
                            self.foreign_letter += 1;
                        }
                    }
                    note(self, gw, fate_of(gw, ow));
                }
                Link::Split { g: i, o: j } => {
                    if join_is_close(&os[j], &os[j + 1], &gs[i]) {
                        self.split += 1;
                        note(self, &g[i], Fate::SplitOrGlued);
                    } else {
                        note(self, &g[i], Fate::Other);
                        self.inserted += 1;
                    }
                }
                Link::Glued { g: i, o: j } => {
                    if join_is_close(&gs[i], &gs[i + 1], &os[j]) {
                        self.glued += 1;
                        note(self, &g[i], Fate::SplitOrGlued);
                        note(self, &g[i + 1], Fate::SplitOrGlued);
                    } else {
                        note(self, &g[i], Fate::Other);
                        note(self, &g[i + 1], Fate::Other);
                    }
                }
                Link::Dropped { g: i } => note(self, &g[i], Fate::Other),
                Link::Inserted { .. } => self.inserted += 1,
            }
        }
    }

    /// The counts of two sets of documents together.
    pub fn merge(mut self, o: ChannelStats) -> ChannelStats {
        self.docs += o.docs;
        self.chars = self.chars + o.chars;
        self.skeleton_words = self.skeleton_words + o.skeleton_words;
        self.syllables += o.syllables;
        self.digit_for_letter += o.digit_for_letter;
        self.symbol_for_mark += o.symbol_for_mark;
        self.foreign_letter += o.foreign_letter;
        self.split += o.split;
        self.glued += o.glued;
        self.inserted += o.inserted;
        for (a, b) in self.fates.iter_mut().zip(o.fates) {
            *a += b;
        }
        for (w, f) in o.by_word {
            let mine = self.by_word.entry(w).or_default();
            for (a, b) in mine.iter_mut().zip(f) {
                *a += b;
            }
        }
        self
    }

    /// `n` per 1,000 gold syllables.
    pub fn per_mille(&self, n: usize) -> f64 {
        if self.syllables == 0 {
            return 0.0;
        }
        1000.0 * n as f64 / self.syllables as f64
    }

    /// The `k` gold words with a letter and a Vietnamese mark seen most often, most frequent
    /// first (ties by the word, so the list is stable).
    pub fn frequent_words(&self, k: usize) -> Vec<String> {
        let mut all: Vec<(&String, usize)> = self
            .by_word
            .iter()
            .filter(|(w, _)| has_vietnamese_mark(w))
            .map(|(w, f)| (w, f.iter().sum()))
            .collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        all.into_iter().take(k).map(|(w, _)| w.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fates_of_single_tokens() {
        assert_eq!(fate_of("số", "số"), Fate::Right);
        assert_eq!(fate_of("số", "so"), Fate::MarksLost);
        assert_eq!(fate_of("quyết", "quyét"), Fate::MarksWrong);
        // `é` for `ô` changes the letters, not only the marks.
        assert_eq!(fate_of("số", "sé"), Fate::Other);
        assert_eq!(fate_of("số", "s6"), Fate::DigitOrSymbol);
        assert_eq!(fate_of("sở", "s&"), Fate::DigitOrSymbol);
        assert_eq!(fate_of("số", "sö"), Fate::DigitOrSymbol);
        assert_eq!(fate_of("đổi", "ddi"), Fate::Other);
        assert_eq!(fate_of("2023", "2023"), Fate::Right);
    }

    #[test]
    fn a_document_is_counted() {
        let mut s = ChannelStats::default();
        s.add(
            "Có số các cá nhân của Sở, lãnh đạo.",
            "C6 só cac Canhan ctia S&, lanh d ao.",
        );
        assert_eq!(s.syllables, 9);
        assert_eq!(s.digit_for_letter, 1);
        assert_eq!(s.symbol_for_mark, 1);
        assert_eq!(s.glued, 1);
        assert_eq!(s.split, 1);
        assert_eq!(s.fates[Fate::Right as usize], 0);
        assert_eq!(s.fates[Fate::MarksLost as usize], 2); // cac, lanh
        assert_eq!(s.fates[Fate::MarksWrong as usize], 1); // só
        assert_eq!(s.fates[Fate::DigitOrSymbol as usize], 2); // C6, S&
        assert_eq!(s.fates[Fate::SplitOrGlued as usize], 3); // cá nhân, đạo
        assert_eq!(s.fates[Fate::Other as usize], 1); // ctia
        assert_eq!(s.by_word["có"][Fate::DigitOrSymbol as usize], 1);
        assert!((s.per_mille(s.split) - 1000.0 / 9.0).abs() < 1e-9);
        assert_eq!(s.skeleton_words.reference, 9);
        assert_eq!(s.frequent_words(2).len(), 2);
    }
}
