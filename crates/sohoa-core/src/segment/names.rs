//! Official spelling of body and place names that a header prints in capitals.
//!
//! "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" is written "Sở Thông tin và Truyền thông" in running text:
//! the head noun and the first word of each field are capitalised, an administrative level
//! word ("tỉnh", "huyện", "xã") is lower case and the place name after it is title case.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::lines::{capitalize, fold_char, is_upper, skel};

/// The names of the gazetteer of administrative units (`dictionaries/places.txt`), lower case.
static GAZETTEER: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    crate::restore::PLACES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_lowercase())
        .collect()
});

/// Whether `name` (any case) is the name of an administrative unit of the gazetteer ("Sơn La";
/// not "Sơn Ca", which no unit bears).
pub fn is_gazetteer_place(name: &str) -> bool {
    let key: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    GAZETTEER.contains(&key.join(" "))
}

/// Head nouns after which the field name starts with a capital ("Sở Nội vụ", "Bộ Y tế").
const HEADS: &[&str] = &["so", "phong", "ban", "cuc", "bo", "vien", "truong", "hoi"];
/// Two-word head nouns.
const HEADS2: &[&str] = &["trung tam", "van phong", "chi cuc", "tong cuc"];
/// Party committees named by their level: "Tỉnh ủy Thái Bình", "Huyện ủy", "Thành ủy",
/// "Quận ủy", "Đảng ủy" (Party Statute, art. 9: committees of each level).
const PARTY_COMMITTEES: &[&str] = &["tinh", "huyen", "thanh", "quan", "dang", "thi"];
/// Central bodies whose names headers print letter-spaced ("T H Ủ T Ư Ớ N G  C H Í N H  P H Ủ"):
/// the Constitution 2013, chapters V-VII, and Law 76/2015/QH13 on the organisation of the
/// Government.
const CENTRAL_BODIES: &[&str] = &[
    "Thủ tướng Chính phủ",
    "Chính phủ",
    "Quốc hội",
    "Ủy ban Thường vụ Quốc hội",
    "Chủ tịch nước",
    "Văn phòng Chính phủ",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
];

/// The fixed codes of central bodies in a symbol (Decree 30/2020/NĐ-CP, appendix VI; Law
/// 80/2015/QH13 on legal documents): the Prime Minister's "TTg", the Government's "CP", the
/// National Assembly's "QH" and its Standing Committee's "UBTVQH".
const CENTRAL_CODES: &[(&str, &str)] = &[
    ("Thủ tướng Chính phủ", "TTg"),
    ("Chính phủ", "CP"),
    ("Quốc hội", "QH"),
    ("Ủy ban Thường vụ Quốc hội", "UBTVQH"),
];

/// The fixed code of the central body `issuer` names (as [`central_body`] spells it).
pub fn central_code(issuer: &str) -> Option<&'static str> {
    CENTRAL_CODES
        .iter()
        .find(|(body, _)| *body == issuer)
        .map(|&(_, code)| code)
}

