//! Candidate syllables for an observed word, with channel costs: every accented form of its
//! skeleton, plus forms reachable through the OCR confusion table (weighted edit distance),
//! plus, for a word old OCR left malformed, the syllables one edit no table has seen away from
//! those skeletons (the syllable inventory's deletion index finds them in a few look-ups).

use rustc_hash::FxHashMap;

use super::confusion::Confusions;
use super::lm::Model;
use super::syllable::{base_char, foreign_base, split_tone, strip_char, Syllable, Tone};

mod prepared;
pub use prepared::Prepared;
use prepared::{Edit, Part, NO_LETTER};

/// Syllables seen fewer times than this in the corpora are not offered as candidates: they are
/// mostly typos that happen to be well formed.
const MIN_CANDIDATE_COUNT: u32 = 5;

/// The syllables of the language model, indexed by skeleton.
#[derive(Debug, Default)]
pub struct Inventory {
    /// Rendered lowercase form of each LM id that is a syllable (empty for other tokens).
    pub forms: Vec<String>,
    /// Characters of each form, for the channel cost.
    chars: Vec<Vec<char>>,
    /// Log10 of each token's share of the corpus count (its unigram probability), which ranks
    /// the candidates of a noisy word before the cap (see [`MAX_CANDIDATES`]).
    prior: Vec<f32>,
    /// Skeleton → ids, most frequent first.
    by_skeleton: FxHashMap<String, Vec<u16>>,
    /// Length in bytes of the longest skeleton: a partial rewrite longer than this can never
    /// become a candidate, which bounds the search on long junk tokens.
    max_skeleton_len: usize,
    /// Every skeleton of `by_skeleton`, sorted: what [`Inventory::near`] indexes into.
    skeletons: Vec<String>,
    /// [`marks_of`] each form under [`Channel::NOISY`], the one channel that takes unseen
    /// edits: found once at load instead of for every neighbour of every malformed word.
    noisy_marks: Vec<f32>,
    /// The characters of each of `skeletons`, for the test of one edit.
    skeleton_chars: Vec<Vec<char>>,
    /// The ids of each of `skeletons` (as `by_skeleton` has them), found by index without
    /// hashing the skeleton again.
    skeleton_ids: Vec<Vec<u16>>,
    /// A skeleton, and each string made by deleting one of its letters, → the skeletons (indices
    /// into `skeletons`) it came from: two skeletons one insertion, deletion or substitution
    /// apart share a key (the symmetric-delete index of SymSpell), so the neighbours of a
    /// skeleton are found with one look-up per letter instead of one per possible edit.
    deletes: FxHashMap<String, Vec<u32>>,
}

impl Inventory {
    /// Indexes the syllables of `model`.
    pub fn new(model: &Model) -> Inventory {
        let mut inv = Inventory::default();
        let total: f64 = model
            .counts
            .iter()
            .map(|&n| f64::from(n))
            .sum::<f64>()
            .max(1.0);
        inv.prior = model
            .counts
            .iter()
            .map(|&n| (f64::from(n.max(1)) / total).log10() as f32)
            .collect();
        for (id, tok) in model.vocab.iter().enumerate() {
            let syl = Syllable::parse(tok);
            let form = syl.as_ref().map(Syllable::render).unwrap_or_default();
            if let Some(s) = &syl {
                if model.counts[id] >= MIN_CANDIDATE_COUNT {
                    inv.by_skeleton
                        .entry(s.skeleton())
                        .or_default()
                        .push(id as u16);
                }
            }
            inv.chars.push(form.chars().collect());
            inv.forms.push(form);
        }
        for ids in inv.by_skeleton.values_mut() {
            ids.sort_by_key(|&i| std::cmp::Reverse(model.counts[i as usize]));
        }
        inv.noisy_marks = inv
            .chars
            .iter()
            .map(|form| marks_of(form, &Channel::NOISY))
            .collect();
        inv.max_skeleton_len = inv.by_skeleton.keys().map(String::len).max().unwrap_or(0);
        inv.index_near();
        inv
    }

    /// Builds the index of [`Inventory::near`] over the skeletons of `by_skeleton`.
    fn index_near(&mut self) {
        self.skeletons = self.by_skeleton.keys().cloned().collect();
        self.skeletons.sort();
        self.skeleton_chars = self.skeletons.iter().map(|s| s.chars().collect()).collect();
        self.skeleton_ids = (self.skeletons.iter())
            .map(|s| self.by_skeleton[s].clone())
            .collect();
        self.deletes.clear();
        for (k, sk) in self.skeletons.iter().enumerate() {
            let chars: Vec<char> = sk.chars().collect();
            for key in std::iter::once(sk.clone()).chain(deletions(&chars)) {
                let v = self.deletes.entry(key).or_default();
                if v.last() != Some(&(k as u32)) {
                    v.push(k as u32);
                }
            }
        }
    }

    /// Appends to `out` the skeletons one edit (a letter inserted, deleted or replaced, or two
    /// neighbours swapped) from `skeleton`, itself excluded; `out` is sorted and deduplicated.
    pub fn near(&self, skeleton: &str, out: &mut Vec<u32>) {
        let start = out.len();
        let chars: Vec<char> = skeleton.chars().collect();
        let mut look_up = |key: &str| {
            if let Some(v) = self.deletes.get(key) {
                // One deletion a side also pairs a deletion with an insertion elsewhere
                // (`dooi`, `doin`): two edits, not one.
                out.extend(
                    v.iter()
                        .filter(|&&k| one_edit(&chars, &self.skeleton_chars[k as usize])),
                );
            }
        };
        look_up(skeleton);
        // The deletions of `deletions`, built in one buffer.
        let mut key = String::with_capacity(skeleton.len());
        for p in 0..chars.len() {
            if p == 0 || chars[p] != chars[p - 1] {
                key.clear();
                key.extend(chars[..p].iter().chain(&chars[p + 1..]));
                look_up(&key);
            }
        }
        out[start..].sort_unstable();
        let mut w = start;
        for r in start..out.len() {
            if w == start || out[r] != out[w - 1] {
                out[w] = out[r];
                w += 1;
            }
        }
        out.truncate(w);
    }

    /// The skeleton of index `k` of [`Inventory::near`].
    pub fn skeleton(&self, k: u32) -> &str {
        &self.skeletons[k as usize]
    }

    /// Log10 unigram probability of the token `id` (0 for an id out of range).
    pub fn log_prior(&self, id: u16) -> f32 {
        self.prior.get(id as usize).copied().unwrap_or(0.0)
    }

