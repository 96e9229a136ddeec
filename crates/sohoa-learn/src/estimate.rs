//! Counting aligned edits over many (source text, OCR text) pairs and turning the counts into
//! costs: a few rounds of hard EM, each aligning with the previous round's table.

use std::collections::HashMap;

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::align::{align_chars, align_words, group_edits, Edit, Fallback};
use super::table::{ConfusionTable, MAX_CHUNK};

/// One rendered text and what OCR read from its image.
#[derive(Debug, Clone, PartialEq)]
pub struct TextPair {
    /// The text that was rendered.
    pub intended: String,
    /// The OCR output.
    pub observed: String,
}

/// Edit counts and the intended text they were counted over.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    /// How often each edit was seen (identities included).
    pub edits: HashMap<Edit, u64>,
    /// How often each string of 1-3 characters occurs in the aligned intended words, and under
    /// `""` the number of places an insertion could go (characters plus one per word).
    pub contexts: HashMap<String, u64>,
    /// Word pairs aligned.
    pub words: u64,
    /// Intended words left unpaired (dropped, split or misread beyond recognition).
    pub unpaired: u64,
}

impl Counts {
    /// How often `intended` occurs where an edit seen `n` times could have happened: its
    /// context count, never below `n` (a string counted only inside longer words).
    pub fn intended_total(&self, intended: &str, n: u64) -> f64 {
        self.contexts.get(intended).copied().unwrap_or(n).max(n) as f64
    }

    /// Counts made of (observed, intended, n) edits and (intended string, n) contexts, for the
    /// tests of the tables built from counts.
    #[cfg(test)]
    pub(crate) fn of(edits: &[(&str, &str, u64)], contexts: &[(&str, u64)]) -> Counts {
        Counts {
            edits: edits
                .iter()
                .map(|(o, t, n)| {
                    let e = Edit {
                        observed: (*o).into(),
                        intended: (*t).into(),
                    };
                    (e, *n)
                })
                .collect(),
            contexts: contexts.iter().map(|(t, n)| ((*t).into(), *n)).collect(),
            ..Counts::default()
        }
    }

    fn merge(mut self, o: Counts) -> Counts {
        for (k, v) in o.edits {
            *self.edits.entry(k).or_default() += v;
        }
        for (k, v) in o.contexts {
            *self.contexts.entry(k).or_default() += v;
        }
        self.words += o.words;
        self.unpaired += o.unpaired;
        self
    }
}

fn lower_nfc(s: &str) -> String {
    s.to_lowercase().nfc().collect()
}

/// Aligns one pair and counts its edits.
pub fn count_pair(pair: &TextPair, table: &ConfusionTable, fallback: &Fallback) -> Counts {
    let intended: Vec<&str> = pair.intended.split_whitespace().collect();
    let observed: Vec<&str> = pair.observed.split_whitespace().collect();
    let aligned = align_words(&intended, &observed);
    let mut c = Counts {
        words: aligned.len() as u64,
        unpaired: (intended.len() - aligned.len()) as u64,
        ..Counts::default()
    };
    for (i, j) in aligned {
        let t = lower_nfc(intended[i]);
        let o = lower_nfc(observed[j]);
        let tc: Vec<char> = t.chars().collect();
        for len in 1..=MAX_CHUNK {
            for w in tc.windows(len) {
                *c.contexts.entry(w.iter().collect()).or_default() += 1;
            }
        }
        *c.contexts.entry(String::new()).or_default() += tc.len() as u64 + 1;
        let edits = if t == o {
            tc.iter()
                .map(|ch| Edit {
                    observed: ch.to_string(),
                    intended: ch.to_string(),
                })
                .collect()
        } else {
            group_edits(align_chars(&o, &t, table, fallback))
        };
        // A capital is worn and misread differently from its small letter (`Đ` read `P` or `B`
        // on poor scans, where `đ` is read `d`): the edit at the start of a capitalised word is
        // counted again with its intended side in capitals, against the capitalised words.
        let first = intended[i].chars().next();
        if first.is_some_and(char::is_uppercase) {
            for len in 1..=MAX_CHUNK.min(tc.len()) {
                let start: String = tc[..len].iter().collect();
                *c.contexts.entry(start.to_uppercase()).or_default() += 1;
            }
            if let Some(e) = edits.iter().find(|e| !e.intended.is_empty()) {
                let cap = Edit {
                    observed: e.observed.clone(),
                    intended: e.intended.to_uppercase(),
                };
                *c.edits.entry(cap).or_default() += 1;
            }
        }
        for e in edits {
            *c.edits.entry(e).or_default() += 1;
        }
    }
    c
}

