//! Restore: OCR or stripped text → [`RestoredText`] with Vietnamese diacritics put back,
//! an offset map to the source, and the tokens an archivist should review.
//!
//! [`syllable`] knows Vietnamese syllable structure, [`token`] splits text, [`lm`] scores
//! syllable trigrams (finding bigrams in constant time with [`successors`]), [`candidates`]
//! proposes forms for an observed word (skeleton and OCR confusions from [`confusion`]), the
//! private `lattice` holds a stretch's options, [`decode`] picks the best sequence and
//! [`confidence`] says how sure it is of each word. Beside this file, the private `channel`
//! chooses the kind of text, `steer` steers runs of words to gazetteer names ([`bodies`] to
//! names of bodies and titles), `spans` offers
//! the words old OCR cut or glued as one or two syllables, and `output` writes the restored
//! text and the review summary. The tables are made by the tool crates
//! (`sohoa-dict` from the corpora, `sohoa-learn` from rendered pages). This file loads them
//! and wires the steps into [`Restorer`].

pub mod bodies;
pub mod candidates;
pub mod confidence;
pub mod confusion;
pub mod decode;
mod lattice;
pub mod lm;
pub mod names;
pub mod places;
pub mod successors;
pub mod syllable;
pub mod token;

mod channel;
mod explain;
mod output;
mod spans;
mod steer;

pub use explain::{Explained, OptionScore};
pub use output::{
    summarise, RestorationSummary, RestoredText, RestoredToken, ReviewReason, TokenReport,
    REVIEW_THRESHOLD,
};

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::text::SourceText;
use candidates::{Candidate, Channel, Generator, Inventory};
use confusion::Confusions;
use decode::Choice;
use lattice::{Lattice, Out};
use lm::Model;
use syllable::Syllable;
use token::{Case, Kind, Token};

/// The committed language model. A `static`, not a `const`, so the bytes exist once in the
/// binary instead of being copied at each use.
static LM_BYTES: &[u8] = include_bytes!("../../../../dictionaries/lm.bin");
/// The committed confusion table (learned from rendered and OCR'd text).
static CONFUSIONS: &str = include_str!("../../../../dictionaries/confusions.tsv");
/// The committed mark slips of Vietnamese OCR (learned; see `Channel::MARKED_OCR`).
static SLIPS: &str = include_str!("../../../../dictionaries/slips-vie.tsv");
/// The committed letter edits of sohoa's own Vietnamese OCR of 1-bit copies (learned; see
/// `Channel::COPY_OCR`).
static COPY_LETTERS: &str = include_str!("../../../../dictionaries/confusions-copy.tsv");
/// The committed acronym counts (segmentation reads them too, to tell a body's code from a
/// misreading of one).
pub(crate) static ACRONYMS: &str = include_str!("../../../../dictionaries/acronyms.tsv");
/// The committed place names (segmentation reads them too, to tell a place from a misreading).
pub(crate) static PLACES: &str = include_str!("../../../../dictionaries/places.txt");
/// The committed names of bodies and titles.
static BODIES: &str = include_str!("../../../../dictionaries/bodies.txt");
/// The committed syllables of personal names (see [`names`]).
static NAMES: &str = include_str!("../../../../dictionaries/names.tsv");

/// Price of keeping a lone number in old OCR as the number it shows: `<num>` stands for every
/// number, and this one is one of many (see `number_or_word`).
const NUMBER_KEEP: f32 = 1.0;
/// Largest channel cost of a word offered for a lone number in old OCR: the repair budget of
/// [`candidates`] (a digit read for a letter is a confusion, `c6` → `có`), not the smaller
/// budget of a word read as a word.
const NUMBER_WORD_MAX_COST: f32 = 4.0;
/// Price of one edit no table has seen, in an old-OCR word whose letters spell no syllable
/// (see `Generator::unseen_edit`): a chance in 300, dearer than most learned edits. Chosen on
/// the development pages (errors at 1 / 1.5 / 2 / 2.25 / 2.5 / 2.75 / 3: 1,951 / 1,719 /
/// 1,554 / 1,501 / 1,491 / 1,519 / 1,538 of 14,009 words, budget 4; BENCHMARKS.md).
const UNSEEN_EDIT: f32 = 2.5;

