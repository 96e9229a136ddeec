//! The lattice of one stretch of text: every token's options (language-model id and channel
//! cost for the decoder, and what to write if it is chosen), in flat arrays reused from
//! stretch to stretch rather than two vectors per token, and the spans: options over several
//! tokens or of two syllables, where the scan cut or glued words.

use std::ops::Range;

use super::candidates::Candidate;
use super::decode::{Choice, Span};
use super::token::Token;

/// What the decoder may output at one lattice position. Eight bytes and `Copy` (a fixed form's
/// text is held by the lattice): a stretch's options are written, and dropped, without a
/// destructor per option.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Out {
    /// A syllable of the inventory, written in the source word's case.
    Form(u16),
    /// The source text, unchanged.
    Keep,
    /// A fixed replacement (an acronym with its Đ restored, a place name the model lacks):
    /// [`Lattice::fixed`] of this index.
    Fixed(u32),
}

/// Tokens and their options; options of position `t` are `starts[t]..starts[t + 1]` of
/// `choices` and `outs`. Positions are added one at a time: [`Lattice::open`], then its
/// options, which may be changed until the next position opens.
#[derive(Debug, Default)]
pub(super) struct Lattice {
    /// The token at each position.
    pub tokens: Vec<Token>,
    choices: Vec<Choice>,
    outs: Vec<Out>,
    starts: Vec<usize>,
    /// Options over several positions or of two syllables, by the boundary they end at.
    pub spans: Vec<Span>,
    /// What each span writes: lowercase syllables, in the case of the text it replaces.
    pub span_outs: Vec<String>,
    /// The text of each [`Out::Fixed`].
    fixed: Vec<String>,
}

impl Lattice {
    /// An empty lattice with room for `positions` tokens of about eight options each, so that
    /// building a stretch of that size does not regrow (and copy) the arrays.
    pub fn with_capacity(positions: usize) -> Lattice {
        let options = positions * 8;
        Lattice {
            tokens: Vec::with_capacity(positions),
            choices: Vec::with_capacity(options),
            outs: Vec::with_capacity(options),
            starts: Vec::with_capacity(positions),
            ..Lattice::default()
        }
    }

    /// Empties the lattice, keeping its memory.
    pub fn clear(&mut self) {
        self.tokens.clear();
        self.choices.clear();
        self.outs.clear();
        self.starts.clear();
        self.spans.clear();
        self.span_outs.clear();
        self.fixed.clear();
    }

    /// Adds a span that ends at the last position (so spans stay sorted by their end), writing
    /// `form` (lowercase).
    pub fn push_span(&mut self, span: Span, form: String) {
        debug_assert_eq!(span.end(), self.len());
        self.spans.push(span);
        self.span_outs.push(form);
    }

    /// Starts the next position, for `token`.
    pub fn open(&mut self, token: Token) {
        self.tokens.push(token);
        self.starts.push(self.choices.len());
    }

    /// Adds an option to the last position.
    pub fn push(&mut self, choice: Choice, out: Out) {
        self.choices.push(choice);
        self.outs.push(out);
    }

    /// Adds an option to the last position that writes `form` as it is.
    pub fn push_fixed(&mut self, choice: Choice, form: String) {
        let at = u32::try_from(self.fixed.len()).expect("fewer than 2^32 fixed forms");
        self.fixed.push(form);
        self.push(choice, Out::Fixed(at));
    }

    /// The text an [`Out::Fixed`] of index `i` writes.
    pub fn fixed(&self, i: u32) -> &str {
        &self.fixed[i as usize]
    }

    /// Adds the syllable `id` at channel cost `cost`, written in the source word's case.
    pub fn push_form(&mut self, id: u16, cost: f32) {
        self.push(Choice { id, cost }, Out::Form(id));
    }

    /// Adds each candidate's syllable at its channel cost, written in the source word's case:
    /// [`Lattice::push_form`] of each, with one check of the arrays' room instead of one per
    /// option.
    pub fn push_forms(&mut self, forms: &[Candidate]) {
        self.choices.extend(forms.iter().map(|c| Choice {
            id: c.id,
            cost: c.cost,
        }));
        self.outs.extend(forms.iter().map(|c| Out::Form(c.id)));
    }

    /// Multiplies every option's channel cost, spans' included, by `weight`: the channel
    /// weighed against the language model for this stretch.
    pub fn scale_costs(&mut self, weight: f32) {
        for c in &mut self.choices {
            c.cost *= weight;
        }
        for s in &mut self.spans {
            s.cost *= weight;
        }
    }

    /// Number of positions.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    fn range(&self, t: usize) -> Range<usize> {
        let end = self
            .starts
            .get(t + 1)
            .copied()
            .unwrap_or(self.choices.len());
        self.starts[t]..end
    }

    /// The options of position `t`.
    pub fn choices(&self, t: usize) -> &[Choice] {
        &self.choices[self.range(t)]
    }

    /// The options of position `t`, to change their costs.
    pub fn choices_mut(&mut self, t: usize) -> &mut [Choice] {
        let r = self.range(t);
        &mut self.choices[r]
    }

    /// What each option of position `t` writes.
    pub fn outs(&self, t: usize) -> &[Out] {
        &self.outs[self.range(t)]
    }

    /// The options of the last position and what they write, to change them.
    pub fn last_mut(&mut self) -> (&mut [Choice], &[Out]) {
        let start = self.starts.last().copied().unwrap_or(0);
        (&mut self.choices[start..], &self.outs[start..])
    }

    /// Every position's options, as the decoder takes them.
    pub fn positions(&self) -> Vec<&[Choice]> {
        (0..self.len()).map(|t| self.choices(t)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::restore::token::Kind;

    fn token(at: usize) -> Token {
        Token {
            kind: Kind::Word,
            span: at..at + 1,
        }
    }

    #[test]
    fn positions_hold_their_own_options_across_reuse() {
        let mut lat = Lattice::default();
        for round in 0..2 {
            lat.clear();
            lat.open(token(0));
            lat.push(Choice { id: 1, cost: 0.0 }, Out::Keep);
            lat.push(Choice { id: 2, cost: 0.5 }, Out::Form(2));
            lat.open(token(2));
            lat.push_fixed(Choice { id: 3, cost: 0.0 }, "NĐ".into());
            lat.last_mut().0[0].cost += 2.0;
            lat.push(Choice { id: 4, cost: 0.0 }, Out::Form(4));
            assert_eq!(lat.len(), 2, "round {round}");
            assert_eq!(
                lat.choices(0).iter().map(|c| c.id).collect::<Vec<_>>(),
                [1, 2]
            );
            assert_eq!(
                lat.choices(1),
                [Choice { id: 3, cost: 2.0 }, Choice { id: 4, cost: 0.0 }]
            );
            assert!(matches!(lat.outs(1)[0], Out::Fixed(i) if lat.fixed(i) == "NĐ"));
            assert_eq!(lat.positions().len(), 2);
            assert_eq!(lat.tokens[1].span, 2..3);
        }
    }
}
