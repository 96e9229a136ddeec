//! The general rules segmentation follows on real copies, each on a small made-up document
//! written for the rule (not copied from any sample): openings cut before the numbered parts,
//! proposals after the bases, dashes and glued words of web copies, and the blank lines, case
//! slips and stray marks of OCR text.

use sohoa_core::segment::segment;

fn numbers(text: &str) -> Vec<String> {
    segment(text)
        .legal_bases
        .into_iter()
        .filter_map(|b| b.number)
        .collect()
}

#[test]
fn bases_of_an_opening_cut_before_its_numbered_parts_are_read() {
    // A web copy of a plan's first page, or a letter without numbered parts: no "I." follows.
    let text = "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 12/KH-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\n\
                KẾ HOẠCH\nCHUYỂN ĐỔI SỐ NĂM 2024\n\
                Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về khoa học;\n\
                Căn cứ Quyết định số 1929/QĐ-UBND ngày 01/8/2022 của Ủy ban nhân dân tỉnh về\n\
                chuyển đổi số.\n\
                Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n\
                Mục tiêu chung là nâng cao năng lực số.";
    assert_eq!(numbers(text), ["57-NQ/TW", "1929/QĐ-UBND"]);
}

#[test]
fn a_decisions_authority_line_does_not_hide_its_bases() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 7/QĐ-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\n\
                QUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ\n\nỦY BAN NHÂN DÂN TỈNH\n\n\
                Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n\
                Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;";
    assert_eq!(numbers(text), ["30/2020/NĐ-CP"]);
}

#[test]
fn a_proposal_after_the_bases_is_not_a_basis_but_a_list_item_is() {
    let text = "QUYẾT ĐỊNH\nVỀ VIỆC KHEN THƯỞNG\n\
                Căn cứ Nghị quyết số 5-NQ/TW ngày 1/2/2020 của Bộ Chính trị;\n\
                Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;\n\
                Theo đề nghị của Sở Nội vụ tại Tờ trình số 12/TTr-SNV ngày 2/3/2021, Công văn\n\
                số 31/SNV-TĐKT ngày 3/3/2021.\n\
                QUYẾT ĐỊNH:\nĐiều 1. Khen thưởng.";
    assert_eq!(numbers(text), ["5-NQ/TW", "749/QĐ-TTg"]);
}

#[test]
fn a_dash_typed_as_an_en_dash_is_the_hyphen_of_the_number() {
    let text = "TỜ TRÌNH\nVỀ VIỆC CÔNG NHẬN\n\
                Căn cứ Kế hoạch số 150/KH – BCĐ ngày 09 tháng 01 năm 2014 của Ban chỉ đạo;";
    assert_eq!(numbers(text), ["150/KH-BCĐ"]);
}

#[test]
fn a_date_glued_to_its_words_is_read() {
    let s = segment(
        "BỘ TÀI CHÍNH\nSố: 9/2023/TT-BTC\nHà Nội, ngày29 tháng12 năm 2023\nTHÔNG TƯ\nQUY ĐỊNH",
    );
    assert_eq!(s.header.date.as_deref(), Some("2023-12-29"));
    let text = "KẾ HOẠCH\nTHI ĐUA\nCăn cứ Luật Thi đua, khen thưởng ngày 16tháng6 năm 2022;";
    let s = segment(text);
    assert_eq!(s.legal_bases.len(), 1, "{:?}", s.legal_bases);
    assert_eq!(s.legal_bases[0].date.as_deref(), Some("2022-06-16"));
}

#[test]
fn a_header_in_capitals_with_one_letter_in_the_wrong_case_is_still_the_issuer() {
    // OCR and restoration slip on the case of a letter ("Ủy" in a line of capitals).
    let s = segment(
        "Ủy BAN NHÂN DÂN\nTỈNH AN PHÚ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Số: 12/KH-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\nKẾ HOẠCH\nTHI ĐUA\nI. MỤC ĐÍCH",
    );
    assert_eq!(
        s.header.issuer.as_deref(),
        Some("Ủy ban nhân dân tỉnh An Phú")
    );
    // Running text in sentence case is not capitals, even with a capital name in it.
    let s = segment("KẾ HOẠCH\nVề việc tổ chức Hội thi ở UBND TỈNH\nI. MỤC ĐÍCH");
    assert_eq!(
        s.header.title.as_deref(),
        Some("Về việc tổ chức Hội thi ở UBND TỈNH")
    );
}

