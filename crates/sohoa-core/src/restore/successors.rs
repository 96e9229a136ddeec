//! Constant-time bigram look-up: for every word, a bitmap of the words that follow it in a
//! stored bigram, with running counts, so that the index of bigram (a, b) in the model's sorted
//! arrays is `first(a) + rank(b)` instead of a binary search.
//!
//! The decoder asks for hundreds of bigrams per word of text, most of them in long successor
//! runs (`của`, `và` are followed by thousands of words), where a binary search is a dozen
//! dependent loads. The bitmaps take V × ⌈V/384⌉ × 64 bytes (about 8.8 MB for 7,242 tokens)
//! and are built from the sorted arrays at load time in a few milliseconds, so the model file
//! is unchanged.

/// Bitmap words per [`Block`].
const WORDS: usize = 6;

/// Six 64-bit words of one row's bitmap and the rank at the start of each, in one cache line:
/// a look-up reads one line, not one in a bitmap array and another in a rank array.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(64))]
struct Block {
    bits: [u64; WORDS],
    rank: [u16; WORDS],
}

/// Where a word's bit is in every row of a [`Successors`].
#[derive(Debug, Clone, Copy)]
pub struct Probe {
    block: u16,
    word: u8,
    bit: u64,
}

/// One word's row of a [`Successors`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'a>(&'a [Block]);

/// Successor bitmaps with ranks, for a vocabulary of `v` tokens.
#[derive(Debug, Default)]
pub struct Successors {
    /// Vocabulary size.
    v: usize,
    /// Blocks per vocabulary row.
    stride: usize,
    /// Row a, bit i of word w: (a, 64·w + i) is a stored bigram; the rank of word w counts
    /// the stored successors of a below 64·w.
    blocks: Vec<Block>,
}

impl Successors {
    /// Indexes the bigram arrays: `start[a]..start[a + 1]` is the run of successors of `a` in
    /// `second`. `None` when the arrays are not `v + 1` non-decreasing offsets to strictly
    /// increasing runs of ids below `v`: a damaged model file.
    pub fn new(v: usize, start: &[u32], second: &[u16]) -> Option<Successors> {
        if start.len() != v + 1 || start.last().map(|&e| e as usize) != Some(second.len()) {
            return None;
        }
        let stride = v.div_ceil(64 * WORDS).max(1);
        let mut blocks = Vec::with_capacity(v * stride);
        super::lm::huge_pages(&blocks);
        blocks.resize(v * stride, Block::default());
        for a in 0..v {
            let (lo, hi) = (start[a] as usize, start[a + 1] as usize);
            let run = second.get(lo..hi)?;
            let row = &mut blocks[a * stride..(a + 1) * stride];
            let mut last = None;
            for &b in run {
                if b as usize >= v || last.is_some_and(|l| l >= b) {
                    return None;
                }
                last = Some(b);
                let w = b as usize / 64;
                row[w / WORDS].bits[w % WORDS] |= 1 << (b % 64);
            }
            let mut n = 0u32;
            for block in row.iter_mut() {
                for (bits, rank) in block.bits.iter().zip(&mut block.rank) {
                    *rank = n as u16;
                    n += bits.count_ones();
                }
            }
        }
        Some(Successors { v, stride, blocks })
    }

    /// Where `b`'s bit is in any row, found once for looking `b` up after many words
    /// ([`Successors::rank_in`]); `None` when `b` is outside the vocabulary.
    #[inline]
    pub fn probe(&self, b: u16) -> Option<Probe> {
        if b as usize >= self.v {
            return None;
        }
        let w = b as usize / 64;
        Some(Probe {
            block: (w / WORDS) as u16,
            word: (w % WORDS) as u8,
            bit: 1 << (b % 64),
        })
    }

    /// The bitmap row of `a`, found once for looking many words up after it; empty when `a`
    /// is outside the vocabulary.
    #[inline]
    pub fn row(&self, a: u16) -> Row<'_> {
        let a = a as usize;
        Row(self
            .blocks
            .get(a * self.stride..(a + 1) * self.stride)
            .unwrap_or(&[]))
    }

    /// [`Successors::rank`] of (a, b) from `a`'s [`Successors::row`] and `b`'s
    /// [`Successors::probe`].
    #[inline]
    pub fn rank_in(row: Row<'_>, probe: Option<Probe>) -> Option<usize> {
        let p = probe?;
        let block = row.0.get(p.block as usize)?;
        let word = block.bits[p.word as usize];
        if word & p.bit == 0 {
            return None;
        }
        Some(block.rank[p.word as usize] as usize + (word & (p.bit - 1)).count_ones() as usize)
    }

    /// Position of `b` in the successor run of `a`, if (a, b) is stored.
    #[inline]
    pub fn rank(&self, a: u16, b: u16) -> Option<usize> {
        if a as usize >= self.v || b as usize >= self.v {
            return None;
        }
        let w = b as usize / 64;
        let block = &self.blocks[a as usize * self.stride + w / WORDS];
        let word = block.bits[w % WORDS];
        let bit = 1u64 << (b % 64);
        if word & bit == 0 {
            return None;
        }
        Some(block.rank[w % WORDS] as usize + (word & (bit - 1)).count_ones() as usize)
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.blocks.len() * std::mem::size_of::<Block>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exactly_the_stored_pairs() {
        // Word 0 → {1, 63, 64, 130, 383, 384, 385, 999}; word 1 → {}; word 2 → {0, 2, 768}:
        // v = 1000 spans 16 bitmap words in three blocks.
        let v = 1000;
        let mut start = vec![0u32, 8, 8, 11];
        start.resize(v + 1, 11);
        let second = [1u16, 63, 64, 130, 383, 384, 385, 999, 0, 2, 768];
        let s = Successors::new(v, &start, &second).expect("valid runs");
        for a in 0..v as u16 {
            for b in 0..v as u16 {
                let lo = start[a as usize] as usize;
                let hi = start[a as usize + 1] as usize;
                let want = second[lo..hi].binary_search(&b).ok();
                assert_eq!(s.rank(a, b), want, "({a}, {b})");
                assert_eq!(
                    Successors::rank_in(s.row(a), s.probe(b)),
                    want,
                    "({a}, {b})"
                );
            }
        }
        assert_eq!(s.rank(0, 130), Some(3));
        assert_eq!(s.rank(0, 385), Some(6));
        assert_eq!(s.rank(0, 999), Some(7));
        assert_eq!(s.rank(2, 768), Some(2));
        // Words outside the vocabulary are in no pair.
        assert_eq!(Successors::rank_in(s.row(1000), s.probe(1)), None);
        assert_eq!(Successors::rank_in(s.row(0), s.probe(1000)), None);
    }

    #[test]
    fn rejects_damaged_arrays() {
        assert!(Successors::new(2, &[0, 2, 3], &[0, 1, 1]).is_some());
        assert!(
            Successors::new(2, &[0, 2, 3], &[1, 0, 1]).is_none(),
            "run not sorted"
        );
        assert!(
            Successors::new(2, &[0, 2, 3], &[1, 1, 1]).is_none(),
            "repeated successor"
        );
        assert!(
            Successors::new(2, &[0, 2, 3], &[0, 2, 1]).is_none(),
            "id outside the vocabulary"
        );
        assert!(
            Successors::new(2, &[0, 3, 2], &[0, 1, 1]).is_none(),
            "offsets decrease"
        );
        assert!(
            Successors::new(2, &[0, 2], &[0, 1]).is_none(),
            "offsets missing"
        );
        assert!(
            Successors::new(2, &[0, 2, 2], &[0, 1, 1]).is_none(),
            "items left over"
        );
    }
}
