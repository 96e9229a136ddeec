//! Legal bases: the "Căn cứ ..." / "Thực hiện ..." / "Trên cơ sở ..." opening, and the items of
//! a numbered "CĂN CỨ ..." part, split into cited documents.
//!
//! One paragraph often cites several documents, separated by ";" or run on with "," and "và"
//! ("Luật Hộ tịch năm 2014, Nghị định số 123/2015/NĐ-CP ... và Quyết định số 101/QĐ-TTg"), and
//! a line break can fall inside a number ("3179/QĐ-" / "UBND"), so items are cut from the
//! joined paragraph.

use std::sync::LazyLock;

use regex::Regex;

use super::doctypes::{canonical_code, cited_names, code, kind_for_name};
use super::lines::{skel, Skeleton, View};
use super::model::{LegalBasis, Section, SectionKind};
use super::names::code_letters;

/// Bytes after a type name within which its number ("... số 06/2022/QH15") or date is looked
/// for: a law's short name runs to about 80 bytes; further on, "số" belongs to the subject.
const CITATION_REACH: usize = 80;

/// A document number: digits (with a letter: "36a"), then "/" or "-" parts ("25/2019/QĐ-UBND",
/// "02-NQ/TU", "12/KH-HĐTĐKT", "5/TT&TT-VP"); a 1 of its serial may be read as a stroke or a
/// dagger ("!79/2009/NQ-HĐND", "18†9/QĐ-TTg", `ocr::ONE`), and its slash may be read as the fraction or division
/// slash of the same stroke ("71⁄NQ-CP").
static NUMBER_BODY: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"((?:{one})?\d(?:{one}?\d)*[a-z]?(?:\s*[/\-⁄∕]\s*[0-9a-z&]+)+)",
        one = super::ocr::ONE
    )
});

/// The number right after the type ("Quyết định 749/..."), after "số", or after "số" a few
/// words on ("Luật Thi đua, khen thưởng số 06/2022/QH15", "các Quyết định của Thủ tướng
/// Chính phủ: số 1400/..."); a speck read after "số" ("số, 10401/...", "số -185-KH/TU") is
/// OCR's, as after the header's "Số:" label (`ocr::SPECK`).
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let so = super::ocr::NUMBER_WORD;
    let body = NUMBER_BODY.as_str();
    // A colon typed after "số", or a speck glyph other than ";" (which ends an item): a number
    // starts with a digit, so a dash in front of it ("số -185-KH/TU") is dust too.
    let dust = r"[:,.\-'`_~]";
    Regex::new(&format!(
        r"^(?:\s*|\s*{so}\s*{dust}?\s*|[^;]{{0,{CITATION_REACH}}}?\s{so}\s*{dust}?\s*){body}"
    ))
    .expect("valid regex")
});
/// "ngày 27/9/2019", "ngày 19 tháng 6 năm 2015"; web copies glue the words to the digits
/// ("ngày29", "16tháng5"), so the spaces are optional; a speck OCR glued between a word and
/// its number ("tháng.6", `ocr::SPECK`) is passed over, as in the header's date line.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"ngay\s*{s}?\s*(\d{{1,2}})\s*{s}?\s*(?:/\s*(\d{{1,2}})\s*/\s*(\d{{4}})|thang\s*{s}?\s*(\d{{1,2}})\s*{s}?\s*nam\s*{s}?\s*(\d{{4}}))",
        s = super::ocr::SPECK,
    ))
    .expect("valid regex")
});
static ISSUER_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[,;(:]|\s(?:ve|phe duyet|ban hanh|quy dinh|huong dan|tai|trien khai|thuc hien|so)\s",
    )
    .expect("valid regex")
});
/// A document's symbol anywhere in a skeleton: digits, then "/" or "-" and a code.
static SYMBOL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d[a-z]?\s*[/\-⁄∕]\s*[a-z]").expect("valid regex"));

/// Where a new cited document starts inside a paragraph: a type name after ",", ";", "." or
/// "và", possibly after an opener ("... . Trên cơ sở Kế hoạch ...") and "các" for a list; and
/// after ":", the semicolon as a copy reads it when a speck joins its comma to its dot ("...
/// hội nhập quốc tế: Nghị quyết 36a/NQ-CP ...", the ":"/";" pair of `ocr::NUMBER_LABEL`), when
/// the text before it already cited a document by its symbol (`items`).
static ITEM_START: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<String> = cited_names()
        .into_iter()
        .map(|n| regex::escape(&skel(n)))
        .collect();
    Regex::new(&format!(
        r"(?:[,;.:]\s*|\sva\s+)(?P<item>(?:(?:can cu|thuc hien|tren co so)\s+)?(?:cac\s+)?(?P<name>{}))\b",
        names.join("|")
    ))
    .expect("valid regex")
});

