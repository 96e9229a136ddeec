//! Numbering: recognises "Phần I.", "Chương I", "A.", "I.", "Điều 1.", "1.", "1.1.", "2.2.1.",
//! "a)", "đ)", "-" and "+" line markers and builds the section tree from them.
//!
//! Ranks are fixed, following the order of parts in Decree 30/2020/NĐ-CP, appendix I (phần,
//! chương, mục, điều, khoản, điểm) and the plans' own "A. / I. / 1. / a) / - / +": part <
//! chapter = letter part < roman < article < decimal by depth < letter < dash < plus. A marker
//! closes every open section of equal or deeper rank: a level may be skipped ("I." straight to
//! "a)") but never inverted. Every body line lands in exactly one section's text, so the
//! sections cover the body.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{LineRef, View};
use super::model::Section;

/// The kind of a line marker and its rank in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// "Phần I.", "PHẦN THỨ HAI".
    Part,
    /// "Chương I".
    Chapter,
    /// "A.", "B." before a capital heading.
    LetterPart,
    /// "I.", "IV."
    Roman,
    /// "Điều 1." (an article of a decision or regulation).
    Article,
    /// "1.", "1.1.", "2.2.1." (depth 1..=4).
    Decimal(u8),
    /// "a)", "đ)".
    Letter,
    /// "-" bullet.
    Dash,
    /// "+" bullet.
    Plus,
}

impl Marker {
    fn rank(self) -> u8 {
        match self {
            Marker::Part => 0,
            Marker::Chapter | Marker::LetterPart => 1,
            Marker::Roman => 2,
            Marker::Article => 3,
            Marker::Decimal(d) => 3 + d,
            Marker::Letter => 8,
            Marker::Dash => 9,
            Marker::Plus => 10,
        }
    }

    /// Whether the marker opens a top-level part of a body (never a list item): the body starts
    /// at the first of these.
    pub fn is_major(self) -> bool {
        matches!(
            self,
            Marker::Part | Marker::Chapter | Marker::LetterPart | Marker::Roman | Marker::Article
        )
    }
}

/// A roman numeral, possibly misread through the OCR lookalikes (see `ocr::roman`), closed by
/// its period, a parenthesis, or the comma OCR reads for a period.
static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLl1|]{1,6})\s*[.),]\s*(.*)$").expect("valid regex"));
/// A part's roman number read as strokes only: each stroke of "I", "II", "III" read as "1", "l"
/// or "|" (or the lone or last "I" as "L", its foot read as a serif: "L MỤC TIÊU", "1L. ĐẶC
/// ĐIỂM", no part number reaching the L's fifty; or the lone "I" as "¡", the period fused to its
/// foot as a dot), the period read as a comma or a
/// colon or lost ("1. MỤC TIÊU", "1, MỤC ĐÍCH", "1 CĂN CỨ", "11. NỘI DUNG"). Only a
/// heading in capitals takes this reading (see [`marker`]).
static STROKE_ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([1lI|]{1,2}L|[1lI|]{1,3}|L|¡)\s*[.,:)]?\s+(\S.*)$").expect("valid regex")
});
/// "Phần I.", "PHẦN THỨ NHẤT", "Chương II", "Điều 3." (on the skeleton). The number may be
/// closed by a period, a colon, or the comma, semicolon or slash OCR reads for a period (then
/// the heading must go on with a capital, see [`named`]); the "Đ" of "Điều" may be read as
/// another letter with a round bowl (p, o, 0; not b: "Biểu 1" is a table).
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(phan|chuong|[dpo0]ieu)\s+(thu\s+[a-z]+|[ivxl]{1,6}|\d{1,3})\s*([.:,;/])?(\s*)")
        .expect("valid regex")
});
/// "A. MỤC ĐÍCH, YÊU CẦU": a capital letter part.
static LETTER_PART: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-HK])\.\s+(.*)$").expect("valid regex"));
static DECIMAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){0,3})([.)])?\s*(.*)$").expect("valid regex")
});
static LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-zđ¢])\)\s*(.*)$").expect("valid regex"));

