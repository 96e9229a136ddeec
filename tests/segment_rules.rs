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
fn a_stop_read_after_a_preposition_does_not_end_the_bases() {
    // A copy's speck after "của" at a line's end, before a capitalised body name: the sentence
    // goes on, and so do the bases after it.
    let text = "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 12/KH-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\n\
                KẾ HOẠCH\nCHUYỂN ĐỔI SỐ NĂM 2024\n\
                Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ thực hiện Nghị quyết của.\n\
                Bộ Chính trị về khoa học;\n\
                Căn cứ-Quyết định số 1929/QĐ-UBND ngày 01/8/2022 của Ủy ban nhân dân tỉnh;\n\
                Căn cứ Công văn số 55/BKHCN-CĐS ngày 10/10/2025 của Bộ Khoa học và Công nghệ.\n\
                Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n\
                Mục tiêu chung là nâng cao năng lực số.";
    assert_eq!(numbers(text), ["71/NQ-CP", "1929/QĐ-UBND", "55/BKHCN-CĐS"]);
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

// OCR damage on copied pages (issue 12 point 3): the kinds of misreading Tesseract makes on a
// thinned, dusty copy, each tolerated where the decree's grammar leaves no doubt.

#[test]
fn a_speck_between_the_number_label_and_the_number_is_not_part_of_it() {
    for read in [
        "Số:,45/QĐ-UBND",
        "Số: .45/QĐ-UBND",
        "Số: - 45/QĐ-UBND",
        "Số:'45/QĐ-UBND",
    ] {
        let s = segment(&format!(
            "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\n{read}\nAn Phú, ngày 3 tháng 4 năm 2024\n\
             QUYẾT ĐỊNH\nVề việc khen thưởng"
        ));
        assert_eq!(s.header.number.as_deref(), Some("45/QĐ-UBND"), "{read}");
    }
}

#[test]
fn a_one_read_as_a_stroke_in_a_date_or_serial_number_is_a_one() {
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: I27/KH-UBND\nAn Phú, ngày I1 tháng l2 năm 2024\n\
         KẾ HOẠCH\nThi đua",
    );
    assert_eq!(s.header.number.as_deref(), Some("127/KH-UBND"));
    assert_eq!(s.header.date.as_deref(), Some("2024-12-11"));
    assert_eq!(s.header.place.as_deref(), Some("An Phú"));
    let text = "KẾ HOẠCH\nThi đua\n\
                Căn cứ Nghị quyết số !52/2019/NQ-HĐND ngày 5/7/2019 của Hội đồng nhân dân tỉnh;\n\
                I. MỤC ĐÍCH";
    assert_eq!(numbers(text), ["152/2019/NQ-HĐND"]);
    // Words stay words: a stroke alone is no day, and "ngày lễ" no date.
    let s = segment("KẾ HOẠCH\nThi đua\nAn Phú, ngày I tháng 4 năm 2024");
    assert_eq!(s.header.date, None);
}

#[test]
fn a_type_code_with_one_lookalike_letter_is_the_code_of_the_type_named_beside_it() {
    let text = "QUYẾT ĐỊNH\nVề việc khen thưởng\n\
                Căn cứ Quyết định số 811/QB-UBND ngày 2/3/2021 của Ủy ban nhân dân tỉnh;\n\
                Căn cứ Kế hoạch số 90/KB-UBND ngày 4/5/2021 của Ủy ban nhân dân tỉnh;\n\
                Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị;\n\
                Điều 1. Khen thưởng.";
    // "QB" is "QĐ" with its bar lost; "KB" is no lookalike of "KH" and stays as read.
    assert_eq!(numbers(text), ["811/QĐ-UBND", "90/KB-UBND", "05-CT/TW"]);
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 12/Q8-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\n\
         QUYẾT ĐỊNH\nVề việc khen thưởng",
    );
    assert_eq!(s.header.number.as_deref(), Some("12/QĐ-UBND"));
    assert_eq!(s.header.type_code.as_deref(), Some("QĐ"));
}

