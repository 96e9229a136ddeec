//! Vietnamese syllable structure: letters split into base, vowel mark and tone; parsing into
//! onset + vowel cluster + final; tone-insensitive keys; old-style tone placement (hòa, thủy).
//!
//! Everything downstream compares syllables by their [`Syllable`] form (base letters with
//! vowel-quality marks, plus one tone number), so `hòa` and `hoà` are one syllable, and the
//! output spelling is chosen in one place ([`Syllable::render`]).

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// Tone numbers: 0 ngang, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng.
pub type Tone = u8;

/// Combining marks for tones 1..=5, in [`Tone`] order.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// The twelve vowel letters (lowercase) that can carry a tone.
const VOWELS: &str = "aăâeêioôơuưy";

/// Per code point from U+00C0 to U+1EFF: the letter without its tone mark (case kept) and the tone.
/// A table, because this runs for every character of every token.
fn tone_table() -> &'static [(char, Tone)] {
    static TABLE: OnceLock<Vec<(char, Tone)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        use unicode_normalization::UnicodeNormalization;
        let mut t: Vec<(char, Tone)> = (0xC0u32..0x1F00)
            .map(|c| (char::from_u32(c).unwrap_or('\0'), 0))
            .collect();
        for v in VOWELS.chars().chain(VOWELS.to_uppercase().chars()) {
            for (i, m) in TONE_MARKS.iter().enumerate() {
                let composed: String = [v, *m].iter().collect::<String>().nfc().collect();
                let mut cs = composed.chars();
                if let (Some(c), None) = (cs.next(), cs.next()) {
                    let cp = c as u32;
                    if (0xC0..0x1F00).contains(&cp) {
                        t[(cp - 0xC0) as usize] = (v, i as Tone + 1);
                    }
                }
            }
        }
        t
    })
}

/// Splits a character into (character without tone, tone). Non-Vietnamese characters come back
/// unchanged with tone 0.
#[inline]
pub fn split_tone(c: char) -> (char, Tone) {
    let cp = c as u32;
    if (0xC0..0x1F00).contains(&cp) {
        tone_table()[(cp - 0xC0) as usize]
    } else {
        (c, 0)
    }
}

/// Puts `tone` on the vowel `v` (which must carry no tone); `v` itself when that is impossible.
pub fn with_tone(v: char, tone: Tone) -> char {
    static TABLE: OnceLock<std::collections::HashMap<(char, Tone), char>> = OnceLock::new();
    if tone == 0 {
        return v;
    }
    let map = TABLE.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for (i, &(base, t)) in tone_table().iter().enumerate() {
            if t != 0 {
                m.insert((base, t), char::from_u32(0xC0 + i as u32).unwrap_or(base));
            }
        }
        m
    });
    map.get(&(v, tone)).copied().unwrap_or(v)
}

/// The letter with every Vietnamese mark removed (ă â → a, ê → e, ô ơ → o, ư → u, đ → d),
/// keeping case.
#[inline]
pub fn strip_char(c: char) -> char {
    let (b, _) = split_tone(c);
    match b {
        'ă' | 'â' => 'a',
        'Ă' | 'Â' => 'A',
        'ê' => 'e',
        'Ê' => 'E',
        'ô' | 'ơ' => 'o',
        'Ô' | 'Ơ' => 'O',
        'ư' => 'u',
        'Ư' => 'U',
        'đ' => 'd',
        'Đ' => 'D',
        other => other,
    }
}

/// Removes every Vietnamese mark from `s` (tones and vowel-quality marks, đ → d).
pub fn strip(s: &str) -> String {
    s.chars().map(strip_char).collect()
}

/// The base letter of a letter with a mark Vietnamese does not use (`ö` → `o`, `ï` → `i`).
pub fn foreign_base(c: char) -> Option<char> {
    if c.is_ascii() || strip_char(c) != c || !c.is_alphabetic() {
        return None;
    }
    let base = c.nfd().next()?;
    (base.is_ascii_alphabetic() && base != c).then_some(base)
}