#[test]
fn ocr_blank_lines_inside_a_basis_and_a_subject_do_not_cut_them() {
    // Tesseract and old OCR put a blank line between the lines of one block.
    let text = "KẾ HOẠCH\n\nGIÁM SÁT THỰC HIỆN CHƯƠNG TRÌNH\n\nGIẢM NGHÈO NĂM 2023\n\n\
                Thực hiện Nghị định số\n\n27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ;\n\n\
                I. MỤC ĐÍCH";
    let s = segment(text);
    assert_eq!(
        s.header.title.as_deref(),
        Some("GIÁM SÁT THỰC HIỆN CHƯƠNG TRÌNH GIẢM NGHÈO NĂM 2023")
    );
    assert_eq!(numbers(text), ["27/2022/NĐ-CP"]);
}

#[test]
fn scan_noise_between_words_and_ocr_readings_of_so_are_tolerated() {
    // An apostrophe where a space was, and "số" read as "$6" by an OCR without marks.
    let text = "KẾ HOẠCH\nTHI ĐUA\n\
                Căn cứ Thông tư’số 10/2022/TT-BLĐTBXH ngày 31/5/2022 của Bộ Lao động;\n\
                Căn cứ Quyết định $6 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ;\n\
                I. MỤC ĐÍCH";
    assert_eq!(numbers(text), ["10/2022/TT-BLĐTBXH", "90/QĐ-TTg"]);
}

#[test]
fn a_national_name_with_one_word_damaged_by_ocr_is_not_taken_for_the_issuer() {
    // The two header columns read one under the other, "HỘI" read as "HOL" and the motto's
    // second dash as "x": the national name and motto are still furniture, not the issuer.
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\n\n|\n\nCỘNG HÒA XÃ HOL\n\nCHỦ NGHĨA VIỆT NAM\n\
         Độc lập - Tự do x Hạnh phúc\nSố: 12/KH-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\n\
         KẾ HOẠCH\nCHUYỂN ĐỔI SỐ NĂM 2024",
    );
    let h = s.header;
    assert_eq!(h.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh An Phú"));
    assert_eq!(h.issuer_parent, None);
    assert!(h.motto);
    // Two damaged words are not the national name: nothing is cut out as if it were.
    let s = segment("ỦY BAN NHÂN DÂN\nCỘNG HOL XÃ HOL\nKẾ HOẠCH\nA");
    assert!(!s.header.motto);
}

#[test]
fn the_table_rule_read_as_i_before_the_place_is_not_part_of_it() {
    let s = segment("ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 12/KH-UBND\nI An Phú, ngày 3 tháng 4 năm 2024\nKẾ HOẠCH\nA");
    assert_eq!(s.header.place.as_deref(), Some("An Phú"));
}

#[test]
fn a_basis_whose_opening_words_ocr_damaged_is_still_read_by_its_citation() {
    let text = "QUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ\n\
                Cari clr Nghị định số 45/2010/NĐ-CP ngày 21/4/2010 của Chính phủ về hội;\n\
                Cần ett Chỉ thị số 37-CT/TW ngày 03/9/2019 của Ban Bí thư;\n\
                Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 623/TTr-SNV ngày 04/11/2010;\n\
                Ban hành Quyết định số 12/QĐ-UBND ngày 1/2/2010 như sau:\n\
                QUYẾT ĐỊNH:\nĐiều 1. Ban hành.";
    // A proposal ("Theo đề nghị") cites a document too, but does not open like "Căn cứ"; nor
    // does a sentence whose first word is far from "căn".
    assert_eq!(numbers(text), ["45/2010/NĐ-CP", "37-CT/TW"]);
}
