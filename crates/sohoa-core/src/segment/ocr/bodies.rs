//! The header's body names and the footer's labels read through a copy's damage: specks and
//! quotes glued to a body's words, "UBND" with a split U, level words, the fixed words of the
//! People's Committee, places glued to their level, "Nơi nhận" and "Lưu".

use super::subject::unglue_words;
use super::{is_speck, near, one_lookalike_off};
use crate::segment::{lines, names};

/// A capital line of the header's left column (a body's name) with the specks OCR glued to
/// its words undone: a speck glyph or quote mark in front of a word (".ỦY BAN", "'THỂ THAO",
/// "\"TỈNH ỦY") dropped, and a comma glued to the next word ("HÓA,'THỂ") followed by its
/// space. A body's name is words and the commas between them; each word starts with a letter
/// (or a digit), and print puts a space after a comma. A quote mark, a plus or a stray stroke
/// glued to a word's end ("ĐỊNH”", "LAI+") is dust too: a body's name quotes nothing and adds
/// nothing. A dash standing alone ("BÀ RỊA - VŨNG TÀU") or inside a word is kept, and so are
/// a word's closing comma and full stop ("HÓA,", "TP.").
pub fn unspeck_body_line(text: &str) -> String {
    let noise = |c: char| is_speck(c) && !lines::is_dash(c) || matches!(c, '"' | '“' | '”');
    let end_noise = |c: char| {
        matches!(
            c,
            '"' | '“' | '”' | '\'' | '‘' | '’' | '`' | '+' | '~' | '_' | '*'
        )
    };
    let mut words: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        let mut rest = w;
        while let Some(at) = rest.find(',') {
            let (head, tail) = rest.split_at(at + 1);
            if tail.is_empty() {
                break;
            }
            words.push(head.to_string());
            rest = tail;
        }
        words.push(rest.to_string());
    }
    words
        .iter()
        .map(|w| w.trim_start_matches(noise).trim_end_matches(end_noise))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The abbreviations Decree 30 headers write for the local bodies (appendix I: "UBND TỈNH ...",
/// "HĐND HUYỆN ..."), and `word` as one of them when OCR split its U into two strokes ("LIBND",
/// "IJBND": the two stems of a thin U) or read one capital as a lookalike ("UBNO").
pub fn body_abbreviation(word: &str) -> Option<&'static str> {
    const BODIES: &[&str] = &["UBND", "HĐND"];
    let split_u = word.replacen("LI", "U", 1).replacen("IJ", "U", 1);
    BODIES
        .iter()
        .copied()
        .find(|b| *b != word && (split_u == *b || one_lookalike_off(word, b)))
}

/// The two-word administrative levels (Law 77/2015/QH13): "thành phố", "thị xã", "thị trấn".
const LEVELS2: &[(&str, &str)] = &[("thanh", "phố"), ("thi", "xã"), ("thi", "trấn")];

/// `text` with the second word of a two-word level read with one letter doubled made whole
/// ("THÀNH PHỔÔ" → "THÀNH PHỐ"): OCR reads a vowel carrying two stacked marks (circumflex
/// and tone) as two glyphs, and no word of a level is spelled so.
pub fn mend_level_words(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    for i in 1..words.len() {
        let first = lines::skel(words[i - 1]);
        let seen = lines::skel(words[i]);
        for &(a, b) in LEVELS2 {
            let want = lines::skel(b);
            let doubled = (0..want.len()).any(|j| {
                let mut d = want.clone();
                d.insert(j, want.as_bytes()[j] as char);
                d == seen
            });
            if first == a && doubled {
                let upper = words[i].chars().all(|c| !c.is_lowercase());
                out[i] = if upper {
                    b.to_uppercase()
                } else {
                    b.to_string()
                };
            }
        }
    }
    out.join(" ")
}

/// Whether the skeleton `k` starts with the footer's "Nơi nhận" label (Decree 30, art. 8),
/// also with one letter of "nhận" misread ("Nơi nhún", "Noi nhạn"): a fixed two-word label at
/// the start of a line, whose first word OCR keeps while the marked vowel of the second is
/// read as another, and with a speck read between its words instead of the space ("Nơi-nhận:"),
/// as dust sits anywhere on a copied page.
pub fn recipients_heading(k: &str) -> bool {
    // At the start of the line: "- Nơi nhận" is an item of some list, not the label.
    if !k.starts_with(char::is_alphabetic) {
        return false;
    }
    let mut words = k
        .split(|c: char| c.is_whitespace() || is_speck(c))
        .filter(|w| !w.is_empty());
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    let second: String = second.chars().take_while(|c| c.is_alphabetic()).collect();
    first == "noi" && second.starts_with('n') && near(&second, "nhan", 1)
}

/// Whether the skeleton `k` is the filing item that closes the recipients list ("- Lưu: VT"),
/// with its dash read as another speck glyph ("~ Lưu", "_ Lưu"): the item's dash is short and
/// thin, and the closing item is always "Lưu" (Decree 30, art. 8).
pub fn filing_item(k: &str) -> bool {
    let mut cs = k.chars();
    let lead = cs.next().is_some_and(|c| is_speck(c) || c == '~');
    lead && cs.as_str().trim_start().starts_with("luu")
}

/// Administrative level words (Law 77/2015/QH13 on local government): in a header they are
/// written before the place name as a word of their own, never hyphenated to it.
const LEVEL_WORDS: &[&str] = &["tinh", "huyen", "xa", "quan", "phuong", "pho", "tran"];