    /// Ids whose skeleton is `skeleton`.
    pub fn with_skeleton(&self, skeleton: &str) -> &[u16] {
        self.by_skeleton.get(skeleton).map_or(&[], Vec::as_slice)
    }
}

/// What `channel` charges for the marks of `form` (its letters read without them): the price
/// of a form reached through an unseen edit, on top of the edit.
fn marks_of(form: &[char], channel: &Channel) -> f32 {
    form.iter()
        .map(|&c| channel.letter(strip_char(c), c).unwrap_or(0.0))
        .sum()
}

/// True when `a` and `b` are one edit apart: a letter replaced, inserted or deleted, or two
/// neighbouring letters swapped.
fn one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let p = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 if p == short.len() => false,
        0 => {
            short[p + 1..] == long[p + 1..]
                || (p + 1 < short.len()
                    && short[p] == long[p + 1]
                    && short[p + 1] == long[p]
                    && short[p + 2..] == long[p + 2..])
        }
        1 => short[p..] == long[p + 1..],
        _ => false,
    }
}

/// The strings made by deleting one letter of `chars` (distinct ones once).
fn deletions(chars: &[char]) -> impl Iterator<Item = String> + '_ {
    (0..chars.len())
        .filter(move |&p| p == 0 || chars[p] != chars[p - 1])
        .map(move |p| chars[..p].iter().chain(&chars[p + 1..]).collect())
}

/// Prices of mark slips on one letter, set per document from how marked its text is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Channel {
    /// Tone present in the output but not in the source.
    pub tone_add: f32,
    /// Tone in the source but none in the output.
    pub tone_drop: f32,
    /// Different tones.
    pub tone_change: f32,
    /// Vowel mark or đ stroke added (e → ê, d → đ).
    pub mark_add: f32,
    /// Vowel mark or stroke removed.
    pub mark_drop: f32,
    /// Different vowel marks (ô → ơ).
    pub mark_change: f32,
    /// Whether to look for OCR confusions beyond mark slips.
    pub ocr: bool,
    /// Price of keeping a word that is not a known syllable when it might be OCR noise.
    pub keep_unknown: f32,
    /// Price of keeping a well-formed syllable too rare to be a candidate itself.
    pub keep_rare: f32,
    /// Whether mark slips are priced by the learned slips of a Vietnamese OCR instead of the
    /// costs above (`ế` for `ể` is a common misreading, `ế` for `ệ` is not).
    pub learned_slips: bool,
    /// Whether the letter edits learned from sohoa's own Vietnamese OCR of 1-bit copies
    /// (`confusions-copy.tsv`) are offered beside the confusion table's: only when the caller
    /// says the text is such a reading ([`Channel::COPY_OCR`]), never guessed from the text.
    pub copy_letters: bool,
    /// Largest channel cost a candidate may have.
    pub max_cost: f32,
}

impl Channel {
    /// Text with its marks stripped: any marking is free, the language model decides.
    pub const STRIPPED: Channel = Channel {
        tone_add: 0.0,
        tone_drop: 3.0,
        tone_change: 3.0,
        mark_add: 0.0,
        mark_drop: 3.0,
        mark_change: 3.0,
        ocr: false,
        keep_unknown: 0.0,
        keep_rare: 2.0,
        learned_slips: false,
        copy_letters: false,
        max_cost: MAX_COST,
    };
    /// OCR made without a Vietnamese model: marks mostly lost, letters often confused. Its
    /// one marked letter is `é`, written for `ê` under any tone: in the Decree 30 old-OCR
    /// pairs (`scripts/make-oldocr-pairs.sh`) the share of each of the six tones among the
    /// ê it was written for is the tones' share among all ê within 3% (6,134 letters), so
    /// the acute it shows says nothing of the tone, and dropping or changing it costs what
    /// adding a tone costs (BENCHMARKS.md, session 9).
    pub const NOISY: Channel = Channel {
        tone_add: 0.05,
        tone_drop: 0.05,
        tone_change: 0.05,
        mark_add: 0.05,
        mark_drop: 0.8,
        mark_change: 0.5,
        ocr: true,
        keep_unknown: 2.5,
        keep_rare: 1.0,
        learned_slips: false,
        copy_letters: false,
        max_cost: MAX_COST,
    };
    /// Text that is marked (Vietnamese OCR or typed text): changes need strong evidence.
    pub const MARKED: Channel = Channel {
        tone_add: 2.2,
        tone_drop: 2.4,
        tone_change: 2.3,
        mark_add: 2.3,
        mark_drop: 2.5,
        mark_change: 2.5,
        ocr: false,
        keep_unknown: 0.0,
        keep_rare: 0.0,
        learned_slips: false,
        copy_letters: false,
        max_cost: MAX_COST,
    };
    /// Marked text that shows OCR noise (Vietnamese OCR of a poor scan). Its mark slips cost
    /// what they were learned to cost (`slips-vie.tsv` prices every slip, the unseen ones from
    /// their tone and mark parts), so a slip of both tone and mark (`sắn` for `sản`, 2.6) may be
    /// read through when the language model is sure enough; letters may be confused as in any
    /// OCR (`rầng` for `tầng`); and a syllable the model does not know is taken for a misreading
    /// unless nothing likelier is offered. The costs were chosen on the dev pages of the
    /// confusion split (`target/confusion-pairs/dev-vie`), never on the evaluation sets.
    pub const MARKED_OCR: Channel = Channel {
        ocr: true,
        keep_rare: 4.0,
        learned_slips: true,
        max_cost: 5.0,
        ..Channel::MARKED
    };
    /// sohoa's own Tesseract (`vie`) reading of 1-bit copies (photocopies, copies of copies),
    /// as its caller knows it (`restore::Origin::CopyOcr`): the Vietnamese-OCR channel, plus
    /// the letter edits such a reading makes (a base letter misread on strokes a copier
    /// thinned, `h` for `l`, `x` for `v`, a letter lost or added, `ï` for a marked vowel),
    /// learned from renders of the confusion split read the same way.
    pub const COPY_OCR: Channel = Channel {
        copy_letters: true,
        ..Channel::MARKED_OCR
    };

    /// Whether this is a channel of marked text (typed, or read by a Vietnamese OCR), where
    /// words are steered by the language model alone, not to gazetteer names.
    pub fn is_marked(&self) -> bool {
        *self == Channel::MARKED || *self == Channel::MARKED_OCR || *self == Channel::COPY_OCR
    }