/// Weight of the channel against the language model in old OCR, on top of
/// [`Restorer::channel_weight`] (every option's cost in an old-OCR lattice is multiplied by it):
/// the old-OCR channel's mark prices are set by hand and its tables learned from rendered pages,
/// and the language model, trusted at equal weight, rewrote words the written form supported
/// (`voi` → `vội`, `tai` → `tại`). Chosen on the development pages of old OCR (dev-eng, errors
/// of 14,009 words at 1.0 / 1.2 / 1.3 / 1.4 / 1.5 / 1.6 / 1.8: 1,364 / 1,312 / 1,315 / 1,310 /
/// 1,306 / 1,319 / 1,316; BENCHMARKS.md, session 8); other kinds of text keep weight 1.
const OLD_OCR_CHANNEL_WEIGHT: f32 = 1.5;

/// In stripped text, a hypothesis more than this many log10 units (a hundred-thousandfold) below
/// the best one at the same word boundary is dropped from the search: to be chosen, the rest
/// of the stretch would have to favour it that much over the best, which the development pages
/// showed twice in 19,784 syllables (dev-stripped syllable errors at margin 2 / 3 / 4 / 5 / 6 / none:
/// 888 / 753 / 733 / 730 / 728 / 728; BENCHMARKS.md, session 10). Each boundary's work is its
/// hypotheses times the next word's options, and most boundaries have one or two clear leaders:
/// the search does about a third less. Other kinds of text keep every hypothesis of the beam
/// (old OCR lost 2 words of 8,269 at margin 5).
const STRIPPED_BEAM_MARGIN: f32 = 5.0;

/// The line of `confusions.tsv` from which its edits are those of real old OCR
/// (`scripts/learn-real-confusions.sh`), used under the old-OCR channel only.
const REAL_OCR_MARK: &str = "# real-ocr";

/// Where a text came from, when the caller knows it: what the text alone cannot tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Origin {
    /// Typed text, old OCR, another engine's output, or anything else: the kind of text is
    /// read from the text itself (`channel`).
    #[default]
    Unknown,
    /// sohoa's own Tesseract (`vie`) reading of pages that were 1-bit copies (dust measured
    /// and removed on a binarised page: a photocopy, a copy of a copy). Such a reading misreads
    /// base letters on the strokes the copier thinned, which a typed text or a reading of a good
    /// scan seldom does, so its marked words may also be read through the letter edits learned
    /// from copies read the same way (`Channel::COPY_OCR`).
    CopyOcr,
}

