//! Criteria: the leaf items under a criteria heading, with whom each applies to, read from
//! the outermost heading below the criteria heading that names a subject ("a) Tập thể").

use super::{has_kind, Unit};
use crate::segment::lines::skel;
use crate::segment::model::Criterion;
use crate::segment::model::SectionKind;

/// (skeleton word, subject) pairs naming who a criterion concerns.
const SUBJECTS: &[(&str, &str)] = &[
    ("tap the", "tập thể"),
    ("ca nhan", "cá nhân"),
    ("doanh nhan", "cá nhân"),
    ("can bo", "cá nhân"),
    ("cong chuc", "cá nhân"),
    ("cb, cc, vc", "cá nhân"),
    ("doanh nghiep", "doanh nghiệp"),
];
/// Collective bodies: a criterion for them applies to "tập thể".
const COLLECTIVES: &[&str] = &[
    "co quan",
    "don vi",
    "so, ban, nganh",
    "huyen",
    "xa, phuong",
    "cac ban",
    "to chuc",
];

fn subjects(heading: &str) -> Vec<String> {
    let k = skel(heading);
    let mut out: Vec<String> = Vec::new();
    for (w, s) in SUBJECTS {
        if k.contains(w) && !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    if out.is_empty() && COLLECTIVES.iter().any(|w| k.contains(w)) {
        out.push("tập thể".into());
    }
    out
}

/// Leaf items under criteria headings.
pub fn extract(units: &[Unit<'_>], work: &mut usize) -> Vec<Criterion> {
    let mut out = Vec::new();
    for u in units.iter().filter(|u| has_kind(u, SectionKind::Criteria)) {
        *work += 1;
        if !u.section.children.is_empty() {
            continue;
        }
        // Only the headings below the (deepest) heading that names the criteria kind.
        let own_criteria =
            |h: &str| crate::segment::kinds::own_kinds(h).contains(&SectionKind::Criteria);
        let from = u
            .ancestors
            .iter()
            .rposition(|h| own_criteria(h))
            .map_or(0, |i| i + 1);
        let chain = u.ancestors[from..].iter().copied().chain(std::iter::once(
            crate::segment::lines::prefix(&u.section.heading, super::HEADING_CONTEXT),
        ));
        let applies_to = chain
            .map(subjects)
            .find(|s| !s.is_empty())
            .unwrap_or_default();
        out.push(Criterion {
            text: u.text.trim_end_matches(['.', ';', ' ']).to_string(),
            applies_to,
        });
    }
    out
}
