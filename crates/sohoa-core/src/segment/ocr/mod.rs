//! OCR tolerance, in one place: the glyphs a scan reads for one another, and words whose
//! marked letters an OCR without a Vietnamese model dropped.
//!
//! Every other module matches on skeletons (`lines::skel`: no marks, lower case); what a
//! skeleton cannot absorb is here, so a new confusion is added once and serves every rule.

mod bodies;
mod codes;
mod subject;

pub use bodies::*;
pub use codes::*;
pub use subject::*;

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

/// `text` with the roman numeral of a term ("khóa XVI": of a Party committee, the National
/// Assembly, a People's Council) read through the lookalikes of I: "(khóa XVT)" → "(khóa
/// XVI)". Terms are numbered in roman numerals, which have no T, and a serifed I whose
/// serifs a thin copy joined reads as a T (`CAPITAL_LOOKALIKES`' I/L/1/T family); a word after
/// "khóa" made of roman letters and such glyphs, with a V or an X among them, is the numeral,
/// and a mark OCR put on one of its letters is a speck ("XVỊ").
pub fn mend_term_numerals(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let after_term = i > 0 && {
            let prev = super::lines::skel(words[i - 1]);
            prev.trim_start_matches('(') == "khoa"
        };
        let core = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '|');
        // Read without marks (a numeral carries none, and a speck under an I reads as its dot,
        // "XVỊ") and with T as I, then through `roman`'s lookalikes of I.
        let unmarked: String = core
            .chars()
            .map(|c| match c {
                'T' => 'I',
                c if c.is_uppercase() => super::lines::fold_char(c).to_ascii_uppercase(),
                c => c,
            })
            .collect();
        let fixed = after_term
            .then(|| roman(&unmarked))
            .flatten()
            .filter(|r| r.contains(['V', 'X']));
        match fixed {
            Some(fixed) => out.push(w.replacen(core, &fixed, 1)),
            None => out.push((*w).to_string()),
        }
    }
    out.join(" ")
}

/// The "Số" label of a document number on skeletons, as typed ("so", before the number, with
/// or without a colon) and as OCR reads it before a colon: the mark dropped ("S:"), or the "ố"
/// read as a digit or another vowel ("S6:", "S0:", "Sé:"; domain.md lists "S6:"), and the "S"
/// read as the dollar sign of the same shape ("$6:"); the colon also read as a semicolon
/// ("Số; 186/KH-UBND": a colon whose lower dot a speck or a broken stroke lengthened, the
/// ":"/";" pair of Latin-script OCR); the "S" read as the section sign of the same double curve
/// ("§6: 2917/SGDĐT-VP") and the "ố" as a slashed o ("SØ: 1277/BGDĐT-QLCL").
pub const NUMBER_LABEL: &str = r"(?:[s$§][o06eø]?\s*[:;]|so\s)";

/// The word "số" before a cited number in running text ("Quyết định số 90/QĐ-TTg"), on
/// skeletons: as typed, and as OCR reads it with the same confusions as the label ("s6",
/// "sé", "$6"); restoration leaves such a token when it cannot tell "số" from "sở" or "sẽ".
pub const NUMBER_WORD: &str = r"(?:so|[s$][o06e])";

/// Glyphs Tesseract reads for a toner speck or a dot of dust beside print on a copied page
/// ("Số:,7303/QĐ-UBND", "Số: -68/KH-UBND"), on skeletons (dashes folded to "-"): between a
/// label and what it labels they are noise, since Decree 30 puts nothing there.
pub const SPECK: &str = r"[,.\-'`_~;]";

/// Whether `c` is one of [`SPECK`]'s glyphs (or a dash of another width), on original text.
pub fn is_speck(c: char) -> bool {
    matches!(c, ',' | '.' | '\'' | '`' | '_' | '~' | ';') || super::lines::is_dash(c)
}

/// The word "ngày" of a date line on skeletons, as typed, with its n read as two glyphs ("Tigày",
/// "rigày": the stem and arch of n broken apart) or its y read as v ("ngàv"): the date's
/// grammar (a day, "tháng", a month, "năm", a year) fixes the word, whose thin strokes a copy
/// breaks.
pub const DAY_WORD: &str = r"(?:ngay|[a-z]{1,2}gay|nga[vy])";

/// The word "năm" of a date line on skeletons, as typed, with its breve dropped ("nm"), and
/// with its m read as two strokes ("nănr", "narn": the m/rn pair of Latin-script OCR, which
/// Tesseract's ambiguity tables list).
pub const YEAR_WORD: &str = r"(?:nam|nm|na(?:rn|nr))";

