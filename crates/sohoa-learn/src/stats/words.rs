//! Word alignment of OCR output to gold that also pairs one gold word with two OCR tokens
//! (a syllable cut by a noise character or a space: `d ao` for `đạo`) and two gold words with
//! one token (syllables glued: `Canhan` for `Cá nhân`), so the statistics can count splits
//! and glues instead of calling them substitutions.

use sohoa_eval::metrics::levenshtein;

use crate::align::MAX_WORD_DISTANCE;

/// Punctuation that belongs to the text around a word, not to the word (trimmed at both ends
/// before words are compared). The OCR's stand-ins for marks (`¢ & @ $ *`) are not in it.
const EDGE_PUNCTUATION: &[char] = &[
    '.', ',', ';', ':', '!', '?', '"', '\'', '“', '”', '‘', '’', '(', ')', '[', ']', '«', '»', '…',
    '-', '–', '—', '/',
];

/// A word as the statistics compare it: punctuation at its ends removed, lowercase.
pub fn core(w: &str) -> String {
    w.trim_matches(EDGE_PUNCTUATION).to_lowercase()
}

/// Mark-free form of a core word (`số` → `so`; `s6` stays `s6`).
pub fn skeleton(core: &str) -> Vec<char> {
    sohoa_eval::strip::strip_marks(core).chars().collect()
}

/// How gold words and OCR tokens were paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Gold word `g` read as token `o`.
    One { g: usize, o: usize },
    /// Gold word `g` cut into tokens `o` and `o + 1`.
    Split { g: usize, o: usize },
    /// Gold words `g` and `g + 1` glued into token `o`.
    Glued { g: usize, o: usize },
    /// Gold word `g` has no token.
    Dropped { g: usize },
    /// Token `o` stands for no gold word.
    Inserted { o: usize },
}

/// Extra cost of a split or glue over a plain pairing: that of the inserted (or dropped) word
/// it replaces, so two tokens are taken as one word's halves only when together they spell it
/// better than either alone (a noise token beside `c6` stays a noise token).
const JOIN_PENALTY: f64 = 1.0;

/// Words either side of the diagonal the alignment looks at: OCR may drop or reorder a block
/// (a header table read column by column), never thousands of words.
const BAND: usize = 400;

