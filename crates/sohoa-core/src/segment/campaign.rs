//! Campaign: the quoted name, the period in years, the area and the theme.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{is_upper, sentence_case, skel, Skeleton};
use super::model::{Campaign, Period, Section, SectionKind};
use super::names::official_case;

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"["“”]([^"“”]{2,200})["“”]"#).expect("valid regex"));
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"giai doan\s*(?:tu\s*)?(\d{4})\s*(?:-|–|—|den)\s*(\d{4})").expect("valid regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bnam\s+(\d{4})\b").expect("valid regex"));
static AREA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"tren dia ban\s+").expect("valid regex"));

/// Words that introduce an emulation movement or campaign ("phong trào thi đua “...”",
/// "cuộc vận động “...”"; Law 06/2022/QH15 on emulation and commendation, art. 3 and 8).
const TRIGGERS: &[&str] = &["phong trao", "cuoc van dong", "thi dua"];
/// Bytes before a quoted name within which its trigger must stand.
const TRIGGER_REACH: usize = 60;
/// Bytes of a decision's first article searched for the movement it rewards or launches.
const ARTICLE_REACH: usize = 2_000;

/// Extracts the campaign from the title, the opening text and the section tree. A document
/// concerns a campaign only when one of its [`TRIGGERS`] stands in the title, the opening or a
/// decision's first article; otherwise every campaign field stays empty (a plan for a project
/// or programme has a period and an area, but no campaign).
pub fn extract(title: Option<&str>, opening: &str, sections: &[Section]) -> Campaign {
    let title = title.unwrap_or("");
    let article = sections
        .iter()
        .find(|s| s.number.starts_with("Điều"))
        .map(|s| format!("{} {}", s.heading, s.text))
        .unwrap_or_default();
    let article = super::lines::prefix(&article, ARTICLE_REACH);
    let texts = [title, opening, article];
    if !texts.iter().any(|t| {
        let k = skel(t);
        TRIGGERS.iter().any(|w| k.contains(w))
    }) {
        return Campaign::default();
    }
    let mut c = Campaign::default();
    for text in texts {
        if c.name.is_none() {
            c.name = name(text, opening);
        }
        let sk = skel(text);
        if c.period.start.is_none() {
            if let Some(m) = PERIOD.captures(&sk) {
                c.period = Period {
                    start: m[1].parse().ok(),
                    end: m[2].parse().ok(),
                };
            } else if let Some(m) = YEAR.captures(&sk).filter(|_| text == title) {
                // A one-year campaign: "phong trào thi đua ... năm 2024" in the subject.
                let y = m[1].parse().ok();
                c.period = Period { start: y, end: y };
            }
        }
        if c.scope.is_none() {
            c.scope = area(text);
        }
    }
    let mut work = 0;
    walk(sections, &mut |s| {
        work += 1;
        if c.theme.is_none() && s.kinds.contains(&SectionKind::Theme) && !s.text.is_empty() {
            let t = s
                .text
                .trim()
                .trim_matches(['"', '“', '”', '.', ' '])
                .to_string();
            c.theme = Some(t);
        }
        if c.scope.is_none() && s.kinds == [SectionKind::Scope] {
            c.scope = area(&s.text);
        }
    });
    c
}

fn walk(sections: &[Section], f: &mut impl FnMut(&Section)) {
    for s in sections {
        f(s);
        walk(&s.children, f);
    }
}

/// The first quoted phrase, without a trailing "giai đoạn 2023 - 2030". A capital title is
/// re-cased from the same phrase in the running text when it appears there.
fn name(text: &str, opening: &str) -> Option<String> {
    let m = QUOTED.captures_iter(text).find(|m| {
        let before = skel(super::lines::suffix(
            &text[..m.get(0).expect("group 0").start()],
            TRIGGER_REACH,
        ));
        TRIGGERS.iter().any(|w| before.contains(w))
    })?;
    // A campaign's name is one phrase, like a subject: a dot or dash OCR glued between two of
    // its words is a speck ("đời sống.văn hóa", `ocr`).
    let mut n = super::ocr::split_subject_specks(&super::ocr::split_glued_dots(m[1].trim()));
    let sk = Skeleton::new(&n);
    if let Some(at) = sk.text.find(" giai doan") {
        n.truncate(sk.orig(at));
    }
    if is_upper(&n) {
        // Prefer the same phrase quoted in running text, which keeps its real capitals.
        let want = skel(&n);
        n = QUOTED
            .captures_iter(opening)
            .map(|c| c[1].trim().to_string())
            .find(|q| skel(q).starts_with(&want))
            .map(|q| {
                let sk = Skeleton::new(&q);
                q[..sk.orig(want.len())].to_string()
            })
            .unwrap_or_else(|| sentence_case(&n));
    }
    (!n.is_empty()).then_some(n)
}

/// "trên địa bàn tỉnh Thái Bình" → "tỉnh Thái Bình" (to the end of the phrase).
fn area(text: &str) -> Option<String> {
    let sk = Skeleton::new(text);
    let m = AREA.find(&sk.text)?;
    let from = sk.orig(m.end());
    let rest = &text[from..];
    let end = rest
        .find([',', ';', '.', '(', ':', '"', '“', '”'])
        .unwrap_or(rest.len());
    let words: Vec<&str> = rest[..end].split_whitespace().take(6).collect();
    let a = words.join(" ");
    let a = official_case(&a);
    (a.split_whitespace().count() >= 2).then_some(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_title_takes_case_from_text() {
        let c = extract(
            Some(
                r#"TỔ CHỨC PHONG TRÀO THI ĐUA "CHUYỂN ĐỔI SỐ" GIAI ĐOẠN 2023-2025 TRÊN ĐỊA BÀN TỈNH THÁI BÌNH"#,
            ),
            r#"ban hành Kế hoạch Phong trào thi đua "Chuyển đổi số" giai đoạn"#,
            &[],
        );
        assert_eq!(c.name.as_deref(), Some("Chuyển đổi số"));
        assert_eq!(c.period.start, Some(2023));
        assert_eq!(c.period.end, Some(2025));
        assert_eq!(c.scope.as_deref(), Some("tỉnh Thái Bình"));
    }
}
