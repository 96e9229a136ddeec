//! Header: issuer (and parent), number and codes, place and date, type, title, motto.
//!
//! The header's parts (Decree 30/2020/NĐ-CP, art. 8) are found on the header lines joined into
//! one text, because web copies and OCR break them anywhere ("ỦY" / "BAN NHÂN DÂN", "Số:" /
//! "29/KH-UBND", "Sơn" / "La, ngày 11 tháng 3" / "năm 2020") and flatten the two columns onto
//! one line ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ..."). The national name, number and date are cut
//! out of that text; what is left in capitals above them is the issuing body.

use std::sync::LazyLock;

use regex::Regex;

use super::doctypes::{canonical_code, code, kind_for_code, kind_for_heading, name};
use super::lines::{is_upper, join, skel, Line, Skeleton};
use super::model::{DocKind, Header};
use super::names::{central_body, code_letters, official_case, spaced_body};

/// The national name, the motto, and the Party's line that stands in their place on Party
/// documents (Guidance 36-HD/VPTW). Matched across line breaks, each word also with its marked
/// letters dropped, and one word of each set phrase may be damaged by OCR (see
/// `ocr::damaged_phrase_pattern`); the motto's dashes may be lost or read as any one glyph.
static NATIONAL: LazyLock<Regex> = LazyLock::new(|| {
    let p = super::ocr::damaged_phrase_pattern;
    Regex::new(&format!(
        r"({})|({})|({})",
        p("cộng hòa xã hội chủ nghĩa việt nam", r"\s+"),
        p("độc lập tự do hạnh phúc", r"(?:\s*[^\s\w]?\s*|\s+\S\s+)"),
        p("đảng cộng sản việt nam", r"\s+"),
    ))
    .expect("valid regex")
});

/// "Số: 161/KH-UBND", "Số: 25/2019/QĐ-UBND", "Số: 36a/NQ-CP", "Số: 123/UBND-VP" (Công văn: no
/// type code), "Số: /HD-STTTT" (draft), "Số 445-KL/TU" and "02-NQ/TU" (Party). The label is
/// "Số" or one of its OCR readings (`ocr::NUMBER_LABEL`); a speck read between the label and
/// the number (`ocr::SPECK`: "Số:,7303/QĐ-UBND"), a "1" read as a stroke ("Số: I27/...",
/// `ocr::ONE`), a colon glued between two codes for their hyphen ("215/SNV:TĐKT": a symbol
/// joins its codes with "-" only, and a hyphen cut by a speck reads as a colon) and the slash
/// read as a 7 glued to the code ("Số: 2157SNV-TĐKT" for
/// "215/SNV-TĐKT", `ocr::slash_for_seven`: no symbol runs digits into letters) are OCR's, and
/// so are a glyph glued in front of the label ("-Số 445-KL/TU", "¬§o: 2917/...": the label
/// opens its cell, so nothing of the document stands before it) and
/// specks between a Party symbol's type code and its slash ("445-KI.,/TU").
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[\s|])[^\w\s]?{}\s*(?:{speck}\s*)?(?:(?P<n>(?:{one}\d+?|\d*?)[a-z]?)(?:\s*/\s*|7)(?:(?P<y>\d{{4}})\s*/\s*)?(?P<c>{code}(?:\s*-\s*{code}|:{code}){{0,3}})|(?P<pn>(?:{one}\d+|\d+)[a-z]?)\s*-\s*(?P<pt>[a-z]{{1,4}})\s*(?:{speck}\s*){{0,2}}/\s*(?P<pi>{code}(?:\s*-\s*{code}){{0,2}}))",
        super::ocr::NUMBER_LABEL,
        speck = super::ocr::SPECK,
        one = super::ocr::ONE,
        code = r"[a-z][a-z0-9&]{0,9}",
    ))
    .expect("valid regex")
});

/// "<Place>, ngày 11 tháng 12 năm 2023", "năm" also with its breve dropped; the spaces are
/// optional because web copies glue words to digits ("ngày29 tháng 12", "tháng11"). A day or
/// month of two digits may have one read as a stroke ("ngày I1 tháng", `ocr::ONE`), and the
/// marked vowel of "tháng" may be read as another marked vowel ("thúng"): between a day and a
/// month no other word stands.
/// A speck glyph glued to a number of the date ("tháng -11 năm-2024") is OCR's (`ocr::SPECK`):
/// the date's words and numbers stand with nothing between them; so is one inside the year
/// ("năm 201-3"): a year is four digits written as one word.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{day}\s*{speck}?\s*(\d{{1,2}}|{one}\d|\d{one}|{zero}\d)\s*{speck}?\s*th[aeiouy]ng\s*{speck}?\s*(\d{{1,2}}|{one}\d|\d{one}|{zero}\d)\s*{speck}?\s*{}\s*{speck}?\s*(\d{{4}}|\d{{1,3}}{speck}\d{{1,3}})",
        super::ocr::YEAR_WORD,
        day = super::ocr::DAY_WORD,
        one = super::ocr::ONE_IN_DATE,
        zero = super::ocr::ZERO_IN_DATE,
        speck = super::ocr::SPECK,
    ))
    .expect("valid regex")
});

/// The start of a date line whose day, month or year OCR made unreadable ("Hà Nội, ngày 22
/// tháng 02 năm 20 FI", "Quảng Nam, ngày t3 tháng 7", "ngày 237 tháng"): the place line is
/// "<place>, ngày <day> tháng ...", so the place before "ngày", one short word and "tháng" is
/// still the place whatever OCR made of the day's digits; the date is not given.
static DATE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{day}\s*{speck}?\s*\S{{1,3}}\s*th[aeiouy]ng\b",
        day = super::ocr::DAY_WORD,
        speck = super::ocr::SPECK,
    ))
    .expect("valid regex")
});

/// Most subject lines a title runs to: the longest subjects in the samples take four lines; six
/// leaves a margin without swallowing a body that follows with no blank line.
const MAX_TITLE_LINES: usize = 6;

/// Lines past a sentence-case subject in which the sentence that opens the body is looked for
/// (`body_after_subject`): a justified A4 line holds 15-20 words and a sentence of a plan or
/// directive seldom runs past six lines.
const SENTENCE_REACH: usize = 6;

/// What the header parser found, with the line where the body may start.
pub struct Parsed {
    /// The header fields.
    pub header: Header,
    /// First line after the header (the type line and subject, or the number and date).
    pub end: usize,
}

/// The header lines joined by "\n", with each line's start in the joined text.
struct Joined {
    text: String,
    starts: Vec<usize>,
}

impl Joined {
    fn new(lines: &[Line]) -> Self {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(lines.len());
        for l in lines {
            starts.push(text.len());
            text.push_str(&l.text);
            text.push('\n');
        }
        Joined { text, starts }
    }

