//! The printed layout read in order (issue 12 point 2): Decree 30 pages rendered in a
//! Times-like serif and OCR'd for real. The header's columns (issuing body of one to three
//! lines, number, a Công văn's "V/v" subject; national name or the Party's name, place and
//! date) and the footer's (recipients; authority, title, signer) must come out whole, each
//! column top to bottom, left before right, and every record field compared in BENCHMARKS.md
//! ("Scan conditions": issuer, parent, number, place, date, type, title, legal-basis numbers,
//! campaign, signer) must be that of the same document typed (point 3, on these pages).

#[path = "support/scan.rs"]
mod scan;

use sohoa_core::ocr::OcrOptions;
use sohoa_core::restore::Restorer;
use sohoa_corpus::Variant;
use sohoa_eval::metrics::char_errors;

/// A ministry's plan: a one-line issuing body, no parent.
const ONE_LINE_ISSUER: &str = "\
@issuer BỘ NỘI VỤ
@number Số: 45/KH-BNV
@place Hà Nội, ngày 15 tháng 3 năm 2024
@type KẾ HOẠCH
@title Tổ chức phong trào thi đua yêu nước năm 2024
Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;
Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, Khen thưởng;
Bộ Nội vụ ban hành Kế hoạch tổ chức phong trào thi đua yêu nước năm 2024 như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Động viên cán bộ, công chức hoàn thành tốt nhiệm vụ được giao.
2. Việc bình xét khen thưởng bảo đảm công khai, dân chủ, đúng quy định.
@recipient Nơi nhận:
@recipient - Các đơn vị thuộc Bộ;
@recipient - Lưu: VT, TĐKT.
@sign KT. BỘ TRƯỞNG
@sign THỨ TRƯỞNG
@signer Trần Văn Minh
";

/// A department's decision: parent body and a two-line issuing body (three lines in all).
const THREE_LINE_ISSUER: &str = "\
@parent UBND TỈNH NGHỆ AN
@issuer SỞ GIÁO DỤC
@issuer VÀ ĐÀO TẠO
@number Số: 312/QĐ-SGDĐT
@place Nghệ An, ngày 08 tháng 9 năm 2023
@type QUYẾT ĐỊNH
@title Về việc khen thưởng các tập thể có thành tích xuất sắc năm học 2022-2023
GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO
Căn cứ Quyết định số 15/2022/QĐ-UBND ngày 20 tháng 4 năm 2022 của Ủy ban nhân dân tỉnh quy định chức năng, nhiệm vụ của Sở Giáo dục và Đào tạo;
QUYẾT ĐỊNH:
Điều 1. Tặng Giấy khen cho 12 tập thể có thành tích xuất sắc năm học 2022-2023.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
@recipient Nơi nhận:
@recipient - Như Điều 2;
@recipient - Lưu: VT.
@sign GIÁM ĐỐC
@signer Thái Văn Thành
";

/// A Party committee's plan: no national name and motto; the Party's name heads the right.
const PARTY: &str = "\
@parent ĐẢNG BỘ TỈNH QUẢNG BÌNH
@issuer HUYỆN ỦY LỆ THỦY
@number Số 27-KH/HU
@nomotto
@national ĐẢNG CỘNG SẢN VIỆT NAM
@place Lệ Thủy, ngày 10 tháng 5 năm 2023
@type KẾ HOẠCH
@title Tổ chức các hoạt động kỷ niệm ngày thành lập Đảng bộ huyện
Thực hiện Chương trình công tác năm 2023 của Ban Chấp hành Đảng bộ huyện, Ban Thường vụ Huyện ủy ban hành kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Giáo dục truyền thống cách mạng cho cán bộ, đảng viên và nhân dân trong huyện.
@recipient Nơi nhận:
@recipient - Các chi, đảng bộ trực thuộc;
@recipient - Lưu: VPHU.
@sign T/M BAN THƯỜNG VỤ
@sign BÍ THƯ
@signer Nguyễn Công Huấn
";

/// A Công văn: its subject ("V/v ...") under the number, no type heading.
const CONG_VAN: &str = "\
@parent UBND TỈNH BẮC GIANG
@issuer SỞ TƯ PHÁP
@number Số: 856/STP-HCTP
@subject V/v tăng cường phổ biến, giáo dục pháp luật năm 2023
@place Bắc Giang, ngày 02 tháng 6 năm 2023
Kính gửi: Ủy ban nhân dân các huyện, thành phố.
Để nâng cao hiệu quả công tác phổ biến, giáo dục pháp luật, Sở Tư pháp đề nghị các đơn vị tổ chức tuyên truyền các văn bản pháp luật mới đến cán bộ và nhân dân.
Các đơn vị báo cáo kết quả thực hiện về Sở Tư pháp trước ngày 30/6/2023./.
@recipient Nơi nhận:
@recipient - Như trên;
@recipient - Lưu: VT, HCTP.
@sign KT. GIÁM ĐỐC
@sign PHÓ GIÁM ĐỐC
@signer Lê Thị Hạnh
";

/// The lines of `text`, whitespace folded, empty ones dropped.
fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Asserts that every line of `want` is a line of `got`, each after the one before. A line is
/// recognised with up to a fifth of its characters misread ("- Lưu: VT, TĐKT." read
/// "- Lưu: VD TĐKT." is still that line, whole): this checks order and wholeness, the
/// character error rates are measured in BENCHMARKS.md.
fn assert_lines_in_order(got: &str, want: &[&str], what: &str) {
    let lines = lines_of(got);
    let mut from = 0;
    for w in want {
        let at = (from..lines.len()).find(|&i| {
            let e = char_errors(&lines[i], w);
            e.errors * 5 <= e.reference
        });
        match at {
            Some(i) => from = i + 1,
            None => panic!("{what}: line {w:?} not found whole after line {from} in:\n{got}"),
        }
    }
}

