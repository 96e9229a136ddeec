//! Edit-distance metrics: character and word error rates over NFC text.

use unicode_normalization::UnicodeNormalization;

/// Levenshtein distance between two sequences (unit costs), in O(len(a)·len(b)) time and
/// O(len(b)) memory.
pub fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(x != y);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Errors and reference length, so rates can be summed over many documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ErrorCount {
    /// Edit operations needed to turn the hypothesis into the reference.
    pub errors: usize,
    /// Length of the reference.
    pub reference: usize,
}

impl ErrorCount {
    /// errors / reference (0 for an empty reference and an empty hypothesis).
    pub fn rate(self) -> f64 {
        if self.reference == 0 {
            return if self.errors == 0 { 0.0 } else { 1.0 };
        }
        self.errors as f64 / self.reference as f64
    }
}

impl std::ops::Add for ErrorCount {
    type Output = ErrorCount;
    fn add(self, o: ErrorCount) -> ErrorCount {
        ErrorCount {
            errors: self.errors + o.errors,
            reference: self.reference + o.reference,
        }
    }
}

/// Whitespace is folded so that line wrapping differences are not counted as errors.
fn normalise(s: &str) -> String {
    s.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Character errors of `hyp` against `gold` (NFC, whitespace folded).
pub fn char_errors(hyp: &str, gold: &str) -> ErrorCount {
    let h: Vec<char> = normalise(hyp).chars().collect();
    let g: Vec<char> = normalise(gold).chars().collect();
    ErrorCount {
        errors: levenshtein(&h, &g),
        reference: g.len(),
    }
}

/// Word errors of `hyp` against `gold` (NFC, split on whitespace).
pub fn word_errors(hyp: &str, gold: &str) -> ErrorCount {
    let h = normalise(hyp);
    let g = normalise(gold);
    let h: Vec<&str> = h.split(' ').filter(|w| !w.is_empty()).collect();
    let g: Vec<&str> = g.split(' ').filter(|w| !w.is_empty()).collect();
    ErrorCount {
        errors: levenshtein(&h, &g),
        reference: g.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(levenshtein(b"kitten", b"sitting"), 3);
        assert_eq!(levenshtein::<u8>(b"", b"abc"), 3);
        let c = char_errors("chuyén doi số", "chuyển đổi số");
        assert_eq!((c.errors, c.reference), (3, 13));
        let w = word_errors("chuyén  doi\nsố", "chuyển đổi số");
        assert_eq!((w.errors, w.reference), (2, 3));
        assert!((w.rate() - 2.0 / 3.0).abs() < 1e-9);
    }
}
