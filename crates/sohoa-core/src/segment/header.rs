//! Header: issuer (and parent), number and codes, place and date, type, title, motto.
//!
//! Handles the layouts old archives actually hold: the two columns flattened onto one line by
//! OCR ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ..."), web copies that break "Thái Bình, ngày" from
//! "11 tháng 12 năm 2023", blank draft numbers ("Số: /HD-STTTT") and scans whose header was
//! cut off, where only the subject lines remain before the body.

use std::sync::LazyLock;

use regex::Regex;

use super::doctypes::{name_for_code, name_for_heading};
use super::lines::{is_upper, join, skel, Line, Skeleton};
use super::model::Header;
use super::names::official_case;

/// Phrases of the national name and motto, as skeletons.
const MOTTO: &[&str] = &[
    "cong hoa xa hoi",
    "chu nghia viet nam",
    "doc lap",
    "tu do",
    "hanh phuc",
];

/// "Số: 161/KH-UBND". The label is matched as any short token before the colon, because the
/// slash-and-dash shape of the symbol is distinctive and OCR often mangles "Số" itself.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)\S{1,3}\s*:\s*(\d*)\s*/\s*([a-z0-9]{1,6})\s*-\s*([a-z0-9][a-z0-9\-]{0,15})",
    )
    .expect("valid regex")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r",\s*ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})").expect("valid regex")
});

/// What the header parser found, with the line where the body may start.
pub struct Parsed {
    /// The header fields.
    pub header: Header,
}

/// Parses the header from `lines[..end]` (the lines before the legal bases or first section).
pub fn parse(lines: &[Line], end: usize) -> Parsed {
    let region = &lines[..end.min(lines.len())];
    let mut header = Header::default();
    let mut left_parts: Vec<(usize, String)> = Vec::new();
    let mut number_line = None;
    let mut type_line = None;

    for (i, line) in region.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        let sk = Skeleton::new(&line.text);
        // Cut the right-hand column (national name, motto) off a flattened line.
        let mut cut = line.text.len();
        for phrase in MOTTO {
            if let Some(at) = sk.text.find(phrase) {
                header.motto = true;
                cut = cut.min(sk.orig(at));
            }
        }
        let mut left = line.text[..cut].trim().to_string();
        if number_line.is_none() {
            if let Some(m) = NUMBER.captures(&sk.text) {
                let whole = m.get(0).expect("group 0");
                let start = sk.orig(whole.start());
                let g = |n: usize| {
                    let r = m.get(n).expect("group");
                    line.text[sk.orig(r.start())..sk.orig(r.end())].to_string()
                };
                let (num, tc, ic) = (g(1), g(2), g(3));
                header.number = Some(format!("{num}/{tc}-{ic}"));
                header.type_code = Some(tc);
                header.issuer_code = Some(ic);
                number_line = Some(i);
                left = line.text[..start.min(cut)].trim().to_string();
            }
        }
        if type_line.is_none() {
            if let Some(name) = name_for_heading(&left) {
                header.doc_type = Some(name.to_string());
                type_line = Some(i);
                continue;
            }
        }
        if number_line.is_none() && type_line.is_none() && !left.is_empty() && is_upper(&left) {
            left_parts.push((i, left));
        }
    }

    place_and_date(region, number_line, &mut header);
    issuers(&left_parts, &mut header);
    if header.doc_type.is_none() {
        header.doc_type = header
            .type_code
            .as_deref()
            .and_then(name_for_code)
            .map(str::to_string);
    }
    // Subject lines: after the type line; with a cut-off header, everything before the body.
    let title_from = match (type_line, number_line) {
        (Some(t), _) => Some(t + 1),
        (None, None) if left_parts.is_empty() && !header.motto => Some(0),
        _ => None,
    };
    if let Some(from) = title_from {
        header.title = title(&region[from.min(region.len())..]);
    }
    Parsed { header }
}

/// The subject: consecutive lines up to a blank line (after the first), at most six lines; an
/// upper-case subject stops at the first line that is not upper case.
fn title(lines: &[Line]) -> Option<String> {
    let mut taken: Vec<Line> = Vec::new();
    for line in lines {
        if line.is_blank() {
            if taken.is_empty() {
                continue;
            }
            break;
        }
        if let Some(first) = taken.first() {
            if is_upper(&first.text) && !is_upper(&line.text) {
                break;
            }
        }
        taken.push(line.clone());
        // The longest subjects in the samples take four lines; six leaves a margin without
        // swallowing a body that follows with no blank line.
        if taken.len() == 6 {
            break;
        }
    }
    let t = join(&taken);
    (!t.is_empty()).then_some(t)
}