/// The letter with every mark removed, Vietnamese or foreign (`ố` → `o`, `ö` → `o`, `đ` → `d`),
/// keeping case: the one mark-stripper of the code base (restoration's skeletons,
/// segmentation's folding and the evaluation sets' stripping all use it).
#[inline]
pub fn base_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    foreign_base(c).unwrap_or_else(|| strip_char(c))
}

/// Every mark removed from `s` ([`base_char`] of each letter; combining marks left over in
/// decomposed text dropped), the result in NFC. Tokens, case and lines are kept.
pub fn strip_all_marks(s: &str) -> String {
    s.nfc()
        .filter(|c| !('\u{0300}'..='\u{036f}').contains(c))
        .map(base_char)
        .collect()
}

/// True when `c` is a lowercase Vietnamese vowel letter without tone.
#[inline]
fn is_vowel(c: char) -> bool {
    VOWELS.contains(c)
}

/// Onsets, longest first so that `ngh` wins over `ng` and `n`.
const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Finals after the vowel cluster (semivowel finals i/y/o/u belong to the cluster).
const FINALS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Vowel clusters that end the syllable (their last letter is a glide or they never close).
const OPEN_CLUSTERS: [&str; 30] = [
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu", "oao",
];

/// Vowel clusters that may take a final consonant (or none, where the final is optional).
const CLOSABLE_CLUSTERS: [&str; 22] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oă", "oe", "uâ", "uê", "uy",
    "oo", "uơ", "uyê", "ươ",
];

/// Clusters that must be closed by a final consonant.
const MUST_CLOSE: [&str; 6] = ["ă", "â", "oă", "uâ", "iê", "uô"];

/// A syllable in canonical form: lowercase letters with vowel-quality marks but no tone, and
/// the tone. Tone placement is not stored, so spellings that differ only in where the tone
/// mark sits are the same `Syllable`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Syllable {
    /// Lowercase letters without tone (`hoa`, `thuy`, `đươc`).
    pub base: String,
    /// The tone.
    pub tone: Tone,
}

/// Where the parts of a syllable start in its base (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    vowels_start: usize,
    final_start: usize,
}

impl Syllable {
    /// Reads a word as a Vietnamese syllable: `None` if it has several tones or is not a
    /// well-formed syllable (onset, vowel cluster, final and tone must fit together).
    pub fn parse(word: &str) -> Option<Syllable> {
        let mut base = String::with_capacity(word.len());
        let mut tone = 0;
        for c in word.chars() {
            let (b, t) = split_tone(c);
            if t != 0 {
                if tone != 0 {
                    return None;
                }
                tone = t;
            }
            for l in b.to_lowercase() {
                base.push(l);
            }
        }
        let s = Syllable { base, tone };
        s.parts().map(|_| s)
    }

    /// Splits the base into onset, vowel cluster and final, checking the combination.
    fn parts(&self) -> Option<Parts> {
        let b = self.base.as_str();
        if b.is_empty()
            || !b
                .chars()
                .all(|c| is_vowel(c) || c.is_ascii_lowercase() || c == 'đ')
        {
            return None;
        }
        let mut onset = ONSETS
            .iter()
            .find(|o| b.starts_with(*o))
            .map_or(0, |o| o.len());
        // `gi` is an onset only before another vowel (gì has onset g and vowel i); `qu` always is.
        if b.starts_with("gi") && !b[2..].starts_with(is_vowel) {
            onset = 1;
        }
        let rest = &b[onset..];
        let vlen: usize = rest
            .chars()
            .take_while(|&c| is_vowel(c))
            .map(char::len_utf8)
            .sum();
        if vlen == 0 {
            return None;
        }
        let cluster = &rest[..vlen];
        let fin = &rest[vlen..];
        if !FINALS.contains(&fin) {
            return None;
        }
        let closable = CLOSABLE_CLUSTERS.contains(&cluster)
            || matches!(cluster, "iê" | "yê" | "uô" | "uyê" | "ươ");
        let ok = if fin.is_empty() {
            OPEN_CLUSTERS.contains(&cluster) || (closable && !MUST_CLOSE.contains(&cluster))
        } else {
            closable
        };
        if !ok {
            return None;
        }
        // Stop finals only take sắc or nặng.
        if matches!(fin, "c" | "ch" | "p" | "t") && !matches!(self.tone, 2 | 5) {
            return None;
        }
        // k, gh, ngh only before front vowels; c, g, ng never before them.
        let first = cluster.chars().next().unwrap_or('a');
        let front = matches!(first, 'e' | 'ê' | 'i' | 'y');
        let o = &b[..onset];
        if matches!(o, "k" | "gh" | "ngh") && !front {
            return None;
        }
        if matches!(o, "c" | "ng") && front {
            return None;
        }
        Some(Parts {
            vowels_start: onset,
            final_start: onset + vlen,
        })
    }

