//! A PDF font as a text-layer reader needs it: which bytes make one character code, what
//! Unicode text each code stands for (the `ToUnicode` map first, else the simple font's
//! encoding with its `Differences`), how far each glyph advances, and how tall the glyphs
//! stand above and below the baseline. Every size read from the file is capped: a hostile
//! font cannot make this allocate or loop without bound.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};
use unicode_normalization::UnicodeNormalization;

/// Most bytes a `ToUnicode` CMap may unpack to: a full two-byte map written one code a line
/// is about 2 MiB; more is not a map.
const MAX_CMAP_BYTES: u64 = 4 << 20;
/// Most entries kept from a CMap or a `/W` width array (a two-byte font has 65536 codes).
const MAX_ENTRIES: usize = 1 << 17;

/// Where a code's text comes from in a `bfrange`.
#[derive(Debug, Clone)]
enum RangeTarget {
    /// The first code's UTF-16 value; each later code adds one to its last unit.
    Start(Vec<u16>),
    /// One string per code.
    List(Vec<String>),
}

/// One font of a page's resources, ready to decode shown strings.
#[derive(Debug, Clone, Default)]
pub struct Font {
    /// Codes are two bytes (a Type 0 font with an `Identity-H`/`-V` or other two-byte CMap).
    pub two_byte: bool,
    to_unicode: HashMap<u32, String>,
    ranges: Vec<(u32, u32, RangeTarget)>,
    /// A simple font's code → character table from its encoding and `Differences`.
    simple: Option<[Option<char>; 256]>,
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Top of the glyphs above the baseline, in text space units (1/1000 em).
    pub ascent: f32,
    /// Bottom of the glyphs below the baseline (negative), 1/1000 em.
    pub descent: f32,
}

/// One decoded character code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    /// The text the code stands for; U+FFFD when the font does not say.
    pub text: String,
    /// Advance width in 1/1000 em.
    pub width: f32,
    /// The single-byte code 32, to which word spacing (`Tw`) applies.
    pub is_space: bool,
}

