//! Names of bodies and titles (`dictionaries/bodies.txt`, counted from the corpora by
//! `sohoa-build-dict --bodies-only`): where a run of words that starts with a capital has every
//! syllable of such a name among its options (Sở Nội vụ, Ủy ban nhân dân, Ban Thi đua), the
//! decoder is steered to the name, as it is to a place name. The context is a name there, and
//! a name is written the same way every time; OCR noise on one of its words (`S6 N6i vu`)
//! otherwise leaves the language model without the context that decides the others.

use super::lm::{Model, UNK};
use super::syllable::Syllable;
use super::token::Kind;
use super::{lattice::Lattice, steer::PLACE_PREFERENCE, Restorer};

/// The names, as language-model ids, by their first syllable.
#[derive(Debug, Default)]
pub struct Bodies {
    /// Every name, grouped by first syllable (ascending id), longest first within a group.
    names: Vec<Box<[u16]>>,
    /// The names starting with id `w` are `names[first[w]..first[w + 1]]`: the decoder asks for
    /// every option of every capitalised word, and an array index answers what a hash look-up
    /// per option did (most of the steering's work).
    first: Vec<u32>,
    /// Longest name, in syllables.
    max_len: usize,
}

impl Bodies {
    /// Reads the table (one name per line, `#` comments); names with a word that is no
    /// syllable of `model` are left out.
    pub fn parse(text: &str, model: &Model) -> Bodies {
        let mut names: Vec<Box<[u16]>> = Vec::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let ids: Option<Vec<u16>> = line
                .split_whitespace()
                .map(|w| {
                    let s = Syllable::parse(&w.to_lowercase())?;
                    Some(model.id(&s.render())).filter(|&id| id != UNK)
                })
                .collect();
            if let Some(ids) = ids.filter(|v| v.len() >= 2) {
                names.push(ids.into());
            }
        }
        names.sort_by(|a, b| (a[0].cmp(&b[0])).then(b.len().cmp(&a.len())).then(a.cmp(b)));
        names.dedup();
        let mut first = vec![0u32; model.vocab.len() + 1];
        for name in &names {
            first[usize::from(name[0]) + 1] += 1;
        }
        for w in 1..first.len() {
            first[w] += first[w - 1];
        }
        let max_len = names.iter().map(|n| n.len()).max().unwrap_or(0);
        Bodies {
            names,
            first,
            max_len,
        }
    }

    /// The names whose first syllable is `id`, longest first.
    pub fn starting_with(&self, id: u16) -> &[Box<[u16]>] {
        let w = usize::from(id);
        match (self.first.get(w), self.first.get(w + 1)) {
            (Some(&lo), Some(&hi)) => &self.names[lo as usize..hi as usize],
            _ => &[],
        }
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

impl Restorer {
    /// Steers every run of the stretch's positions that may read as a name of a body or title
    /// (the first word capitalised, words separated by spaces only, each name syllable among
    /// its position's options; the longest name where several fit) to that name: every other
    /// option of those positions costs [`PLACE_PREFERENCE`] more.
    pub(super) fn steer_bodies(&self, text: &str, lattice: &mut Lattice) {
        if self.bodies.is_empty() {
            return;
        }
        let n = lattice.len();
        let has =
            |lattice: &Lattice, t: usize, id: u16| lattice.choices(t).iter().any(|c| c.id == id);
        let mut t = 0;
        while t < n {
            let token = &lattice.tokens[t];
            let capital = token.kind == Kind::Word
                && text[token.span.clone()].starts_with(char::is_uppercase);
            let mut best: Option<&[u16]> = None;
            // How many positions from `t` a name may cover: words separated by spaces only.
            // Found once for the position, not for every name tried (a first syllable such as
            // `ban` or `sở` starts hundreds).
            let mut reach = usize::from(capital);
            while capital && reach < self.bodies.max_len && t + reach < n && {
                let (a, b) = (&lattice.tokens[t + reach - 1], &lattice.tokens[t + reach]);
                b.kind == Kind::Word && text[a.span.end..b.span.start].chars().all(|c| c == ' ')
            } {
                reach += 1;
            }
            if reach >= 2 {
                for c in lattice.choices(t) {
                    for name in self.bodies.starting_with(c.id) {
                        if best.is_some_and(|b| b.len() >= name.len()) {
                            break;
                        }
                        let fits = name.len() <= reach
                            && (1..name.len()).all(|k| has(lattice, t + k, name[k]));
                        if fits {
                            best = Some(&name[..]);
                        }
                    }
                }
            }
            let Some(name) = best else {
                t += 1;
                continue;
            };
            let name = name.to_vec();
            for (k, &id) in name.iter().enumerate() {
                for c in lattice.choices_mut(t + k) {
                    if c.id != id {
                        c.cost += PLACE_PREFERENCE;
                    }
                }
            }
            t += name.len();
        }
    }
}