    /// The line holding byte `at`.
    fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// The end of the line holding byte `at` (its "\n").
    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i)
    }
}

/// Parses the header from `lines[..limit]` (the lines before the legal bases or first section).
pub fn parse(lines: &[Line], limit: usize) -> Parsed {
    let region = &lines[..limit.min(lines.len())];
    let joined = Joined::new(region);
    let sk = Skeleton::new(&joined.text);
    let mut header = Header::default();
    // Byte ranges of the joined text that are not the issuer: national name, number, date.
    let mut taken: Vec<(usize, usize)> = Vec::new();

    for m in NATIONAL.captures_iter(&sk.text) {
        let whole = m.get(0).expect("group 0");
        if m.get(3).is_none() {
            header.motto = true;
        }
        // On a flattened line the right-hand column runs to the end of the line.
        let start = sk.orig(whole.start());
        taken.push((start, joined.line_end(sk.orig(whole.end()))));
    }

    let type_line = region
        .iter()
        .position(|l| kind_for_heading(&l.text).is_some());
    let upto = type_line.map_or(joined.text.len(), |t| joined.starts[t]);
    let mut number_line = None;
    if let Some(m) = NUMBER.captures(&sk.text[..sk_pos(&sk, upto)]) {
        let whole = m.get(0).expect("group 0");
        let at = sk.orig(whole.start());
        number_line = Some(joined.line_of(at + 1));
        let named = type_line
            .and_then(|t| kind_for_heading(&region[t].text))
            .and_then(code);
        symbol(&joined.text, &sk, &m, named, &mut header);
        taken.push((at, sk.orig(whole.end())));
    }

    // Decree 30 puts the number (left cell) and the place and date (right cell) on one row of
    // the header table, and OCR reads the two cells in either order: the date is looked for
    // after the number, then before it.
    let date_from = number_line.map_or(0, |n| joined.starts[n]);
    let mut date_line = None;
    let found = place_and_date(&joined.text, date_from, upto, &mut header).or_else(|| {
        (date_from > 0)
            .then(|| place_and_date(&joined.text, 0, date_from, &mut header))
            .flatten()
    });
    if let Some((start, end)) = found {
        date_line = Some(joined.line_of(end.saturating_sub(1)));
        taken.push((start, end));
    }

    if let Some(t) = type_line {
        let kind = kind_for_heading(&region[t].text).expect("type line");
        header.doc_type = Some(name(kind).to_string());
        header.kind = Some(kind);
    } else if header.doc_type.is_none() {
        let kind = header
            .type_code
            .as_deref()
            .and_then(kind_for_code)
            .or_else(|| header.issuer_code.as_ref().map(|_| DocKind::CongVan));
        header.kind = kind;
        header.doc_type = kind.map(|k| name(k).to_string());
    }

    // The issuing body: capitals above the number, date and type lines, outside the taken
    // ranges.
    let stop = [type_line, number_line, date_line]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(region.len());
    let mut parts: Vec<String> = Vec::new();
    for i in 0..stop {
        let left = untaken(&joined, i, &taken);
        let left = left.trim().trim_matches(['*', '-', '_']).trim();
        // Specks OCR read in a word gap of the body's name ("TỈNH-BÌNH", "ỦY.BAN").
        let left = super::ocr::split_glued_dots(&super::ocr::split_glued_level_dash(left));
        let left = super::ocr::mend_level_words(&super::ocr::unspeck_body_line(&left));
        let left = super::ocr::mend_people_body(&super::ocr::unglue_level_place(&left));
        let left = match left.split_once(' ') {
            Some((first, rest)) => match super::ocr::body_abbreviation(first) {
                Some(b) => format!("{b} {rest}"),
                None => left,
            },
            None => left,
        };
        if !left.is_empty() && is_upper(&left) {
            parts.push(left);
        }
    }
    issuers(&parts, &mut header);
    mend_issuer_code(&mut header);
    one_place_spelling(&mut header);

    // Subject lines: after the type line; a "V/v" line (Công văn) stands for it; with a
    // cut-off header, everything before the body.
    // A line holding the national name, number or date ends a subject.
    let furniture = |i: usize| {
        let (s, e) = (joined.starts[i], joined.line_end(joined.starts[i]));
        taken.iter().any(|&(ts, te)| ts < e && te > s)
    };
    let mut end = [number_line, date_line]
        .into_iter()
        .flatten()
        .max()
        .map_or(0, |l| l + 1);
    if let Some(t) = type_line {
        let (title, after) = title(region, t + 1, true, &furniture);
        header.title = title;
        end = after;
    } else if let Some(v) = region
        .iter()
        .position(|l| super::ocr::vv_label(&l.text).is_some())
    {
        let (title, after) = title(region, v, false, &furniture);
        header.title = title.map(|t| {
            let label = super::ocr::vv_label(&t).unwrap_or(0);
            t[label..].trim_start_matches([':', '.', ' ']).to_string()
        });
        end = after.max(end);
    } else if let Some(v) = number_line
        .and_then(|n| (n + 1..region.len()).find(|&v| !furniture(v) && !region[v].is_blank()))
        .filter(|&v| super::ocr::damaged_vv_label(&region[v].text).is_some())
    {
        // No type line and no "V/v" read: a damaged label on the first line under the number
        // that is not the national name or the date (Tesseract may give the right-hand cell's
        // lines before it), where a Công văn prints it.
        let (title, after) = title(region, v, false, &furniture);
        header.title = title.map(|t| {
            let label = super::ocr::damaged_vv_label(&t).unwrap_or(0);
            t[label..].trim_start_matches([':', '.', ' ']).to_string()
        });
        end = after.max(end);
    } else if number_line.is_none() && parts.is_empty() && !header.motto {
        let (title, after) = title(region, 0, false, &furniture);
        header.title = title;
        end = after;
    }
    if header.title.is_some() && header.kind.is_none() && header.issuer_code.is_some() {
        header.kind = Some(DocKind::CongVan);
    }
    Parsed {
        header,
        end: end.min(region.len()),
    }
}

/// The issuing body's code in the number, mended from the body's name when OCR misread one of
/// its letters (`ocr::mend_issuer_code`).
fn mend_issuer_code(header: &mut Header) {
    let (Some(code), Some(issuer)) = (header.issuer_code.clone(), header.issuer.as_deref()) else {
        return;
    };
    // A central body's code is fixed (`names::central_code`): a code of its length one letter
    // off it ("TFg" under "THỦ TƯỚNG CHÍNH PHỦ") is that code misread.
    let fixed = super::names::central_code(issuer)
        .filter(|c| *c != code && super::ocr::one_letter_off(&code, c))
        .map(str::to_string);
    let Some(mended) = fixed.or_else(|| super::ocr::mend_issuer_code(&code, issuer)) else {
        return;
    };
    if let Some(number) = header.number.as_mut() {
        if let Some(head) = number.strip_suffix(code.as_str()) {
            *number = format!("{head}{mended}");
        }
    }
    header.issuer_code = Some(mended);
}

