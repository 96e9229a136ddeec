//! Old OCR made without a Vietnamese model (the Đồng Tháp and Tạ Ma sample plans): restoration
//! must cut the word error rate against the hand-corrected gold text.

use sohoa_core::restore::shared;
use sohoa_eval::metrics::word_errors;

fn wer(doc: &str) -> (f64, f64) {
    let root = env!("CARGO_MANIFEST_DIR");
    let input = std::fs::read_to_string(format!("{root}/corpus/text/{doc}.ocr.txt")).expect("ocr");
    let gold = std::fs::read_to_string(format!("{root}/corpus/gold/{doc}.txt")).expect("gold");
    let out = shared().restore_str(&input);
    assert_eq!(
        out.lines().count(),
        input.lines().count(),
        "line structure kept"
    );
    (
        word_errors(&input, &gold).rate(),
        word_errors(&out, &gold).rate(),
    )
}

#[test]
fn old_ocr_dong_thap_word_errors_drop() {
    // Measured: WER 84.0% → 5.1%, split and glued words included (the same with only Ta Ma's
    // real-OCR edits, scripts/seeds-cv.sh).
    let (before, after) = wer("dong-thap-2022-plan");
    assert!(before > 0.8 && after < 0.07, "WER {before:.3} → {after:.3}");
}

#[test]
fn old_ocr_ta_ma_word_errors_drop() {
    // Measured: WER 82.6% → 4.0% (4.9% with only Đồng Tháp's real-OCR edits).
    let (before, after) = wer("ta-ma-2023-plan");
    assert!(before > 0.8 && after < 0.06, "WER {before:.3} → {after:.3}");
}
