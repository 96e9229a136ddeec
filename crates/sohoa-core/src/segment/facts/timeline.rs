//! Timeline: milestones anywhere in the body ("Quý IV năm 2025", "trước ngày 05/11",
//! "chậm nhất Quý III năm 2023").

use std::sync::LazyLock;

use regex::Regex;

use super::Unit;
use crate::segment::lines::{prefix, suffix, Skeleton};
use crate::segment::model::Milestone;

static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:nam|/)\s*(\d{4}))?").expect("valid regex")
});
static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:truoc|cham nhat(?: la)?|han chot)\s+(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?",
    )
    .expect("valid regex")
});

/// The clause around `[s, e)`: from the last ";" or sentence end before it to the next one.
fn clause(text: &str, s: usize, e: usize) -> String {
    // Look at most WINDOW bytes each way, so many matches on one long line stay linear.
    let before = suffix(&text[..s], WINDOW);
    let after = prefix(&text[e..], WINDOW);
    let start = before.rfind([';', '.', ':']).map_or(0, |i| i + 1);
    let end = after.find([';', '.']).unwrap_or(after.len());
    let mut out = before[start..].to_string();
    out.push_str(&text[s..e]);
    out.push_str(&after[..end]);
    out.trim().trim_start_matches(['-', '+', ' ']).to_string()
}

/// Bytes of context searched on each side of a milestone for its clause: one sentence, as for
/// a goal (under 300 bytes in the samples).
const WINDOW: usize = 300;

/// Milestones in every section's own text.
pub fn extract(units: &[Unit<'_>], work: &mut usize) -> Vec<Milestone> {
    let mut out: Vec<(usize, usize, Milestone)> = Vec::new();
    for (ui, u) in units.iter().enumerate() {
        *work += 1 + u.text.len() / 64;
        let sk = Skeleton::new(&u.text);
        for c in QUARTER.captures_iter(&sk.text) {
            let m = c.get(0).expect("group 0");
            let quarter = match &c[1] {
                "i" | "1" => 1,
                "ii" | "2" => 2,
                "iii" | "3" => 3,
                _ => 4,
            };
            let (s, e) = (sk.orig(m.start()), sk.orig(m.end()));
            out.push((
                ui,
                m.start(),
                Milestone {
                    text: clause(&u.text, s, e),
                    year: c.get(2).and_then(|y| y.as_str().parse().ok()),
                    quarter: Some(quarter),
                    date: None,
                },
            ));
        }
        for c in DEADLINE.captures_iter(&sk.text) {
            let m = c.get(0).expect("group 0");
            let d: u32 = c[1].parse().unwrap_or(0);
            let mo: u32 = c[2].parse().unwrap_or(0);
            let year: Option<i32> = c.get(3).and_then(|y| y.as_str().parse().ok());
            let date = match year {
                Some(y) => u32::try_from(y)
                    .ok()
                    .and_then(|y| crate::segment::dates::iso(y, mo, d)),
                None => crate::segment::dates::month_day(mo, d),
            };
            let Some(date) = date else { continue };
            let (s, e) = (sk.orig(m.start()), sk.orig(m.end()));
            out.push((
                ui,
                m.start(),
                Milestone {
                    text: clause(&u.text, s, e),
                    year,
                    quarter: None,
                    date: Some(date),
                },
            ));
        }
    }
    out.sort_by_key(|(u, at, _)| (*u, *at));
    out.into_iter().map(|(_, _, m)| m).collect()
}
