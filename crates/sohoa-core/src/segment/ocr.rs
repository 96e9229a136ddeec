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

/// Whether the skeleton `word` is at most `max` letter edits (insert, delete, replace) from
/// `target`: for short fixed words whose every OCR form cannot be listed ("căn cứ" read as
/// "cari clr" or "cần ett").
pub fn near(word: &str, target: &str, max: usize) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (word.chars().collect(), target.chars().collect());
    if a.len().abs_diff(b.len()) > max || a.len() > 16 {
        return false;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()] <= max
}

/// A regex fragment matching a fixed phrase of several words on skeletons when OCR damaged
/// at most one of its words beyond what [`phrase_pattern`] absorbs ("CỘNG HÒA XÃ HOL CHỦ
/// NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phiic"): any one word may be any token of up to
/// eight characters, the others must be whole or have their marked letters dropped. Only for
/// long set phrases (the national name, the motto), where six right words out of seven cannot
/// be anything else; `sep` is the pattern between words.
pub fn damaged_phrase_pattern(phrase: &str, sep: &str) -> String {
    let words: Vec<String> = phrase.split_whitespace().map(phrase_pattern).collect();
    let variants: Vec<String> = (0..words.len())
        .map(|hurt| {
            let parts: Vec<&str> = words
                .iter()
                .enumerate()
                .map(|(i, w)| if i == hurt { r"[^\s]{1,8}" } else { w.as_str() })
                .collect();
            parts.join(sep)
        })
        .collect();
    format!("(?:{})", variants.join("|"))
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

    #[test]
    fn near_counts_letter_edits() {
        assert!(near("can", "can", 0));
        assert!(near("cari", "can", 2));
        assert!(!near("cari", "can", 1));
        assert!(!near("theo", "can", 2));
        assert!(!near("", "can", 2));
    }

    #[test]
    fn a_set_phrase_survives_one_damaged_word_but_not_two() {
        let re = regex::Regex::new(&damaged_phrase_pattern(
            "cộng hòa xã hội chủ nghĩa việt nam",
            r"\s+",
        ))
        .unwrap();
        assert!(re.is_match("cong hoa xa hoi chu nghia viet nam"));
        assert!(re.is_match("cong hoa xa hol\n\nchu nghia viet nam"));
        assert!(re.is_match("cng ho x hi ch ngha vit nam"));
        assert!(!re.is_match("cong hoa xa hol chu nghia vlet nam"));
        assert!(!re.is_match("uy ban nhan dan tinh hai duong"));
    }
}