/// Why a restorer could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// A table file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The language model is malformed.
    #[error(transparent)]
    Model(#[from] lm::ModelError),
    /// The confusion table is malformed.
    #[error(transparent)]
    Confusions(#[from] confusion::ConfusionError),
}

/// Restores diacritics. Holds the dictionary and language model; cheap to share across threads.
#[derive(Debug)]
pub struct Restorer {
    model: Model,
    inventory: Inventory,
    confusions: Confusions,
    /// The confusions and the edits of real old OCR (`confusions.tsv` whole, its `# real-ocr`
    /// part included): for old OCR only, where they were learned.
    old_ocr_confusions: Confusions,
    slips: Confusions,
    /// The letter edits of sohoa's own OCR of 1-bit copies (`confusions-copy.tsv`): for such
    /// readings only, as their caller says ([`Origin`]).
    copy_letters: Confusions,
    acronyms: HashMap<String, u32>,
    places: places::Places,
    bodies: bodies::Bodies,
    names: names::NamePrior,
    /// Hypotheses kept per position. 8: beam 6 was as accurate on the eval sets but 4 lost 0.2
    /// points of stripped and 0.5 of old-OCR accuracy (BENCHMARKS.md, restoration speed), so 8
    /// keeps a margin (on the stripped development pages of session 10, 6 lost 19 syllables of
    /// 20,245 and 4 lost 125; a margin below the best, `STRIPPED_BEAM_MARGIN` (5 log10
    /// units), cuts more work for less).
    pub beam: usize,
    /// Weight of channel costs against the language model. 1.0: the channel costs are
    /// calibrated negative log10 probabilities, like the model's scores (0.9 was 6 errors
    /// better on one dev set but the weight is shared by every channel).
    pub channel_weight: f32,
    /// Tokens with a confidence under this get their alternatives written out (default
    /// [`REVIEW_THRESHOLD`]: the ones under review). Writing three alternatives for every word
    /// made a tenth of the restorer's time and memory for forms nobody reads; set above 1 to
    /// have them for every token.
    pub alternatives_below: f32,
}

impl Default for Restorer {
    /// The embedded model (see [`Restorer::embedded`]).
    fn default() -> Self {
        Restorer::embedded()
    }
}

/// What a lowercase word offers, wherever it stands: its candidates, its own LM id, whether
/// it is a well-formed syllable, whether some candidate was reached without an unseen edit, and
/// the price of keeping the word as written, when that is not already a candidate (see
/// [`Restorer::keep_cost`]; it depends on the word as written, which its memo key is).
#[derive(Clone)]
struct WordOptions {
    cands: Vec<Candidate>,
    own: u16,
    parsed: bool,
    direct: bool,
    keep: Option<f32>,
}

impl Restorer {
    /// The model committed in `dictionaries/`, compiled into the binary (no file access).
    pub fn embedded() -> Restorer {
        Restorer::from_parts(LM_BYTES, CONFUSIONS, ACRONYMS, PLACES)
            .and_then(|r| r.with_slips(SLIPS))
            .and_then(|r| r.with_copy_letters(COPY_LETTERS))
            .map(|r| r.with_bodies(BODIES).with_names(NAMES))
            .expect("the embedded tables are valid (checked by the test suite)")
    }

    /// Loads `lm.bin`, `confusions.tsv`, `acronyms.tsv`, `places.txt` and (if present)
    /// `slips-vie.tsv`, `confusions-copy.tsv`, `bodies.txt` and `names.tsv` from `dir`.
    ///
    /// # Errors
    /// [`RestoreError`] when a file is missing or malformed.
    pub fn load(dir: &Path) -> Result<Restorer, RestoreError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|source| RestoreError::Io { path, source })
        };
        let lm = read("lm.bin")?;
        let conf = String::from_utf8_lossy(&read("confusions.tsv")?).into_owned();
        let acr = String::from_utf8_lossy(&read("acronyms.tsv")?).into_owned();
        let places = String::from_utf8_lossy(&read("places.txt")?).into_owned();
        // Optional, so that a table directory made before slips were learned still loads.
        let slips = read("slips-vie.tsv").unwrap_or_default();
        let bodies = read("bodies.txt").unwrap_or_default();
        let copy = read("confusions-copy.tsv").unwrap_or_default();
        let names = read("names.tsv").unwrap_or_default();
        Ok(Restorer::from_parts(&lm, &conf, &acr, &places)?
            .with_slips(&String::from_utf8_lossy(&slips))?
            .with_copy_letters(&String::from_utf8_lossy(&copy))?
            .with_bodies(&String::from_utf8_lossy(&bodies))
            .with_names(&String::from_utf8_lossy(&names)))
    }

    /// Replaces the names of bodies and titles (`bodies.txt` text).
    pub fn with_bodies(mut self, bodies: &str) -> Self {
        self.bodies = bodies::Bodies::parse(bodies, &self.model);
        self
    }

    /// Replaces the syllables of personal names (`names.tsv` text).
    pub fn with_names(mut self, names: &str) -> Self {
        self.names = names::NamePrior::parse(names);
        self
    }

    /// Replaces the learned mark slips of Vietnamese OCR (`slips-vie.tsv` text).
    ///
    /// # Errors
    /// [`RestoreError::Confusions`] when the table is malformed.
    pub fn with_slips(mut self, slips: &str) -> Result<Self, RestoreError> {
        self.slips = Confusions::parse(slips)?;
        Ok(self)
    }

    /// Adds the letter edits of sohoa's own OCR of 1-bit copies (`confusions-copy.tsv` text),
    /// offered beside the confusion table for readings of copies only ([`Origin::CopyOcr`]).
    ///
    /// # Errors
    /// [`RestoreError::Confusions`] when the table is malformed.
    pub fn with_copy_letters(mut self, table: &str) -> Result<Self, RestoreError> {
        self.copy_letters = Confusions::parse(table)?;
        Ok(self)
    }

    /// Builds a restorer from the contents of its four tables.
    ///
    /// # Errors
    /// [`RestoreError`] when a table is malformed.
    pub fn from_parts(
        lm: &[u8],
        confusions: &str,
        acronyms: &str,
        places: &str,
    ) -> Result<Self, RestoreError> {
        let model = Model::from_bytes(lm)?;
        let inventory = Inventory::new(&model);
        // The real-old-OCR part was learned from old OCR without a Vietnamese model; Vietnamese
        // OCR and typed text keep the table learned for every channel.
        let base = confusions
            .find(REAL_OCR_MARK)
            .map_or(confusions, |at| &confusions[..at]);
        let old_ocr_confusions = Confusions::parse(confusions)?;
        let confusions = Confusions::parse(base)?;
        let acronyms = acronyms
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, n) = l.split_once('\t')?;
                Some((w.to_owned(), n.trim().parse().ok()?))
            })
            .collect();
        Ok(Restorer {
            model,
            inventory,
            copy_letters: Confusions::default(),
            confusions,
            old_ocr_confusions,
            slips: Confusions::default(),
            acronyms,
            places: places::Places::parse(places),
            bodies: bodies::Bodies::default(),
            names: names::NamePrior::default(),
            beam: 8,
            channel_weight: 1.0,
            alternatives_below: REVIEW_THRESHOLD,
        })
    }

    /// The language model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// How often the corpora wrote `code` as an abbreviation (`acronyms.tsv`; 0 when not listed).
    pub fn acronym_count(&self, code: &str) -> u32 {
        self.acronyms.get(code).copied().unwrap_or(0)
    }

    /// Convenience: restores a plain string.
    pub fn restore_str(&self, text: &str) -> String {
        self.restore(&SourceText::from_plain(text)).text
    }

    /// Restores `source`, of unknown origin (the kind of text is read from the text itself);
    /// the output has the same lines and the same non-word characters.
    pub fn restore(&self, source: &SourceText) -> RestoredText {
        self.restore_from(source, Origin::Unknown)
    }

    /// Restores `source`, whose origin the caller knows (see [`Origin`]).
    pub fn restore_from(&self, source: &SourceText, origin: Origin) -> RestoredText {
        let text = source.text.as_str();
        let tokens: Vec<Token> = token::tokens(text).collect();
        let channel = self.channel_from(text, &tokens, origin);
        let mut out = RestoredText {
            text: String::with_capacity(text.len() + text.len() / 4),
            // One per word token at most: no regrowth (and copy) of the large records.
            tokens: Vec::with_capacity(tokens.len()),
        };
        let mut copied = 0;
        // Old OCR also puts spaces before punctuation that the print had none before.
        let tight = channel == Channel::NOISY;
        let beam = self.beam_for(&channel);
        self.each_stretch(text, &tokens, &channel, |lattice| {
            self.emit(
                text,
                lattice,
                (tight, channel.ocr),
                beam,
                &mut copied,
                &mut out,
            );
        });
        out.text.push_str(&text[copied..]);
        out
    }

    /// The search's beam for text of `channel`: [`Restorer::beam`] hypotheses, and in stripped
    /// text none further than [`STRIPPED_BEAM_MARGIN`] below the best.
    fn beam_for(&self, channel: &Channel) -> decode::Beam {
        decode::Beam {
            width: self.beam,
            margin: if *channel == Channel::STRIPPED {
                STRIPPED_BEAM_MARGIN
            } else {
                f32::INFINITY
            },
        }
    }

    /// Builds the lattice of each stretch of `text` (blank lines end a stretch) and hands it to
    /// `visit`, in order: what [`Restorer::restore`] decodes and `explain` inspects.
    fn each_stretch(
        &self,
        text: &str,
        tokens: &[Token],
        channel: &Channel,
        mut visit: impl FnMut(&Lattice),
    ) {
        // Candidates depend only on the word as written and the document's channel, and a
        // document repeats its words: generate them once per distinct word.
        let mut memo: FxHashMap<String, WordOptions> = FxHashMap::default();
        // Room for the whole text up to a bound (a stretch ends at a blank line, so a long
        // text's stretches are usually far shorter than the text).
        let mut lattice = Lattice::with_capacity(tokens.len().min(1 << 14));
        let mut seg_start = 0;
        // Blank lines end a stretch of text: decode each stretch as one sentence stream.
        for i in 0..=tokens.len() {
            let boundary = i == tokens.len()
                || (i > 0 && text[tokens[i - 1].span.end..tokens[i].span.start].contains("\n\n"));
            if !boundary || i == seg_start {
                continue;
            }
            // Runs of words steered to one spelling: gazetteer names in unmarked text, personal
            // names read through a mark slip in a Vietnamese OCR's reading.
            let steered = if !channel.is_marked() {
                self.places_in(text, &tokens[seg_start..i])
            } else if channel.learned_slips {
                self.names_in(text, &tokens[seg_start..i])
            } else {
                Vec::new()
            };
            let mut steered = steered.into_iter().peekable();
            lattice.clear();
            for j in seg_start..i {
                // A dot glued between two words of a Vietnamese OCR's reading is dust, not a
                // full stop (print sets a space after one): it stays in the text but is kept
                // out of the language model's context, where it would end the sentence.
                if channel.learned_slips && token::glued_dot(text, tokens, j) {
                    continue;
                }
                self.add_options(text, tokens, j, channel, &mut memo, &mut lattice);
                while let Some((_, form)) = steered.next_if(|(at, _)| *at == j - seg_start) {
                    self.prefer(&mut lattice, &form, text);
                }
                // Old OCR cuts and glues words; other text has its word boundaries right.
                if *channel == Channel::NOISY {
                    self.add_spans(text, tokens, seg_start, j, channel, &mut memo, &mut lattice);
                }
            }
            if !channel.is_marked() {
                self.steer_bodies(text, &mut lattice);
            }
            if *channel == Channel::NOISY {
                lattice.scale_costs(OLD_OCR_CHANNEL_WEIGHT);
            }
            visit(&lattice);
            seg_start = i;
        }
    }

    /// Adds token `i` and its options to the lattice.
    fn add_options(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        channel: &Channel,
        memo: &mut FxHashMap<String, WordOptions>,
        lattice: &mut Lattice,
    ) {
        let token = &tokens[i];
        let src = &text[token.span.clone()];
        lattice.open(token.clone());
        let mut fixed = |id: u16, out: Out| lattice.push(Choice { id, cost: 0.0 }, out);
        match token.kind {
            Kind::Number if channel.ocr && token::lone_number(text, tokens, i) => {
                return self.number_or_word(src, channel, lattice);
            }
            Kind::Number => return fixed(lm::NUM, Out::Keep),
            Kind::Punct => {
                let c = src.chars().next().map_or(' ', token::punct_name);
                let mut b = [0; 4];
                return fixed(self.model.id(c.encode_utf8(&mut b)), Out::Keep);
            }
            Kind::Word => {}
        }
        let no_lower = !src.chars().any(char::is_lowercase);
        if no_lower && (is_code_part(text, &token.span) || self.is_acronym(src)) {
            return match self.acronym_fix(src) {
                Some(fixed_form) => lattice.push_fixed(
                    Choice {
                        id: lm::UNK,
                        cost: 0.0,
                    },
                    fixed_form,
                ),
                None => fixed(lm::UNK, Out::Keep),
            };
        }
        if no_lower && is_roman(src) && roman_context(text, tokens, i) {
            return fixed(lm::UNK, Out::Keep);
        }
        // Keyed by the word as written, which decides its lowercase form and whether it is
        // capitalised (a capital may take the confusions of capitals, `P` for `Đ`): nothing is
        // allocated for a word seen before.
        let word = match memo.get(src) {
            Some(w) => w,
            None => {
                let mut w = self.shared_word_options(src, channel, memo);
                // Shared with the lowercase word, whose own keeping price it carries.
                w.keep = self.keep_cost(src, channel, &w);
                memo.entry(src.to_owned()).or_insert(w)
            }
        };
        lattice.push_forms(&word.cands);
        if let Some(cost) = word.keep {
            lattice.push(Choice { id: word.own, cost }, Out::Keep);
        }
    }

    /// The price of keeping `src` as written beside the candidates `w` offers, `None` when the
    /// word itself is a free candidate: free for well-formed syllables and for words with
    /// nothing better to offer; priced for malformed ones that look like lost marks.
    fn keep_cost(&self, src: &str, channel: &Channel, w: &WordOptions) -> Option<f32> {
        let (cands, own) = (&w.cands, w.own);
        if own != lm::UNK && cands.iter().any(|c| c.id == own && c.cost == 0.0) {
            return None;
        }
        let single = src.chars().count() == 1;
        // A lowercase syllable the model does not know, in old OCR, is priced as a
        // malformed word: it is `<unk>` to the model too (`trén`, `khéng`: é for ê, which
        // old OCR writes often), and a name the model lacks would be capitalised.
        let unknown =
            *channel == Channel::NOISY && own == lm::UNK && !src.starts_with(char::is_uppercase);
        Some(if cands.is_empty() || single {
            0.0
        } else if w.parsed && !unknown {
            channel.keep_rare
        } else {
            // `<unk>` stands for every unknown word at once, so its LM probability is far
            // higher than any one malformed word deserves.
            channel.keep_unknown.max(5.0)
        })
    }

    /// [`Restorer::word_options`] of `src`, shared through `memo` with the word written in
    /// lowercase when that offers the same: a capital changes a word's candidates only through
    /// the table's entries for a capital starting a word (`p` for `Đ`), and a document writes
    /// many of its words both ways (headings in capitals, sentence starts).
    fn shared_word_options(
        &self,
        src: &str,
        channel: &Channel,
        memo: &mut FxHashMap<String, WordOptions>,
    ) -> WordOptions {
        if src.chars().any(char::is_uppercase) {
            let lower = src.to_lowercase();
            if !(src.starts_with(char::is_uppercase)
                && self.confusions_for(channel).has_initial_at_start(&lower))
            {
                if let Some(w) = memo.get(&lower) {
                    return w.clone();
                }
                let w = self.word_options(&lower, channel);
                memo.insert(lower, w.clone());
                return w;
            }
        }
        self.word_options(src, channel)
    }

    /// What the word `src` (as written) offers under `channel`.
    fn word_options(&self, src: &str, channel: &Channel) -> WordOptions {
        let lower: Cow<str> = if src.chars().any(char::is_uppercase) {
            Cow::Owned(src.to_lowercase())
        } else {
            Cow::Borrowed(src)
        };
        let mut cands: Vec<Candidate> = Vec::new();
        let parsed = Syllable::parse(&lower);
        // A word of old OCR whose letters spell no syllable, whatever marks they take, is
        // certainly misread: it may be repaired through an edit no table has seen. One that
        // spells a syllable (`cac`, marks lost) is most often that syllable.
        let unseen_edit = (*channel == Channel::NOISY
            && lower.chars().any(char::is_alphabetic)
            && self
                .inventory
                .with_skeleton(&lower.chars().map(syllable::base_char).collect::<String>())
                .is_empty())
        .then_some(UNSEEN_EDIT);
        let gen = Generator {
            inventory: &self.inventory,
            confusions: self.confusions_for(channel),
            slips: &self.slips,
            capital: src.starts_with(char::is_uppercase),
            digit_vowels: channel.ocr && src.chars().any(char::is_alphabetic),
            unseen_edit,
        };
        let mut direct = gen.candidates(&lower, channel, &mut cands);
        if channel.copy_letters {
            direct |= self.add_copy_letters(&lower, channel, &mut cands);
        }
        let own = parsed
            .as_ref()
            .map_or(lm::UNK, |s| self.model.id(&s.render()));
        let mut w = WordOptions {
            cands,
            own,
            parsed: parsed.is_some(),
            direct,
            keep: None,
        };
        w.keep = self.keep_cost(src, channel, &w);
        w
    }

    /// Adds to `cands` the forms one learned letter edit of a copy's reading away from `lower`
    /// (a second pass over the copy table alone, so that its many letter edits neither crowd
    /// out the confusion table's rewrites nor combine with them into rewrites no copy makes);
    /// a form both passes offer keeps the cheaper cost. True when it added or cheapened one.
    fn add_copy_letters(&self, lower: &str, channel: &Channel, cands: &mut Vec<Candidate>) -> bool {
        let gen = Generator {
            inventory: &self.inventory,
            confusions: &self.copy_letters,
            slips: &self.slips,
            capital: false,
            digit_vowels: false,
            unseen_edit: None,
        };
        let mut more = Vec::new();
        gen.candidates(lower, channel, &mut more);
        let mut changed = false;
        for c in more {
            match cands.iter_mut().find(|k| k.id == c.id) {
                Some(k) if k.cost <= c.cost => {}
                Some(k) => {
                    k.cost = c.cost;
                    changed = true;
                }
                None => {
                    cands.push(c);
                    changed = true;
                }
            }
        }
        changed
    }

    /// The confusion table for `channel`: with the edits of real old OCR under the old-OCR
    /// channel only.
    fn confusions_for(&self, channel: &Channel) -> &Confusions {
        if *channel == Channel::NOISY {
            &self.old_ocr_confusions
        } else {
            &self.confusions
        }
    }

    /// A lone number in old OCR: the number (at the price of being this number among all
    /// numbers `<num>` stands for) or a word OCR may have misread as digits, through the
    /// confusion table; the language model decides. Added to the lattice's last position.
    fn number_or_word(&self, src: &str, channel: &Channel, lattice: &mut Lattice) {
        let mut cands: Vec<Candidate> = Vec::new();
        let gen = Generator {
            inventory: &self.inventory,
            confusions: self.confusions_for(channel),
            slips: &self.slips,
            capital: false,
            digit_vowels: false,
            unseen_edit: None,
        };
        gen.candidates_within(src, channel, NUMBER_WORD_MAX_COST, &mut cands);
        lattice.push(
            Choice {
                id: lm::NUM,
                cost: NUMBER_KEEP,
            },
            Out::Keep,
        );
        for c in cands {
            lattice.push_form(c.id, c.cost);
        }
    }

    /// An upper-case word the corpora use as an abbreviation, unless it is a syllable that lost
    /// its marks (`VIET` in a heading is `VIỆT`, not an abbreviation).
    fn is_acronym(&self, w: &str) -> bool {
        w.chars().count() >= 2
            && (self.acronyms.contains_key(w) || self.acronym_fix(w).is_some())
            && self
                .inventory
                .with_skeleton(&syllable::strip(&w.to_lowercase()))
                .is_empty()
    }

    /// For an upper-case token written with D where the corpora write Đ (ND → NĐ inside
    /// `30/2020/ND-CP`, HDND → HĐND), the Đ form.
    fn acronym_fix(&self, w: &str) -> Option<String> {
        let ds: Vec<usize> = w.match_indices('D').map(|(i, _)| i).collect();
        if ds.is_empty() || ds.len() > 3 {
            return None;
        }
        let own = self.acronyms.get(w).copied().unwrap_or(0);
        let mut best: Option<(String, u32)> = None;
        for mask in 1u32..(1 << ds.len()) {
            let mut s = String::with_capacity(w.len() + 2);
            let mut last = 0;
            for (k, &at) in ds.iter().enumerate() {
                s.push_str(&w[last..at]);
                s.push(if mask & (1 << k) != 0 { 'Đ' } else { 'D' });
                last = at + 1;
            }
            s.push_str(&w[last..]);
            if let Some(&n) = self.acronyms.get(&s) {
                if n > best.as_ref().map_or(0, |b| b.1) {
                    best = Some((s, n));
                }
            }
        }
        best.filter(|(_, n)| *n >= own.saturating_mul(5).max(5))
            .map(|(s, _)| s)
    }
}

