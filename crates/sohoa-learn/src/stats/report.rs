//! The channel statistics of several sets side by side, as Markdown tables ready for
//! BENCHMARKS.md: one column per set, then the fates of the most frequent words.

use std::fmt::Write;

use super::{ChannelStats, Fate, FateCounts};

fn pct(n: usize, of: usize) -> String {
    if of == 0 {
        return "–".into();
    }
    format!("{:.1}%", 100.0 * n as f64 / of as f64)
}

fn row(out: &mut String, label: &str, cells: impl Iterator<Item = String>) {
    let _ = write!(out, "| {label} |");
    for c in cells {
        let _ = write!(out, " {c} |");
    }
    out.push('\n');
}

/// The summary table: one column per `(label, stats)`.
pub fn summary(sets: &[(String, ChannelStats)]) -> String {
    let mut out = String::new();
    row(
        &mut out,
        "statistic",
        sets.iter().map(|(l, _)| format!("`{l}`")),
    );
    row(&mut out, "---", sets.iter().map(|_| "---:".to_string()));
    let each = |f: &dyn Fn(&ChannelStats) -> String| -> std::vec::IntoIter<String> {
        sets.iter()
            .map(|(_, s)| f(s))
            .collect::<Vec<_>>()
            .into_iter()
    };
    row(&mut out, "documents", each(&|s| s.docs.to_string()));
    row(
        &mut out,
        "gold syllables",
        each(&|s| s.syllables.to_string()),
    );
    row(
        &mut out,
        "raw CER",
        each(&|s| format!("{:.1}%", 100.0 * s.chars.rate())),
    );
    row(
        &mut out,
        "skeleton WER (marks stripped, lowercase)",
        each(&|s| format!("{:.1}%", 100.0 * s.skeleton_words.rate())),
    );
    let rate = |label: &str, f: fn(&ChannelStats) -> usize, out: &mut String| {
        row(
            out,
            label,
            sets.iter()
                .map(|(_, s)| format!("{:.1}", s.per_mille(f(s)))),
        );
    };
    rate(
        "digit for a letter (`c6`), ‰ syllables",
        |s| s.digit_for_letter,
        &mut out,
    );
    rate(
        "symbol inside a word (`S&`, `c¢6`), ‰",
        |s| s.symbol_for_mark,
        &mut out,
    );
    rate("foreign-marked letter, ‰", |s| s.foreign_letter, &mut out);
    rate("split syllables, ‰", |s| s.split, &mut out);
    rate("glued syllable pairs, ‰", |s| s.glued, &mut out);
    rate("noise tokens, ‰", |s| s.inserted, &mut out);
    for fate in Fate::ALL {
        row(
            &mut out,
            &format!("words: {}", fate.label()),
            each(&|s| pct(s.fates[fate as usize], s.fates.iter().sum())),
        );
    }
    out
}

fn fates_cell(f: Option<&FateCounts>) -> String {
    let Some(f) = f else {
        return "–".into();
    };
    let n: usize = f.iter().sum();
    let share = |fate: Fate| (100.0 * f[fate as usize] as f64 / n as f64).round() as usize;
    format!(
        "{} / {} / {} / {} / {} ({n})",
        share(Fate::Right),
        share(Fate::MarksLost) + share(Fate::MarksWrong),
        share(Fate::DigitOrSymbol),
        share(Fate::SplitOrGlued),
        share(Fate::Other),
    )
}

/// What became of each word of `words`: per set, the percentages right / marks lost or
/// wrong / digit or symbol / split or glued / other, and the occurrences.
pub fn frequent(sets: &[(String, ChannelStats)], words: &[String]) -> String {
    let mut out = String::new();
    row(
        &mut out,
        "word: right / marks / digit-symbol / split-glued / other % (n)",
        sets.iter().map(|(l, _)| format!("`{l}`")),
    );
    row(&mut out, "---", sets.iter().map(|_| "---:".to_string()));
    for w in words {
        row(
            &mut out,
            w,
            sets.iter().map(|(_, s)| fates_cell(s.by_word.get(w))),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_one_column_per_set() {
        let mut s = ChannelStats::default();
        s.add("có số các", "c6 so các");
        let sets = vec![("a".to_string(), s.clone()), ("b".to_string(), s)];
        let t = summary(&sets);
        assert!(t.starts_with("| statistic | `a` | `b` |\n"), "{t}");
        assert!(
            t.contains("| digit for a letter (`c6`), ‰ syllables | 333.3 | 333.3 |"),
            "{t}"
        );
        let f = frequent(&sets, &["có".into(), "số".into(), "xã".into()]);
        assert!(f.contains("| có | 0 / 0 / 100 / 0 / 0 (1) |"), "{f}");
        assert!(f.contains("| số | 0 / 100 / 0 / 0 / 0 (1) |"), "{f}");
        assert!(f.contains("| xã | – | – |"), "{f}");
    }
}
