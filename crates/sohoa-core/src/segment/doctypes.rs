//! Document type names and their codes (Decree 30/2020/NĐ-CP, appendix III; Circular 01/2011).

use super::lines::skel;

/// (type code, full name) pairs.
pub const DOC_TYPES: &[(&str, &str)] = &[
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("QC", "Quy chế"),
    ("QyĐ", "Quy định"),
    ("TC", "Thông cáo"),
    ("TB", "Thông báo"),
    ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"),
    ("KH", "Kế hoạch"),
    ("PA", "Phương án"),
    ("ĐA", "Đề án"),
    ("DA", "Dự án"),
    ("BC", "Báo cáo"),
    ("BB", "Biên bản"),
    ("TTr", "Tờ trình"),
    ("HĐ", "Hợp đồng"),
    ("CĐ", "Công điện"),
    ("BGN", "Bản ghi nhớ"),
    ("BTT", "Bản thỏa thuận"),
    ("GUQ", "Giấy ủy quyền"),
    ("GM", "Giấy mời"),
    ("GGT", "Giấy giới thiệu"),
    ("GNP", "Giấy nghỉ phép"),
    ("KL", "Kết luận"),
];

/// Types cited in legal bases that carry no type code of their own.
pub const CITED_ONLY: &[&str] = &[
    "Luật",
    "Bộ luật",
    "Nghị định",
    "Thông tư",
    "Thông tư liên tịch",
    "Công văn",
    "Pháp lệnh",
    "Hiến pháp",
];

/// The full name for a type code ("KH" → "Kế hoạch"), compared on skeletons.
pub fn name_for_code(code: &str) -> Option<&'static str> {
    let k = skel(code);
    DOC_TYPES
        .iter()
        .find(|(c, _)| skel(c) == k)
        .map(|&(_, name)| name)
}

/// The full name whose skeleton equals `s` ("KẾ HOẠCH" → "Kế hoạch").
pub fn name_for_heading(s: &str) -> Option<&'static str> {
    let k = skel(s.trim().trim_end_matches([':', '.']));
    DOC_TYPES
        .iter()
        .map(|&(_, name)| name)
        .chain(CITED_ONLY.iter().copied())
        .find(|name| skel(name) == k)
}

/// Every cited type name, longest first so "Thông tư liên tịch" wins over "Thông tư".
pub fn cited_names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = DOC_TYPES
        .iter()
        .map(|&(_, n)| n)
        .chain(CITED_ONLY.iter().copied())
        .collect();
    v.sort_by_key(|n| std::cmp::Reverse(n.len()));
    v
}
