//! The mark slips of a Vietnamese OCR (`ế` read for `ể`, `ẽ` for `ề`, `đ` for `d`): every
//! misreading of one letter as another with the same base letters, at cost
//! -log10 P(observed | intended), tones kept on both sides.
//!
//! A slip seen often enough is priced from its own count (the slips of one OCR are specific:
//! `ế` for `ể` is common, `ế` for `ệ` is not). The others, most of the 900-odd possible pairs,
//! would otherwise fall back on a guessed price; they are priced instead by a model learned from
//! the same counts that treats a slip as a tone slip and a vowel-mark slip made independently:
//! P(ế | ẽ) ≈ P(acute | tilde) × P(ê | e), each factor pooled over every letter that has it.
//! So `sắn` for `sản` is as likely as hook→acute times a→ă make it, not impossible.

use std::collections::HashMap;

use super::estimate::Counts;
use super::table::ConfusionTable;
use sohoa_core::restore::syllable::{split_tone, strip_char, with_tone, Tone};

/// The toneless letters that carry marks, grouped by skeleton: a slip stays in its group.
const FAMILIES: [&[char]; 7] = [
    &['a', 'ă', 'â'],
    &['e', 'ê'],
    &['i'],
    &['o', 'ô', 'ơ'],
    &['u', 'ư'],
    &['y'],
    &['d', 'đ'],
];

/// Every lowercase letter (tone included) with the same skeleton as `c`, `c` among them.
fn family(c: char) -> Vec<char> {
    let (base, _) = split_tone(c);
    let Some(bases) = FAMILIES.iter().find(|f| f.contains(&base)) else {
        return Vec::new();
    };
    let tones: &[Tone] = if base == 'd' || base == 'đ' {
        &[0]
    } else {
        &[0, 1, 2, 3, 4, 5]
    };
    bases
        .iter()
        .flat_map(|&b| tones.iter().map(move |&t| with_tone(b, t)))
        .collect()
}

/// Pooled counts of the two independent parts of a slip.
#[derive(Debug, Default)]
struct Factors {
    /// (intended tone, observed tone) → slips with that tone change.
    tone: HashMap<(Tone, Tone), u64>,
    /// Intended tone → letters with that tone in the aligned text.
    tone_total: HashMap<Tone, u64>,
    /// (intended base, observed base) → slips with that change of vowel mark or stroke.
    base: HashMap<(char, char), u64>,
    /// Intended base → letters with that base in the aligned text.
    base_total: HashMap<char, u64>,
}

impl Factors {
    fn new(counts: &Counts, letters: &[char]) -> Factors {
        let mut f = Factors::default();
        for &c in letters {
            let n = counts.contexts.get(&c.to_string()).copied().unwrap_or(0);
            let (b, t) = split_tone(c);
            *f.tone_total.entry(t).or_default() += n;
            *f.base_total.entry(b).or_default() += n;
        }
        for (e, &n) in &counts.edits {
            let (Some(o), Some(i)) = (single(&e.observed), single(&e.intended)) else {
                continue;
            };
            if o == i || i.is_uppercase() || strip_char(o) != strip_char(i) {
                continue;
            }
            let ((ob, ot), (ib, it)) = (split_tone(o), split_tone(i));
            if ot != it {
                *f.tone.entry((it, ot)).or_default() += n;
            }
            if ob != ib {
                *f.base.entry((ib, ob)).or_default() += n;
            }
        }
        f
    }

    /// P(observed | intended) as the product of its tone slip and its mark slip (each with one
    /// half added to its count, so that a slip never seen is rare but possible).
    fn probability(&self, observed: char, intended: char) -> f64 {
        let ((ob, ot), (ib, it)) = (split_tone(observed), split_tone(intended));
        let mut p = 1.0;
        if ot != it {
            let n = self.tone.get(&(it, ot)).copied().unwrap_or(0) as f64 + 0.5;
            p *= n / (self.tone_total.get(&it).copied().unwrap_or(0) as f64 + 0.5);
        }
        if ob != ib {
            let n = self.base.get(&(ib, ob)).copied().unwrap_or(0) as f64 + 0.5;
            p *= n / (self.base_total.get(&ib).copied().unwrap_or(0) as f64 + 0.5);
        }
        p.min(1.0)
    }
}

/// The character of a one-character string.
fn single(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// Every mark slip between letters seen in the aligned text: those seen at least `min_count`
/// times at -log10 of their own frequency, the rest at the independent-factor estimate.
pub fn slip_table(counts: &Counts, min_count: u64) -> ConfusionTable {
    let mut letters: Vec<char> = FAMILIES
        .iter()
        .flat_map(|f| family(f[0]))
        .filter(|c| counts.contexts.contains_key(&c.to_string()))
        .collect();
    letters.sort_unstable();
    let factors = Factors::new(counts, &letters);
    let mut table = ConfusionTable::default();
    for &i in &letters {
        for o in family(i) {
            if o == i {
                continue;
            }
            let key = super::align::Edit {
                observed: o.to_string(),
                intended: i.to_string(),
            };
            let n = counts.edits.get(&key).copied().unwrap_or(0);
            let p = if n >= min_count {
                n as f64 / counts.intended_total(&key.intended, n)
            } else {
                factors.probability(o, i)
            };
            table.insert(&key.observed, &key.intended, -p.log10());
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_hold_every_letter_of_a_skeleton() {
        assert_eq!(family('ể').len(), 12);
        assert!(family('ể').contains(&'e') && family('ể').contains(&'ệ'));
        assert_eq!(family('ợ').len(), 18);
        assert_eq!(family('đ'), vec!['d', 'đ']);
        assert!(family('b').is_empty());
    }

    #[test]
    fn frequent_slips_keep_their_own_price_and_others_are_estimated_from_parts() {
        let c = Counts::of(
            &[
                ("ế", "ể", 8),
                ("ể", "ể", 92),
                ("6", "ổ", 5),
                ("e", "ể", 1),
                ("ư", "ự", 4),
                ("ạ", "á", 3),
            ],
            &[("ể", 100), ("ổ", 10), ("ự", 40), ("á", 60), ("e", 200)],
        );
        let t = slip_table(&c, 2);
        // Seen often enough: its own frequency.
        assert!((t.cost("ế", "ể").unwrap() - -(0.08f64).log10()).abs() < 1e-9);
        assert!((t.cost("ư", "ự").unwrap() - 1.0).abs() < 1e-9);
        // Not a mark slip: never in this table.
        assert_eq!(t.cost("6", "ổ"), None);
        // `e` for `ể` was seen once, under `min_count`: a hook dropped (1 of the 110 hooked
        // letters, ể and ổ) times ê read as e (1 of 100 ê), each with one half added.
        let tone: f64 = 1.5 / 110.5;
        let mark = 1.5 / 100.5;
        assert!((t.cost("e", "ể").unwrap() - -(tone * mark).log10()).abs() < 1e-9);
        // Never seen at all (hook read as dot, ê as e): rarer than the slip seen once, but priced.
        let never = t.cost("ẹ", "ể").unwrap();
        assert!(never.is_finite() && never > t.cost("e", "ể").unwrap());
        // Letters never seen in the text get no lines.
        assert_eq!(t.cost("u", "ũ"), None);
    }
}