/// Whether a line opens a legal basis ("Căn cứ ...", "Thực hiện <document> ...", "Trên cơ sở
/// <document> ...").
pub fn is_opener(text: &str) -> bool {
    let text = unbulleted(text);
    // An opener begins a sentence; "thực hiện các chương trình" at the start of a line broken
    // mid-sentence does not.
    if !text.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let k = skel(text);
    if can_cu_len(&k).is_some() || after_damaged_can_cu(&k).is_some() {
        return true;
    }
    // "THỰC HIỆN CHƯƠNG TRÌNH ..." in capitals is a subject line, not a basis: bases are
    // running text.
    if super::lines::is_upper(text) {
        return false;
    }
    // The opening phrase, then a space or a speck read beside it ("Thực hiện. Nghị quyết").
    for lead in ["thuc hien", "tren co so"] {
        if let Some(rest) = k.strip_prefix(lead) {
            return rest.starts_with(|c: char| !c.is_alphanumeric()) && starts_with_type(rest);
        }
    }
    false
}

/// The length of the opening "Căn cứ " at the start of the skeleton `k`, also with a speck read
/// in its word gap, glued after its first word or glued before the cited document ("Căn.cứ
/// Luật ...", "Căn, cứ", "Căn cứ-Luật ..."): the phrase is two fixed words and dust on a copy
/// falls anywhere.
fn can_cu_len(k: &str) -> Option<usize> {
    // A word gap: a space, or up to three glyphs of dust and spaces ("căn.cứ", "cứ-Luật").
    let gap = |s: &str| {
        let n = s.len()
            - s.trim_start_matches(|c: char| c == ' ' || super::ocr::is_speck(c))
                .len();
        (1..=3).contains(&n).then_some(n)
    };
    let rest = k.strip_prefix("can")?;
    let inner = gap(rest)?;
    let after = rest[inner..].strip_prefix("cu")?;
    // Dust may fall in the gap after "cứ" as well as inside the phrase.
    let outer = gap(after)?;
    Some(3 + inner + 2 + outer)
}

/// `text` without a list dash or bullet in front ("- Căn cứ Luật ...;"): plans list their bases
/// as dash items too, and OCR reads a speck before a line's first word as a dash or another
/// speck glyph ("'Thực hiện Nghị quyết ...", `ocr::is_speck`).
fn unbulleted(text: &str) -> &str {
    // A quote mark or guillemet before a line's first word is dust too (no basis opens with
    // one), and dust may leave more than one glyph (".‹Căn cứ").
    let lead =
        |c: char| super::ocr::is_speck(c) || matches!(c, '+' | '•' | '*' | '"' | '“' | '‹' | '«');
    let t = text.trim_start();
    if t.starts_with(lead) {
        t.trim_start_matches(|c: char| lead(c) || c.is_whitespace())
    } else {
        text
    }
}

/// "Căn cứ" damaged by OCR beyond what restoration mends ("Cari clr Nghị định số ...", "Cần
/// ett Chỉ thị số ..."): two short words, the first a C-word near "căn", followed at once by the
/// name of a document type and its number. That is the form every "Căn cứ <type> số <number>"
/// basis takes; OCR damages the small marked letters of the opening ("ă", "ứ") and keeps the
/// capital C, the type name and the number ("Ban hành Quyết định số ..." is no basis).
/// Returns the skeleton after the two damaged words (from the type name on).
/// The C may be read as a G ("Gắn cứ Nghị quyết số 05-NQ/TU ...", the C/G pair of
/// `ocr::CAPITAL_LOOKALIKES`).
fn after_damaged_can_cu(k: &str) -> Option<&str> {
    let mut words = k.splitn(3, ' ');
    let (first, second, rest) = (words.next()?, words.next()?, words.next()?);
    (first.starts_with(['c', 'g'])
        && super::ocr::near(first, "can", 2)
        && second.chars().count() <= 4
        && starts_with_type(rest)
        && NUMBER.is_match(&rest[rest.find(' ').unwrap_or(rest.len())..]))
    .then_some(rest)
}

/// Every cited type name with its words as skeletons ("Kế hoạch" → [ke, hoach]), longest name
/// first: made once, as every line of a preamble is asked whether it opens a basis and every
/// basis which type it cites.
static TYPE_NAME_WORDS: LazyLock<Vec<(&'static str, Vec<String>)>> = LazyLock::new(|| {
    cited_names()
        .into_iter()
        .map(|n| (n, skel(n).split(' ').map(str::to_string).collect()))
        .collect()
});

