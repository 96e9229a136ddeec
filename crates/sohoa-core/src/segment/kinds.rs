//! Section kinds: maps headings onto the record's vocabulary (`purpose`, `goals`, ...).
//!
//! Matching is on skeletons so a residual tone error does not lose a kind. A heading may carry
//! several kinds ("HÌNH THỨC, TIÊU CHUẨN, CHỈ TIÊU KHEN THƯỞNG"); a heading with none of its
//! own inherits its parent's, and a top-level heading with none is `other`.

use super::lines::skel;
use super::model::{Section, SectionKind};

use SectionKind as K;

/// (kind, skeleton phrases that signal it in a heading). Source: the headings of
/// `docs/domain.md` ("What a campaign plan says"), and for `legal_bases` a part "CĂN CỨ PHÁP LÝ
/// ..." that lists the bases instead of a "Căn cứ" preamble (Decree 30/2020/NĐ-CP, appendix I,
/// names "căn cứ ban hành" as the preamble's content).
const VOCAB: &[(SectionKind, &[&str])] = &[
    (K::LegalBases, &["can cu"]),
    (K::Purpose, &["muc dich"]),
    (K::Requirements, &["yeu cau"]),
    (K::Theme, &["chu de"]),
    (K::Scope, &["pham vi"]),
    (K::Subjects, &["doi tuong"]),
    (K::Content, &["noi dung"]),
    (K::Goals, &["muc tieu", "chi tieu thi dua"]),
    (K::Criteria, &["tieu chi", "tieu chuan"]),
    (K::AwardForms, &["hinh thuc"]),
    (K::Quotas, &["so luong", "co cau", "chi tieu khen thuong"]),
    (K::Solutions, &["giai phap"]),
    (K::Timeline, &["tien do", "thoi gian", "lo trinh"]),
    (
        K::Organization,
        &[
            "to chuc thuc hien",
            "to chuc phong trao",
            "trach nhiem thuc hien",
        ],
    ),
];

/// Longest heading (in words) still read as a heading; longer ones are running text: the
/// vocabulary's headings run to 7 words ("Nội dung phong trào thi đua ..."), a sentence that
/// merely mentions a "mục tiêu" is longer.
const MAX_HEADING_WORDS: usize = 9;
/// Capital headings are headings up to two wrapped lines (a 12-word capital heading such as
/// "NỘI DUNG, MỤC TIÊU, CHỈ TIÊU THI ĐUA VÀ GIẢI PHÁP THỰC HIỆN", twice).
const MAX_CAPITAL_HEADING_WORDS: usize = 24;

/// The kinds a heading names by itself, in vocabulary order.
pub fn own_kinds(heading: &str) -> Vec<SectionKind> {
    let words = heading.split_whitespace().count();
    let max = if super::lines::is_upper(heading) {
        MAX_CAPITAL_HEADING_WORDS
    } else {
        MAX_HEADING_WORDS
    };
    if words > max {
        return Vec::new();
    }
    let k = skel(heading);
    let mut out: Vec<SectionKind> = Vec::new();
    for (kind, phrases) in VOCAB {
        if phrases.iter().any(|p| contains_words(&k, p)) {
            out.push(*kind);
        }
    }
    // "CHỈ TIÊU KHEN THƯỞNG" alone, or in a list ending in "khen thưởng", counts people.
    if contains_words(&k, "chi tieu") && !out.contains(&K::Quotas) && !out.contains(&K::Goals) {
        // "khen" alone decides, so a residual error in "thưởng" does not turn quotas into goals.
        out.push(if contains_words(&k, "khen") {
            K::Quotas
        } else {
            K::Goals
        });
    }
    if out.contains(&K::Quotas) && out.contains(&K::Goals) && !k.contains("muc tieu") {
        out.retain(|k| *k != K::Goals);
    }
    out
}

/// Whether `phrase` occurs in `hay` on word boundaries.
fn contains_words(hay: &str, phrase: &str) -> bool {
    let bytes = hay.as_bytes();
    let mut from = 0;
    while let Some(at) = hay[from..].find(phrase) {
        let s = from + at;
        let e = s + phrase.len();
        let left = s == 0 || !bytes[s - 1].is_ascii_alphanumeric();
        let right = e == hay.len() || !bytes[e].is_ascii_alphanumeric();
        if left && right {
            return true;
        }
        from = s + 1;
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// Fills `kinds` over the whole tree.
pub fn assign(sections: &mut [Section]) {
    for s in sections {
        assign_one(s, &[]);
    }
}

fn assign_one(section: &mut Section, inherited: &[SectionKind]) {
    // Bullets are items, never headings of their own.
    let bullet = section.number == "-" || section.number == "+";
    let own = if bullet {
        Vec::new()
    } else {
        own_kinds(&section.heading)
    };
    section.kinds = if !own.is_empty() {
        own
    } else if !inherited.is_empty() {
        inherited.to_vec()
    } else {
        vec![K::Other]
    };
    let pass: Vec<SectionKind> = if section.kinds == [K::Other] {
        Vec::new()
    } else {
        section.kinds.clone()
    };
    for child in &mut section.children {
        assign_one(child, &pass);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_kinds_in_one_heading() {
        assert_eq!(
            own_kinds("HÌNH THỨC, TIÊU CHUẨN, CHỈ TIÊU KHEN THƯỞNG"),
            [K::Criteria, K::AwardForms, K::Quotas]
        );
        assert_eq!(
            own_kinds("MỤC ĐÍCH, YÊU CẦU"),
            [K::Purpose, K::Requirements]
        );
        assert_eq!(
            own_kinds("NỘI DUNG, MỤC TIÊU, CHỈ TIÊU THI ĐUA VÀ GIẢI PHÁP THỰC HIỆN"),
            [K::Content, K::Goals, K::Solutions]
        );
        assert_eq!(own_kinds("Số lượng"), [K::Quotas]);
        assert_eq!(own_kinds("Tien do thuc hien"), [K::Timeline]);
        assert!(own_kinds("Lĩnh vực y tế").is_empty());
    }

    #[test]
    fn children_inherit_and_unknown_is_other() {
        let mut s = vec![
            Section {
                heading: "MỤC TIÊU".into(),
                children: vec![Section {
                    heading: "Phát triển hạ tầng số".into(),
                    ..Section::default()
                }],
                ..Section::default()
            },
            Section {
                heading: "Lĩnh vực khác".into(),
                ..Section::default()
            },
        ];
        assign(&mut s);
        assert_eq!(s[0].children[0].kinds, [K::Goals]);
        assert_eq!(s[1].kinds, [K::Other]);
    }
}
