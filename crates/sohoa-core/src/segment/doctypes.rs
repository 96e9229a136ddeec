//! Document kinds, their names and type codes.
//!
//! Sources: Decree 30/2020/NĐ-CP, appendix III (administrative documents and their codes);
//! Circular 01/2011/TT-BNV for the older codes; Guidance 36-HD/VPTW (2018) for the Party's
//! "Kết luận" (KL); Law 80/2015/QH13 for the legal normative documents that administrative
//! documents cite (Nghị định "NĐ", Thông tư "TT", Thông tư liên tịch "TTLT" in their symbols).

use super::lines::skel;
use super::model::DocKind;

/// One kind: its type code (if it has one), full name and serialised key.
struct Entry {
    code: Option<&'static str>,
    name: &'static str,
    kind: DocKind,
    key: &'static str,
}

const fn e(code: &'static str, name: &'static str, kind: DocKind, key: &'static str) -> Entry {
    Entry {
        code: Some(code),
        name,
        kind,
        key,
    }
}

const fn n(name: &'static str, kind: DocKind, key: &'static str) -> Entry {
    Entry {
        code: None,
        name,
        kind,
        key,
    }
}

use DocKind as K;

/// Every kind, coded ones first (Decree 30 appendix III order).
const KINDS: &[Entry] = &[
    e("NQ", "Nghị quyết", K::NghiQuyet, "nghi_quyet"),
    e("QĐ", "Quyết định", K::QuyetDinh, "quyet_dinh"),
    e("CT", "Chỉ thị", K::ChiThi, "chi_thi"),
    e("QC", "Quy chế", K::QuyChe, "quy_che"),
    e("QyĐ", "Quy định", K::QuyDinh, "quy_dinh"),
    e("TC", "Thông cáo", K::ThongCao, "thong_cao"),
    e("TB", "Thông báo", K::ThongBao, "thong_bao"),
    e("HD", "Hướng dẫn", K::HuongDan, "huong_dan"),
    e("CTr", "Chương trình", K::ChuongTrinh, "chuong_trinh"),
    e("KH", "Kế hoạch", K::KeHoach, "ke_hoach"),
    e("PA", "Phương án", K::PhuongAn, "phuong_an"),
    e("ĐA", "Đề án", K::DeAn, "de_an"),
    e("DA", "Dự án", K::DuAn, "du_an"),
    e("BC", "Báo cáo", K::BaoCao, "bao_cao"),
    e("BB", "Biên bản", K::BienBan, "bien_ban"),
    e("TTr", "Tờ trình", K::ToTrinh, "to_trinh"),
    e("HĐ", "Hợp đồng", K::HopDong, "hop_dong"),
    e("CĐ", "Công điện", K::CongDien, "cong_dien"),
    e("BGN", "Bản ghi nhớ", K::BanGhiNho, "ban_ghi_nho"),
    e("BTT", "Bản thỏa thuận", K::BanThoaThuan, "ban_thoa_thuan"),
    e("GUQ", "Giấy ủy quyền", K::GiayUyQuyen, "giay_uy_quyen"),
    e("GM", "Giấy mời", K::GiayMoi, "giay_moi"),
    e(
        "GGT",
        "Giấy giới thiệu",
        K::GiayGioiThieu,
        "giay_gioi_thieu",
    ),
    e("GNP", "Giấy nghỉ phép", K::GiayNghiPhep, "giay_nghi_phep"),
    e("PG", "Phiếu gửi", K::PhieuGui, "phieu_gui"),
    e("PC", "Phiếu chuyển", K::PhieuChuyen, "phieu_chuyen"),
    e("PB", "Phiếu báo", K::PhieuBao, "phieu_bao"),
    e("KL", "Kết luận", K::KetLuan, "ket_luan"),
    e("NĐ", "Nghị định", K::NghiDinh, "nghi_dinh"),
    e(
        "TTLT",
        "Thông tư liên tịch",
        K::ThongTuLienTich,
        "thong_tu_lien_tich",
    ),
    e("TT", "Thông tư", K::ThongTu, "thong_tu"),
    n("Công văn", K::CongVan, "cong_van"),
    n("Luật", K::Luat, "luat"),
    n("Bộ luật", K::BoLuat, "bo_luat"),
    n("Pháp lệnh", K::PhapLenh, "phap_lenh"),
    n("Hiến pháp", K::HienPhap, "hien_phap"),
];

