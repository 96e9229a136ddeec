//! The language-model file format, in one place: [`LmTables::to_bytes`] writes it (the
//! dictionary builder, `sohoa-dict`) and [`LmTables::parse`] reads it (the runtime), so the two
//! cannot drift apart; a round-trip test holds them together.
//!
//! Layout (little endian):
//! ```text
//! "SOHOALM\x01"  u32 V  u32 NB  u32 NT
//! u32 len, vocabulary joined by '\n' (ids 0..V: <s> </s> <unk> <num>, punctuation, syllables)
//! V×f32 log10 p(w)   V×f32 log10 backoff(w)   V×u32 count(w)   (V+1)×u32 first bigram of w
//! 3×256 f32 codebooks: bigram log10 p, bigram log10 backoff, trigram log10 p
//! NB×u16 second word   NB×u8 p code   NB×u8 backoff code   (NB+1)×u32 first trigram
//! NT×u16 third word    NT×u8 p code
//! ```
//! Bigrams are sorted by (w1, w2) and trigrams by (w1, w2, w3), so a trigram lookup finds its
//! context once and then searches a short run of third words (a trie, as in KenLM).

use super::ModelError;

/// First bytes of a model file.
pub const MAGIC: &[u8; 8] = b"SOHOALM\x01";

/// The arrays of a model file, as stored (before the runtime regroups them for look-ups).
#[derive(Debug, Clone, PartialEq)]
pub struct LmTables {
    /// Tokens by id: the specials, punctuation, syllables.
    pub vocab: Vec<String>,
    /// log10 p(w) of each id (Kneser-Ney continuation unigram).
    pub uni_p: Vec<f32>,
    /// log10 back-off weight of each id as a bigram context.
    pub uni_b: Vec<f32>,
    /// Corpus count of each id (before pruning).
    pub counts: Vec<u32>,
    /// `bi_start[w]..bi_start[w + 1]` are the bigrams whose first word is `w` (V + 1 entries).
    pub bi_start: Vec<u32>,
    /// Codebooks: bigram log10 p, bigram log10 back-off, trigram log10 p.
    pub codes: [[f32; 256]; 3],
    /// Second word of each bigram.
    pub bi_w: Vec<u16>,
    /// Bigram log10 p codes.
    pub bi_p: Vec<u8>,
    /// Bigram back-off codes.
    pub bi_b: Vec<u8>,
    /// `tri_start[j]..tri_start[j + 1]` are the trigrams of context bigram `j` (NB + 1 entries).
    pub tri_start: Vec<u32>,
    /// Third word of each trigram.
    pub tri_w: Vec<u16>,
    /// Trigram log10 p codes.
    pub tri_p: Vec<u8>,
}

impl LmTables {
    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes: Vec<u8> = Vec::new();
        bytes.extend_from_slice(MAGIC);
        for n in [self.vocab.len(), self.bi_w.len(), self.tri_w.len()] {
            bytes.extend_from_slice(&(n as u32).to_le_bytes());
        }
        let joined = self.vocab.join("\n");
        bytes.extend_from_slice(&(joined.len() as u32).to_le_bytes());
        bytes.extend_from_slice(joined.as_bytes());
        let f32s = |b: &mut Vec<u8>, xs: &[f32]| xs.iter().for_each(|x| b.extend(x.to_le_bytes()));
        let u32s = |b: &mut Vec<u8>, xs: &[u32]| xs.iter().for_each(|x| b.extend(x.to_le_bytes()));
        let u16s = |b: &mut Vec<u8>, xs: &[u16]| xs.iter().for_each(|x| b.extend(x.to_le_bytes()));
        f32s(&mut bytes, &self.uni_p);
        f32s(&mut bytes, &self.uni_b);
        u32s(&mut bytes, &self.counts);
        u32s(&mut bytes, &self.bi_start);
        for book in &self.codes {
            f32s(&mut bytes, book);
        }
        u16s(&mut bytes, &self.bi_w);
        bytes.extend_from_slice(&self.bi_p);
        bytes.extend_from_slice(&self.bi_b);
        u32s(&mut bytes, &self.tri_start);
        u16s(&mut bytes, &self.tri_w);
        bytes.extend_from_slice(&self.tri_p);
        bytes
    }

    /// Reads the arrays of a model file. Only the framing is checked here (magic, lengths,
    /// UTF-8 vocabulary); the runtime checks offsets as it indexes them.
    ///
    /// # Errors
    /// [`ModelError`] when the bytes are not a complete model file.
    pub fn parse(bytes: &[u8]) -> Result<LmTables, ModelError> {
        let mut r = Reader { b: bytes };
        if r.take(8)? != &MAGIC[..] {
            return Err(ModelError::BadMagic);
        }
        let v = r.u32()? as usize;
        let nb = r.u32()? as usize;
        let nt = r.u32()? as usize;
        let len = r.u32()? as usize;
        let text = std::str::from_utf8(r.take(len)?).map_err(|_| ModelError::BadVocabulary)?;
        let vocab: Vec<String> = text.split('\n').map(str::to_owned).collect();
        if vocab.len() != v {
            return Err(ModelError::BadVocabulary);
        }
        let uni_p = r.f32s(v)?;
        let uni_b = r.f32s(v)?;
        let counts = r.u32s(v)?;
        let bi_start = r.u32s(v + 1)?;
        let mut codes = [[0f32; 256]; 3];
        for c in &mut codes {
            c.copy_from_slice(&r.f32s(256)?);
        }
        Ok(LmTables {
            vocab,
            uni_p,
            uni_b,
            counts,
            bi_start,
            codes,
            bi_w: r.u16s(nb)?,
            bi_p: r.take(nb)?.to_vec(),
            bi_b: r.take(nb)?.to_vec(),
            tri_start: r.u32s(nb + 1)?,
            tri_w: r.u16s(nt)?,
            tri_p: r.take(nt)?.to_vec(),
        })
    }
}

