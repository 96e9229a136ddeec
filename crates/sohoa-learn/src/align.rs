//! Aligning OCR output to the text that was rendered: words first (so a dropped or split word
//! does not shift everything after it), then characters within each aligned word pair, with
//! chunks of up to three characters on either side (`ư`→`ir`, `ũ`→`ii`, `đ`→`p`, `ươ`→`w`).

use sohoa_eval::metrics::levenshtein;
use sohoa_eval::strip::strip_marks;

use super::table::{ConfusionTable, MAX_CHUNK};

/// Word pairs whose mark-free, lowercase forms differ in more than this share of characters are
/// not paired: they are different words, and pairing them would teach the table noise.
pub const MAX_WORD_DISTANCE: f64 = 0.5;

/// Mark-free lowercase skeleton, the form OCR errors leave mostly intact.
fn skeleton(w: &str) -> Vec<char> {
    strip_marks(&w.to_lowercase()).chars().collect()
}

/// Normalised distance of two skeletons, 0 (same) to 1.
fn word_distance(a: &[char], b: &[char]) -> f64 {
    let n = a.len().max(b.len());
    if n == 0 {
        return 0.0;
    }
    levenshtein(a, b) as f64 / n as f64
}

/// Pairs `(i, j)` of `intended[i]` with `observed[j]` from a minimum-cost word alignment
/// (deletion and insertion cost 1, substitution twice the skeleton distance), keeping only
/// pairs within [`MAX_WORD_DISTANCE`].
pub fn align_words(intended: &[&str], observed: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (intended.len(), observed.len());
    let si: Vec<Vec<char>> = intended.iter().map(|w| skeleton(w)).collect();
    let so: Vec<Vec<char>> = observed.iter().map(|w| skeleton(w)).collect();
    // Back pointers: 0 diagonal, 1 up (intended word dropped), 2 left (observed word inserted).
    let mut back = vec![0u8; (n + 1) * (m + 1)];
    let mut prev: Vec<f64> = (0..=m).map(|j| j as f64).collect();
    let mut cur = vec![0.0; m + 1];
    back[1..=m].fill(2);
    for i in 1..=n {
        cur[0] = i as f64;
        back[i * (m + 1)] = 1;
        for j in 1..=m {
            let diag = prev[j - 1] + 2.0 * word_distance(&si[i - 1], &so[j - 1]);
            let up = prev[j] + 1.0;
            let left = cur[j - 1] + 1.0;
            let (c, b) = if diag <= up && diag <= left {
                (diag, 0)
            } else if up <= left {
                (up, 1)
            } else {
                (left, 2)
            };
            cur[j] = c;
            back[i * (m + 1) + j] = b;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        match back[i * (m + 1) + j] {
            0 => {
                if word_distance(&si[i - 1], &so[j - 1]) <= MAX_WORD_DISTANCE {
                    pairs.push((i - 1, j - 1));
                }
                i -= 1;
                j -= 1;
            }
            1 => i -= 1,
            _ => j -= 1,
        }
    }
    pairs.reverse();
    pairs
}

/// Costs used for edits the table does not know: a substitution within one base letter
/// (`ê` for `ế`), any other substitution, an insertion or deletion, and a match.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fallback {
    /// Same letter, different marks.
    pub same_base: f64,
    /// Different letters.
    pub substitution: f64,
    /// One character inserted or deleted.
    pub indel: f64,
    /// A character read as itself.
    pub identity: f64,
}

impl Default for Fallback {
    fn default() -> Self {
        Fallback {
            same_base: 4.0,
            substitution: 8.0,
            indel: 8.0,
            identity: 0.0,
        }
    }
}

/// One step of a character alignment: OCR wrote `observed` where the text had `intended`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Edit {
    /// What the OCR wrote (0-3 characters).
    pub observed: String,
    /// What the text had (0-3 characters).
    pub intended: String,
}

impl Edit {
    fn new(observed: &[char], intended: &[char]) -> Self {
        Edit {
            observed: observed.iter().collect(),
            intended: intended.iter().collect(),
        }
    }

    /// True when the OCR read the text correctly.
    pub fn is_identity(&self) -> bool {
        self.observed == self.intended
    }
}

fn one_char_cost(o: &[char], t: &[char], fb: &Fallback) -> Option<f64> {
    match (o, t) {
        ([a], [b]) if a == b => Some(fb.identity),
        ([a], [b]) => {
            let same = strip_marks(&a.to_string()) == strip_marks(&b.to_string());
            Some(if same { fb.same_base } else { fb.substitution })
        }
        ([_], []) | ([], [_]) => Some(fb.indel),
        _ => None,
    }
}

