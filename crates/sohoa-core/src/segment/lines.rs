//! Lines of the restored text, cleaned, with a tone-stripped "skeleton" for robust matching.
//!
//! Restoration leaves residual errors (a wrong tone, a missing hook), so every rule in this
//! module matches on skeletons: lower case, no diacritics, `đ` → `d`. A skeleton keeps a byte
//! map back to the original so a match on it can be cut out of the real text.

use unicode_normalization::UnicodeNormalization;

/// One cleaned line of the document, owned: what the header parser takes for its few lines
/// (a [`View::to_vec`] of at most 40); the whole document is held as [`Lines`].
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

/// Most cleaned text [`Lines`] holds, so that its offsets fit in 4 bytes: 4 GiB, a thousand
/// times the default text cap (`--max-text-mb 4`). Lines past it are not segmented.
const MAX_TEXT_BYTES: usize = u32::MAX as usize;

/// The document's cleaned lines, all in one buffer. A line costs its cleaned text and one
/// 4-byte offset, not a record of its own with its own allocation (32 bytes and more), so a
/// text of empty or one-word lines costs what the same bytes of prose cost: memory depends on
/// the text's bytes, not on how it is broken into lines.
#[derive(Debug, Default)]
pub struct Lines {
    /// The cleaned lines, one after another.
    text: String,
    /// `ends[i]`: where line `i` ends in `text` (it starts where line `i - 1` ends).
    ends: Vec<u32>,
    /// The lines that continue the input line of the line before them (the pieces of a line
    /// cut at [`MAX_LINE_BYTES`] or at a literal `\r\n`), in ascending order: a line's number
    /// is its index plus one, less the pieces before it.
    continued: Vec<u32>,
}

impl Lines {
    /// Splits `input` into cleaned lines. `no` is the input line, so it stays aligned with the
    /// input; a web copy that printed its line breaks as literal `\r\n` text gets them back as
    /// lines of their own (with the same `no`), and so does each [`MAX_LINE_BYTES`] piece of a
    /// longer line, cut where restoration cuts its chunks (after a sentence end, else a space).
    pub fn new(input: &str) -> Lines {
        let mut lines = Lines::default();
        // Reserved up front, so no large buffer is copied as it grows: one offset per input
        // line, and the input's length for the cleaned text (never longer but for the rare
        // NFC expansion; pages reserved and not written are not resident).
        lines
            .ends
            .reserve(input.bytes().filter(|&b| b == b'\n').count() + 1);
        lines.text.reserve(input.len());
        for raw in input.split('\n') {
            let mut continues = false;
            for piece in raw.split("\\r\\n").flat_map(|p| p.split("\\n")) {
                let parts = crate::chunks::chunks(piece, MAX_LINE_BYTES);
                // An empty piece is a (blank) line too, which `chunks` does not yield.
                for part in parts.chain(piece.is_empty().then_some("")) {
                    if !lines.push(&clean(part), continues) {
                        return lines;
                    }
                    continues = true;
                }
            }
        }
        lines
    }

    /// Appends a cleaned line; false (and nothing appended) when [`MAX_TEXT_BYTES`] is reached.
    fn push(&mut self, cleaned: &str, continues: bool) -> bool {
        let end = self.text.len() + cleaned.len();
        if end > MAX_TEXT_BYTES || self.ends.len() >= MAX_TEXT_BYTES {
            return false;
        }
        if continues {
            self.continued.push(self.ends.len() as u32);
        }
        self.text.push_str(cleaned);
        self.ends.push(end as u32);
        true
    }

    /// All the lines.
    pub fn all(&self) -> View<'_> {
        View {
            lines: self,
            start: 0,
            end: self.ends.len(),
        }
    }

    fn get(&self, i: usize) -> LineRef<'_> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let pieces_before = self.continued.partition_point(|&c| c as usize <= i);
        LineRef {
            no: i + 1 - pieces_before,
            text: &self.text[start..self.ends[i] as usize],
        }
    }
}

/// One line of [`Lines`], borrowed.
#[derive(Debug, Clone, Copy)]
pub struct LineRef<'a> {
    /// 1-based line number in the input.
    pub no: usize,
    /// NFC text, trimmed, table marks (`|`) and runs of spaces removed.
    pub text: &'a str,
}

impl LineRef<'_> {
    /// Whether the line holds nothing but blanks or layout marks.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// An owned copy.
    pub fn to_line(self) -> Line {
        Line {
            no: self.no,
            text: self.text.to_string(),
        }
    }
}

/// A run of consecutive [`Lines`] (what a slice of lines is for a `Vec`): the header's lines,
/// the preamble, the body, the footer.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    lines: &'a Lines,
    start: usize,
    end: usize,
}