/// Vietnamese initial consonants (Vietnamese orthography; "qu" and "gi" counted with them).
const INITIALS: &[&str] = &[
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
/// Vietnamese final consonants.
const FINALS: &[&str] = &["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];

/// Whether a capital word can be a Vietnamese syllable: an initial, one to three vowels, a
/// final. A word that cannot ("UBND", "THCS", "GD&ĐT", "TW") is an abbreviation and keeps its
/// capitals.
pub(super) fn is_syllable(word: &str) -> bool {
    let w: String = word
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '&')
        .flat_map(char::to_lowercase)
        .collect();
    if w.is_empty() || !w.chars().all(char::is_alphabetic) {
        return false;
    }
    let base: String = w
        .chars()
        .map(|c| if c == 'đ' { c } else { fold_char(c) })
        .collect();
    INITIALS.iter().any(|i| {
        base.strip_prefix(i).is_some_and(|rest| {
            FINALS.iter().any(|f| {
                rest.strip_suffix(f).is_some_and(|v| {
                    (1..=3).contains(&v.chars().count()) && v.chars().all(|c| "aeiouy".contains(c))
                })
            })
        })
    })
}

/// The letters of a symbol code ("TƯ" → "TU", "QĐ" stays): codes are initials, which carry no
/// tone or vowel marks; only Đ is a letter of its own. A PDF or OCR that adds a mark is undone.
pub fn code_letters(code: &str) -> String {
    code.chars()
        .map(|c| match c {
            'Đ' | 'đ' => 'Đ',
            c if c.is_alphabetic() && !c.is_ascii() => {
                let base = fold_char(c);
                if c.is_uppercase() {
                    base.to_ascii_uppercase()
                } else {
                    base
                }
            }
            c => c,
        })
        .collect()
}

/// A letter-spaced capital line read as the central body it spells, if it spells one.
pub fn spaced_body(line: &str) -> Option<String> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let singles = tokens.iter().filter(|t| t.chars().count() == 1).count();
    // Letter-spaced: (nearly) every token a single letter.
    if tokens.len() < 4 || singles * 10 < tokens.len() * 8 {
        return None;
    }
    let squeeze = |s: &str| -> String { skel(s).chars().filter(|c| !c.is_whitespace()).collect() };
    let k = squeeze(line);
    CENTRAL_BODIES
        .iter()
        .find(|b| squeeze(b) == k)
        .map(|b| b.to_string())
}
/// A central body's name as the Constitution spells it, when `name` is that name in other
/// capitals or with a speck read as a dash in a word gap ("Thủ tướng chính phủ", "Thủ
/// tướng-Chính phủ" → "Thủ tướng Chính phủ"): "Chính phủ" is the Government's proper name,
/// which word-by-word capitalisation cannot know.
pub fn central_body(name: &str) -> Option<&'static str> {
    let squeeze = |s: &str| -> String { skel(s).chars().filter(|c| c.is_alphanumeric()).collect() };
    let k = squeeze(name);
    CENTRAL_BODIES.iter().copied().find(|b| squeeze(b) == k)
}

/// One-word administrative levels.
const LEVELS: &[&str] = &["tinh", "huyen", "xa", "quan", "phuong"];
/// Two-word administrative levels.
const LEVELS2: &[&str] = &["thanh pho", "thi xa", "thi tran"];

/// Writes a capitalised name the way running text spells it; other text is returned as is.
pub fn official_case(s: &str) -> String {
    if !is_upper(s) {
        return s.to_string();
    }
    // A colon in a header cell separates a form label from the name ("TRƯỜNG: THCS MÔNG ÂN").
    let s = s.replace(':', " ");
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut cap_next = true;
    let mut place = false;
    let mut name_follows = false;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let k = skel(w);
        let k = k.trim_matches(|c: char| !c.is_alphanumeric());
        // "THIÊN-HUẾ", "RANG-THÁP", "RỊA-VŨNG": a hyphen glued between two syllables joins two
        // names into one (Thừa Thiên-Huế, Phan Rang-Tháp Chàm, Bà Rịa-Vũng Tàu, Kế hoạch-Đầu
        // tư): each part is cased as a word, and the part after the hyphen starts a name.
        if let Some(parts) = hyphen_joined(w) {
            let first = parts[0].to_lowercase();
            let mut cased = vec![if place || cap_next || name_follows {
                capitalize(&first)
            } else {
                first
            }];
            cased.extend(parts[1..].iter().map(|p| capitalize(&p.to_lowercase())));
            out.push(cased.join("-"));
            cap_next = false;
            i += 1;
            continue;
        }
        if !is_syllable(w) && w.chars().any(char::is_alphabetic) {
            out.push(w.to_string());
            // A name or place follows an abbreviated body ("Phòng GD&ĐT Bảo Lâm", "Trường THCS
            // Mông Ân"), unless a level word comes first ("UBND tỉnh").
            name_follows = true;
            i += 1;
            continue;
        }
        // "TỈNH ỦY THỪA THIÊN HUẾ": a Party committee, then its place.
        if i == 0 && PARTY_COMMITTEES.contains(&k) && words.get(1).is_some_and(|n| skel(n) == "uy")
        {
            out.push(capitalize(&w.to_lowercase()));
            out.push(words[1].to_lowercase());
            place = true;
            i += 2;
            continue;
        }
        if !place {
            let two = words
                .get(i + 1)
                .map(|n| format!("{k} {}", skel(n)))
                .unwrap_or_default();
            if LEVELS2.contains(&two.as_str()) {
                out.push(w.to_lowercase());
                out.push(words[i + 1].to_lowercase());
                place = true;
                i += 2;
                continue;
            }
            if LEVELS.contains(&k) {
                out.push(w.to_lowercase());
                place = true;
                i += 1;
                continue;
            }
        }
        let lower = w.to_lowercase();
        if place || cap_next || name_follows {
            out.push(capitalize(&lower));
        } else {
            out.push(lower);
        }
        cap_next = (i == 0 && HEADS.contains(&k)) || k == "va" || w.ends_with(',') || w == "-";
        if i == 1 && HEADS2.contains(&format!("{} {k}", skel(words[0])).as_str()) {
            cap_next = true;
        }
        i += 1;
    }
    out.join(" ")
}

