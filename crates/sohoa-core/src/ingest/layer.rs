//! A PDF page's own text layer as lines of words with boxes, and the rule deciding whether it
//! is usable as the page's text or the page must be OCR'd (`--ocr auto`).

use unicode_normalization::UnicodeNormalization;

use crate::text::BBox;

/// What to do with the pages of a PDF that carry a text layer (OCRmyPDF's choices).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OcrMode {
    /// Take a page's text layer when it is usable ([`usable`]), OCR the other pages.
    #[default]
    Auto,
    /// OCR every page, whatever text layer it has.
    Force,
    /// Never OCR: a page without a usable text layer fails (and says why).
    Skip,
}

impl std::str::FromStr for OcrMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(OcrMode::Auto),
            "force" => Ok(OcrMode::Force),
            "skip" => Ok(OcrMode::Skip),
            _ => Err(format!("`{s}`: expected auto, force or skip")),
        }
    }
}

/// One word of the layer and its box in pixels at [`TextLayer::dpi`].
#[derive(Debug, Clone, PartialEq)]
pub struct LayerWord {
    /// The word (NFC).
    pub text: String,
    /// Its box, from the top-left corner of the page.
    pub bbox: BBox,
}

/// One line of the layer: words on one baseline, shown one after the other.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerLine {
    /// Its words, in the order the layer shows them.
    pub words: Vec<LayerWord>,
}

/// One page's text layer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextLayer {
    /// The lines, in the order the layer shows them.
    pub lines: Vec<LayerLine>,
    /// Page width in pixels at `dpi`.
    pub width: u32,
    /// Page height in pixels at `dpi`.
    pub height: u32,
    /// Resolution of the boxes: the scan's, when the page is a scan, else 300.
    pub dpi: u32,
}

/// A layer with fewer letters and digits than this is a stamp, a page number or a scanner's
/// label over the scan, not the page's text: the page is read by OCR.
pub const MIN_ALNUM: usize = 50;
/// Most of a layer's words that may be unreadable (see [`usable`]): a foreign name or an odd
/// symbol the font does not map occurs in real text, one word in ten does not.
pub const MAX_UNREADABLE_WORDS: f32 = 0.1;
/// Words a layer needs before its share of unreadable ones says more than a stray symbol.
const MIN_WORDS_TO_JUDGE: usize = 10;

/// The marks Vietnamese letters are written with: the five tone marks and the circumflex,
/// breve and horn.
const VIETNAMESE_MARKS: [char; 8] = [
    '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}', '\u{302}', '\u{306}', '\u{31B}',
];

/// A letter of the Vietnamese alphabet (with the Latin letters f, j, w, z of loanwords and
/// codes): an ASCII letter with at most Vietnamese marks, or đ.
fn vietnamese_letter(c: char) -> bool {
    if c.is_ascii_alphabetic() || c == 'đ' || c == 'Đ' {
        return true;
    }
    let mut parts = std::iter::once(c).nfd();
    parts.next().is_some_and(|b| b.is_ascii_alphabetic())
        && parts.all(|m| VIETNAMESE_MARKS.contains(&m))
}

/// Punctuation and symbols of real text: ASCII punctuation, the General Punctuation block
/// (quotes, dashes, bullets, ellipsis) and a few signs of administrative text.
fn text_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || ('\u{2010}'..='\u{205E}').contains(&c)
        || matches!(c, '°' | '§' | '№' | '«' | '»' | '·' | '€')
}

/// Whether a word of the layer reads as Vietnamese or Latin text: only Vietnamese letters,
/// digits and punctuation.
fn readable_word(word: &str) -> bool {
    word.chars()
        .all(|c| vietnamese_letter(c) || c.is_ascii_digit() || text_punctuation(c))
}

/// Whether the layer can stand for the page's text, by one general rule: it holds at least
/// [`MIN_ALNUM`] letters and digits, and no more than [`MAX_UNREADABLE_WORDS`] of its words
/// hold a character that is not a Vietnamese letter, a digit or punctuation. That catches
/// the text layers that are not the page's text: U+FFFD (codes the font does not map),
/// private-use and control characters, glyph numbers decoded as CJK or Cyrillic, and legacy
/// TCVN3/VNI fonts read as Latin-1 ("ho¹ch tæ chøc" for "hoạch tổ chức"). `Err` says why not.
pub fn usable(layer: &TextLayer) -> Result<(), String> {
    let words: Vec<&str> = layer
        .lines
        .iter()
        .flat_map(|l| &l.words)
        .map(|w| w.text.as_str())
        .collect();
    let alnum = words
        .iter()
        .flat_map(|w| w.chars())
        .filter(|&c| vietnamese_letter(c) || c.is_ascii_digit())
        .count();
    let unreadable = words.iter().filter(|w| !readable_word(w)).count();
    let share = unreadable as f32 / words.len().max(1) as f32;
    if words.len() >= MIN_WORDS_TO_JUDGE && share > MAX_UNREADABLE_WORDS {
        return Err(format!(
            "text layer is not readable text: {:.0}% of its words hold characters that are not Vietnamese letters, digits or punctuation (codes its fonts do not map, or a legacy encoding)",
            share * 100.0
        ));
    }
    if alnum < MIN_ALNUM {
        return Err(format!(
            "text layer has {alnum} letters and digits (fewer than {MIN_ALNUM})"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(text: &str) -> TextLayer {
        let bbox = BBox {
            x: 0,
            y: 0,
            w: 1,
            h: 1,
        };
        TextLayer {
            lines: text
                .lines()
                .map(|l| LayerLine {
                    words: l
                        .split_whitespace()
                        .map(|w| LayerWord {
                            text: w.into(),
                            bbox,
                        })
                        .collect(),
                })
                .collect(),
            width: 100,
            height: 100,
            dpi: 300,
        }
    }

    const PLAIN: &str = "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH\nSố: 161/KH-UBND\n\
        Kế hoạch tổ chức phong trào thi đua \"Chuyển đổi số\" giai đoạn 2023-2025";

    #[test]
    fn vietnamese_text_is_usable() {
        assert_eq!(usable(&layer(PLAIN)), Ok(()));
    }

    #[test]
    fn a_page_number_is_not_the_page() {
        let err = usable(&layer("Trang 2")).unwrap_err();
        assert!(err.contains("fewer than"), "{err}");
    }

    #[test]
    fn unmapped_codes_and_legacy_encodings_are_not_text() {
        let unmapped: String = PLAIN
            .chars()
            .map(|c| if c.is_whitespace() { c } else { '\u{FFFD}' })
            .collect();
        assert!(usable(&layer(&(PLAIN.to_string() + "\n" + &unmapped))).is_err());
        // TCVN3 bytes shown through a Latin-1 font.
        let tcvn3 = "KÕ ho¹ch tæ chøc phong trµo thi ®ua ChuyÓn ®æi sè giai ®o¹n \
            2023-2025 cña tØnh Th¸i B×nh vÒ c«ng t¸c thi ®ua khen th\u{AD}ëng";
        assert!(usable(&layer(tcvn3)).is_err());
        let cjk = "丁七丄丅丆万丈三上下丌不与丏丐丑丒专且丕世丗丘丙业丛东丝丞丟丠両丢丣两严並丧丨丩个丫丬中丮丯丰丱串丳临丵丶丷丸丹为主丼丽举丿乀乁乂乃乄久乆乇么义乊之乌乍乎乏乐乑乒乓乔";
        assert!(usable(&layer(cjk)).is_err());
    }
}
