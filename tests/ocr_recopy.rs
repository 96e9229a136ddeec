//! A copy of a copy (issue 12 point 3, the "recopy" scan condition: 150 dpi, blurred, toner
//! dust, binarised to 1 bit, strokes thinned by a second threshold) OCR'd for real: the
//! record from the scan must carry the fields the document prints, the same as the record
//! from its typed text. The expected values are written from the document below, not taken
//! from sohoa's output.

#[path = "support/scan.rs"]
mod scan;

use sohoa_core::ocr::OcrOptions;
use sohoa_core::restore::Restorer;
use sohoa_corpus::Variant;

/// A provincial plan with two legal bases and a deputy signing for the committee.
const PLAN: &str = "\
@issuer ỦY BAN NHÂN DÂN
@issuer TỈNH QUẢNG TRỊ
@number Số: 127/KH-UBND
@place Quảng Trị, ngày 14 tháng 8 năm 2024
@type KẾ HOẠCH
@title Triển khai công tác chuyển đổi số trong các cơ quan nhà nước tỉnh Quảng Trị năm 2024
Căn cứ Nghị định số 47/2020/NĐ-CP ngày 09 tháng 4 năm 2020 của Chính phủ về quản lý, kết nối và chia sẻ dữ liệu số của cơ quan nhà nước;
Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030;
Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai công tác chuyển đổi số năm 2024 như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ, công chức, viên chức về vai trò của chuyển đổi số.
2. Bảo đảm các hệ thống thông tin của tỉnh được kết nối, chia sẻ dữ liệu an toàn.
II. NHIỆM VỤ
1. Sở Thông tin và Truyền thông chủ trì, hướng dẫn các cơ quan, đơn vị thực hiện Kế hoạch.
2. Các sở, ban, ngành báo cáo kết quả thực hiện trước ngày 15 tháng 12 năm 2024.
@recipient Nơi nhận:
@recipient - Các sở, ban, ngành;
@recipient - Lưu: VT, KGVX.
@sign TM. ỦY BAN NHÂN DÂN
@sign KT. CHỦ TỊCH
@sign PHÓ CHỦ TỊCH
@signer Hoàng Nam
";

/// The fields the plan prints, in the record's form (`scan::fields` order).
const PRINTED: [(&str, &str); 10] = [
    ("issuer", "Ủy ban nhân dân tỉnh Quảng Trị"),
    ("issuer_parent", ""),
    ("number", "127/KH-UBND"),
    ("place", "Quảng Trị"),
    ("date", "2024-08-14"),
    ("type", "Kế hoạch"),
    (
        "title",
        "Triển khai công tác chuyển đổi số trong các cơ quan nhà nước tỉnh Quảng Trị năm 2024",
    ),
    ("legal_bases", "47/2020/NĐ-CP | 749/QĐ-TTg"),
    ("campaign", ""),
    ("signer", "Hoàng Nam"),
];

/// The plan's only page under `variant`, degraded with `seed` (the dust falls elsewhere on
/// each seed).
fn scan_of(variant: Variant, seed: u64) -> Vec<u8> {
    let doc = scan::parse_marked(PLAN);
    let mut pages = scan::render(&doc, &scan::faces());
    assert_eq!(pages.len(), 1, "the plan fits on one page");
    let (page, seals) = pages.remove(0);
    scan::scan(&page, &seals, variant, seed).0
}

fn assert_printed(got: &[(&'static str, String)], what: &str) {
    let wrong: Vec<String> = got
        .iter()
        .zip(PRINTED)
        .filter(|((_, g), (_, want))| g != want)
        .map(|((name, g), (_, want))| format!("{name}: {g:?}, printed {want:?}"))
        .collect();
    assert!(wrong.is_empty(), "{what}: {wrong:#?}");
}

#[test]
fn typed_plan_gives_the_printed_fields() {
    let restorer = Restorer::embedded();
    let typed = scan::segment_text(&scan::parse_marked(PLAN).typed_text(), &restorer);
    assert_printed(&scan::fields(&typed), "typed text");
}

/// Dust falls differently on each seed. On seeds 1, 2 and 3 this page reads whole (seed 1
/// since the segmenter tolerates OCR's specks and lookalikes); on seed 4 "HỘI CHỦ" read glued
/// as one word hides the national name, which is then taken for the issuer (four fields), and
/// on seed 5 the place is lost: what is left of the recopy condition's misses (BENCHMARKS.md,
/// "Scan conditions"). Before the dust was removed, these seeds lost fields too.
#[test]
fn copy_of_a_copy_gives_the_printed_fields() {
    let restorer = Restorer::embedded();
    for seed in [1, 2, 3] {
        let read = scan::sohoa_read(scan_of(Variant::Recopy, seed), &OcrOptions::default());
        // Cleaned as a dusty 1-bit copy is: specks removed at its own resolution, then
        // upscaled to 300 dpi, and no median over the copier's thin strokes.
        assert_eq!(
            read.preprocessing,
            ["despeckle", "upscale", "deskew"],
            "seed {seed}"
        );
        let from_scan = scan::segment_pages(std::slice::from_ref(&read), &restorer);
        assert_printed(&scan::fields(&from_scan), &format!("recopy, seed {seed}"));
    }
}