#[test]
fn the_issuers_code_misread_by_one_letter_is_mended_from_the_issuers_name() {
    let header = |number: &str| {
        segment(&format!(
            "UBND TỈNH AN PHÚ\nSỞ VĂN HÓA VÀ THỂ THAO\n{number}\nAn Phú, ngày 3 tháng 4 năm 2024\n\
             HƯỚNG DẪN\nVề việc tổ chức hội thao"
        ))
        .header
    };
    // The code is the initials of the body's name without "và": S V H T T.
    let h = header("Số: 7/HD-SVHTI");
    assert_eq!(h.issuer.as_deref(), Some("Sở Văn hóa và Thể thao"));
    assert_eq!(h.number.as_deref(), Some("7/HD-SVHTT"));
    assert_eq!(h.issuer_code.as_deref(), Some("SVHTT"));
    // With a unit after it, the body's part is mended and the unit kept.
    assert_eq!(
        header("Số: 7/SVHTI-VP").number.as_deref(),
        Some("7/SVHTT-VP")
    );
    // A code that is not the name's initials misread is left as printed.
    assert_eq!(header("Số: 7/HD-VHTT").number.as_deref(), Some("7/HD-VHTT"));
    assert_eq!(
        header("Số: 7/HD-SVHXX").number.as_deref(),
        Some("7/HD-SVHXX")
    );
}

#[test]
fn a_speck_glued_into_a_word_gap_of_the_header_is_a_space() {
    let s = segment(
        "UBND TỈNH-AN PHÚ\nSỞ NỘI VỤ\nSố: 7/SNV-TĐKT\nAn Phú, ngày 3 tháng 4 năm 2024\n\
         V/v khen thưởng năm.Giáp Thìn\nKính gửi: Các sở",
    );
    assert_eq!(s.header.issuer_parent.as_deref(), Some("UBND tỉnh An Phú"));
    assert_eq!(s.header.title.as_deref(), Some("khen thưởng năm Giáp Thìn"));
    // A place name's own hyphen and an abbreviation's dot stay.
    let s = segment(
        "UBND TỈNH PHAN RANG-THÁP CHÀM\nSỞ NỘI VỤ\nSố: 7/SNV-TĐKT\n\
         V/v khen thưởng tại TP.HCM\nKính gửi: Các sở",
    );
    // (Compared in lower case: how a hyphenated name is cased is not this rule's matter.)
    assert_eq!(
        s.header.issuer_parent.map(|p| p.to_lowercase()).as_deref(),
        Some("ubnd tỉnh phan rang-tháp chàm")
    );
    assert_eq!(s.header.title.as_deref(), Some("khen thưởng tại TP.HCM"));
}

#[test]
fn a_basis_listed_with_a_dash_or_a_speck_before_it_is_a_basis() {
    let text = "HƯỚNG DẪN\nVề việc tổ chức lễ hội năm 2024\n\
                - Thực hiện Nghị quyết số 12/2020/NQ-HĐND ngày 2/4/2020 của Hội đồng nhân dân tỉnh;\n\
                Sở Văn hóa hướng dẫn như sau:\nI. MỤC ĐÍCH";
    let s = segment(text);
    assert_eq!(
        s.header.title.as_deref(),
        Some("Về việc tổ chức lễ hội năm 2024")
    );
    assert_eq!(numbers(text), ["12/2020/NQ-HĐND"]);
}

