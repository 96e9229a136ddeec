//! Document symbols read through a copy's damage: the codes of a cited or printed number
//! ("QĐZUBND", "UBNĐ", "CT/W", "KH7TU"), mended from the lookalikes of Latin-script OCR, the
//! type named beside them, the issuer's name or the codes the corpora write.

use crate::segment::{doctypes, lines, names};

/// A cited number as matched (`raw`, original text) without a trailing part in lower case that
/// it picked up across a space ("98/2023/NĐ-CP -ngày" → "98/2023/NĐ-CP"): a symbol's codes are
/// capitals (Decree 30, appendix VI), so " -ngày" is the next word with a speck read as a dash.
/// Parts glued to the number are kept (a web copy may type a code in lower case).
pub fn without_stray_word(raw: &str) -> &str {
    for (at, c) in raw.char_indices() {
        if !c.is_whitespace() {
            continue;
        }
        let rest = raw[at..].trim_start();
        let mut rc = rest.chars();
        let dash = rc.next().is_some_and(|d| d == '/' || lines::is_dash(d));
        let after = rc.as_str().trim_start();
        if dash && after.chars().next().is_some_and(char::is_lowercase) {
            return raw[..at].trim_end();
        }
    }
    raw
}

/// A symbol's part with the slash between two codes read as a 7 ("KH7TU" → "KH/TU"): the
/// slash's diagonal is the 7's stem, and a code is capitals only (Decree 30, appendix VI), so a
/// 7 between capitals is no digit of it.
pub fn slash_for_seven(part: &str) -> String {
    let cs: Vec<char> = part.chars().collect();
    let mut out = String::with_capacity(part.len());
    for (i, &c) in cs.iter().enumerate() {
        let capital = |j: Option<&char>| j.is_some_and(|c| c.is_uppercase());
        if c == '7' && i > 0 && capital(cs.get(i - 1)) && capital(cs.get(i + 1)) {
            out.push('/');
        } else {
            out.push(c);
        }
    }
    out
}