impl<'a> View<'a> {
    /// Number of lines.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether there is no line.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Line `i` of the run.
    ///
    /// # Panics
    /// If `i` is not below [`View::len`] (as indexing a slice does).
    pub fn get(&self, i: usize) -> LineRef<'a> {
        assert!(i < self.len(), "line {i} of a run of {}", self.len());
        self.lines.get(self.start + i)
    }

    /// The lines `range` of the run (clamped to it).
    pub fn slice(&self, range: std::ops::Range<usize>) -> View<'a> {
        let end = (self.start + range.end).min(self.end);
        View {
            lines: self.lines,
            start: (self.start + range.start).min(end),
            end,
        }
    }

    /// Bytes of cleaned text the lines hold.
    pub fn text_bytes(&self) -> usize {
        let offset = |i: usize| match i {
            0 => 0,
            i => self.lines.ends[i - 1] as usize,
        };
        offset(self.end) - offset(self.start)
    }

    /// The lines in order.
    pub fn iter(&self) -> Iter<'a> {
        Iter {
            lines: self.lines,
            front: self.start,
            back: self.end,
        }
    }

    /// Owned copies of the lines (for a run of a few lines: the header's).
    pub fn to_vec(&self) -> Vec<Line> {
        self.iter().map(LineRef::to_line).collect()
    }

    /// The texts of the non-blank lines joined with single spaces.
    pub fn join(&self) -> String {
        let mut out = String::new();
        for l in self.iter().filter(|l| !l.is_blank()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(l.text);
        }
        out
    }
}

/// The lines of a [`View`], in order or from the end.
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    lines: &'a Lines,
    front: usize,
    back: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = LineRef<'a>;

    fn next(&mut self) -> Option<LineRef<'a>> {
        (self.front < self.back).then(|| {
            self.front += 1;
            self.lines.get(self.front - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }

    // Skipping lines costs nothing: `skip(from)` over a long document stays linear.
    fn nth(&mut self, n: usize) -> Option<LineRef<'a>> {
        self.front = self.front.saturating_add(n).min(self.back);
        self.next()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            self.lines.get(self.back)
        })
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// [`Lines::new`] as owned lines (for tests and callers of a few lines).
pub fn split(input: &str) -> Vec<Line> {
    Lines::new(input).all().to_vec()
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
/// "Quyết’định"): it becomes the space. Inside a symbol (a word that starts with a digit and
/// has reached its "/" or "-": "148/QĐ-T'Tg") it is dropped instead: a symbol is written
/// without spaces (Decree 30, appendix VI), so the speck fell between two letters of a code.
fn split_glued_apostrophes(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    // Whether the current word is a symbol up to here.
    let mut in_symbol = false;
    let mut word_start = true;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            (in_symbol, word_start) = (false, true);
        } else if word_start {
            word_start = false;
            in_symbol = c.is_ascii_digit();
        }
        let between_letters = i > 0
            && chars[i - 1].is_alphabetic()
            && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '`') && between_letters {
            let coded = in_symbol
                && chars[..i]
                    .iter()
                    .rev()
                    .take_while(|c| !c.is_whitespace())
                    .any(|&c| c == '/' || is_dash(c));
            if !coded {
                out.push(' ');
            }
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
    fn views_number_lines_as_the_input_does() {
        let long = "Thi đua yêu nước năm 2025. ".repeat(MAX_LINE_BYTES / 10);
        let text = format!("a\\r\\nb\n\n{long}\nc");
        let lines = Lines::new(&text);
        let all = lines.all();
        let nos: Vec<usize> = all.iter().map(|l| l.no).collect();
        // "a" and "b" (input line 1), the blank line 2, the pieces of line 3, "c" on line 4.
        assert_eq!(nos[..3], [1, 1, 2]);
        assert!(nos.len() >= 7, "{nos:?}");
        assert!(nos[3..nos.len() - 1].iter().all(|&n| n == 3), "{nos:?}");
        assert_eq!(nos.last(), Some(&4));
        assert_eq!(all.iter().nth(3).map(|l| l.no), Some(3));
        let tail = all.slice(2..all.len());
        assert_eq!((tail.get(0).no, tail.get(0).is_blank()), (2, true));
        assert_eq!(tail.iter().next_back().map(|l| l.text), Some("c"));
        assert_eq!(tail.iter().rev().count(), all.len() - 2);
        assert_eq!(all.slice(0..3).join(), "a b");
        assert!(all.slice(all.len()..2).is_empty());
        assert_eq!(all.slice(0..3).text_bytes(), 2);
        assert_eq!(
            all.text_bytes(),
            all.iter().map(|l| l.text.len()).sum::<usize>()
        );
        // The owned lines are the same lines.
        let owned = split(&text);
        assert_eq!(owned.len(), all.len());
        assert!(owned
            .iter()
            .zip(all.iter())
            .all(|(o, l)| o.no == l.no && o.text == l.text));
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