#[test]
fn a_speck_read_as_a_dash_before_the_date_word_does_not_join_the_number() {
    let text = "KẾ HOẠCH\nVề thi đua\n\
                Căn cứ Nghị định số 98/2023/NĐ-CP -ngày 31/12/2023 của Chính phủ;\n\
                Căn cứ Kế hoạch số 150/KH – BCĐ ngày 09/01/2014 của Ban chỉ đạo;\nI. MỤC ĐÍCH";
    let s = segment(text);
    let n: Vec<_> = s
        .legal_bases
        .iter()
        .map(|b| (b.number.clone(), b.date.clone()))
        .collect();
    assert_eq!(
        n,
        [
            (Some("98/2023/NĐ-CP".into()), Some("2023-12-31".into())),
            (Some("150/KH-BCĐ".into()), Some("2014-01-09".into()))
        ]
    );
}

#[test]
fn a_body_name_wrapped_before_va_is_one_name() {
    // The header cell is narrow: "SỞ VĂN HÓA, THỂ THAO" / "VÀ DU LỊCH" is one body.
    let s = segment(
        "UBND TỈNH AN PHÚ\nSỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH\nSố: 7/HD-SVHTTDL\n\
         An Phú, ngày 3 tháng 4 năm 2024\nHƯỚNG DẪN\nVề việc tổ chức lễ hội",
    );
    assert_eq!(
        s.header.issuer.as_deref(),
        Some("Sở Văn hóa, Thể thao và Du lịch")
    );
    assert_eq!(s.header.issuer_parent.as_deref(), Some("UBND tỉnh An Phú"));
}

#[test]
fn the_number_labels_colon_read_as_a_semicolon_is_the_label() {
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố; 42/KH-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\n\
         KẾ HOẠCH\nCHUYỂN ĐỔI SỐ",
    );
    assert_eq!(s.header.number.as_deref(), Some("42/KH-UBND"));
    assert_eq!(s.header.type_code.as_deref(), Some("KH"));
}

#[test]
fn a_hyphenated_place_name_is_one_name_in_the_issuer() {
    // A place name made of two joined names keeps its hyphen and each part its capital.
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ PHAN RANG-THÁP CHÀM\nSố: 8/KH-UBND\n\
         Phan Rang-Tháp Chàm, ngày 2 tháng 3 năm 2024\nKẾ HOẠCH\nCHUYỂN ĐỔI SỐ",
    );
    assert_eq!(
        s.header.issuer.as_deref(),
        Some("Ủy ban nhân dân thành phố Phan Rang-Tháp Chàm")
    );
    assert_eq!(s.header.place.as_deref(), Some("Phan Rang-Tháp Chàm"));
}

#[test]
fn a_dash_in_one_of_the_two_spellings_of_the_headers_place_is_a_speck() {
    // The issuer's name and the place line name the same province; OCR glued a dash into a
    // word gap of the capital line only.
    let s = segment(
        "TỈNH ỦY BẮC HÒA-AN\nSố 12-KL/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n\
         Bắc Hòa An, ngày 13 tháng 5 năm 2022\nKẾT LUẬN\nvề xây dựng hạ tầng",
    );
    assert_eq!(s.header.issuer.as_deref(), Some("Tỉnh ủy Bắc Hòa An"));
    assert_eq!(s.header.place.as_deref(), Some("Bắc Hòa An"));
}

#[test]
fn the_prime_minister_is_spelled_as_the_constitution_does_through_specks() {
    for line in ["THỦ TƯỚNG CHÍNH PHỦ", "THỦ TƯỚNG-CHÍNH.PHỦ"] {
        let s = segment(&format!(
            "{line}\nSố: 5/QĐ-TTg\nHà Nội, ngày 2 tháng 2 năm 2020\nQUYẾT ĐỊNH\nVề việc khen thưởng"
        ));
        assert_eq!(
            s.header.issuer.as_deref(),
            Some("Thủ tướng Chính phủ"),
            "{line}"
        );
    }
}