impl Font {
    /// Loads the font dictionary `d`. Never fails: what cannot be read is left out, and
    /// codes it would have mapped decode to U+FFFD (which the usability rule counts).
    pub fn load(doc: &Document, d: &Dictionary) -> Font {
        let subtype = name_of(doc, d, b"Subtype").unwrap_or_default();
        let mut font = Font {
            default_width: 500.0,
            ascent: 800.0,
            descent: -200.0,
            ..Font::default()
        };
        let mut descriptor = deref_dict(doc, d, b"FontDescriptor");
        if subtype == b"Type0" {
            font.two_byte = true;
            let descendant = d
                .get_deref(b"DescendantFonts", doc)
                .ok()
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok());
            if let Some(cid) = descendant {
                font.default_width = num(doc, cid, b"DW").unwrap_or(1000.0);
                font.widths = cid_widths(doc, cid);
                descriptor = deref_dict(doc, cid, b"FontDescriptor");
            }
        } else {
            font.simple = Some(simple_table(doc, d));
            font.widths = simple_widths(doc, d);
            if let Some(missing) = descriptor.and_then(|fd| num(doc, fd, b"MissingWidth")) {
                font.default_width = missing;
            }
        }
        if let Some(fd) = descriptor {
            let ascent = num(doc, fd, b"Ascent").unwrap_or(800.0);
            let descent = num(doc, fd, b"Descent").unwrap_or(-200.0);
            // Producers write 0 or nonsense here; keep what a real face can have.
            if (300.0..=1500.0).contains(&ascent) && (-600.0..=0.0).contains(&descent) {
                font.ascent = ascent;
                font.descent = descent;
            }
        }
        if let Some(cmap) = d
            .get_deref(b"ToUnicode", doc)
            .ok()
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| super::pdf_text::unpack(s, MAX_CMAP_BYTES))
        {
            font.read_cmap(&cmap);
        }
        font
    }

    /// The codes of a shown string, in order.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Code> {
        let step = if self.two_byte { 2 } else { 1 };
        bytes
            .chunks(step)
            .map(|c| {
                let code = c.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
                Code {
                    text: self.text_of(code),
                    width: self
                        .widths
                        .get(&code)
                        .copied()
                        .unwrap_or(self.default_width),
                    is_space: !self.two_byte && code == 32,
                }
            })
            .collect()
    }

    fn text_of(&self, code: u32) -> String {
        if let Some(t) = self.to_unicode.get(&code) {
            return t.clone();
        }
        for (lo, hi, target) in &self.ranges {
            if (*lo..=*hi).contains(&code) {
                let k = code - lo;
                return match target {
                    RangeTarget::Start(units) => {
                        let mut units = units.clone();
                        if let Some(last) = units.last_mut() {
                            *last = last.wrapping_add(k as u16);
                        }
                        String::from_utf16_lossy(&units)
                    }
                    RangeTarget::List(list) => list
                        .get(k as usize)
                        .cloned()
                        .unwrap_or_else(|| '\u{FFFD}'.to_string()),
                };
            }
        }
        match &self.simple {
            Some(table) => table[(code & 0xFF) as usize]
                .unwrap_or('\u{FFFD}')
                .to_string(),
            // A two-byte code the font does not map: its text is not known.
            None => '\u{FFFD}'.to_string(),
        }
    }

    /// Reads the `bfchar` and `bfrange` sections of a `ToUnicode` CMap.
    fn read_cmap(&mut self, cmap: &[u8]) {
        let tokens = tokens(cmap);
        let mut i = 0;
        let mut section: Option<&[u8]> = None;
        while i < tokens.len() {
            match &tokens[i] {
                Token::Word(w) if w == b"beginbfchar" || w == b"beginbfrange" => {
                    section = Some(if w == b"beginbfchar" {
                        b"char"
                    } else {
                        b"range"
                    });
                    i += 1;
                }
                Token::Word(w) if w == b"endbfchar" || w == b"endbfrange" => {
                    section = None;
                    i += 1;
                }
                Token::Hex(src) if section == Some(b"char") => {
                    if let Some(Token::Hex(dst)) = tokens.get(i + 1) {
                        if self.to_unicode.len() < MAX_ENTRIES {
                            self.to_unicode.insert(code(src), utf16(dst));
                        }
                    }
                    i += 2;
                }
                Token::Hex(lo) if section == Some(b"range") => {
                    let (Some(Token::Hex(hi)), Some(target)) =
                        (tokens.get(i + 1), tokens.get(i + 2))
                    else {
                        i += 1;
                        continue;
                    };
                    let (lo, hi) = (code(lo), code(hi));
                    let target = match target {
                        Token::Hex(dst) => Some(RangeTarget::Start(units(dst))),
                        Token::Open => {
                            let mut list = Vec::new();
                            let mut j = i + 3;
                            while let Some(Token::Hex(d)) = tokens.get(j) {
                                list.push(utf16(d));
                                j += 1;
                            }
                            i = j;
                            Some(RangeTarget::List(list))
                        }
                        _ => None,
                    };
                    if let Some(t) = target {
                        if lo <= hi && self.ranges.len() < MAX_ENTRIES {
                            self.ranges.push((lo, hi, t));
                        }
                    }
                    i += 3;
                }
                _ => i += 1,
            }
        }
    }
}

#[derive(Debug, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Word(Vec<u8>),
    Open,
}

/// The CMap's tokens that matter: hex strings, `[`, and bare words (operators, names).
fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'<' => {
                let end = data[i + 1..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| i + 1 + p);
                let hex: Vec<u8> = data[i + 1..end]
                    .iter()
                    .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let bytes = hex
                    .chunks(2)
                    .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
                    .collect();
                out.push(Token::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b if b.is_ascii_alphanumeric() || b == b'/' => {
                let start = i;
                i += 1;
                while i < data.len() && !b" \t\r\n<>[]()/%".contains(&data[i]) {
                    i += 1;
                }
                out.push(Token::Word(data[start..i].to_vec()));
            }
            _ => i += 1,
        }
    }
    out
}

fn code(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |a, &b| (a << 8) | u32::from(b))
}

fn units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| u16::from(p[0]) << 8 | u16::from(p.get(1).copied().unwrap_or(0)))
        .collect()
}

fn utf16(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&units(bytes))
}

