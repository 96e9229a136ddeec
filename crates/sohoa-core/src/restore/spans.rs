//! Words the scan cut or glued, in old OCR: options that read two or three tokens as one
//! syllable (`d ao` → `đạo`, a noise mark inside a word, `Chu’ong` → `Chương`) or one token as
//! two syllables (`Canhan` → `cá nhân`). Each is priced by the channel (a split or merge edit of
//! its own, plus the letters' costs) and weighed by the language model against the tokens as
//! they stand. Whole words keep their boundaries: across a space, a merge is only offered where
//! one side is a piece of a word (one letter, or a word that is neither a syllable nor a
//! misreading of one), and only such a piece may be split.

use rustc_hash::FxHashMap;

use super::candidates::{Candidate, Channel};
use super::decode::Span;
use super::lattice::{Lattice, Out};
use super::syllable::{strip, Syllable};
use super::token::{Kind, Token};
use super::{is_code_part, Restorer, WordOptions};

/// Channel cost of reading two tokens as one syllable (a space or a noise mark inside a word).
/// 1.5 (a chance in thirty): on the development pages of old OCR and on each seed as a
/// training fold the errors were the same for every cost from 0.5 to 3 (BENCHMARKS.md, *split
/// and merge*): the language model decides, this only keeps a merge from being free.
const MERGE_COST: f32 = 1.5;
/// Channel cost of reading one token as two syllables (a space the scan lost); as
/// [`MERGE_COST`], from the same flat range.
const SPLIT_COST: f32 = 1.5;
/// Forms offered per merge, and per half of a split: the likeliest by channel cost and unigram
/// probability, as the candidates are ranked. Spans are scored against every hypothesis, so
/// they are kept few.
const SPAN_FORMS: usize = 4;
/// Longest token (in characters) tried as two glued syllables: two of the longest Vietnamese
/// syllables (`nghiêng`) are 14 letters. Longer tokens are junk, and stay linear.
const MAX_SPLIT_CHARS: usize = 14;
/// Least price of keeping a piece that may be two glued syllables as written: the price of a
/// malformed word kept in old OCR (see `Restorer::add_options`).
const KEEP_PIECE: f32 = 5.0;
/// Restoration confidence of a merged or split word: under the review threshold, so that an
/// archivist sees every place where restoration moved a word boundary.
pub(super) const SPAN_CONFIDENCE: f32 = 0.5;

/// True for a punctuation character that may be noise inside a word (`Chu’ong`, `c,ac`), not
/// one that joins the parts of a code, a date or a compound (`/`, `-`, `.`).
fn noise_mark(c: char) -> bool {
    !matches!(c, '/' | '-' | '.' | '–' | '—' | '‐' | '‑' | '%' | '+' | '=')
}