/// A symbol's code with the T of "TW" restored where OCR lost it ("CT/W" → "CT/TW", "VPW" →
/// "VPTW"): Vietnamese writes no W, so in a symbol's codes W stands only in "TW" (Trung ương:
/// "37-CT/TW", "BCĐTW"); a W without its T before it lost that T to a thin or broken stroke.
pub fn lost_t_of_tw(part: &str) -> String {
    let mut out = String::with_capacity(part.len() + 1);
    let mut prev: Option<char> = None;
    for c in part.chars() {
        if c == 'W' && prev != Some('T') {
            out.push('T');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// `text` with [`lost_t_of_tw`] applied to the codes of every symbol it cites ("Chỉ thị số
/// 37-CT/W ngày ..." → "37-CT/TW"): a word that starts with a digit and goes on with "/" or
/// "-" and capitals is a symbol (Decree 30, appendix VI).
pub fn mend_cited_symbols(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let symbol = w.chars().next().is_some_and(|c| c.is_ascii_digit())
                && w.contains(['/', '-'])
                && w.chars().any(char::is_uppercase);
            if !symbol || !w.contains('W') {
                return w.to_string();
            }
            let mut out = String::with_capacity(w.len() + 1);
            let mut part = String::new();
            for c in w.chars() {
                if c == '/' || lines::is_dash(c) {
                    out.push_str(&lost_t_of_tw(&part));
                    part.clear();
                    out.push(c);
                } else {
                    part.push(c);
                }
            }
            out.push_str(&lost_t_of_tw(&part));
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The byte length of a Công văn's "V/v" label (Decree 30, appendix I: "V/v" before the
/// subject) at the start of `text`, also with its slash read as another glyph or lost ("V¿v",
/// "Vv"); `None` when the text does not start with one.
pub fn vv_label(text: &str) -> Option<usize> {
    let mut cs = text.char_indices();
    let (_, a) = cs.next()?;
    let (i, b) = cs.next()?;
    let (v2, rest) = if matches!(b, 'v' | 'V') {
        (i, &text[i + 1..])
    } else if !b.is_alphanumeric() && !b.is_whitespace() {
        let (j, c) = cs.next()?;
        if !matches!(c, 'v' | 'V') {
            return None;
        }
        (j, &text[j + 1..])
    } else {
        return None;
    };
    let ends = rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
    (matches!(a, 'V' | 'v') && ends).then_some(v2 + 1)
}

/// The byte length of a "V/v" label damaged past [`vv_label`] at the start of `text`, for the
/// line right under a Công văn's number, where Decree 30 puts the label and its subject: a
/// first word of two or three glyphs, each a V (V, v, y, a slash read for the first stroke)
/// or a glyph read for the slash (a stroke or a fraction slash, "z" for a slanted one), at
/// least one of them a V, and a word in lower case after it ("Vi báo cáo ...", "⁄y báo cáo
/// ...", "Vzv hướng dẫn ..."). `None` for anything else.
pub fn damaged_vv_label(text: &str) -> Option<usize> {
    let (word, rest) = text.split_once(' ')?;
    let n = word.chars().count();
    let vee = |c: char| matches!(c, 'V' | 'v' | 'y');
    let slash = |c: char| {
        matches!(
            c,
            '/' | '⁄' | '\\' | '|' | 'l' | 'I' | 'i' | 'z' | 'Z' | '1' | '¿'
        )
    };
    let label =
        (2..=3).contains(&n) && word.chars().all(|c| vee(c) || slash(c)) && word.chars().any(vee);
    let subject = rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    (label && subject).then_some(word.len())
}

/// Capitals (and digits) that Tesseract reads for one another when a copier thins or breaks
/// the strokes: the bowl letters B/Đ/D/8 (the bar of Đ lost or a bowl closed: "QB-UBND" for
/// "QĐ-UBND"), the round O/0/Q/D, the vertical I/L/T/1, C/G, E/F, U/V. These are the shape
/// confusions of Latin-script OCR (Tesseract's unicharambigs list the same families).
const CAPITAL_LOOKALIKES: &[&str] = &["BĐD8", "O0QD", "IL1T", "CG", "EF", "UV"];

/// Whether `seen` is `meant` with exactly one capital read as a lookalike of the same family
/// (letters compared without marks and case, Đ as D otherwise).
pub fn one_lookalike_off(seen: &str, meant: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (seen.chars().collect(), meant.chars().collect());
    if a.len() != b.len() {
        return false;
    }
    let mut off = 0;
    for (&x, &y) in a.iter().zip(&b) {
        if lines::fold_char(x) == lines::fold_char(y) {
            continue;
        }
        let (x, y) = (x.to_uppercase().next(), y.to_uppercase().next());
        let family = CAPITAL_LOOKALIKES
            .iter()
            .any(|f| x.is_some_and(|x| f.contains(x)) && y.is_some_and(|y| f.contains(y)));
        if !family {
            return false;
        }
        off += 1;
    }
    off == 1
}

/// How often the corpora wrote each capital code (`dictionaries/acronyms.tsv`: tokens of
/// capitals that are no syllable, counted where written at least 5 times).
static CODE_COUNTS: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, u32>> =
    std::sync::LazyLock::new(|| {
        crate::restore::ACRONYMS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (code, n) = l.split_once('\t')?;
                Some((code, n.trim().parse().ok()?))
            })
            .collect()
    });

/// Times the corpora must have written a code for it to be a body's established code, that a
/// code never written may be a misreading of: the codes of provincial bodies and ministries
/// are written hundreds to tens of thousands of times ("UBND" 16,906, "SGDĐT" 262), while a
/// misreading that recurs in the corpora's own OCR stays under a hundred ("ĐBND" 17).
const ESTABLISHED_CODE: u32 = 100;

/// Whether `seen` is `meant` with exactly one capital read as another of its lookalike family
/// (`CAPITAL_LOOKALIKES`), compared as written (so "UBNĐ" is one off "UBND": the bar of a D is
/// a speck across its stem).
fn one_capital_misread(seen: &str, meant: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (seen.chars().collect(), meant.chars().collect());
    if a.len() != b.len() {
        return false;
    }
    let off: Vec<(char, char)> = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(&x, &y)| (x, y))
        .collect();
    matches!(off.as_slice(), [(x, y)] if CAPITAL_LOOKALIKES
        .iter()
        .any(|f| f.contains(*x) && f.contains(*y)))
}

/// A cited symbol's body code (`code`, "UBNĐ") mended to the established code it misreads
/// ("UBND"): Decree 30 (appendix VI) writes a body in a symbol as a fixed abbreviation, the
/// same in every document, so a code the corpora never wrote that is one lookalike capital off
/// exactly one code they write often ([`ESTABLISHED_CODE`]) is that code read through a
/// copy's broken strokes. A type code followed by one glyph and an established body code
/// ("QĐZUBND") is the two codes with their hyphen misread. `None` when the code is written
/// in the corpora or spells a syllable, or no single reading fits.
pub fn mend_body_code(code: &str) -> Option<String> {
    let capitals = code.chars().all(|c| c.is_uppercase() || c == '&');
    // The table counts only capitals that are no syllable: a code that spells one ("TU", of
    // Tỉnh ủy) is not in it, so the table cannot say it was never written.
    if code.chars().count() < 2
        || !capitals
        || names::is_syllable(code)
        || CODE_COUNTS.contains_key(code)
    {
        return None;
    }
    let established = |c: &str| CODE_COUNTS.get(c).is_some_and(|&n| n >= ESTABLISHED_CODE);
    // A type code, one glyph for the hyphen, an established body code.
    for (i, glyph) in code.char_indices().skip(1) {
        let (type_code, rest) = (&code[..i], &code[i + glyph.len_utf8()..]);
        if doctypes::canonical_code(type_code) == Some(type_code) && established(rest) {
            return Some(format!("{type_code}-{rest}"));
        }
    }
    let mut found = CODE_COUNTS
        .iter()
        .filter(|&(c, &n)| n >= ESTABLISHED_CODE && one_capital_misread(code, c))
        .map(|(c, _)| *c);
    match (found.next(), found.next()) {
        (Some(c), None) => Some(c.to_string()),
        _ => None,
    }
}

/// Whether `seen` and `meant` have the same length and differ in one letter at most, case
/// aside: for a code the evidence already fixes (a central body's own code), where any one
/// misread letter is OCR's.
pub fn one_letter_off(seen: &str, meant: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (seen.chars().collect(), meant.chars().collect());
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .filter(|(x, y)| x.to_lowercase().ne(y.to_lowercase()))
            .count()
            <= 1
}

/// Whether a type code `seen` is the code `meant` of the type named beside it, misread: one
/// capital read as a lookalike ([`one_lookalike_off`]), or one letter read as a glyph that is
/// no letter or digit ("&H" for "KH"): the type codes of Decree 30 (appendix III) are letters
/// only, so such a glyph stands where a letter was.
pub fn type_code_misread(seen: &str, meant: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (seen.chars().collect(), meant.chars().collect());
    let differ: Vec<char> = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, _)| *x)
        .collect();
    let glyph_for_letter = a.len() == b.len() && differ.len() == 1 && !differ[0].is_alphanumeric();
    one_lookalike_off(seen, meant) || glyph_for_letter
}

