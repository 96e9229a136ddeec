//! Signer: authority prefix (TM., KT., TL., TUQ., Q.), title and name of the signature block.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{is_upper, sentence_case, skel, View};
use super::model::{Signer, SignerAuthority};
use super::recipients::{looks_like_name, looks_like_surname_first};

static AUTHORITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s:;])(TM|KT|TL|TUQ|Q)\s*\.").expect("valid regex"));

/// Titles a signer holds, as skeletons; each may be prefixed by "pho " (deputy). Source: the
/// heads of state bodies in Law 77/2015/QH13 (local government), Law 76/2015/QH13 (the
/// Government) and the signature examples of Decree 30/2020/NĐ-CP, appendix I.
const TITLES: &[&str] = &[
    "thu tuong",
    "chu tich",
    "giam doc",
    "tong giam doc",
    "truong ban",
    "truong phong",
    "chanh van phong",
    "bi thu",
    "thu truong",
    "cuc truong",
    "chi cuc truong",
    "vien truong",
    "hieu truong",
    "chanh an",
    "tong cuc truong",
    "bo truong",
];

/// Whether a capital line names who enacts the document ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...",
/// "THỦ TƯỚNG CHÍNH PHỦ", "ỦY BAN NHÂN DÂN TỈNH ..."): Decree 30 puts it between a decision's
/// subject and its legal bases.
pub fn is_authority_line(text: &str) -> bool {
    // A speck before the line is no part of it (".CHỦ TỊCH ỦY BAN NHÂN DÂN ...").
    // A dash in front stays: "- UBND TỈNH" is a recipient.
    let text =
        text.trim_start_matches(|c: char| super::ocr::is_speck(c) && !super::lines::is_dash(c));
    if !is_upper(text) {
        return false;
    }
    let k = skel(text);
    let k = k.strip_prefix("pho ").unwrap_or(&k);
    // A title alone, or followed by the body it heads ("CHỦ TỊCH ỦY BAN NHÂN DÂN ...", "BỘ
    // TRƯỞNG BỘ Y TẾ"); a body enacting collectively ("ỦY BAN NHÂN DÂN TỈNH ...").
    const BODIES: &[&str] = &[
        "uy ban",
        "ubnd",
        "hoi dong",
        "chinh phu",
        "bo ",
        "so ",
        "ban ",
    ];
    if BODIES[..2].iter().any(|b| k.starts_with(b)) {
        return true;
    }
    TITLES.iter().any(|t| {
        k.strip_prefix(t).is_some_and(|rest| {
            rest.is_empty() || BODIES.iter().any(|b| rest.trim_start().starts_with(b))
        })
    })
}

/// Whether a line is a signature block's heading on its own: an optional authority prefix and
/// a title, in capitals, nothing else ("CHỦ TỊCH", "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN").
pub fn is_signature_line(text: &str) -> bool {
    if !is_upper(text) || text.split_whitespace().count() > 6 {
        return false;
    }
    let rest = AUTHORITY
        .find(text)
        .filter(|m| m.start() == 0)
        .map_or(text, |m| &text[m.end()..]);
    let k = skel(rest.trim());
    let k = k.strip_prefix("pho ").unwrap_or(&k);
    TITLES.contains(&k) || k.starts_with("uy ban nhan dan")
}

/// Finds the title inside a run of capital words (after an authority prefix, if any).
fn title_in(run: &str) -> Option<String> {
    let k = skel(run);
    let k = k.trim();
    let mut titles = TITLES.to_vec();
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    for t in titles {
        for (prefix, deputy) in [("pho ", true), ("", false)] {
            let full = format!("{prefix}{t}");
            if k == full || k.ends_with(&format!(" {full}")) || k.ends_with(&format!(".{full}")) {
                let words = full.split(' ').count();
                let original: Vec<&str> = run.split_whitespace().collect();
                let cut = original[original.len().saturating_sub(words)..].join(" ");
                let cased = sentence_case(&cut);
                return Some(if deputy {
                    // "Phó Chủ tịch", "Phó Giám đốc": the head noun keeps its capital.
                    let rest = cased.split_once(' ').map_or("", |(_, r)| r);
                    format!("Phó {}", super::lines::capitalize(rest))
                } else {
                    cased
                });
            }
        }
    }
    None
}

