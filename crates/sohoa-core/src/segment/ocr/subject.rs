//! A subject's and a name's words with the specks a copy leaves between them undone: dots,
//! dashes, colons and quotes OCR read in word gaps, and a period's misread end year.

use super::{is_speck, one_digit_misread};
use crate::segment::{lines, names};

/// `text` with a "." glued between two words that are both whole Vietnamese syllables made a
/// space ("năm.Đinh Dậu", "ỦY.BAN"): a full stop is followed by a space in print, and an
/// abbreviation's dot follows letters that are no syllable ("TP.HCM", "Tp.Hồ Chí Minh"), so a
/// dot between two syllables is a speck of dust the OCR read where the space was.
pub fn split_glued_dots(text: &str) -> String {
    let syllable = |p: &str| p.chars().count() >= 2 && names::is_syllable(p);
    unglue_words(text, |c| c == '.', |l, r| syllable(l) && syllable(r))
}

/// `text` with a full stop, comma or semicolon glued before a word's first letter dropped
/// ("ban hành .Kế hoạch", "tại ,Quyết định"): print writes such a mark after the word it ends
/// and a space after it, so one standing after a space and glued to the next word is a speck
/// OCR read in the word gap, not the end of a sentence or of a cited document.
pub fn without_stops_before_words(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match (cs.next(), cs.next()) {
                (Some('.' | ',' | ';'), Some(c)) if c.is_alphabetic() => &w[1..],
                _ => w,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` with every word that one `glue` character cuts into exactly two parts written as
/// two words where `speck(left, right)` says the glue stood in a word gap; the other words
/// as they are: the shared step of the rules that undo a speck OCR read between two words.
pub(super) fn unglue_words(
    text: &str,
    glue: impl Fn(char) -> bool + Copy,
    speck: impl Fn(&str, &str) -> bool,
) -> String {
    text.split(' ')
        .map(|w| {
            let mut parts = w.split(glue);
            match (parts.next(), parts.next(), parts.next()) {
                (Some(left), Some(right), None) if speck(left, right) => format!("{left} {right}"),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A subject's words with the specks OCR read between them undone: a dash, a colon or a full
/// stop glued between a lower-case syllable and another or a number ("bộ máy-quản lý",
/// "nhà-nước", "tại:cộng đồng", "năm.2023"; print puts a space after a colon and a full stop)
/// made a space, a full stop, colon or dash glued after a word that a lower-case word follows
/// ("nhà nước. tỉnh", "địa bàn- tỉnh", "xây: dựng") dropped, and an apostrophe glued to a word
/// dropped. Vietnamese writes the syllables of a word apart, so a hyphen joins only parts of
/// names (with capitals: "Bà Rịa-Vũng Tàu") or numbers ("2021-2025"); a full stop ends a
/// sentence and a colon opens a list or an explanation, which a one-line subject has not, and
/// the next sentence would start with a capital.
pub fn split_subject_specks(text: &str) -> String {
    let lower_syllable =
        |p: &str| p.chars().next().is_some_and(char::is_lowercase) && names::is_syllable(p);
    let number = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let parts: Vec<&str> = w
            .split(|c: char| lines::is_dash(c) || matches!(c, ':' | '.'))
            .collect();
        if parts.len() == 2
            && lower_syllable(parts[0])
            && (lower_syllable(parts[1]) || number(parts[1]))
        {
            out.push(parts.join(" "));
            continue;
        }
        let next_lower = words
            .get(i + 1)
            .and_then(|n| n.chars().next())
            .is_some_and(char::is_lowercase);
        // Vietnamese writes no apostrophe (`lines::split_glued_apostrophes`): one glued to a
        // word's edge is a speck too ("(OCOP')").
        let w: String = w
            .chars()
            .filter(|&c| !matches!(c, '\'' | '`' | '’'))
            .collect();
        match w.strip_suffix(|c: char| matches!(c, '.' | ':') || lines::is_dash(c)) {
            Some(stem) if next_lower && lower_syllable(stem) => out.push(stem.to_string()),
            _ => out.push(w),
        }
    }
    out.join(" ")
}

/// A subject's words with the dust a copy leaves that [`split_subject_specks`] does not take:
/// a full stop or colon glued after a syllable or a number that another word follows
/// ("Kiến trúc. Chính quyền", "năm 2026: của", "trồng: 1 tỷ"): a subject is one phrase, which
/// neither ends a sentence nor opens a list inside it, and an abbreviation's dot ("TP.") follows
/// no syllable; a speck between a dash and the number after it, where the space was ("2019
/// -.2025"); and a dash glued between a word and an opening quote ("thi đua-“Cán bộ"), which
/// joins nothing: a quoted name opens after a space.
pub fn subject_dust(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let last = i + 1 == words.len();
        let number = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
        if let Some(stem) = w.strip_suffix(['.', ':']) {
            if !last && (names::is_syllable(stem) && stem.chars().count() >= 2 || number(stem)) {
                out.push(stem.to_string());
                continue;
            }
        }
        let mut cs = w.chars();
        if cs.next().is_some_and(lines::is_dash) {
            let rest = cs
                .as_str()
                .trim_start_matches(|c: char| is_speck(c) && !lines::is_dash(c));
            if rest.len() < cs.as_str().len() && number(rest) {
                out.push(format!("- {rest}"));
                continue;
            }
        }
        if let Some(at) = w.find(['“', '"']) {
            let (head, tail) = w.split_at(at);
            if let Some(stem) = head.strip_suffix(lines::is_dash) {
                if stem.chars().last().is_some_and(char::is_alphabetic) {
                    out.push(format!("{stem} {tail}"));
                    continue;
                }
            }
        }
        out.push((*w).to_string());
    }
    out.join(" ")
}

/// A plan's period ("giai đoạn 2021 - 2025") whose end year OCR misread in one digit ("2021 -
/// 2825", `one_digit_misread`) with that year mended: a period runs forward from its start by a
/// few years (Decree 30 plans and programmes: one to fifteen), so an end year outside that
/// reach with exactly one lookalike reading inside it is that reading.
pub fn mend_period_years(text: &str) -> String {
    static PERIOD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b((?:19|20)\d\d)(\s*[-–]\s*)(\d{4})\b").expect("valid regex")
    });
    PERIOD
        .replace_all(text, |c: &regex::Captures<'_>| {
            let start: u32 = c[1].parse().unwrap_or(0);
            let within = |y: &str| y.parse::<u32>().is_ok_and(|y| y > start && y <= start + 15);
            let end = if within(&c[3]) {
                c[3].to_string()
            } else {
                one_digit_misread(&c[3], within).unwrap_or_else(|| c[3].to_string())
            };
            format!("{}{}{end}", &c[1], &c[2])
        })
        .into_owned()
}
