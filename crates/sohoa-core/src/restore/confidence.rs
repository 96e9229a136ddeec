//! How sure the decoder is of each word: the chosen option's share of the probability among the
//! options at its position (the rest of the path fixed), and the best other options, for the
//! archivist's review list.

/// The confidence of option `chosen` given every option's log10 score at its position: its
/// probability over the sum of all (1 when it has no rival).
pub fn share(scores: &[f32], chosen: usize) -> f32 {
    let mut sum = Share::new(scores[chosen]);
    for &s in scores {
        sum.add(s);
    }
    sum.confidence()
}

/// The sum of [`share`], option by option in order: the chosen option's score `best` is known
/// first, each option's score is added in turn, and [`Share::counts`] says beforehand whether
/// an option that scores at most some bound could change the sum at all (so that the caller
/// need not finish scoring it).
#[derive(Debug, Clone, Copy)]
pub struct Share {
    best: f32,
    z: f32,
}

impl Share {
    /// An empty sum for a chosen option of score `best`.
    pub fn new(best: f32) -> Share {
        Share { best, z: 0.0 }
    }

    /// Once the sum is at least 1, a term under 10^-8 is below half its last digit and leaves
    /// it as it is: an option scoring `s` is not added when this is false.
    #[inline]
    fn takes(&self, s: f32) -> bool {
        !(self.z >= 1.0 && s - self.best < -8.0)
    }

    /// False when an option whose score is at most `bound` would leave the sum as it is
    /// (subtraction rounds monotonically, so a score under the bound is under it after the
    /// subtraction too).
    #[inline]
    pub fn counts(&self, bound: f32) -> bool {
        self.takes(bound)
    }

    /// Adds an option of score `s`.
    #[inline]
    pub fn add(&mut self, s: f32) {
        if self.takes(s) {
            // 10^x as 2^(x log2 10): the same value to within a unit in the last place, at a
            // fraction of `powf`'s work (which first finds the logarithm of its base).
            self.z += ((s - self.best) * std::f32::consts::LOG2_10).exp2();
        }
    }

    /// The chosen option's share of the sum.
    pub fn confidence(&self) -> f32 {
        1.0 / self.z
    }
}

/// The indices of the `n` best options other than `chosen`, best first, ties in option order,
/// written to `top`: the first `n` of a stable sort by descending score, without sorting every
/// option (an option goes after every kept one that scores at least as much).
pub fn best_others(scores: &[f32], chosen: usize, n: usize, top: &mut Vec<usize>) {
    top.clear();
    for (k, s) in scores.iter().enumerate() {
        if k == chosen {
            continue;
        }
        let at = top
            .iter()
            .position(|&t| scores[t].total_cmp(s).is_lt())
            .unwrap_or(top.len());
        if at < n {
            top.insert(at, k);
            top.truncate(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the review list used to be made with: a full stable sort.
    fn by_sorting(scores: &[f32], chosen: usize, n: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..scores.len()).filter(|&k| k != chosen).collect();
        order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
        order.truncate(n);
        order
    }

    #[test]
    fn keeps_the_best_others_in_stable_order() {
        let cases: [&[f32]; 5] = [
            &[-1.0],
            &[-1.0, -2.0],
            &[-3.0, -1.0, -2.0, -1.0, -2.0, -2.0, -0.5],
            &[-2.0, -2.0, -2.0, -2.0, -2.0],
            &[-9.0, -0.1, -4.0, -0.2, -7.0, -0.3, -0.2, -8.0],
        ];
        let mut top = Vec::new();
        for scores in cases {
            for chosen in 0..scores.len() {
                for n in 0..4 {
                    best_others(scores, chosen, n, &mut top);
                    assert_eq!(
                        top,
                        by_sorting(scores, chosen, n),
                        "{scores:?} {chosen} {n}"
                    );
                }
            }
        }
    }

    #[test]
    fn confidence_is_the_chosen_share() {
        assert_eq!(share(&[-1.5], 0), 1.0);
        // Two options one log10 unit apart: 1 / (1 + 0.1) for the better one.
        let c = share(&[-1.0, -2.0], 0);
        assert!((c - 1.0 / 1.1).abs() < 1e-6, "{c}");
        let c = share(&[-1.0, -2.0], 1);
        assert!((c - 1.0 / 11.0).abs() < 1e-6, "{c}");
        // Terms too small to change the sum are skipped: the same value, bit for bit.
        let scores = [-3.0, -1.0, -9.5, -20.0, -1.2, -40.0, -8.99, -9.01];
        for chosen in 0..scores.len() {
            let summed: f32 = (scores.iter())
                .map(|s| ((s - scores[chosen]) * std::f32::consts::LOG2_10).exp2())
                .sum();
            assert_eq!(share(&scores, chosen).to_bits(), (1.0 / summed).to_bits());
        }
    }
}
