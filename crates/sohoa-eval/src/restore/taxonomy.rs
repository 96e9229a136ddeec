//! Why restored words are wrong: every word error of a set sorted into one class (the right
//! form never a candidate, a candidate priced out by the channel, the language model preferring
//! another form, a word split or glued by the scan, a stray token the gold drops, case only,
//! unrecoverable), so that work on restoration goes where the errors are
//! (`sohoa eval restore --taxonomy`).
//!
//! Input and gold words are aligned line by line (one gold line per input line, as the sets
//! are made) allowing one word to stand for two or three (`Canhan` for `Cá nhân`); the output
//! keeps the input's whitespace, so its n-th word is the restoration of the input's n-th word,
//! except on a line where restoration merged or split words: there output words are aligned
//! with the gold and with the input words they restore.

use std::collections::BTreeMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use sohoa_core::restore::syllable::base_char;
use sohoa_core::restore::token::{self, Kind};
use sohoa_core::restore::{Explained, Restorer};

use super::EvalSet;
use crate::metrics::{levenshtein, word_errors};

/// The class of one word error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorClass {
    /// The gold syllable was not among the decoder's options for the input word.
    NeverCandidate,
    /// The gold syllable was an option the language model liked at least as well as the chosen
    /// one: its channel cost lost it.
    PricedOut,
    /// The gold syllable was an option, and the language model preferred the chosen one.
    LmPreferred,
    /// One input word for several gold words or several for one (`Canhan`, `Lanh d ao`), or a
    /// word cut into other syllables by a noise character inside it.
    SplitGlued,
    /// An input word the gold drops (a speck read as a word or a symbol), kept.
    NoiseKept,
    /// Right letters and marks, wrong capitalisation.
    CaseOnly,
    /// Nothing to restore from: a gold word with no input, or an error in digits or
    /// punctuation only (`thing B` for `tháng 8`).
    Unrecoverable,
}

impl ErrorClass {
    /// Every class, in table order.
    pub const ALL: [ErrorClass; 7] = [
        ErrorClass::NeverCandidate,
        ErrorClass::PricedOut,
        ErrorClass::LmPreferred,
        ErrorClass::SplitGlued,
        ErrorClass::NoiseKept,
        ErrorClass::CaseOnly,
        ErrorClass::Unrecoverable,
    ];

    /// The row label.
    pub fn label(self) -> &'static str {
        match self {
            ErrorClass::NeverCandidate => "right form never a candidate",
            ErrorClass::PricedOut => "candidate priced out by the channel",
            ErrorClass::LmPreferred => "language model preferred another form",
            ErrorClass::SplitGlued => "token split or glued",
            ErrorClass::NoiseKept => "noise token kept (gold drops it)",
            ErrorClass::CaseOnly => "case only",
            ErrorClass::Unrecoverable => "unrecoverable (absent, digits, punctuation)",
        }
    }
}

/// One word error, for the examples.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ErrorCase {
    /// The class.
    pub class: ErrorClass,
    /// The input word(s).
    pub input: String,
    /// What restoration wrote.
    pub output: String,
    /// The gold word(s).
    pub gold: String,
}

/// The taxonomy of one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocTaxonomy {
    /// Document name.
    pub name: String,
    /// Channel the restorer chose for it.
    pub channel: &'static str,
    /// Gold words.
    pub gold_words: usize,
    /// Word errors of the output (edit distance over words, as word accuracy counts them).
    pub wer_errors: usize,
    /// Errors counted by class (a word for several, or several for one, counts the larger side).
    pub counts: BTreeMap<ErrorClass, usize>,
    /// Of the never-a-candidate errors: edit distance from the input's skeleton to the gold
    /// syllable's skeleton (0, 1, 2, 3 or more), how far candidate generation must reach.
    pub never_by_distance: [usize; 4],
    /// Every error.
    pub cases: Vec<ErrorCase>,
}

/// The taxonomy of a set: its documents.
#[derive(Debug, Clone, Serialize)]
pub struct Taxonomy {
    /// Set name.
    pub set: String,
    /// Per document.
    pub docs: Vec<DocTaxonomy>,
}

