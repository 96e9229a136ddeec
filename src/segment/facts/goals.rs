//! Goals: measurable targets under goal headings ("đến năm 2025 ... 100% văn bản điện tử");
//! one clause can hold two targets, each is its own goal.

use std::sync::LazyLock;

use regex::Regex;

use super::{has_kind, Unit};
use crate::segment::lines::{skel, Skeleton};
use crate::segment::model::Goal;

static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,3}(?:[.,]\d{1,2})?)\s*%").expect("valid regex"));
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:den|trong|vao)?\s*nam\s+(20\d\d)\b").expect("valid regex"));

/// The target year: stated in the clause, else in the nearest heading that states one.
fn year(clause: &str, u: &Unit<'_>) -> Option<i32> {
    let heads =
        std::iter::once(u.section.heading.as_str()).chain(u.ancestors.iter().rev().copied());
    std::iter::once(clause)
        .chain(heads)
        .find_map(|t| YEAR.captures(&skel(t)).and_then(|c| c[1].parse().ok()))
}

/// Percentage targets under goal headings.
pub fn extract(units: &[Unit<'_>], work: &mut usize) -> Vec<Goal> {
    let mut out = Vec::new();
    for u in units.iter().filter(|u| has_kind(u, "goals")) {
        *work += 1;
        for clause in u.text.split(';') {
            let sk = Skeleton::new(clause);
            let y = year(clause, u);
            let text = clause
                .trim()
                .trim_start_matches(['-', '+', ' '])
                .trim_end_matches(['.', ',', ':', ' '])
                .to_string();
            for c in PERCENT.captures_iter(&sk.text) {
                let value = c[1].replace(',', ".").parse::<f64>().ok();
                out.push(Goal {
                    text: text.clone(),
                    value,
                    unit: Some("%".into()),
                    year: y,
                });
            }
        }
    }
    out
}
