//! Case in old OCR: OCR without a Vietnamese model misjudges the case of single letters in a
//! heading set in capitals (`THI bUA`, `Uy BAN`); such a word takes its line's case, and typed
//! text keeps the case it was typed in.

use sohoa_core::restore::shared;

/// An old-OCR document (marks lost, `¢ & 6` for marked vowels) with `heading` as a line.
fn old_ocr(heading: &str) -> String {
    format!(
        "Thuc hi¢n K& hoach s6 12/KH-UBND cua Uy ban nhan dan tinh ve t6 chirc phong trao thi\n\
         dua, cac co quan, don vi tap trung thuc hi¢n cac nhiem vu sau.\n{heading}\n\
         Cac phong, don vi can cu chirc nang, nhiem vu duoc giao xay dung ke hoach.\n"
    )
}

#[test]
fn a_word_in_a_capitals_line_takes_the_line_case() {
    let out = shared().restore_str(&old_ocr("II. NOI DUNG THI bUA"));
    assert!(out.contains("\nII. NỘI DUNG THI ĐUA\n"), "{out}");
    let out = shared().restore_str(&old_ocr("TM. Uy BAN NHAN DAN"));
    assert!(out.contains("\nTM. ỦY BAN NHÂN DÂN\n"), "{out}");
    // A line of ordinary words keeps each word's case; so does "Uy ban" in running text.
    assert!(out.contains("của Ủy ban nhân dân tỉnh"), "{out}");
}

#[test]
fn typed_text_keeps_its_case() {
    let text = "II. NỘI DUNG THI đua\nKẾ HOẠCH số 12 của Ủy ban nhân dân tỉnh.";
    assert_eq!(shared().restore_str(text), text);
}