/// Reads little-endian arrays from a byte slice.
struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.b.len() < n {
            return Err(ModelError::Truncated);
        }
        let (h, t) = self.b.split_at(n);
        self.b = t;
        Ok(h)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn u32s(&mut self, n: usize) -> Result<Vec<u32>, ModelError> {
        let len = n.checked_mul(4).ok_or(ModelError::Truncated)?;
        Ok(self
            .take(len)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect())
    }
    fn f32s(&mut self, n: usize) -> Result<Vec<f32>, ModelError> {
        let len = n.checked_mul(4).ok_or(ModelError::Truncated)?;
        Ok(self
            .take(len)?
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect())
    }
    fn u16s(&mut self, n: usize) -> Result<Vec<u16>, ModelError> {
        let len = n.checked_mul(2).ok_or(ModelError::Truncated)?;
        Ok(self
            .take(len)?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes(c.try_into().expect("2 bytes")))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> LmTables {
        let mut codes = [[0f32; 256]; 3];
        codes[0][1] = -1.5;
        codes[1][2] = -0.25;
        codes[2][3] = -2.0;
        LmTables {
            vocab: ["<s>", "</s>", "<unk>", "<num>", "kế", "hoạch"]
                .map(String::from)
                .to_vec(),
            uni_p: vec![-1.0, -1.1, -5.0, -2.0, -3.0, -3.5],
            uni_b: vec![-0.1, 0.0, 0.0, -0.2, -0.3, -0.4],
            counts: vec![10, 10, 0, 4, 7, 7],
            bi_start: vec![0, 1, 1, 1, 1, 2, 2],
            codes,
            bi_w: vec![4, 5],
            bi_p: vec![1, 1],
            bi_b: vec![2, 2],
            tri_start: vec![0, 1, 1],
            tri_w: vec![5],
            tri_p: vec![3],
        }
    }

    #[test]
    fn written_tables_read_back_equal() {
        let t = small();
        assert_eq!(LmTables::parse(&t.to_bytes()).unwrap(), t);
    }

    #[test]
    fn the_committed_model_reads_and_writes_back_to_the_same_bytes() {
        let bytes = include_bytes!("../../../../../dictionaries/lm.bin");
        assert_eq!(LmTables::parse(bytes).unwrap().to_bytes(), bytes);
    }

    #[test]
    fn every_prefix_of_a_model_is_refused_without_panicking() {
        let bytes = small().to_bytes();
        for n in 0..bytes.len() {
            assert!(LmTables::parse(&bytes[..n]).is_err(), "prefix of {n} bytes");
        }
        let mut bad = bytes.clone();
        bad[0] = b'X';
        assert!(matches!(LmTables::parse(&bad), Err(ModelError::BadMagic)));
    }
}
