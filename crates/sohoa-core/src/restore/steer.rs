//! Place-name steering: a run of capitalised words whose skeleton spells exactly one gazetteer
//! name is steered to that name's spelling (Tuần Giáo), in stripped and noisy text.

use super::decode::Choice;
use super::lattice::{Lattice, Out};
use super::token::{self, Kind, Token};
use super::{lm, names, syllable, Restorer};

/// Added to the cost of every other form of a word that spells a gazetteer name: 2.0 is a
/// hundredfold in the model's log10 units, enough to beat a common word's unigram advantage
/// over a place syllable, not enough to beat a strong bigram against the name.
pub(super) const PLACE_PREFERENCE: f32 = 2.0;

impl Restorer {
    /// Runs of capitalised words whose skeleton spells a gazetteer name: (position in
    /// `tokens`, the name's syllable there), in order, for [`Restorer::prefer`] to steer the
    /// decoder to. Not used on marked text, where what is written is already the best evidence.
    pub(super) fn places_in(&self, text: &str, tokens: &[Token]) -> Vec<(usize, String)> {
        let mut found = Vec::new();
        let n = tokens.len();
        let word = |s: &Token| &text[s.span.clone()];
        let capitalised = |s: &Token| {
            s.kind == Kind::Word && word(s).chars().next().is_some_and(char::is_uppercase)
        };
        // How many names-like words run from each token: capitalised words separated by spaces
        // only. A name is tried only at lengths its run allows, so a word outside a run costs
        // one look at its first letter, not one per length tried.
        let mut run = vec![0u32; n];
        for k in (0..n).rev() {
            if capitalised(&tokens[k]) {
                run[k] = 1 + run.get(k + 1).map_or(0, |&r| {
                    let gap = &text[tokens[k].span.end..tokens[k + 1].span.start];
                    if r > 0 && gap.chars().all(|c| c == ' ') {
                        r
                    } else {
                        0
                    }
                });
            }
        }
        // Each word's lowercase skeleton, made once (a run is tried at every length from each
        // of its words), and the key built in one buffer.
        let mut skeletons: Vec<Option<String>> = vec![None; n];
        let mut key = String::new();
        let mut i = 0;
        while i < n {
            let mut step = 1;
            let longest = self.places.max_len.min(run[i] as usize);
            for len in (2..=longest).rev() {
                let w = &tokens[i..i + len];
                key.clear();
                for (k, s) in (i..i + len).zip(w) {
                    if k > i {
                        key.push(' ');
                    }
                    key.push_str(
                        skeletons[k]
                            .get_or_insert_with(|| syllable::strip(&word(s).to_lowercase())),
                    );
                }
                let Some(name) = self.places.get(&key) else {
                    continue;
                };
                found.extend((i..i + len).zip(name.iter().cloned()));
                step = len;
                break;
            }
            i += step;
        }
        found
    }

    /// The syllables of personal names in `tokens` that were more likely printed with other
    /// marks ([`names`]): (position in `tokens`, that form), in order, for
    /// [`Restorer::prefer`]. Only for a Vietnamese OCR's reading, whose slips are learned.
    pub(super) fn names_in(&self, text: &str, tokens: &[Token]) -> Vec<(usize, String)> {
        if self.names.is_empty() {
            return Vec::new();
        }
        names::name_syllables(text, tokens)
            .into_iter()
            .filter_map(|(k, part)| {
                let read = text[tokens[k].span.clone()].to_lowercase();
                self.names
                    .likelier(&read, part, &self.slips)
                    .map(|form| (k, form))
            })
            .collect()
    }

    /// Makes `form` (lowercase) the cheap choice of the lattice's last position.
    pub(super) fn prefer(&self, lattice: &mut Lattice, form: &str, text: &str) {
        let id = self.model.id(form);
        let Some(token) = lattice.tokens.last() else {
            return;
        };
        let src = &text[token.span.clone()];
        let mut found = false;
        let (choices, outs) = lattice.last_mut();
        for (c, o) in choices.iter_mut().zip(outs) {
            let is_form = match o {
                Out::Form(f) => *f == id && id != lm::UNK,
                Out::Keep => src.to_lowercase() == form,
                Out::Fixed(_) => false,
            };
            if is_form {
                found = true;
            } else {
                c.cost += PLACE_PREFERENCE;
            }
        }
        if !found {
            if id == lm::UNK {
                let mut s = String::new();
                token::apply_case(form, token::case_of(src), &mut s);
                lattice.push_fixed(Choice { id, cost: 0.0 }, s);
            } else {
                lattice.push_form(id, 0.0);
            }
        }
    }
}
