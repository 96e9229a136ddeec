//! From learned counts to the table the decoder loads: only confusions the decoder cannot price
//! itself, tones folded on the intended side, costs in -log10 P.
//!
//! The decoder prices a slip of tone or vowel mark on the right letter (`é` read for `ể`, `d`
//! for `đ`) with its own per-channel costs and compares an intended string from the table with
//! a candidate letter by letter, tone slips included. So a line is only useful when the
//! observed string is not the intended one minus marks (`6` for `ô`, `ir` for `ư`, `p` for `đ`),
//! and one line per toneless intended string (`6`→`ô` rather than six lines for ô ố ồ ổ ỗ ộ)
//! keeps the decoder's search small while losing nothing.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::estimate::Counts;
use super::table::ConfusionTable;
use sohoa_eval::strip::strip_marks;

/// The five Vietnamese tone marks as combining characters (grave, acute, tilde, hook, dot).
const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// `s` without tone marks; vowel marks (â ă ê ô ơ ư) and đ stay.
pub fn strip_tones(s: &str) -> String {
    s.nfd().filter(|c| !TONES.contains(c)).nfc().collect()
}

/// True when OCR writing `observed` for `intended` is only a slip of marks on the same letters.
pub fn is_mark_slip(observed: &str, intended: &str) -> bool {
    strip_marks(&observed.to_lowercase()) == strip_marks(&intended.to_lowercase())
}

/// The decoder's table from one channel's counts: edits seen at least `min_count` times that
/// are not mark slips, intended tones folded, cost = -log10 of the smoothed P(observed |
/// intended) (add one half to each seen edit of an intended string and to one unseen one).
pub fn decoder_table(counts: &Counts, min_count: u64) -> ConfusionTable {
    decoder_table_of(counts, min_count, false)
}

/// True for an edit of at most one letter a side, not both empty: a letter read for another,
/// a letter lost, a letter added.
fn is_letter_edit(observed: &str, intended: &str) -> bool {
    let letter = |s: &str| s.chars().count() <= 1 && s.chars().all(char::is_alphabetic);
    letter(observed) && letter(intended) && !(observed.is_empty() && intended.is_empty())
}

/// [`decoder_table`], or with `letters_only` its edits of one letter alone (`is_letter_edit`:
/// a letter read for another, lost or added), each priced from its own count against every
/// edit of its intended letter: the letter edits of one OCR channel, for a decoder that adds
/// them to another table's rewrites one at a time.
pub fn decoder_table_of(counts: &Counts, min_count: u64, letters_only: bool) -> ConfusionTable {
    let mut edits: HashMap<(String, String), u64> = HashMap::new();
    let mut kinds: HashMap<String, u64> = HashMap::new();
    for (e, &n) in &counts.edits {
        let key = (e.observed.clone(), strip_tones(&e.intended));
        let slot = edits.entry(key.clone()).or_default();
        if *slot == 0 {
            *kinds.entry(key.1).or_default() += 1;
        }
        *slot += n;
    }
    let mut contexts: HashMap<String, u64> = HashMap::new();
    for (t, &n) in &counts.contexts {
        *contexts.entry(strip_tones(t)).or_default() += n;
    }
    let mut table = ConfusionTable::default();
    for ((o, t), &n) in &edits {
        if n < min_count || is_mark_slip(o, t) || (letters_only && !is_letter_edit(o, t)) {
            continue;
        }
        let total = contexts.get(t).copied().unwrap_or(n).max(n) as f64;
        let k = kinds[t] as f64 + 1.0;
        let p = ((n as f64 + 0.5) / (total + 0.5 * k)).min(1.0);
        table.insert(o, t, -p.log10());
    }
    table
}

/// One table from several channels (eng OCR of clean pages, vie OCR of photocopies): each
/// confusion at its cost in the channel where it is likeliest, since the decoder does not know
/// which OCR made a text and should not call a confusion rare because another OCR never makes it.
pub fn merge_min(tables: &[ConfusionTable]) -> ConfusionTable {
    let mut out = ConfusionTable::default();
    for t in tables {
        for (o, i, c) in t.entries() {
            if out.cost(o, i).is_none_or(|old| c < old) {
                out.insert(o, i, c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tones_fold_and_mark_slips_are_left_to_the_decoder() {
        assert_eq!(strip_tones("ổ Ự ư đ"), "ô Ư ư đ");
        assert!(is_mark_slip("é", "ể"));
        assert!(is_mark_slip("d", "đ"));
        assert!(!is_mark_slip("6", "ổ"));
        assert!(is_mark_slip("d", "Đ"), "a capital's slip is still a slip");
        assert!(!is_mark_slip("p", "Đ"));
        let c = Counts::of(
            &[
                ("6", "ổ", 3),
                ("6", "ố", 3),
                ("o", "ô", 4),
                ("ô", "ô", 10),
                ("p", "đ", 1),
            ],
            &[("ổ", 3), ("ố", 5), ("ô", 12), ("đ", 10)],
        );
        let t = decoder_table(&c, 2);
        assert_eq!(t.len(), 1, "{:?}", t.entries());
        // 6 of 20 ô-family letters read as 6, three kinds seen: (6 + 0.5) / (20 + 2).
        let want = -((6.5f64) / 22.0).log10();
        assert!((t.cost("6", "ô").unwrap() - want).abs() < 1e-9);
    }

    #[test]
    fn letters_only_keeps_one_letter_edits() {
        let c = Counts::of(
            &[
                ("l", "h", 1),
                ("", "r", 1),
                ("rn", "m", 4),
                (".", ",", 3),
                ("h", "h", 50),
            ],
            &[("h", 51), ("r", 20), ("m", 30), (",", 9)],
        );
        let t = decoder_table_of(&c, 1, true);
        assert!(t.cost("l", "h").is_some() && t.cost("", "r").is_some());
        assert_eq!(t.cost("rn", "m"), None, "two letters read for one");
        assert_eq!(t.cost(".", ","), None, "punctuation is not a letter");
        assert!(decoder_table_of(&c, 1, false).cost("rn", "m").is_some());
    }

    #[test]
    fn merging_keeps_each_confusion_at_its_likeliest() {
        let mut a = ConfusionTable::default();
        a.insert("6", "ô", 0.5);
        a.insert("rn", "m", 2.0);
        let mut b = ConfusionTable::default();
        b.insert("rn", "m", 1.0);
        let m = merge_min(&[a, b]);
        assert_eq!(m.cost("6", "ô"), Some(0.5));
        assert_eq!(m.cost("rn", "m"), Some(1.0));
    }
}
