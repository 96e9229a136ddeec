//! The syllable trigram language model: back-off scoring over the tables of a model file
//! ([`mod@format`] is the file format, written by the dictionary builder and read here).
//!
//! Bigrams are sorted by (w1, w2) and trigrams by (w1, w2, w3), so a trigram lookup finds its
//! context once and then searches a short run of third words (a trie, as in KenLM).

pub mod format;

use rustc_hash::FxHashMap;

use crate::restore::successors::{Probe, Row, Successors};

pub use format::{LmTables, MAGIC};
/// Sentence start.
pub const BOS: u16 = 0;
/// Sentence end.
pub const EOS: u16 = 1;
/// Any word that is not a known syllable.
pub const UNK: u16 = 2;
/// Any number.
pub const NUM: u16 = 3;
/// Names of the special tokens, in id order.
pub const SPECIALS: [&str; 4] = ["<s>", "</s>", "<unk>", "<num>"];

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The bytes do not start with [`MAGIC`].
    #[error("not a sohoa language model (bad magic)")]
    BadMagic,
    /// The file ends before its header says it should.
    #[error("language model is truncated")]
    Truncated,
    /// The vocabulary is not UTF-8.
    #[error("language model vocabulary is not UTF-8")]
    BadVocabulary,
    /// The n-gram arrays are not sorted runs with consistent offsets.
    #[error("language model n-gram tables are inconsistent")]
    BadTables,
}

/// A stored trigram context (see [`Model::context`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// Index of the bigram.
    pub j: usize,
    lo: u32,
    hi: u32,
}

/// A word as the first of bigrams to look up (see [`Model::leader`]).
#[derive(Debug, Clone, Copy)]
pub struct Leader<'a> {
    row: Row<'a>,
    first: usize,
    backoff: f32,
}

/// A word as the second of bigrams to look up (see [`Model::follower`]).
#[derive(Debug, Clone, Copy)]
pub struct Follower {
    probe: Option<Probe>,
    p: f32,
}

/// A stored bigram (b, c): its log10 p and back-off codes, where the trigrams of context (b, c)
/// are, and [`Bigram::left`], a filter of the words `a` of the stored trigrams (a, b, c).
#[derive(Debug, Clone, Copy)]
struct Bigram {
    tri_lo: u32,
    tri_len: u16,
    p: u8,
    backoff: u8,
    /// Bit [`left_bit`]`(a)` is set for every stored trigram (a, b, c). A clear bit proves that
    /// (a, b, c) is not stored, which is the usual answer (about nine look-ups in ten of the
    /// decoder's), without searching the run of context (a, b); a set bit proves nothing.
    left: u64,
}

