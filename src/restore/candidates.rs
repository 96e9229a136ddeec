//! Candidate syllables for an observed word, with channel costs: every accented form of its
//! skeleton, plus forms reachable through the OCR confusion table (weighted edit distance).

use std::collections::HashMap;

use super::confusion::Confusions;
use super::lm::Model;
use super::syllable::{split_tone, strip, strip_char, Syllable};

/// Syllables seen fewer times than this in the corpora are not offered as candidates: they are
/// mostly typos that happen to be well formed.
const MIN_CANDIDATE_COUNT: u32 = 5;

/// The syllables of the language model, indexed by skeleton.
#[derive(Debug, Default)]
pub struct Inventory {
    /// Rendered lowercase form of each LM id that is a syllable (empty for other tokens).
    pub forms: Vec<String>,
    /// Characters of each form, for the channel cost.
    chars: Vec<Vec<char>>,
    /// Skeleton → ids, most frequent first.
    by_skeleton: HashMap<String, Vec<u16>>,
}

impl Inventory {
    /// Indexes the syllables of `model`.
    pub fn new(model: &Model) -> Inventory {
        let mut inv = Inventory::default();
        for (id, tok) in model.vocab.iter().enumerate() {
            let syl = Syllable::parse(tok);
            let form = syl.as_ref().map(Syllable::render).unwrap_or_default();
            if let Some(s) = &syl {
                if model.counts[id] >= MIN_CANDIDATE_COUNT {
                    inv.by_skeleton
                        .entry(s.skeleton())
                        .or_default()
                        .push(id as u16);
                }
            }
            inv.chars.push(form.chars().collect());
            inv.forms.push(form);
        }
        for ids in inv.by_skeleton.values_mut() {
            ids.sort_by_key(|&i| std::cmp::Reverse(model.counts[i as usize]));
        }
        inv
    }

    /// Ids whose skeleton is `skeleton`.
    pub fn with_skeleton(&self, skeleton: &str) -> &[u16] {
        self.by_skeleton.get(skeleton).map_or(&[], Vec::as_slice)
    }
}

/// Prices of mark slips on one letter, set per document from how marked its text is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Channel {
    /// Tone present in the output but not in the source.
    pub tone_add: f32,
    /// Tone in the source but none in the output.
    pub tone_drop: f32,
    /// Different tones.
    pub tone_change: f32,
    /// Vowel mark or đ stroke added (e → ê, d → đ).
    pub mark_add: f32,
    /// Vowel mark or stroke removed.
    pub mark_drop: f32,
    /// Different vowel marks (ô → ơ).
    pub mark_change: f32,
    /// Whether to look for OCR confusions beyond mark slips.
    pub ocr: bool,
    /// Price of keeping a word that is not a known syllable when it might be OCR noise.
    pub keep_unknown: f32,
    /// Price of keeping a well-formed syllable too rare to be a candidate itself.
    pub keep_rare: f32,
}

impl Channel {
    /// Text with its marks stripped: any marking is free, the language model decides.
    pub const STRIPPED: Channel = Channel {
        tone_add: 0.0,
        tone_drop: 3.0,
        tone_change: 3.0,
        mark_add: 0.0,
        mark_drop: 3.0,
        mark_change: 3.0,
        ocr: false,
        keep_unknown: 0.0,
        keep_rare: 2.0,
    };
    /// OCR made without a Vietnamese model: marks mostly lost, letters often confused.
    pub const NOISY: Channel = Channel {
        tone_add: 0.05,
        tone_drop: 0.6,
        tone_change: 0.5,
        mark_add: 0.05,
        mark_drop: 0.8,
        mark_change: 0.5,
        ocr: true,
        keep_unknown: 2.5,
        keep_rare: 1.0,
    };
    /// Text that is marked (Vietnamese OCR or typed text): changes need strong evidence.
    pub const MARKED: Channel = Channel {
        tone_add: 2.2,
        tone_drop: 2.4,
        tone_change: 2.3,
        mark_add: 2.3,
        mark_drop: 2.5,
        mark_change: 2.5,
        ocr: false,
        keep_unknown: 0.0,
        keep_rare: 0.0,
    };

    /// Cost of reading the letter `o` where `c` was meant; `None` when they are different
    /// letters (not the same skeleton).
    #[inline]
    pub fn letter(&self, o: char, c: char) -> Option<f32> {
        if o == c {
            return Some(0.0);
        }
        if strip_char(o) != strip_char(c) {
            return None;
        }
        let (ob, ot) = split_tone(o);
        let (cb, ct) = split_tone(c);
        let tone = if ot == ct {
            0.0
        } else if ot == 0 {
            self.tone_add
        } else if ct == 0 {
            self.tone_drop
        } else {
            self.tone_change
        };
        let mark = if ob == cb {
            0.0
        } else if strip_char(ob) == ob {
            self.mark_add
        } else if strip_char(cb) == cb {
            self.mark_drop
        } else {
            self.mark_change
        };
        Some(tone + mark)
    }
}

/// One candidate: LM id and channel cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Language-model id of the syllable.
    pub id: u16,
    /// Channel cost (−log10-like).
    pub cost: f32,
}

/// Largest channel cost a candidate may have.
pub const MAX_COST: f32 = 2.5;
/// Candidates kept per token, cheapest first, in OCR mode.
const MAX_CANDIDATES: usize = 12;

/// Generates candidates for one lowercase observed word.
pub struct Generator<'a> {
    /// The syllables.
    pub inventory: &'a Inventory,
    /// OCR confusions.
    pub confusions: &'a Confusions,
}