#[test]
fn a_sentence_case_subject_ends_where_the_body_starts_a_sentence() {
    // No blank line between the subject and the body: the body's first sentence starts on a
    // line of its own with a capital, and the text taken holds a sentence end.
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 18/CT-UBND\nAn Phú, ngày 3 tháng 4 năm 2025\n\
         CHỈ THỊ\nTăng cường kỷ luật hành chính trên địa bàn\ntỉnh An Phú năm 2025\n\
         Tỉnh An Phú đã sắp xếp bộ máy từ ngày 01/7/2025. Sự thay đổi này đòi hỏi\n\
         các cơ quan thích ứng nhanh.",
    );
    assert_eq!(
        s.header.title.as_deref(),
        Some("Tăng cường kỷ luật hành chính trên địa bàn tỉnh An Phú năm 2025")
    );
    // A subject whose own line starts with a name, and no sentence end: kept whole.
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 19/TTr-UBND\nAn Phú, ngày 3 tháng 4 năm 2025\n\
         TỜ TRÌNH\nVề việc đề nghị công nhận\nThị trấn Phú Mỹ đạt chuẩn phổ cập giáo dục\n\
         Kính gửi: Sở Giáo dục và Đào tạo",
    );
    assert_eq!(
        s.header.title.as_deref(),
        Some("Về việc đề nghị công nhận Thị trấn Phú Mỹ đạt chuẩn phổ cập giáo dục")
    );
}

#[test]
fn a_date_with_a_misread_vowel_in_thang_or_a_full_stop_after_the_place_is_read() {
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 7/KH-UBND\nAn Phú. ngày 25 thúng 4 năm 2024\n\
         KẾ HOẠCH\nCHUYỂN ĐỔI SỐ",
    );
    assert_eq!(s.header.place.as_deref(), Some("An Phú"));
    assert_eq!(s.header.date.as_deref(), Some("2024-04-25"));
}

#[test]
fn a_dash_or_full_stop_glued_between_the_lower_case_words_of_a_subject_is_a_speck() {
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 3/KH-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\n\
         KẾ HOẠCH\nChuyển đổi số-trong các cơ quan nhà nước. tỉnh An Phú giai đoạn 2024-2025",
    );
    assert_eq!(
        s.header.title.as_deref(),
        Some("Chuyển đổi số trong các cơ quan nhà nước tỉnh An Phú giai đoạn 2024-2025")
    );
}

#[test]
fn a_date_the_calendar_rejects_is_read_through_one_misread_digit() {
    // No month has a day 35, and no document is dated 2624: one digit read as its lookalike.
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 7/KH-UBND\nAn Phú, ngày 35 tháng 4 năm 2024\n\
         KẾ HOẠCH\nCHUYỂN ĐỔI SỐ",
    );
    assert_eq!(s.header.date.as_deref(), Some("2024-04-25"));
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 7/KH-UBND\nAn Phú, ngày 13 tháng {2 năm 2624\n\
         KẾ HOẠCH\nCHUYỂN ĐỔI SỐ",
    );
    assert_eq!(s.header.date.as_deref(), Some("2024-12-13"));
    // Two readings are real days (28, 30): nothing is guessed.
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 7/KH-UBND\nAn Phú, ngày 38 tháng 4 năm 2024\n\
         KẾ HOẠCH\nCHUYỂN ĐỔI SỐ",
    );
    assert_eq!(s.header.date, None);
    assert_eq!(s.header.place.as_deref(), Some("An Phú"));
}

#[test]
fn a_place_is_read_when_its_date_is_not() {
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 7/KH-UBND\nAn Phú, ngày 22 tháng 02 năm 20 FI\n\
         KẾ HOẠCH\nCHUYỂN ĐỔI SỐ",
    );
    assert_eq!(s.header.place.as_deref(), Some("An Phú"));
    assert_eq!(s.header.date, None);
}