/// The bit of a word in a left-word filter ([`Model::left_filter`]): a multiplicative hash, so
/// that neighbouring ids (which the vocabulary orders by frequency) spread over the 64 bits.
#[inline]
pub fn left_bit(a: u16) -> u64 {
    1 << (u64::from(a).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

/// What the [`Bigram::left`] filter of a pair that is not a stored bigram is: when every
/// trigram's last two words are a stored bigram (true of the committed model), no trigram ends
/// in the pair; otherwise nothing is known.
fn unstored_filter(suffix_closed: bool) -> u64 {
    if suffix_closed {
        0
    } else {
        u64::MAX
    }
}

/// A stored trigram: its third word and log10 p code.
#[derive(Debug, Clone, Copy)]
struct Trigram {
    w: u16,
    p: u8,
}

/// A loaded trigram model.
///
/// The file's parallel arrays are regrouped at load into one record per bigram and per trigram:
/// the decoder's look-ups are cache misses, and a record costs one where parallel arrays cost
/// one per array.
#[derive(Debug)]
pub struct Model {
    /// Token of each id.
    pub vocab: Vec<String>,
    /// Id of each token.
    pub ids: FxHashMap<String, u16>,
    uni_p: Vec<f32>,
    uni_b: Vec<f32>,
    /// Corpus count of each id (before pruning).
    pub counts: Vec<u32>,
    bi_start: Vec<u32>,
    codes: Vec<[f32; 256]>,
    bi_w: Vec<u16>,
    /// What a stored bigram knows, one record each so that one cache line answers a look-up.
    bi: Vec<Bigram>,
    /// Trigrams, sorted by (w1, w2, w3): third word and probability code side by side.
    tri: Vec<Trigram>,
    /// Bigram (a, b) → its index, without searching `bi_w`.
    succ: Successors,
    /// True when the last two words of every stored trigram are a stored bigram.
    suffix_closed: bool,
    /// The largest log10 p of the trigram codes (see [`Model::max_trigram_score`]).
    max_trigram: f32,
}

impl Model {
    /// Reads a model from the bytes of a model file.
    ///
    /// # Errors
    /// [`ModelError`] when the bytes are not a complete model.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let LmTables {
            vocab,
            uni_p,
            uni_b,
            counts,
            bi_start,
            codes,
            bi_w,
            bi_p,
            bi_b,
            tri_start,
            tri_w,
            tri_p,
        } = LmTables::parse(bytes)?;
        let (v, nb, nt) = (vocab.len(), bi_w.len(), tri_w.len());
        let ids = vocab
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u16))
            .collect();
        // Trigram runs are only searched, so in-bounds offsets are enough to never panic;
        // bigram runs are checked in full while they are indexed.
        if !offsets_fit(&tri_start, tri_w.len()) {
            return Err(ModelError::BadTables);
        }
        let succ = Successors::new(v, &bi_start, &bi_w).ok_or(ModelError::BadTables)?;
        let mut bi = Vec::with_capacity(nb);
        huge_pages(&bi);
        for j in 0..nb {
            let (lo, hi) = (tri_start[j], tri_start[j + 1]);
            bi.push(Bigram {
                tri_lo: lo,
                // A run is at most one trigram per vocabulary word.
                tri_len: u16::try_from(hi - lo).map_err(|_| ModelError::BadTables)?,
                p: bi_p[j],
                backoff: bi_b[j],
                left: 0,
            });
        }
        let mut tri = Vec::with_capacity(nt);
        huge_pages(&tri);
        tri.extend(tri_w.iter().zip(&tri_p).map(|(&w, &p)| Trigram { w, p }));
        let mut model = Model {
            vocab,
            ids,
            uni_p,
            uni_b,
            counts,
            bi_start,
            codes: codes.to_vec(),
            bi_w,
            bi,
            tri,
            succ,
            suffix_closed: true,
            // No table, no bound: every term is then searched for.
            max_trigram: codes.get(2).map_or(f32::INFINITY, |c| {
                c.iter().copied().fold(f32::NEG_INFINITY, f32::max)
            }),
        };
        model.fill_left_filters();
        Ok(model)
    }

    /// Sets the [`Bigram::left`] filters from the trigrams, and [`Model::suffix_closed`]
    /// (about 45 ms: one bigram look-up per trigram, scattered over the tables).
    fn fill_left_filters(&mut self) {
        for a in 0..self.vocab.len() {
            let bit = left_bit(a as u16);
            for j in self.bi_start[a] as usize..self.bi_start[a + 1] as usize {
                let b = self.bi_w[j];
                let Bigram {
                    tri_lo, tri_len, ..
                } = self.bi[j];
                let lo = tri_lo as usize;
                for t in lo..lo + usize::from(tri_len) {
                    match self.bigram(b, self.tri[t].w) {
                        Some(bc) => self.bi[bc].left |= bit,
                        None => self.suffix_closed = false,
                    }
                }
            }
        }
        if !self.suffix_closed {
            // A trigram without its bigram could not be found through any filter: let every
            // filter pass instead.
            for b in &mut self.bi {
                b.left = u64::MAX;
            }
        }
    }

    /// Number of bigrams and trigrams stored.
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.vocab.len(), self.bi_w.len(), self.tri.len())
    }

    /// Id of a token name, [`UNK`] when unknown.
    pub fn id(&self, token: &str) -> u16 {
        self.ids.get(token).copied().unwrap_or(UNK)
    }

    /// Index of bigram (a, b), if stored.
    #[inline]
    pub fn bigram(&self, a: u16, b: u16) -> Option<usize> {
        Some(self.bi_start[a as usize] as usize + self.succ.rank(a, b)?)
    }

    /// Index of bigram (a, b) found by binary search in the sorted arrays: what
    /// [`Model::bigram`] must agree with.
    pub fn bigram_by_search(&self, a: u16, b: u16) -> Option<usize> {
        let lo = self.bi_start[a as usize] as usize;
        let hi = self.bi_start[a as usize + 1] as usize;
        self.bi_w[lo..hi].binary_search(&b).ok().map(|i| lo + i)
    }

    /// Bytes held by the bigram index (see [`Successors`]).
    pub fn index_bytes(&self) -> usize {
        self.succ.heap_bytes()
    }

    /// log10 p(c | b) with back-off to the unigram.
    #[inline]
    pub fn score2(&self, b: u16, c: u16) -> f32 {
        self.score2_at(self.bigram(b, c), b, c)
    }

    /// log10 p(c | b) when `bc` is what [`Model::bigram`] returned for (b, c): lets a caller
    /// that also needs (b, c) as a trigram context search for it once.
    #[inline]
    pub fn score2_at(&self, bc: Option<usize>, b: u16, c: u16) -> f32 {
        match bc {
            Some(j) => self.codes[0][self.bi[j].p as usize],
            None => self.uni_b[b as usize] + self.uni_p[c as usize],
        }
    }

    /// The left-word filter (`Bigram::left`) of the pair (b, c) whose [`Model::bigram`] is
    /// `bc`: a word `a` whose [`left_bit`] is clear in it has no stored trigram (a, b, c).
    #[inline]
    pub fn left_filter(&self, bc: Option<usize>) -> u64 {
        match bc {
            Some(j) => self.bi[j].left,
            None => unstored_filter(self.suffix_closed),
        }
    }

    /// False only when the trigram (a, b, c) is surely not stored, `bc` being what
    /// [`Model::bigram`] returned for (b, c): lets a caller skip [`Model::trigram_in`].
    #[inline]
    pub fn may_have_trigram(&self, a: u16, bc: Option<usize>) -> bool {
        self.left_filter(bc) & left_bit(a) != 0
    }

    /// What looking up bigrams (b, ·) needs of `b`, found once for many followers.
    #[inline]
    pub fn leader(&self, b: u16) -> Leader<'_> {
        Leader {
            row: self.succ.row(b),
            first: self.bi_start.get(b as usize).map_or(0, |&f| f as usize),
            backoff: self.uni_b[b as usize],
        }
    }

    /// What looking up bigrams (·, c) needs of `c`, found once for many leaders.
    #[inline]
    pub fn follower(&self, c: u16) -> Follower {
        Follower {
            probe: self.succ.probe(c),
            p: self.uni_p[c as usize],
        }
    }

    /// [`Model::bigram`] of (b, c) from their [`Model::leader`] and [`Model::follower`].
    #[inline]
    pub fn bigram_of(&self, b: &Leader<'_>, c: &Follower) -> Option<usize> {
        Some(b.first + Successors::rank_in(b.row, c.probe)?)
    }

    /// [`Model::score2_at`] of (b, c) from their [`Model::leader`] and [`Model::follower`].
    #[inline]
    pub fn score2_of(&self, bc: Option<usize>, b: &Leader<'_>, c: &Follower) -> f32 {
        match bc {
            Some(j) => self.codes[0][self.bi[j].p as usize],
            None => b.backoff + c.p,
        }
    }

    /// log10 p(c | a b) with back-off.
    #[inline]
    pub fn score(&self, a: u16, b: u16, c: u16) -> f32 {
        match self.bigram(a, b) {
            Some(j) => self.score_in_context(j, b, c),
            None => self.score2(b, c),
        }
    }

    /// log10 p(c | a b) if the trigram is stored, `ab` being the stored bigram `j`.
    #[inline]
    pub fn trigram_in_context(&self, j: usize, c: u16) -> Option<f32> {
        self.trigram_in(self.context_of(j), c)
    }

    /// The stored context (a, b): its bigram index and where its third words are, found once
    /// so that many third words can be scored in it ([`Model::trigram_in`]).
    #[inline]
    pub fn context(&self, a: u16, b: u16) -> Option<Context> {
        Some(self.context_of(self.bigram(a, b)?))
    }

    /// The stored context of bigram `j` (an index [`Model::bigram`] returned).
    #[inline]
    pub fn context_of(&self, j: usize) -> Context {
        let b = self.bi[j];
        Context {
            j,
            lo: b.tri_lo,
            hi: b.tri_lo + u32::from(b.tri_len),
        }
    }

    /// log10 p(c | a b) if the trigram is stored, `ctx` being the [`Model::context`] of (a, b);
    /// the same as [`Model::trigram_in_context`].
    #[inline]
    pub fn trigram_in(&self, ctx: Context, c: u16) -> Option<f32> {
        let run = &self.tri[ctx.lo as usize..ctx.hi as usize];
        let i = run.binary_search_by_key(&c, |t| t.w).ok()?;
        Some(self.codes[2][run[i].p as usize])
    }

    /// Asks the CPU to start loading the third words of `ctx` (a hint with no effect on
    /// results): the decoder calls it for every context of a layer before searching any, so
    /// that the cache misses of the short runs overlap.
    #[inline]
    pub fn prefetch(&self, ctx: Context) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            let w = self.tri[ctx.lo as usize..].as_ptr();
            // SAFETY: a prefetch never faults and does not change memory; the pointer is into
            // `tri` (one past its end at worst, which a prefetch may name).
            unsafe { _mm_prefetch::<_MM_HINT_T0>(w.cast()) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = ctx;
    }

    /// The most log10 p(c | a b) of a stored trigram can be: a bound for callers that want to
    /// know whether a term could matter before searching for it.
    pub fn max_trigram_score(&self) -> f32 {
        self.max_trigram
    }

    /// log10 back-off weight of the stored bigram `j` as a trigram context.
    #[inline]
    pub fn backoff(&self, j: usize) -> f32 {
        self.codes[1][self.bi[j].backoff as usize]
    }

    /// log10 p(c | a b) when `ab` is the stored bigram `j` (see [`Model::bigram`]); lets the
    /// decoder find a context once and score many next words in it.
    #[inline]
    pub fn score_in_context(&self, j: usize, b: u16, c: u16) -> f32 {
        match self.trigram_in_context(j, c) {
            Some(p) => p,
            None => self.backoff(j) + self.score2(b, c),
        }
    }
}

