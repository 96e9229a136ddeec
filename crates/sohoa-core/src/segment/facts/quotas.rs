//! Quotas: how many may be commended ("không quá 05 tập thể, cá nhân", "ít nhất 10 tập thể
//! và 10 cá nhân" = two quotas), with the award and occasion they belong to.

use std::sync::LazyLock;

use regex::Regex;

use super::awards::mentions;
use super::{has_kind, Unit};
use crate::segment::lines::{skel, Skeleton};
use crate::segment::model::SectionKind;
use crate::segment::model::{Occasion, Quota, QuotaBound, QuotaWho};

static QUOTA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(it nhat|toi thieu|toi da khong qua|toi da|khong qua|khong vuot qua|dung|chi)\s+(\d{1,4})\s+(tap the|ca nhan|doanh nghiep)((?:\s*,\s*|\s+va\s+)ca nhan\b)?",
    )
    .expect("valid regex")
});
static AND_MORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^;.]{0,120}?\s(?:va|,)\s+(\d{1,4})\s+(tap the|ca nhan|doanh nghiep)\b")
        .expect("valid regex")
});

fn who(first: &str, both: bool) -> QuotaWho {
    match (first, both) {
        ("tap the", true) => QuotaWho::TapTheCaNhan,
        ("tap the", false) => QuotaWho::TapThe,
        ("ca nhan", _) => QuotaWho::CaNhan,
        _ => QuotaWho::DoanhNghiep,
    }
}

fn bound(word: &str) -> QuotaBound {
    match word {
        "it nhat" | "toi thieu" => QuotaBound::Min,
        "dung" | "chi" => QuotaBound::Exact,
        _ => QuotaBound::Max,
    }
}

/// The occasion named by the nearest heading that names one.
fn occasion(u: &Unit<'_>) -> Option<Occasion> {
    let own = crate::segment::lines::prefix(&u.section.heading, super::HEADING_CONTEXT);
    for h in std::iter::once(own).chain(u.ancestors.iter().rev().copied()) {
        let k = skel(h);
        if k.contains("hang nam") {
            return Some(Occasion::HangNam);
        }
        if k.contains("so ket") {
            return Some(Occasion::SoKet);
        }
        if k.contains("tong ket") {
            return Some(Occasion::TongKet);
        }
    }
    None
}

/// Quotas under quota headings (or anywhere, when the plan has no such heading).
pub fn extract(units: &[Unit<'_>], work: &mut usize) -> Vec<Quota> {
    let any_heading = units.iter().any(|u| has_kind(u, SectionKind::Quotas));
    let mut out = Vec::new();
    for u in units
        .iter()
        .filter(|u| !any_heading || has_kind(u, SectionKind::Quotas))
    {
        *work += 1 + u.text.len() / 64;
        let sk = Skeleton::new(&u.text);
        let awards = mentions(&u.text);
        let occ = occasion(u);
        // Matches come in text order, so the last award before each quota is found by walking
        // one cursor forward (linear, not a search per quota).
        let mut next_award = 0;
        for c in QUOTA.captures_iter(&sk.text) {
            let m = c.get(0).expect("group 0");
            while next_award < awards.len() && awards[next_award].at < m.start() {
                next_award += 1;
            }
            let award = next_award
                .checked_sub(1)
                .map(|i| awards[i].form.text.clone());
            let b = bound(&c[1]);
            let count = c[2].parse().unwrap_or(0);
            out.push(Quota {
                text: u.text[sk.orig(m.start())..sk.orig(m.end())].to_string(),
                count,
                bound: b,
                who: Some(who(&c[3], c.get(4).is_some())),
                award: award.clone(),
                occasion: occ,
            });
            if let Some(more) = AND_MORE.captures(&sk.text[m.end()..]) {
                let g = more.get(0).expect("group 0");
                let num = more.get(1).expect("group 1");
                out.push(Quota {
                    text: u.text[sk.orig(m.end() + num.start())..sk.orig(m.end() + g.end())]
                        .to_string(),
                    count: more[1].parse().unwrap_or(0),
                    bound: b,
                    who: Some(who(&more[2], false)),
                    award,
                    occasion: occ,
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
    fn two_quotas_in_one_phrase() {
        let s = Section {
            heading: "Khen thưởng hàng năm".into(),
            text:
                "tặng Bằng khen cho ít nhất 10 tập thể và 10 cá nhân; không quá 05 tập thể, cá nhân"
                    .into(),
            kinds: vec![SectionKind::Quotas],
            ..Section::default()
        };
        let units = super::super::units(std::slice::from_ref(&s), &[]);
        let mut work = 0;
        let q = extract(&units, &mut work);
        assert_eq!(q.len(), 3);
        assert_eq!((q[0].count, q[0].bound), (10, QuotaBound::Min));
        assert_eq!(q[0].who, Some(QuotaWho::TapThe));
        assert_eq!(q[1].who, Some(QuotaWho::CaNhan));
        assert_eq!(q[1].bound, QuotaBound::Min);
        assert_eq!(q[2].who, Some(QuotaWho::TapTheCaNhan));
        assert_eq!(q[2].bound, QuotaBound::Max);
        assert_eq!(q[0].award.as_deref(), Some("Bằng khen"));
        assert_eq!(q[0].occasion, Some(Occasion::HangNam));
    }
}
