//! Restoration of sohoa's own OCR of 1-bit copies (`Origin::CopyOcr`): when the pipeline says a
//! text is such a reading, and what the copy channel's learned letter edits then restore that
//! a text of unknown origin keeps.

use sohoa_core::ocr::OcrPage;
use sohoa_core::pipeline::text_origin;
use sohoa_core::restore::{shared, Origin};
use sohoa_core::text::SourceText;

fn page(text: &str, steps: Vec<&'static str>, from_text_layer: bool) -> OcrPage {
    OcrPage {
        number: 1,
        text: text.into(),
        words: Vec::new(),
        mean_confidence: 80.0,
        width: 1240,
        height: 1754,
        dpi: Some(150),
        from_text_layer,
        preprocessing: steps,
    }
}

#[test]
fn only_a_vietnamese_reading_of_copy_pages_is_a_copy_reading() {
    let copy = || {
        page(
            "Kế hoạch thực hiện",
            vec!["despeckle", "upscale", "deskew"],
            false,
        )
    };
    let gray = || {
        page(
            "Kế hoạch thực hiện năm 2024",
            vec!["denoise", "deskew"],
            false,
        )
    };
    assert_eq!(text_origin(&[copy()], "vie"), Origin::CopyOcr);
    // Another model's reading, gray scans, text layers and nothing read are not.
    assert_eq!(text_origin(&[copy()], "eng"), Origin::Unknown);
    assert_eq!(text_origin(&[gray()], "vie"), Origin::Unknown);
    assert_eq!(
        text_origin(&[page("Kế hoạch", vec![], true)], "vie"),
        Origin::Unknown
    );
    assert_eq!(text_origin(&[], "vie"), Origin::Unknown);
    // By text: most of it from copy pages makes the document a copy's reading.
    let long_copy = page(&"Kế hoạch thực hiện ".repeat(20), vec!["despeckle"], false);
    assert_eq!(text_origin(&[gray(), long_copy], "vie"), Origin::CopyOcr);
    assert_eq!(text_origin(&[copy(), gray()], "vie"), Origin::Unknown);
}

/// A made-up passage as a copy's reading gives it: two base letters misread on thinned strokes
/// (`l` for `h`, `x` for `v`), everything else as printed.
const COPY_READING: &str = "Ủy ban nhân dân huyện tổ chức thực liện kế hoạch phát triển xăn hóa \
                            cơ sở trên địa bàn.\nCác phòng, ban phối hợp triển khai nhiệm vụ, \
                            báo cáo kết quả về Sở Nội vụ trước ngày 15.";

#[test]
fn a_copy_reading_has_its_misread_base_letters_restored() {
    let source = SourceText::from_plain(COPY_READING);
    let out = shared().restore_from(&source, Origin::CopyOcr).text;
    assert!(
        out.starts_with("Ủy ban nhân dân huyện tổ chức thực hiện kế hoạch phát triển văn hóa"),
        "{out}"
    );
    // The rest of the passage, right as read, stays as it is.
    assert!(
        out.ends_with("Các phòng, ban phối hợp triển khai nhiệm vụ, báo cáo kết quả về Sở Nội vụ trước ngày 15."),
        "{out}"
    );
}

#[test]
fn a_text_of_unknown_origin_keeps_to_its_own_channel() {
    // The same words typed, or read by an OCR nobody named, are not taken for a copy's reading:
    // a typed "liện" or "xăn" may be meant (a name), and old OCR has its own channel.
    let source = SourceText::from_plain(COPY_READING);
    let out = shared().restore_from(&source, Origin::Unknown).text;
    assert_eq!(out, shared().restore(&source).text);
    assert!(
        out.contains("thực liện kế hoạch phát triển xăn hóa"),
        "{out}"
    );
}