/// `number` ("10401/QB-UBND", "37-CT/TW") with its type code (the first part after the serial
/// that is not a year) replaced by `code` when OCR read one of its letters as a lookalike ("QB" for the
/// "QĐ" of a Quyết định). Decree 30 (appendix III) gives each document type one code, and the
/// type is named beside the number ("Quyết định số ...", the "QUYẾT ĐỊNH" line), so the named
/// type is the evidence; a code that is no lookalike of it is left as read.
pub fn mend_type_code(number: &str, code: &str) -> String {
    let mut start = 0;
    for (i, part) in number.split(['/', '-']).enumerate() {
        // After the serial and the year, the first part is the type code's place.
        if i > 0 && !part.chars().all(|c| c.is_ascii_digit()) {
            if type_code_misread(part, code) {
                return format!(
                    "{}{code}{}",
                    &number[..start],
                    &number[start + part.len()..]
                );
            }
            break;
        }
        start += part.len() + 1;
    }
    number.to_string()
}

/// The issuing body's part of a symbol (`code`, "SVHTTDI-VP") mended from the body's own name
/// (`issuer`, "Sở Văn hóa, Thể thao và Du lịch") when OCR read one of its letters as a
/// lookalike: Decree 30 (art. 8, appendix VI) writes the body in a symbol as the abbreviation
/// of its name, the initials of its words without "và" ("SVHTTDL", "SNV", "UBND" for "Ủy ban
/// nhân dân tỉnh ..."), so a code one lookalike letter off the name's initials (or their
/// start) is that abbreviation misread. `None` when the code reads right or is no such misreading.
pub fn mend_issuer_code(code: &str, issuer: &str) -> Option<String> {
    let initials: Vec<char> = issuer
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && lines::skel(w) != "va")
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect();
    let (first, rest) = code.split_once('-').map_or((code, ""), |(f, r)| (f, r));
    // A code with a small letter is the decree's own spelling ("TTg" for the Prime Minister),
    // not initials.
    if first.chars().any(char::is_lowercase) {
        return None;
    }
    // The code as the first `n` initials, read with one letter misread (`lookalike`) or with
    // one or two strokes added (`!lookalike`, "SVHTTDIL" for "SVHTTDL", "LUJBND" for "UBND");
    // the misreading at the code's own length is tried first.
    let reading = |n: usize, lookalike: bool| -> Option<String> {
        if n < 2 || n > initials.len() {
            return None;
        }
        // Codes carry no marks but Đ's stroke ("Ủy ban" gives "U").
        let meant = code_of(&initials, n);
        // The bar of Đ added or lost ("SVHTTĐL" for the "Du lịch" of "SVHTTDL"): codes compare
        // Đ and D as one letter, so the name's own initials decide.
        let bar_only = first != meant && first.replace('Đ', "D") == meant.replace('Đ', "D");
        let off = if lookalike {
            bar_only || one_lookalike_off(first, &meant)
        } else {
            strokes_added(first, &meant)
        };
        off.then_some(meant)
    };
    let n = first.chars().count();
    // A code that is the initials at its own length reads right ("SVHTTDL": its L is a letter,
    // not a stroke added to "SVHTTD").
    if n <= initials.len() && first == code_of(&initials, n) {
        return None;
    }
    let meant = reading(n, true)
        .or_else(|| reading(n.saturating_sub(1), false))
        .or_else(|| reading(n.saturating_sub(2), false))?;
    Some(if rest.is_empty() {
        meant
    } else {
        format!("{meant}-{rest}")
    })
}