impl Restorer {
    /// Adds the spans that end at token `j` (the lattice's last position; `first` is the
    /// stretch's first token).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn add_spans(
        &self,
        text: &str,
        tokens: &[Token],
        first: usize,
        j: usize,
        channel: &Channel,
        memo: &mut FxHashMap<String, WordOptions>,
        lattice: &mut Lattice,
    ) {
        let word = |i: usize| &text[tokens[i].span.clone()];
        // Words only, and not the codes and abbreviations kept as written.
        let is_word = |i: usize| {
            let w = &text[tokens[i].span.clone()];
            tokens[i].kind == Kind::Word
                && (w.chars().any(char::is_lowercase)
                    || !(is_code_part(text, &tokens[i].span) || self.is_acronym(w)))
        };
        if !is_word(j) {
            return;
        }
        let end = lattice.len();
        // Two words with spaces between them, one of them a piece of a word.
        if j > first && is_word(j - 1) {
            let gap = &text[tokens[j - 1].span.end..tokens[j].span.start];
            if !gap.is_empty()
                && gap.chars().all(|c| c == ' ')
                && (self.piece(word(j - 1), memo) || self.piece(word(j), memo))
            {
                let merged = format!("{}{}", word(j - 1), word(j));
                self.merge(&merged, end - 2, 2, channel, memo, lattice);
            }
        }
        // Words with one or two noise marks between them and no space: one run.
        for marks in 1..=2 {
            let Some(a) = j.checked_sub(marks + 1).filter(|&a| a >= first) else {
                break;
            };
            let glued = (a..j).all(|i| tokens[i].span.end == tokens[i + 1].span.start);
            let noise = (a + 1..j).all(|i| {
                tokens[i].kind == Kind::Punct
                    && text[tokens[i].span.clone()].chars().all(noise_mark)
            });
            if is_word(a) && glued && noise {
                let merged = format!("{}{}", word(a), word(j));
                self.merge(&merged, end - marks - 2, marks + 2, channel, memo, lattice);
            }
        }
        if self.piece(word(j), memo) {
            self.split(word(j), end - 1, channel, lattice);
        }
    }

    /// True for a word that is no syllable nor a misreading of one: one letter, or a word with
    /// no candidate the tables' edits reach that is not a known syllable either (its options
    /// were memoised when its position was built).
    fn piece(&self, w: &str, memo: &FxHashMap<String, WordOptions>) -> bool {
        let mut chars = w.chars();
        let one = chars.next().is_some() && chars.next().is_none();
        one || memo
            .get(w)
            .is_some_and(|o| !o.direct && o.own == super::lm::UNK)
    }

    /// Spans reading `len` positions from `start` as the syllable `merged` may stand for.
    fn merge(
        &self,
        merged: &str,
        start: usize,
        len: usize,
        channel: &Channel,
        memo: &mut FxHashMap<String, WordOptions>,
        lattice: &mut Lattice,
    ) {
        let options = match memo.get(merged) {
            Some(w) => w,
            None => {
                let w = self.word_options(merged, channel);
                memo.entry(merged.to_owned()).or_insert(w)
            }
        };
        let mut best: Vec<Candidate> = options.cands.clone();
        self.rank(&mut best);
        for c in best.iter().take(SPAN_FORMS) {
            lattice.push_span(
                Span {
                    start,
                    len,
                    ids: [c.id, 0],
                    n: 1,
                    cost: MERGE_COST + c.cost,
                },
                self.inventory.forms[c.id as usize].clone(),
            );
        }
    }

    /// Spans reading the token `w` at position `at` as two syllables, when it is a word of
    /// letters that is no syllable: every cut whose halves are both skeletons of known syllables.
    fn split(&self, w: &str, at: usize, channel: &Channel, lattice: &mut Lattice) {
        let n = w.chars().count();
        if !(2..=MAX_SPLIT_CHARS).contains(&n) || !w.chars().all(char::is_alphabetic) {
            return;
        }
        let lower = w.to_lowercase();
        let obs: Vec<char> = lower.chars().collect();
        let forms = |half: &[char]| -> Vec<Candidate> {
            let half: String = half.iter().collect();
            if Syllable::parse(&half).is_none() {
                return Vec::new();
            }
            let sk = strip(&half);
            let mut v: Vec<Candidate> = self
                .inventory
                .with_skeleton(&sk)
                .iter()
                .filter_map(|&id| {
                    let form = self.inventory.forms[id as usize].chars();
                    let cost: Option<f32> = half
                        .chars()
                        .zip(form)
                        .map(|(o, c)| channel.letter(o, c))
                        .sum();
                    cost.filter(|&c| c <= channel.max_cost)
                        .map(|cost| Candidate { id, cost })
                })
                .collect();
            self.rank(&mut v);
            v.truncate(SPAN_FORMS);
            v
        };
        let before = lattice.spans.len();
        for cut in 1..n {
            let (left, right) = (forms(&obs[..cut]), forms(&obs[cut..]));
            for l in &left {
                for r in &right {
                    let form = format!(
                        "{} {}",
                        self.inventory.forms[l.id as usize], self.inventory.forms[r.id as usize]
                    );
                    lattice.push_span(
                        Span {
                            start: at,
                            len: 1,
                            ids: [l.id, r.id],
                            n: 2,
                            cost: SPLIT_COST + l.cost + r.cost,
                        },
                        form,
                    );
                }
            }
        }
        // The piece kept as written was free only because nothing else was offered for it; now
        // that its halves are, it is priced as any malformed word read by old OCR.
        if lattice.spans.len() > before {
            let (choices, outs) = lattice.last_mut();
            for (c, o) in choices.iter_mut().zip(outs) {
                if matches!(o, Out::Keep) {
                    c.cost = c.cost.max(channel.keep_unknown.max(KEEP_PIECE));
                }
            }
        }
    }

    /// Sorts candidates as the noisy channel ranks them: channel cost minus log10 unigram
    /// probability, likeliest first.
    fn rank(&self, v: &mut [Candidate]) {
        let key = |c: &Candidate| c.cost - self.inventory.log_prior(c.id);
        v.sort_by(|a, b| key(a).total_cmp(&key(b)));
    }
}
