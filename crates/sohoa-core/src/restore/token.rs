//! Splitting text into word, number and punctuation tokens with their byte spans, the same way
//! for the table builder and for restoration so that the language model sees what it learned.

use std::ops::Range;

/// What kind of token a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters, possibly mixed with digits or OCR junk such as `¢` and `&` (`S6`, `hi¢n`).
    Word,
    /// Digits only.
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// One token: its kind and byte range in the text it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Kind of token.
    pub kind: Kind,
    /// Byte range in the text.
    pub span: Range<usize>,
}

/// Characters OCR puts in place of marked letters (`thuc hi¢n`, `K& hoach`); they belong to
/// the word they touch.
#[inline]
fn is_junk(c: char) -> bool {
    matches!(c, '¢' | '&' | '@')
}

/// `(c.is_alphabetic(), c.is_numeric())`, answering ASCII and the Latin letters Vietnamese is
/// written with from their ranges: the general case is a binary search of the Unicode tables
/// per character, which was a few per cent of restoration. (A test checks every character of
/// the ranges against the general case.)
#[inline]
fn class(c: char) -> (bool, bool) {
    match c as u32 {
        0..=0x7F => (c.is_ascii_alphabetic(), c.is_ascii_digit()),
        0xC0..=0xFF if c != '×' && c != '÷' => (true, false),
        0x100..=0x17F | 0x1A0 | 0x1A1 | 0x1AF | 0x1B0 | 0x1EA0..=0x1EF9 => (true, false),
        _ => (c.is_alphabetic(), c.is_numeric()),
    }
}

/// Iterates over the tokens of `text`; whitespace is skipped.
pub fn tokens(text: &str) -> impl Iterator<Item = Token> + '_ {
    let mut it = text.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (start, c) = it.next()?;
        if c.is_whitespace() {
            continue;
        }
        let (alphabetic, numeric) = class(c);
        if alphabetic || numeric || is_junk(c) {
            let mut end = start + c.len_utf8();
            let mut letters = alphabetic;
            let mut digits_only = numeric;
            while let Some(&(i, d)) = it.peek() {
                let (alphabetic, numeric) = class(d);
                if alphabetic || numeric || is_junk(d) {
                    letters |= alphabetic;
                    digits_only &= numeric;
                    end = i + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let kind = if letters {
                Kind::Word
            } else if digits_only {
                Kind::Number
            } else if end - start == c.len_utf8() {
                Kind::Punct
            } else {
                // A run of junk and digits such as `&6`: a word the candidates may repair.
                Kind::Word
            };
            return Some(Token {
                kind,
                span: start..end,
            });
        }
        return Some(Token {
            kind: Kind::Punct,
            span: start..start + c.len_utf8(),
        });
    })
}

/// True when the number token `tokens[i]` stands where a word could: one or two digits with
/// spaces around (a `,` `;` `)` or closing quote may follow) and no number next to it. In old OCR
/// such a token may be a misread word (`6` for `ở`, `14` for `là`); a number glued to `/`, `.`,
/// `-`, `:` or `%` (dates, codes, list numbers, decimals, times) never is.
pub fn lone_number(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if t.kind != Kind::Number || t.span.len() > 2 {
        return false;
    }
    let number = |j: Option<usize>| {
        j.and_then(|j| tokens.get(j))
            .is_some_and(|t| t.kind == Kind::Number)
    };
    if number(i.checked_sub(1)) || number(Some(i + 1)) {
        return false;
    }
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    if !space(text[..t.span.start].chars().next_back()) {
        return false;
    }
    let mut after = text[t.span.end..].chars();
    match after.next() {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some(',' | ';' | ')' | '”' | '"' | '’') => space(after.next()),
        Some(_) => false,
    }
}

/// Whether token `i` is a full stop glued between two words with no space either side, the
/// second in lower case ("Chính.phủ"): print sets a space after a full stop, so on a scan such
/// a dot is a speck read between the words. Abbreviations ("TP.HCM") have a capital after
/// the dot; a one-letter word ("v.v") is left alone.
pub fn glued_dot(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if t.kind != Kind::Punct || &text[t.span.clone()] != "." || i == 0 {
        return false;
    }
    let (Some(before), Some(after)) = (tokens.get(i - 1), tokens.get(i + 1)) else {
        return false;
    };
    let word = |w: &Token| {
        w.kind == Kind::Word
            && text[w.span.clone()]
                .chars()
                .filter(|c| c.is_alphabetic())
                .count()
                >= 2
    };
    before.span.end == t.span.start
        && t.span.end == after.span.start
        && word(before)
        && word(after)
        && text[after.span.clone()]
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
}