fn entry(kind: DocKind) -> &'static Entry {
    KINDS
        .iter()
        .find(|e| e.kind == kind)
        .expect("every kind has an entry")
}

/// The serialised key of a kind ("ke_hoach").
pub fn key(kind: DocKind) -> &'static str {
    entry(kind).key
}

/// The full name of a kind ("Kế hoạch").
pub fn name(kind: DocKind) -> &'static str {
    entry(kind).name
}

/// The kind whose type code is `code` ("KH", "kh", "QD" for "QĐ"), compared on skeletons.
pub fn kind_for_code(code: &str) -> Option<DocKind> {
    let k = skel(code);
    KINDS
        .iter()
        .find(|e| e.code.is_some_and(|c| skel(c) == k))
        .map(|e| e.kind)
}

/// The type code of a kind ("QĐ" for a Quyết định), if the decree gives it one.
pub fn code(kind: DocKind) -> Option<&'static str> {
    entry(kind).code
}

/// The decree's spelling of a type code written in other capitals ("TTR" → "TTr").
pub fn canonical_code(code: &str) -> Option<&'static str> {
    let k = skel(code);
    KINDS.iter().find_map(|e| e.code.filter(|c| skel(c) == k))
}

/// The kind whose name `s` is ("KẾ HOẠCH", "Quyết định:", "K Ế T L U Ậ N"), compared on
/// skeletons without spaces, because headers letter-space their capitals for display.
pub fn kind_for_heading(s: &str) -> Option<DocKind> {
    // A speck OCR read before the heading ("-BÁO CÁO") is no part of it.
    let s = s.trim().trim_start_matches(super::ocr::is_speck);
    // A speck glued between its words ("CHỈ:THỊ", "KẾ.HOẠCH") is no part of it either: a type
    // name is letters only.
    let k: String = skel(s.trim().trim_end_matches([':', '.']))
        .chars()
        .filter(|&c| !c.is_whitespace() && !super::ocr::is_speck(c) && c != ':')
        .collect();
    if k.is_empty() {
        return None;
    }
    KINDS
        .iter()
        .find(|e| {
            let n: String = skel(e.name)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            n == k
        })
        .map(|e| e.kind)
}

/// The kind named by `name` ("Kế hoạch").
pub fn kind_for_name(name: &str) -> Option<DocKind> {
    let k = skel(name);
    KINDS.iter().find(|e| skel(e.name) == k).map(|e| e.kind)
}

/// Every kind's name, longest first so "Thông tư liên tịch" wins over "Thông tư".
pub fn cited_names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = KINDS.iter().map(|e| e.name).collect();
    v.sort_by_key(|n| std::cmp::Reverse(n.len()));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_names_and_keys() {
        assert_eq!(kind_for_code("QD"), Some(DocKind::QuyetDinh));
        assert_eq!(canonical_code("TTG"), None);
        assert_eq!(canonical_code("TTR"), Some("TTr"));
        assert_eq!(kind_for_heading("K ÉT LUẬN"), Some(DocKind::KetLuan));
        assert_eq!(kind_for_heading("Quyết định"), Some(DocKind::QuyetDinh));
        assert_eq!(kind_for_heading("CHỈ THỊ"), Some(DocKind::ChiThi));
        assert_eq!(kind_for_heading("-BÁO CÁO"), Some(DocKind::BaoCao));
        assert_eq!(key(DocKind::CongVan), "cong_van");
        for e in KINDS {
            let json = serde_json::to_string(&e.kind).expect("serialises");
            assert_eq!(json, format!("\"{}\"", e.key), "{}", e.name);
        }
    }
}