/// Reads a page, checks the header and footer lines in order and the record fields against
/// the typed document's.
fn check(marked: &str, bytes: Vec<u8>, header: &[&str], footer: &[&str], what: &str) {
    let doc = scan::parse_marked(marked);
    let read = scan::sohoa_read(bytes, &OcrOptions::default());
    assert!(
        !read.text.contains("\n\n"),
        "{what}: blank line in page text"
    );
    assert_lines_in_order(&read.text, header, what);
    assert_lines_in_order(&read.text, footer, what);
    let restorer = Restorer::embedded();
    let typed = scan::segment_text(&doc.typed_text(), &restorer);
    let from_scan = scan::segment_pages(std::slice::from_ref(&read), &restorer);
    let want = scan::fields(&typed);
    let got = scan::fields(&from_scan);
    // Records from scans equal records from text (issue 12 point 3): every compared field
    // (header, legal-basis numbers, campaign, signer).
    for ((name, w), (_, g)) in want.iter().zip(&got) {
        assert_eq!(g, w, "{what}: record field {name} from the scan");
    }
    for name in ["issuer", "date", "signer"] {
        let w = &want.iter().find(|(n, _)| *n == name).unwrap().1;
        assert!(!w.is_empty(), "{what}: typed record has no {name}");
    }
}

/// The only page of a short document scanned under `variant` (the signed original: a seal
/// across the signature, red on a colour scan, grey on a grey one), with `cut_mm` of its top
/// edge cut away.
fn scan_of(marked: &str, variant: Variant, cut_mm: f32) -> Vec<u8> {
    let doc = scan::parse_marked(marked);
    let mut pages = scan::render(&doc, &scan::faces());
    assert_eq!(pages.len(), 1, "test documents fit on one page");
    let (mut page, mut seals) = pages.remove(0);
    let cut = (cut_mm / 25.4 * page.dpi as f32) as u32;
    if cut > 0 {
        let (w, h) = page.image.dimensions();
        page.image = image::imageops::crop_imm(&page.image, 0, cut, w, h - cut).to_image();
        for s in &mut seals {
            s.cy -= cut as f32;
        }
    }
    scan::scan(&page, &seals, variant, 1).0
}

#[test]
fn one_line_issuing_body_and_a_two_line_signature_block() {
    check(
        ONE_LINE_ISSUER,
        scan_of(ONE_LINE_ISSUER, Variant::Seal, 0.0),
        &[
            "BỘ NỘI VỤ",
            "Số: 45/KH-BNV",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Hà Nội, ngày 15 tháng 3 năm 2024",
            "KẾ HOẠCH",
        ],
        &[
            "Nơi nhận:",
            "- Lưu: VT, TĐKT.",
            "KT. BỘ TRƯỞNG",
            "THỨ TRƯỞNG",
            "Trần Văn Minh",
        ],
        "one-line issuer",
    );
}

#[test]
fn three_line_issuing_body_reads_whole_before_the_motto() {
    check(
        THREE_LINE_ISSUER,
        scan_of(THREE_LINE_ISSUER, Variant::Seal, 0.0),
        &[
            "UBND TỈNH NGHỆ AN",
            "SỞ GIÁO DỤC",
            "VÀ ĐÀO TẠO",
            "Số: 312/QĐ-SGDĐT",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Nghệ An, ngày 08 tháng 9 năm 2023",
            "QUYẾT ĐỊNH",
        ],
        &["Nơi nhận:", "GIÁM ĐỐC", "Thái Văn Thành"],
        "three-line issuer",
    );
}

#[test]
fn party_document_without_motto() {
    check(
        PARTY,
        scan_of(PARTY, Variant::Seal, 0.0),
        &[
            "ĐẢNG BỘ TỈNH QUẢNG BÌNH",
            "HUYỆN ỦY LỆ THỦY",
            "Số 27-KH/HU",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Lệ Thủy, ngày 10 tháng 5 năm 2023",
            "KẾ HOẠCH",
        ],
        &[
            "Nơi nhận:",
            "T/M BAN THƯỜNG VỤ",
            "BÍ THƯ",
            "Nguyễn Công Huấn",
        ],
        "party document",
    );
}

#[test]
fn cong_van_subject_stays_under_its_number() {
    check(
        CONG_VAN,
        scan_of(CONG_VAN, Variant::Seal, 0.0),
        &[
            "UBND TỈNH BẮC GIANG",
            "SỞ TƯ PHÁP",
            "Số: 856/STP-HCTP",
            "V/v tăng cường phổ biến, giáo dục pháp luật",
            "năm 2023",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Bắc Giang, ngày 02 tháng 6 năm 2023",
            "Kính gửi: Ủy ban nhân dân các huyện, thành phố.",
        ],
        &["Nơi nhận:", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Thị Hạnh"],
        "Công văn",
    );
}

#[test]
fn page_cut_at_the_top_still_reads_its_header_in_order() {
    // A scan whose top edge runs just above the first header line (18 of the 20 mm margin
    // cut away, as a page fed crooked into a scanner or cropped by a phone app).
    check(
        THREE_LINE_ISSUER,
        scan_of(THREE_LINE_ISSUER, Variant::Seal, 18.0),
        &[
            "UBND TỈNH NGHỆ AN",
            "SỞ GIÁO DỤC",
            "VÀ ĐÀO TẠO",
            "Số: 312/QĐ-SGDĐT",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Nghệ An, ngày 08 tháng 9 năm 2023",
        ],
        &["GIÁM ĐỐC", "Thái Văn Thành"],
        "page cut at the top",
    );
}
