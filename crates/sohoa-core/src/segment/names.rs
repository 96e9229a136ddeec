//! Official spelling of body and place names that a header prints in capitals.
//!
//! "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" is written "Sở Thông tin và Truyền thông" in running text:
//! the head noun and the first word of each field are capitalised, an administrative level
//! word ("tỉnh", "huyện", "xã") is lower case and the place name after it is title case.

use super::lines::{capitalize, is_upper, skel};

/// Acronyms kept in capitals.
const ACRONYMS: &[&str] = &[
    "ubnd", "hdnd", "mttq", "bch", "tw", "cntt", "tttt", "ttg", "vn", "ktxh",
];
/// Head nouns after which the field name starts with a capital.
const HEADS: &[&str] = &["so", "phong", "ban", "cuc", "bo", "vien", "truong", "hoi"];
/// Two-word head nouns.
const HEADS2: &[&str] = &["trung tam", "van phong", "chi cuc", "tong cuc"];
/// One-word administrative levels.
const LEVELS: &[&str] = &["tinh", "huyen", "xa", "quan", "phuong"];
/// Two-word administrative levels.
const LEVELS2: &[&str] = &["thanh pho", "thi xa", "thi tran"];

/// Writes a capitalised name the way running text spells it; other text is returned as is.
pub fn official_case(s: &str) -> String {
    if !is_upper(s) {
        return s.to_string();
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut cap_next = true;
    let mut place = false;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let k = skel(w);
        let k = k.trim_matches(|c: char| !c.is_alphanumeric());
        if ACRONYMS.contains(&k) {
            out.push(w.to_string());
            cap_next = false;
            i += 1;
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
        if place || cap_next {
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
    }
}