/// Lowercase letters without marks, digits kept, junk symbols kept as they are.
fn key(word: &str) -> Vec<char> {
    word.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .map(base_char)
        .collect()
}

/// Cost of aligning `a` input words with `b` gold words as one group.
fn group_cost(inputs: &[&str], golds: &[&str]) -> f64 {
    let a: Vec<char> = inputs.iter().flat_map(|w| key(w)).collect();
    let b: Vec<char> = golds.iter().flat_map(|w| key(w)).collect();
    let d = levenshtein(&a, &b) as f64 / a.len().max(b.len()).max(1) as f64;
    // A group of more than one word a side must explain more than a substitution would.
    d + GROUP_WORD * (inputs.len() + golds.len() - 2) as f64
}

/// Cost of a word on one side only: below a substitution of unlike words (1), so that a speck
/// read as a word (`q Uy ban` for `Ủy ban`) is dropped rather than glued to its neighbour.
const DROP_WORD: f64 = 0.6;
/// Cost of each word beyond the first on a side of a group: a group must explain more than a
/// substitution and a dropped word would (`Lanh d ao` for `Lãnh đạo`, `Canhan` for `Cá nhân`).
const GROUP_WORD: f64 = 0.5;

/// Half-width in words of the band around the diagonal in which long texts are aligned.
const BAND: usize = 60;

/// Groups (input words, gold words) of a minimum-cost alignment: 1:1, 1:0, 0:1, and one word
/// for two or three on either side.
fn align(inputs: &[&str], golds: &[&str]) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    const MOVES: [(usize, usize); 7] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 1), (1, 3)];
    let (n, m) = (inputs.len(), golds.len());
    let w = m + 1;
    let mut cost = vec![f64::INFINITY; (n + 1) * w];
    let mut back = vec![(0usize, 0usize); (n + 1) * w];
    cost[0] = 0.0;
    // Whole documents (whose lines do not correspond) are aligned near the diagonal only:
    // OCR drops or adds a few words, not hundreds.
    let band = if n.max(m) > 200 { BAND } else { usize::MAX };
    for i in 0..=n {
        let mid = i * m / n.max(1);
        for j in mid.saturating_sub(band)..=m.min(mid.saturating_add(band)) {
            let here = cost[i * w + j];
            if !here.is_finite() {
                continue;
            }
            for (di, dj) in MOVES {
                if i + di > n || j + dj > m {
                    continue;
                }
                let c = if di == 0 || dj == 0 {
                    DROP_WORD
                } else {
                    group_cost(&inputs[i..i + di], &golds[j..j + dj])
                };
                let t = (i + di) * w + j + dj;
                if here + c < cost[t] {
                    cost[t] = here + c;
                    back[t] = (di, dj);
                }
            }
        }
    }
    let mut groups = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = back[i * w + j];
        groups.push((i - di..i, j - dj..j));
        i -= di;
        j -= dj;
    }
    groups.reverse();
    groups
}