/// The cheapest segmentation of `observed` against `intended` (both lowercase NFC) into
/// [`Edit`]s: chunk pairs from `table`, and single-character edits at `fallback` cost when the
/// table lacks them.
pub fn align_chars(
    observed: &str,
    intended: &str,
    table: &ConfusionTable,
    fallback: &Fallback,
) -> Vec<Edit> {
    let o: Vec<char> = observed.chars().collect();
    let t: Vec<char> = intended.chars().collect();
    let (n, m) = (o.len(), t.len());
    let w = m + 1;
    let mut cost = vec![f64::INFINITY; (n + 1) * w];
    // The chunk lengths (observed, intended) of the last step into each cell.
    let mut step = vec![(0u8, 0u8); (n + 1) * w];
    cost[0] = 0.0;
    let mut os = String::new();
    let mut ts = String::new();
    for i in 0..=n {
        for j in 0..=m {
            let here = cost[i * w + j];
            if !here.is_finite() {
                continue;
            }
            for a in 0..=MAX_CHUNK.min(n - i) {
                os.clear();
                os.extend(&o[i..i + a]);
                for b in 0..=MAX_CHUNK.min(m - j) {
                    if a == 0 && b == 0 {
                        continue;
                    }
                    ts.clear();
                    ts.extend(&t[j..j + b]);
                    let c = table
                        .cost(&os, &ts)
                        .or_else(|| one_char_cost(&o[i..i + a], &t[j..j + b], fallback));
                    let Some(c) = c else { continue };
                    let k = (i + a) * w + j + b;
                    if here + c < cost[k] {
                        cost[k] = here + c;
                        step[k] = (a as u8, b as u8);
                    }
                }
            }
        }
    }
    let mut edits = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (a, b) = step[i * w + j];
        let (a, b) = (a as usize, b as usize);
        edits.push(Edit::new(&o[i - a..i], &t[j - b..j]));
        i -= a;
        j -= b;
    }
    edits.reverse();
    edits
}

/// Merges each insertion or deletion into the edit before it (or after it, at the start) when
/// that edit is not an identity and the merged chunk stays within [`MAX_CHUNK`]: `ư`→`i` plus
/// an inserted `r` is one confusion `ư`→`ir`, not two. Substitutions next to each other stay
/// separate, so the table keeps `ư`→`u` and `ơ`→`o` rather than every pair of them.
pub fn group_edits(edits: Vec<Edit>) -> Vec<Edit> {
    let is_indel = |e: &Edit| e.observed.is_empty() != e.intended.is_empty();
    let fits = |a: &Edit, b: &Edit| {
        a.observed.chars().count() + b.observed.chars().count() <= MAX_CHUNK
            && a.intended.chars().count() + b.intended.chars().count() <= MAX_CHUNK
    };
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    let mut pending_front: Option<Edit> = None;
    for e in edits {
        if let Some(last) = out.last_mut() {
            if !last.is_identity()
                && (is_indel(&e) || is_indel(last))
                && !e.is_identity()
                && fits(last, &e)
            {
                last.observed.push_str(&e.observed);
                last.intended.push_str(&e.intended);
                continue;
            }
        }
        if out.is_empty() && is_indel(&e) && pending_front.is_none() {
            pending_front = Some(e);
            continue;
        }
        if let Some(mut f) = pending_front.take() {
            if !e.is_identity() && fits(&f, &e) {
                f.observed.push_str(&e.observed);
                f.intended.push_str(&e.intended);
                out.push(f);
                continue;
            }
            out.push(f);
        }
        out.push(e);
    }
    if let Some(f) = pending_front {
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(edits: &[Edit]) -> Vec<(&str, &str)> {
        edits
            .iter()
            .map(|e| (e.observed.as_str(), e.intended.as_str()))
            .collect()
    }

    #[test]
    fn words_align_across_a_dropped_word() {
        let intended = ["Phong", "trào", "thi", "đua", "chuyển", "đổi", "số"];
        let observed = ["Phong", "trao", "thi", "chuyén", "doi", "sé"];
        assert_eq!(
            align_words(&intended, &observed),
            [(0, 0), (1, 1), (2, 2), (4, 3), (5, 4), (6, 5)]
        );
    }

    #[test]
    fn unrelated_words_are_not_paired() {
        assert_eq!(align_words(&["Đồng", "Tháp"], &["xyz", "Thap"]), [(1, 1)]);
    }

    #[test]
    fn character_alignment_with_fallback_costs() {
        let t = ConfusionTable::default();
        let fb = Fallback::default();
        let e = align_chars("chuyén", "chuyển", &t, &fb);
        assert_eq!(
            pairs(&e),
            [
                ("c", "c"),
                ("h", "h"),
                ("u", "u"),
                ("y", "y"),
                ("é", "ể"),
                ("n", "n")
            ]
        );
        let e = group_edits(align_chars("nhitng", "những", &t, &fb));
        assert!(pairs(&e).contains(&("it", "ữ")), "{:?}", pairs(&e));
    }

    #[test]
    fn learned_multi_char_chunks_are_used() {
        let mut t = ConfusionTable::default();
        t.insert("ir", "ứ", 1.0);
        let e = align_chars("chirc", "chức", &t, &Fallback::default());
        assert_eq!(pairs(&e), [("c", "c"), ("h", "h"), ("ir", "ứ"), ("c", "c")]);
        // Without the entry the same pair costs a substitution and an insertion.
        let e = align_chars(
            "chirc",
            "chức",
            &ConfusionTable::default(),
            &Fallback::default(),
        );
        assert_eq!(e.len(), 5);
    }

    #[test]
    fn grouping_merges_indels_into_neighbouring_substitutions() {
        let e = vec![
            Edit::new(&['c'], &['c']),
            Edit::new(&['i'], &['ư']),
            Edit::new(&['r'], &[]),
            Edit::new(&['c'], &['c']),
        ];
        assert_eq!(
            pairs(&group_edits(e)),
            [("c", "c"), ("ir", "ư"), ("c", "c")]
        );
        // Adjacent substitutions stay separate.
        let e = vec![Edit::new(&['u'], &['ư']), Edit::new(&['o'], &['ơ'])];
        assert_eq!(pairs(&group_edits(e)), [("u", "ư"), ("o", "ơ")]);
        // A leading deletion joins the following substitution.
        let e = vec![Edit::new(&[], &['đ']), Edit::new(&['p'], &['ồ'])];
        assert_eq!(pairs(&group_edits(e)), [("p", "đồ")]);
    }
}