/// Whether the skeleton `k` starts with the name of a document type ("ke hoach so ..."), also
/// with a glyph read between the name's words ("ke, hoach", "ke:hoach"): a type name is words
/// of letters only, so anything else between them is dust on a copied page.
fn starts_with_type(k: &str) -> bool {
    let mut words = k
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    // "Căn cứ các Quyết định ...": a list of documents of one type.
    words.next_if_eq(&"cac");
    let longest = TYPE_NAME_WORDS
        .iter()
        .map(|(_, w)| w.len())
        .max()
        .unwrap_or(0);
    let first: Vec<&str> = words.take(longest).collect();
    TYPE_NAME_WORDS
        .iter()
        .any(|(_, name)| name.len() <= first.len() && name.iter().zip(&first).all(|(a, b)| a == b))
}

/// The document type whose name the skeleton `body` starts with, and the bytes of `body` the
/// name takes, also with dust read between the name's words ("ke, hoach so", "ke:hoach so"),
/// as [`starts_with_type`] accepts it: a type name is words of letters only.
fn type_name_at(body: &str) -> Option<(&'static str, usize)> {
    TYPE_NAME_WORDS.iter().find_map(|(name, words)| {
        let mut at = 0;
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                // At least a space or a glyph of dust between two words of the name.
                let gap = body[at..].find(char::is_alphanumeric)?;
                if gap == 0 {
                    return None;
                }
                at += gap;
            }
            at = body.len() - body[at..].strip_prefix(word)?.len();
        }
        let rest = &body[at..];
        (rest.is_empty() || rest.starts_with(' ')).then_some((*name, at))
    })
}

/// Extracts the legal bases from the preamble lines (between header and first section).
pub fn parse(lines: View<'_>, work: &mut usize) -> Vec<LegalBasis> {
    let mut out = Vec::new();
    for para in paragraphs(lines, work) {
        // A dot glued between two syllables is a speck read for the space ("Tỉnh ủy.thực hiện",
        // `ocr::split_glued_dots`), and so is one glued before a word ("ban hành .Kế hoạch",
        // `ocr::without_stops_before_words`): neither ends a cited document.
        let para = super::ocr::without_stops_before_words(&super::ocr::split_glued_dots(&para));
        if !is_opener(&para) {
            continue;
        }
        items(&para, &mut out, work);
    }
    out
}

/// The bases listed as the items of a top-level part whose heading is a "CĂN CỨ ..." ("- Luật
/// Dược số 105/2016/QH13;").
pub fn from_sections(sections: &[Section], work: &mut usize) -> Vec<LegalBasis> {
    let mut out = Vec::new();
    for s in sections
        .iter()
        .filter(|s| s.kinds.contains(&SectionKind::LegalBases))
    {
        for c in &s.children {
            *work += 1;
            let line = if c.text.is_empty() {
                c.heading.clone()
            } else {
                format!("{}: {}", c.heading, c.text)
            };
            items(&line, &mut out, work);
        }
    }
    out
}

