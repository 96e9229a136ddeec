//! Structured facts pulled from the section tree: award forms, quotas, goals, criteria and
//! the timeline. Each extractor reads the sections whose kind says where such facts live and
//! falls back to the whole body only where a plan commonly states them elsewhere.

pub mod awards;
pub mod criteria;
pub mod goals;
pub mod quotas;
pub mod timeline;

use super::model::{Section, SectionKind};

/// Bytes of an ancestor heading kept as context (headings proper are far shorter).
pub(crate) const HEADING_CONTEXT: usize = 400;

/// One section's own words, with the headings above it (nearest last) for context.
pub struct Unit<'a> {
    /// The section.
    pub section: &'a Section,
    /// "heading: text" of the section itself (children excluded).
    pub text: String,
    /// Headings of the ancestors, outermost first.
    pub ancestors: Vec<&'a str>,
}

/// Every section of the tree as a [`Unit`], in document order; `heading_colon` is the
/// parser's per-section flag in that order (see `numbering::Tree`).
pub fn units<'a>(sections: &'a [Section], heading_colon: &[bool]) -> Vec<Unit<'a>> {
    let mut out = Vec::new();
    let mut path: Vec<&str> = Vec::new();
    for s in sections {
        collect(s, heading_colon, &mut path, &mut out);
    }
    out
}

fn collect<'a>(
    s: &'a Section,
    heading_colon: &[bool],
    path: &mut Vec<&'a str>,
    out: &mut Vec<Unit<'a>>,
) {
    let colon = heading_colon.get(out.len()).copied().unwrap_or(false);
    let text = match (s.heading.is_empty(), s.text.is_empty()) {
        (false, false) if colon => format!("{}: {}", s.heading, s.text),
        (false, false) => format!("{} {}", s.heading, s.text),
        (false, true) => s.heading.clone(),
        (true, _) => s.text.clone(),
    };
    out.push(Unit {
        section: s,
        text,
        ancestors: path.clone(),
    });
    // Headings serve as context for every unit below them: bound them so a giant heading line
    // is not re-read once per descendant.
    path.push(crate::segment::lines::prefix(&s.heading, HEADING_CONTEXT));
    for c in &s.children {
        collect(c, heading_colon, path, out);
    }
    path.pop();
}

/// Whether a unit's section has `kind`.
pub fn has_kind(u: &Unit<'_>, kind: SectionKind) -> bool {
    u.section.kinds.contains(&kind)
}