    /// The skeleton: base with every mark removed (`đươc` → `duoc`).
    pub fn skeleton(&self) -> String {
        strip(&self.base)
    }

    /// The lowercase spelling with the tone placed in the old style used by administrative
    /// documents: on the marked vowel if there is one (ư in ươ gets it on ơ), else on the last
    /// vowel before a final consonant, else on the first of two vowels (hòa, thủy) or the middle
    /// of three (ngoài).
    pub fn render(&self) -> String {
        let Some(p) = self.parts() else {
            return self.base.clone();
        };
        if self.tone == 0 {
            return self.base.clone();
        }
        let cluster: Vec<(usize, char)> = self.base[p.vowels_start..p.final_start]
            .char_indices()
            .map(|(i, c)| (i + p.vowels_start, c))
            .collect();
        let marked = cluster
            .iter()
            .rposition(|&(_, c)| matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư'));
        let idx = if let Some(m) = marked {
            // In ươ the tone goes on ơ, which rposition already found; in ưu/ưa/ưi, on ư.
            m
        } else if p.final_start < self.base.len() {
            cluster.len() - 1
        } else {
            match cluster.len() {
                1 | 2 => 0,
                _ => 1,
            }
        };
        let (at, c) = cluster[idx];
        let mut out = String::with_capacity(self.base.len() + 2);
        out.push_str(&self.base[..at]);
        out.push(with_tone(c, self.tone));
        out.push_str(&self.base[at + c.len_utf8()..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(w: &str) -> String {
        Syllable::parse(w).expect(w).render()
    }

    #[test]
    fn splits_tones_from_letters() {
        assert_eq!(split_tone('ệ'), ('ê', 5));
        assert_eq!(split_tone('Ử'), ('Ư', 3));
        assert_eq!(split_tone('đ'), ('đ', 0));
        assert_eq!(with_tone('ơ', 4), 'ỡ');
        assert_eq!(strip("Đồng Tháp ƯU TIÊN"), "Dong Thap UU TIEN");
    }

    #[test]
    fn tone_placement_does_not_change_the_key() {
        assert_eq!(Syllable::parse("hoà"), Syllable::parse("hòa"));
        assert_eq!(Syllable::parse("thuỷ"), Syllable::parse("thủy"));
        assert_eq!(Syllable::parse("ÚY").unwrap().base, "uy");
    }

    #[test]
    fn renders_old_style() {
        assert_eq!(canon("hoà"), "hòa");
        assert_eq!(canon("thuỷ"), "thủy");
        assert_eq!(canon("uỷ"), "ủy");
        assert_eq!(canon("hoàng"), "hoàng");
        assert_eq!(canon("người"), "người");
        assert_eq!(canon("được"), "được");
        assert_eq!(canon("ngoài"), "ngoài");
        assert_eq!(canon("quả"), "quả");
        assert_eq!(canon("giữa"), "giữa");
        assert_eq!(canon("gì"), "gì");
        assert_eq!(canon("khuỷu"), "khuỷu");
        assert_eq!(canon("chuyển"), "chuyển");
        assert_eq!(canon("hưu"), "hưu");
    }

    #[test]
    fn rejects_non_syllables() {
        for w in [
            "ubnd",
            "kh",
            "ca\u{301}c\u{300}",
            "cat",
            "ka",
            "ngiêng",
            "xyz",
            "gep",
        ] {
            assert!(Syllable::parse(w).is_none(), "{w}");
        }
        for w in ["ăn", "cát", "kẻ", "nghiêng", "quyết", "xuất", "oanh", "ưu"] {
            assert!(Syllable::parse(w).is_some(), "{w}");
        }
    }
}
