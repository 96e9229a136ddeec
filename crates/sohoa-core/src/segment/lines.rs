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

/// Longest line segmentation takes as one: 16 KiB, twenty times the longest line of the samples
/// and the development half of dev-docs (774 bytes; a printed line is under 200 characters,
/// a web copy's paragraph on one line a few hundred). Only text that is not laid out in lines
/// (a dump on one line) is cut, where restoration cuts its chunks ([`crate::chunks`]: after a
/// sentence end, else a space). The cut bounds every per-line copy (cleaning, skeletons with
/// their byte maps, the header's 40 lines joined), so a text costs the same whether it comes
/// as one line or many.
pub const MAX_LINE_BYTES: usize = 16 << 10;

/// Splits `input` into cleaned lines. `no` is the input line, so it stays aligned with the
/// input; a web copy that printed its line breaks as literal `\r\n` text gets them back as
/// lines of their own (with the same `no`), and so does each [`MAX_LINE_BYTES`] piece of a
/// longer line, cut where restoration cuts its chunks (after a sentence end, else a space).
pub fn split(input: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, raw) in input.split('\n').enumerate() {
        for piece in raw.split("\\r\\n").flat_map(|p| p.split("\\n")) {
            if piece.len() <= MAX_LINE_BYTES {
                out.push(Line {
                    no: i + 1,
                    text: clean(piece),
                });
                continue;
            }
            for part in crate::chunks::chunks(piece, MAX_LINE_BYTES) {
                out.push(Line {
                    no: i + 1,
                    text: clean(part),
                });
            }
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
    let out = split_glued_apostrophes(&out);
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
    // Word processors turn a typed " - " into an en or em dash, and web copies keep it; in
    // numbers ("150/KH – BCĐ") and list items the dashes mean the hyphen.
    if is_dash(c) {
        return '-';
    }
    let base = crate::restore::syllable::base_char(c);
    base.to_lowercase().next().unwrap_or(base)
}

/// Vietnamese writes no apostrophe inside or between words (no elision, no possessive), so an
/// apostrophe or backtick between two letters is scan noise where a space was ("Thông tư’số",
/// "Quyết’định"): it becomes the space.
fn split_glued_apostrophes(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_letters = i > 0
            && chars[i - 1].is_alphabetic()
            && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '`') && between_letters {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// Hyphen, the Unicode hyphens and minus, en and em dash.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
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

/// Letters per lower-case letter that a line in capitals may hold: OCR and restoration get
/// the case of a letter wrong now and then ("Ủy BAN NHÂN DÂN", "TRONG TÌNH Hình MỚI"), while
/// running text has most of its letters in lower case.
const LETTERS_PER_CASE_SLIP: usize = 10;

/// Whether `s` is written in capitals: at least two letters, the first in upper case, and
/// lower-case letters no more than one in `LETTERS_PER_CASE_SLIP` (so none in a short text:
/// "Số" and "Về" are not capitals).
pub fn is_upper(s: &str) -> bool {
    let (mut letters, mut lower) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            if letters == 0 {
                return false;
            }
            lower += 1;
        }
        letters += 1;
    }
    letters >= 2 && lower <= letters / LETTERS_PER_CASE_SLIP
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
    fn a_line_longer_than_the_cap_is_cut_at_sentence_ends() {
        let sentence = "Thi đua yêu nước năm 2025. ";
        let long = sentence.repeat(MAX_LINE_BYTES / sentence.len() * 3);
        let text = format!("KẾ HOẠCH\n{long}\nNơi nhận:");
        let lines = split(&text);
        let middle = &lines[1..lines.len() - 1];
        assert!(middle.len() >= 3, "{} pieces", middle.len());
        for l in middle {
            assert_eq!(l.no, 2);
            assert!(l.text.len() <= MAX_LINE_BYTES);
            assert!(l.text.starts_with("Thi đua") && l.text.ends_with("2025."));
        }
        let words: usize = middle.iter().map(|l| l.text.split(' ').count()).sum();
        assert_eq!(words, long.split_whitespace().count());
        assert_eq!(
            lines.last().map(|l| (l.no, l.text.as_str())),
            Some((3, "Nơi nhận:"))
        );
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