/// The place name the header writes twice (in the issuer's name and on the place line) with
/// one spelling, when OCR glued a dash into a word gap of one of them
/// (`ocr::unglue_dash_like`).
fn one_place_spelling(header: &mut Header) {
    let Some(place) = header.place.clone() else {
        return;
    };
    let mut issuers = [header.issuer.as_mut(), header.issuer_parent.as_mut()];
    for name in issuers.iter_mut().flatten() {
        if let Some(mended) = super::ocr::unglue_dash_like(name, &place) {
            **name = mended;
        }
    }
    for name in [&header.issuer, &header.issuer_parent]
        .into_iter()
        .flatten()
    {
        if let Some(mended) = super::ocr::unglue_dash_like(&place, name) {
            header.place = Some(mended);
            break;
        }
    }
}

/// The header writes its unit's place name twice (Decree 30, art. 8: the place line names the
/// administrative unit the body belongs to, and a provincial or city body's name ends in that
/// unit's name), and the document names it again in its subject and body. When the place line
/// and the end of the issuer's (or parent's) name are one name read two ways (each word's
/// letters at most one edit apart: "Lui Châu" / "LAI CHÂU", "Sơn La" / "SƠN.LÀ"), the spelling
/// the document `text` writes more often is the name, the other a misreading: OCR seldom
/// misreads the same name the same way twice. On a tie, a spelling that names an
/// administrative unit of the gazetteer beats one that names none ("Sơn La" / "Sơn Ca");
/// otherwise a tie changes nothing.
pub fn one_name_spelling(header: &mut Header, text: &str) {
    let Some(place) = header.place.clone() else {
        return;
    };
    let place_words: Vec<&str> = place.split_whitespace().collect();
    let n = place_words.len();
    let letters = |w: &str| -> String { skel(w).chars().filter(|c| c.is_alphanumeric()).collect() };
    let key = |ws: &[&str]| -> Vec<String> { ws.iter().map(|w| word_key(w)).collect() };
    let counts = |name: &[String]| count_words(text, name);
    for which in [0, 1] {
        let name = match which {
            0 => header.issuer.clone(),
            _ => header.issuer_parent.clone(),
        };
        let Some(name) = name else { continue };
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() <= n {
            continue;
        }
        let tail = &words[words.len() - n..];
        let same_name = tail.iter().zip(&place_words).all(|(a, b)| {
            let (a, b) = (letters(a), letters(b));
            !a.is_empty() && super::ocr::near(&a, &b, 1)
        });
        let (tail_key, place_key) = (key(tail), key(&place_words));
        if !same_name || tail_key == place_key {
            continue;
        }
        let (mut in_name, mut on_line) = (counts(&tail_key), counts(&place_key));
        if in_name == on_line {
            let known = |k: &[String]| super::names::is_gazetteer_place(&k.join(" "));
            in_name += usize::from(known(&tail_key));
            on_line += usize::from(known(&place_key));
        }
        if on_line > in_name {
            let head = words[..words.len() - n].join(" ");
            let fixed = format!("{head} {}", place_words.join(" "));
            match which {
                0 => header.issuer = Some(fixed),
                _ => header.issuer_parent = Some(fixed),
            }
        } else if in_name > on_line {
            let cased: Vec<String> = tail_key.iter().map(|w| title_word(w)).collect();
            header.place = Some(cased.join(" "));
            return;
        }
    }
}

/// A word as the spelling vote compares it: lower case, marks kept, the punctuation around it
/// dropped ("Sơn La," → "sơn la").
fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// How often the words `name` stand one after another in `text`.
fn count_words(text: &str, name: &[String]) -> usize {
    if name.is_empty() {
        return 0;
    }
    let mut window: std::collections::VecDeque<String> = std::collections::VecDeque::new();
    let mut n = 0;
    for w in text.split_whitespace() {
        window.push_back(word_key(w));
        if window.len() > name.len() {
            window.pop_front();
        }
        n += usize::from(window.iter().eq(name.iter()));
    }
    n
}

/// A place name's word in title case, each hyphened part capitalised ("thiên-huế" →
/// "Thiên-Huế").
fn title_word(w: &str) -> String {
    w.split('-')
        .map(super::lines::capitalize)
        .collect::<Vec<_>>()
        .join("-")
}