fn num(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<f32> {
    d.get_deref(key, doc).ok()?.as_float().ok()
}

fn name_of(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<Vec<u8>> {
    Some(d.get_deref(key, doc).ok()?.as_name().ok()?.to_vec())
}

fn deref_dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    d.get_deref(key, doc).ok()?.as_dict().ok()
}

/// A simple font's `/FirstChar` and `/Widths`.
fn simple_widths(doc: &Document, d: &Dictionary) -> HashMap<u32, f32> {
    let first = num(doc, d, b"FirstChar").unwrap_or(0.0).clamp(0.0, 255.0) as u32;
    let Some(widths) = d
        .get_deref(b"Widths", doc)
        .ok()
        .and_then(|o| o.as_array().ok())
    else {
        return HashMap::new();
    };
    widths
        .iter()
        .take(256)
        .enumerate()
        .filter_map(|(i, w)| {
            Some((
                first + i as u32,
                doc.dereference(w).ok()?.1.as_float().ok()?,
            ))
        })
        .collect()
}

/// A CID font's `/W` array: `c [w1 w2 ...]` and `c_first c_last w` entries.
fn cid_widths(doc: &Document, d: &Dictionary) -> HashMap<u32, f32> {
    let mut out = HashMap::new();
    let Some(w) = d.get_deref(b"W", doc).ok().and_then(|o| o.as_array().ok()) else {
        return out;
    };
    let value = |o: &Object| doc.dereference(o).ok().and_then(|(_, o)| o.as_float().ok());
    let mut i = 0;
    while i < w.len() && out.len() < MAX_ENTRIES {
        let Some(first) = value(&w[i]) else { break };
        let first = first.max(0.0) as u32;
        match w
            .get(i + 1)
            .and_then(|o| doc.dereference(o).ok())
            .map(|(_, o)| o)
        {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().take(MAX_ENTRIES).enumerate() {
                    if let Some(v) = value(v) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(v)) = (last.as_float().ok(), w.get(i + 2).and_then(value))
                else {
                    break;
                };
                let last = (last.max(0.0) as u32).min(first.saturating_add(MAX_ENTRIES as u32));
                for c in first..=last {
                    out.insert(c, v);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// A simple font's code → character table: its base encoding (WinAnsi unless it names
/// MacRoman or Standard) with the `Differences` glyph names applied.
fn simple_table(doc: &Document, d: &Dictionary) -> [Option<char>; 256] {
    let encoding = d.get_deref(b"Encoding", doc).ok();
    let base = match encoding {
        Some(Object::Name(n)) => Some(n.as_slice()),
        Some(Object::Dictionary(e)) => e.get(b"BaseEncoding").ok().and_then(|o| o.as_name().ok()),
        _ => None,
    };
    let mut table = [None; 256];
    for (code, slot) in table.iter_mut().enumerate() {
        *slot = base_char(base, code as u8);
    }
    if let Some(Object::Dictionary(e)) = encoding {
        if let Ok(diffs) = e.get_deref(b"Differences", doc).and_then(Object::as_array) {
            let mut code = 0usize;
            for item in diffs.iter().take(1024) {
                match item {
                    Object::Integer(c) => code = (*c).clamp(0, 255) as usize,
                    Object::Name(n) => {
                        if code < 256 {
                            table[code] = glyph_char(&String::from_utf8_lossy(n));
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    table
}

/// The character of `code` in a base encoding: ASCII below 128 in all three; the upper half
/// after WinAnsi (Latin-1 with typographic marks in 0x80-0x9F) or Mac Roman.
fn base_char(base: Option<&[u8]>, code: u8) -> Option<char> {
    if (0x20..0x7F).contains(&code) {
        return Some(match (base, code) {
            (Some(b"StandardEncoding"), b'\'') => '\u{2019}',
            (Some(b"StandardEncoding"), b'`') => '\u{2018}',
            _ => code as char,
        });
    }
    if code < 0x80 {
        return None;
    }
    match base {
        Some(b"MacRomanEncoding") => MAC_ROMAN_HIGH
            .chars()
            .nth(usize::from(code - 0x80))
            .filter(|&c| c != '\u{FFFD}'),
        Some(b"StandardEncoding") => None,
        _ if (0x80..0xA0).contains(&code) => WIN_ANSI_80
            .chars()
            .nth(usize::from(code - 0x80))
            .filter(|&c| c != '\u{FFFD}'),
        _ => char::from_u32(u32::from(code)),
    }
}

const WIN_ANSI_80: &str = "€\u{FFFD}‚ƒ„…†‡ˆ‰Š‹Œ\u{FFFD}Ž\u{FFFD}\u{FFFD}‘’“”•–—˜™š›œ\u{FFFD}žŸ";
const MAC_ROMAN_HIGH: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{F8FF}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

/// The character an Adobe glyph name stands for: `uniXXXX`/`uXXXX[XX]`, a letter or digit
/// name, common punctuation, and accented Latin letters named as base letter + mark names
/// (`eacute`, `ohornhookabove`, `acircumflexdotbelow`: the Vietnamese letters included).
pub fn glyph_char(name: &str) -> Option<char> {
    let name = name.split('.').next().unwrap_or(name);
    if let Some(hex) = name.strip_prefix("uni").filter(|h| h.len() == 4) {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    if let Some(hex) = name
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()))
    {
        if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
            return Some(c);
        }
    }
    const NAMED: &[(&str, char)] = &[
        ("space", ' '),
        ("exclam", '!'),
        ("quotedbl", '"'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("percent", '%'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("parenleft", '('),
        ("parenright", ')'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("comma", ','),
        ("hyphen", '-'),
        ("period", '.'),
        ("slash", '/'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("less", '<'),
        ("equal", '='),
        ("greater", '>'),
        ("question", '?'),
        ("at", '@'),
        ("bracketleft", '['),
        ("backslash", '\\'),
        ("bracketright", ']'),
        ("underscore", '_'),
        ("quoteleft", '‘'),
        ("quoteright", '’'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("endash", '–'),
        ("emdash", '—'),
        ("bullet", '•'),
        ("ellipsis", '…'),
        ("dcroat", 'đ'),
        ("Dcroat", 'Đ'),
        ("dslash", 'đ'),
        ("Dslash", 'Đ'),
        ("dmacron", 'đ'),
        ("Dmacron", 'Đ'),
        ("nbspace", ' '),
    ];
    if let Some(&(_, c)) = NAMED.iter().find(|(n, _)| *n == name) {
        return Some(c);
    }
    let mut chars = name.chars();
    let base = chars.next().filter(char::is_ascii_alphabetic)?;
    let mut rest = chars.as_str();
    if rest.is_empty() {
        return Some(base);
    }
    const MARKS: &[(&str, char)] = &[
        ("acute", '\u{301}'),
        ("grave", '\u{300}'),
        ("circumflex", '\u{302}'),
        ("tilde", '\u{303}'),
        ("dieresis", '\u{308}'),
        ("ring", '\u{30A}'),
        ("cedilla", '\u{327}'),
        ("breve", '\u{306}'),
        ("horn", '\u{31B}'),
        ("hookabove", '\u{309}'),
        ("dotbelow", '\u{323}'),
        ("caron", '\u{30C}'),
        ("macron", '\u{304}'),
    ];
    let mut composed = String::from(base);
    while !rest.is_empty() {
        let &(mark, c) = MARKS.iter().find(|(m, _)| rest.starts_with(m))?;
        composed.push(c);
        rest = &rest[mark.len()..];
    }
    let nfc: String = composed.nfc().collect();
    let mut it = nfc.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_give_vietnamese_letters() {
        assert_eq!(glyph_char("ohornhookabove"), Some('ở'));
        assert_eq!(glyph_char("Acircumflexdotbelow"), Some('Ậ'));
        assert_eq!(glyph_char("dcroat"), Some('đ'));
        assert_eq!(glyph_char("uni1EA1"), Some('ạ'));
        assert_eq!(glyph_char("eacute"), Some('é'));
        assert_eq!(glyph_char("seven"), Some('7'));
        assert_eq!(glyph_char("g123"), None);
    }

    #[test]
    fn cmap_chars_and_ranges_decode() {
        let mut f = Font {
            two_byte: true,
            default_width: 500.0,
            ..Font::default()
        };
        f.read_cmap(
            b"2 beginbfchar\n<0003> <0020>\n<0010> <1EA1>\nendbfchar\n\
              2 beginbfrange\n<0020> <0022> <0041>\n<0030> <0031> [<0110> <00F4>]\nendbfrange\n",
        );
        let text: String = f
            .decode(&[0, 0x21, 0, 0x10, 0, 3, 0, 0x30, 0, 0x31, 0, 0x99])
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(text, "Bạ Đô\u{FFFD}");
    }

    #[test]
    fn win_ansi_upper_half_is_latin1_with_quotes() {
        assert_eq!(base_char(None, 0xE0), Some('à'));
        assert_eq!(base_char(None, 0x93), Some('“'));
        assert_eq!(base_char(Some(b"MacRomanEncoding"), 0x8E), Some('é'));
        assert_eq!(base_char(None, 0x05), None);
    }
}