    /// Cost of reading the letter `o` where `c` was meant; `None` when they are different
    /// letters (not the same skeleton).
    #[inline]
    pub fn letter(&self, o: char, c: char) -> Option<f32> {
        if o == c {
            return Some(0.0);
        }
        // Two different ASCII letters are two different letters (the common case of the edit
        // distance: an observed letter against a candidate's), without the tables below.
        if o.is_ascii() && c.is_ascii() {
            return None;
        }
        if strip_char(o) != strip_char(c) {
            return None;
        }
        let (ob, ot) = split_tone(o);
        let (cb, ct) = split_tone(c);
        let tone = if ot == ct {
            0.0
        } else if ot == 0 {
            self.tone_add
        } else if ct == 0 {
            self.tone_drop
        } else {
            self.tone_change
        };
        let mark = if ob == cb {
            0.0
        } else if strip_char(ob) == ob {
            self.mark_add
        } else if strip_char(cb) == cb {
            self.mark_drop
        } else {
            self.mark_change
        };
        Some(tone + mark)
    }
}

/// One candidate: LM id and channel cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Language-model id of the syllable.
    pub id: u16,
    /// Channel cost (−log10-like).
    pub cost: f32,
}

/// Largest channel cost a candidate may have, unless the channel says otherwise: one mark
/// changed (about 2.3-2.5 in [`Channel::MARKED`]) is reachable, two are not, so typed text
/// is never rewritten twice in one word.
pub const MAX_COST: f32 = 2.5;
/// Largest channel cost of a repair of a word that is no syllable at all, in marked text where
/// nothing else is offered for it: keeping such a word costs more than this (see the restorer's
/// slot), so a dearer confusion (`rn` for `m`) is still the likelier reading.
const REPAIR_MAX_COST: f32 = 4.0;
/// Cost of any Vietnamese letter on the base of a letter with a mark Vietnamese does not use
/// (`ö`, `ä`, `ï`): OCR saw a mark there but not which one.
const FOREIGN_MARK: f32 = 0.5;

/// Cost of a marked vowel read as one of the symbols OCR puts where it could not read one
/// (`hi¢u`, `K& hoạch`; the symbols the tokenizer keeps inside words).
const JUNK_VOWEL: f32 = 1.0;
/// Skeletons of the vowels a junk symbol may stand for.
const MARKED_VOWEL_BASES: [char; 6] = ['a', 'e', 'i', 'o', 'u', 'y'];

/// True for a symbol OCR writes for a marked vowel it could not read.
fn is_junk(c: char) -> bool {
    matches!(c, '¢' | '&' | '@')
}

/// Largest channel cost of a candidate reached through an edit no table has seen: under the
/// price of keeping a malformed word in old OCR (5, see the restorer), so that a repair within
/// it can win when the language model agrees. Chosen on the development pages (errors at
/// 3.5 / 4 / 4.5 / 5: 1,557 / 1,491 / 1,479 / 1,481 of 14,009 words; BENCHMARKS.md).
const UNSEEN_BUDGET: f32 = 4.5;
/// Rewrites of an observed word (its skeleton and its cheapest confusion-table rewrites) whose
/// neighbours one unseen edit away are looked up: the cheapest few, so the work per word stays
/// bounded.
const UNSEEN_BASES: usize = 16;
// A base's rank fits in the low byte of a neighbour's number (`unseen_neighbours`).
const _: () = assert!(UNSEEN_BASES <= 256);
/// Forms taken per neighbouring skeleton, most frequent first: which tone the word has is the
/// language model's to say, from the few common ones.
const UNSEEN_FORMS: usize = 4;

/// Candidates kept per token, cheapest first, in OCR mode: the decoder's work grows with the
/// square of the options per word, and past the twelfth the cheapest are rarely chosen.
const MAX_CANDIDATES: usize = 12;

/// The `n` best candidates offered, by rank (least first), in the order a stable sort of all
/// offered would leave them (equal ranks in the order offered): what sorting them all and
/// keeping the first `n` gives, without sorting the hundreds of forms a noisy word may reach.
struct Best {
    n: usize,
    /// (rank, candidate), best first.
    kept: Vec<(f32, Candidate)>,
}

impl Best {
    fn new(n: usize) -> Best {
        Best {
            n,
            kept: Vec::with_capacity(n + 1),
        }
    }

    /// Whether a candidate of rank `rank` or more could still be kept: false once `n` are kept
    /// that all rank below or equal to it (an equal rank goes after them).
    #[inline]
    fn may_take(&self, rank: f32) -> bool {
        self.kept.len() < self.n
            || self.kept[self.n - 1].0.total_cmp(&rank) == std::cmp::Ordering::Greater
    }

    /// A cost above which a form of log prior `prior` cannot be kept (its rank `cost - prior`
    /// would not be under the worst kept one's): infinite until `n` are kept. With a margin far
    /// above the rounding of the subtraction, so that the edit distance may stop following
    /// dearer paths without changing which forms are kept (when the cap is full, `direct` is
    /// already set, so a form's exact cost above this bound decides nothing else).
    #[inline]
    fn cost_bound(&self, prior: f32) -> f32 {
        if self.kept.len() < self.n {
            f32::INFINITY
        } else {
            self.kept[self.n - 1].0 + prior + 1e-3
        }
    }

    fn offer(&mut self, c: Candidate, rank: f32) {
        // After every kept one of equal rank, as a stable sort puts it.
        let at = self
            .kept
            .partition_point(|(k, _)| k.total_cmp(&rank) != std::cmp::Ordering::Greater);
        if at < self.n {
            self.kept.insert(at, (rank, c));
            self.kept.truncate(self.n);
        }
    }
}

/// Most skeletons the confusion table's rewrites of one word may reach (a bound on the work
/// for long junk tokens).
const MAX_REWRITES: usize = 256;

