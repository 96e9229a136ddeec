//! Names of bodies and titles (`dictionaries/bodies.txt`, counted from the corpora by
//! `sohoa-build-dict --bodies-only`): where a run of words that starts with a capital has every
//! syllable of such a name among its options (Sở Nội vụ, Ủy ban nhân dân, Ban Thi đua), the
//! decoder is steered to the name, as it is to a place name. The context is a name there, and
//! a name is written the same way every time; OCR noise on one of its words (`S6 N6i vu`)
//! otherwise leaves the language model without the context that decides the others.

use rustc_hash::FxHashMap;

use super::lm::{Model, UNK};
use super::syllable::Syllable;
use super::token::Kind;
use super::{lattice::Lattice, steer::PLACE_PREFERENCE, Restorer};

/// The names, as language-model ids, by their first syllable.
#[derive(Debug, Default)]
pub struct Bodies {
    /// First syllable → names starting with it, longest first.
    by_first: FxHashMap<u16, Vec<Box<[u16]>>>,
}

impl Bodies {
    /// Reads the table (one name per line, `#` comments); names with a word that is no
    /// syllable of `model` are left out.
    pub fn parse(text: &str, model: &Model) -> Bodies {
        let mut b = Bodies::default();
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
                b.by_first.entry(ids[0]).or_default().push(ids.into());
            }
        }
        for v in b.by_first.values_mut() {
            v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            v.dedup();
        }
        b
    }

    /// The names whose first syllable is `id`, longest first.
    pub fn starting_with(&self, id: u16) -> &[Box<[u16]>] {
        self.by_first.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
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
            if capital {
                for c in lattice.choices(t) {
                    for name in self.bodies.starting_with(c.id) {
                        if best.is_some_and(|b| b.len() >= name.len()) {
                            break;
                        }
                        let fits = t + name.len() <= n
                            && (1..name.len()).all(|k| {
                                let (a, b) = (&lattice.tokens[t + k - 1], &lattice.tokens[t + k]);
                                b.kind == Kind::Word
                                    && text[a.span.end..b.span.start].chars().all(|c| c == ' ')
                                    && has(lattice, t + k, name[k])
                            });
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