/// "Phần", "Chương" and "Điều" markers, numbered as written in running text ("Điều 1",
/// "Phần I").
fn named(text: &str) -> Option<Marked> {
    let sk = super::lines::Skeleton::new(text);
    let c = NAMED.captures(&sk.text)?;
    let whole = c.get(0).expect("group 0");
    let word = &c[1];
    let marker = match word {
        "phan" => Marker::Part,
        "chuong" => Marker::Chapter,
        _ => Marker::Article,
    };
    // An article is numbered in digits; parts and chapters in roman or ordinal words.
    let digits = c[2].chars().all(|ch| ch.is_ascii_digit());
    if (marker == Marker::Article) != digits {
        return None;
    }
    // A misread first letter or a period misread as another mark is taken only where the line
    // goes on as a heading does, with a capital: "piéu 1, Ban hành ...", not "... 2, 3 và 4".
    // The number ends at a mark or a space ("Điều 1a" is no article); a heading glued to the
    // mark ("Điều 1/Ủy quyền") is a misreading too.
    let term = c.get(3).map(|t| t.as_str());
    let spaced = !c[4].is_empty() || whole.end() == sk.text.len();
    if term.is_none() && !spaced {
        return None;
    }
    let misread = !matches!(word, "phan" | "chuong" | "dieu")
        || matches!(term, Some("," | ";" | "/"))
        || !spaced;
    if misread && !starts_upper(&text[sk.orig(whole.end())..]) {
        return None;
    }
    let label = super::lines::capitalize(word_name(word));
    let n = &text
        [sk.orig(c.get(2).expect("group 2").start())..sk.orig(c.get(2).expect("group 2").end())];
    let n = if digits {
        n.to_string()
    } else {
        n.to_uppercase()
    };
    Some(Marked {
        marker,
        number: format!("{label} {n}"),
        rest: text[sk.orig(whole.end())..].trim().to_string(),
    })
}

fn word_name(skeleton: &str) -> &'static str {
    match skeleton {
        "phan" => "phần",
        "chuong" => "chương",
        _ => "điều",
    }
}
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([-–—+•])\s*(.*)$").expect("valid regex"));

/// A recognised marker: its kind, the number as written (normalised) and the rest of the line.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    /// Kind.
    pub marker: Marker,
    /// Number: "IV", "2.2.1", "đ", "-", "+".
    pub number: String,
    /// The line after the marker.
    pub rest: String,
}

fn starts_upper(s: &str) -> bool {
    s.trim_start_matches(['"', '“', '\'', '(', '‘'])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase())
}

fn mostly_upper(s: &str) -> bool {
    let (mut up, mut all) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        all += 1;
        up += usize::from(c.is_uppercase());
    }
    all >= 3 && up * 10 >= all * 7
}

fn roman_value(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0 && total < 40).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Recognises the marker at the start of `text`, if any.
pub fn marker(text: &str) -> Option<Marked> {
    marker_reading(text, true)
}

/// [`marker`], with or without the stroke reading of a capital heading's "1." as the roman
/// "I." (see [`tree`] for the documents that number their capital headings in digits).
fn marker_reading(text: &str, strokes_as_roman: bool) -> Option<Marked> {
    if let Some(m) = named(text) {
        return Some(m);
    }
    if let Some(c) = LETTER_PART.captures(text) {
        if mostly_upper(&c[2]) {
            return Some(Marked {
                marker: Marker::LetterPart,
                number: c[1].to_string(),
                rest: c[2].to_string(),
            });
        }
    }
    if let Some(c) = ROMAN.captures(text) {
        // A roman heading is in capitals; a pure number is decimal, not roman.
        if let Some(fixed) = super::ocr::roman(&c[1]).filter(|_| mostly_upper(&c[2])) {
            if let Some(v) = roman_value(&fixed) {
                return Some(Marked {
                    marker: Marker::Roman,
                    number: to_roman(v),
                    rest: c[2].to_string(),
                });
            }
        }
    }
    if let Some(c) = STROKE_ROMAN.captures(text).filter(|_| strokes_as_roman) {
        // Decree 30 plans number their capital headings (the "mục") in roman numerals and the
        // parts below them in digits with sentence-case headings, so a capital heading under
        // a stroke-only number is a roman part.
        let rest = &c[2];
        if starts_upper(rest) && mostly_upper(rest) {
            let strokes = if matches!(&c[1], "L" | "¡") {
                1
            } else {
                c[1].len()
            };
            return Some(Marked {
                marker: Marker::Roman,
                number: "I".repeat(strokes),
                rest: rest.to_string(),
            });
        }
    }
    if let Some(c) = DECIMAL.captures(text) {
        let number = &c[1];
        let depth = number.split('.').count() as u8;
        let terminated = c.get(2).is_some();
        let rest = &c[3];
        if (terminated || depth > 1) && !rest.is_empty() && starts_upper(rest) {
            return Some(Marked {
                marker: Marker::Decimal(depth),
                number: number.to_string(),
                rest: rest.to_string(),
            });
        }
    }
    if let Some(c) = LETTER.captures(text) {
        if !c[2].is_empty() {
            let letter: String = c[1].chars().map(super::ocr::letter).collect();
            return Some(Marked {
                marker: Marker::Letter,
                number: letter,
                rest: c[2].to_string(),
            });
        }
    }
    if let Some(c) = BULLET.captures(text) {
        let rest = &c[2];
        if rest
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '"' || c == '“')
        {
            let plus = &c[1] == "+";
            return Some(Marked {
                marker: if plus { Marker::Plus } else { Marker::Dash },
                number: if plus { "+" } else { "-" }.to_string(),
                rest: rest.to_string(),
            });
        }
    }
    None
}

