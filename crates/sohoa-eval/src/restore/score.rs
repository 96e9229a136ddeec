//! Scoring one restored document against its gold text: syllable accuracy, word accuracy,
//! word error rate and the share of words left unchanged.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::metrics::{word_errors, ErrorCount};

/// Matches and length of an alignment of a hypothesis to a reference sequence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MatchCount {
    /// Reference items aligned to an equal hypothesis item.
    pub matched: usize,
    /// Items in the reference.
    pub reference: usize,
}

impl MatchCount {
    /// matched / reference (1 for an empty reference).
    pub fn rate(self) -> f64 {
        if self.reference == 0 {
            1.0
        } else {
            self.matched as f64 / self.reference as f64
        }
    }
}

impl std::ops::Add for MatchCount {
    type Output = MatchCount;
    fn add(self, o: MatchCount) -> MatchCount {
        MatchCount {
            matched: self.matched + o.matched,
            reference: self.reference + o.reference,
        }
    }
}

/// The syllables of `s`: maximal runs of letters and digits that hold at least one letter
/// (numbers are not syllables, and punctuation does not belong to the word it touches).
pub fn syllables(s: &str) -> Vec<String> {
    let s: String = s.nfc().collect();
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.chars().any(char::is_alphabetic))
        .map(str::to_owned)
        .collect()
}

/// Whitespace-separated words of `s`, in NFC.
pub fn words(s: &str) -> Vec<String> {
    let s: String = s.nfc().collect();
    s.split_whitespace().map(str::to_owned).collect()
}

