//! Beam-pruned trigram Viterbi over the candidate lattice, and per-token confidence from the
//! rescored alternatives around the chosen path.
//!
//! Besides each position's options, the lattice may hold [`Span`]s: options that cover two or
//! more positions with one syllable (a word the scan cut in pieces, `d ao` → `đạo`) or write two
//! syllables for one position (two words it glued, `Canhan` → `cá nhân`). The search is then
//! over a graph of token boundaries, still one beam per boundary, so its work stays linear in
//! the text length.

use super::confidence::Share;
use super::lm::{left_bit, Context, Model, BOS, EOS};

/// One lattice option at a position: LM id and channel cost (−log10-like).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choice {
    /// Language-model id.
    pub id: u16,
    /// Channel cost.
    pub cost: f32,
}

/// An option over several positions or of two syllables: `len` positions from `start` read as
/// the syllables `ids[..n]` (`n` is 1 or 2) at channel cost `cost`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// First position covered.
    pub start: usize,
    /// Positions covered (at least 1).
    pub len: usize,
    /// Language-model ids of the syllables written.
    pub ids: [u16; 2],
    /// How many of `ids` are written (1 or 2).
    pub n: u8,
    /// Channel cost.
    pub cost: f32,
}

impl Span {
    /// The boundary after the last position covered.
    pub fn end(&self) -> usize {
        self.start + self.len
    }

    /// The syllables written.
    pub fn units(&self) -> &[u16] {
        &self.ids[..usize::from(self.n.clamp(1, 2))]
    }
}

/// What the best path does at one position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The position's own option of this index.
    Option(usize),
    /// The span of this index (into the spans given) starts here.
    Span(usize),
    /// A span that starts earlier covers this position.
    Covered,
}

/// A hypothesis: the last two choices, the score so far, where it came from (an index into the
/// decoder's hypotheses: the layer before, or the layer a span starts from), and the stored
/// bigram of its two choices (the next position's trigram context), [`NO_BIGRAM`] if none.
/// `cur_idx` is the option index at the position just decoded, or for a span that ends here the
/// number of that position's options plus the span's rank among the spans ending here.
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
pub fn viterbi<C: AsRef<[Choice]>>(
    model: &Model,
    lattice: &[C],
    weight: f32,
    beam: usize,
) -> Vec<usize> {
    viterbi_spans(model, lattice, &[], weight, Beam::width(beam))
        .into_iter()
        .map(|s| match s {
            Step::Option(i) => i,
            Step::Span(_) | Step::Covered => unreachable!("no spans were given"),
        })
        .collect()
}

/// Inserts `h` into the layer being built (`hyps[hi..]`, best first, at most `beam`): an equal
/// score goes after the hypotheses kept before it.
#[inline]
fn keep(hyps: &mut Vec<Hyp>, hi: usize, beam: usize, h: Hyp) {
    if hyps.len() - hi == beam {
        if beam == 0 || h.score <= hyps[hyps.len() - 1].score {
            return;
        }
        hyps.pop();
    }
    let at = hi + hyps[hi..].partition_point(|x| x.score >= h.score);
    hyps.insert(at, h);
}

/// How many hypotheses the search keeps at each boundary: at most `width`, and none whose score
/// lies more than `margin` (log10 units) below the boundary's best.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Beam {
    /// Most hypotheses kept.
    pub width: usize,
    /// Largest distance below the best hypothesis of a kept one.
    pub margin: f32,
}

impl Beam {
    /// A beam of `width` hypotheses and no margin.
    pub fn width(width: usize) -> Beam {
        Beam {
            width,
            margin: f32::INFINITY,
        }
    }
}