/// Splits a marker line's rest into heading and inline text at an early colon.
fn split_heading(rest: &str) -> (String, String, bool) {
    if let Some(at) = rest.find(':') {
        let head = rest[..at].trim();
        // A heading cut at a colon is a short label ("Tập thể", "Đối với cá nhân"); twelve words
        // and more before a colon are a sentence.
        if head.split_whitespace().count() <= 12 && !head.is_empty() {
            return (head.to_string(), rest[at + 1..].trim().to_string(), true);
        }
    }
    (rest.trim().to_string(), String::new(), false)
}

struct Node {
    marker: Marker,
    section: Section,
    heading_colon: bool,
    /// The section's own lines joined by spaces (one buffer, not a copy per line).
    text: String,
    children: Vec<usize>,
}

/// Sections a body always may hold, whatever its size: eighty times the most of any sample or
/// development document (124, a 27 KB plan).
const MIN_MAX_SECTIONS: usize = 10_000;
/// Beyond [`MIN_MAX_SECTIONS`], a body holds at most one section per this many bytes of its
/// text: a marker and its heading take more (the densest sample has one section per 214
/// bytes). A section costs about 500 bytes from parsing to the record's JSON, so a text of
/// one-word bullet lines ("- a", a section per 4 bytes) took 130 bytes per byte of input;
/// past the cap, marker lines are running text of the section they fall in.
const BYTES_PER_SECTION: usize = 64;

/// The section tree, with what the parser knows of each section beyond the record.
pub struct Tree {
    /// The sections.
    pub sections: Vec<Section>,
    /// Per section in document order (a pre-order walk of `sections`): whether its heading was
    /// cut from its text at a colon ("Tập thể: Tập thể luôn ..."), so the line reads back as
    /// "heading: text" rather than "heading text".
    pub heading_colon: Vec<bool>,
}

/// Builds the section tree over `lines`; `work` counts lines visited (for linearity tests).
///
/// A capital heading under a stroke-only number ("1. MỤC TIÊU") is first read as a roman part
/// (see [`marker`]); a document that also numbers a capital heading 2 to 9 in digits ("2. NỘI
/// DUNG") numbers its capital headings in digits, and is read again with "1." as the digit.
pub fn tree(lines: View<'_>, work: &mut usize) -> Tree {
    let read = tree_reading(lines, work, true);
    if read.strokes_read_as_roman && read.capitals_numbered_in_digits {
        return tree_reading(lines, work, false).tree;
    }
    read.tree
}

/// A section tree and what its reading saw of how capital headings are numbered.
struct Reading {
    tree: Tree,
    /// A heading's stroke-only number was read as roman.
    strokes_read_as_roman: bool,
    /// A capital heading is numbered 2 to 9 in digits.
    capitals_numbered_in_digits: bool,
}