/// Glyphs OCR reads for the digit 1 on thin or broken print, on skeletons: the vertical
/// strokes I (skeleton "i"), l and "|", "!" whose dot is a broken foot ("ngày I1 tháng",
/// "số !79/2009/NQ-HĐND"), and a dagger, the 1 whose flag and foot serif read as a cross bar
/// ("số 18†9/QĐ-TTg"; no administrative text prints a dagger). Used only where the grammar
/// wants digits (a day, a month, a document's serial number) and next to a true digit, so a
/// word is never taken for a number.
pub const ONE: &str = r"[!|il†]";

/// Whether `c` is one of [`ONE`]'s glyphs for the digit 1 (in the text as read, so the capital
/// I too).
fn reads_as_one(c: char) -> bool {
    matches!(c, '!' | '|' | 'I' | 'i' | 'l' | '†')
}

/// [`ONE`] inside a date, where a bracket or brace is also the digit 1 whose serifs a thin
/// copy broke into a hook ("tháng {2 năm 2025"): the date's grammar wants a digit there, and
/// brackets stand in no date.
pub const ONE_IN_DATE: &str = r"[!|il\[\]{}†]";

/// A 0 inside a date read as a round capital ("tháng Q1", "ngày O5"), on skeletons: the
/// O/0/Q family of Latin-script OCR (`CAPITAL_LOOKALIKES`); only before a true digit.
pub const ZERO_IN_DATE: &str = r"[oq]";

/// Digits read through [`ONE_IN_DATE`]'s and [`ZERO_IN_DATE`]'s lookalikes, the widest set
/// ("I1" → "11", "!79" → "179", "{2" → "12", "Q1" → "01"), for a token the grammar already placed where digits belong (only the
/// date's grammar lets a bracket or brace reach here); other characters are kept.
pub fn digits(token: &str) -> String {
    token
        .chars()
        .map(|c| {
            if reads_as_one(c) || matches!(c, '[' | ']' | '{' | '}') {
                '1'
            } else if matches!(c, 'O' | 'o' | 'Q' | 'q') {
                '0'
            } else {
                c
            }
        })
        .collect()
}

/// A document's serial number with a [`ONE`] lookalike before or between its digits read as 1
/// ("I27" → "127", "!79" → "179", "18†9" → "1819"); the grammar matched it only when a true
/// digit follows. Only the serial (up to the first "/" or "-") is read so: codes have letters.
pub fn serial(token: &str) -> String {
    let cs: Vec<char> = token.chars().collect();
    let end = cs
        .iter()
        .position(|&c| c == '/' || super::lines::is_dash(c))
        .unwrap_or(cs.len());
    cs.iter()
        .enumerate()
        .map(|(i, &c)| {
            let before_digit = cs.get(i + 1).is_some_and(char::is_ascii_digit);
            let after_digit_or_start = i == 0 || cs[i - 1].is_ascii_digit();
            if i < end && reads_as_one(c) && before_digit && after_digit_or_start {
                '1'
            } else {
                c
            }
        })
        .collect()
}

/// Digits Tesseract reads for one another when a copier thins or breaks their strokes: the
/// closed and half-closed loops 0/6/8/9 and 3/8, 5/6, the open curves 2/3, the strokes 1/7
/// (the shape confusions of Latin-script OCR; on the recopy pages "2023" read "2623", "2022"
/// read "3022", day "25" read "35").
const DIGIT_LOOKALIKES: &[(char, char)] = &[
    ('0', '6'),
    ('0', '8'),
    ('0', '9'),
    ('6', '8'),
    ('8', '9'),
    ('3', '8'),
    ('5', '6'),
    ('2', '3'),
    ('1', '7'),
];

