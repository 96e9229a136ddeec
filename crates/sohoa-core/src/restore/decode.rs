//! Beam-pruned trigram Viterbi over the candidate lattice, and per-token confidence from the
//! rescored alternatives around the chosen path.

use super::lm::{left_bit, Context, Model, BOS, EOS};

/// One lattice option at a position: LM id and channel cost (−log10-like).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choice {
    /// Language-model id.
    pub id: u16,
    /// Channel cost.
    pub cost: f32,
}

/// A hypothesis: the last two choices, the score so far, where it came from, and the stored
/// bigram of its two choices (the next position's trigram context), [`NO_BIGRAM`] if none.
#[derive(Debug, Clone, Copy)]
struct Hyp {
    prev: u16,
    cur: u16,
    cur_idx: u16,
    score: f32,
    back: u32,
    ctx: u32,
}

/// What the decoder needs of the bigram (previous option, option): log10 p(option | previous)
/// less the weighted channel cost, its index ([`NO_BIGRAM`] if not stored) and its
/// left-word filter ([`Model::left_filter`]).
#[derive(Debug, Clone, Copy, Default)]
struct Pair {
    score: f32,
    at: u32,
    left: u64,
}

/// [`Hyp::ctx`] of a pair of choices that is not a stored bigram.
const NO_BIGRAM: u32 = u32::MAX;