fn tree_reading(lines: View<'_>, work: &mut usize, strokes_as_roman: bool) -> Reading {
    let mut nodes: Vec<Node> = Vec::new();
    let mut roots: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    // The body's lines before its first marker, joined by spaces.
    let mut preface = String::new();
    let mut prev: Option<(LineRef<'_>, bool)> = None; // previous non-blank line, was it a marker line
    let mut blank_since_prev = false;
    let mut heading_open = false;
    let (mut strokes_read_as_roman, mut capitals_numbered_in_digits) = (false, false);
    let max_sections = MIN_MAX_SECTIONS.max(lines.text_bytes() / BYTES_PER_SECTION);

    for line in lines.iter() {
        *work += 1;
        if line.is_blank() {
            blank_since_prev = true;
            heading_open = false;
            continue;
        }
        let mut m = marker_reading(line.text, strokes_as_roman);
        if let Some(mk) = &m {
            capitals_numbered_in_digits |= mk.marker == Marker::Decimal(1)
                && matches!(
                    mk.number.as_str(),
                    "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9"
                )
                && mostly_upper(&mk.rest);
            strokes_read_as_roman |= mk.marker == Marker::Roman
                && strokes_as_roman
                && marker_reading(line.text, false).is_none_or(|m| m.marker != Marker::Roman);
        }
        // A "-" after a line broken mid-phrase ("... gửi về Ban Thi đua" / "- Khen thưởng") is a
        // hyphen of the running text, not a bullet.
        if let (Some(mk), Some((p, p_marker))) = (&m, prev) {
            let broken = p
                .text
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == ',');
            if matches!(mk.marker, Marker::Dash | Marker::Plus)
                && broken
                && !p_marker
                && !blank_since_prev
            {
                m = None;
            }
        }
        if nodes.len() >= max_sections {
            m = None;
        }
        match m {
            Some(mk) => {
                let rank = mk.marker.rank();
                while let Some(&top) = stack.last() {
                    if nodes[top].marker.rank() >= rank {
                        stack.pop();
                    } else {
                        break;
                    }
                }
                let (heading, inline, heading_colon) = split_heading(&mk.rest);
                let idx = nodes.len();
                nodes.push(Node {
                    marker: mk.marker,
                    heading_colon,
                    section: Section {
                        number: mk.number,
                        heading,
                        line_start: line.no,
                        line_end: line.no,
                        ..Section::default()
                    },
                    text: inline,
                    children: Vec::new(),
                });
                match stack.last() {
                    Some(&parent) => nodes[parent].children.push(idx),
                    None => roots.push(idx),
                }
                stack.push(idx);
                heading_open = nodes[idx].text.is_empty();
            }
            None => match stack.last() {
                Some(&top) => {
                    let node = &mut nodes[top];
                    node.section.line_end = line.no;
                    // Capital headings wrap onto capital lines ("... GIẢI PHÁP" / "THỰC HIỆN").
                    let upper_wrap = node.marker == Marker::Roman
                        && heading_open
                        && super::lines::is_upper(line.text);
                    let comma_wrap = heading_open
                        && node.section.heading.ends_with(',')
                        && line.text.split_whitespace().count() <= 4
                        && !line.text.ends_with(['.', ';', ':']);
                    if upper_wrap || comma_wrap {
                        node.section.heading.push(' ');
                        node.section.heading.push_str(line.text);
                    } else {
                        push_joined(&mut node.text, line.text);
                        heading_open = false;
                    }
                }
                None => push_joined(&mut preface, line.text),
            },
        }
        prev = Some((line, m_is_marker(&stack, &nodes, line.no)));
        blank_since_prev = false;
    }

    // Nodes are created in document order, which is the tree's pre-order.
    let mut heading_colon: Vec<bool> = nodes.iter().map(|n| n.heading_colon).collect();
    let mut out: Vec<Section> = roots.iter().map(|&r| build(&mut nodes, r)).collect();
    if !preface.is_empty() {
        heading_colon.insert(0, false);
        // Text before the first marker still belongs to the body: keep it as an unnumbered part.
        let first = lines.iter().find(|l| !l.is_blank()).map_or(1, |l| l.no);
        let last = out
            .first()
            .map_or(lines.iter().next_back().map_or(first, |l| l.no), |s| {
                s.line_start.saturating_sub(1).max(first)
            });
        out.insert(
            0,
            Section {
                number: String::new(),
                text: preface,
                line_start: first,
                line_end: last,
                ..Section::default()
            },
        );
    }
    Reading {
        tree: Tree {
            sections: out,
            heading_colon,
        },
        strokes_read_as_roman,
        capitals_numbered_in_digits,
    }
}