/// Generates candidates for one lowercase observed word.
pub struct Generator<'a> {
    /// The syllables.
    pub inventory: &'a Inventory,
    /// OCR confusions.
    pub confusions: &'a Confusions,
    /// Learned mark slips of a Vietnamese OCR (used when the channel asks for them).
    pub slips: &'a Confusions,
    /// Whether the observed word starts with a capital (its first letter may then have been
    /// misread the way capitals are, `P` for `Đ`).
    pub capital: bool,
    /// Whether a digit inside a word of letters stands for some marked vowel, as a junk symbol
    /// does (old OCR: `x4` for `xã`, `c4c` for `các`). A Vietnamese syllable has no digit, and
    /// between its consonants only a vowel can stand; set for words with letters in OCR text,
    /// not for lone numbers (which are first of all numbers).
    pub digit_vowels: bool,
    /// Price of one edit of the skeleton that neither table has seen (a letter inserted,
    /// deleted or replaced, two neighbours swapped: `dbi` for `đổi`, `Vian` for `Văn`), when
    /// the word may be repaired through one, on top of the tables' edits: set for words of old
    /// OCR whose letters spell no syllable, which are certainly misread, in ways the rendered
    /// pages and the other seed did not all show. `None`: only the tables' edits.
    pub unseen_edit: Option<f32>,
}