/// The best path through `lattice` and `spans` (sorted by [`Span::end`]): what it does at each
/// position, given `weight` on channel costs and the hypotheses `beam` keeps per boundary.
///
/// Two things keep the look-ups few without changing the result. The bigram of a hypothesis'
/// last two choices was found when its score was (as p(cur | prev)), and is kept as the next
/// position's context. And the trigram (prev, cur, option) is searched for only when the
/// left-word filter of the bigram (cur, option), found for p(option | cur) anyway, does not
/// rule it out: nine pairs in ten are settled by one bit.
pub fn viterbi_spans<C: AsRef<[Choice]>>(
    model: &Model,
    lattice: &[C],
    spans: &[Span],
    weight: f32,
    beam: Beam,
) -> Vec<Step> {
    let Beam {
        width: beam,
        margin,
    } = beam;
    debug_assert!(spans.windows(2).all(|w| w[0].end() <= w[1].end()));
    debug_assert!(spans.iter().all(|s| s.len >= 1 && s.end() <= lattice.len()));
    let mut next_span = 0;
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
    for (t, opts) in lattice.iter().enumerate() {
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
        // Every pair below is written before it is read: the vector only grows, and is not
        // filled with defaults at every position.
        if bigrams.len() < rows.len() * k {
            bigrams.resize(rows.len() * k, Pair::default());
        }
        let bigrams = &mut bigrams[..rows.len() * k];
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
            // The context's back-off weight, found once for the row rather than per option.
            let backoff = ctx.map_or(0.0, |ctx| model.backoff(ctx.j));
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
                            None => backoff + bigram,
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
                // A cell below the margin of the best so far is below that of the layer's best.
                if !score.is_finite()
                    || (hyps.len() - hi == beam
                        && (beam == 0 || score <= hyps[hyps.len() - 1].score))
                    || hyps.get(hi).is_some_and(|b| score < b.score - margin)
                {
                    continue;
                }
                let back = lo as u32 + back;
                let h = Hyp {
                    prev: hyps[back as usize].cur,
                    cur: opts[ci].id,
                    cur_idx: ci as u16,
                    score,
                    back,
                    ctx: pairs[ci].at,
                };
                keep(&mut hyps, hi, beam, h);
            }
        }
        // The spans that end after this position, from the layer where each starts: rare (only
        // where the scan cut or glued a word), so scored term by term.
        let first_here = next_span;
        while let Some(sp) = spans.get(next_span).filter(|sp| sp.end() == t + 1) {
            let rank = k + (next_span - first_here);
            for g in starts[sp.start]..starts[sp.start + 1] {
                let h = hyps[g];
                let (mut prev, mut cur) = (h.prev, h.cur);
                let mut score = h.score - weight * sp.cost;
                for &u in sp.units() {
                    score += model.score(prev, cur, u);
                    (prev, cur) = (cur, u);
                }
                keep(
                    &mut hyps,
                    hi,
                    beam,
                    Hyp {
                        prev,
                        cur,
                        cur_idx: rank as u16,
                        score,
                        back: g as u32,
                        ctx: model.bigram(prev, cur).map_or(NO_BIGRAM, |j| j as u32),
                    },
                );
            }
            next_span += 1;
        }
        // Hypotheses further than `margin` below the boundary's best are dropped (the layer is
        // best first, so they are its tail).
        if let Some(best) = hyps.get(hi).map(|h| h.score) {
            while hyps.len() > hi + 1 && hyps[hyps.len() - 1].score < best - margin {
                hyps.pop();
            }
        }
        starts.push(hyps.len());
    }
    let n = lattice.len();
    let last = &hyps[starts[n]..starts[n + 1]];
    let (bi, _) = last
        .iter()
        .enumerate()
        .map(|(i, h)| (i, h.score + model.score(h.prev, h.cur, EOS)))
        .fold(
            (0, f32::NEG_INFINITY),
            |best, x| if x.1 > best.1 { x } else { best },
        );
    let mut path = vec![Step::Covered; n];
    let (mut b, mut g) = (n, starts[n] + bi);
    while b > 0 {
        let h = &hyps[g];
        let k = lattice[b - 1].as_ref().len();
        let ci = h.cur_idx as usize;
        if ci < k {
            path[b - 1] = Step::Option(ci);
            b -= 1;
        } else {
            let e = spans.partition_point(|sp| sp.end() < b) + (ci - k);
            path[spans[e].start] = Step::Span(e);
            b = spans[e].start;
        }
        g = h.back as usize;
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

/// The syllables around one position of a chosen path: the two before it and the two after,
/// with sentence start and end where there are none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Around {
    /// Two before (`BOS` if none).
    pub a: u16,
    /// One before (`BOS` if none).
    pub b: u16,
    /// One after (`EOS` if none).
    pub d: u16,
    /// Two after (`EOS` if none).
    pub e: u16,
    /// Whether the position is the first of its stretch.
    pub first: bool,
    /// Whether `d` is a syllable (not the end), so that p(e | c d) is a term of the position.
    pub has_d: bool,
}

/// The chosen path as a sequence of syllables: each position's chosen syllable, a span's one or
/// two in its place, and where each position's first syllable is.
#[derive(Debug, Clone, Default)]
pub struct Units {
    /// The syllables of the path, in order.
    pub ids: Vec<u16>,
    /// Index in `ids` of each position's first syllable (a covered position: its span's).
    pub at: Vec<usize>,
}