/// The best path through `lattice` (one option index per position), given `weight` on channel
/// costs and at most `beam` hypotheses per position.
///
/// Two things keep the look-ups few without changing the result. The bigram of a hypothesis'
/// last two choices was found when its score was (as p(cur | prev)), and is kept as the next
/// position's context. And the trigram (prev, cur, option) is searched for only when the
/// left-word filter of the bigram (cur, option), found for p(option | cur) anyway, does not
/// rule it out: nine pairs in ten are settled by one bit.
pub fn viterbi<C: AsRef<[Choice]>>(
    model: &Model,
    lattice: &[C],
    weight: f32,
    beam: usize,
) -> Vec<usize> {
    // Every layer's hypotheses in one vector (layer t is `hyps[starts[t]..starts[t + 1]]`),
    // and the work tables reused from position to position: no allocation per word.
    let mut hyps: Vec<Hyp> = Vec::with_capacity((lattice.len() + 1) * beam.max(1));
    let mut starts: Vec<usize> = Vec::with_capacity(lattice.len() + 2);
    starts.push(0);
    hyps.push(Hyp {
        prev: BOS,
        cur: BOS,
        cur_idx: 0,
        score: 0.0,
        back: 0,
        ctx: model.bigram(BOS, BOS).map_or(NO_BIGRAM, |j| j as u32),
    });
    starts.push(1);
    // The previous options that some hypothesis ends in, ascending, and the table row of each:
    // only those rows of the (previous option × option) table can be reached.
    let mut rows: Vec<u16> = Vec::new();
    let mut row_of: Vec<u16> = Vec::new();
    let mut table: Vec<(f32, u32)> = Vec::new();
    let mut bigrams: Vec<Pair> = Vec::new();
    let mut followers = Vec::new();
    let mut row_cur: Vec<u16> = Vec::new();
    let mut ctxs: Vec<Option<Context>> = Vec::new();
    for opts in lattice {
        let opts = opts.as_ref();
        let k = opts.len();
        let (lo, hi) = (starts[starts.len() - 2], starts[starts.len() - 1]);
        rows.clear();
        rows.extend(hyps[lo..hi].iter().map(|h| h.cur_idx));
        rows.sort_unstable();
        rows.dedup();
        row_of.clear();
        row_of.resize(rows.last().map_or(0, |&r| r as usize + 1), 0);
        for (r, &c) in rows.iter().enumerate() {
            row_of[c as usize] = r as u16;
        }
        // The contexts of every hypothesis first, then the bigram rows, then the trigrams: the
        // look-ups of one pass do not depend on each other, so their cache misses overlap.
        ctxs.clear();
        ctxs.extend(
            hyps[lo..hi]
                .iter()
                .map(|h| (h.ctx != NO_BIGRAM).then(|| model.context_of(h.ctx as usize))),
        );
        for ctx in ctxs.iter().flatten() {
            model.prefetch(*ctx);
        }
        // Bigram scores depend only on the previous choice, which many hypotheses share:
        // one row per previous option.
        row_cur.clear();
        row_cur.resize(rows.len(), 0);
        for h in &hyps[lo..hi] {
            row_cur[row_of[h.cur_idx as usize] as usize] = h.cur;
        }
        // What the bigram look-ups need of each option is found once for all rows.
        followers.clear();
        followers.extend(opts.iter().map(|o| (model.follower(o.id), weight * o.cost)));
        bigrams.clear();
        bigrams.resize(rows.len() * k, Pair::default());
        for (&cur, pairs) in row_cur.iter().zip(bigrams.chunks_exact_mut(k.max(1))) {
            let lead = model.leader(cur);
            for (pair, (follow, cost)) in pairs.iter_mut().zip(&followers) {
                let j = model.bigram_of(&lead, follow);
                *pair = Pair {
                    score: model.score2_of(j, &lead, follow) - cost,
                    at: j.map_or(NO_BIGRAM, |j| j as u32),
                    left: model.left_filter(j),
                };
            }
        }
        table.clear();
        table.resize(rows.len() * k, (f32::NEG_INFINITY, 0));
        for (hk, (h, &ctx)) in hyps[lo..hi].iter().zip(&ctxs).enumerate() {
            let row = row_of[h.cur_idx as usize] as usize * k;
            let cells = &mut table[row..row + k];
            let pairs = &bigrams[row..row + k];
            let bit = left_bit(h.prev);
            for (
                (cell, o),
                &Pair {
                    score: bigram,
                    left,
                    ..
                },
            ) in cells.iter_mut().zip(opts).zip(pairs)
            {
                // The trigram (prev, cur, option) is searched for only when the filter of
                // (cur, option) lets `prev` through (see `lm::Bigram::left`).
                let s = h.score
                    + match ctx {
                        Some(ctx) => match (left & bit != 0)
                            .then(|| model.trigram_in(ctx, o.id))
                            .flatten()
                        {
                            Some(p) => p - weight * o.cost,
                            None => model.backoff(ctx.j) + bigram,
                        },
                        None => bigram,
                    };
                if s > cell.0 {
                    *cell = (s, hk as u32);
                }
            }
        }
        // The next layer: the `beam` best cells, best first, an equal score going after the
        // cells kept before it (table order). Kept sorted while the table is read, so that most
        // cells cost one comparison with the worst one kept.
        // (`max(1)`: a position without options has an empty table, and no chunk.)
        for (cells, pairs) in table
            .chunks_exact(k.max(1))
            .zip(bigrams.chunks_exact(k.max(1)))
        {
            for (ci, &(score, back)) in cells.iter().enumerate() {
                if !score.is_finite() {
                    continue;
                }
                if hyps.len() - hi == beam {
                    if beam == 0 || score <= hyps[hyps.len() - 1].score {
                        continue;
                    }
                    hyps.pop();
                }
                let at = hi + hyps[hi..].partition_point(|x| x.score >= score);
                let h = Hyp {
                    prev: hyps[lo + back as usize].cur,
                    cur: opts[ci].id,
                    cur_idx: ci as u16,
                    score,
                    back,
                    ctx: pairs[ci].at,
                };
                hyps.insert(at, h);
            }
        }
        starts.push(hyps.len());
    }
    let n = lattice.len();
    let last = &hyps[starts[n]..starts[n + 1]];
    let (mut bi, _) = last
        .iter()
        .enumerate()
        .map(|(i, h)| (i, h.score + model.score(h.prev, h.cur, EOS)))
        .fold(
            (0, f32::NEG_INFINITY),
            |best, x| if x.1 > best.1 { x } else { best },
        );
    let mut path = vec![0usize; n];
    for t in (0..n).rev() {
        let h = &hyps[starts[t + 1] + bi];
        path[t] = h.cur_idx as usize;
        bi = h.back as usize;
    }
    path
}

