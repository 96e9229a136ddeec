//! A word's form chosen among the LSTM's own readings of its symbols, on copies.
//!
//! At 150 dpi on a 1-bit copy a tone mark, the hook of a letter or a dash is a few pixels, and
//! Tesseract's best path sometimes takes the wrong one ("toïn", "(ặng", "QĐzUBND") while its
//! LSTM holds the right glyph among the other readings of the same place
//! (`lstm_choice_mode = 2`: for each symbol of the best path, the best glyph of each
//! re-decoding that excludes the glyphs found before, with its confidence). Which form the
//! word takes is decided here by general facts of the text, never by the words of one page:
//!
//! - a Vietnamese word is one syllable the language knows: a best path whose letters are no
//!   such syllable, where one symbol's alternative makes one, takes the alternative
//!   ([`Lexicon::known`]);
//! - a document symbol (Decree 30 art. 15: number / type code - issuer code) is digits and
//!   capitals: a lower-case letter or a digit wedged into a run of capitals, or a letter among
//!   digits, is a misread symbol, and an alternative that gives the symbol its shape is taken;
//! - between two readings that are both syllables the language knows, the best path is kept
//!   unless the alternative is far more likely next to the words beside it (the language
//!   model's bigrams, [`LM_MARGIN`]), as a reader of a smudged copy would read it.
//!
//! Only one symbol of a word is changed: two misread symbols in one word are seldom both
//! among the alternatives, and trying pairs would let the lexicon rewrite words freely.

use crate::restore::lm::UNK;
use crate::restore::syllable::Syllable;
use crate::restore::Restorer;

/// One symbol of a word as the LSTM read it: the best path's glyph and confidence, and the
/// glyphs the LSTM's re-decodings found at the same place, with their confidences.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Symbol {
    /// The glyph on the best path.
    pub text: String,
    /// Its confidence, 0-100.
    pub confidence: f32,
    /// Other readings of the same place, best first (glyph, confidence 0-100); the best
    /// path's own glyph is not among them.
    pub alternatives: Vec<(String, f32)>,
}

/// What the choice needs to know of the language.
pub trait Lexicon {
    /// Whether `syllable` (lower case, NFC) is a word of the language.
    fn known(&self, syllable: &str) -> bool;
    /// Whether `code` (capitals) is an abbreviation documents use ("UBND", "SVHTTDL").
    fn known_code(&self, code: &str) -> bool;
    /// log10 of how likely `word` is between `prev` and `next` (lower-case syllables; `None`
    /// at a line's edge or beside a word that is no syllable).
    fn fit(&self, prev: Option<&str>, word: &str, next: Option<&str>) -> f32;
}

/// The restoration's language model and the abbreviations counted in its corpora
/// (`dictionaries/acronyms.tsv`, the table restoration keeps codes by): the same restorer
/// restores the page afterwards, so OCR and restoration weigh words alike.
pub struct Language<'a> {
    restorer: &'a Restorer,
}

/// An abbreviation seen fewer times than this in the corpora may be a misreading counted
/// there (the table keeps tokens seen 5 times and more).
const MIN_CODE_COUNT: u32 = 20;

impl<'a> Language<'a> {
    /// The language of `restorer` (the pipeline's, loaded with its `--tables`).
    pub fn new(restorer: &'a Restorer) -> Language<'a> {
        Language { restorer }
    }
}

impl Lexicon for Language<'_> {
    fn known(&self, syllable: &str) -> bool {
        let model = self.restorer.model();
        Syllable::parse(syllable).is_some_and(|s| model.id(&s.render()) != UNK)
    }

    fn known_code(&self, code: &str) -> bool {
        self.restorer.acronym_count(code) >= MIN_CODE_COUNT
    }

    fn fit(&self, prev: Option<&str>, word: &str, next: Option<&str>) -> f32 {
        let model = self.restorer.model();
        let id = |w: &str| Syllable::parse(w).map_or(UNK, |s| model.id(&s.render()));
        let w = id(word);
        let mut score = 0.0;
        if let Some(p) = prev {
            score += model.score2(id(p), w);
        }
        if let Some(n) = next {
            score += model.score2(w, id(n));
        }
        score
    }
}