/// Finds "<Place>, ngày D tháng M năm Y" in the header (possibly broken across lines).
fn place_and_date(region: &[Line], number_line: Option<usize>, header: &mut Header) {
    let from = number_line.unwrap_or(0);
    let text = join(&region[from.min(region.len())..]);
    let sk = Skeleton::new(&text);
    let Some(m) = DATE.captures(&sk.text) else {
        return;
    };
    let num = |n: usize| m[n].parse::<u32>().unwrap_or(0);
    let (d, mo, y) = (num(1), num(2), num(3));
    header.date = super::dates::iso(y, mo, d);
    let before = &text[..sk.orig(m.get(0).expect("group 0").start())];
    // Capitalised words, possibly joined by a dash ("Bà Rịa - Vũng Tàu"), up to six tokens.
    let mut words: Vec<&str> = Vec::new();
    for w in before.split_whitespace().rev() {
        let mut cs = w.chars();
        let capitalised = cs.next().is_some_and(char::is_uppercase)
            && cs.clone().count() > 0
            && cs.all(|c| c.is_lowercase());
        let dash = w == "-" && !words.is_empty();
        // Six tokens hold the longest place names ("Bà Rịa - Vũng Tàu" is five).
        if !(capitalised || dash) || words.len() == 6 {
            break;
        }
        words.push(w);
    }
    while words.last() == Some(&"-") {
        words.pop();
    }
    if !words.is_empty() {
        words.reverse();
        header.place = Some(words.join(" "));
    }
}

/// Groups the left-column lines into bodies: a line that starts with an administrative level
/// ("TỈNH THÁI BÌNH") continues the body above it; any other line starts a new body. The last
/// body is the issuer, the one before it the parent.
fn issuers(parts: &[(usize, String)], header: &mut Header) {
    let mut bodies: Vec<String> = Vec::new();
    for (_, text) in parts {
        let k = skel(text);
        let continues = [
            "tinh ",
            "huyen ",
            "xa ",
            "thanh pho ",
            "quan ",
            "phuong ",
            "thi xa ",
            "thi tran ",
        ]
        .iter()
        .any(|p| k.starts_with(p));
        match bodies.last_mut() {
            Some(last) if continues => {
                last.push(' ');
                last.push_str(text);
            }
            _ => bodies.push(text.clone()),
        }
    }
    if let Some(issuer) = bodies.pop() {
        header.issuer = Some(official_case(&issuer));
    }
    if let Some(parent) = bodies.pop() {
        header.issuer_parent = Some(official_case(&parent));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::lines::split;

    fn header(text: &str) -> Header {
        let lines = split(text);
        parse(&lines, lines.len()).header
    }

    #[test]
    fn flattened_two_column_header() {
        let h = header(
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN CHÂU THÀNH Độc lập - Tự do - Hạnh phúc\nSố: 45/KH-UBND Châu Thành, ngày 3 tháng 2 năm 2024\nKẾ HOẠCH\nTổ chức phong trào thi đua",
        );
        assert!(h.motto);
        assert_eq!(
            h.issuer.as_deref(),
            Some("Ủy ban nhân dân huyện Châu Thành")
        );
        assert_eq!(h.number.as_deref(), Some("45/KH-UBND"));
        assert_eq!(h.type_code.as_deref(), Some("KH"));
        assert_eq!(h.issuer_code.as_deref(), Some("UBND"));
        assert_eq!(h.place.as_deref(), Some("Châu Thành"));
        assert_eq!(h.date.as_deref(), Some("2024-02-03"));
        assert_eq!(h.doc_type.as_deref(), Some("Kế hoạch"));
        assert_eq!(h.title.as_deref(), Some("Tổ chức phong trào thi đua"));
    }

    #[test]
    fn blank_draft_number_and_parent() {
        let h = header(
            "UBND TỈNH BÀ RỊA - VŨNG TÀU\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: /HD-STTTT\nHƯỚNG DẪN\nCông tác thi đua",
        );
        assert_eq!(h.number.as_deref(), Some("/HD-STTTT"));
        assert_eq!(h.issuer.as_deref(), Some("Sở Thông tin và Truyền thông"));
        assert_eq!(
            h.issuer_parent.as_deref(),
            Some("UBND tỉnh Bà Rịa - Vũng Tàu")
        );
        assert_eq!(h.doc_type.as_deref(), Some("Hướng dẫn"));
        assert!(!h.motto);
    }
}