impl Generator<'_> {
    /// A digit inside a word, when digits may stand for vowels (every digit: in real old OCR
    /// `4` for ã and á and `6` for ó stand beside the `6` for ô the synthetic pages taught).
    #[inline]
    fn is_vowel_digit(&self, c: char) -> bool {
        self.digit_vowels && c.is_ascii_digit()
    }

    /// Cost of the letter `c` read as `o`: the learned slip's when the channel uses learned
    /// slips and the table has this pair of letters, else the channel's price.
    #[inline]
    fn letter(&self, o: char, c: char, channel: &Channel) -> Option<f32> {
        self.letter_seen(self.seen(o), o, c, channel)
    }

    /// What kind of observed character `o` is, for [`Generator::letter_seen`].
    #[inline]
    fn seen(&self, o: char) -> Seen {
        if let Some(b) = foreign_base(o) {
            Seen::Foreign(b)
        } else if is_junk(o) || self.is_vowel_digit(o) {
            Seen::Junk
        } else {
            Seen::Letter
        }
    }

    /// [`Generator::letter`] with the kind of `o` found once per word (it is asked for every
    /// cell of every candidate's edit distance).
    #[inline]
    fn letter_seen(&self, seen: Seen, o: char, c: char, channel: &Channel) -> Option<f32> {
        match seen {
            Seen::Foreign(b) => return (strip_char(c) == b).then_some(FOREIGN_MARK),
            Seen::Junk => {
                return (strip_char(c) != c && MARKED_VOWEL_BASES.contains(&strip_char(c)))
                    .then_some(JUNK_VOWEL)
            }
            Seen::Letter => {}
        }
        let base = channel.letter(o, c)?;
        if channel.learned_slips && o != c {
            if let Some(s) = self.slips.letter(o, c) {
                return Some(s);
            }
        }
        Some(base)
    }

    /// Candidates for the lowercase word `lower`, under `channel` (up to its `max_cost`),
    /// appended to `out`. True when some candidate was found without an unseen edit.
    pub fn candidates(&self, lower: &str, channel: &Channel, out: &mut Vec<Candidate>) -> bool {
        self.candidates_within(lower, channel, channel.max_cost, out)
    }

    /// As [`Generator::candidates`], with candidates up to channel cost `max_cost`.
    pub fn candidates_within(
        &self,
        lower: &str,
        channel: &Channel,
        max_cost: f32,
        out: &mut Vec<Candidate>,
    ) -> bool {
        let first = out.len();
        let obs: Vec<char> = lower.chars().collect();
        let letters = obs.iter().all(|c| c.is_alphabetic());
        let skeleton = || obs.iter().map(|&c| base_char(c)).collect::<String>();
        if letters {
            let sk = skeleton();
            // A word with no marks at all, where adding marks is free (stripped text): every
            // form of its skeleton costs 0, the sum the loop below would find letter by letter.
            let free = channel.tone_add == 0.0
                && channel.mark_add == 0.0
                && !channel.learned_slips
                && obs.iter().all(|c| c.is_ascii_lowercase());
            let ids = self.inventory.with_skeleton(&sk);
            if free {
                out.extend(ids.iter().map(|&id| Candidate { id, cost: 0.0 }));
            } else {
                for &id in ids {
                    let form = &self.inventory.chars[id as usize];
                    let cost: f32 = obs
                        .iter()
                        .zip(form)
                        .map(|(&o, &c)| self.letter(o, c, channel).unwrap_or(f32::INFINITY))
                        .sum();
                    if cost <= max_cost {
                        out.push(Candidate { id, cost });
                    }
                }
            }
        }
        // Outside OCR text, confusions are only worth a look when the marks alone explain
        // nothing (`nhitng` in an otherwise clean document).
        if !channel.ocr && !out.is_empty() {
            return true;
        }
        let max_cost = if !channel.ocr && Syllable::parse(lower).is_none() {
            max_cost.max(REPAIR_MAX_COST)
        } else {
            max_cost
        };
        let start = out.len();
        let chunks = self.chunks(&obs);
        let mut found = Rewrites {
            short: Vec::with_capacity(MAX_REWRITES),
            ..Rewrites::default()
        };
        let mut cur = String::with_capacity(2 * self.inventory.max_skeleton_len + 16);
        self.variants(&obs, &chunks, 0, &mut cur, 0.0, 0, max_cost, &mut found);
        let mut buf = String::new();
        let skeletons = found.sorted(&mut buf);
        let exact = if letters { skeleton() } else { String::new() };
        // Ranked as the noisy channel would, by P(observed | form) · P(form): by cost alone a
        // family of rare forms one cheap confusion away (`c6`: cô cố cồ cổ cỗ cộ co cò ...) fills
        // the cap before the common word one dearer confusion away (`có`).
        let prior = |id: u16| self.inventory.log_prior(id);
        let mut best = Best::new(MAX_CANDIDATES);
        let mut direct = out.len() > first;
        for &(sk, _) in &skeletons {
            if sk == exact {
                continue;
            }
            for &id in self.inventory.with_skeleton(sk) {
                // A cost is never negative, so a form whose rank at cost 0 cannot enter the
                // kept best needs no edit distance (the cap is full, so `direct` is set); nor
                // does any later form of this skeleton (most frequent first: they rank lower still).
                if !best.may_take(0.0 - prior(id)) {
                    break;
                }
                let form = &self.inventory.chars[id as usize];
                let bound = best.cost_bound(prior(id)).min(max_cost);
                let cost = self.distance_within(&obs, &chunks, form, channel, bound);
                if cost <= max_cost {
                    direct = true;
                    best.offer(Candidate { id, cost }, cost - prior(id));
                }
            }
        }
        if let Some(unseen) = self.unseen_edit {
            let mut near = Vec::new();
            self.unseen_neighbours(&skeletons, unseen, channel, &mut near);
            for c in near {
                best.offer(c, c.cost - prior(c.id));
            }
        }
        out.truncate(start);
        out.extend(best.kept.into_iter().map(|(_, c)| c));
        direct
    }

    /// Appends the forms of the syllables one unseen edit from the cheapest `rewrites` (sorted
    /// by skeleton, one each) that are not rewrites themselves, within [`UNSEEN_BUDGET`]: each
    /// at the rewrite's cost, plus `unseen`, plus its marks as the channel prices added ones.
    fn unseen_neighbours(
        &self,
        rewrites: &[(&str, f32)],
        unseen: f32,
        channel: &Channel,
        out: &mut Vec<Candidate>,
    ) {
        let budget = UNSEEN_BUDGET;
        let mut bases: Vec<&(&str, f32)> =
            rewrites.iter().filter(|r| r.1 + unseen <= budget).collect();
        bases.sort_by(|a, b| a.1.total_cmp(&b.1));
        bases.truncate(UNSEEN_BASES);
        // Each neighbour once, at the cost of its cheapest base: its forms' costs are sums that
        // grow with the base's cost, so their cheapest are the ones that base gives.
        // The bases are sorted by cost, so the cheapest base of a neighbour is the one of least
        // rank: each neighbour as one number, its index above its base's rank (below 256).
        let mut reached: Vec<u64> = Vec::new();
        let mut near = Vec::new();
        for (rank, (base, _)) in bases.iter().enumerate() {
            near.clear();
            self.inventory.near(base, &mut near);
            reached.extend(near.iter().map(|&k| (u64::from(k) << 8) | rank as u64));
        }
        reached.sort_unstable();
        reached.dedup_by_key(|r| *r >> 8);
        let mut found: Vec<Candidate> = Vec::new();
        // `reached` is in the order of the skeletons (sorted, as `rewrites` are): the rewrites
        // are skipped by walking both.
        let mut p = 0;
        for r in reached {
            let (k, cost) = ((r >> 8) as u32, bases[(r & 0xff) as usize].1);
            let sk = self.inventory.skeleton(k);
            while p < rewrites.len() && rewrites[p].0 < sk {
                p += 1;
            }
            if p < rewrites.len() && rewrites[p].0 == sk {
                continue;
            }
            let ids = &self.inventory.skeleton_ids[k as usize];
            for &id in ids.iter().take(UNSEEN_FORMS) {
                let marks = if *channel == Channel::NOISY {
                    self.inventory.noisy_marks[id as usize]
                } else {
                    marks_of(&self.inventory.chars[id as usize], channel)
                };
                let c = cost + unseen + marks;
                if c <= budget {
                    found.push(Candidate { id, cost: c });
                }
            }
        }
        // Each id once (a form has one skeleton), so the order of ids is the whole order.
        found.sort_unstable_by_key(|c| c.id);
        out.extend(found);
    }

    /// The table's entries for every chunk of `obs`, prepared when the table was read: for
    /// each start `i`, each chunk's entries and whether those of a capital starting the word
    /// apply. Found once per word, for the rewrites and every candidate's distance.
    fn chunks(&self, obs: &[char]) -> Chunks<'_> {
        let mut starts = Vec::with_capacity(2 * obs.len());
        let mut starts_from = Vec::with_capacity(obs.len() + 1);
        let mut groups = Vec::with_capacity(8 * obs.len());
        let mut groups_from = Vec::with_capacity(obs.len() + 1);
        let mut key = String::new();
        for i in 0..obs.len() {
            starts_from.push(starts.len());
            groups_from.push(groups.len());
            key.clear();
            let initial = i == 0 && self.capital;
            for k in 1..=self.confusions.max_observed.min(obs.len() - i) {
                key.push(obs[i + k - 1]);
                if let Some(p) = self.confusions.prepared(&key) {
                    if !p.plain.is_empty() || (initial && !p.initial.is_empty()) {
                        for part in p.parts(initial) {
                            starts.push((p.k, part));
                            groups.extend(part.groups.iter().map(|&(first, a, b)| {
                                (first, &part.edits[a as usize..b as usize])
                            }));
                        }
                    }
                }
            }
            // By first letter (the empty one, which applies at every letter, first), so that a
            // cell stops at the first group past its candidate's letter.
            groups[groups_from[i]..].sort_by_key(|g: &(char, &[Edit])| g.0);
        }
        starts_from.push(starts.len());
        groups_from.push(groups.len());
        Chunks {
            starts,
            starts_from,
            groups,
            groups_from,
            seen: obs.iter().map(|&o| self.seen(o)).collect(),
            bases: obs
                .iter()
                .map(|&o| o.is_alphabetic().then(|| base_char(o)))
                .collect(),
        }
    }

    /// Skeletons reachable from `obs[i..]` by confusion-table rewrites within `max_cost`,
    /// `cur` being the skeleton so far (restored as it was on return).
    #[allow(clippy::too_many_arguments)]
    fn variants(
        &self,
        obs: &[char],
        chunks: &Chunks<'_>,
        i: usize,
        cur: &mut String,
        cost: f32,
        depth: usize,
        max_cost: f32,
        out: &mut Rewrites,
    ) {
        // Rewrites only ever lengthen `cur`: once it is longer than every skeleton, nothing
        // below this call can be a candidate. Without this a long junk token (a line of `D`s,
        // a code glued to text) costs time growing with the fourth power of its length.
        if out.pushed >= MAX_REWRITES || cur.len() > self.inventory.max_skeleton_len {
            return;
        }
        if i == obs.len() {
            out.push(cur, cost);
            return;
        }
        let len = cur.len();
        if let Some(base) = chunks.bases[i] {
            cur.push(base);
            self.variants(obs, chunks, i + 1, cur, cost, depth, max_cost, out);
            cur.truncate(len);
        } else if matches!(chunks.seen[i], Seen::Junk) && cost + JUNK_VOWEL <= max_cost {
            for v in MARKED_VOWEL_BASES {
                cur.push(v);
                self.variants(
                    obs,
                    chunks,
                    i + 1,
                    cur,
                    cost + JUNK_VOWEL,
                    depth,
                    max_cost,
                    out,
                );
                cur.truncate(len);
            }
        }
        if depth >= 3 {
            return;
        }
        for &(k, part) in chunks.starts_at(i) {
            // Each list is sorted by cost: past the first entry over budget, all are.
            for &(from, to, w) in &part.rewrites {
                if cost + w > max_cost {
                    break;
                }
                // Letter by letter: one to three, where a copy would call `memcpy`.
                for c in part.text[from as usize..to as usize].chars() {
                    cur.push(c);
                }
                self.variants(obs, chunks, i + k, cur, cost + w, depth + 1, max_cost, out);
                cur.truncate(len);
            }
        }
    }

    /// Weighted edit distance from the observed characters to a candidate form: letter slips
    /// priced by `channel`, other edits by the confusion table.
    pub fn distance(&self, obs: &[char], cand: &[char], channel: &Channel) -> f32 {
        self.distance_within(obs, &self.chunks(obs), cand, channel, f32::INFINITY)
    }

    /// [`Generator::distance`], with the table's entries for the chunks of `obs` found, exact
    /// up to `bound`: above it, some value above it (every price is non-negative, so a partial
    /// path already dearer than `bound` cannot end within it, and is not followed).
    fn distance_within(
        &self,
        obs: &[char],
        chunks: &Chunks<'_>,
        cand: &[char],
        channel: &Channel,
        bound: f32,
    ) -> f32 {
        let (n, m) = (obs.len(), cand.len());
        let w = m + 1;
        // On the stack for words of ordinary length: this runs for every candidate form.
        let mut stack = [f32::INFINITY; 256];
        let mut heap = Vec::new();
        let d: &mut [f32] = if (n + 1) * w <= stack.len() {
            &mut stack[..(n + 1) * w]
        } else {
            heap.resize((n + 1) * w, f32::INFINITY);
            &mut heap
        };
        // The candidate's letters without marks: a table edit whose intended letters differ
        // from them in any base letter costs infinity (`chunk_cost`), so it is skipped on this
        // comparison instead of pricing it letter by letter.
        let mut stripped_stack = [' '; 16];
        let mut stripped_heap = Vec::new();
        let stripped: &mut [char] = if m <= stripped_stack.len() {
            &mut stripped_stack[..m]
        } else {
            stripped_heap.resize(m, ' ');
            &mut stripped_heap
        };
        for (s, &c) in stripped.iter_mut().zip(cand) {
            *s = strip_char(c);
        }
        d[0] = 0.0;
        for i in 0..=n {
            for j in 0..=m {
                let here = d[i * w + j];
                if here > bound || here == f32::INFINITY {
                    continue;
                }
                if i < n && j < m {
                    if let Some(c) = self.letter_seen(chunks.seen[i], obs[i], cand[j], channel) {
                        let t = &mut d[(i + 1) * w + j + 1];
                        *t = t.min(here + c);
                    }
                }
                if i == n {
                    continue;
                }
                let letter = stripped.get(j).copied();
                for &(first, edits) in chunks.groups_at(i) {
                    if first != NO_LETTER && Some(first) != letter {
                        // The groups are sorted by first letter, `NO_LETTER` (0) first.
                        if letter.is_none_or(|l| first > l) {
                            break;
                        }
                        continue;
                    }
                    for e in edits {
                        if here + e.cost > bound {
                            break;
                        }
                        let len = usize::from(e.len);
                        if (e.initial && j != 0)
                            || j + len > m
                            || !e.stripped[1.min(len)..len]
                                .iter()
                                .zip(&stripped[j + 1.min(len)..j + len])
                                .all(|(a, b)| a == b)
                        {
                            continue;
                        }
                        let extra =
                            chunk_cost(&e.intended[..len], &cand[j..j + len], e.tone, channel);
                        let t = &mut d[(i + usize::from(e.k)) * w + j + len];
                        *t = t.min(here + e.cost + extra);
                    }
                }
            }
        }
        d[n * w + m]
    }
}