/// Counts edits over all pairs (in parallel).
pub fn count_all(pairs: &[TextPair], table: &ConfusionTable, fallback: &Fallback) -> Counts {
    pairs
        .par_iter()
        .map(|p| count_pair(p, table, fallback))
        .reduce(Counts::default, Counts::merge)
}

/// Turns counts into costs -ln P(observed | intended), with P smoothed by adding one half to
/// every seen edit and one half for the unseen ones of each intended string. Edits seen fewer
/// than `min_count` times are left out (the decoder's default covers them); identities are
/// kept for every character seen `min_count` times.
pub fn estimate(counts: &Counts, min_count: u64) -> ConfusionTable {
    let mut kinds: HashMap<&str, u64> = HashMap::new();
    for e in counts.edits.keys() {
        *kinds.entry(e.intended.as_str()).or_default() += 1;
    }
    let mut table = ConfusionTable::default();
    for (e, &n) in &counts.edits {
        if n < min_count {
            continue;
        }
        let total = counts.intended_total(&e.intended, n);
        let k = kinds[e.intended.as_str()] as f64 + 1.0;
        let p = (n as f64 + 0.5) / (total + 0.5 * k);
        table.insert(&e.observed, &e.intended, -p.min(1.0).ln());
    }
    table
}

/// What a learning run saw.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LearnStats {
    /// Word pairs aligned in the last round.
    pub words: u64,
    /// Intended words left unpaired in the last round.
    pub unpaired: u64,
    /// Edits that were not identities in the last round.
    pub errors: u64,
    /// Edits in the last round.
    pub edits: u64,
}

/// Learns a table: round 0 aligns with [`Fallback`] costs only, each later round with the table
/// of the round before, so multi-character confusions found by grouping get used as chunks.
/// Returns the last round's table (natural-log costs, identities included, the form the
/// aligner uses), its counts and statistics.
pub fn learn(
    pairs: &[TextPair],
    rounds: usize,
    min_count: u64,
) -> (ConfusionTable, Counts, LearnStats) {
    let fallback = Fallback::default();
    let mut table = ConfusionTable::default();
    let mut stats = LearnStats::default();
    let mut counts = Counts::default();
    for _ in 0..rounds.max(1) {
        counts = count_all(pairs, &table, &fallback);
        stats = LearnStats {
            words: counts.words,
            unpaired: counts.unpaired,
            errors: counts
                .edits
                .iter()
                .filter(|(e, _)| !e.is_identity())
                .map(|(_, n)| n)
                .sum(),
            edits: counts.edits.values().sum(),
        };
        table = estimate(&counts, min_count);
    }
    (table, counts, stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(intended: &str, observed: &str) -> TextPair {
        TextPair {
            intended: intended.into(),
            observed: observed.into(),
        }
    }

    #[test]
    fn counts_identities_and_confusions() {
        let c = count_pair(
            &pair("Tổ chức thực hiện", "T6 chirc thuc hién"),
            &ConfusionTable::default(),
            &Fallback::default(),
        );
        assert_eq!((c.words, c.unpaired), (4, 0));
        let get = |o: &str, t: &str| {
            c.edits
                .get(&Edit {
                    observed: o.into(),
                    intended: t.into(),
                })
                .copied()
                .unwrap_or(0)
        };
        assert_eq!(get("6", "ổ"), 1);
        assert_eq!(get("ir", "ứ"), 1);
        assert_eq!(get("u", "ự"), 1);
        assert_eq!(get("é", "ệ"), 1);
        assert_eq!(get("h", "h"), 3);
        assert_eq!(c.contexts["h"], 3);
        assert_eq!(c.contexts["ch"], 1);
    }

    #[test]
    fn frequent_confusions_cost_less_than_rare_ones() {
        // "ư" is read "w" three times out of four, "ư" once.
        let pairs = vec![
            pair("tương tương", "twong twong"),
            pair("tương tương", "twong tương"),
        ];
        let (t, _, stats) = learn(&pairs, 2, 1);
        assert_eq!(stats.words, 4);
        let w = t.cost("w", "ư").expect("ư→w learned");
        let same = t.cost("ư", "ư").expect("identity kept");
        assert!(w < same, "w {w} vs identity {same}");
        let p_sum = (-w).exp() + (-same).exp();
        assert!(
            p_sum <= 1.0 + 1e-9,
            "probabilities of one intended char sum to {p_sum}"
        );
    }

    #[test]
    fn min_count_prunes_rare_edits() {
        let pairs = vec![pair("đồng đồng đồng", "pong dong đồng")];
        let (t, _, _) = learn(&pairs, 1, 2);
        assert_eq!(t.cost("p", "đ"), None);
        assert!(t.cost("đ", "đ").is_none(), "seen once only");
        assert!(t.cost("n", "n").is_some());
    }
}
