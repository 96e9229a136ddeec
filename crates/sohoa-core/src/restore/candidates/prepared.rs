//! The confusion table's entries for one observed string, prepared once when the table is read
//! for what every word's candidates do with them: the rewrites of the skeleton (each entry's
//! intended side without marks) and the edit distance (each entry decoded, grouped by the first
//! letter of its intended side, cheapest first). Done per word, this was 6% of old OCR's time.

use super::super::syllable::{split_tone, strip_char, Tone};

/// Longest intended side of a table entry the edit distance uses (longer ones never are).
const EDIT_MAX_INTENDED: usize = 8;

/// One table entry for one observed chunk, ready for the edit distance: the observed chunk's
/// length and tone, the intended letters, the entry's cost, and whether it holds only at a
/// capital starting the word (column 0).
#[derive(Debug, Clone, Copy)]
pub(in super::super) struct Edit {
    pub k: u8,
    pub len: u8,
    pub initial: bool,
    pub tone: Tone,
    pub cost: f32,
    pub intended: [char; EDIT_MAX_INTENDED],
    /// `intended` without marks ([`strip_char`]), to match against a candidate's letters.
    pub stripped: [char; EDIT_MAX_INTENDED],
}

/// [`Edit::first`] of an edit whose intended side is empty: it applies before any letter.
pub(in super::super) const NO_LETTER: char = '\0';

impl Edit {
    /// The first letter of the intended side without marks, [`NO_LETTER`] when it is empty.
    #[inline]
    pub fn first(&self) -> char {
        if self.len == 0 {
            NO_LETTER
        } else {
            self.stripped[0]
        }
    }

    /// The entry `(intended, cost)` for a chunk of `k` characters carrying `tone`; `None` when
    /// its intended side is too long to be used.
    fn new(k: usize, tone: Tone, entry: &(String, f32), initial: bool) -> Option<Edit> {
        let mut intended = [' '; EDIT_MAX_INTENDED];
        let mut stripped = [' '; EDIT_MAX_INTENDED];
        let mut len = 0;
        for c in entry.0.chars() {
            *intended.get_mut(len)? = c;
            stripped[len] = strip_char(c);
            len += 1;
        }
        Some(Edit {
            k: k as u8,
            len: len as u8,
            initial,
            tone,
            cost: entry.1,
            intended,
            stripped,
        })
    }
}

/// The tone an observed chunk carries (`é` → acute), 0 for none.
pub(in super::super) fn chunk_tone(obs: &[char]) -> Tone {
    obs.iter()
        .map(|&c| split_tone(c).1)
        .rfind(|&t| t != 0)
        .unwrap_or(0)
}

/// One list of entries of an observed string (anywhere, or as the capital starting a word).
#[derive(Debug, Clone, Default)]
pub(in super::super) struct Part {
    /// Each entry's intended side without marks as `text[a..b]`, and its cost, in the table's
    /// order (by cost): what the rewrites append.
    pub rewrites: Vec<(u32, u32, f32)>,
    pub text: String,
    /// The entries as the edit distance reads them, in groups by [`Edit::first`]: each group
    /// (first letter, and its edits as `edits[a..b]`, cheapest first), so that a cell looks only
    /// at the edits that can apply there and stops at the first one over its bound.
    pub edits: Vec<Edit>,
    pub groups: Vec<(char, u32, u32)>,
}

impl Part {
    fn new(obs: &[char], entries: &[(String, f32)], initial: bool) -> Part {
        let mut part = Part::default();
        for (int, w) in entries {
            let a = part.text.len() as u32;
            part.text.extend(int.chars().map(strip_char));
            part.rewrites.push((a, part.text.len() as u32, *w));
        }
        let tone = chunk_tone(obs);
        part.edits = entries
            .iter()
            .filter_map(|e| Edit::new(obs.len(), tone, e, initial))
            .collect();
        // A stable sort: equal costs keep the table's order.
        part.edits
            .sort_by(|a, b| a.first().cmp(&b.first()).then(a.cost.total_cmp(&b.cost)));
        let mut a = 0;
        while a < part.edits.len() {
            let first = part.edits[a].first();
            let b = a + part.edits[a..].partition_point(|e| e.first() == first);
            part.groups.push((first, a as u32, b as u32));
            a = b;
        }
        part
    }

    pub fn is_empty(&self) -> bool {
        self.rewrites.is_empty()
    }
}

/// The entries of one observed string: its length in characters, the entries that hold
/// anywhere and those that hold only for the capital starting a word.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub(in super::super) k: usize,
    pub(in super::super) plain: Part,
    pub(in super::super) initial: Part,
}

impl Prepared {
    /// The entries `plain` and `initial` (each sorted by cost) of the observed string
    /// `observed`.
    pub fn new(observed: &str, plain: &[(String, f32)], initial: &[(String, f32)]) -> Prepared {
        let obs: Vec<char> = observed.chars().collect();
        Prepared {
            k: obs.len(),
            plain: Part::new(&obs, plain, false),
            initial: Part::new(&obs, initial, true),
        }
    }

    /// The lists that apply: the plain one, and the capital's when `initial`.
    #[inline]
    pub(in super::super) fn parts(&self, initial: bool) -> impl Iterator<Item = &Part> {
        std::iter::once(&self.plain).chain(initial.then_some(&self.initial))
    }
}
