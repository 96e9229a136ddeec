//! OCR tolerance, in one place: the glyphs a scan reads for one another, and words whose
//! marked letters an OCR without a Vietnamese model dropped.
//!
//! Every other module matches on skeletons (`lines::skel`: no marks, lower case); what a
//! skeleton cannot absorb is here, so a new confusion is added once and serves every rule.

/// Glyphs of similar shape that OCR reads for a letter used in numbering: a vertical stroke
/// for capital I ("|. MỤC ĐÍCH", "l1I. TỔ CHỨC"), a cent sign for c ("¢) Khen thưởng"). These
/// are the shape confusions of Latin-script OCR (Tesseract's "ambiguities" tables list the same
/// pairs: l/I/1/|, c/¢), not typos of one document.
const LOOKALIKES: &[(char, char)] = &[('|', 'I'), ('l', 'I'), ('1', 'I'), ('¢', 'c')];

/// The letter a numbering glyph stands for (`'|'` → `'I'`), or the glyph itself.
pub fn letter(c: char) -> char {
    LOOKALIKES
        .iter()
        .find(|(seen, _)| *seen == c)
        .map_or(c, |&(_, meant)| meant)
}

/// A roman numeral token read through the lookalikes ("I11" → "III"), when the token has at
/// least one true roman letter (so "11" stays a decimal number).
pub fn roman(token: &str) -> Option<String> {
    if !token.chars().any(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
        return None;
    }
    let fixed: String = token.chars().map(letter).collect();
    fixed
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
        .then_some(fixed)
}

/// The "Số" label of a document number on skeletons, as typed ("so", before the number, with
/// or without a colon) and as OCR reads it before a colon: the mark dropped ("S:"), or the "ố"
/// read as a digit or another vowel ("S6:", "S0:", "Sé:"; domain.md lists "S6:"), and the "S"
/// read as the dollar sign of the same shape ("$6:").
pub const NUMBER_LABEL: &str = r"(?:[s$][o06e]?\s*:|so\s)";

/// The word "số" before a cited number in running text ("Quyết định số 90/QĐ-TTg"), on
/// skeletons: as typed, and as OCR reads it with the same confusions as the label ("s6",
/// "sé", "$6"); restoration leaves such a token when it cannot tell "số" from "sở" or "sẽ".
pub const NUMBER_WORD: &str = r"(?:so|[s$][o06e])";

/// Whether `c` is a letter Vietnamese writes with a mark (tone, breve, circumflex, horn or the
/// stroke of đ): the letters an OCR without a Vietnamese model drops ("S VN HO" for "SỞ VĂN
/// HÓA", "nm" for "năm").
fn marked(c: char) -> bool {
    c.is_alphabetic() && !c.is_ascii()
}

/// The skeleton a word keeps when every marked letter is dropped ("năm" → "nm").
pub fn dropped(word: &str) -> String {
    super::lines::skel(&word.chars().filter(|c| !marked(*c)).collect::<String>())
}

/// A regex fragment matching `phrase` on skeletons, each word either whole or with its marked
/// letters dropped ("hướng dẫn" → `(?:huong|hng)\s+(?:dan|dn)`).
pub fn phrase_pattern(phrase: &str) -> String {
    let words: Vec<String> = phrase
        .split_whitespace()
        .map(|w| {
            let whole = regex::escape(&super::lines::skel(w));
            let thin = regex::escape(&dropped(w));
            if thin == whole || thin.is_empty() {
                whole
            } else {
                format!("(?:{whole}|{thin})")
            }
        })
        .collect();
    words.join(r"\s+")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookalikes_and_dropped_marks() {
        assert_eq!(roman("I11").as_deref(), Some("III"));
        assert_eq!(roman("l"), None);
        assert_eq!(roman("11"), None);
        assert_eq!(letter('¢'), 'c');
        assert_eq!(dropped("năm"), "nm");
        assert_eq!(dropped("Hướng"), "hng");
        let re = regex::Regex::new(&phrase_pattern("hướng dẫn")).unwrap();
        assert!(re.is_match("hng dn"));
        assert!(re.is_match("huong dan"));
    }
}