/// Appends a non-blank line's text to `text`, a space between lines (what joining the lines
/// with spaces gives, without holding each line apart).
fn push_joined(text: &mut String, line: &str) {
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(line);
}

fn m_is_marker(stack: &[usize], nodes: &[Node], no: usize) -> bool {
    stack
        .last()
        .is_some_and(|&top| nodes[top].section.line_start == no)
}

fn build(nodes: &mut [Node], idx: usize) -> Section {
    let children = std::mem::take(&mut nodes[idx].children);
    let built: Vec<Section> = children.iter().map(|&c| build(nodes, c)).collect();
    let node = &mut nodes[idx];
    let mut section = std::mem::take(&mut node.section);
    section.text = std::mem::take(&mut node.text);
    if let Some(last) = built.last() {
        section.line_end = section.line_end.max(last.line_end);
    }
    section.children = built;
    section
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::lines::Lines;

    #[test]
    fn markers() {
        let m = |s: &str| marker(s).map(|m| (m.marker, m.number));
        assert_eq!(m("I. MỤC ĐÍCH"), Some((Marker::Roman, "I".into())));
        assert_eq!(m("I11. TỔ CHỨC"), Some((Marker::Roman, "III".into())));
        assert_eq!(
            m("2.2.1. Mục tiêu"),
            Some((Marker::Decimal(3), "2.2.1".into()))
        );
        assert_eq!(m("3.Văn phòng"), Some((Marker::Decimal(1), "3".into())));
        assert_eq!(m("đ) Lĩnh vực"), Some((Marker::Letter, "đ".into())));
        assert_eq!(m("-UBMTTQ xã;"), Some((Marker::Dash, "-".into())));
        assert_eq!(m("4.0, thúc đẩy"), None);
        assert_eq!(m("01/10/2021 của Ban"), None);
        assert_eq!(m("2025, định hướng"), None);
        assert_eq!(m("1.000 người dân"), None);
        assert_eq!(m("Căn cứ"), None);
        assert_eq!(
            m("Điều 1. Ban hành"),
            Some((Marker::Article, "Điều 1".into()))
        );
        assert_eq!(m("PHẦN I. KẾT QUẢ"), Some((Marker::Part, "Phần I".into())));
        assert_eq!(m("Chương II"), Some((Marker::Chapter, "Chương II".into())));
        assert_eq!(
            m("A. MỤC ĐÍCH, YÊU CẦU"),
            Some((Marker::LetterPart, "A".into()))
        );
        assert_eq!(m("A. Nguyễn Văn"), None);
        assert_eq!(m("Điều kiện thi đua"), None);
        assert_eq!(m("Phần thưởng"), None);
    }

    #[test]
    fn tree_nests_and_covers() {
        let text = "I. MỤC ĐÍCH\n1. Mục đích\n- Một\n+ Hai\nba\na) Bốn\nII. NỘI DUNG\nNăm";
        let lines = Lines::new(text);
        let mut work = 0;
        let t = tree(lines.all(), &mut work).sections;
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].number, "I");
        assert_eq!(t[0].line_end, 6);
        let one = &t[0].children[0];
        assert_eq!(one.children.len(), 2, "dash and letter under 1.");
        assert_eq!(one.children[0].children[0].text, "ba");
        assert_eq!(t[1].text, "Năm");
        assert_eq!(work, 8);
    }

    #[test]
    fn a_capital_heading_under_a_stroke_number_is_a_roman_part() {
        let m = |s: &str| marker(s).map(|m| (m.marker, m.number));
        let roman = |n: &str| Some((Marker::Roman, n.to_string()));
        assert_eq!(m("1. MỤC TIÊU"), roman("I"));
        assert_eq!(m("1, MỤC ĐÍCH, YÊU CẦU"), roman("I"));
        assert_eq!(m("1 CĂN CỨ PHÁP LÝ XÂY DỰNG KẾ HOẠCH"), roman("I"));
        assert_eq!(m("L MỤC ĐÍCH, YÊU CẦU"), roman("I"));
        assert_eq!(m("¡ ĐẶC ĐIỂM TÌNH HÌNH"), roman("I"));
        assert_eq!(m("11. NỘI DUNG CHƯƠNG TRÌNH"), roman("II"));
        assert_eq!(m("II, NỘI DUNG"), roman("II"));
        // The last stroke's foot read as an L's.
        assert_eq!(m("1L. ĐẶC ĐIỂM TÌNH HÌNH"), roman("II"));
        assert_eq!(m("IIL. NHIỆM VỤ"), roman("III"));
        // Sentence-case headings are the decimal parts below.
        assert_eq!(
            m("1. Mục tiêu chung"),
            Some((Marker::Decimal(1), "1".into()))
        );
        assert_eq!(m("1 Mục tiêu chung"), None);
        // A capital word that happens to be roman letters is not a number without its period.
        assert_eq!(m("VI PHẠM HÀNH CHÍNH"), None);
    }

    #[test]
    fn an_article_survives_a_misread_d_or_period_only_before_a_capital() {
        let m = |s: &str| marker(s).map(|m| (m.marker, m.number));
        let article = |n: &str| Some((Marker::Article, n.to_string()));
        assert_eq!(m("piéu 1, Ban hành kèm theo"), article("Điều 1"));
        assert_eq!(m("Điều 1/Ủy quyền để Chủ tịch"), article("Điều 1"));
        assert_eq!(m("điều 3. Chánh Văn phòng"), article("Điều 3"));
        assert_eq!(m("Điều 1, 2 và 3 của Quyết định"), None);
        assert_eq!(m("Biểu 1. Danh sách tập thể"), None);
    }

    #[test]
    fn capital_headings_numbered_in_digits_keep_their_digits() {
        let numbers = |text: &str| -> Vec<String> {
            let mut work = 0;
            let lines = Lines::new(text);
            let t = tree(lines.all(), &mut work).sections;
            t.iter().map(|s| s.number.clone()).collect()
        };
        // "2." in capitals says this document numbers its capital headings in digits.
        assert_eq!(
            numbers("1. MỤC ĐÍCH\nNâng cao.\n2. NỘI DUNG\nTổ chức."),
            ["1", "2"]
        );
        // Without one, "1" over a capital heading is the roman I, with "1." below it.
        let text = "1 MỤC TIÊU\n1. Mục tiêu chung\nNâng cao.\n2. Mục tiêu cụ thể\nTổ chức.";
        assert_eq!(numbers(text), ["I"]);
        let mut work = 0;
        let lines = Lines::new(text);
        let t = tree(lines.all(), &mut work).sections;
        assert_eq!(t[0].children.len(), 2);
    }

    #[test]
    fn bullets_past_the_cap_are_text_of_the_last_section() {
        // One-word bullets, a section per 4 bytes: the first MIN_MAX_SECTIONS are sections,
        // the rest text of the last one, line numbers and all.
        let n = MIN_MAX_SECTIONS + 500;
        let text = "- a\n".repeat(n);
        let lines = Lines::new(&text);
        let mut work = 0;
        let t = tree(lines.all(), &mut work);
        assert_eq!(t.sections.len(), MIN_MAX_SECTIONS);
        assert_eq!(t.heading_colon.len(), MIN_MAX_SECTIONS);
        let last = t.sections.last().unwrap();
        assert_eq!(
            (last.heading.as_str(), last.line_start),
            ("a", MIN_MAX_SECTIONS)
        );
        assert_eq!(last.line_end, n);
        assert_eq!(last.text, vec!["- a"; 500].join(" "));
        // Over MIN_MAX_SECTIONS of bullets as long as a printed line's keep every section.
        let item = "- Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp các đơn vị;\n";
        assert!(item.len() > BYTES_PER_SECTION);
        let long = item.repeat(n);
        let lines = Lines::new(&long);
        assert_eq!(tree(lines.all(), &mut work).sections.len(), n);
    }

    #[test]
    fn broken_line_hyphen_is_not_a_bullet() {
        let lines = Lines::new(
            "1. Việc\n- Một việc cần làm\ngửi về Ban Thi đua\n- Khen thưởng, Sở Nội vụ.\n- Hai",
        );
        let mut work = 0;
        let t = tree(lines.all(), &mut work).sections;
        assert_eq!(t[0].children.len(), 2);
        assert!(t[0].children[0].text.ends_with("- Khen thưởng, Sở Nội vụ."));
    }
}
