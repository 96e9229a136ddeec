//! Beam-pruned trigram Viterbi over the candidate lattice, and per-token confidence from the
//! rescored alternatives around the chosen path.

use super::lm::{Model, BOS, EOS};

/// One lattice option at a position: LM id and channel cost (−log10-like).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choice {
    /// Language-model id.
    pub id: u16,
    /// Channel cost.
    pub cost: f32,
}

/// A hypothesis: the last two choices, the score so far and where it came from.
#[derive(Debug, Clone, Copy)]
struct Hyp {
    prev: u16,
    cur: u16,
    cur_idx: u16,
    score: f32,
    back: u32,
}

/// The best path through `lattice` (one option index per position), given `weight` on channel
/// costs and at most `beam` hypotheses per position.
pub fn viterbi<C: AsRef<[Choice]>>(
    model: &Model,
    lattice: &[C],
    weight: f32,
    beam: usize,
) -> Vec<usize> {
    let mut layers: Vec<Vec<Hyp>> = Vec::with_capacity(lattice.len() + 1);
    layers.push(vec![Hyp {
        prev: BOS,
        cur: BOS,
        cur_idx: 0,
        score: 0.0,
        back: 0,
    }]);
    let mut table: Vec<(f32, u32)> = Vec::new();
    let mut bigrams: Vec<f32> = Vec::new();
    let mut prev_k = 1usize;
    for opts in lattice {
        let opts = opts.as_ref();
        let k = opts.len();
        table.clear();
        table.resize(prev_k * k, (f32::NEG_INFINITY, 0));
        let last = layers.last().expect("one layer");
        // Bigram scores depend only on the previous choice, which many hypotheses share:
        // compute them once per previous option (−∞ marks "not computed yet").
        bigrams.clear();
        bigrams.resize(prev_k * k, f32::NEG_INFINITY);
        for (hi, h) in last.iter().enumerate() {
            let row = h.cur_idx as usize * k;
            if bigrams[row] == f32::NEG_INFINITY {
                for (ci, o) in opts.iter().enumerate() {
                    bigrams[row + ci] = model.score2(h.cur, o.id) - weight * o.cost;
                }
            }
            let ctx = model.bigram(h.prev, h.cur);
            for (ci, o) in opts.iter().enumerate() {
                let s = h.score
                    + match ctx {
                        Some(j) => match model.trigram_in_context(j, o.id) {
                            Some(p) => p - weight * o.cost,
                            None => model.backoff(j) + bigrams[row + ci],
                        },
                        None => bigrams[row + ci],
                    };
                let cell = &mut table[h.cur_idx as usize * k + ci];
                if s > cell.0 {
                    *cell = (s, hi as u32);
                }
            }
        }
        let mut next: Vec<Hyp> = table
            .iter()
            .enumerate()
            .filter(|(_, c)| c.0.is_finite())
            .map(|(cell, &(score, back))| {
                let h = &last[back as usize];
                Hyp {
                    prev: h.cur,
                    cur: opts[cell % k].id,
                    cur_idx: (cell % k) as u16,
                    score,
                    back,
                }
            })
            .collect();
        if next.len() > beam {
            next.select_nth_unstable_by(beam, |a, b| b.score.total_cmp(&a.score));
            next.truncate(beam);
        }
        layers.push(next);
        prev_k = k;
    }
    let last = layers.last().expect("one layer");
    let (mut bi, _) = last
        .iter()
        .enumerate()
        .map(|(i, h)| (i, h.score + model.score(h.prev, h.cur, EOS)))
        .fold(
            (0, f32::NEG_INFINITY),
            |best, x| if x.1 > best.1 { x } else { best },
        );
    let mut path = vec![0usize; lattice.len()];
    for t in (0..lattice.len()).rev() {
        let h = &layers[t + 1][bi];
        path[t] = h.cur_idx as usize;
        bi = h.back as usize;
    }
    path
}

/// log10 p(c | a b) as [`Model::score`] computes it, from the stored context `ab`
/// ([`Model::bigram`] of (a, b)) and log10 p(c | b), which the caller may have at hand.
#[inline]
fn score_from(model: &Model, ab: Option<usize>, c: u16, bc: impl FnOnce() -> f32) -> f32 {
    match ab {
        Some(j) => match model.trigram_in_context(j, c) {
            Some(p) => p,
            None => model.backoff(j) + bc(),
        },
        None => bc(),
    }
}

/// Scores of every option at position `t` with the rest of `path` fixed (LM terms that involve
/// `t`, minus weighted channel cost), in option order, written to `out`.
///
/// The terms are those of [`Model::score`] summed in the same order, but each bigram is
/// searched for once: (x, c) serves as p(c | x) and as the context of d, (c, d) as p(d | c) and
/// as the context of e, and the terms that do not involve `c` are found once for all options.
pub fn local_scores<C: AsRef<[Choice]>>(
    model: &Model,
    lattice: &[C],
    path: &[usize],
    t: usize,
    weight: f32,
    out: &mut Vec<f32>,
) {
    let id = |i: isize| -> u16 {
        if i < 0 {
            BOS
        } else if i as usize >= lattice.len() {
            EOS
        } else {
            lattice[i as usize].as_ref()[path[i as usize]].id
        }
    };
    let t = t as isize;
    let n = lattice.len() as isize;
    let (a, b) = (id(t - 2), id(t - 1));
    let (d, e) = (id(t + 1), id(t + 2));
    // A missing left context is sentence start: the model saw <s> once, not twice, so the
    // first word is scored by p(c | <s>) and the second by p(d | <s> c).
    let x = if t == 0 { BOS } else { b };
    let ab = if t == 0 { None } else { model.bigram(a, b) };
    let mut de: Option<f32> = None;
    out.clear();
    out.extend(lattice[t as usize].as_ref().iter().map(|o| {
        let c = o.id;
        let xc = model.bigram(x, c);
        let p_xc = model.score2_at(xc, x, c);
        let mut s = if t == 0 {
            p_xc
        } else {
            score_from(model, ab, c, || p_xc)
        };
        // Position t + 1 always exists: a word or the sentence end.
        let cd = model.bigram(c, d);
        s += score_from(model, xc, d, || model.score2_at(cd, c, d));
        if t + 1 < n {
            s += score_from(model, cd, e, || {
                *de.get_or_insert_with(|| model.score2(d, e))
            });
        }
        s - weight * o.cost
    }));
}