/// A character old OCR writes where it could not read a marked vowel: a digit or a symbol.
fn stands_for_vowel(c: char) -> bool {
    c.is_ascii_digit() || !c.is_alphanumeric()
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Two skeleton characters match when equal, or when one is a digit or symbol and the other
/// a vowel (`s6` spells `so`): the OCR's stand-in for a marked vowel.
#[derive(Clone, Copy)]
struct Ch(char);

impl PartialEq for Ch {
    fn eq(&self, o: &Ch) -> bool {
        self.0 == o.0
            || (stands_for_vowel(self.0) && is_vowel(o.0))
            || (is_vowel(self.0) && stands_for_vowel(o.0))
    }
}

fn distance(a: &[char], b: &[char]) -> f64 {
    let n = a.len().max(b.len());
    if n == 0 {
        return 0.0;
    }
    let a: Vec<Ch> = a.iter().map(|&c| Ch(c)).collect();
    let b: Vec<Ch> = b.iter().map(|&c| Ch(c)).collect();
    levenshtein(&a, &b) as f64 / n as f64
}

fn joined(a: &[char], b: &[char]) -> Vec<char> {
    a.iter().chain(b).copied().collect()
}

/// Minimum-cost alignment of gold skeletons `gold` with OCR skeletons `ocr`: a pairing costs
/// twice the normalised skeleton distance, a split or glue the same on the joined form plus
/// `JOIN_PENALTY`, a dropped or inserted word 1. A pairing further apart than
/// [`MAX_WORD_DISTANCE`] is still a pairing here (a misread word), unlike the learner's.
pub fn align(gold: &[Vec<char>], ocr: &[Vec<char>]) -> Vec<Link> {
    let (n, m) = (gold.len(), ocr.len());
    let w = m + 1;
    let mut cost = vec![f64::INFINITY; (n + 1) * w];
    let mut back = vec![0u8; (n + 1) * w];
    cost[0] = 0.0;
    let band = BAND + n.abs_diff(m);
    for i in 0..=n {
        let centre = (i * m).checked_div(n).unwrap_or(0);
        let lo = centre.saturating_sub(band);
        let hi = (centre + band).min(m);
        for j in lo..=hi {
            let here = cost[i * w + j];
            if !here.is_finite() {
                continue;
            }
            let mut relax = |ii: usize, jj: usize, c: f64, b: u8| {
                let k = ii * w + jj;
                if here + c < cost[k] {
                    cost[k] = here + c;
                    back[k] = b;
                }
            };
            if i < n && j < m {
                relax(i + 1, j + 1, 2.0 * distance(&gold[i], &ocr[j]), 1);
            }
            if i < n {
                relax(i + 1, j, 1.0, 2);
            }
            if j < m {
                relax(i, j + 1, 1.0, 3);
            }
            if i < n && j + 1 < m {
                let d = distance(&gold[i], &joined(&ocr[j], &ocr[j + 1]));
                relax(i + 1, j + 2, 2.0 * d + JOIN_PENALTY, 4);
            }
            if i + 1 < n && j < m {
                let d = distance(&joined(&gold[i], &gold[i + 1]), &ocr[j]);
                relax(i + 2, j + 1, 2.0 * d + JOIN_PENALTY, 5);
            }
        }
    }
    let mut links = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        match back[i * w + j] {
            1 => {
                links.push(Link::One { g: i - 1, o: j - 1 });
                (i, j) = (i - 1, j - 1);
            }
            2 => {
                links.push(Link::Dropped { g: i - 1 });
                i -= 1;
            }
            3 => {
                links.push(Link::Inserted { o: j - 1 });
                j -= 1;
            }
            4 => {
                links.push(Link::Split { g: i - 1, o: j - 2 });
                (i, j) = (i - 1, j - 2);
            }
            5 => {
                links.push(Link::Glued { g: i - 2, o: j - 1 });
                (i, j) = (i - 2, j - 1);
            }
            // Outside the band nothing reaches the corner: fall back to dropping and inserting.
            _ if i > 0 => {
                links.push(Link::Dropped { g: i - 1 });
                i -= 1;
            }
            _ => {
                links.push(Link::Inserted { o: j - 1 });
                j -= 1;
            }
        }
    }
    links.reverse();
    links
}

/// True when a split or glue is a real one: the joined form spells the other side within
/// the learner's word distance (otherwise the link is a misreading of two words).
pub fn join_is_close(a: &[char], b: &[char], whole: &[char]) -> bool {
    distance(&joined(a, b), whole) <= MAX_WORD_DISTANCE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sk(text: &str) -> Vec<Vec<char>> {
        text.split_whitespace()
            .map(|w| skeleton(&core(w)))
            .collect()
    }

    #[test]
    fn split_and_glued_words_are_found() {
        let links = align(&sk("Lãnh đạo các cá nhân"), &sk("Lanh d ao cac Canhan"));
        assert_eq!(
            links,
            [
                Link::One { g: 0, o: 0 },
                Link::Split { g: 1, o: 1 },
                Link::One { g: 2, o: 3 },
                Link::Glued { g: 3, o: 4 },
            ]
        );
    }

    #[test]
    fn a_digit_for_a_vowel_is_a_pairing_and_noise_is_inserted() {
        let links = align(&sk("có số"), &sk("c6 ~ s6"));
        assert_eq!(
            links,
            [
                Link::One { g: 0, o: 0 },
                Link::Inserted { o: 1 },
                Link::One { g: 1, o: 2 }
            ]
        );
    }

    #[test]
    fn edge_punctuation_is_trimmed_but_mark_symbols_kept() {
        assert_eq!(core("“Chuyển,"), "chuyển");
        assert_eq!(core("S&"), "s&");
        assert_eq!(core("c¢6."), "c¢6");
    }
}
