//! Goals: measurable targets under goal headings ("đến năm 2025 ... 100% văn bản điện tử");
//! one clause can hold two targets, each is its own goal.

use std::sync::LazyLock;

use regex::Regex;

use super::{has_kind, Unit};
use crate::segment::lines::{prefix, Skeleton};
use crate::segment::model::Goal;
use crate::segment::model::SectionKind;

static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,3}(?:[.,]\d{1,2})?)\s*%").expect("valid regex"));
/// A counted target: a number of people or things to train, build or reach.
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:dao tao|boi duong|phan dau|xay dung|co|dat|it nhat|toi thieu)\s+(\d{1,5})\s+(cong chuc|can bo|vien chuc|doanh nghiep|san pham|mo hinh|hop tac xa)\b",
    )
    .expect("valid regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:den|trong|vao)?\s*nam\s+(20\d\d)\b").expect("valid regex"));

static HEADING_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(20\d\d)\b").expect("valid regex"));

/// Longest goal text kept; a longer clause is cut: a target is one sentence (the samples' longest
/// is under 300 bytes), beyond that the clause is a paragraph around it.
const MAX_TEXT: usize = 400;

/// The year of the nearest heading that states one: any year in a goal heading ("Mục tiêu đến
/// năm 2025") is its target year, so the word before it need not be read.
fn heading_year(u: &Unit<'_>) -> Option<i32> {
    let own = prefix(&u.section.heading, super::HEADING_CONTEXT);
    std::iter::once(own)
        .chain(u.ancestors.iter().rev().copied())
        .find_map(|t| HEADING_YEAR.captures(t).and_then(|c| c[1].parse().ok()))
}

/// Percentage and counted targets under goal headings.
pub fn extract(units: &[Unit<'_>], work: &mut usize) -> Vec<Goal> {
    let mut out = Vec::new();
    for u in units.iter().filter(|u| has_kind(u, SectionKind::Goals)) {
        *work += 1 + u.text.len() / 64;
        let from_heading = heading_year(u);
        // A year stated in one clause carries to the next ("Đến năm 2025 ... 100% ...; 80% ...").
        let mut carried: Option<i32> = None;
        for clause in u.text.split(';') {
            let sk = Skeleton::new(clause);
            let own = YEAR.captures(&sk.text).and_then(|c| c[1].parse().ok());
            carried = own.or(carried);
            let year = carried.or(from_heading);
            let text = prefix(clause, MAX_TEXT)
                .trim()
                .trim_start_matches(['-', '+', ' '])
                .trim_end_matches(['.', ',', ':', ' '])
                .to_string();
            for c in COUNT.captures_iter(&sk.text) {
                let g = c.get(2).expect("group 2");
                out.push(Goal {
                    text: text.clone(),
                    value: c[1].parse::<f64>().ok(),
                    unit: Some(clause[sk.orig(g.start())..sk.orig(g.end())].to_string()),
                    year,
                });
            }
            for c in PERCENT.captures_iter(&sk.text) {
                out.push(Goal {
                    text: text.clone(),
                    value: c[1].replace(',', ".").parse::<f64>().ok(),
                    unit: Some("%".into()),
                    year,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::model::Section;

    #[test]
    fn two_targets_in_one_line_and_year_carried() {
        let s = Section {
            heading: "Chỉ tiêu".into(),
            text: "Đến năm 2025 phấn đấu 100% văn bản điện tử; 80% hồ sơ được số hóa".into(),
            kinds: vec![SectionKind::Goals],
            ..Section::default()
        };
        let units = super::super::units(std::slice::from_ref(&s), &[]);
        let mut work = 0;
        let g = extract(&units, &mut work);
        assert_eq!(g.len(), 2);
        assert_eq!((g[0].value, g[0].year), (Some(100.0), Some(2025)));
        assert_eq!((g[1].value, g[1].year), (Some(80.0), Some(2025)));
        assert_eq!(g[1].unit.as_deref(), Some("%"));
    }
}
