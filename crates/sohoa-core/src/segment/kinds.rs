//! Section kinds: maps headings onto the record's vocabulary (`purpose`, `goals`, ...).
//!
//! Matching is on skeletons so a residual tone error does not lose a kind. A heading may carry
//! several kinds ("HÌNH THỨC, TIÊU CHUẨN, CHỈ TIÊU KHEN THƯỞNG"); a heading with none of its
//! own inherits its parent's, and a top-level heading with none is `other`.

use super::lines::skel;
use super::model::Section;

/// (kind, skeleton phrases that signal it in a heading).
const VOCAB: &[(&str, &[&str])] = &[
    ("purpose", &["muc dich"]),
    ("requirements", &["yeu cau"]),
    ("theme", &["chu de"]),
    ("scope", &["pham vi"]),
    ("subjects", &["doi tuong"]),
    ("content", &["noi dung"]),
    ("goals", &["muc tieu", "chi tieu thi dua"]),
    ("criteria", &["tieu chi", "tieu chuan"]),
    ("award_forms", &["hinh thuc"]),
    ("quotas", &["so luong", "co cau", "chi tieu khen thuong"]),
    ("solutions", &["giai phap"]),
    ("timeline", &["tien do", "thoi gian", "lo trinh"]),
    (
        "organization",
        &[
            "to chuc thuc hien",
            "to chuc phong trao",
            "trach nhiem thuc hien",
        ],
    ),
];

/// Longest heading (in words) still read as a heading; longer ones are running text. Capital
/// headings are headings whatever their length.
const MAX_HEADING_WORDS: usize = 9;
const MAX_CAPITAL_HEADING_WORDS: usize = 24;

/// The kinds a heading names by itself, in vocabulary order.
pub fn own_kinds(heading: &str) -> Vec<&'static str> {
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
    let mut out: Vec<&'static str> = Vec::new();
    for (kind, phrases) in VOCAB {
        if phrases.iter().any(|p| contains_words(&k, p)) {
            out.push(kind);
        }
    }
    // "CHỈ TIÊU KHEN THƯỞNG" alone, or in a list ending in "khen thưởng", counts people.
    if contains_words(&k, "chi tieu") && !out.contains(&"quotas") && !out.contains(&"goals") {
        // "khen" alone decides, so a residual error in "thưởng" does not turn quotas into goals.
        out.push(if contains_words(&k, "khen") {
            "quotas"
        } else {
            "goals"
        });
    }
    if out.contains(&"quotas") && out.contains(&"goals") && !k.contains("muc tieu") {
        out.retain(|k| *k != "goals");
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

fn assign_one(section: &mut Section, inherited: &[String]) {
    // Bullets are items, never headings of their own.
    let bullet = section.number == "-" || section.number == "+";
    let own = if bullet {
        Vec::new()
    } else {
        own_kinds(&section.heading)
    };
    section.kinds = if !own.is_empty() {
        own.iter().map(|k| k.to_string()).collect()
    } else if !inherited.is_empty() {
        inherited.to_vec()
    } else {
        vec!["other".to_string()]
    };
    let pass: Vec<String> = if section.kinds == ["other"] {
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
            ["criteria", "award_forms", "quotas"]
        );
        assert_eq!(own_kinds("MỤC ĐÍCH, YÊU CẦU"), ["purpose", "requirements"]);
        assert_eq!(
            own_kinds("NỘI DUNG, MỤC TIÊU, CHỈ TIÊU THI ĐUA VÀ GIẢI PHÁP THỰC HIỆN"),
            ["content", "goals", "solutions"]
        );
        assert_eq!(own_kinds("Số lượng"), ["quotas"]);
        assert_eq!(own_kinds("Tien do thuc hien"), ["timeline"]);
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
        assert_eq!(s[0].children[0].kinds, ["goals"]);
        assert_eq!(s[1].kinds, ["other"]);
    }
}