/// Whitespace words of `s` with their byte offsets.
fn words_at(s: &str, base: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((base + st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((base + st, &s[st..]));
    }
    out
}

/// The word and number tokens of `w` (letters, digits, junk), with their offsets in `w`.
fn syllables_of(w: &str) -> Vec<(usize, &str)> {
    token::tokens(w)
        .filter(|t| t.kind != Kind::Punct)
        .map(|t| (t.span.start, &w[t.span]))
        .collect()
}

/// The token at the start of `w` whatever its kind (a symbol read for a letter, `|` for `I`).
fn first_token(w: &str) -> Option<(usize, &str)> {
    token::tokens(w).next().map(|t| (t.span.start, &w[t.span]))
}

/// The class of one input word restored as `output` where the gold has `gold`.
fn classify_word(
    input: &str,
    at: usize,
    output: &str,
    gold: &str,
    explained: &BTreeMap<usize, &Explained>,
    never: &mut [usize; 4],
) -> ErrorClass {
    if output.to_lowercase() == gold.to_lowercase() {
        return ErrorClass::CaseOnly;
    }
    let (i_syl, o_syl, g_syl) = (
        syllables_of(input),
        syllables_of(output),
        syllables_of(gold),
    );
    let letters = |v: &[(usize, &str)]| v.iter().map(|s| s.1.to_lowercase()).collect::<Vec<_>>();
    if letters(&o_syl) == letters(&g_syl) {
        // Same syllables: the difference is in digits, punctuation or case around them.
        return if o_syl.iter().map(|s| s.1).eq(g_syl.iter().map(|s| s.1)) {
            ErrorClass::Unrecoverable
        } else {
            ErrorClass::CaseOnly
        };
    }
    // A symbol read for a one-letter word (`|` for `I`, `¥` for `ý`) is one token for one.
    let i_syl = if i_syl.is_empty() && g_syl.len() == 1 {
        first_token(input).into_iter().collect()
    } else {
        i_syl
    };
    let o_syl = if o_syl.is_empty() && g_syl.len() == 1 {
        first_token(output).into_iter().collect()
    } else {
        o_syl
    };
    if i_syl.len() != g_syl.len() || o_syl.len() != i_syl.len() {
        return if g_syl.is_empty() {
            ErrorClass::Unrecoverable
        } else {
            ErrorClass::SplitGlued
        };
    }
    for ((&(off, src), &(_, out)), &(_, g)) in i_syl.iter().zip(&o_syl).zip(&g_syl) {
        if out.to_lowercase() == g.to_lowercase() {
            continue;
        }
        if !g.chars().any(char::is_alphabetic) {
            return ErrorClass::Unrecoverable; // a number in the gold: no restoration makes one
        }
        let Some(ex) = explained.get(&(at + off)) else {
            // A token the decoder had nothing to choose for (a number, a symbol).
            let d = levenshtein(&key(src), &key(g));
            never[d.min(3)] += 1;
            return ErrorClass::NeverCandidate;
        };
        let g_low = g.to_lowercase();
        let chosen = &ex.options[ex.chosen];
        return match ex.options.iter().find(|o| o.form.to_lowercase() == g_low) {
            None => {
                let d = levenshtein(&key(src), &key(g));
                never[d.min(3)] += 1;
                ErrorClass::NeverCandidate
            }
            Some(o) if o.lm >= chosen.lm => ErrorClass::PricedOut,
            Some(_) => ErrorClass::LmPreferred,
        };
    }
    ErrorClass::CaseOnly
}

/// The taxonomy of one document restored by `restorer`.
pub fn classify(restorer: &Restorer, name: &str, input: &str, gold: &str) -> DocTaxonomy {
    let input: String = input.replace("\r\n", "\n").nfc().collect();
    let gold: String = gold.nfc().collect();
    let output = restorer.restore_str(&input);
    let explained_all = restorer.explain(&input);
    let explained: BTreeMap<usize, &Explained> =
        explained_all.iter().map(|e| (e.source.start, e)).collect();
    let mut doc = DocTaxonomy {
        name: name.to_owned(),
        channel: restorer.channel_name(&input),
        gold_words: gold.split_whitespace().count(),
        wer_errors: word_errors(&output, &gold).errors,
        counts: BTreeMap::new(),
        never_by_distance: [0; 4],
        cases: Vec::new(),
    };
    // Line by line when the lines correspond, as the sets are made; else the whole text.
    let lines = |s: &str| -> Vec<(usize, String)> {
        let mut at = 0;
        s.split('\n')
            .map(|l| {
                let r = (at, l.to_owned());
                at += l.len() + 1;
                r
            })
            .collect()
    };
    let (il, ol, gl) = (lines(&input), lines(&output), lines(&gold));
    let trim = |v: &[(usize, String)]| {
        v.iter()
            .rposition(|l| !l.1.trim().is_empty())
            .map_or(0, |p| p + 1)
    };
    let pieces: Vec<((usize, String), String, String)> =
        if trim(&il) == trim(&gl) && il.len() == ol.len() {
            (0..trim(&il))
                .map(|k| (il[k].clone(), ol[k].1.clone(), gl[k].1.clone()))
                .collect()
        } else {
            vec![((0, input.clone()), output.clone(), gold.clone())]
        };
    for ((base, in_line), out_line, gold_line) in &pieces {
        let iw = words_at(in_line, *base);
        let ow = words_at(out_line, 0);
        let gw = words_at(gold_line, 0);
        let i_str: Vec<&str> = iw.iter().map(|w| w.1).collect();
        let g_str: Vec<&str> = gw.iter().map(|w| w.1).collect();
        if iw.len() != ow.len() {
            // Restoration moved a word boundary on this line (a merge or a split): output words
            // are aligned with the gold, and each with the input word it restores, if one.
            let o_str: Vec<&str> = ow.iter().map(|w| w.1).collect();
            moved_line(&i_str, &iw, &o_str, &g_str, &explained, &mut doc);
            continue;
        }
        for (ir, gr) in align(&i_str, &g_str) {
            let out = ow[ir.clone()]
                .iter()
                .map(|w| w.1)
                .collect::<Vec<_>>()
                .join(" ");
            let inp = i_str[ir.clone()].join(" ");
            let gol = g_str[gr.clone()].join(" ");
            if out == gol {
                continue;
            }
            let (class, n) = match (ir.len(), gr.len()) {
                (0, k) => (ErrorClass::Unrecoverable, k),
                (k, 0) => (ErrorClass::NoiseKept, k),
                (1, 1) => (
                    classify_word(
                        &inp,
                        iw[ir.start].0,
                        &out,
                        &gol,
                        &explained,
                        &mut doc.never_by_distance,
                    ),
                    1,
                ),
                (a, b) => (ErrorClass::SplitGlued, a.max(b)),
            };
            *doc.counts.entry(class).or_default() += n;
            doc.cases.push(ErrorCase {
                class,
                input: inp,
                output: out,
                gold: gol,
            });
        }
    }
    doc
}

/// Classifies the errors of one line whose output has other word boundaries than its input:
/// output words aligned with gold words; a wrong output word that restores exactly one input
/// word is classed as any other, the rest of the errors are split or glued words.
fn moved_line(
    i_str: &[&str],
    iw: &[(usize, &str)],
    o_str: &[&str],
    g_str: &[&str],
    explained: &BTreeMap<usize, &Explained>,
    doc: &mut DocTaxonomy,
) {
    let mut input_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (ir, or) in align(i_str, o_str) {
        if ir.len() == 1 && or.len() == 1 {
            input_of.insert(or.start, ir.start);
        }
    }
    for (or, gr) in align(o_str, g_str) {
        let out = o_str[or.clone()].join(" ");
        let gol = g_str[gr.clone()].join(" ");
        if out == gol {
            continue;
        }
        let one = (or.len() == 1).then(|| input_of.get(&or.start)).flatten();
        let (class, n, inp) = match (or.len(), gr.len(), one) {
            (0, k, _) => (ErrorClass::Unrecoverable, k, String::new()),
            (k, 0, _) => (ErrorClass::NoiseKept, k, out.clone()),
            (1, 1, Some(&i)) => (
                classify_word(
                    i_str[i],
                    iw[i].0,
                    &out,
                    &gol,
                    explained,
                    &mut doc.never_by_distance,
                ),
                1,
                i_str[i].to_owned(),
            ),
            (a, b, _) => (ErrorClass::SplitGlued, a.max(b), out.clone()),
        };
        *doc.counts.entry(class).or_default() += n;
        doc.cases.push(ErrorCase {
            class,
            input: inp,
            output: out,
            gold: gol,
        });
    }
}

/// The taxonomy of every document of `set`.
pub fn taxonomy(restorer: &Restorer, set: &EvalSet) -> Taxonomy {
    Taxonomy {
        set: set.info.name.clone(),
        docs: set
            .docs
            .iter()
            .map(|d| classify(restorer, &d.name, &d.input, &d.gold))
            .collect(),
    }
}

/// A Markdown table (classes by document, with shares of the classified errors) and the most
/// frequent cases of each class.
pub fn table(t: &Taxonomy, examples: usize) -> String {
    let mut out = format!("### {}\n\n| class |", t.set);
    for d in &t.docs {
        out.push_str(&format!(" {} |", d.name));
    }
    out.push_str(" all | share |\n|---|");
    out.push_str(&"---:|".repeat(t.docs.len() + 2));
    out.push('\n');
    let total = |c: ErrorClass| {
        t.docs
            .iter()
            .map(|d| d.counts.get(&c).copied().unwrap_or(0))
            .sum::<usize>()
    };
    let classified: usize = ErrorClass::ALL.iter().map(|&c| total(c)).sum();
    for c in ErrorClass::ALL {
        out.push_str(&format!("| {} |", c.label()));
        for d in &t.docs {
            out.push_str(&format!(" {} |", d.counts.get(&c).copied().unwrap_or(0)));
        }
        let n = total(c);
        out.push_str(&format!(
            " {n} | {:.1}% |\n",
            100.0 * n as f64 / classified.max(1) as f64
        ));
    }
    let row = |label: &str, f: &dyn Fn(&DocTaxonomy) -> usize| {
        let mut s = format!("| {label} |");
        let mut sum = 0;
        for d in &t.docs {
            s.push_str(&format!(" {} |", f(d)));
            sum += f(d);
        }
        s.push_str(&format!(" {sum} | |\n"));
        s
    };
    out.push_str(&row("**classified errors**", &|d| d.counts.values().sum()));
    out.push_str(&row("word errors (WER count)", &|d| d.wer_errors));
    out.push_str(&row("gold words", &|d| d.gold_words));
    for k in 0..4 {
        let label = format!(
            "never a candidate, skeleton {} edit{} away",
            if k == 3 {
                "3+".to_owned()
            } else {
                k.to_string()
            },
            if k == 1 { "" } else { "s" }
        );
        out.push_str(&row(&label, &|d| d.never_by_distance[k]));
    }
    out.push_str(&format!(
        "\nChannels: {}\n",
        t.docs
            .iter()
            .map(|d| format!("{} {}", d.name, d.channel))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if examples > 0 {
        for c in ErrorClass::ALL {
            let mut freq: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
            for e in t
                .docs
                .iter()
                .flat_map(|d| &d.cases)
                .filter(|e| e.class == c)
            {
                *freq.entry((&e.input, &e.output, &e.gold)).or_default() += 1;
            }
            let mut v: Vec<_> = freq.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let shown: Vec<String> = v
                .iter()
                .take(examples)
                .map(|((i, o, g), n)| format!("`{i}`→`{o}` (gold `{g}`)×{n}"))
                .collect();
            out.push_str(&format!("\n{}: {}\n", c.label(), shown.join(", ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_glued_and_split_words_as_groups() {
        let g = align(
            &["Canhan", "va", "to", "chuc"],
            &["Cá", "nhân", "và", "tổ", "chức"],
        );
        assert_eq!(
            g,
            vec![(0..1, 0..2), (1..2, 2..3), (2..3, 3..4), (3..4, 4..5)]
        );
        let g = align(&["Lanh", "d", "ao", "xa"], &["Lãnh", "đạo", "xã"]);
        assert_eq!(g[0].1, 0..1);
        assert_eq!(g.last().unwrap(), &(3..4, 2..3));
        let g = align(&["q", "Uy", "ban"], &["Ủy", "ban"]);
        assert_eq!(g[0], (0..1, 0..0));
    }

    #[test]
    fn classifies_every_error_of_a_small_document() {
        let r = Restorer::default();
        // `thing B`: the month is a digit in the gold, which no restoration makes of a letter.
        let t = classify(
            &r,
            "t",
            "ngay 06 thing B\nCanhan va\n",
            "ngày 06 tháng 8\nCá nhân và\n",
        );
        let n = |c| t.counts.get(&c).copied().unwrap_or(0);
        assert_eq!(n(ErrorClass::SplitGlued), 2, "{:?}", t.cases);
        assert!(n(ErrorClass::Unrecoverable) >= 1, "{:?}", t.cases);
        assert_eq!(t.gold_words, 7);
        assert!(t.cases.iter().all(|c| c.output != c.gold));
    }
}