/// Cuts one paragraph into cited documents and appends them to `out`.
fn items(para: &str, out: &mut Vec<LegalBasis>, work: &mut usize) {
    let sk = Skeleton::new(para);
    // Item boundaries: every ";", and a type name after ",", "." or "và" that carries its own
    // number or date (a bare name there is part of the previous item's subject: "... một số
    // điều của Luật Thi đua, Khen thưởng và Luật sửa đổi ...").
    let mut cuts = vec![0usize];
    for c in ITEM_START.captures_iter(&sk.text) {
        *work += 1;
        let (whole, item, name) = (
            c.get(0).expect("group 0"),
            c.name("item").expect("item"),
            c.name("name").expect("name"),
        );
        let hard = sk.text[whole.start()..].trim_start().starts_with(';');
        // A colon is a semicolon misread only after a document already cited with its number;
        // otherwise it introduces what follows ("... của Tỉnh ủy: Kế hoạch số ...").
        let colon = sk.text[whole.start()..].trim_start().starts_with(':');
        let last = *cuts.last().expect("cuts start with 0");
        if colon && !SYMBOL.is_match(&sk.text[last..whole.start()]) {
            continue;
        }
        // A cited document's kind is written with a capital ("và Quyết định số ..."); "và
        // hướng dẫn thi hành" is running text.
        let capital = para[sk.orig(name.start())..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if hard || (capital && cites(&sk.text[name.end()..])) {
            cuts.push(item.start());
        }
    }
    cuts.push(sk.text.len());
    let mut list_issuer: Option<String> = None;
    for w in cuts.windows(2) {
        *work += 1;
        let (s, e) = (sk.orig(w[0]), sk.orig(w[1]));
        let segment = para[s..e].trim_start_matches([';', ',', '.', ' ']);
        for piece in segment.split(';') {
            match item(piece) {
                Some((mut basis, list)) => {
                    if list.is_some() {
                        list_issuer = list;
                    }
                    if basis.issuer.is_none() {
                        basis.issuer = list_issuer.clone();
                    }
                    out.push(basis)
                }
                None => {
                    if let Some(last) = out.last_mut() {
                        let tail = tidy(piece);
                        if !tail.is_empty() {
                            last.text.push_str("; ");
                            last.text.push_str(&tail);
                        }
                    }
                }
            }
        }
    }
}

/// Whether the text after a type name (`rest`, from the end of the name) cites a document: a
/// number before any other document is named (whose number it would be), or a date within
/// reach ("Luật Sửa đổi, bổ sung ... của Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005").
fn cites(rest: &str) -> bool {
    let reach = super::lines::prefix(rest, CITATION_REACH + 40);
    let next = cited_names()
        .iter()
        .filter_map(|n| reach.find(&format!(" {}", skel(n))))
        .min()
        .unwrap_or(reach.len());
    NUMBER.is_match(&reach[..next]) || DATE.is_match(reach)
}

/// Words no Vietnamese sentence ends on, as skeletons: prepositions, conjunctions and the
/// words that announce a number ("của", "và", "về", "với", "các", "những", "số", "ngày",
/// "tháng", "hoặc", "để", "nhằm") all want what follows them. A stop read after one at a line's
/// end ("... ngày 22/12/2024 của." / "Bộ Chính trị ...") is dust on a copy, not a sentence's end.
const NEVER_LAST: &[&str] = &[
    "cua", "va", "ve", "voi", "cac", "nhung", "so", "ngay", "thang", "hoac", "de", "nham",
];

/// Whether a line ends a sentence or a cited document: it ends with ".", ";" or ":" after a
/// word a sentence can end on ([`NEVER_LAST`]).
pub fn closes_sentence(text: &str) -> bool {
    let t = text.trim_end();
    let Some(body) = t.strip_suffix(['.', ';', ':']) else {
        return false;
    };
    let last = body
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    !NEVER_LAST.contains(&skel(last).as_str())
}

/// Whether a line continues a list of cited documents after ";" rather than starting a new
/// sentence: it begins with a document type ("Căn cứ Nghị quyết số ...; / Quyết định số ...").
pub fn continues_list(text: &str) -> bool {
    starts_with_type(&skel(text))
}

/// Joins lines into paragraphs: a paragraph ends before an opener; after a line ending in "."
/// when the next starts with a capital, or after ";" when the next starts with a capital that
/// is not a document type (the decree closes each cited document with ";"; a capital after it
/// starts the next sentence, such as the proposal "Theo đề nghị ...", which is not a basis,
/// unless it names the next document of the same list); and at a blank line when the next
/// line starts with a capital that does not continue a list. A line after a blank that starts
/// in lower case or with a digit continues the paragraph: OCR text puts blank lines between
/// the lines of one paragraph ("Nghị định số" / "" / "27/2022/NĐ-CP ...").
fn paragraphs(lines: View<'_>, work: &mut usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut after_blank = false;
    for line in lines.iter() {
        *work += 1;
        if line.is_blank() {
            after_blank = true;
            continue;
        }
        let starts_upper = line.text.chars().next().is_some_and(char::is_uppercase);
        let next_item = starts_upper && !continues_list(line.text);
        let new_para = is_opener(line.text)
            || skel(line.text).starts_with("de ")
            || (after_blank && next_item)
            || (cur.ends_with('.') && starts_upper && closes_sentence(&cur))
            || (cur.ends_with(';') && next_item && closes_sentence(&cur));
        after_blank = false;
        if new_para && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(line.text);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn tidy(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', ',', ';', ' '])
        .trim()
        .to_string()
}

/// A number as the decree spells it: no spaces, codes without marks ("TƯ" → "TU"), type codes
/// in the decree's capitals ("TTR" → "TTr") and the Prime Minister's code "TTg" (Decree
/// 30/2020/NĐ-CP, appendix III and VI).
fn normalise_number(raw: &str) -> String {
    let compact: String = raw.split_whitespace().collect();
    let mut out = String::with_capacity(compact.len());
    let mut part = String::new();
    let flush = |part: &mut String, out: &mut String| {
        let p = super::ocr::lost_t_of_tw(&super::ocr::slash_for_seven(&code_letters(part)));
        // "TTg" is the only code with a small letter (Decree 30, appendix VI): a part of two
        // capitals and a "g" holding a T is it with one capital misread ("TYg", "ITg"), and one
        // of three capitals is it with one added ("TTTg").
        let ttg_misread = {
            let cs: Vec<char> = p.chars().collect();
            (3..=4).contains(&cs.len())
                && cs[cs.len() - 1] == 'g'
                && cs[..cs.len() - 1].iter().all(|c| c.is_uppercase())
                && cs[..cs.len() - 1].contains(&'T')
        };
        let p = if p.eq_ignore_ascii_case("ttg") || ttg_misread {
            "TTg".to_string()
        } else if let Some(mended) = (!out.is_empty())
            .then(|| super::ocr::mend_body_code(&p))
            .flatten()
        {
            mended
        } else {
            canonical_code(&p)
                .filter(|_| p.chars().any(char::is_alphabetic) && p.len() > 1)
                .map_or(p, str::to_string)
        };
        out.push_str(&p);
        part.clear();
    };
    for c in compact.chars() {
        if matches!(c, '/' | '⁄' | '∕') || super::lines::is_dash(c) {
            flush(&mut part, &mut out);
            out.push(if super::lines::is_dash(c) { '-' } else { '/' });
        } else {
            part.push(c);
        }
    }
    flush(&mut part, &mut out);
    out
}

/// One cited document from a segment, if it starts with a document type; with the issuer a
/// list gives all its items ("các Quyết định của Thủ tướng Chính phủ: số ...; số ...").
fn item(segment: &str) -> Option<(LegalBasis, Option<String>)> {
    let text = tidy(unbulleted(segment));
    let sk = Skeleton::new(&text);
    let mut body = sk.text.as_str();
    if let Some(rest) = after_damaged_can_cu(body) {
        body = rest;
    }
    // Only "Căn cứ" opens a basis whatever follows it; "Thực hiện" and "Trên cơ sở" open one
    // only before a type name (`is_opener`).
    let can_cu = can_cu_len(body);
    let after_can_cu = can_cu.is_some();
    if let Some(n) = can_cu {
        body = &body[n..];
    }
    for prefix in ["vao ", "thuc hien ", "tren co so ", "va ", "cac "] {
        body = body.strip_prefix(prefix).unwrap_or(body);
        // A speck or bracket OCR read before the cited type ("Căn cứ [Luật ...") is dust: the
        // opening is followed by the type's name.
        body = body
            .trim_start_matches(|c: char| super::ocr::is_speck(c) || matches!(c, '[' | '(' | '{'));
    }
    let plural = sk.text[..sk.text.len() - body.len()].ends_with("cac ");
    let offset = sk.text.len() - body.len();
    let (name, after) = match type_name_at(body) {
        Some((name, len)) => (Some(name), offset + len),
        // "Căn cứ" followed by a citation whose type name OCR damaged beyond reading ("Căn cứ
        // 1uuật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001"): a basis of unknown type. What
        // follows "Căn cứ" without citing a number or a date ("Căn cứ tình hình thực tế") is
        // no document.
        None if after_can_cu && cites(body) => (None, offset),
        None => return None,
    };
    let mut basis = LegalBasis {
        text: text[sk.orig(offset)..].to_string(),
        doc_type: name.map(str::to_string),
        ..LegalBasis::default()
    };
    let mut list_issuer = None;
    let mut pos = after;
    if let Some(m) = NUMBER.captures(&sk.text[pos..]) {
        let g = m.get(1).expect("group 1");
        // "các Quyết định của Thủ tướng Chính phủ: số ...": the issuer of the whole list.
        let lead = &sk.text[pos..pos + g.start()];
        if plural {
            if let Some(at) = lead.find(" cua ") {
                let from = pos + at + " cua ".len();
                let tail = &sk.text[from..pos + g.start()];
                let end = ISSUER_STOP.find(tail).map_or(tail.len(), |m| m.start());
                let issuer = text[sk.orig(from)..sk.orig(from + end)].trim();
                if !issuer.is_empty() {
                    list_issuer = Some(issuer.to_string());
                }
            }
        }
        let raw = &text[sk.orig(pos + g.start())..sk.orig(pos + g.end())];
        let kept = super::ocr::without_stray_word(raw);
        let number = super::dates::mend_number_year(&normalise_number(&super::ocr::serial(kept)));
        basis.number = Some(match name.and_then(kind_for_name).and_then(code) {
            Some(c) => super::ocr::mend_type_code(&number, c),
            None => number,
        });
        // Skeleton and text have the same characters, so the kept part's skeleton length is
        // where the number ends in the skeleton.
        pos += g.start() + skel(kept).len();
    }
    if let Some(m) = DATE.captures(&sk.text[pos..]) {
        let n = |i: usize| m.get(i).and_then(|g| g.as_str().parse::<u32>().ok());
        let (d, mo, y) = match (n(2), n(3)) {
            (Some(mo), Some(y)) => (n(1), Some(mo), Some(y)),
            _ => (n(1), n(4), n(5)),
        };
        if let (Some(d), Some(mo), Some(y)) = (d, mo, y) {
            basis.date = super::dates::iso(y, mo, d);
        }
        pos += m.get(0).expect("group 0").end();
    }
    let rest = &sk.text[pos..];
    if let Some(at) = rest.find(" cua ") {
        // The issuer follows the date directly ("ngày 31/12/2023 của Chính phủ").
        if at <= 2 {
            let from = pos + at + " cua ".len();
            let tail = &sk.text[from..];
            let end = ISSUER_STOP.find(tail).map_or(tail.len(), |m| m.start());
            let issuer = text[sk.orig(from)..sk.orig(from + end)].trim();
            // A body's name is at most about 10 words; more is its subject run on.
            let words: Vec<&str> = issuer.split_whitespace().take(12).collect();
            if !words.is_empty() {
                basis.issuer = Some(words.join(" "));
            }
        }
    }
    if basis.issuer.is_none() {
        basis.issuer = list_issuer.clone();
    }
    Some((basis, list_issuer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::lines::Lines;

    fn bases(text: &str) -> Vec<LegalBasis> {
        let lines = Lines::new(text);
        let mut work = 0;
        parse(lines.all(), &mut work)
    }

    #[test]
    fn an_opener_with_dust_between_the_words_of_its_type_name() {
        assert!(is_opener(
            "Thực hiện Kế, hoạch số 106/KH-UBND ngày 12/9/2011 của UBND"
        ));
        assert!(is_opener(
            "Thực hiện Kế:hoạch số 106/KH-UBND ngày 12/9/2011 của UBND"
        ));
        assert!(is_opener(
            "Thực hiện Kế hoạch số 106/KH-UBND ngày 12/9/2011 của UBND"
        ));
        assert!(is_opener(
            "Thực hiện. Nghị quyết số 179/2009/NQ-HĐND ngày 20/4/2009"
        ));
        assert!(is_opener(
            "Căn cứ các Quyết định của Thủ tướng Chính phủ: số 1400/QĐ-TTg"
        ));
        // Running text that only begins like a type name is no opener.
        assert!(!is_opener("Thực hiệnn Nghị quyết số 179/2009/NQ-HĐND"));
        assert!(!is_opener("Thực hiện Kế toán các khoản chi"));
        assert!(!is_opener("Thực hiện các nhiệm vụ được giao"));
    }

    #[test]
    fn a_cited_type_name_with_dust_between_its_words() {
        for line in [
            "Thực hiện Kế:hoạch số 106/KH-UBND ngày 12/9/2011 của UBND thành phố về phòng chống.",
            "Thực hiện Kế, hoạch số 106/KH-UBND ngày 12/9/2011 của UBND thành phố về phòng chống.",
        ] {
            let b = bases(line);
            assert_eq!(b.len(), 1, "{line}");
            assert_eq!(b[0].doc_type.as_deref(), Some("Kế hoạch"));
            assert_eq!(b[0].number.as_deref(), Some("106/KH-UBND"));
            assert_eq!(b[0].date.as_deref(), Some("2011-09-12"));
        }
        // The name's words must still be whole words: "Kế hoạchh" is none.
        assert_eq!(type_name_at("ke hoachh so 1"), None);
        assert_eq!(type_name_at("ke:hoach so 1"), Some(("Kế hoạch", 8)));
    }

    #[test]
    fn after_can_cu_a_citation_whose_type_name_is_unreadable_is_still_a_basis() {
        let b = bases(
            "Căn cứ 1uuật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;\nCăn cứ Nghị định số 42/2010/NĐ-CP ngày 15 tháng 4 năm 2010 của Chính phủ;",
        );
        let got: Vec<_> = b
            .iter()
            .map(|b| {
                (
                    b.doc_type.as_deref(),
                    b.number.as_deref(),
                    b.date.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (None, None, Some("2001-12-25")),
                (Some("Nghị định"), Some("42/2010/NĐ-CP"), Some("2010-04-15"))
            ]
        );
        // "Căn cứ vào" is "Căn cứ".
        let b = bases("Căn cứ vào Hướng dẫn số 12/HD-SNV ngày 02/3/2024 của Sở Nội vụ;");
        assert_eq!(b[0].doc_type.as_deref(), Some("Hướng dẫn"));
        assert_eq!(b[0].number.as_deref(), Some("12/HD-SNV"));
        // What cites neither a number nor a date is no document, and "Thực hiện" needs a type.
        assert!(
            bases("Căn cứ tình hình thực tế của địa phương, Ủy ban nhân dân xã ban hành.")
                .is_empty()
        );
        assert!(bases("Thực hiện 1uuật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;").is_empty());
    }

    #[test]
    fn dust_on_a_copy_neither_hides_nor_adds_a_document() {
        let b = bases(
            "Căn cứ Chỉ thị số 37-CT/TW ngày 03/9/2019 của Ban Bí thư; Kế hoạch số -185-KH/TU ngày 03/01/2020 của Ban Thường vụ Tỉnh ủy.thực hiện Chỉ thị số 37-CT/TW ngày 03/9/2019 của Ban Bí thư.",
        );
        let numbers: Vec<_> = b.iter().map(|b| b.number.as_deref()).collect();
        assert_eq!(numbers, [Some("37-CT/TW"), Some("185-KH/TU")]);
    }

    #[test]
    fn dust_glued_after_can_cu_still_opens_a_basis() {
        assert!(is_opener(
            "Căn cứ-Luật công nghệ thông tin ngày 29 tháng 6 năm 2016:"
        ));
        assert!(is_opener("Căn cứ.,Nghị định số 61/2018/NĐ-CP;"));
        let b = bases("Căn cứ-Luật công nghệ thông tin ngày 29 tháng 6 năm 2016;");
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].doc_type.as_deref(), Some("Luật"));
        // More dust than a word gap holds is no opening.
        assert!(!is_opener("Căn cứ ---- Luật"));
        assert!(!is_opener("Căn cứ"));
    }

    #[test]
    fn a_one_read_as_a_dagger_or_a_stroke_inside_a_serial() {
        let n = |t: &str| {
            bases(t)
                .into_iter()
                .filter_map(|b| b.number)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            n("Căn cứ Quyết định số 18†9/QĐ-TTg của Thủ tướng Chính phủ;"),
            ["1819/QĐ-TTg"]
        );
        assert_eq!(
            n("Căn cứ Quyết định số †819/QĐ-TTTg của Thủ tướng Chính phủ;"),
            ["1819/QĐ-TTg"]
        );
        assert_eq!(
            n("Căn cứ Kế hoạch số 2l5/KH-UBND ngày 3/4/2024;"),
            ["215/KH-UBND"]
        );
        // Letters of the code are never read as digits.
        assert_eq!(
            n("Căn cứ Nghị quyết số 12/NQ-HĐND ngày 3/4/2024;"),
            ["12/NQ-HĐND"]
        );
    }

    #[test]
    fn no_sentence_ends_on_a_word_that_wants_a_complement() {
        assert!(closes_sentence("Nghị quyết số 57-NQ/TW ngày 22/12/2024;"));
        assert!(closes_sentence("của Thủ tướng Chính phủ."));
        assert!(closes_sentence("Hội nghị như sau:"));
        // A stop after "của", "và", "số" is dust: the sentence goes on on the next line.
        assert!(!closes_sentence("ngày 22/12/2024 của."));
        assert!(!closes_sentence("khoa học, công nghệ và;"));
        assert!(!closes_sentence("Căn cứ Quyết định số:"));
        assert!(!closes_sentence("không dấu câu"));
    }

    #[test]
    fn a_speck_in_can_cu_and_a_colon_read_for_a_semicolon() {
        let b = bases("Căn.cứ Luật công nghệ thông tin ngày 29 tháng 6 năm 2016;");
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].doc_type.as_deref(), Some("Luật"));
        assert!(is_opener(
            "Căn.cứ Luật công nghệ thông tin ngày 29 tháng 6 năm 2016;"
        ));
        assert!(is_opener("Căn, cứ Luật công nghệ thông tin;"));
        assert!(!is_opener("Cần cứu trợ ngay"));
        let b = bases(
            "Căn cứ Nghị quyết số 26/NQ-CP ngày 15 tháng 4 năm 2015 của Chính phủ về hội nhập quốc tế: Nghị quyết 36a/NQ-CP ngày 14 tháng 10 năm 2015 của Chính phủ;",
        );
        let numbers: Vec<_> = b.iter().map(|b| b.number.as_deref()).collect();
        assert_eq!(numbers, [Some("26/NQ-CP"), Some("36a/NQ-CP")]);
    }

    #[test]
    fn a_copys_misread_slash_and_body_code_in_a_cited_number() {
        let b = bases(
            "Căn cứ Nghị quyết số 71⁄NQ-CP ngày 01/4/2025 của Chính phủ; Quyết định số 10401/QĐZUBND ngày 20/12/2012; Kế hoạch số 3858/KH-UBNĐ ngày 12/10/2023.",
        );
        let numbers: Vec<_> = b.iter().map(|b| b.number.as_deref()).collect();
        assert_eq!(
            numbers,
            [
                Some("71/NQ-CP"),
                Some("10401/QĐ-UBND"),
                Some("3858/KH-UBND")
            ]
        );
    }

    #[test]
    fn splits_one_paragraph_into_documents() {
        let b = bases(
            "Căn cứ Nghị quyết số 02-NQ/TU ngày 19/11/2021 của\nBan Chấp hành Đảng bộ tỉnh về chuyển đổi số; Quyết định số 571/QĐ-\nUBND ngày 17 tháng 3 năm 2022 của Ủy ban nhân dân tỉnh phê duyệt Đề án.\nĐể hoàn thành mục tiêu",
        );
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].doc_type.as_deref(), Some("Nghị quyết"));
        assert_eq!(b[0].number.as_deref(), Some("02-NQ/TU"));
        assert_eq!(b[0].date.as_deref(), Some("2021-11-19"));
        assert_eq!(b[0].issuer.as_deref(), Some("Ban Chấp hành Đảng bộ tỉnh"));
        assert_eq!(b[1].number.as_deref(), Some("571/QĐ-UBND"));
        assert_eq!(b[1].date.as_deref(), Some("2022-03-17"));
        assert_eq!(b[1].issuer.as_deref(), Some("Ủy ban nhân dân tỉnh"));
    }

    #[test]
    fn documents_run_on_with_commas_and_va() {
        let b = bases(
            "Thực hiện Luật Hộ tịch năm 2014, Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định một số điều của Luật Hộ tịch và Quyết định số 101/QĐ-TTG ngày 23/01/2017 của Thủ tướng Chính phủ về việc phê duyệt; Ủy ban nhân dân tỉnh ban hành Kế hoạch",
        );
        let n: Vec<Option<&str>> = b.iter().map(|b| b.number.as_deref()).collect();
        assert_eq!(n, [None, Some("123/2015/NĐ-CP"), Some("101/QĐ-TTg")]);
        let b = bases(
            "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003 và Luật Sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005;\nCăn cứ Nghị định số 42/2010/NĐ-CP ngày 15 tháng 4 năm 2010 của Chính phủ quy định chi tiết Luật Thi đua, Khen thưởng và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng.",
        );
        let d: Vec<Option<&str>> = b.iter().map(|b| b.date.as_deref()).collect();
        assert_eq!(
            d,
            [Some("2003-11-26"), Some("2005-06-14"), Some("2010-04-15")]
        );
    }

    #[test]
    fn a_list_gives_its_type_and_issuer_to_every_item() {
        let b = bases(
            "Căn cứ các Quyết định của Thủ tướng Chính phủ: số 1400/QĐ-TTg ngày 30/9/2008 về việc phê duyệt Đề án; Quyết định số 2080/QĐ-TTg ngày 22/12/2017 phê duyệt điều chỉnh;",
        );
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].number.as_deref(), Some("1400/QĐ-TTg"));
        assert_eq!(b[0].issuer.as_deref(), Some("Thủ tướng Chính phủ"));
        assert_eq!(b[1].issuer.as_deref(), Some("Thủ tướng Chính phủ"));
    }

    #[test]
    fn numbers_in_every_form() {
        let n = |s: &str| bases(s)[0].number.clone();
        assert_eq!(
            n("Căn cứ Nghị quyết số 36a/NQ-CP ngày 14/10/2015").as_deref(),
            Some("36a/NQ-CP")
        );
        assert_eq!(
            n("Căn cứ Công văn số 2160/BTTTT-THH ngày 1/6/2023").as_deref(),
            Some("2160/BTTTT-THH")
        );
        assert_eq!(
            n("Căn cứ Kế hoạch số 12/KH-HĐTĐKT ngày 1/6/2023").as_deref(),
            Some("12/KH-HĐTĐKT")
        );
        assert_eq!(
            n("Trên cơ sở Kế hoạch số 6103/KH-UBND ngày 16/9/2022").as_deref(),
            Some("6103/KH-UBND")
        );
        assert_eq!(
            n("Căn cứ Tờ trình số 164/TTR- SKHCN").as_deref(),
            Some("164/TTr-SKHCN")
        );
    }
}