/// The skeleton offset of original offset `at` (the map is monotone).
fn sk_pos(sk: &Skeleton, at: usize) -> usize {
    let mut lo = 0;
    let mut hi = sk.text.len();
    while lo < hi {
        let mid = (lo + hi) / 2;
        if sk.orig(mid) < at {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The text of line `i` with the taken ranges blanked out.
fn untaken(joined: &Joined, i: usize, taken: &[(usize, usize)]) -> String {
    let start = joined.starts[i];
    let end = joined.line_end(start);
    let mut out = String::new();
    let mut at = start;
    let mut cuts: Vec<(usize, usize)> = taken
        .iter()
        .filter(|(s, e)| *e > start && *s < end)
        .map(|&(s, e)| (s.max(start), e.min(end)))
        .collect();
    cuts.sort_unstable();
    for (s, e) in cuts {
        if s > at {
            out.push_str(&joined.text[at..s]);
            out.push(' ');
        }
        at = at.max(e);
    }
    if at < end {
        out.push_str(&joined.text[at..end]);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fills number, type and issuer codes from a [`NUMBER`] match; `named` is the code of the type
/// the header's type line names, which mends a type code OCR read with one lookalike letter
/// (`ocr::mend_type_code`).
fn symbol(
    text: &str,
    sk: &Skeleton,
    m: &regex::Captures<'_>,
    named: Option<&str>,
    header: &mut Header,
) {
    let orig = |name: &str| {
        m.name(name).map(|g| {
            text[sk.orig(g.start())..sk.orig(g.end())]
                .split_whitespace()
                .collect::<String>()
        })
    };
    // The named type's code for a type code read with one lookalike letter.
    let mend = |c: String| match named {
        Some(n) if super::ocr::type_code_misread(&c, n) => n.to_string(),
        _ => c,
    };
    if let Some(c) = orig("c") {
        let mut codes: Vec<String> = c
            .split(['-', ':'])
            .map(|p| super::ocr::lost_t_of_tw(&code_letters(p)))
            .collect();
        codes[0] = mend(std::mem::take(&mut codes[0]));
        let year = orig("y").map(|y| format!("{y}/")).unwrap_or_default();
        let n = super::ocr::serial(&orig("n").unwrap_or_default());
        // A Công văn's symbol has no type code: "123/UBND-VP" is issuer and unit.
        let (type_code, issuer) = match canonical_code(&codes[0]) {
            Some(tc) if codes.len() > 1 => (Some(tc.to_string()), codes[1..].join("-")),
            _ => (None, codes.join("-")),
        };
        let tc = type_code
            .as_ref()
            .map(|t| format!("{t}-"))
            .unwrap_or_default();
        header.number = Some(format!("{n}/{year}{tc}{issuer}"));
        header.type_code = type_code;
        header.issuer_code = Some(issuer);
    } else if let (Some(n), Some(t), Some(i)) = (orig("pn"), orig("pt"), orig("pi")) {
        let n = super::ocr::serial(&n);
        let t = code_letters(&mend(t));
        let t = canonical_code(&t).map_or(t.clone(), str::to_string);
        let i: Vec<String> = i
            .split('-')
            .map(|p| super::ocr::lost_t_of_tw(&code_letters(p)))
            .collect();
        let i = i.join("-");
        header.number = Some(format!("{n}-{t}/{i}"));
        header.type_code = Some(t);
        header.issuer_code = Some(i);
    }
}

/// The subject from line `from`: consecutive lines up to a blank line (after the first), at
/// most [`MAX_TITLE_LINES`]. A capital subject goes on over capital lines and over lines that
/// start in lower case or hold no letters (a sentence never does, so such a line continues the
/// subject); it stops
/// at the enacting authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN ..."), which follows a decision's
/// subject. After a type line (`after_type`), header furniture before the subject's first line
/// is passed over. Returns the title and the line after it.
fn title(
    lines: &[Line],
    from: usize,
    after_type: bool,
    furniture: &dyn Fn(usize) -> bool,
) -> (Option<String>, usize) {
    let mut taken: Vec<Line> = Vec::new();
    // The line index of each taken line.
    let mut at: Vec<usize> = Vec::new();
    let mut end = from;
    for (i, line) in lines.iter().enumerate().skip(from) {
        if line.is_blank() {
            if taken.is_empty() || capital_title_goes_on(lines, i, &taken, furniture) {
                end = i + 1;
                continue;
            }
            break;
        }
        if let Some(first) = taken.first() {
            let lower_start = line.text.chars().next().is_some_and(char::is_lowercase);
            // A line without letters ("2023-2025") cannot start a sentence either.
            let no_letters = !line.text.chars().any(char::is_alphabetic);
            if is_upper(&first.text) && !is_upper(&line.text) && !lower_start && !no_letters {
                break;
            }
            if super::signer::is_authority_line(&line.text) {
                break;
            }
        }
        // OCR reads the header's right column (national name, motto) or a speck between the
        // type line and the subject it heads: before the subject's first line, such a line is
        // passed over.
        let speck_only = line
            .text
            .chars()
            .all(|c| c.is_whitespace() || super::ocr::is_speck(c) || matches!(c, '"' | '“' | '”'));
        if taken.is_empty() && (speck_only || (furniture(i) && after_type)) {
            end = i + 1;
            continue;
        }
        if skel(&line.text).starts_with("kinh gui") || furniture(i) {
            break;
        }
        taken.push(line.clone());
        at.push(i);
        end = i + 1;
        if taken.len() == MAX_TITLE_LINES {
            break;
        }
    }
    // When the subject took as many lines as it may, the lines that follow, up to a blank
    // one: the sentence the body opens with may end beyond the subject's longest reach. (A
    // subject that stopped earlier stopped at a line of its own kind, "Kính gửi: ...", whose
    // colon is no sentence end of the body.)
    let ahead: Vec<Line> = if taken.len() == MAX_TITLE_LINES {
        lines
            .iter()
            .skip(end)
            .take_while(|l| !l.is_blank())
            .take(SENTENCE_REACH)
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    if let Some(cut) = body_after_subject(&taken, &ahead) {
        end = at[cut];
        taken.truncate(cut);
    }
    // A subject is one phrase: a dot or dash glued between two of its words is a speck
    // (`ocr`).
    let t = super::ocr::split_subject_specks(&super::ocr::split_glued_dots(&join(&taken)));
    // A subject cites documents by their symbols, read with the same tolerance as the bases.
    let t = super::ocr::mend_term_numerals(&super::ocr::mend_cited_symbols(&t));
    let t = super::ocr::mend_period_years(&super::ocr::subject_dust(&t));
    // A subject is a phrase, not a sentence: Decree 30 prints no full stop or colon after it,
    // so one at its end is a speck (or the body's punctuation read onto the line); and it
    // starts with its first word, so a speck before that is dust (".Phòng, chống ...").
    let t = t
        .trim_end_matches(|c: char| c == ':' || c.is_whitespace() || super::ocr::is_speck(c))
        .trim_start_matches(|c: char| c.is_whitespace() || super::ocr::is_speck(c))
        .to_string();
    // A quote mark before the subject's first word with no closing one in it is dust: a
    // subject quotes a name inside it, never the whole subject from its start.
    let t = match t.strip_prefix(['"', '“']) {
        Some(rest) if !rest.contains(['"', '”']) => rest.trim_start().to_string(),
        _ => t,
    };
    // After a type line Decree 30 sets the subject as a phrase starting with a capital; a
    // Công văn's "V/v" subject may start in lower case.
    let t = if after_type {
        super::lines::capitalize(&t)
    } else {
        t
    };
    ((!t.is_empty()).then_some(t), end)
}

/// Where the body starts inside the lines taken for a subject in sentence case, if it does:
/// the first line after the first that starts with a capital, when the lines hold a sentence
/// end (a full stop or colon before a capital: "... từ ngày 01/7/2025. Sự thay đổi ...",
/// "... và kết luận: I. ĐÁNH GIÁ"). A subject is one phrase, never two sentences, so the text
/// ran on into the body, whose first sentence starts on a line of its own ("Thành phố Huế
/// chính thức trở thành ..." after "... trên địa bàn thành phố"). Without a sentence end a
/// capital line is kept: subjects name places and programmes on their own lines ("Năm học
/// 2021-2022", "Thị trấn Hương Sơn ..."). The sentence end is looked for in the taken lines and
/// the lines after them (`ahead`, up to a blank line): a scan's text keeps the printed line
/// breaks, so the body's first sentence may run past the [`MAX_TITLE_LINES`] the subject takes
/// ("Trong những năm qua, ... phế liệu." over four lines after a two-line subject), where a typed
/// copy holds it on the one line of its paragraph.
fn body_after_subject(taken: &[Line], ahead: &[Line]) -> Option<usize> {
    let first = taken.first()?;
    if is_upper(&first.text) {
        return None;
    }
    static SENTENCE_END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[.:]\s+\p{Lu}").expect("valid regex"));
    let both: Vec<Line> = taken.iter().chain(ahead).cloned().collect();
    if !SENTENCE_END.is_match(&join(&both)) {
        return None;
    }
    let upper_start = |l: &Line| l.text.chars().next().is_some_and(char::is_uppercase);
    taken.iter().skip(1).position(upper_start).map(|p| p + 1)
}

/// Whether a capital subject goes on past the blank line at `blank`: OCR text puts blank lines
/// between the lines of one block, and a subject in capitals is continued by the next line in
/// capitals, unless that line is a numbered heading, an authority line ("ỦY BAN NHÂN DÂN
/// TỈNH ..." above a decision's bases), a basis or header furniture.
fn capital_title_goes_on(
    lines: &[Line],
    blank: usize,
    taken: &[Line],
    furniture: &dyn Fn(usize) -> bool,
) -> bool {
    let Some(first) = taken.first() else {
        return false;
    };
    let Some((j, next)) = lines
        .iter()
        .enumerate()
        .skip(blank + 1)
        .find(|(_, l)| !l.is_blank())
    else {
        return false;
    };
    is_upper(&first.text)
        && is_upper(&next.text)
        && super::numbering::marker(&next.text).is_none()
        && !super::signer::is_authority_line(&next.text)
        && !super::legal::is_opener(&next.text)
        && kind_for_heading(&next.text).is_none()
        && !furniture(j)
}

/// What OCR reads for the comma between the place and "ngày" on a copied page: the comma, a
/// full stop (its tail lost, "Hà Nội. ngày"), a colon or semicolon (a speck above it, "Thừa
/// Thiên Huế: ngày"), a question or exclamation mark (a speck above a comma read as one
/// glyph, "Huế? ngày"). The place line's grammar puts a comma there and nothing else, so any
/// one of these is that comma.
const COMMA_READINGS: [char; 6] = [',', '.', ':', ';', '?', '!'];

/// Finds "<Place>, ngày D tháng M năm Y" in `text[from..upto]`; returns its byte range.
fn place_and_date(
    text: &str,
    from: usize,
    upto: usize,
    header: &mut Header,
) -> Option<(usize, usize)> {
    let scope = &text[from.min(upto)..upto];
    let sk = Skeleton::new(scope);
    let Some(m) = DATE.captures(&sk.text) else {
        let whole = DATE_START.find(&sk.text)?;
        let before = scope[..sk.orig(whole.start())].trim_end();
        let before = before.strip_suffix(COMMA_READINGS)?;
        let (at, p) = place_before(before)?;
        header.place = Some(p);
        let end = sk.orig(whole.end());
        return Some((from + at, from + end));
    };
    let num = |n: usize| super::ocr::digits(&m[n]);
    let year: String = m[3].chars().filter(char::is_ascii_digit).collect();
    header.date = crate::segment::dates::read(&num(1), &num(2), &year);
    let whole = m.get(0).expect("group 0");
    // Between the place and "ngày" stands only the comma: a speck beside it is OCR's ("Sơn
    // La,'ngày").
    let before = scope[..sk.orig(whole.start())]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '\'' | '`' | '_' | '~'));
    // The comma after the place, or what OCR read for it (`COMMA_READINGS`).
    let before = before.strip_suffix(COMMA_READINGS).unwrap_or(before);
    let place = place_before(before);
    let start = place.as_ref().map_or(sk.orig(whole.start()), |(at, _)| *at);
    if let Some((_, p)) = place {
        header.place = Some(p);
    }
    Some((from + start, from + sk.orig(whole.end())))
}

/// The place name that ends `words` when OCR read one of its capitals small ("Sơn la"): the
/// place line names an administrative unit, so words that start with a capital and, in any
/// case, spell a name of the gazetteer are that name, written in title case.
fn gazetteer_place_before(words: &[(usize, &str)]) -> Option<(usize, String)> {
    // The gazetteer's names are two to four syllables (`dictionaries/places.txt`).
    (2..=4.min(words.len())).rev().find_map(|k| {
        let tail = &words[words.len() - k..];
        let name: Vec<&str> = tail.iter().map(|&(_, w)| w).collect();
        (tail[0].1.starts_with(char::is_uppercase)
            && super::names::is_gazetteer_place(&name.join(" ")))
        .then(|| {
            let cased: Vec<String> = name.iter().map(|w| title_word(&w.to_lowercase())).collect();
            (tail[0].0, cased.join(" "))
        })
    })
}

/// A glyph glued before a place name's first letter that is dust: a speck or an opening quote
/// ("'Hà Nội", "“Hà Nội"): a place line quotes nothing.
fn dust_before_name(c: char) -> bool {
    super::ocr::is_speck(c) || matches!(c, '"' | '“' | '‘')
}

/// The place name ending `before`: capitalised words, possibly joined by dashes ("Bà Rịa -
/// Vũng Tàu", "Phan Rang-Tháp Chàm"), up to six, with the level word in front of them when
/// it is written out ("Thành phố Hồ Chí Minh"). Returns its start in `before` and the name.
/// A dot glued between two syllables of the place is a speck ("Quảng.Nam"), on the place's
/// own line: it is read as the space it stands for (the same length, so offsets hold).
fn place_before(before: &str) -> Option<(usize, String)> {
    let line = before.rfind('\n').map_or(0, |i| i + 1);
    let unglued = format!(
        "{}{}",
        &before[..line],
        super::ocr::split_glued_dots(&before[line..])
    );
    let before = unglued.as_str();
    let words: Vec<(usize, &str)> = before
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - before.as_ptr() as usize, w))
        .collect();
    let mut n = 0;
    for &(_, w) in words.iter().rev() {
        // A speck glued before the name's first letter ("'Hà Nội") is dust, and a hyphen
        // whose next part OCR set off by a space ("Phan Rang- Tháp Chàm") still joins the two.
        let dash = matches!(w, "-" | "–") && n > 0;
        let w = w.trim_start_matches(dust_before_name);
        let w = w.strip_suffix('-').unwrap_or(w);
        let capitalised = w.split('-').all(|part| {
            let mut cs = part.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
        }) && !w.is_empty();
        if !(capitalised || dash) || n == 6 {
            break;
        }
        n += 1;
    }
    while n > 0 && matches!(words[words.len() - n].1, "-" | "–") {
        n -= 1;
    }
    if n == 0 {
        return gazetteer_place_before(&words);
    }
    // A speck glued after the first word of a place ("Thừa. Thiên Huế"): a place name has no
    // stop inside it, so a capitalised syllable with a speck before the run is the name's
    // first word (a place name is two to four syllables; an abbreviation's dot, "TP.", "Tp.",
    // follows no syllable and is the level's, below).
    if let Some(&(at, w)) = words.len().checked_sub(n + 1).map(|i| &words[i]) {
        let stem =
            w.trim_end_matches(|c: char| super::ocr::is_speck(c) && !super::lines::is_dash(c));
        let mut cs = stem.chars();
        let capitalised = cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase);
        if stem.len() < w.len() && capitalised && n <= 3 && super::names::is_syllable(stem) {
            let run: Vec<&str> = words[words.len() - n..].iter().map(|&(_, w)| w).collect();
            return Some((at, format!("{stem} {}", run.join(" "))));
        }
    }
    let mut first = words.len() - n;
    // A lone "I" (or "l", "|", "1") in front is the header table's vertical rule as OCR reads
    // it ("I Hà Giang, ngày ..."): no Vietnamese syllable is a single I.
    let table_rule = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(|c| super::ocr::letter(c) == 'I') && cs.next().is_none()
    };
    while first + 1 < words.len() && table_rule(words[first].1) {
        first += 1;
    }
    // "Thành phố Hồ Chí Minh": the level's second word is in lower case (Law 77/2015/QH13 on
    // local government names the levels).
    if first >= 1 {
        let one = skel(words[first - 1].1);
        let two = (first >= 2).then(|| format!("{} {one}", skel(words[first - 2].1)));
        let capital = |i: usize| words[i].1.chars().next().is_some_and(char::is_uppercase);
        if two
            .as_deref()
            .is_some_and(|t| ["thanh pho", "thi xa", "thi tran"].contains(&t))
            && capital(first - 2)
        {
            first -= 2;
        } else if one == "tp." && capital(first - 1) {
            first -= 1;
        }
    }
    let start = words[first].0;
    let name = before[start..]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // "Rang- Tháp" is "Rang-Tháp"; a dash with a space on each side ("Bà Rịa - Vũng Tàu") stays.
    static HYPHEN_SET_OFF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\w)- ").expect("valid regex"));
    let name = HYPHEN_SET_OFF.replace_all(&name, "$1-").into_owned();
    let name = name.trim_start_matches(dust_before_name).to_string();
    Some((start, name))
}