/// log10 p(c | a b) as [`Model::score`] computes it, from the stored context `ab`
/// ([`Model::bigram`] of (a, b)), whether the trigram may be stored at all
/// ([`Model::may_have_trigram`]) and log10 p(c | b), which the caller may have at hand.
#[inline]
fn score_from(
    model: &Model,
    ab: Option<usize>,
    c: u16,
    maybe: bool,
    bc: impl FnOnce() -> f32,
) -> f32 {
    match ab {
        Some(j) => match maybe.then(|| model.trigram_in_context(j, c)).flatten() {
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
    // (d, e) is the same for every option: its filter and score are found once, if needed.
    let de = (t + 1 < n).then(|| model.bigram(d, e));
    let de_left = de.map_or(0, |de| model.left_filter(de));
    let mut p_de: Option<f32> = None;
    out.clear();
    // The words around `t` are looked up with every option: their halves of the bigram
    // look-ups are found once.
    let (lead_x, follow_d) = (model.leader(x), model.follower(d));
    out.extend(lattice[t as usize].as_ref().iter().map(|o| {
        let c = o.id;
        let (lead_c, follow_c) = (model.leader(c), model.follower(c));
        let xc = model.bigram_of(&lead_x, &follow_c);
        let p_xc = model.score2_of(xc, &lead_x, &follow_c);
        let mut s = if t == 0 {
            p_xc
        } else {
            score_from(model, ab, c, model.may_have_trigram(a, xc), || p_xc)
        };
        // Position t + 1 always exists: a word or the sentence end.
        let cd = model.bigram_of(&lead_c, &follow_d);
        s += score_from(model, xc, d, model.may_have_trigram(x, cd), || {
            model.score2_of(cd, &lead_c, &follow_d)
        });
        if let Some(de) = de {
            s += score_from(model, cd, e, de_left & left_bit(c) != 0, || {
                *p_de.get_or_insert_with(|| model.score2_at(de, d, e))
            });
        }
        s - weight * o.cost
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small lattice of real syllables ("kế hoạch thi đua , khen thưởng" and rivals).
    fn lattice(model: &Model) -> Vec<Vec<Choice>> {
        let pos: [&[(&str, f32)]; 7] = [
            &[("kế", 0.0), ("kê", 0.3), ("ke", 1.0), ("kè", 0.2)],
            &[("hoạch", 0.0), ("hoach", 0.5)],
            &[("thi", 0.0), ("thì", 0.0), ("thị", 0.4), ("thí", 0.1)],
            &[("đua", 0.2), ("dua", 0.0), ("dưa", 0.0)],
            &[(",", 0.0)],
            &[("khen", 0.0), ("khên", 0.7)],
            &[
                ("thưởng", 0.0),
                ("thuong", 0.9),
                ("thương", 0.0),
                ("tướng", 0.3),
            ],
        ];
        pos.iter()
            .map(|opts| {
                opts.iter()
                    .map(|&(w, cost)| Choice {
                        id: model.id(w),
                        cost,
                    })
                    .collect()
            })
            .collect()
    }

    /// The score of a whole path, term by term as the model defines it.
    fn path_score(model: &Model, lattice: &[Vec<Choice>], path: &[usize], weight: f32) -> f32 {
        let (mut a, mut b) = (BOS, BOS);
        let mut s = 0.0;
        for (opts, &i) in lattice.iter().zip(path) {
            let c = opts[i];
            s += model.score(a, b, c.id) - weight * c.cost;
            (a, b) = (b, c.id);
        }
        s + model.score(a, b, EOS)
    }

    #[test]
    fn unpruned_viterbi_finds_the_best_path_of_all() {
        let model = crate::restore::shared().model();
        let lat = lattice(model);
        let mut best = f32::NEG_INFINITY;
        let mut path = vec![0usize; lat.len()];
        // Every path, as an odometer over the option indices.
        loop {
            best = best.max(path_score(model, &lat, &path, 1.0));
            let Some(t) = (0..lat.len()).rev().find(|&t| path[t] + 1 < lat[t].len()) else {
                break;
            };
            path[t] += 1;
            path[t + 1..].iter_mut().for_each(|i| *i = 0);
        }
        // A beam wider than any (previous option × option) table prunes nothing.
        let found = viterbi(model, &lat, 1.0, 1000);
        let got = path_score(model, &lat, &found, 1.0);
        assert!((got - best).abs() < 1e-4, "viterbi {got} vs best {best}");
        // A narrow beam can only do as well or worse, and still gives one option per word.
        let narrow = viterbi(model, &lat, 1.0, 2);
        assert_eq!(narrow.len(), lat.len());
        assert!(path_score(model, &lat, &narrow, 1.0) <= best + 1e-4);
    }

    #[test]
    fn local_scores_are_the_model_terms_in_the_same_order() {
        let model = crate::restore::shared().model();
        let lat = lattice(model);
        let path = viterbi(model, &lat, 1.0, 8);
        let id = |i: isize| -> u16 {
            match usize::try_from(i) {
                Err(_) => BOS,
                Ok(i) if i >= lat.len() => EOS,
                Ok(i) => lat[i][path[i]].id,
            }
        };
        let mut out = Vec::new();
        for t in 0..lat.len() {
            local_scores(model, &lat, &path, t, 0.7, &mut out);
            let ti = t as isize;
            let (a, b, d, e) = (id(ti - 2), id(ti - 1), id(ti + 1), id(ti + 2));
            for (o, got) in lat[t].iter().zip(&out) {
                let c = o.id;
                let mut s = if t == 0 {
                    model.score2(BOS, c)
                } else {
                    model.score(a, b, c)
                };
                s += if t == 0 {
                    model.score(BOS, c, d)
                } else {
                    model.score(b, c, d)
                };
                if t + 1 < lat.len() {
                    s += model.score(c, d, e);
                }
                let want = s - 0.7 * o.cost;
                assert_eq!(got.to_bits(), want.to_bits(), "position {t}");
            }
        }
    }
}