/// A word glued to a `/` or `-` that touches another letter or digit, as in `161/KH-UBND`.
fn is_code_part(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].chars().rev().take(2).collect::<Vec<_>>();
    let after = text[span.end..].chars().take(2).collect::<Vec<_>>();
    let joins = |v: &[char]| v.len() == 2 && matches!(v[0], '/' | '-') && v[1].is_alphanumeric();
    joins(&before) || joins(&after)
}

fn is_roman(w: &str) -> bool {
    w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// A Roman numeral numbers something when a `.` or `)` follows it or when it sits in
/// lowercase text (`khóa XI`); in an ALL-CAPS heading `XI` could be a word.
fn roman_context(text: &str, tokens: &[Token], i: usize) -> bool {
    let next = text[tokens[i].span.end..].chars().next();
    if matches!(next, Some('.' | ')')) {
        return true;
    }
    i > 0
        && tokens[i - 1].kind == Kind::Word
        && token::case_of(&text[tokens[i - 1].span.clone()]) != Case::Upper
}

/// The embedded restorer, loaded once for [`restore_str`].
pub fn shared() -> &'static Restorer {
    static R: OnceLock<Restorer> = OnceLock::new();
    R.get_or_init(Restorer::embedded)
}

/// Restores a plain string with the embedded model.
pub fn restore_str(text: &str) -> String {
    shared().restore_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_spelling_no_syllable_reach_syllables_one_unseen_edit_away_in_old_ocr() {
        // No confusion table: whatever is offered beyond a word's own skeleton is an unseen edit.
        let r = Restorer::from_parts(LM_BYTES, "", ACRONYMS, PLACES).unwrap();
        let forms = |w: &str, ch: &Channel| {
            let o = r.word_options(w, ch);
            let f: Vec<String> = o
                .cands
                .iter()
                .map(|c| r.inventory.forms[c.id as usize].clone())
                .collect();
            (f, o.direct)
        };
        // A letter replaced (`b` for `ô`), a letter too many (`i` in `vian`).
        for (word, meant) in [("dbi", "đổi"), ("vian", "văn")] {
            let (f, direct) = forms(word, &Channel::NOISY);
            assert!(f.iter().any(|x| x == meant), "{word}: {f:?}");
            assert!(!direct, "{word}: only unseen edits reach a syllable");
            // Other kinds of text take no unseen edit.
            for ch in [Channel::STRIPPED, Channel::MARKED, Channel::MARKED_OCR] {
                assert!(!forms(word, &ch).0.iter().any(|x| x == meant), "{word}");
            }
        }
        // A word whose letters spell a syllable keeps to that skeleton.
        let (f, direct) = forms("cac", &Channel::NOISY);
        assert!(
            direct && f.iter().all(|x| syllable::strip(x) == "cac"),
            "{f:?}"
        );
        // One unseen edit, never two.
        assert!(!forms("dbb", &Channel::NOISY).0.iter().any(|x| x == "đổi"));
    }

    #[test]
    fn old_ocr_keeps_an_unknown_lowercase_syllable_at_a_malformed_words_price() {
        let r = Restorer::embedded();
        // Old OCR (`-l eng`) writes é for ê: `trén` parses as a syllable the model lacks.
        let text = "K& hoach s6 12 vé viéc t6 chitc hop trén dia ban x4, Trén";
        assert_eq!(r.channel_name(text), "noisy");
        assert_eq!(r.model.id("trén"), lm::UNK);
        let ex = r.explain(text);
        let keep = |word: &str| {
            let e = ex.iter().find(|e| &text[e.source.clone()] == word).unwrap();
            e.options.iter().find(|o| o.form == word).unwrap().cost
        };
        // Every old-OCR cost is weighed by the old-OCR channel weight.
        assert_eq!(keep("trén"), 5.0 * OLD_OCR_CHANNEL_WEIGHT);
        // Capitalised, it may be a name the model lacks: the price of a rare syllable.
        assert_eq!(
            keep("Trén"),
            Channel::NOISY.keep_rare * OLD_OCR_CHANNEL_WEIGHT
        );
        assert!(
            r.restore_str(text).contains("họp trên địa bàn"),
            "{}",
            r.restore_str(text)
        );
        // Typed text is not weighed so: its slip costs what its channel says.
        let vie = "Kế hoạch tổ chức hop trên địa bàn xã, kế hoạch tổ chức họp trên địa bàn";
        assert_eq!(r.channel_name(vie), "marked");
        let e = r.explain(vie);
        let hop = e.iter().find(|e| &vie[e.source.clone()] == "hop").unwrap();
        let own = hop.options.iter().find(|o| o.form == "họp").unwrap();
        assert_eq!(own.cost, Channel::MARKED.tone_add);
    }

    #[test]
    fn real_ocr_edits_serve_the_old_ocr_channel_only() {
        let table = format!("{CONFUSIONS}\n{REAL_OCR_MARK}: a test line\nqz\tô\t0.1\n");
        let r = Restorer::from_parts(LM_BYTES, &table, ACRONYMS, PLACES).unwrap();
        assert_eq!(
            r.confusions_for(&Channel::NOISY).intended("qz"),
            [("ô".to_owned(), 0.1)]
        );
        for other in [Channel::MARKED_OCR, Channel::MARKED, Channel::STRIPPED] {
            assert!(r.confusions_for(&other).intended("qz").is_empty());
        }
        // The committed table's own real-OCR part is split off the same way.
        let e = Restorer::embedded();
        assert!(e.old_ocr_confusions.len() > e.confusions.len());
    }
}