#[test]
fn a_place_read_two_ways_in_the_header_is_spelled_as_the_document_writes_it_most() {
    // The place line misread; the issuer and the subject name the province alike.
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 7/KH-UBND\nAn Phù, ngày 3 tháng 4 năm 2024\n\
         KẾ HOẠCH\nChuyển đổi số trên địa bàn tỉnh An Phú",
    );
    assert_eq!(s.header.place.as_deref(), Some("An Phú"));
    // The issuer's line misread; the place line and the subject agree.
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHỦ\nSố: 7/KH-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\n\
         KẾ HOẠCH\nChuyển đổi số trên địa bàn tỉnh An Phú",
    );
    assert_eq!(
        s.header.issuer.as_deref(),
        Some("Ủy ban nhân dân tỉnh An Phú")
    );
    // One spelling each: the one that names a unit of the gazetteer (An Phú, a district of An
    // Giang) is the name.
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHỦ\nSố: 7/KH-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\n\
         KẾ HOẠCH\nCHUYỂN ĐỔI SỐ",
    );
    assert_eq!(s.header.place.as_deref(), Some("An Phú"));
    assert_eq!(
        s.header.issuer.as_deref(),
        Some("Ủy ban nhân dân tỉnh An Phú")
    );
    // One spelling each and neither names a unit (Hòa Vân, Hòa Văn): nothing to go by.
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH HÒA VĂN\nSố: 7/KH-UBND\nHòa Vân, ngày 3 tháng 4 năm 2024\n\
         KẾ HOẠCH\nCHUYỂN ĐỔI SỐ",
    );
    assert_eq!(s.header.place.as_deref(), Some("Hòa Vân"));
    assert_eq!(
        s.header.issuer.as_deref(),
        Some("Ủy ban nhân dân tỉnh Hòa Văn")
    );
}

#[test]
fn specks_before_a_type_line_a_basis_or_a_subject_are_passed_over() {
    let s = segment(
        "PHÒNG GD&ĐT AN PHÚ\nTRƯỜNG THCS AN BÌNH\n-BÁO CÁO\n\
         Kết quả công tác thi đua năm học 2023-2024\nI. ĐẶC ĐIỂM",
    );
    assert_eq!(s.header.doc_type.as_deref(), Some("Báo cáo"));
    assert_eq!(
        s.header.title.as_deref(),
        Some("Kết quả công tác thi đua năm học 2023-2024")
    );
    // The right column read after the type line, and a speck line, before the subject.
    let s = segment(
        "PHÒNG GD&ĐT AN PHÚ\nTRƯỜNG THCS AN BÌNH\nBÁO CÁO\n\
         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n'\n\
         Kết quả công tác thi đua năm học 2023-2024\nI. ĐẶC ĐIỂM",
    );
    assert_eq!(
        s.header.title.as_deref(),
        Some("Kết quả công tác thi đua năm học 2023-2024")
    );
    let text = "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 7/KH-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\n\
                KẾ HOẠCH\nChuyển đổi số\n\
                'Thực hiện Nghị quyết số 12/2023/NQ-HĐND ngày 20/4/2023 của Hội đồng nhân dân tỉnh;\n\
                I. MỤC ĐÍCH";
    assert_eq!(numbers(text), ["12/2023/NQ-HĐND"]);
    assert_eq!(segment(text).header.title.as_deref(), Some("Chuyển đổi số"));
}

#[test]
fn a_slash_read_as_seven_and_a_year_no_document_carries_are_mended() {
    let s = segment(
        "UBND TỈNH AN PHÚ\nSỞ NỘI VỤ\nSố: 2157SNV-TĐKT\nV¿v hướng dẫn xét tặng danh hiệu\n\
         An Phú, ngày 6 tháng 11 năm 2024\nKính gửi: Các sở, ban, ngành",
    );
    assert_eq!(s.header.number.as_deref(), Some("215/SNV-TĐKT"));
    assert_eq!(s.header.doc_type.as_deref(), Some("Công văn"));
    assert_eq!(
        s.header.title.as_deref(),
        Some("hướng dẫn xét tặng danh hiệu")
    );
    let text = "KẾ HOẠCH\nChuyển đổi số\n\
                Căn cứ Kế hoạch số 185-KH7TU ngày 3/3/2020 của Tỉnh ủy;\n\
                Căn cứ Thông tư số 10/3022/TT-BLĐTBXH ngày 25/5/2022 của Bộ Lao động;\n\
                I. MỤC ĐÍCH";
    assert_eq!(numbers(text), ["185-KH/TU", "10/2022/TT-BLĐTBXH"]);
}