/// How a word is capitalised, so the restored form can be written the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// all lowercase (or no letters).
    Lower,
    /// First letter uppercase, the rest lowercase.
    Title,
    /// Every letter uppercase, at least two letters.
    Upper,
}

/// The capitalisation pattern of `word`. Mixed patterns count as Title when the first letter is
/// uppercase.
pub fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Case::Lower;
    };
    if !first.is_uppercase() {
        return Case::Lower;
    }
    // Upper when there are more letters and all are uppercase, read without collecting them.
    let mut more = false;
    for c in letters {
        if !c.is_uppercase() {
            return Case::Title;
        }
        more = true;
    }
    if more {
        Case::Upper
    } else {
        Case::Title
    }
}

/// Writes the lowercase `word` in `case` into `out`.
pub fn apply_case(word: &str, case: Case, out: &mut String) {
    // Case changes keep Vietnamese letters' UTF-8 lengths: one allocation, not one per piece.
    out.reserve(word.len());
    match case {
        Case::Lower => out.push_str(word),
        Case::Upper => out.extend(word.chars().flat_map(char::to_uppercase)),
        Case::Title => {
            let mut cs = word.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase());
                out.push_str(cs.as_str());
            }
        }
    }
}

/// The language-model name of a punctuation character: quotes and dashes are folded so that
/// typographic variants share statistics.
pub fn punct_name(c: char) -> char {
    match c {
        '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '\'' | '`' => '"',
        '–' | '—' | '‐' | '‑' | '−' => '-',
        '…' => '.',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<(Kind, &str)> {
        tokens(text).map(|t| (t.kind, &text[t.span])).collect()
    }

    #[test]
    fn splits_words_numbers_and_codes() {
        use Kind::*;
        assert_eq!(
            show("Số: 161/KH-UBND, S6 hi¢n TT&TT"),
            vec![
                (Word, "Số"),
                (Punct, ":"),
                (Number, "161"),
                (Punct, "/"),
                (Word, "KH"),
                (Punct, "-"),
                (Word, "UBND"),
                (Punct, ","),
                (Word, "S6"),
                (Word, "hi¢n"),
                (Word, "TT&TT"),
            ]
        );
        assert_eq!(show(" & "), vec![(Punct, "&")]);
    }

    #[test]
    fn lone_numbers_are_those_a_word_could_stand_for() {
        fn lone(text: &str) -> Vec<&str> {
            let toks: Vec<Token> = tokens(text).collect();
            (0..toks.len())
                .filter(|&i| lone_number(text, &toks, i))
                .map(|i| &text[toks[i].span.clone()])
                .collect()
        }
        assert_eq!(lone("Tuy 14 mot 6 nha, 6, ngay"), ["14", "6", "6"]);
        // Dates, codes, list numbers, decimals, long numbers and runs of numbers stay numbers.
        assert!(lone("ngay 12/5 so 161/KH 6. Muc 1,5 2020 12 3 8:30 5% 1-2").is_empty());
    }

    #[test]
    fn character_classes_agree_with_unicode() {
        for c in (0..=0x2FF)
            .chain(0x1E00..=0x1F00)
            .filter_map(char::from_u32)
        {
            assert_eq!(class(c), (c.is_alphabetic(), c.is_numeric()), "{c:?}");
        }
    }

    #[test]
    fn keeps_case_patterns() {
        assert_eq!(case_of("ỦY"), Case::Upper);
        assert_eq!(case_of("Đồng"), Case::Title);
        assert_eq!(case_of("S6"), Case::Title);
        assert_eq!(case_of("đổi"), Case::Lower);
        // One capital is a title, digits are not letters, one lowercase letter makes a title.
        assert_eq!(case_of("A"), Case::Title);
        assert_eq!(case_of("Q1"), Case::Title);
        assert_eq!(case_of("X1Y"), Case::Upper);
        assert_eq!(case_of("ĐÔNg"), Case::Title);
        assert_eq!(case_of("12"), Case::Lower);
        assert_eq!(case_of(""), Case::Lower);
        let mut s = String::new();
        apply_case("ủy", Case::Upper, &mut s);
        apply_case("đồng", Case::Title, &mut s);
        assert_eq!(s, "ỦYĐồng");
    }

    #[test]
    fn a_dot_glued_between_two_words_is_dust() {
        let glued = |text: &str| {
            let toks: Vec<Token> = tokens(text).collect();
            (0..toks.len()).any(|i| glued_dot(text, &toks, i))
        };
        assert!(glued("của Chính.phủ trên"));
        assert!(!glued("của Chính phủ. Trên"));
        assert!(!glued("TP.HCM"));
        assert!(!glued("v.v và"));
        assert!(!glued("ngày 01.4 năm"));
    }
}