impl Units {
    /// The syllables of `path` through `lattice` and `spans`.
    pub fn of<C: AsRef<[Choice]>>(lattice: &[C], spans: &[Span], path: &[Step]) -> Units {
        let mut u = Units {
            ids: Vec::with_capacity(path.len()),
            at: Vec::with_capacity(path.len()),
        };
        for (t, step) in path.iter().enumerate() {
            match *step {
                Step::Option(i) => {
                    u.at.push(u.ids.len());
                    u.ids.push(lattice[t].as_ref()[i].id);
                }
                Step::Span(e) => {
                    u.at.push(u.ids.len());
                    u.ids.extend_from_slice(spans[e].units());
                }
                Step::Covered => u.at.push(u.ids.len().saturating_sub(1)),
            }
        }
        u
    }

    /// The syllables around position `t`'s (single) syllable.
    pub fn around(&self, t: usize) -> Around {
        let u = self.at[t];
        let get =
            |i: Option<usize>, none: u16| i.and_then(|i| self.ids.get(i)).map_or(none, |&x| x);
        Around {
            a: get(u.checked_sub(2), BOS),
            b: get(u.checked_sub(1), BOS),
            d: get(Some(u + 1), EOS),
            e: get(Some(u + 2), EOS),
            first: u == 0,
            has_d: u + 1 < self.ids.len(),
        }
    }
}

/// Scores of every option at position `t` with the rest of `path` fixed (LM terms that involve
/// `t`, minus weighted channel cost), in option order, written to `out`.
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
    let ti = t as isize;
    let around = Around {
        a: id(ti - 2),
        b: id(ti - 1),
        d: id(ti + 1),
        e: id(ti + 2),
        first: t == 0,
        has_d: t + 1 < lattice.len(),
    };
    local_scores_at(model, lattice[t].as_ref(), around, weight, out);
}

/// Scores of every option of `opts` between the syllables `around` (LM terms that involve the
/// option, minus weighted channel cost), in option order, written to `out`.
pub fn local_scores_at(
    model: &Model,
    opts: &[Choice],
    around: Around,
    weight: f32,
    out: &mut Vec<f32>,
) {
    out.clear();
    out.reserve(opts.len());
    score_options(model, opts, around, weight, out);
}

/// The confidence of option `chosen` of `opts` between the syllables `around`:
/// [`share`](super::confidence::share) of the [`local_scores_at`], the same value to the bit
/// (`scratch` is working memory). Most options of a word lie more than 10^8 below the chosen
/// one, where the share does not add them: an option after the chosen one is left unfinished
/// once its score without p(e | c d), and the most that term can be, already puts it there
/// (about half the options, each sparing a trigram search).
pub fn confidence_at(
    model: &Model,
    opts: &[Choice],
    around: Around,
    weight: f32,
    chosen: usize,
    scratch: &mut Vec<f32>,
) -> f32 {
    scratch.clear();
    let mut sink = ShareSink {
        chosen,
        before: scratch,
        sum: Share::new(0.0),
    };
    score_options(model, opts, around, weight, &mut sink);
    sink.sum.confidence()
}

/// What [`score_options`] hands each option's score to.
trait Sink {
    /// Whether option `k` is to be finished, `most` being the most its score can be when it is
    /// known before its last term is searched for.
    fn wants(&mut self, k: usize, most: Option<f32>) -> bool;
    /// The score of option `k`.
    fn take(&mut self, k: usize, score: f32);
}

impl Sink for Vec<f32> {
    #[inline(always)]
    fn wants(&mut self, _: usize, _: Option<f32>) -> bool {
        true
    }

    #[inline(always)]
    fn take(&mut self, _: usize, score: f32) {
        self.push(score);
    }
}

/// The share of the chosen option: the options before it are kept until its score is known,
/// then everything is summed in option order, as [`confidence::share`] does.
struct ShareSink<'a> {
    chosen: usize,
    before: &'a mut Vec<f32>,
    sum: Share,
}

impl Sink for ShareSink<'_> {
    #[inline(always)]
    fn wants(&mut self, k: usize, most: Option<f32>) -> bool {
        k <= self.chosen || most.is_none_or(|m| self.sum.counts(m))
    }

    #[inline(always)]
    fn take(&mut self, k: usize, score: f32) {
        if k < self.chosen {
            self.before.push(score);
            return;
        }
        if k == self.chosen {
            self.sum = Share::new(score);
            for &s in self.before.iter() {
                self.sum.add(s);
            }
        }
        self.sum.add(score);
    }
}