impl Generator<'_> {
    /// Candidates for the lowercase word `lower`, under `channel`, appended to `out`.
    pub fn candidates(&self, lower: &str, channel: &Channel, out: &mut Vec<Candidate>) {
        let obs: Vec<char> = lower.chars().collect();
        let letters = obs.iter().all(|c| c.is_alphabetic());
        if letters {
            let sk = strip(lower);
            for &id in self.inventory.with_skeleton(&sk) {
                let form = &self.inventory.chars[id as usize];
                let cost: f32 = obs
                    .iter()
                    .zip(form)
                    .map(|(&o, &c)| channel.letter(o, c).unwrap_or(f32::INFINITY))
                    .sum();
                if cost <= MAX_COST {
                    out.push(Candidate { id, cost });
                }
            }
        }
        // Outside OCR text, confusions are only worth a look when the marks alone explain
        // nothing (`nhitng` in an otherwise clean document).
        if !channel.ocr && !out.is_empty() {
            return;
        }
        let start = out.len();
        let mut skeletons: Vec<(String, f32)> = Vec::new();
        self.variants(&obs, 0, String::new(), 0.0, 0, &mut skeletons);
        skeletons.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        skeletons.dedup_by(|a, b| a.0 == b.0);
        let exact = if letters { strip(lower) } else { String::new() };
        for (sk, _) in &skeletons {
            if *sk == exact {
                continue;
            }
            for &id in self.inventory.with_skeleton(sk) {
                let cost = self.distance(&obs, &self.inventory.chars[id as usize], channel);
                if cost <= MAX_COST {
                    out.push(Candidate { id, cost });
                }
            }
        }
        out[start..].sort_by(|a, b| a.cost.total_cmp(&b.cost));
        out.truncate(start + MAX_CANDIDATES);
    }

    /// Skeletons reachable from `obs[i..]` by confusion-table rewrites within [`MAX_COST`].
    fn variants(
        &self,
        obs: &[char],
        i: usize,
        cur: String,
        cost: f32,
        depth: usize,
        out: &mut Vec<(String, f32)>,
    ) {
        if out.len() >= 256 {
            return;
        }
        if i == obs.len() {
            out.push((cur, cost));
            return;
        }
        if obs[i].is_alphabetic() {
            let mut next = cur.clone();
            next.push(strip_char(obs[i]));
            self.variants(obs, i + 1, next, cost, depth, out);
        }
        if depth >= 3 {
            return;
        }
        let mut key = String::new();
        for k in 1..=self.confusions.max_observed.min(obs.len() - i) {
            key.push(obs[i + k - 1]);
            for (int, w) in self.confusions.intended(&key) {
                if cost + w <= MAX_COST {
                    let mut next = cur.clone();
                    next.push_str(&strip(int));
                    self.variants(obs, i + k, next, cost + w, depth + 1, out);
                }
            }
        }
    }

    /// Weighted edit distance from the observed characters to a candidate form: letter slips
    /// priced by `channel`, other edits by the confusion table.
    pub fn distance(&self, obs: &[char], cand: &[char], channel: &Channel) -> f32 {
        let (n, m) = (obs.len(), cand.len());
        let w = m + 1;
        let mut d = vec![f32::INFINITY; (n + 1) * w];
        d[0] = 0.0;
        let mut key = String::new();
        for i in 0..=n {
            for j in 0..=m {
                let here = d[i * w + j];
                if !here.is_finite() {
                    continue;
                }
                if i < n && j < m {
                    if let Some(c) = channel.letter(obs[i], cand[j]) {
                        let t = &mut d[(i + 1) * w + j + 1];
                        *t = t.min(here + c);
                    }
                }
                key.clear();
                for k in 1..=self.confusions.max_observed.min(n - i) {
                    key.push(obs[i + k - 1]);
                    for (int, cost) in self.confusions.intended(&key) {
                        let ic: Vec<char> = int.chars().collect();
                        if j + ic.len() > m {
                            continue;
                        }
                        let mut extra = 0.0;
                        for (a, b) in ic.iter().zip(&cand[j..j + ic.len()]) {
                            match channel.letter(*a, *b) {
                                Some(x) => extra += x,
                                None => extra = f32::INFINITY,
                            }
                        }
                        let t = &mut d[(i + k) * w + j + ic.len()];
                        *t = t.min(here + cost + extra);
                    }
                }
            }
        }
        d[n * w + m]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_costs_follow_the_channel() {
        let c = Channel::MARKED;
        assert_eq!(c.letter('a', 'a'), Some(0.0));
        assert_eq!(c.letter('o', 'ố'), Some(c.tone_add + c.mark_add));
        assert_eq!(c.letter('ố', 'ổ'), Some(c.tone_change));
        assert_eq!(c.letter('a', 'b'), None);
        assert_eq!(Channel::STRIPPED.letter('d', 'đ'), Some(0.0));
    }

    #[test]
    fn edit_distance_uses_the_confusion_table() {
        let conf = Confusions::parse("6\tô\t0.3\nir\tư\t0.7\n").unwrap();
        let inv = Inventory::default();
        let g = Generator {
            inventory: &inv,
            confusions: &conf,
        };
        let ch = Channel::NOISY;
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let d = g.distance(&chars("s6"), &chars("số"), &ch);
        assert!((d - (0.3 + ch.tone_add)).abs() < 1e-6, "{d}");
        let d = g.distance(&chars("chirc"), &chars("chức"), &ch);
        assert!((d - (0.7 + ch.tone_add)).abs() < 1e-6, "{d}");
        assert!(g.distance(&chars("ab"), &chars("xy"), &ch).is_infinite());
    }
}
