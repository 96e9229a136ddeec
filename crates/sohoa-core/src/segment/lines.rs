//! Lines of the restored text, cleaned, with a tone-stripped "skeleton" for robust matching.
//!
//! Restoration leaves residual errors (a wrong tone, a missing hook), so every rule in this
//! module matches on skeletons: lower case, no diacritics, `đ` → `d`. A skeleton keeps a byte
//! map back to the original so a match on it can be cut out of the real text.

use unicode_normalization::UnicodeNormalization;

/// One cleaned line of the document.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the input.
    pub no: usize,
    /// NFC text, trimmed, table marks (`|`) and runs of spaces removed.
    pub text: String,
}

impl Line {
    /// Whether the line holds nothing but blanks or layout marks.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Splits `input` into cleaned lines. `no` is the input line, so it stays aligned with the
/// input; a web copy that printed its line breaks as literal `\r\n` text gets them back as
/// lines of their own (with the same `no`).
pub fn split(input: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, raw) in input.split('\n').enumerate() {
        for piece in raw.split("\\r\\n").flat_map(|p| p.split("\\n")) {
            out.push(Line {
                no: i + 1,
                text: clean(piece),
            });
        }
    }
    out
}

/// NFC, drops web-table marks and decoration rules, collapses whitespace.
pub fn clean(raw: &str) -> String {
    let nfc: String = raw.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    // A "|" straight before "." or ")" at the start is a numbering glyph ("|. MỤC ĐÍCH" read
    // for "I."), not a table mark.
    let nfc = match nfc.trim_start().strip_prefix('|') {
        Some(rest) if rest.starts_with(['.', ')']) => format!("{}{rest}", super::ocr::letter('|')),
        _ => nfc,
    };
    for word in nfc.split(|c: char| c.is_whitespace() || c == '|') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    // "-------" under the issuer or the motto is decoration, not a bullet.
    if out.chars().count() >= 3
        && out
            .chars()
            .all(|c| matches!(c, '-' | '_' | '—' | '–' | '='))
    {
        return String::new();
    }
    out
}

/// The base letter of `c`, lower-cased, with `đ` folded to `d` (the one mark-stripper,
/// [`crate::restore::syllable::base_char`], then lower case).
pub fn fold_char(c: char) -> char {
    let base = crate::restore::syllable::base_char(c);
    base.to_lowercase().next().unwrap_or(base)
}

/// A tone-stripped, lower-cased copy of a text with a map back to byte offsets in the original.
#[derive(Debug, Clone)]
pub struct Skeleton {
    /// The folded text.
    pub text: String,
    /// `map[i]` = byte offset in the original of skeleton byte `i`; one extra entry = len.
    map: Vec<usize>,
}

impl Skeleton {
    /// Folds `original`.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        for (at, c) in original.char_indices() {
            let f = fold_char(c);
            let before = text.len();
            text.push(f);
            map.extend(std::iter::repeat_n(at, text.len() - before));
        }
        map.push(original.len());
        Skeleton { text, map }
    }

    /// Byte offset in the original for skeleton offset `i`.
    pub fn orig(&self, i: usize) -> usize {
        self.map[i.min(self.map.len() - 1)]
    }
}

/// Skeleton of `s` without the map.
pub fn skel(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Whether every letter of `s` is upper case (and it has at least two letters).
pub fn is_upper(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            if c.is_lowercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// At most `max` bytes of `s`, cut back to a character boundary. Context lookups (headings above
/// an item, the clause around a match) use bounded windows so that a pathological line cannot
/// make the work quadratic.
pub fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The last at most `max` bytes of `s`, cut forward to a character boundary.
pub fn suffix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut start = s.len() - max;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Joins line texts with single spaces.
pub fn join(lines: &[Line]) -> String {
    let mut out = String::new();
    for l in lines.iter().filter(|l| !l.is_blank()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&l.text);
    }
    out
}

/// Upper-cases the first letter of `s`.
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lower-cases `s` and upper-cases its first letter ("CHỦ TỊCH" → "Chủ tịch").
pub fn sentence_case(s: &str) -> String {
    capitalize(&s.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_folds_tones_and_maps_back() {
        let s = Skeleton::new("Số: 161/KH-UBND Đồng Tháp");
        assert_eq!(s.text, "so: 161/kh-ubnd dong thap");
        let at = s.text.find("dong").unwrap();
        assert_eq!(&"Số: 161/KH-UBND Đồng Tháp"[s.orig(at)..], "Đồng Tháp");
    }

    #[test]
    fn clean_drops_table_marks_and_rules() {
        assert_eq!(clean("  |  Số:   161/KH-UBND | "), "Số: 161/KH-UBND");
        assert_eq!(clean("---------------"), "");
        assert_eq!(clean("- Sở Nội vụ;"), "- Sở Nội vụ;");
    }

    #[test]
    fn literal_line_breaks_become_lines() {
        let l = split("a\\r\\n b\nc");
        let t: Vec<&str> = l.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(t, ["a", "b", "c"]);
        assert_eq!(l[1].no, 1);
        assert_eq!(l[2].no, 2);
    }
}