/// Scores every option of `opts` between the syllables `around` and hands them to `sink`.
///
/// The terms are those of [`Model::score`] summed in the same order, but each bigram is
/// searched for once: (x, c) serves as p(c | x) and as the context of d, (c, d) as p(d | c) and
/// as the context of e, and the terms that do not involve `c` are found once for all options.
#[inline(always)]
fn score_options(
    model: &Model,
    opts: &[Choice],
    around: Around,
    weight: f32,
    sink: &mut impl Sink,
) {
    let Around {
        a,
        b,
        d,
        e,
        first,
        has_d,
    } = around;
    // A missing left context is sentence start: the model saw <s> once, not twice, so the
    // first word is scored by p(c | <s>) and the second by p(d | <s> c).
    let x = if first { BOS } else { b };
    let ab = if first { None } else { model.bigram(a, b) };
    // (d, e) is the same for every option: its filter and score are found once, if needed.
    let de = has_d.then(|| model.bigram(d, e));
    let de_left = de.map_or(0, |de| model.left_filter(de));
    let mut p_de: Option<f32> = None;
    let max_trigram = model.max_trigram_score();
    // The words around the option are looked up with every option: their halves of the bigram
    // look-ups are found once.
    let (lead_x, follow_d) = (model.leader(x), model.follower(d));
    for (k, o) in opts.iter().enumerate() {
        let c = o.id;
        let (lead_c, follow_c) = (model.leader(c), model.follower(c));
        let xc = model.bigram_of(&lead_x, &follow_c);
        let p_xc = model.score2_of(xc, &lead_x, &follow_c);
        let mut s = if first {
            p_xc
        } else {
            score_from(model, ab, c, model.may_have_trigram(a, xc), || p_xc)
        };
        // The syllable after always exists: a word or the sentence end.
        let cd = model.bigram_of(&lead_c, &follow_d);
        s += score_from(model, xc, d, model.may_have_trigram(x, cd), || {
            model.score2_of(cd, &lead_c, &follow_d)
        });
        if let Some(de) = de {
            let p_de = *p_de.get_or_insert_with(|| model.score2_at(de, d, e));
            // p(e | c d) is a stored trigram's p or the context's back-off plus p(e | d) (and
            // only p(e | d) when (c, d) is no stored context).
            let most = cd.map(|j| (s + max_trigram.max(model.backoff(j) + p_de)) - weight * o.cost);
            if !sink.wants(k, most) {
                continue;
            }
            s += score_from(model, cd, e, de_left & left_bit(c) != 0, || p_de);
        } else if !sink.wants(k, None) {
            continue;
        }
        sink.take(k, s - weight * o.cost);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::restore::lm;

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
    fn a_margin_drops_the_hypotheses_far_below_the_best() {
        let model = crate::restore::shared().model();
        let lat = lattice(model);
        let wide = viterbi(model, &lat, 1.0, 1000);
        let path = |margin: f32| -> Vec<usize> {
            viterbi_spans(
                model,
                &lat,
                &[],
                1.0,
                Beam {
                    width: 1000,
                    margin,
                },
            )
            .into_iter()
            .map(|s| match s {
                Step::Option(i) => i,
                _ => unreachable!(),
            })
            .collect()
        };
        // A margin wider than any score gap prunes nothing.
        assert_eq!(path(1000.0), wide);
        // A margin of 0 keeps one hypothesis per boundary: the greedy path, each word the best
        // after the words already chosen.
        let (mut a, mut b) = (BOS, BOS);
        let mut greedy = Vec::new();
        for opts in &lat {
            let (i, _) = opts
                .iter()
                .enumerate()
                .map(|(i, o)| (i, model.score(a, b, o.id) - o.cost))
                .fold((0, f32::NEG_INFINITY), |m, x| if x.1 > m.1 { x } else { m });
            greedy.push(i);
            (a, b) = (b, opts[i].id);
        }
        assert_eq!(path(0.0), greedy);
        assert!(path_score(model, &lat, &greedy, 1.0) <= path_score(model, &lat, &wide, 1.0));
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

    #[test]
    fn confidence_is_the_share_of_the_local_scores_to_the_bit() {
        let model = crate::restore::shared().model();
        let lat = lattice(model);
        let path: Vec<Step> = viterbi(model, &lat, 1.0, 8)
            .into_iter()
            .map(Step::Option)
            .collect();
        let units = Units::of(&lat, &[], &path);
        let mut scores = Vec::new();
        for (t, opts) in lat.iter().enumerate() {
            let around = units.around(t);
            local_scores_at(model, opts, around, 0.7, &mut scores);
            for chosen in 0..opts.len() {
                let want = crate::restore::confidence::share(&scores, chosen);
                let got = confidence_at(model, opts, around, 0.7, chosen, &mut Vec::new());
                assert_eq!(
                    got.to_bits(),
                    want.to_bits(),
                    "position {t}, option {chosen}"
                );
            }
        }
        // Options far below the chosen one are left unfinished: a word with a rival 10^9
        // below still has its share.
        let far = [
            Choice {
                id: model.id("kế"),
                cost: 0.0,
            },
            Choice {
                id: model.id("kế"),
                cost: 9.0,
            },
        ];
        let around = units.around(0);
        local_scores_at(model, &far, around, 1.0, &mut scores);
        assert!(scores[1] - scores[0] < -8.0);
        assert_eq!(
            confidence_at(model, &far, around, 1.0, 0, &mut Vec::new()).to_bits(),
            crate::restore::confidence::share(&scores, 0).to_bits()
        );
    }

    /// The score of a path given as its syllables and the channel costs it paid.
    fn units_score(model: &Model, units: &[u16], cost: f32, weight: f32) -> f32 {
        let (mut a, mut b) = (BOS, BOS);
        let mut s = 0.0;
        for &c in units {
            s += model.score(a, b, c);
            (a, b) = (b, c);
        }
        s + model.score(a, b, EOS) - weight * cost
    }

    /// Every path through positions `t..` and the spans that start there: (syllables, cost).
    fn all_paths(lat: &[Vec<Choice>], spans: &[Span], t: usize) -> Vec<(Vec<u16>, f32)> {
        if t == lat.len() {
            return vec![(Vec::new(), 0.0)];
        }
        let mut out = Vec::new();
        for o in &lat[t] {
            for (mut u, c) in all_paths(lat, spans, t + 1) {
                u.insert(0, o.id);
                out.push((u, c + o.cost));
            }
        }
        for sp in spans.iter().filter(|sp| sp.start == t) {
            for (u, c) in all_paths(lat, spans, sp.end()) {
                out.push(([sp.units(), &u].concat(), c + sp.cost));
            }
        }
        out
    }

    #[test]
    fn unpruned_viterbi_with_spans_finds_the_best_path_of_all() {
        let model = crate::restore::shared().model();
        let id = |w: &str| model.id(w);
        // "lãnh d ao các phòng": the pieces `d` `ao` may be one syllable; `canhan` (here the
        // unknown word) may be two.
        let opt = |w: &str, cost: f32| Choice { id: id(w), cost };
        let lat: Vec<Vec<Choice>> = vec![
            vec![opt("lãnh", 0.0), opt("lanh", 0.2)],
            vec![opt("d", 0.0)],
            vec![opt("áo", 0.1), opt("ao", 0.0)],
            vec![opt("các", 0.0), opt("các", 0.5)],
            // Kept as written at the price of a malformed old-OCR word, as the restorer does.
            vec![Choice {
                id: lm::UNK,
                cost: 5.0,
            }],
        ];
        let spans = vec![
            Span {
                start: 1,
                len: 2,
                ids: [id("đạo"), 0],
                n: 1,
                cost: 1.5,
            },
            Span {
                start: 1,
                len: 2,
                ids: [id("dao"), 0],
                n: 1,
                cost: 1.5,
            },
            Span {
                start: 4,
                len: 1,
                ids: [id("cá"), id("nhân")],
                n: 2,
                cost: 1.5,
            },
        ];
        let best = all_paths(&lat, &spans, 0)
            .iter()
            .map(|(u, c)| units_score(model, u, *c, 1.0))
            .fold(f32::NEG_INFINITY, f32::max);
        let path = viterbi_spans(model, &lat, &spans, 1.0, Beam::width(1000));
        let units = Units::of(&lat, &spans, &path);
        let cost: f32 = path
            .iter()
            .enumerate()
            .map(|(t, s)| match *s {
                Step::Option(i) => lat[t][i].cost,
                Step::Span(e) => spans[e].cost,
                Step::Covered => 0.0,
            })
            .sum();
        let got = units_score(model, &units.ids, cost, 1.0);
        assert!((got - best).abs() < 1e-4, "viterbi {got} vs best {best}");
        // Here the language model wants both: "lãnh đạo các phòng cá nhân".
        assert_eq!(path[1], Step::Span(0));
        assert_eq!(path[2], Step::Covered);
        assert_eq!(path[4], Step::Span(2));
        assert_eq!(units.ids.len(), 5);
        // Without spans, the same decoder is the plain one.
        assert_eq!(
            viterbi_spans(model, &lat, &[], 1.0, Beam::width(8)),
            viterbi(model, &lat, 1.0, 8)
                .into_iter()
                .map(Step::Option)
                .collect::<Vec<_>>()
        );
    }
}
