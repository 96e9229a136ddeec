//! Removing every Vietnamese mark (tones, circumflex, breve, horn, and đ→d): how the
//! `stripped` evaluation sets are made from gold text.

/// `s` with all combining marks removed and `đ`/`Đ` written `d`/`D`, in NFC.
///
/// Letters keep their case and every other character (digits, punctuation, spaces, line breaks)
/// is kept, so the result has the same tokens and lines as the input.
///
/// # Examples
/// ```
/// assert_eq!(sohoa_eval::strip::strip_marks("Đồng Tháp, chuyển đổi số"), "Dong Thap, chuyen doi so");
/// ```
pub fn strip_marks(s: &str) -> String {
    sohoa_core::restore::syllable::strip_all_marks(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tones_and_vowel_marks_keeps_case_and_punctuation() {
        assert_eq!(
            strip_marks("ỦY BAN NHÂN DÂN\nƯơng, Ở: 161/KH-UBND; hòa hoà"),
            "UY BAN NHAN DAN\nUong, O: 161/KH-UBND; hoa hoa"
        );
        assert_eq!(strip_marks("ăâêôơưđ"), "aaeooud");
    }

    #[test]
    fn decomposed_input_is_stripped_too() {
        assert_eq!(strip_marks("So\u{0302}\u{0301}"), "So");
    }
}