#[test]
fn an_issuer_code_with_the_bar_of_d_added_is_the_names_initials() {
    let s = segment(
        "UBND TỈNH AN PHÚ\nSỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH\nSố: 02/HD-SVHTTĐL\n\
         An Phú, ngày 12 tháng 01 năm 2017\nHƯỚNG DẪN\nTổ chức lễ hội",
    );
    assert_eq!(s.header.number.as_deref(), Some("02/HD-SVHTTDL"));
}

#[test]
fn specks_and_split_letters_in_the_issuers_lines_are_undone() {
    // A speck before the line, a damaged level word (a vowel with two marks read twice).
    let s = segment(
        ".ỦY BAN NHÂN DÂN\nTHÀNH PHỔÔ AN PHÚ\nSố: 7/KH-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\n\
         KẾ HOẠCH\nCHUYỂN ĐỔI SỐ",
    );
    assert_eq!(
        s.header.issuer.as_deref(),
        Some("Ủy ban nhân dân thành phố An Phú")
    );
    assert_eq!(s.header.issuer_parent, None);
    // "UBND" with its U split into two strokes; a speck glued after a comma.
    let s = segment(
        "LIBND TỈNH AN PHÚ\nSỞ VĂN HÓA,'THỂ THAO\nVÀ DU LỊCH\nSố: 02/HD-SVHTTDIL\n\
         An Phú, ngày 12 tháng 01 năm 2017\nHƯỚNG DẪN\nTổ chức lễ hội",
    );
    assert_eq!(s.header.issuer_parent.as_deref(), Some("UBND tỉnh An Phú"));
    assert_eq!(
        s.header.issuer.as_deref(),
        Some("Sở Văn hóa, Thể thao và Du lịch")
    );
    // An "I" added beside a letter of the issuer's code.
    assert_eq!(s.header.number.as_deref(), Some("02/HD-SVHTTDL"));
}

#[test]
fn specks_in_the_date_line_type_line_and_subject_are_passed_over() {
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 7/CT-UBND\nAn Phú,'ngày 29 tháng -12 năm-2025\n\
         CHỈ:THỊ\nTăng cường kỷ luật hành chính trên địa bàn tỉnh.\nI. MỤC ĐÍCH",
    );
    assert_eq!(s.header.place.as_deref(), Some("An Phú"));
    assert_eq!(s.header.date.as_deref(), Some("2025-12-29"));
    assert_eq!(s.header.doc_type.as_deref(), Some("Chỉ thị"));
    assert_eq!(
        s.header.title.as_deref(),
        Some("Tăng cường kỷ luật hành chính trên địa bàn tỉnh")
    );
    // A 0 read as Q, the m of "năm" read as two strokes, a dot glued into the place name.
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 7/KH-UBND\nAn.Phú, ngày 12 tháng Q1 nănr 2017\n\
         KẾ HOẠCH\nPhòng, chống tai nạn tại:cộng đồng năm 2017 -",
    );
    assert_eq!(s.header.place.as_deref(), Some("An Phú"));
    assert_eq!(s.header.date.as_deref(), Some("2017-01-12"));
    assert_eq!(
        s.header.title.as_deref(),
        Some("Phòng, chống tai nạn tại cộng đồng năm 2017")
    );
}