/// An alternative the LSTM weighed at less than this confidence (0-100) is noise of the
/// re-decoding, not a reading of the glyph.
pub const MIN_ALTERNATIVE: f32 = 10.0;

/// How much more likely (log10) next to its neighbours a known alternative must be than a
/// known best path to replace it: a hundredfold. The best path already holds the glyph's own
/// evidence, so only a large difference in the language outweighs it.
pub const LM_MARGIN: f32 = 2.0;

/// A form of a word with exactly one symbol replaced by one of its alternatives.
#[derive(Debug, Clone)]
struct Variant {
    /// The word so read.
    form: String,
    /// The LSTM's confidence in the alternative glyph, 0-100.
    confidence: f32,
    /// The alternative glyph.
    glyph: String,
}

/// The forms of `symbols` with exactly one symbol replaced by one of its alternatives (at
/// least [`MIN_ALTERNATIVE`]).
fn one_symbol_variants(symbols: &[Symbol]) -> Vec<Variant> {
    let mut out = Vec::new();
    for (i, s) in symbols.iter().enumerate() {
        for (alt, conf) in &s.alternatives {
            if *conf < MIN_ALTERNATIVE || *alt == s.text {
                continue;
            }
            let mut form = String::new();
            for (j, t) in symbols.iter().enumerate() {
                form.push_str(if i == j { alt } else { &t.text });
            }
            out.push(Variant {
                form,
                confidence: *conf,
                glyph: alt.clone(),
            });
        }
    }
    out
}

/// Whether a glyph is a letter (a syllable's alternatives replace letters by letters, never
/// by punctuation).
fn is_letter_glyph(g: &str) -> bool {
    g.chars().all(char::is_alphabetic)
}

/// Whether a glyph belongs to a symbol's alphabet: capitals, digits and the two separators.
fn is_symbol_glyph(g: &str) -> bool {
    g.chars()
        .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '/' || c == '-')
}

/// Punctuation a word may carry at its edges (a sentence's stops, brackets, quotes).
fn is_edge_punct(c: char) -> bool {
    !c.is_alphanumeric()
}

/// The word without the punctuation at its edges.
fn core(word: &str) -> &str {
    word.trim_matches(is_edge_punct)
}

/// Whether `core` is letters only (a candidate syllable).
fn is_letters(core: &str) -> bool {
    !core.is_empty() && core.chars().all(char::is_alphabetic)
}

/// A syllable the language knows, in any case ("Văn", "VĂN").
fn known_syllable(core: &str, lexicon: &dyn Lexicon) -> bool {
    is_letters(core) && lexicon.known(&core.to_lowercase())
}