/// Asks the kernel to back the (not yet written) capacity of `v` with 2 MB pages, a hint with
/// no effect on results. The decoder's look-ups land all over some 25 MB of tables: with 4 kB
/// pages nearly every one also misses the TLB, with 2 MB pages the whole model needs a dozen
/// entries. Must be called before the memory is first written, since pages already faulted
/// in stay small. (Linux only; where transparent huge pages are `never` it does nothing.)
pub(crate) fn huge_pages<T>(v: &Vec<T>) {
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let bytes = v.capacity() * std::mem::size_of::<T>();
        let start = v.as_ptr() as usize;
        // Only whole 2 MB pages inside the allocation can be huge.
        let lo = start.next_multiple_of(HUGE);
        let hi = (start + bytes) / HUGE * HUGE;
        if hi > lo {
            // SAFETY: madvise only changes how the kernel backs pages of our own allocation
            // (the range lies inside it); MADV_HUGEPAGE does not change their contents.
            unsafe {
                libc::madvise(lo as *mut libc::c_void, hi - lo, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = v;
}

/// True when `start` is non-decreasing offsets from 0 to `len`.
fn offsets_fit(start: &[u32], len: usize) -> bool {
    start.first() == Some(&0)
        && start.last().map(|&e| e as usize) == Some(len)
        && start.windows(2).all(|w| w[0] <= w[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> &'static Model {
        crate::restore::shared().model()
    }

    #[test]
    fn bigram_index_agrees_with_binary_search_on_every_stored_bigram() {
        let m = model();
        let v = m.vocab.len();
        let mut stored = 0;
        for a in 0..v {
            let (lo, hi) = (m.bi_start[a] as usize, m.bi_start[a + 1] as usize);
            for (j, &b) in m.bi_w[lo..hi].iter().enumerate() {
                assert_eq!(m.bigram(a as u16, b), Some(lo + j), "({a}, {b})");
                stored += 1;
                // The neighbours of a stored successor are the likeliest to be mis-ranked.
                for n in [b.wrapping_sub(1), b + 1] {
                    if (n as usize) < v {
                        assert_eq!(m.bigram(a as u16, n), m.bigram_by_search(a as u16, n));
                    }
                }
            }
            // And a spread of other successors, stored or not, also through the leader and
            // follower look-up the decoder uses.
            let lead = m.leader(a as u16);
            for b in (a % 7..v)
                .step_by(97)
                .chain(m.bi_w[lo..hi].iter().map(|&b| b as usize))
            {
                let (a, b) = (a as u16, b as u16);
                let bc = m.bigram_by_search(a, b);
                assert_eq!(m.bigram(a, b), bc);
                let follow = m.follower(b);
                assert_eq!(m.bigram_of(&lead, &follow), bc, "({a}, {b})");
                assert_eq!(
                    m.score2_of(bc, &lead, &follow).to_bits(),
                    m.score2(a, b).to_bits()
                );
            }
        }
        assert_eq!(stored, m.sizes().1);
    }

    #[test]
    fn left_filters_let_every_stored_trigram_through() {
        let m = model();
        // The committed model keeps a trigram only with its last bigram, so an unstored pair
        // rules every trigram out (the decoder's speed, not its results, depends on it).
        assert!(m.suffix_closed);
        let (mut trigrams, mut ruled_out) = (0usize, 0usize);
        for a in 0..m.vocab.len() {
            for j in m.bi_start[a] as usize..m.bi_start[a + 1] as usize {
                let b = m.bi_w[j];
                let ctx = m.context_of(j);
                for t in &m.tri[ctx.lo as usize..ctx.hi as usize] {
                    let bc = m.bigram(b, t.w);
                    assert!(bc.is_some(), "({a}, {b}, {}) without ({b}, {})", t.w, t.w);
                    assert!(m.may_have_trigram(a as u16, bc), "({a}, {b}, {})", t.w);
                    trigrams += 1;
                    // A neighbouring first word is usually not a stored trigram: count how
                    // often the filter says so, to see that it filters at all.
                    let other = (a as u16 + 1) % m.vocab.len() as u16;
                    ruled_out += usize::from(!m.may_have_trigram(other, bc));
                }
            }
        }
        assert_eq!(trigrams, m.sizes().2);
        assert!(
            ruled_out * 2 > trigrams,
            "{ruled_out} of {trigrams} ruled out"
        );
    }

    #[test]
    fn rejects_offsets_past_the_end() {
        assert!(offsets_fit(&[0, 2, 3], 3));
        assert!(!offsets_fit(&[0, 9, 3], 3), "offsets decrease");
        assert!(!offsets_fit(&[0, 2], 3), "items left over");
        assert!(!offsets_fit(&[1, 3], 3), "does not start at 0");
    }
}
