//! Legal bases: the "Căn cứ ..." / "Thực hiện ..." opening, split into cited documents.
//!
//! One paragraph often cites several documents separated by ";", and a line break can fall
//! inside a number ("3179/QĐ-" / "UBND"), so items are cut from the joined paragraph.

use std::sync::LazyLock;

use regex::Regex;

use super::doctypes::cited_names;
use super::lines::{skel, Line, Skeleton};
use super::model::LegalBasis;

/// The number right after the type, after one short word in the "số" slot (which restoration
/// sometimes gets wrong: "Quyết định sẽ 749/..."), or after "số" a few words on ("Luật Thi
/// đua, khen thưởng số 06/2022/QH15").
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*|\s+\S{1,3}\s*:?\s*|[^;]{0,80}?\sso\s*:?\s*)(\d+(?:\s*[/\-]\s*[0-9a-z]+)+)")
        .expect("valid regex")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"ngay\s+(\d{1,2})\s*(?:/\s*(\d{1,2})\s*/\s*(\d{4})|thang\s+(\d{1,2})\s+nam\s+(\d{4}))",
    )
    .expect("valid regex")
});
static ISSUER_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[,;(:]|\s(?:ve|phe duyet|ban hanh|quy dinh|huong dan|tai|trien khai|thuc hien)\s")
        .expect("valid regex")
});

/// Whether a line opens a legal basis ("Căn cứ ...", "Thực hiện <document> ...").
pub fn is_opener(text: &str) -> bool {
    let k = skel(text);
    if k.starts_with("can cu ") {
        return true;
    }
    if let Some(rest) = k.strip_prefix("thuc hien ") {
        return cited_names().iter().any(|n| rest.starts_with(&skel(n)));
    }
    false
}

/// Extracts the legal bases from the preamble lines (between header and first section).
pub fn parse(lines: &[Line], work: &mut usize) -> Vec<LegalBasis> {
    let mut out = Vec::new();
    for para in paragraphs(lines, work) {
        if !is_opener(&para) {
            continue;
        }
        for segment in para.split(';') {
            *work += 1;
            match item(segment) {
                Some(basis) => out.push(basis),
                None => {
                    if let Some(last) = out.last_mut() {
                        let tail = tidy(segment);
                        if !tail.is_empty() {
                            last.text.push_str("; ");
                            last.text.push_str(&tail);
                        }
                    }
                }
            }
        }
    }
    out
}

/// Joins lines into paragraphs: a paragraph ends at a blank line, before an opener, or after a
/// line ending in "." when the next starts with a capital.
fn paragraphs(lines: &[Line], work: &mut usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for line in lines {
        *work += 1;
        let starts_upper = line.text.chars().next().is_some_and(char::is_uppercase);
        let new_para = line.is_blank()
            || is_opener(&line.text)
            || skel(&line.text).starts_with("de ")
            || (cur.ends_with('.') && starts_upper);
        if new_para && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if !line.is_blank() {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(&line.text);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn tidy(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', ',', ';', ' '])
        .trim()
        .to_string()
}

/// One cited document from a ";"-separated segment, if it starts with a document type.
fn item(segment: &str) -> Option<LegalBasis> {
    let text = tidy(segment);
    let sk = Skeleton::new(&text);
    let mut body = sk.text.as_str();
    for prefix in ["can cu ", "thuc hien ", "va "] {
        body = body.strip_prefix(prefix).unwrap_or(body);
    }
    let offset = sk.text.len() - body.len();
    let (name, after) = cited_names().into_iter().find_map(|n| {
        let k = skel(n);
        body.strip_prefix(k.as_str())
            .filter(|rest| rest.is_empty() || rest.starts_with(' '))
            .map(|rest| (n, sk.text.len() - rest.len()))
    })?;
    let mut basis = LegalBasis {
        text: text[sk.orig(offset)..].to_string(),
        doc_type: Some(name.to_string()),
        ..LegalBasis::default()
    };
    let mut pos = after;
    if let Some(m) = NUMBER.captures(&sk.text[pos..]) {
        let g = m.get(1).expect("group 1");
        let raw = &text[sk.orig(pos + g.start())..sk.orig(pos + g.end())];
        basis.number = Some(raw.split_whitespace().collect());
        pos += m.get(0).expect("group 0").end();
    }
    if let Some(m) = DATE.captures(&sk.text[pos..]) {
        let n = |i: usize| m.get(i).and_then(|g| g.as_str().parse::<u32>().ok());
        let (d, mo, y) = match (n(2), n(3)) {
            (Some(mo), Some(y)) => (n(1), Some(mo), Some(y)),
            _ => (n(1), n(4), n(5)),
        };
        if let (Some(d), Some(mo), Some(y)) = (d, mo, y) {
            basis.date = super::dates::iso(y, mo, d);
        }
        pos += m.get(0).expect("group 0").end();
    }
    let rest = &sk.text[pos..];
    if let Some(at) = rest.find(" cua ") {
        // The issuer follows the date directly ("ngày 31/12/2023 của Chính phủ").
        if at <= 2 {
            let from = pos + at + " cua ".len();
            let tail = &sk.text[from..];
            let end = ISSUER_STOP.find(tail).map_or(tail.len(), |m| m.start());
            let issuer = text[sk.orig(from)..sk.orig(from + end)].trim();
            // A body's name is at most about 10 words; more is its subject run on.
            let words: Vec<&str> = issuer.split_whitespace().take(12).collect();
            if !words.is_empty() {
                basis.issuer = Some(words.join(" "));
            }
        }
    }
    Some(basis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::lines::split;

    #[test]
    fn splits_one_paragraph_into_documents() {
        let lines = split(
            "Căn cứ Nghị quyết số 02-NQ/TU ngày 19/11/2021 của\nBan Chấp hành Đảng bộ tỉnh về chuyển đổi số; Quyết định số 571/QĐ-\nUBND ngày 17 tháng 3 năm 2022 của Ủy ban nhân dân tỉnh phê duyệt Đề án.\nĐể hoàn thành mục tiêu",
        );
        let mut work = 0;
        let b = parse(&lines, &mut work);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].doc_type.as_deref(), Some("Nghị quyết"));
        assert_eq!(b[0].number.as_deref(), Some("02-NQ/TU"));
        assert_eq!(b[0].date.as_deref(), Some("2021-11-19"));
        assert_eq!(b[0].issuer.as_deref(), Some("Ban Chấp hành Đảng bộ tỉnh"));
        assert_eq!(b[1].number.as_deref(), Some("571/QĐ-UBND"));
        assert_eq!(b[1].date.as_deref(), Some("2022-03-17"));
        assert_eq!(b[1].issuer.as_deref(), Some("Ủy ban nhân dân tỉnh"));
    }
}