/// The first `n` of `initials` as a code (marks dropped but Đ's stroke).
fn code_of(initials: &[char], n: usize) -> String {
    names::code_letters(&initials[..n.min(initials.len())].iter().collect::<String>())
}

/// Glyphs a broken stem of a capital is read as when it stands apart from its letter: the
/// vertical strokes I, l, 1, |, and J and L, a stem with its hook or foot serif.
const STROKES: [char; 6] = ['I', 'l', '1', '|', 'J', 'L'];

/// Most strokes a code may carry beside its letters: a U whose two stems the copier cut from
/// its bowl is read as three glyphs ("LUJ").
const MAX_STROKES_ADDED: usize = 2;

/// Whether `seen` is `meant` with one or two stroke glyphs ([`STROKES`]) added beside its
/// letters ("SVHTTDIL" for "SVHTTDL", "UJBND" and "LUJBND" for "UBND"): a serif or a broken
/// stem of a capital read as a glyph of its own, the stroke confusions of Latin-script OCR.
fn strokes_added(seen: &str, meant: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (seen.chars().collect(), meant.chars().collect());
    let extra = a.len().saturating_sub(b.len());
    if !(1..=MAX_STROKES_ADDED).contains(&extra) {
        return false;
    }
    // Every way of taking `extra` strokes out of `seen`: codes are short.
    fn fits(a: &[char], b: &[char], left: usize) -> bool {
        match (a.first(), b.first()) {
            (None, None) => left == 0,
            (Some(&x), _) if left > 0 && STROKES.contains(&x) && fits(&a[1..], b, left - 1) => true,
            (Some(x), Some(y)) => x == y && fits(&a[1..], &b[1..], left),
            _ => false,
        }
    }
    fits(&a, &b, extra)
}