/// Maximal runs of capitalised words in a line ("Nơi nhận: GIÁM ĐỐC" → "GIÁM ĐỐC").
fn capital_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for w in text.split_whitespace() {
        let letters = w.chars().any(char::is_alphabetic);
        if letters
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        {
            cur.push(w);
        } else if !cur.is_empty() {
            runs.push(cur.join(" "));
            cur.clear();
        }
    }
    if !cur.is_empty() {
        runs.push(cur.join(" "));
    }
    runs
}

/// A name line without the glyphs OCR read for dust after it, glued before it or glued before
/// one of its words ("Hoàng Văn Sơn,----", "`Văn Hữu Chiến", "Nguyễn Đắc Thủy:", "“Trương
/// Vĩnh Trọng", "Trương -Vĩnh Trọng"): a personal name is letters and spaces only, so nothing
/// else at either end of it belongs to it, and the signature block sits under the seal, where
/// toner dust gathers. Inside the line only a glyph glued to a word's start goes: punctuation
/// is written after a word, never glued to the next one, while a comma after a word may be a
/// list's ("Bắc Ninh, Hà Nam" is no name). A dash followed by a space in front is left: that is
/// a recipient item ("- Sở Nội vụ"), not a name.
fn without_specks(line: &str) -> String {
    let t = line.trim().trim_end_matches(|c: char| !c.is_alphabetic());
    let mut cs = t.chars();
    if let (Some(d), Some(' ')) = (cs.next(), cs.next()) {
        if super::lines::is_dash(d) {
            return t.to_string();
        }
    }
    // A glyph standing alone between two words stays: the line is then no name.
    t.trim_start_matches(|c: char| !c.is_alphabetic())
        .split(' ')
        .map(|w| {
            let word = w.trim_start_matches(|c: char| !c.is_alphabetic());
            if word.is_empty() {
                w
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name line with a speck glyph glued inside it made a word gap ("Lưu-Văn Bản", "Đàm: Văn
/// Bông", "Lê.Trường Lưu" → "Lưu Văn Bản", "Đàm Văn Bông", "Lê Trường Lưu"): a Vietnamese
/// personal name is syllables and spaces, so a dash, dot or colon glued to one of its words is
/// dust under the seal. Only taken when the result is a name that starts with a family name
/// (`looks_like_surname_first`), since a colon elsewhere ends a label ("Lưu: VT"); a comma or
/// semicolon stays, as it separates a list's items ("Hà Nam, Hà Tĩnh" is no name).
fn without_inner_specks(line: &str) -> String {
    let glue = |c: char| super::lines::is_dash(c) || matches!(c, '.' | ':');
    line.split(glue)
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The signature block from the lines after the body; `run_in_name` from the recipients.
pub fn parse(tail: View<'_>, run_in_name: Option<String>, work: &mut usize) -> Option<Signer> {
    let mut signer = Signer::default();
    for line in tail.iter() {
        *work += 1;
        if line.is_blank() {
            continue;
        }
        if let Some(c) = AUTHORITY.captures(line.text) {
            signer.authority = SignerAuthority::from_prefix(&c[1]);
        }
        for run in capital_runs(line.text) {
            if let Some(t) = title_in(&run) {
                signer.title = Some(t);
            }
        }
    }
    signer.name = tail
        .iter()
        .rev()
        .find(|l| !l.is_blank())
        .map(|l| without_specks(l.text))
        .map(|t| {
            if looks_like_name(&t) {
                return t;
            }
            let inner = without_inner_specks(&t);
            if looks_like_surname_first(&inner) {
                inner
            } else {
                t
            }
        })
        .filter(|t| looks_like_name(t) && !is_upper(t))
        .or(run_in_name);
    (signer != Signer::default()).then_some(signer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::lines::Lines;

    #[test]
    fn deputy_signing_for_the_head() {
        let lines = Lines::new(
            "Nơi nhận:\n- Như trên; KT. CHỦ TỊCH\n- Lưu: VT. PHÓ CHỦ TỊCH\n\nNguyễn Văn An",
        );
        let mut work = 0;
        let s = parse(lines.all(), None, &mut work).unwrap();
        assert_eq!(s.authority, Some(SignerAuthority::Kt));
        assert_eq!(s.title.as_deref(), Some("Phó Chủ tịch"));
        assert_eq!(s.name.as_deref(), Some("Nguyễn Văn An"));
    }

    #[test]
    fn title_on_the_recipients_heading() {
        let lines = Lines::new("Nơi nhận: GIÁM ĐỐC\n- Sở Nội vụ;");
        let mut work = 0;
        let s = parse(lines.all(), Some("Trương Hoa Châu".into()), &mut work).unwrap();
        assert_eq!(s.title.as_deref(), Some("Giám đốc"));
        assert_eq!(s.authority, None);
        assert_eq!(s.name.as_deref(), Some("Trương Hoa Châu"));
    }

    #[test]
    fn a_name_with_dust_glued_inside_it() {
        let lines =
            Lines::new("Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nLưu-Văn Bản");
        let mut work = 0;
        let s = parse(lines.all(), None, &mut work).unwrap();
        assert_eq!(s.name.as_deref(), Some("Lưu Văn Bản"));
        let lines = Lines::new("Nơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\nĐàm: Văn Bông");
        let s = parse(lines.all(), None, &mut work).unwrap();
        assert_eq!(s.name.as_deref(), Some("Đàm Văn Bông"));
        // A filing item last is no name.
        let lines = Lines::new("Nơi nhận:\nCHỦ TỊCH\n- Lưu: VT, KGVX.");
        let s = parse(lines.all(), None, &mut work).unwrap();
        assert_eq!(s.name, None);
    }

    #[test]
    fn name_line_without_the_dust_around_it() {
        assert_eq!(without_specks("Nguyễn Đắc Thủy:---"), "Nguyễn Đắc Thủy");
        assert_eq!(without_specks("“Trương Vĩnh Trọng"), "Trương Vĩnh Trọng");
        assert_eq!(without_specks(".`Văn Hữu Chiến,"), "Văn Hữu Chiến");
        assert_eq!(without_specks("' Văn Hữu Chiến"), "Văn Hữu Chiến");
        // Dust glued to a word inside the name.
        assert_eq!(without_specks("Trương -Vĩnh Trọng"), "Trương Vĩnh Trọng");
        assert_eq!(without_specks("Hoàng 'Văn Sơn"), "Hoàng Văn Sơn");
        // A comma after a word may be a list's: it stays, and such a line is no name.
        assert!(!looks_like_name(&without_specks("Bắc Ninh, Hà Nam")));
        // A glyph alone between two words stays: a line with one is no name.
        assert_eq!(without_specks("Sở Nội vụ - Lưu"), "Sở Nội vụ - Lưu");
        assert!(!looks_like_name(&without_specks("Sở Nội vụ - Lưu")));
        // A speck glued inside the name, between or after its words.
        assert_eq!(without_inner_specks("Lưu-Văn Bản"), "Lưu Văn Bản");
        assert_eq!(without_inner_specks("Đàm: Văn Bông"), "Đàm Văn Bông");
        assert!(looks_like_surname_first(&without_inner_specks(
            "Đàm: Văn Bông"
        )));
        // A list or a label is no name: the place names start with no family name, and a
        // filing item holds capitals.
        assert!(!looks_like_surname_first(&without_inner_specks(
            "Hà Nam, Hà Tĩnh"
        )));
        assert!(!looks_like_surname_first(&without_inner_specks(
            "Lưu: VT, KGVX"
        )));
        // A recipient item keeps its dash: it is not a name.
        assert_eq!(without_specks("- Sở Nội vụ;"), "- Sở Nội vụ");
    }
}