/// How many items of `reference` a minimum-edit alignment pairs with an equal item of `hyp`.
///
/// Levenshtein with unit costs and a backtrace; among equally cheap alignments the one with
/// more matches wins, so a substitution is never preferred over a match. Memory is one byte per
/// cell, so callers align line by line when they can.
pub fn aligned_matches<T: PartialEq>(hyp: &[T], reference: &[T]) -> MatchCount {
    let m = reference.len();
    // Cost rows, plus the matches of the best path to each cell (ties broken by more matches).
    let mut prev: Vec<(usize, usize)> = (0..=m).map(|j| (j, 0)).collect();
    let mut cur = vec![(0usize, 0usize); m + 1];
    for (i, h) in hyp.iter().enumerate() {
        cur[0] = (i + 1, 0);
        for (j, r) in reference.iter().enumerate() {
            let eq = h == r;
            let diag = (prev[j].0 + usize::from(!eq), prev[j].1 + usize::from(eq));
            let up = (prev[j + 1].0 + 1, prev[j + 1].1);
            let left = (cur[j].0 + 1, cur[j].1);
            cur[j + 1] = [diag, up, left]
                .into_iter()
                .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
                .expect("three candidates");
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    MatchCount {
        matched: prev[m].1,
        reference: m,
    }
}

/// Aligns line by line when both texts have the same number of lines (restoration keeps lines),
/// and the whole text otherwise; `split` turns a line or text into items.
fn matches_by_line<T: PartialEq>(
    hyp: &str,
    gold: &str,
    split: impl Fn(&str) -> Vec<T>,
) -> MatchCount {
    let hl: Vec<&str> = hyp.lines().collect();
    let gl: Vec<&str> = gold.lines().collect();
    if hl.len() == gl.len() {
        hl.iter()
            .zip(&gl)
            .map(|(h, g)| aligned_matches(&split(h), &split(g)))
            .fold(MatchCount::default(), |a, b| a + b)
    } else {
        aligned_matches(&split(hyp), &split(gold))
    }
}

/// Syllables of `gold` that `hyp` has exactly right (case and marks included).
pub fn syllable_matches(hyp: &str, gold: &str) -> MatchCount {
    matches_by_line(hyp, gold, syllables)
}

/// Words of `input` that `output` keeps exactly as they were.
pub fn unchanged_words(output: &str, input: &str) -> MatchCount {
    matches_by_line(output, input, words)
}

/// All scores of one text against its gold (and the input it was made from).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct TextScore {
    /// Syllables right.
    pub syllables: MatchCount,
    /// Word edit errors (whitespace tokens) against gold.
    #[serde(serialize_with = "serialize_errors")]
    pub words: ErrorCount,
    /// Input words left as they were.
    pub unchanged: MatchCount,
}

/// `ErrorCount` lives in `metrics`, which does not depend on serde.
fn serialize_errors<S: serde::Serializer>(e: &ErrorCount, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut st = s.serialize_struct("ErrorCount", 2)?;
    st.serialize_field("errors", &e.errors)?;
    st.serialize_field("reference", &e.reference)?;
    st.end()
}

impl TextScore {
    /// Scores `hyp` against `gold`; `input` is what the restorer was given.
    pub fn of(hyp: &str, gold: &str, input: &str) -> Self {
        TextScore {
            syllables: syllable_matches(hyp, gold),
            words: word_errors(hyp, gold),
            unchanged: unchanged_words(hyp, input),
        }
    }

    /// 1 - word error rate, floored at 0.
    pub fn word_accuracy(&self) -> f64 {
        (1.0 - self.words.rate()).max(0.0)
    }
}

impl std::ops::Add for TextScore {
    type Output = TextScore;
    fn add(self, o: TextScore) -> TextScore {
        TextScore {
            syllables: self.syllables + o.syllables,
            words: self.words + o.words,
            unchanged: self.unchanged + o.unchanged,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_split_off_punctuation_and_skip_numbers() {
        assert_eq!(
            syllables("Số: 161/KH-UBND, ngày 11/12/2023 (Thái Bình)"),
            ["Số", "KH", "UBND", "ngày", "Thái", "Bình"]
        );
    }

    #[test]
    fn alignment_counts_matches_not_positions() {
        // One deletion in the middle must not make every later syllable wrong.
        let m = aligned_matches(&["a", "c", "d"], &["a", "b", "c", "d"]);
        assert_eq!((m.matched, m.reference), (3, 4));
        let m = aligned_matches(&["x", "b", "c"], &["a", "b", "c"]);
        assert_eq!((m.matched, m.reference), (2, 3));
        let m = aligned_matches::<&str>(&[], &["a"]);
        assert_eq!((m.matched, m.reference), (0, 1));
        assert_eq!(aligned_matches::<&str>(&[], &[]).rate(), 1.0);
    }

    #[test]
    fn syllable_accuracy_of_a_restoration() {
        let gold = "Chuyển đổi số,\ngiai đoạn 2023-2025";
        let hyp = "Chuyển đối số,\ngiai đoạn 2023-2025";
        let m = syllable_matches(hyp, gold);
        assert_eq!((m.matched, m.reference), (4, 5));
        // Case counts: a restorer must keep ALL-CAPS headings.
        assert_eq!(syllable_matches("ke hoach", "KẾ HOẠCH").matched, 0);
    }

    #[test]
    fn lines_are_aligned_separately_when_counts_agree_and_jointly_otherwise() {
        let gold = "a b\nc d";
        assert_eq!(syllable_matches("a b\nc d", gold).matched, 4);
        // A merged line still aligns as a whole text.
        assert_eq!(syllable_matches("a b c d", gold).matched, 4);
    }

    #[test]
    fn text_score_combines_metrics() {
        let gold = "Bằng khen của Ủy ban";
        let input = "Bing khen cua Uy ban";
        let hyp = "Bằng khen của Uy ban";
        let s = TextScore::of(hyp, gold, input);
        assert_eq!((s.syllables.matched, s.syllables.reference), (4, 5));
        assert_eq!((s.words.errors, s.words.reference), (1, 5));
        assert!((s.word_accuracy() - 0.8).abs() < 1e-12);
        assert_eq!((s.unchanged.matched, s.unchanged.reference), (3, 5));
        let before = TextScore::of(input, gold, input);
        assert_eq!(before.words.errors, 3);
        assert_eq!(before.unchanged.matched, 5);
    }
}