#[test]
fn symbols_read_through_specks_and_lost_letters() {
    // A colon for the hyphen between two codes; the Prime Minister's fixed code misread.
    let s = segment(
        "UBND TỈNH AN PHÚ\nSỞ NỘI VỤ\nSố: 215/SNV:TĐKT\nV/v hướng dẫn xét tặng danh hiệu\n\
         An Phú, ngày 6 tháng 11 năm 2024\nKính gửi: Các sở, ban, ngành",
    );
    assert_eq!(s.header.number.as_deref(), Some("215/SNV-TĐKT"));
    let s = segment(
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 263/QĐ-T'Fg\nHà Nội, ngày 22 tháng 02 năm 2011\n\
         QUYẾT ĐỊNH\nVề việc tặng thưởng Bằng khen\nChỉ thị số 37-CT/W của Ban Bí thư",
    );
    assert_eq!(s.header.number.as_deref(), Some("263/QĐ-TTg"));
    // W stands in a symbol only in "TW": a lone W lost its T, in a subject too.
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 7/KH-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\n\
         KẾ HOẠCH\nVề việc thực hiện Chỉ thị số 37-CT/W ngày 03/9/2019 của Ban Bí thư",
    );
    assert_eq!(
        s.header.title.as_deref(),
        Some("Về việc thực hiện Chỉ thị số 37-CT/TW ngày 03/9/2019 của Ban Bí thư")
    );
    let text = "KẾ HOẠCH\nChuyển đổi số\n\
                Căn cứ [Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;\n\
                Căn cứ Quyết định số 148/QĐ-T'Tg ngày 24/02/2023 của Thủ tướng Chính phủ;\n\
                -Căn cứ Quyết định số, 10401/QĐ-UBND ngày 05/12/2011 của UBND tỉnh;\n\
                \"Thực hiện Chỉ thị số 37-CT/W ngày 03/9/2019 của Ban Bí thư;\n\
                I. MỤC ĐÍCH";
    assert_eq!(
        numbers(text),
        ["06/2022/QH15", "148/QĐ-TTg", "10401/QĐ-UBND", "37-CT/TW"]
    );
    // A law amending another, cited with a date whose month a speck touches, is its own item.
    let s = segment(
        "QUYẾT ĐỊNH\nVề việc khen thưởng\n\
         Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003 và Luật Sửa đổi, bổ sung một\n\
         số điều của Luật Thi đua, Khen thưởng ngày 14'tháng.6 năm 2005;\n\
         QUYẾT ĐỊNH:\nĐiều 1. Khen thưởng.",
    );
    assert_eq!(s.legal_bases.len(), 2);
}

#[test]
fn the_footer_and_campaign_name_read_through_specks() {
    let s = segment(
        "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nSố: 7/KH-UBND\nAn Phú, ngày 3 tháng 4 năm 2024\n\
         KẾ HOẠCH\nChuyển đổi số\nỦy ban nhân dân tỉnh phát động phong trào thi đua \"Toàn dân \
         xây dựng đời sống.văn hóa\" như sau:\nI. MỤC ĐÍCH\nNội dung.\nNơi nhún:\n- Như trên;\n~ Lưu: VT.\n\
         Nguyễn Văn An,----",
    );
    assert_eq!(
        s.campaign.name.as_deref(),
        Some("Toàn dân xây dựng đời sống văn hóa")
    );
    assert_eq!(
        s.signer.and_then(|x| x.name).as_deref(),
        Some("Nguyễn Văn An")
    );
}

#[test]
fn a_text_that_starts_at_the_recipients_has_no_header() {
    // The last page of a scan read on its own: the footer's two columns and nothing above them.
    // The signature block's capitals ("KT. CHỦ TỊCH") are no issuing body.
    let text = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Thị Bình";
    let s = segment(text);
    assert_eq!(s.header.issuer, None);
    assert_eq!(s.header.issuer_parent, None);
    assert!(!s.header.found);
    let signer = s.signer.expect("the signature block is still read");
    assert_eq!(signer.title.as_deref(), Some("Phó Chủ tịch"));
    assert_eq!(signer.name.as_deref(), Some("Trần Thị Bình"));
    assert_eq!(s.recipients, ["Như trên", "Lưu: VT"]);
}