/// `text` with a dash glued between an administrative level word and the capital name after
/// it made a space ("UBND TỈNH-BÌNH ĐỊNH" → "UBND TỈNH BÌNH ĐỊNH"): Tesseract reads a speck in
/// the word gap as a hyphen, while a place name's own hyphen joins two parts of the name
/// ("PHAN RANG-THÁP CHÀM", "BÀ RỊA-VŨNG TÀU"), never a level word to the name.
pub fn split_glued_level_dash(text: &str) -> String {
    let words: Vec<String> = text
        .split(' ')
        .map(|w| {
            let mut parts = w.splitn(2, lines::is_dash);
            match (parts.next(), parts.next()) {
                (Some(level), Some(name))
                    if LEVEL_WORDS.contains(&lines::skel(level).as_str())
                        && name.chars().next().is_some_and(char::is_uppercase) =>
                {
                    format!("{level} {name}")
                }
                _ => w.to_string(),
            }
        })
        .collect();
    words.join(" ")
}

/// A body's name line whose "NHÂN DÂN" OCR misread in one letter ("ỦY BAN NHÂN BẨN", "HỘI
/// ĐỒNG NHÂN ĐÂN") with the word written right: the People's Committee and the People's
/// Council are named in those fixed words (Law 77/2015/QH13 on local government), so after
/// "ỦY BAN NHÂN" or "HỘI ĐỒNG NHÂN" a word one letter or its marks off "dân" is that word
/// (B/D, Đ/D are a copy's lookalike capitals).
pub fn mend_people_body(text: &str) -> String {
    let mut words: Vec<&str> = text.split(' ').collect();
    if words.len() < 4 {
        return text.to_string();
    }
    let lead = lines::skel(&words[..3].join(" "));
    let fourth = lines::skel(words[3]);
    let fixed_lead = lead == "uy ban nhan" || lead == "hoi dong nhan";
    let right = matches!(words[3], "DÂN" | "dân" | "Dân");
    if !fixed_lead || right || !near(&fourth, "dan", 1) || fourth.chars().count() != 3 {
        return text.to_string();
    }
    let dan = if lines::is_upper(words[3]) {
        "DÂN"
    } else {
        "dân"
    };
    words[3] = dan;
    words.join(" ")
}

/// A body's name line with the place after its administrative level mended where OCR lost a
/// word gap or read dust after it ("TỈNH HÀGIANG", "TỈNH BẮCNINH 7" → "TỈNH HÀ GIANG", "TỈNH
/// BẮC NINH"): a header's capitals are letter-spaced wide and a copy's gap may close, but a
/// place name is syllables written apart, so a word after a level word that is no syllable and
/// splits into two syllables naming a unit of the gazetteer is that name; and a body's name
/// ends with its place, so a token of no letter after a gazetteer name that ends the line is
/// dust (a ward named by its number, "PHƯỜNG 7", has the number right after its level word).
pub fn unglue_level_place(text: &str) -> String {
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    let level = |w: &str| LEVEL_WORDS.contains(&lines::skel(w).as_str());
    for i in 1..words.len() {
        let w = words[i].clone();
        if !level(&words[i - 1]) || !lines::is_upper(&w) || names::is_syllable(&w) {
            continue;
        }
        let split = w.char_indices().skip(1).find_map(|(k, _)| {
            let (a, b) = w.split_at(k);
            let name = format!("{a} {b}");
            (names::is_syllable(a) && names::is_syllable(b) && names::is_gazetteer_place(&name))
                .then_some(name)
        });
        if let Some(name) = split {
            words[i] = name;
        }
    }
    let joined = words.join(" ");
    let mut parts: Vec<&str> = joined.split(' ').collect();
    if parts.len() >= 4 && !parts[parts.len() - 1].chars().any(char::is_alphabetic) {
        let n = parts.len() - 1;
        let ends_in_place = (2..=4).filter(|&k| k < n).any(|k| {
            level(parts[n - k - 1]) && names::is_gazetteer_place(&parts[n - k..n].join(" "))
        });
        if ends_in_place {
            parts.pop();
        }
    }
    parts.join(" ")
}

/// `name` with a dash glued between two words made a space where `other`, the same place
/// written elsewhere in the header, has those two words apart ("Tỉnh ủy Thừa Thiên-Huế" with
/// the place line "Thừa Thiên Huế" → "Tỉnh ủy Thừa Thiên Huế"); `None` when nothing changes.
/// Decree 30 (art. 8) makes the place line name the administrative unit the body belongs to,
/// and a provincial body's name ends in that unit's name, so the header writes one name twice;
/// when the two spellings differ by a dash in a word gap, it is the dash OCR added (toner dust
/// beside a capital line reads as one), not a hyphen the printer dropped.
pub fn unglue_dash_like(name: &str, other: &str) -> Option<String> {
    let other: Vec<String> = other.split_whitespace().map(lines::skel).collect();
    let skel = lines::skel;
    let unglued = unglue_words(name, lines::is_dash, |l, r| {
        [l, r].iter().all(|p| p.chars().any(char::is_alphabetic))
            && other
                .windows(2)
                .any(|pair| pair[0] == skel(l) && pair[1] == skel(r))
    });
    (unglued != name).then_some(unglued)
}