/// The parts of a word that is two or more syllables joined by hyphens ("THIÊN-HUẾ"), or
/// `None` (a code such as "GD-ĐT", a lone dash, a word without a hyphen).
fn hyphen_joined(word: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = word.split(['-', '–']).collect();
    (parts.len() > 1
        && parts
            .iter()
            .all(|p| is_syllable(p) && p.chars().all(char::is_alphabetic)))
    .then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_and_places() {
        assert_eq!(
            official_case("SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
            "Sở Thông tin và Truyền thông"
        );
        assert_eq!(
            official_case("ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH"),
            "Ủy ban nhân dân tỉnh Thái Bình"
        );
        assert_eq!(
            official_case("UBND TỈNH BÀ RỊA - VŨNG TÀU"),
            "UBND tỉnh Bà Rịa - Vũng Tàu"
        );
        assert_eq!(
            official_case("ỦY BAN NHÂN DÂN XÃ TA MA"),
            "Ủy ban nhân dân xã Ta Ma"
        );
        assert_eq!(
            official_case("UBND THÀNH PHỐ HỒ CHÍ MINH"),
            "UBND thành phố Hồ Chí Minh"
        );
        assert_eq!(official_case("Sở Nội vụ"), "Sở Nội vụ");
        assert_eq!(
            official_case("TỈNH ỦY THỪA THIÊN HUẾ"),
            "Tỉnh ủy Thừa Thiên Huế"
        );
        assert_eq!(official_case("TRƯỜNG: THCS MÔNG ÂN"), "Trường THCS Mông Ân");
        assert_eq!(official_case("PHÒNG GD&ĐT BẢO LÂM"), "Phòng GD&ĐT Bảo Lâm");
        assert_eq!(official_case("BỘ Y TẾ"), "Bộ Y tế");
    }

    #[test]
    fn hyphenated_place_names_are_one_name() {
        assert_eq!(
            official_case("TỈNH ỦY THỪA THIÊN-HUẾ"),
            "Tỉnh ủy Thừa Thiên-Huế"
        );
        assert_eq!(
            official_case("UBND THÀNH PHỐ PHAN RANG-THÁP CHÀM"),
            "UBND thành phố Phan Rang-Tháp Chàm"
        );
        assert_eq!(
            official_case("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA-VŨNG TÀU"),
            "Ủy ban nhân dân tỉnh Bà Rịa-Vũng Tàu"
        );
        assert_eq!(official_case("SỞ KẾ HOẠCH-ĐẦU TƯ"), "Sở Kế hoạch-Đầu tư");
        // A code with a hyphen keeps its capitals.
        assert_eq!(official_case("PHÒNG GD-ĐT BẢO LÂM"), "Phòng GD-ĐT Bảo Lâm");
    }

    #[test]
    fn abbreviations_codes_and_spaced_names() {
        for a in ["UBND", "HĐND", "THCS", "TW", "MTTQ", "CNTT", "GD&ĐT", "TTg"] {
            assert!(!is_syllable(a), "{a}");
        }
        for w in ["NGHIÊNG", "TRƯỜNG", "Y", "ỦY", "QUỐC", "GIẢI", "KHOA"] {
            assert!(is_syllable(w), "{w}");
        }
        assert_eq!(code_letters("TƯ"), "TU");
        assert_eq!(code_letters("HĐTĐKT"), "HĐTĐKT");
        assert_eq!(
            spaced_body("T H  Ủ   T  Ư Ớ N G   C H  Í  N H   P H Ủ").as_deref(),
            Some("Thủ tướng Chính phủ")
        );
        assert_eq!(spaced_body("KẾ HOẠCH"), None);
        assert_eq!(
            central_body("Thủ tướng-Chính phủ"),
            Some("Thủ tướng Chính phủ")
        );
        assert_eq!(
            central_body("Thủ tướng chính phủ"),
            Some("Thủ tướng Chính phủ")
        );
        assert_eq!(central_body("Ủy ban nhân dân tỉnh Sơn La"), None);
    }
}
