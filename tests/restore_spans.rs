//! Words the scan cut or glued, in old OCR (issue 14 point 3): the decoder may read two tokens as
//! one syllable or one token as two, priced by the channel and weighed by the language model, so
//! that whole words are never cut and other kinds of text keep their word boundaries.

use sohoa_core::restore::{shared, Restorer};
use sohoa_core::text::SourceText;

/// An old-OCR paragraph (marks lost, `¢ & 6` for marked vowels), so that the restorer takes the
/// old-OCR channel; `piece` is put in its middle.
fn old_ocr(piece: &str) -> String {
    format!(
        "Thuc hi¢n K& hoach s6 12/KH-UBND cua Uy ban nhan dan tinh ve t6 chirc phong trao thi \
         dua, cac co quan, don vi tap trung thuc hi¢n cac nhiem vu sau. {piece} Cac phong, \
         don vi can cu chirc nang, nhiem vu duoc giao xay dung ke hoach thuc hien.\n"
    )
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

#[test]
fn a_syllable_cut_by_a_space_is_read_whole() {
    let out = shared().restore_str(&old_ocr("Lanh d ao cac phong chi d ao thuc hien."));
    assert!(out.contains("Lãnh đạo các phòng chỉ đạo"), "{out}");
}

#[test]
fn a_noise_mark_inside_a_word_is_read_through() {
    let out = shared().restore_str(&old_ocr("Chu’ong trinh chuyen d6i s6 cua tinh."));
    assert!(out.contains("Chương trình chuyển đổi số"), "{out}");
}

#[test]
fn two_glued_syllables_are_read_apart() {
    let out = shared().restore_str(&old_ocr("Canhan, tap thé co thanh tich xuat sac."));
    assert!(out.contains("Cá nhân, tập thể có thành tích"), "{out}");
}

#[test]
fn a_space_before_closing_punctuation_is_dropped_in_old_ocr() {
    let out = shared().restore_str(&old_ocr("Cac phong , don vi thuc hien ; bao cao ."));
    assert!(
        out.contains("Các phòng, đơn vị thực hiện; báo cáo."),
        "{out}"
    );
}

#[test]
fn whole_words_keep_their_boundaries() {
    // Old OCR whose words are all whole: nothing merged or split.
    let input = old_ocr("Ca nhan va tap the co thanh tich duoc khen thuong kip thoi.");
    let out = shared().restore_str(&input);
    assert_eq!(words(&out).len(), words(&input).len(), "{out}");
    // Typed and stripped text never have their word boundaries moved, fragments or not.
    for text in [
        "Lãnh đ ạo các phòng , đơn vị thực hiện Canhan.",
        "Lanh d ao cac phong , don vi thuc hien Canhan.",
    ] {
        let out = shared().restore_str(text);
        assert_eq!(words(&out).len(), words(text).len(), "{text} → {out}");
    }
}

#[test]
fn a_moved_word_boundary_is_one_token_under_review() {
    let text = old_ocr("Lanh d ao cac phong.");
    let restorer = Restorer::embedded();
    let out = restorer.restore(&SourceText::from_plain(&text));
    let merged = out
        .tokens
        .iter()
        .find(|t| &text[t.source.clone()] == "d ao")
        .expect("one token for the two pieces");
    assert_eq!(&out.text[merged.output.clone()], "đạo");
    assert!(merged.changed && merged.confidence < 0.6);
    assert_eq!(merged.alternatives, ["d ao"]);
    // Every token still points back to its source, in order.
    assert!(out
        .tokens
        .windows(2)
        .all(|w| w[0].source.end <= w[1].source.start));
}