/// The skeletons one word's rewrites reach, with their costs, as numbers: a string per
/// rewrite was an allocation for each of up to 256 rewrites of every new word.
#[derive(Default)]
struct Rewrites {
    /// Rewrites found so far, repeats included: what [`MAX_REWRITES`] caps.
    pushed: usize,
    /// Each skeleton of up to eight bytes (every Vietnamese one) as its bytes read as a
    /// big-endian number, zero-padded (the order of `str`, compared without strings), and its
    /// cost, repeats kept.
    short: Vec<(u64, f32)>,
    /// Longer skeletons, one after another in `text`: (start, end, cost) of each, repeats kept.
    text: String,
    long: Vec<(u32, u32, f32)>,
}

impl Rewrites {
    fn push(&mut self, skeleton: &str, cost: f32) {
        self.pushed += 1;
        if let Some(key) = short_key(skeleton) {
            self.short.push((key, cost));
        } else {
            let start = self.text.len() as u32;
            self.text.push_str(skeleton);
            self.long.push((start, self.text.len() as u32, cost));
        }
    }

    /// Each skeleton once at its cheapest cost, sorted by skeleton (the short ones' strings
    /// made in `buf`).
    fn sorted<'b>(&'b mut self, buf: &'b mut String) -> Vec<(&'b str, f32)> {
        // Each key once, at its cheapest cost (no cost is NaN).
        self.short.sort_unstable_by_key(|x| x.0);
        let mut w = 0;
        for r in 0..self.short.len() {
            let (key, cost) = self.short[r];
            if w > 0 && self.short[w - 1].0 == key {
                if cost < self.short[w - 1].1 {
                    self.short[w - 1].1 = cost;
                }
            } else {
                self.short[w] = (key, cost);
                w += 1;
            }
        }
        self.short.truncate(w);
        buf.clear();
        let mut ends = Vec::with_capacity(self.short.len());
        for &(key, _) in &self.short {
            let bytes = key.to_be_bytes();
            let len = bytes.iter().position(|&b| b == 0).unwrap_or(8);
            // The bytes of a `str` pushed whole.
            buf.push_str(std::str::from_utf8(&bytes[..len]).unwrap_or_default());
            ends.push(buf.len());
        }
        let (this, buf): (&'b Self, &'b String) = (self, buf);
        let mut all: Vec<(&str, f32)> = Vec::with_capacity(this.short.len() + this.long.len());
        let mut from = 0;
        for (&(_, cost), &end) in this.short.iter().zip(&ends) {
            all.push((&buf[from..end], cost));
            from = end;
        }
        if this.long.is_empty() {
            return all;
        }
        all.extend(
            this.long
                .iter()
                .map(|&(a, b, cost)| (&this.text[a as usize..b as usize], cost)),
        );
        all.sort_unstable_by(|a, b| a.0.cmp(b.0).then(a.1.total_cmp(&b.1)));
        all.dedup_by(|a, b| a.0 == b.0);
        all
    }
}