/// Whether `word` has the shape of a document symbol or of a cited one: parts joined by "/"
/// or "-", at least one part digits and one capitals ("90/QĐ-TTg", "02/HD-SVHTTDL").
fn symbol_like(word: &str) -> bool {
    let parts: Vec<&str> = core(word).split(['/', '-']).collect();
    parts.len() >= 2
        && parts
            .iter()
            .any(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && parts
            .iter()
            .any(|p| p.chars().next().is_some_and(char::is_uppercase))
}

/// Whether every part of a symbol has the shape Decree 30 gives it: digits only, or capitals
/// with at most a lower-case tail ("TTg", the Prime Minister's code), never a letter among
/// digits, a digit among capitals or a lower-case letter followed by a capital.
fn symbol_well_formed(word: &str) -> bool {
    core(word).split(['/', '-']).all(|part| {
        if part.is_empty() {
            return false;
        }
        if part.chars().all(|c| c.is_ascii_digit()) {
            return true;
        }
        let mut seen_lower = false;
        for c in part.chars() {
            if c.is_lowercase() {
                seen_lower = true;
            } else if c.is_uppercase() || c == '&' {
                if seen_lower {
                    return false;
                }
            } else {
                return false;
            }
        }
        part.chars().next().is_some_and(char::is_uppercase)
    })
}

/// The letters of a word in lower case, when it is letters once its edge punctuation is off
/// (a neighbour's context for the language model).
pub fn letters_of(word: &str) -> Option<String> {
    let c = core(word);
    is_letters(c).then(|| c.to_lowercase())
}

/// Whether a word in capitals is a form documents print: a syllable of the language or a
/// known abbreviation.
fn known_upper(core: &str, lexicon: &dyn Lexicon) -> bool {
    known_syllable(core, lexicon) || lexicon.known_code(core)
}

/// Whether every capital part of a symbol is a known abbreviation ("QĐ", "UBND", "TTg" is
/// not all capitals and is left to the shape).
fn symbol_codes_known(word: &str, lexicon: &dyn Lexicon) -> bool {
    core(word)
        .split(['/', '-'])
        .filter(|p| p.chars().all(char::is_uppercase))
        .all(|p| lexicon.known_code(p))
}

/// Whether `word` reads as a word of a document: once its edge punctuation is off, every part
/// between "/", "-" or "." is digits, a syllable the language knows or a known abbreviation, or
/// it is a well-formed document symbol ("90/QĐ-TTg"), or it has no letter or digit at all
/// (punctuation, an item's dash). A word that is none of these is a misreading.
pub fn plausible(word: &str, lexicon: &dyn Lexicon) -> bool {
    let c = core(word);
    if c.is_empty() || (symbol_like(c) && symbol_well_formed(c)) {
        return true;
    }
    c.split(['/', '-', '.']).all(|part| {
        !part.is_empty()
            && (part.chars().all(|ch| ch.is_ascii_digit()) || known_upper(part, lexicon))
    })
}

/// The form `word` takes, given its symbols and the words beside it on the line (their
/// letters in lower case, `None` at an edge or beside no syllable). `None` keeps the best path;
/// otherwise the one rule of the module's documentation that applies picks an alternative.
pub fn choose(
    word: &str,
    symbols: &[Symbol],
    prev: Option<&str>,
    next: Option<&str>,
    lexicon: &dyn Lexicon,
) -> Option<String> {
    // The symbols must spell the word: otherwise the alternatives sit on other places.
    let spelled: String = symbols.iter().map(|s| s.text.as_str()).collect();
    if spelled != word {
        return None;
    }
    let variants = one_symbol_variants(symbols);
    if variants.is_empty() {
        return None;
    }
    // Each variant weighed by the language beside its neighbours and by the LSTM's own
    // confidence in the changed glyph.
    let weigh = |form: &str, conf: f32| {
        let lm = letters_of(form).map_or(0.0, |l| lexicon.fit(prev, &l, next));
        lm + (conf.max(1.0) / 100.0).log10()
    };
    let best_of = |keep: &dyn Fn(&Variant) -> bool| {
        variants
            .iter()
            .filter(|v| keep(v))
            .map(|v| (v, weigh(&v.form, v.confidence)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(v, _)| v.form.clone())
    };
    if symbol_like(word) {
        // A document symbol: its shape first, then its codes; only a capital, a digit or a
        // separator may come in.
        let shaped = |v: &Variant| {
            is_symbol_glyph(&v.glyph) && symbol_like(&v.form) && symbol_well_formed(&v.form)
        };
        let coded = |v: &Variant| shaped(v) && symbol_codes_known(&v.form, lexicon);
        // A well-formed symbol stays even when a code in it is not among the abbreviations
        // counted: rare issuers ("TU", a provincial party committee) are missing from that
        // table, and a common code one glyph away ("EU") would replace them.
        if !symbol_well_formed(word) {
            return best_of(&coded).or_else(|| best_of(&shaped));
        }
        return None;
    }
    let letters = core(word);
    let letter_variant = |v: &Variant| is_letter_glyph(&v.glyph);
    if !is_letters(letters) {
        // A word with a digit is a number or a code, never a syllable: left to the shape rules
        // of the readers of numbers (`reading::mend_digits`, segmentation).
        let inner = word.trim_matches(|c: char| !c.is_alphabetic());
        if inner.is_empty()
            || word.chars().any(|c| c.is_ascii_digit())
            || (is_letters(inner) && known_syllable(inner, lexicon))
        {
            return None;
        }
        return best_of(&|v| {
            letter_variant(v)
                && known_syllable(core(&v.form), lexicon)
                && core(&v.form).len() > inner.len()
        });
    }
    let upper = letters.chars().count() > 1 && letters.chars().all(char::is_uppercase);
    let known = |c: &str| {
        if upper {
            known_upper(c, lexicon)
        } else {
            known_syllable(c, lexicon)
        }
    };
    let count = letters.chars().count();
    if !known(letters) {
        // The alternative may also be a letter read as the bracket or stop before it ("(ặng").
        return best_of(&|v| {
            letter_variant(v) && core(&v.form).chars().count() >= count && known(core(&v.form))
        });
    }
    if upper || count < 2 {
        return None;
    }
    // Both known: the best path stays unless the language far prefers the alternative.
    let here = weigh(
        word,
        symbols.iter().map(|s| s.confidence).fold(100.0, f32::min),
    );
    variants
        .iter()
        .filter(|v| {
            letter_variant(v)
                && core(&v.form) != letters
                && core(&v.form).chars().count() == count
                && known_syllable(core(&v.form), lexicon)
        })
        .map(|v| (v, weigh(&v.form, v.confidence)))
        .filter(|(_, w)| *w - here >= LM_MARGIN)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(v, _)| v.form.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lexicon of a few syllables, with made-up bigram scores.
    struct Words;

    impl Lexicon for Words {
        fn known(&self, s: &str) -> bool {
            [
                "văn", "vân", "hoàng", "sơn", "toàn", "tặng", "hiện", "thiện", "thực", "an",
            ]
            .contains(&s)
        }
        fn known_code(&self, c: &str) -> bool {
            ["QĐ", "KH", "UBND", "SVHTTDL"].contains(&c)
        }
        fn fit(&self, prev: Option<&str>, w: &str, _next: Option<&str>) -> f32 {
            match (prev, w) {
                (Some("hoàng"), "văn") => -1.0,
                (Some("hoàng"), "vân") => -4.0,
                (Some("thực"), "hiện") => -0.5,
                _ => -5.0,
            }
        }
    }

    fn sym(text: &str, alts: &[(&str, f32)]) -> Symbol {
        Symbol {
            text: text.into(),
            confidence: 50.0,
            alternatives: alts.iter().map(|(a, c)| (a.to_string(), *c)).collect(),
        }
    }

    /// One symbol per character of `text`, none with alternatives.
    fn plain(text: &str) -> impl Iterator<Item = Symbol> + '_ {
        text.chars().map(|c| sym(&c.to_string(), &[]))
    }

    /// The symbols of `before`, one misread symbol, then those of `after`.
    fn code_with(before: &str, misread: Symbol, after: &str) -> Vec<Symbol> {
        plain(before).chain([misread]).chain(plain(after)).collect()
    }

    fn word(syms: &[Symbol]) -> String {
        syms.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn a_non_syllable_takes_the_alternative_that_is_one() {
        let s = [
            sym("t", &[]),
            sym("o", &[]),
            sym("ï", &[("à", 30.0), ("i", 40.0)]),
            sym("n", &[]),
        ];
        assert_eq!(
            choose(&word(&s), &s, None, None, &Words).as_deref(),
            Some("toàn")
        );
    }

    #[test]
    fn a_misread_first_letter_read_as_a_bracket() {
        let s = [
            sym("(", &[("t", 35.0)]),
            sym("ặ", &[]),
            sym("n", &[]),
            sym("g", &[]),
        ];
        assert_eq!(
            choose(&word(&s), &s, None, None, &Words).as_deref(),
            Some("tặng")
        );
    }

    #[test]
    fn a_known_word_stays_unless_the_model_far_prefers_the_other() {
        let s = [sym("V", &[]), sym("â", &[("ă", 20.0)]), sym("n", &[])];
        assert_eq!(
            choose(&word(&s), &s, Some("hoàng"), Some("sơn"), &Words).as_deref(),
            Some("Văn")
        );
        // Without the neighbour that makes "Văn" far likelier, the best path stays.
        assert_eq!(choose(&word(&s), &s, Some("an"), None, &Words), None);
    }

    #[test]
    fn a_number_never_becomes_a_word() {
        let s = [sym("1", &[("I", 60.0)]), sym(".", &[])];
        assert_eq!(choose(&word(&s), &s, None, None, &Words), None);
    }

    #[test]
    fn a_misshapen_symbol_prefers_known_codes_and_keeps_rare_ones() {
        // "QĐzUBND": both "QĐZUBND" and "QĐ-UBND" have the shape; the known codes decide.
        let s = code_with("10401/QĐ", sym("z", &[("Z", 60.0), ("-", 30.0)]), "UBND");
        assert_eq!(
            choose(&word(&s), &s, None, None, &Words).as_deref(),
            Some("10401/QĐ-UBND")
        );
        // A well-formed symbol with a code the table lacks is left as read.
        let s = code_with("185-KH/", sym("T", &[("E", 60.0)]), "U");
        assert_eq!(choose(&word(&s), &s, None, None, &Words), None);
    }

    #[test]
    fn a_letter_is_never_replaced_by_punctuation() {
        // "Thiện" and "hiện" are both words; a quote for the T is no reading of a syllable.
        let s = [
            sym("T", &[("\"", 80.0)]),
            sym("h", &[]),
            sym("i", &[]),
            sym("ệ", &[]),
            sym("n", &[]),
        ];
        assert_eq!(choose(&word(&s), &s, Some("thực"), None, &Words), None);
    }

    #[test]
    fn weak_alternatives_are_not_readings() {
        let s = [
            sym("t", &[]),
            sym("o", &[]),
            sym("ï", &[("à", 2.0)]),
            sym("n", &[]),
        ];
        assert_eq!(choose(&word(&s), &s, None, None, &Words), None);
    }

    #[test]
    fn a_symbol_takes_the_shape_decree_30_gives_it() {
        let s = code_with("10401/QĐ", sym("z", &[("-", 40.0), ("2", 45.0)]), "UBND");
        assert_eq!(
            choose(&word(&s), &s, None, None, &Words).as_deref(),
            Some("10401/QĐ-UBND")
        );
        // A well-formed symbol is left alone, whatever its alternatives.
        let s: Vec<Symbol> = "90/QĐ-TTg"
            .chars()
            .map(|c| sym(&c.to_string(), &[("8", 40.0)]))
            .collect();
        assert_eq!(choose(&word(&s), &s, None, None, &Words), None);
    }

    #[test]
    fn symbols_that_do_not_spell_the_word_are_not_used() {
        let s = [sym("t", &[]), sym("ï", &[("à", 30.0)]), sym("n", &[])];
        assert_eq!(choose("toïn", &s, None, None, &Words), None);
    }

    #[test]
    fn symbol_shapes() {
        assert!(symbol_well_formed("90/QĐ-TTg"));
        assert!(symbol_well_formed("02/HD-SVHTTDL"));
        assert!(!symbol_well_formed("10401/QĐzUBND"));
        assert!(!symbol_well_formed("3O/QĐ-UBND"));
        assert!(!symbol_well_formed("L3-NQ/TW"));
        assert!(symbol_like("98/2023/NĐ-CP;"));
        assert!(!symbol_like("Bà-Rịa"));
    }

    #[test]
    fn plausible_words_are_syllables_numbers_codes_and_punctuation() {
        for w in [
            "Văn",
            "VĂN,",
            "2023",
            "25/12/2023",
            "90/QĐ-TTg",
            "KH-UBND",
            "-",
            "(toàn)",
        ] {
            assert!(plausible(w, &Words), "{w}");
        }
        // No syllable, a letter among digits, a lower-case letter wedged into a code.
        for w in ["Giáin", "Ø1", "10401/QĐzUBND", "nhiệt.tình", "=mRHÓ"] {
            assert!(!plausible(w, &Words), "{w}");
        }
    }
}