/// Groups the left-column parts into bodies: a part continues the body above it when it starts
/// with an administrative level ("TỈNH THÁI BÌNH" under "ỦY BAN NHÂN DÂN") or with "và" ("VÀ
/// DU LỊCH" under "SỞ VĂN HÓA, THỂ THAO"), or when the part above is a single word cut from its
/// name ("ỦY" / "BAN NHÂN DÂN"); any other part starts a new body. The last body is the issuer, the one before it the parent.
fn issuers(parts: &[String], header: &mut Header) {
    let mut bodies: Vec<String> = Vec::new();
    for text in parts {
        let text = spaced_body(text).unwrap_or_else(|| text.clone());
        let k = skel(&text);
        let level = [
            "tinh ",
            "huyen ",
            "xa ",
            "thanh pho ",
            "quan ",
            "phuong ",
            "thi xa ",
            "thi tran ",
        ]
        .iter()
        .any(|p| k.starts_with(p));
        // "TỈNH ỦY", "HUYỆN ỦY", "THÀNH ỦY": a Party committee, a body of its own.
        let party = k.split_whitespace().nth(1) == Some("uy");
        // "SỞ VĂN HÓA, THỂ THAO" / "VÀ DU LỊCH": no body's name starts with "và", so a part that
        // does is the rest of the name above, broken where the header cell wrapped.
        let and = k.starts_with("va ");
        let continues = match bodies.last() {
            Some(last) => (level && !party) || and || last.split_whitespace().count() == 1,
            None => false,
        };
        match bodies.last_mut() {
            Some(last) if continues => {
                last.push(' ');
                last.push_str(&text);
            }
            _ => bodies.push(text),
        }
    }
    // A body's name ends with a word: a comma, stop or colon after its last word is a speck
    // or the end of the cell's line, never part of the name ("UBND TỈNH PHÚ THỌ,").
    let spell = |body: &str| {
        let body = body
            .trim_end_matches(|c: char| matches!(c, ',' | '.' | ';' | ':') || c.is_whitespace());
        let cased = official_case(body);
        central_body(&cased).map_or(cased, str::to_string)
    };
    if let Some(issuer) = bodies.pop() {
        header.issuer = Some(spell(&issuer));
    }
    if let Some(parent) = bodies.pop() {
        header.issuer_parent = Some(spell(&parent));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::lines::split;

    fn header(text: &str) -> Header {
        let lines = split(text);
        parse(&lines, lines.len()).header
    }

    #[test]
    fn flattened_two_column_header() {
        let h = header(
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN CHÂU THÀNH Độc lập - Tự do - Hạnh phúc\nSố: 45/KH-UBND Châu Thành, ngày 3 tháng 2 năm 2024\nKẾ HOẠCH\nTổ chức phong trào thi đua",
        );
        assert!(h.motto);
        assert_eq!(
            h.issuer.as_deref(),
            Some("Ủy ban nhân dân huyện Châu Thành")
        );
        assert_eq!(h.number.as_deref(), Some("45/KH-UBND"));
        assert_eq!(h.type_code.as_deref(), Some("KH"));
        assert_eq!(h.issuer_code.as_deref(), Some("UBND"));
        assert_eq!(h.place.as_deref(), Some("Châu Thành"));
        assert_eq!(h.date.as_deref(), Some("2024-02-03"));
        assert_eq!(h.doc_type.as_deref(), Some("Kế hoạch"));
        assert_eq!(h.kind, Some(DocKind::KeHoach));
        assert_eq!(h.title.as_deref(), Some("Tổ chức phong trào thi đua"));
    }

    #[test]
    fn date_cell_read_before_the_number_cell() {
        let h = header(
            "UBND TỈNH PHÚ THỌ\nSỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nPhú Thọ, ngày 12 tháng 01 năm 2017\nSố: 02/HD-SVHTTDL\nHƯỚNG DẪN\nVề việc tổ chức Chương trình",
        );
        assert_eq!(h.number.as_deref(), Some("02/HD-SVHTTDL"));
        assert_eq!(h.place.as_deref(), Some("Phú Thọ"));
        assert_eq!(h.date.as_deref(), Some("2017-01-12"));
        assert_eq!(h.issuer.as_deref(), Some("Sở Văn hóa, Thể thao và Du lịch"));
        assert_eq!(h.title.as_deref(), Some("Về việc tổ chức Chương trình"));
    }

    #[test]
    fn place_line_with_a_small_capital_names_a_unit_of_the_gazetteer() {
        let h = header("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 68/KH-UBND\nSơn la, ngày 11 tháng 3 năm 2020\nKẾ HOẠCH\nTriển khai");
        assert_eq!(h.place.as_deref(), Some("Sơn La"));
        assert_eq!(h.date.as_deref(), Some("2020-03-11"));
        // Words no unit bears stay no place.
        let h = header("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 68/KH-UBND\nSơn ca, ngày 11 tháng 3 năm 2020\nKẾ HOẠCH\nTriển khai");
        assert_eq!(h.place, None);
    }

    #[test]
    fn a_tied_spelling_vote_goes_to_the_unit_of_the_gazetteer() {
        let text = "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 68/KH-UBND\nSơn Ca, ngày 11 tháng 3 năm 2020\nKẾ HOẠCH\nTriển khai";
        let mut h = header(text);
        assert_eq!(h.place.as_deref(), Some("Sơn Ca"));
        one_name_spelling(&mut h, text);
        assert_eq!(h.place.as_deref(), Some("Sơn La"));
        assert_eq!(h.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Sơn La"));
        // The other way round: the issuer's line misread, the place line right.
        let text = "ỦY BAN NHÂN DÂN\nTỈNH SƠN CA\nSố: 68/KH-UBND\nSơn La, ngày 11 tháng 3 năm 2020\nKẾ HOẠCH\nTriển khai";
        let mut h = header(text);
        one_name_spelling(&mut h, text);
        assert_eq!(h.place.as_deref(), Some("Sơn La"));
        assert_eq!(h.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Sơn La"));
    }

    #[test]
    fn blank_draft_number_and_parent() {
        let h = header(
            "UBND TỈNH BÀ RỊA - VŨNG TÀU\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: /HD-STTTT\nHƯỚNG DẪN\nCông tác thi đua",
        );
        assert_eq!(h.number.as_deref(), Some("/HD-STTTT"));
        assert_eq!(h.issuer.as_deref(), Some("Sở Thông tin và Truyền thông"));
        assert_eq!(
            h.issuer_parent.as_deref(),
            Some("UBND tỉnh Bà Rịa - Vũng Tàu")
        );
        assert_eq!(h.doc_type.as_deref(), Some("Hướng dẫn"));
        assert!(!h.motto);
    }

    #[test]
    fn header_broken_over_lines() {
        let h = header(
            "ỦY\nBAN NHÂN DÂN\nTỈNH THÁI NGUYÊN\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố:\n29/KH-UBND\n|\nThái\nNguyên, ngày 22 tháng 3 năm 2018\n|\nKẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN ĐỀ ÁN",
        );
        assert_eq!(
            h.issuer.as_deref(),
            Some("Ủy ban nhân dân tỉnh Thái Nguyên")
        );
        assert_eq!(h.issuer_parent, None);
        assert_eq!(h.number.as_deref(), Some("29/KH-UBND"));
        assert_eq!(h.place.as_deref(), Some("Thái Nguyên"));
        assert_eq!(h.date.as_deref(), Some("2018-03-22"));
        assert!(h.motto);
    }

    #[test]
    fn numbers_in_every_form() {
        let n = |s: &str| {
            let h = header(s);
            (h.number, h.type_code, h.issuer_code, h.kind)
        };
        assert_eq!(
            n("Số: 25/2019/QĐ-UBND"),
            (
                Some("25/2019/QĐ-UBND".into()),
                Some("QĐ".into()),
                Some("UBND".into()),
                Some(DocKind::QuyetDinh)
            )
        );
        assert_eq!(n("Số: 36a/NQ-CP").0.as_deref(), Some("36a/NQ-CP"));
        assert_eq!(
            n("Số: 2917 /SGDĐT-VP"),
            (
                Some("2917/SGDĐT-VP".into()),
                None,
                Some("SGDĐT-VP".into()),
                Some(DocKind::CongVan)
            )
        );
        assert_eq!(
            n("Số 445-KL/TƯ"),
            (
                Some("445-KL/TU".into()),
                Some("KL".into()),
                Some("TU".into()),
                Some(DocKind::KetLuan)
            )
        );
        assert_eq!(n("Số: 12/KH-HĐTĐKT").2.as_deref(), Some("HĐTĐKT"));
        assert_eq!(n("Số: 5/TTr-UBND").1.as_deref(), Some("TTr"));
        assert_eq!(n("S6: 161/KH-UBND").0.as_deref(), Some("161/KH-UBND"));
    }

    #[test]
    fn official_letter_with_subject() {
        let h = header(
            "UBND TỈNH NINH BÌNH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 123/SGDĐT-TĐKT\nV/v hướng dẫn công tác thi đua năm học 2024-2025\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nNinh Bình, ngày 2 tháng 10 năm 2024\nKính gửi: Các trường học",
        );
        assert_eq!(h.kind, Some(DocKind::CongVan));
        assert_eq!(h.doc_type.as_deref(), Some("Công văn"));
        assert_eq!(h.issuer_code.as_deref(), Some("SGDĐT-TĐKT"));
        assert_eq!(
            h.title.as_deref(),
            Some("hướng dẫn công tác thi đua năm học 2024-2025")
        );
        assert_eq!(h.date.as_deref(), Some("2024-10-02"));
        assert_eq!(h.issuer.as_deref(), Some("Sở Giáo dục và Đào tạo"));
    }

    #[test]
    fn party_committee_and_city_place() {
        let h = header(
            "TỈNH ỦY THỪA THIÊN HUẾ\nĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 445-KL/TƯ\nThừa Thiên Huế, ngày 13 tháng 5 năm 2022\nK ÉT LUẬN\nHỘI NGHỊ LẦN THỨ BẢY\nvề xây dựng hạ tầng",
        );
        assert_eq!(h.issuer.as_deref(), Some("Tỉnh ủy Thừa Thiên Huế"));
        assert!(!h.motto);
        assert_eq!(h.kind, Some(DocKind::KetLuan));
        assert_eq!(
            h.title.as_deref(),
            Some("HỘI NGHỊ LẦN THỨ BẢY về xây dựng hạ tầng")
        );
        let h = header("Số: 1/KH-UBND Thành phố Hồ Chí Minh, ngày 2 tháng 1 năm 2024");
        assert_eq!(h.place.as_deref(), Some("Thành phố Hồ Chí Minh"));
    }

    #[test]
    fn the_place_stands_before_a_day_ocr_misread() {
        // A day read with a letter or an extra digit: the place is still the place, and no
        // date is made up.
        for line in [
            "Quảng Nam, ngày t3 tháng 7 năm 2023",
            "Quảng Nam, ngày từ tháng 7 năm 2023",
            "Quảng Nam, ngày 237 tháng 7 năm 2023",
        ] {
            let h = header(&format!(
                "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nSố: 4544/KH-UBND\n{line}\nKẾ HOẠCH\nGiám sát"
            ));
            assert_eq!(h.place.as_deref(), Some("Quảng Nam"), "{line}");
            assert_eq!(h.date, None, "{line}");
            assert_eq!(h.number.as_deref(), Some("4544/KH-UBND"));
        }
        // "ngày" without "tháng" after one word is no date line: no place.
        let h = header("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nQuảng Nam, ngày mai\nKẾ HOẠCH\nGiám sát");
        assert_eq!(h.place, None);
    }

    #[test]
    fn a_speck_before_the_subject_is_not_part_of_it() {
        let h = header(
            "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 85/KH-UBND\nHà Nội, ngày 27 tháng 5 năm 2013\nKẾ HOẠCH\n.Phòng, chống tai nạn thương tích",
        );
        assert_eq!(h.title.as_deref(), Some("Phòng, chống tai nạn thương tích"));
    }

    #[test]
    fn dust_after_a_body_name_is_not_part_of_it() {
        let h = header(
            "UBND TỈNH PHÚ THỌ,\nSỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH”\nSố: 02/HD-SVHTTDL\nPhú Thọ, ngày 6 tháng 1 năm 2017\nHƯỚNG DẪN\nTổ chức Chương trình",
        );
        assert_eq!(h.issuer_parent.as_deref(), Some("UBND tỉnh Phú Thọ"));
        assert_eq!(h.issuer.as_deref(), Some("Sở Văn hóa, Thể thao và Du lịch"));
    }

    #[test]
    fn a_copys_place_and_date_line_read_through_its_dust() {
        // The comma read as another glyph; the 1 of the day as a dagger.
        let h = header("TỈNH ỦY THỪA THIÊN HUẾ\nSố 445-KL/TU\nThừa Thiên Huế? ngày †3 tháng 5 năm 2022\nKẾT LUẬN\nHội nghị");
        assert_eq!(h.place.as_deref(), Some("Thừa Thiên Huế"));
        assert_eq!(h.date.as_deref(), Some("2022-05-13"));
        let h = header("ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 1209/QĐ-UBND\nHà Giang: ngày 24 tháng 06 năm 201-3\nQUYẾT ĐỊNH\nVề việc");
        assert_eq!(h.place.as_deref(), Some("Hà Giang"));
        assert_eq!(h.date.as_deref(), Some("2013-06-24"));
        // A speck glued after the place's first syllable.
        let h = header("TỈNH ỦY THỪA THIÊN HUẾ\nSố 445-KL/TU\nThừa. Thiên Huế, ngày 13 tháng 5 năm 2022\nKẾT LUẬN\nHội nghị");
        assert_eq!(h.place.as_deref(), Some("Thừa Thiên Huế"));
        // But the abbreviation of a level keeps its dot and stays out of the name.
        let h = header("ỦY BAN NHÂN DÂN\nSố: 12/KH-UBND\nTP. Hồ Chí Minh, ngày 3 tháng 2 năm 2024\nKẾ HOẠCH\nVề việc");
        assert_eq!(h.place.as_deref(), Some("TP. Hồ Chí Minh"));
    }

    #[test]
    fn a_copys_number_label_and_party_code_read_through_their_dust() {
        let h = header("TỈNH ỦY THỪA THIÊN HUẾ\n-Số 445-KL/TU\nThừa Thiên Huế, ngày 13 tháng 5 năm 2022\nKẾT LUẬN\nHội nghị");
        assert_eq!(h.number.as_deref(), Some("445-KL/TU"));
        let h = header("TỈNH ỦY THỪA THIÊN HUẾ\nSố 445-KI.,/TU\nThừa Thiên Huế, ngày 13 tháng 5 năm 2022\nKẾT LUẬN\nHội nghị");
        assert_eq!(h.number.as_deref(), Some("445-KL/TU"));
        assert_eq!(h.issuer.as_deref(), Some("Tỉnh ủy Thừa Thiên Huế"));
    }

    #[test]
    fn the_word_ngay_with_its_strokes_broken() {
        for day in ["Tigày", "rigày", "ngàv"] {
            let h = header(&format!("ỦY BAN NHÂN DÂN\nTỈNH THỪA THIÊN HUẾ\nSố: 383/QĐ-UBND\nThừa Thiên Huế, {day} 27 tháng 02 năm 2017\nQUYẾT ĐỊNH\nPhê duyệt Kiến trúc"));
            assert_eq!(h.date.as_deref(), Some("2017-02-27"), "{day}");
            assert_eq!(h.place.as_deref(), Some("Thừa Thiên Huế"), "{day}");
        }
    }

    #[test]
    fn a_number_label_read_as_a_section_sign_or_a_slashed_o() {
        for label in ["§6:", "¬§o:", ".§6:"] {
            let h = header(&format!("UBND TỈNH NINH THUẬN\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n{label} 2917/SGDĐT-VP\nV/v báo cáo nhanh\nNinh Thuận, ngày 5 tháng 11 năm 2010"));
            assert_eq!(h.number.as_deref(), Some("2917/SGDĐT-VP"), "{label}");
            assert_eq!(
                h.issuer.as_deref(),
                Some("Sở Giáo dục và Đào tạo"),
                "{label}"
            );
        }
        let h = header("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSØ:.1277/BGDĐT-QLCL.,\nV/v hướng dẫn tổ chức Kỳ thi\nHà Nội, ngày 29 tháng 3 năm 2024");
        assert_eq!(h.number.as_deref(), Some("1277/BGDĐT-QLCL"));
    }

    #[test]
    fn a_damaged_vv_label_right_under_the_number() {
        for label in ["Vi", "⁄y", "Vzv", "V¿v"] {
            let h = header(&format!("UBND TỈNH NINH THUẬN\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 2917/SGDĐT-VP\n{label} báo cáo nhanh tình hình\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nNinh Thuận, ngày 5 tháng 11 năm 2010\nKính gửi: Bộ Giáo dục và Đào tạo"));
            assert_eq!(
                h.title.as_deref(),
                Some("báo cáo nhanh tình hình"),
                "{label}"
            );
        }
        // The right-hand cell's lines read between the number and the label.
        let h = header("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1277/BGDĐT-QLCL\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nVzv hướng dẫn tổ chức Kỳ thi\nHà Nội, ngày 22 tháng 3 năm 2024\nKính gửi: Các Sở Giáo dục và Đào tạo");
        assert_eq!(h.title.as_deref(), Some("hướng dẫn tổ chức Kỳ thi"));
        // Another line between the number and it: no label.
        let h = header("UBND TỈNH NINH THUẬN\nSố: 2917/SGDĐT-VP\nVề công tác phòng chống lụt bão\nVi báo cáo nhanh\nNinh Thuận, ngày 5 tháng 11 năm 2010");
        assert_ne!(h.title.as_deref(), Some("báo cáo nhanh"));
        assert_eq!(super::super::ocr::damaged_vv_label("Vi Báo cáo"), None);
        assert_eq!(super::super::ocr::damaged_vv_label("Về báo cáo"), None);
    }
}