/// `skeleton`'s bytes as a big-endian number, zero-padded, when it has at most eight (and no
/// zero byte, which no word has): equal keys are equal strings, and keys order as strings do.
fn short_key(skeleton: &str) -> Option<u64> {
    let b = skeleton.as_bytes();
    if b.len() > 8 {
        return None;
    }
    // Shifted in byte by byte: a copy of up to eight bytes, and the search for a zero, would
    // each call the C library, for every rewrite.
    let mut key = 0u64;
    for &x in b {
        if x == 0 {
            return None;
        }
        key = (key << 8) | u64::from(x);
    }
    Some(key.checked_shl(8 * (8 - b.len() as u32)).unwrap_or(0))
}

/// The confusion table's entries for the chunks of one observed word, by start.
struct Chunks<'t> {
    /// For each chunk: its length in characters and a list of its entries (the plain one, then
    /// that of a capital starting the word where it applies); those of start `i` are
    /// `starts[starts_from[i]..starts_from[i + 1]]`, by length.
    starts: Vec<(usize, &'t Part)>,
    starts_from: Vec<usize>,
    /// The edits of those chunks as the edit distance reads them, in groups by their first
    /// letter without marks, each cheapest first: those of start `i` are
    /// `groups[groups_from[i]..groups_from[i + 1]]`.
    groups: Vec<(char, &'t [Edit])>,
    groups_from: Vec<usize>,
    /// [`Generator::seen`] of each observed character.
    seen: Vec<Seen>,
    /// [`base_char`] of each observed character that is a letter.
    bases: Vec<Option<char>>,
}

/// What an observed character can stand for, in [`Generator::letter_seen`].
#[derive(Clone, Copy)]
enum Seen {
    /// A letter with a mark Vietnamese does not use, on this base letter.
    Foreign(char),
    /// A junk symbol or a digit standing for some marked vowel.
    Junk,
    /// Any other character: itself, with the channel's prices for its marks.
    Letter,
}

impl<'t> Chunks<'t> {
    /// The groups of edits of the chunks starting at observed character `i`.
    #[inline]
    fn groups_at(&self, i: usize) -> &[(char, &'t [Edit])] {
        &self.groups[self.groups_from[i]..self.groups_from[i + 1]]
    }

    /// The chunks starting at observed character `i`.
    #[inline]
    fn starts_at(&self, i: usize) -> &[(usize, &'t Part)] {
        &self.starts[self.starts_from[i]..self.starts_from[i + 1]]
    }
}

/// True for the vowel letters that carry a tone, without it, in both cases: a match, not a
/// search of a string, as it runs for every cell of every candidate's edit distance.
#[inline]
fn takes_tone(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă'
            | 'â'
            | 'e'
            | 'ê'
            | 'i'
            | 'o'
            | 'ô'
            | 'ơ'
            | 'u'
            | 'ư'
            | 'y'
            | 'A'
            | 'Ă'
            | 'Â'
            | 'E'
            | 'Ê'
            | 'I'
            | 'O'
            | 'Ô'
            | 'Ơ'
            | 'U'
            | 'Ư'
            | 'Y'
    )
}

/// Cost of the candidate letters `cand` standing where the table says OCR wrote a chunk for
/// `intended` (whose tones the table folds away). An OCR that misreads a vowel's shape usually
/// still sees its tone mark (`cé` is `có` far more often than `cô`), so when the observed chunk
/// carries a tone, the candidate's tone is compared with it rather than priced as added; marks
/// other than tones are compared letter by letter.
fn chunk_cost(intended: &[char], cand: &[char], tone: Tone, channel: &Channel) -> f32 {
    // Whether the candidate has a vowel (which carries its tone): a test of the letter, not a
    // look-up of `with_tone`'s table, as this runs for every cell of every candidate's distance.
    let toned = cand.iter().any(|&c| takes_tone(split_tone(c).0));
    if tone == 0 || !toned {
        return intended
            .iter()
            .zip(cand)
            .map(|(&a, &b)| channel.letter(a, b).unwrap_or(f32::INFINITY))
            .sum();
    }
    let mut cost = 0.0;
    let mut cand_tone = 0;
    for (&a, &b) in intended.iter().zip(cand) {
        let (bb, bt) = split_tone(b);
        if bt != 0 {
            cand_tone = bt;
        }
        cost += channel.letter(split_tone(a).0, bb).unwrap_or(f32::INFINITY);
    }
    cost + if cand_tone == tone {
        0.0
    } else if cand_tone == 0 {
        channel.tone_drop
    } else {
        channel.tone_change
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A generator for lower-case words over the given tables.
    fn generator<'a>(
        inventory: &'a Inventory,
        confusions: &'a Confusions,
        slips: &'a Confusions,
    ) -> Generator<'a> {
        Generator {
            inventory,
            confusions,
            slips,
            capital: false,
            digit_vowels: false,
            unseen_edit: None,
        }
    }

    #[test]
    fn neighbours_are_one_edit_away() {
        let mut inv = Inventory::default();
        for sk in ["doi", "dai", "do", "doin", "oi", "dong", "toi", "xa"] {
            inv.by_skeleton.insert(sk.to_owned(), Vec::new());
        }
        inv.index_near();
        let near = |s: &str| {
            let mut v = Vec::new();
            inv.near(s, &mut v);
            v.iter().map(|&k| inv.skeleton(k)).collect::<Vec<_>>()
        };
        // Replaced, inserted, deleted letters; never the skeleton itself, each once.
        assert_eq!(near("dbi"), ["dai", "doi"]);
        assert_eq!(near("doi"), ["dai", "do", "doin", "oi", "toi"]);
        assert_eq!(
            near("dooi"),
            ["doi"],
            "not doin: a deletion and an insertion"
        );
        assert_eq!(
            near("dio"),
            ["do", "doi"],
            "a letter deleted; two neighbours swapped"
        );
        assert!(near("xyz").is_empty());
    }

    #[test]
    fn short_keys_order_and_compare_as_their_strings() {
        let words = [
            "", "a", "ab", "abc", "b", "ba", "nghieng", "nghiengx", "ngu", "z",
        ];
        for x in words {
            for y in words {
                let (kx, ky) = (short_key(x).unwrap(), short_key(y).unwrap());
                assert_eq!(kx.cmp(&ky), x.cmp(y), "{x} {y}");
            }
        }
        assert_eq!(short_key("nghiengxy"), None, "nine bytes");
        let mut r = Rewrites::default();
        for (sk, cost) in [
            ("doi", 1.0),
            ("dai", 0.5),
            ("doi", 0.25),
            ("do", 2.0),
            ("doi", 0.5),
        ] {
            r.push(sk, cost);
        }
        let mut buf = String::new();
        assert_eq!(r.pushed, 5);
        assert_eq!(
            r.sorted(&mut buf),
            [("dai", 0.5), ("do", 2.0), ("doi", 0.25)]
        );
    }

    #[test]
    fn letter_costs_follow_the_channel() {
        let c = Channel::MARKED;
        assert_eq!(c.letter('a', 'a'), Some(0.0));
        assert_eq!(c.letter('o', 'ố'), Some(c.tone_add + c.mark_add));
        assert_eq!(c.letter('ố', 'ổ'), Some(c.tone_change));
        assert_eq!(c.letter('a', 'b'), None);
        assert_eq!(Channel::STRIPPED.letter('d', 'đ'), Some(0.0));
    }

    #[test]
    fn edit_distance_uses_the_confusion_table() {
        let conf = Confusions::parse("6\tô\t0.3\nir\tư\t0.7\n").unwrap();
        let inv = Inventory::default();
        let none = Confusions::default();
        let g = generator(&inv, &conf, &none);
        let ch = Channel::NOISY;
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let d = g.distance(&chars("s6"), &chars("số"), &ch);
        assert!((d - (0.3 + ch.tone_add)).abs() < 1e-6, "{d}");
        let d = g.distance(&chars("chirc"), &chars("chức"), &ch);
        assert!((d - (0.7 + ch.tone_add)).abs() < 1e-6, "{d}");
        assert!(g.distance(&chars("ab"), &chars("xy"), &ch).is_infinite());
    }

    #[test]
    fn learned_slips_are_used_only_when_the_channel_asks() {
        let slips = Confusions::parse("ế\tể\t1.1\n").unwrap();
        let (inv, conf) = (Inventory::default(), Confusions::default());
        let g = generator(&inv, &conf, &slips);
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let d = |ch: &Channel, c: &str| g.distance(&chars("kế"), &chars(c), ch);
        assert!((d(&Channel::MARKED_OCR, "kể") - 1.1).abs() < 1e-6);
        assert_eq!(d(&Channel::MARKED, "kể"), Channel::MARKED.tone_change);
        // A slip the table does not price keeps the channel's price.
        assert_eq!(d(&Channel::MARKED_OCR, "kệ"), Channel::MARKED.tone_change);
        // A learned price replaces the channel's guess, dearer or cheaper.
        let slips = Confusions::parse("ế\tể\t1.1\nế\tệ\t3.5\n").unwrap();
        let g = generator(&inv, &conf, &slips);
        let d = |ch: &Channel, c: &str| g.distance(&chars("kế"), &chars(c), ch);
        assert!((d(&Channel::MARKED_OCR, "kệ") - 3.5).abs() < 1e-6);
        assert_eq!(d(&Channel::MARKED, "kệ"), Channel::MARKED.tone_change);
    }

    #[test]
    fn foreign_marks_stand_for_some_vietnamese_mark() {
        assert_eq!(foreign_base('ö'), Some('o'));
        assert_eq!(foreign_base('Ä'), Some('A'));
        assert_eq!(foreign_base('ố'), None);
        assert_eq!(foreign_base('o'), None);
        let (inv, conf) = (Inventory::default(), Confusions::default());
        let g = generator(&inv, &conf, &conf);
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let d = g.distance(&chars("sö"), &chars("số"), &Channel::MARKED);
        assert!((d - FOREIGN_MARK).abs() < 1e-6, "{d}");
        assert!(g
            .distance(&chars("sö"), &chars("sa"), &Channel::MARKED)
            .is_infinite());
        // A junk symbol stands for some marked vowel, never a plain one or a consonant.
        let d = g.distance(&chars("hi¢u"), &chars("hiệu"), &Channel::NOISY);
        assert!((d - JUNK_VOWEL).abs() < 1e-6, "{d}");
        assert!(g
            .distance(&chars("hi¢u"), &chars("hieu"), &Channel::NOISY)
            .is_infinite());
        assert!(g
            .distance(&chars("s¢"), &chars("sn"), &Channel::NOISY)
            .is_infinite());
    }

    #[test]
    fn a_digit_in_a_word_stands_for_a_marked_vowel_when_asked() {
        let (inv, conf) = (Inventory::default(), Confusions::default());
        let mut g = generator(&inv, &conf, &conf);
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let ch = Channel::NOISY;
        assert!(g.distance(&chars("x4"), &chars("xã"), &ch).is_infinite());
        g.digit_vowels = true;
        let d = g.distance(&chars("x4"), &chars("xã"), &ch);
        assert!((d - JUNK_VOWEL).abs() < 1e-6, "{d}");
        // A marked vowel only: never a plain one or a consonant.
        assert!(g.distance(&chars("x4"), &chars("xa"), &ch).is_infinite());
        assert!(g.distance(&chars("c4c"), &chars("cnc"), &ch).is_infinite());
    }

    #[test]
    fn an_observed_tone_carries_over_through_a_confusion() {
        // `é` read for a rounded vowel: the acute it shows is the intended word's tone.
        let conf = Confusions::parse("é\tô\t0.45\né\to\t1.0\n").unwrap();
        let inv = Inventory::default();
        let none = Confusions::default();
        let g = generator(&inv, &conf, &none);
        let ch = Channel::NOISY;
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let d = |c: &str| g.distance(&chars("cé"), &chars(c), &ch);
        assert!((d("cố") - 0.45).abs() < 1e-6, "{}", d("cố"));
        assert!((d("có") - 1.0).abs() < 1e-6, "{}", d("có"));
        assert!(
            (d("cô") - (0.45 + ch.tone_drop)).abs() < 1e-6,
            "{}",
            d("cô")
        );
        assert!(
            (d("cồ") - (0.45 + ch.tone_change)).abs() < 1e-6,
            "{}",
            d("cồ")
        );
        // Without a tone on the observed side, a tone on the candidate is an added one.
        let d = g.distance(&chars("ce"), &chars("cố"), &ch);
        assert!(d.is_infinite(), "e is not in this table: {d}");
    }
}