/// `digits` with one digit read as a lookalike undone, when exactly one such reading is one
/// that `valid` accepts (a real calendar date, a year that matches the date beside it); `None`
/// when no reading or more than one does. For a value the calendar already rejects: the
/// grammar says which digits may be wrong, and one misread digit is what OCR does far more
/// often than two.
pub fn one_digit_misread(digits: &str, valid: impl Fn(&str) -> bool) -> Option<String> {
    let chars: Vec<char> = digits.chars().collect();
    let mut found: Option<String> = None;
    for (i, &c) in chars.iter().enumerate() {
        for &(a, b) in DIGIT_LOOKALIKES {
            let other = if c == a {
                b
            } else if c == b {
                a
            } else {
                continue;
            };
            let mut v = chars.clone();
            v[i] = other;
            let reading: String = v.into_iter().collect();
            if valid(&reading) {
                if found.as_ref().is_some_and(|f| *f != reading) {
                    return None;
                }
                found = Some(reading);
            }
        }
    }
    found
}

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
    fn one_misread_digit_only_when_unique() {
        let day_ok = |d: &str| d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
        assert_eq!(one_digit_misread("35", day_ok).as_deref(), Some("25"));
        // "38" has two readings that are days (28 and 30): no way to tell which.
        assert_eq!(one_digit_misread("38", day_ok), None);
        assert_eq!(one_digit_misread("45", day_ok), None);
        let year_ok = |y: &str| y.parse::<u32>().is_ok_and(|y| (1945..2100).contains(&y));
        assert_eq!(one_digit_misread("2623", year_ok).as_deref(), Some("2023"));
    }

    #[test]
    fn slash_and_vv_label() {
        assert_eq!(slash_for_seven("KH7TU"), "KH/TU");
        assert_eq!(slash_for_seven("QH13"), "QH13");
        assert_eq!(slash_for_seven("2157"), "2157");
        assert_eq!(vv_label("V/v hướng dẫn"), Some(3));
        assert_eq!(vv_label("V¿v hướng dẫn"), Some(4));
        assert_eq!(vv_label("Vv: hướng"), Some(2));
        assert_eq!(vv_label("Về việc"), None);
        assert_eq!(vv_label("Vvx"), None);
    }

    #[test]
    fn specks_and_split_letters_in_a_bodys_name() {
        assert_eq!(unspeck_body_line(".ỦY BAN NHÂN DÂN"), "ỦY BAN NHÂN DÂN");
        assert_eq!(
            unspeck_body_line("SỞ VĂN HÓA,'THỂ THAO"),
            "SỞ VĂN HÓA, THỂ THAO"
        );
        assert_eq!(unspeck_body_line("BÀ RỊA - VŨNG TÀU"), "BÀ RỊA - VŨNG TÀU");
        assert_eq!(unspeck_body_line("PHÒNG GD&ĐT"), "PHÒNG GD&ĐT");
        assert_eq!(unspeck_body_line("TỈNH LAI+ CHÂU"), "TỈNH LAI CHÂU");
        assert_eq!(
            unspeck_body_line("UBND TỈNH BÌNH ĐỊNH”"),
            "UBND TỈNH BÌNH ĐỊNH"
        );
        // A comma between names and the stop of an abbreviation stay.
        assert_eq!(unspeck_body_line("SỞ VĂN HÓA,"), "SỞ VĂN HÓA,");
        assert_eq!(unspeck_body_line("UBND TP. HUẾ"), "UBND TP. HUẾ");
        assert_eq!(body_abbreviation("LIBND"), Some("UBND"));
        assert_eq!(body_abbreviation("UBNO"), Some("UBND"));
        assert_eq!(body_abbreviation("UBND"), None);
        assert_eq!(body_abbreviation("LIÊN"), None);
        assert_eq!(mend_level_words("THÀNH PHỔÔ ĐÀ NẴNG"), "THÀNH PHỐ ĐÀ NẴNG");
        assert_eq!(mend_level_words("THÀNH PHÚ"), "THÀNH PHÚ");
        assert_eq!(mend_level_words("thị xãa Sơn Tây"), "thị xã Sơn Tây");
    }

    #[test]
    fn the_footer_labels_as_ocr_reads_them() {
        assert!(recipients_heading("noi nhan:"));
        assert!(recipients_heading("noi nhun:"));
        assert!(!recipients_heading("noi dung chinh"));
        assert!(!recipients_heading("noi"));
        // A speck read for the space between the label's words.
        assert!(recipients_heading("noi-nhan:"));
        assert!(recipients_heading("noi.nhan:"));
        // A dash in front makes it an item of some list, not the footer's label.
        assert!(!recipients_heading("- noi nhan."));
        assert!(filing_item("- luu: vt"));
        assert!(filing_item("~ luu: vt"));
        assert!(!filing_item("luu y"));
    }

    #[test]
    fn a_w_without_its_t_lost_the_t() {
        assert_eq!(lost_t_of_tw("W"), "TW");
        assert_eq!(lost_t_of_tw("TW"), "TW");
        assert_eq!(lost_t_of_tw("VPW"), "VPTW");
        assert_eq!(lost_t_of_tw("UBND"), "UBND");
        assert_eq!(
            mend_cited_symbols("Chỉ thị số 37-CT/W ngày 03/9/2019"),
            "Chỉ thị số 37-CT/TW ngày 03/9/2019"
        );
        assert_eq!(mend_cited_symbols("37-CT/TW, Web"), "37-CT/TW, Web");
    }

    #[test]
    fn ones_read_as_strokes() {
        assert_eq!(digits("I1"), "11");
        assert_eq!(digits("3l"), "31");
        assert_eq!(digits("Q1"), "01");
        assert_eq!(serial("!79"), "179");
        assert_eq!(serial("l23a"), "123a");
        assert_eq!(serial("36a"), "36a");
        assert_eq!(serial("ia"), "ia");
    }

    #[test]
    fn type_codes_mended_only_by_one_lookalike() {
        assert_eq!(mend_type_code("10401/QB-UBND", "QĐ"), "10401/QĐ-UBND");
        assert_eq!(mend_type_code("5/2020/0Đ-UBND", "QĐ"), "5/2020/QĐ-UBND");
        assert_eq!(mend_type_code("37-CI/TW", "CT"), "37-CT/TW");
        assert_eq!(mend_type_code("12/QD-UBND", "QĐ"), "12/QD-UBND");
        assert_eq!(mend_type_code("12/KB-UBND", "KH"), "12/KB-UBND");
        assert_eq!(mend_type_code("12/BB-UBND", "QĐ"), "12/BB-UBND");
        assert_eq!(mend_type_code("36a/NQ-CP", "NQ"), "36a/NQ-CP");
        assert_eq!(mend_type_code("6103/&H-UBND", "KH"), "6103/KH-UBND");
        assert_eq!(mend_type_code("6103/&&-UBND", "KH"), "6103/&&-UBND");
    }

    #[test]
    fn issuer_codes_mended_from_initials() {
        let name = "Sở Văn hóa, Thể thao và Du lịch";
        assert_eq!(
            mend_issuer_code("SVHTTDI", name).as_deref(),
            Some("SVHTTDL")
        );
        assert_eq!(mend_issuer_code("SVHTTDL", name), None);
        assert_eq!(
            mend_issuer_code("SVHTTDIL", name).as_deref(),
            Some("SVHTTDL")
        );
        assert_eq!(
            mend_issuer_code("UBNO-VP", "Ủy ban nhân dân tỉnh An Phú").as_deref(),
            Some("UBND-VP")
        );
        // A U whose stems the copier cut off, read as strokes of their own.
        let ub = "Ủy ban nhân dân tỉnh Tuyên Quang";
        assert_eq!(mend_issuer_code("UJBND", ub).as_deref(), Some("UBND"));
        assert_eq!(mend_issuer_code("LUJBND", ub).as_deref(), Some("UBND"));
        // Three strokes, or a letter that is no stroke, is no such misreading.
        assert_eq!(mend_issuer_code("LUJIBND", ub), None);
        assert_eq!(mend_issuer_code("UXBND", ub), None);
        assert_eq!(mend_issuer_code("TU", "Tỉnh ủy Thừa Thiên Huế"), None);
        assert_eq!(mend_issuer_code("TTg", "Thủ tướng Chính phủ"), None);
        assert_eq!(mend_issuer_code("X", "Sở Nội vụ"), None);
    }

    #[test]
    fn specks_glued_into_word_gaps() {
        assert_eq!(split_glued_dots("năm.Đinh Dậu"), "năm Đinh Dậu");
        assert_eq!(
            without_stops_before_words("ban hành .Kế hoạch số 5, Quyết định; ,Luật"),
            "ban hành Kế hoạch số 5, Quyết định; Luật"
        );
        // Marks after a word, and a dot before a digit or another mark, stay.
        assert_eq!(
            without_stops_before_words("năm 2023. Trên cơ sở ...; .5"),
            "năm 2023. Trên cơ sở ...; .5"
        );
        assert_eq!(split_glued_dots("ỦY.BAN NHÂN DÂN"), "ỦY BAN NHÂN DÂN");
        assert_eq!(
            split_glued_dots("tại TP.HCM và Tp.Hồ"),
            "tại TP.HCM và Tp.Hồ"
        );
        assert_eq!(split_glued_dots("năm 2024. Kế"), "năm 2024. Kế");
        assert_eq!(split_glued_dots("www.abc.vn"), "www.abc.vn");
        assert_eq!(
            split_glued_level_dash("UBND TỈNH-BÌNH ĐỊNH"),
            "UBND TỈNH BÌNH ĐỊNH"
        );
        assert_eq!(split_glued_level_dash("BÀ RỊA-VŨNG TÀU"), "BÀ RỊA-VŨNG TÀU");
        assert_eq!(without_stray_word("98/2023/NĐ-CP -ngày"), "98/2023/NĐ-CP");
        assert_eq!(without_stray_word("150/KH – BCĐ"), "150/KH – BCĐ");
        assert_eq!(without_stray_word("12/kh-ubnd"), "12/kh-ubnd");
    }

    #[test]
    fn a_dash_in_one_spelling_of_the_header_place_is_a_speck() {
        let u = unglue_dash_like;
        assert_eq!(
            u("Tỉnh ủy Thừa Thiên-Huế", "Thừa Thiên Huế").as_deref(),
            Some("Tỉnh ủy Thừa Thiên Huế")
        );
        assert_eq!(
            u("Bà Rịa-Vũng Tàu", "UBND tỉnh Bà Rịa Vũng Tàu").as_deref(),
            Some("Bà Rịa Vũng Tàu")
        );
        // Written with the hyphen in both places, or a different place: left as read.
        assert_eq!(u("UBND tỉnh Bà Rịa-Vũng Tàu", "Bà Rịa-Vũng Tàu"), None);
        assert_eq!(u("UBND tỉnh Bà Rịa - Vũng Tàu", "Bà Rịa Vũng Tàu"), None);
        assert_eq!(u("Tỉnh ủy Thừa Thiên-Huế", "Hà Nội"), None);
        assert_eq!(u("Phan Rang-Tháp Chàm", "Phan Rang-Tháp Chàm"), None);
    }

    #[test]
    fn specks_between_the_words_of_a_subject() {
        let s = split_subject_specks;
        assert_eq!(s("bộ máy-quản lý nhà-nước"), "bộ máy quản lý nhà nước");
        assert_eq!(s("tai nạn tại:cộng đồng"), "tai nạn tại cộng đồng");
        assert_eq!(s("Quảng Nam năm.2023"), "Quảng Nam năm 2023");
        assert_eq!(s("công tác xây: dựng trường"), "công tác xây dựng trường");
        assert_eq!(s("(OCOP') trên địa bàn- tỉnh"), "(OCOP) trên địa bàn tỉnh");
        assert_eq!(s("V/v: hướng dẫn"), "V/v: hướng dẫn");
        assert_eq!(
            s("cơ quan nhà nước. tỉnh An Phú"),
            "cơ quan nhà nước tỉnh An Phú"
        );
        // Names, numbers, codes and sentence ends stay.
        assert_eq!(s("tỉnh Bà Rịa-Vũng Tàu"), "tỉnh Bà Rịa-Vũng Tàu");
        assert_eq!(s("giai đoạn 2021-2025"), "giai đoạn 2021-2025");
        assert_eq!(s("Chỉ thị số 37-CT/TW"), "Chỉ thị số 37-CT/TW");
        assert_eq!(s("năm 2025. Sự thay đổi"), "năm 2025. Sự thay đổi");
        assert_eq!(s("kinh tế - xã hội"), "kinh tế - xã hội");
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

    #[test]
    fn a_cited_body_code_never_written_is_mended_to_the_one_established_code_it_misreads() {
        // The bar of a D read across its stem; a type code glued to the body code.
        assert_eq!(mend_body_code("UBNĐ").as_deref(), Some("UBND"));
        assert_eq!(mend_body_code("QĐZUBND").as_deref(), Some("QĐ-UBND"));
        // Codes the corpora write stay, even a recurring misreading of another.
        assert_eq!(mend_body_code("UBND"), None);
        assert_eq!(mend_body_code("SGDĐT"), None);
        assert_eq!(mend_body_code("ĐBND"), None);
        // A code that spells a syllable is not in the table: Tỉnh ủy's "TU" is no "TV".
        assert_eq!(mend_body_code("TU"), None);
        // Digits, lower case and codes nowhere near an established one stay.
        assert_eq!(mend_body_code("2009"), None);
        assert_eq!(mend_body_code("TTg"), None);
        assert_eq!(mend_body_code("XYZWQ"), None);
    }

    #[test]
    fn a_place_glued_after_its_level_word_is_split_and_dust_after_it_dropped() {
        assert_eq!(unglue_level_place("TỈNH HÀGIANG"), "TỈNH HÀ GIANG");
        assert_eq!(unglue_level_place("TỈNH BẮCNINH 7"), "TỈNH BẮC NINH");
        // A ward named by its number, a name that is one syllable, a name already apart.
        assert_eq!(
            unglue_level_place("ỦY BAN NHÂN DÂN PHƯỜNG 7"),
            "ỦY BAN NHÂN DÂN PHƯỜNG 7"
        );
        assert_eq!(unglue_level_place("TỈNH HUẾ"), "TỈNH HUẾ");
        assert_eq!(unglue_level_place("TỈNH BẮC NINH"), "TỈNH BẮC NINH");
        // A glued word that splits into no gazetteer name stays.
        assert_eq!(unglue_level_place("TỈNH ABCXYZ"), "TỈNH ABCXYZ");
    }

    #[test]
    fn a_terms_roman_numeral_is_read_through_the_lookalikes_of_i() {
        let m = mend_term_numerals;
        assert_eq!(
            m("Ban Chấp hành (khóa XVT) về"),
            "Ban Chấp hành (khóa XVI) về"
        );
        assert_eq!(
            m("Đảng bộ tỉnh (khóa XVỊ) về"),
            "Đảng bộ tỉnh (khóa XVI) về"
        );
        assert_eq!(m("Quốc hội khóa X1V,"), "Quốc hội khóa XIV,");
        // Only after "khóa", and only a word with a V or an X: "khóa học", "khóa TT" stay.
        assert_eq!(m("Nghị quyết XVT"), "Nghị quyết XVT");
        assert_eq!(m("khóa học"), "khóa học");
        assert_eq!(m("khóa TT"), "khóa TT");
    }

    #[test]
    fn a_peoples_committee_misread_in_one_letter_of_dan() {
        assert_eq!(mend_people_body("ỦY BAN NHÂN BẨN"), "ỦY BAN NHÂN DÂN");
        assert_eq!(
            mend_people_body("ỦY BAN NHÂN BẤN TỈNH CÀ MAU"),
            "ỦY BAN NHÂN DÂN TỈNH CÀ MAU"
        );
        assert_eq!(mend_people_body("HỘI ĐỒNG NHÂN ĐÂN"), "HỘI ĐỒNG NHÂN DÂN");
        assert_eq!(mend_people_body("ỦY BAN NHÂN DÂN"), "ỦY BAN NHÂN DÂN");
        // Other bodies, and words further off, stay.
        assert_eq!(mend_people_body("ỦY BAN MẶT TRẬN"), "ỦY BAN MẶT TRẬN");
        assert_eq!(mend_people_body("ỦY BAN NHÂN QUYỀN"), "ỦY BAN NHÂN QUYỀN");
    }

    #[test]
    fn a_subjects_dust_and_a_periods_misread_end_year() {
        assert_eq!(
            subject_dust("Phê duyệt Kiến trúc. Chính quyền điện tử"),
            "Phê duyệt Kiến trúc Chính quyền điện tử"
        );
        assert_eq!(
            subject_dust("chuyển đổi số năm 2026: của tỉnh"),
            "chuyển đổi số năm 2026 của tỉnh"
        );
        assert_eq!(
            subject_dust("giai đoạn 2019 -.2025"),
            "giai đoạn 2019 - 2025"
        );
        assert_eq!(
            subject_dust("Phong trào thi đua-“Cán bộ, công chức”"),
            "Phong trào thi đua “Cán bộ, công chức”"
        );
        // An abbreviation's dot, a dash between two numbers and a stop at the end stay.
        assert_eq!(subject_dust("tại TP. Hồ Chí Minh"), "tại TP. Hồ Chí Minh");
        assert_eq!(subject_dust("giai đoạn 2021-2025"), "giai đoạn 2021-2025");
        assert_eq!(subject_dust("năm 2024."), "năm 2024.");
        assert_eq!(
            mend_period_years("giai đoạn 2021 - 2825"),
            "giai đoạn 2021 - 2025"
        );
        assert_eq!(
            mend_period_years("giai đoạn 2021 - 2625"),
            "giai đoạn 2021 - 2025"
        );
        assert_eq!(
            mend_period_years("giai đoạn 2021 - 2025"),
            "giai đoạn 2021 - 2025"
        );
        // Two readings fit (2026 and 2029 from 2826? no: one digit only) or none: left.
        assert_eq!(
            mend_period_years("giai đoạn 2021 - 2099"),
            "giai đoạn 2021 - 2099"
        );
    }
}
