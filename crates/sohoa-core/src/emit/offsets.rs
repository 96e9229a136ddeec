//! Where a byte range of the source text ended up in the restored text.
//!
//! Restoration copies every byte between its tokens unchanged and rewrites only inside them, but
//! a token may cover several OCR words (noise split one word in two and the restorer joined
//! them) or become several words (two words glued by noise, split again). So the n-th word of
//! the restored text is not always the n-th of the source; the tokens' own source and output
//! ranges say where each source offset went.

use std::ops::Range;

use crate::restore::RestoredToken;

/// Maps source offsets to restored-text offsets through the restorer's tokens.
pub struct OffsetMap<'a> {
    tokens: &'a [RestoredToken],
}

impl<'a> OffsetMap<'a> {
    /// The map of one restoration (`tokens` in text order, as the restorer lists them).
    pub fn new(tokens: &'a [RestoredToken]) -> Self {
        OffsetMap { tokens }
    }

    /// Output offset of copied source text at `offset`, which lies after `before` (the last
    /// token ending at or before it): the copy is shifted by what that token's rewrite added.
    fn copied(before: Option<&RestoredToken>, offset: usize) -> usize {
        match before {
            Some(t) => (offset + t.output.end).saturating_sub(t.source.end),
            None => offset,
        }
    }

    /// Where a source range starting at `offset` starts in the output: a token's output start
    /// when the offset falls inside that token.
    pub fn start(&self, offset: usize) -> usize {
        let i = self.tokens.partition_point(|t| t.source.end <= offset);
        match self.tokens.get(i) {
            Some(t) if t.source.start <= offset => t.output.start,
            _ => Self::copied(i.checked_sub(1).map(|j| &self.tokens[j]), offset),
        }
    }

    /// Where a source range ending at `offset` ends in the output: a token's output end when
    /// the offset falls inside that token (or at its end).
    pub fn end(&self, offset: usize) -> usize {
        let i = self.tokens.partition_point(|t| t.source.end < offset);
        match self.tokens.get(i) {
            Some(t) if t.source.start < offset => t.output.end,
            _ => Self::copied(i.checked_sub(1).map(|j| &self.tokens[j]), offset),
        }
    }

    /// The output range of the source range `range`.
    pub fn range(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.start(range.start);
        start..self.end(range.end).max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token rewriting `from` (in `source`) into `to` (in `output`), both found by search.
    fn token(source: &str, from: &str, output: &str, to: &str) -> RestoredToken {
        let (s, o) = (source.find(from).unwrap(), output.find(to).unwrap());
        RestoredToken {
            source: s..s + from.len(),
            output: o..o + to.len(),
            changed: true,
            confidence: 1.0,
            alternatives: Vec::new(),
        }
    }

    /// Every whitespace-separated word of `source`, as the map finds it in `output`.
    fn words(source: &str, output: &str, pairs: &[(&str, &str)]) -> Vec<String> {
        let tokens: Vec<_> = pairs
            .iter()
            .map(|(from, to)| token(source, from, output, to))
            .collect();
        let map = OffsetMap::new(&tokens);
        crate::text::runs(source)
            .iter()
            .map(|r| output[map.range(r)].to_string())
            .collect()
    }

    #[test]
    fn words_map_one_to_one_when_no_token_crosses_a_space() {
        // Copied punctuation around a rewritten token stays with its word.
        let (source, output) = ("(so: 12) cac co", "(Số: 12) các có");
        let pairs = [("so", "Số"), ("cac", "các"), ("co", "có")];
        assert_eq!(words(source, output, &pairs), ["(Số:", "12)", "các", "có"]);
    }

    #[test]
    fn a_word_split_by_noise_and_joined_maps_both_halves_to_the_joined_form() {
        // One token covers two OCR words.
        let (source, output) = ("nhi ¢ém vu", "nhiệm vụ");
        let pairs = [("nhi ¢ém", "nhiệm"), ("vu", "vụ")];
        assert_eq!(words(source, output, &pairs), ["nhiệm", "nhiệm", "vụ"]);
    }

    #[test]
    fn two_words_glued_by_noise_map_to_both_restored_words() {
        // One OCR word became two words.
        let (source, output) = ("cosan la", "có sẵn là");
        let pairs = [("cosan", "có sẵn"), ("la", "là")];
        assert_eq!(words(source, output, &pairs), ["có sẵn", "là"]);
    }
}
