//! Builds the language model and acronym table from raw corpora (`sohoa-build-dict`).
//!
//! Counts syllable unigrams, bigrams and trigrams over the training split of every corpus file
//! (documents are blank-line separated; ordinals `i % 100` 0 and 1 are held out), adds the
//! gazetteer's place names, smooths with interpolated absolute discounting over Kneser-Ney
//! continuation unigrams, prunes, quantises probabilities to 8-bit codebooks and writes the
//! format described in [`sohoa_core::restore::lm`].

pub mod bodies;
pub mod names;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use sohoa_core::restore::lm::{LmTables, BOS, EOS, NUM, SPECIALS, UNK};
use sohoa_core::restore::syllable::Syllable;
use sohoa_core::restore::token::{self, Kind};

/// Settings of a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Folder with the corpora (`../shared/corpora`).
    pub corpora: PathBuf,
    /// Corpus files (relative to `corpora`) to count.
    pub files: Vec<String>,
    /// Syllables seen fewer times become `<unk>`.
    pub min_syllable: u32,
    /// Bigrams seen fewer times are pruned.
    pub min_bigram: u32,
    /// Trigrams seen fewer times are pruned.
    pub min_trigram: u32,
    /// Times each gazetteer name is counted.
    pub place_weight: u32,
    /// Corpus files counted more than once (file name, times): weights a register, such as
    /// the laws' administrative one, in the counts. Files not named count once.
    pub file_weights: Vec<(String, u32)>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            corpora: PathBuf::from("../shared/corpora"),
            files: [
                "laws-vlc.txt",
                "news-dantri-unc.txt",
                "news-baomoi-2017.part00.txt.gz",
                "news-baomoi-2017.part01.txt.gz",
                "wiki-legal-2025.part00.txt.gz",
                "wiki-legal-2025.part01.txt.gz",
                "wiki-legal-2025.part02.txt.gz",
            ]
            .map(String::from)
            .to_vec(),
            min_syllable: 3,
            min_bigram: 2,
            min_trigram: 3,
            place_weight: 3,
            file_weights: Vec::new(),
        }
    }
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Reading a corpus or writing an output failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// More distinct tokens than 16-bit ids can hold.
    #[error("vocabulary of {0} tokens does not fit 16-bit ids")]
    VocabularyTooLarge(usize),
}

/// What a build counted and kept.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Tokens counted (including sentence ends).
    pub tokens: u64,
    /// Documents counted / held out.
    pub documents: (u64, u64),
    /// Vocabulary size, stored bigrams, stored trigrams.
    pub sizes: (usize, usize, usize),
    /// Bytes of the model file.
    pub bytes: usize,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
    move |source| BuildError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Removes Markdown markup (tables, emphasis, headings, links, citation marks, edit links)
/// that would otherwise become punctuation tokens the documents never contain.
pub fn strip_markdown(line: &str) -> String {
    let line = line.replace("[sửa | sửa mã nguồn]", " ");
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' | '*' | '#' | '_' | '`' | '>' => out.push(' '),
            '[' => {
                // Citation marks like [12] vanish; [text](url) keeps text.
                let rest: String = chars.clone().take_while(|&d| d != ']').collect();
                if !rest.is_empty() && rest.chars().all(|d| d.is_ascii_digit()) {
                    for _ in 0..=rest.chars().count() {
                        chars.next();
                    }
                } else {
                    out.push(' ');
                }
            }
            ']' => {
                if chars.peek() == Some(&'(') {
                    for d in chars.by_ref() {
                        if d == ')' {
                            break;
                        }
                    }
                }
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Counts n-grams over token-id sentences.
struct Counter {
    word_ids: HashMap<String, u32>,
    names: Vec<String>,
    name_ids: HashMap<String, u32>,
    uni: Vec<u64>,
    bi: HashMap<u64, u32>,
    tri: HashMap<u64, u32>,
    acronyms: HashMap<String, u32>,
    tokens: u64,
    sentence: Vec<u32>,
}

impl Counter {
    fn new() -> Self {
        let mut c = Counter {
            word_ids: HashMap::new(),
            names: Vec::new(),
            name_ids: HashMap::new(),
            uni: Vec::new(),
            bi: HashMap::new(),
            tri: HashMap::new(),
            acronyms: HashMap::new(),
            tokens: 0,
            sentence: Vec::new(),
        };
        for s in SPECIALS {
            c.name_id(s);
        }
        c
    }

    fn name_id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.name_ids.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.name_ids.insert(name.to_owned(), i);
        self.uni.push(0);
        i
    }

    fn word_id(&mut self, word: &str) -> u32 {
        if let Some(&i) = self.word_ids.get(word) {
            return i;
        }
        let i = match Syllable::parse(word) {
            Some(s) => self.name_id(&s.render()),
            None => u32::from(UNK),
        };
        self.word_ids.insert(word.to_owned(), i);
        i
    }

    fn line(&mut self, line: &str, times: u32) {
        self.sentence.clear();
        self.sentence.push(u32::from(BOS));
        for t in token::tokens(line) {
            let s = &line[t.span.clone()];
            let id = match t.kind {
                Kind::Number => u32::from(NUM),
                Kind::Punct => {
                    let c = s.chars().next().map_or(' ', token::punct_name);
                    let mut b = [0; 4];
                    self.name_id(c.encode_utf8(&mut b))
                }
                Kind::Word => {
                    let id = self.word_id(s);
                    if id == u32::from(UNK)
                        && s.chars().count() <= 8
                        && s.chars().all(|c| c.is_uppercase() || c == '&')
                    {
                        *self.acronyms.entry(s.to_owned()).or_insert(0) += times;
                    }
                    id
                }
            };
            self.sentence.push(id);
        }
        if self.sentence.len() == 1 {
            return;
        }
        self.sentence.push(u32::from(EOS));
        let n = &self.sentence;
        self.tokens += (n.len() - 1) as u64 * u64::from(times);
        for (i, &w) in n.iter().enumerate() {
            self.uni[w as usize] += u64::from(times);
            if i >= 1 {
                *self.bi.entry(key2(n[i - 1], w)).or_insert(0) += times;
            }
            if i >= 2 {
                *self.tri.entry(key3(n[i - 2], n[i - 1], w)).or_insert(0) += times;
            }
        }
    }
}

#[inline]
fn key2(a: u32, b: u32) -> u64 {
    (u64::from(a) << 21) | u64::from(b)
}

#[inline]
fn key3(a: u32, b: u32, c: u32) -> u64 {
    (u64::from(a) << 42) | (u64::from(b) << 21) | u64::from(c)
}

const MASK: u64 = (1 << 21) - 1;

fn open(path: &Path) -> Result<Box<dyn BufRead>, BuildError> {
    let f = std::fs::File::open(path).map_err(io_err(path))?;
    Ok(if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(f)))
    } else {
        Box::new(BufReader::new(f))
    })
}

/// Counts one corpus file's training documents; returns (documents counted, held out).
fn count_file(c: &mut Counter, path: &Path, times: u32) -> Result<(u64, u64), BuildError> {
    training_lines(path, |line| c.line(line, times))
}

/// Hands every line of the training documents of every corpus file of `opts` to `visit`,
/// reporting each file's documents on stderr under `table`'s name.
///
/// # Errors
/// [`BuildError::Io`] when a corpus cannot be read.
pub fn each_training_line(
    opts: &BuildOptions,
    table: &str,
    mut visit: impl FnMut(&str),
) -> Result<(), BuildError> {
    for f in &opts.files {
        let path = opts.corpora.join(f);
        let (kept, _) = training_lines(&path, &mut visit)?;
        eprintln!("build-dict: {table}: {f}: {kept} documents");
    }
    Ok(())
}

/// Hands every line of the training documents of one corpus file to `visit` (Markdown markup
/// of the wiki files stripped; documents with `i % 100` 0 or 1 skipped); returns (documents
/// visited, held out).
pub fn training_lines(path: &Path, mut visit: impl FnMut(&str)) -> Result<(u64, u64), BuildError> {
    let markdown = path.to_string_lossy().contains("wiki");
    let mut doc = 0u64;
    let mut in_doc = false;
    let (mut kept, mut held) = (0, 0);
    for line in open(path)?.lines() {
        let line = line.map_err(io_err(path))?;
        if line.trim().is_empty() {
            if in_doc {
                doc += 1;
                in_doc = false;
            }
            continue;
        }
        if !in_doc {
            in_doc = true;
            if doc % 100 <= 1 {
                held += 1;
            } else {
                kept += 1;
            }
        }
        if doc % 100 <= 1 {
            continue;
        }
        if markdown {
            visit(&strip_markdown(&line));
        } else {
            visit(&line);
        }
    }
    Ok((kept, held))
}

/// Counts the place names of the gazetteer (every column, with and without their
/// `Xã`/`Huyện`/`Tỉnh` prefix) so names such as Ta Ma and Tuần Giáo are known sequences.
fn count_places(c: &mut Counter, path: &Path, times: u32) -> Result<usize, BuildError> {
    let mut names: Vec<String> = Vec::new();
    for line in open(path)?.lines().skip(1) {
        let line = line.map_err(io_err(path))?;
        for field in line.split('\t') {
            let field = field.trim();
            if field.is_empty() {
                continue;
            }
            names.push(field.to_owned());
            for prefix in sohoa_core::restore::places::ADMIN_PREFIXES {
                if let Some(rest) = field.strip_prefix(prefix) {
                    names.push(rest.to_owned());
                }
            }
        }
    }
    names.sort();
    names.dedup();
    for n in &names {
        c.line(n, times);
    }
    Ok(names.len())
}

/// Writes `places.txt`, the gazetteer's place names (see [`sohoa_core::restore::places`]), into `out`.
///
/// # Errors
/// [`BuildError::Io`] when the gazetteer cannot be read or the table written.
pub fn write_places(gazetteer: &Path, out: &Path) -> Result<usize, BuildError> {
    let tsv = std::fs::read_to_string(gazetteer).map_err(io_err(gazetteer))?;
    let names = sohoa_core::restore::places::names_from_gazetteer(&tsv);
    let path = out.join("places.txt");
    let mut text = String::from(
        "# Place names of vn-admin-units-2025.tsv (underthesea 9.5.0, Apache-2.0), without their\n\
         # administrative prefix, split at \" - \", 2-4 syllables. Generated by sohoa-build-dict.\n",
    );
    for n in &names {
        text.push_str(n);
        text.push('\n');
    }
    std::fs::create_dir_all(out).map_err(io_err(out))?;
    std::fs::write(&path, text).map_err(io_err(&path))?;
    Ok(names.len())
}

/// Equal-frequency 256-level codebook for `values`, and the code of each value.
fn quantise(values: &[f32]) -> ([f32; 256], Vec<u8>) {
    let mut sorted: Vec<f32> = values.to_vec();
    sorted.sort_by(f32::total_cmp);
    let mut book = [0f32; 256];
    if sorted.is_empty() {
        return (book, Vec::new());
    }
    let n = sorted.len();
    for (k, b) in book.iter_mut().enumerate() {
        let lo = k * n / 256;
        let hi = ((k + 1) * n / 256).max(lo + 1).min(n);
        let lo = lo.min(hi - 1);
        let s = &sorted[lo..hi];
        *b = s.iter().sum::<f32>() / s.len() as f32;
    }
    book.sort_by(f32::total_cmp);
    let codes = values
        .iter()
        .map(|&v| {
            let i = book.partition_point(|&b| b < v);
            if i == 0 {
                0
            } else if i >= 256 {
                255
            } else if (v - book[i - 1]) <= (book[i] - v) {
                (i - 1) as u8
            } else {
                i as u8
            }
        })
        .collect();
    (book, codes)
}

/// Absolute discount D = n1 / (n1 + 2 n2) from the counts of counts.
fn discount(counts: impl Iterator<Item = u32>) -> f64 {
    let (mut n1, mut n2) = (0f64, 0f64);
    for c in counts {
        match c {
            1 => n1 += 1.0,
            2 => n2 += 1.0,
            _ => {}
        }
    }
    if n1 + n2 == 0.0 {
        0.5
    } else {
        (n1 / (n1 + 2.0 * n2)).clamp(0.1, 0.95)
    }
}

/// Runs a build and writes `lm.bin`, `acronyms.tsv` and `places.txt` into `out`.
///
/// The steps, in order: count the corpora and the gazetteer (`count_all`), fix the
/// vocabulary and renumber the counts by it (`Vocabulary::fix`), smooth and prune into the
/// model file's tables (`smooth`), write them ([`LmTables::to_bytes`]) and the acronyms.
///
/// # Errors
/// [`BuildError`] when a corpus cannot be read or an output cannot be written.
pub fn build(opts: &BuildOptions, out: &Path) -> Result<BuildReport, BuildError> {
    let mut report = BuildReport::default();
    let c = count_all(opts, out, &mut report)?;
    let counts = Vocabulary::fix(c, opts.min_syllable)?;
    let tables = smooth(&counts, opts);
    report.sizes = (tables.vocab.len(), tables.bi_w.len(), tables.tri_w.len());
    let bytes = tables.to_bytes();
    report.bytes = bytes.len();
    std::fs::create_dir_all(out).map_err(io_err(out))?;
    let lm_path = out.join("lm.bin");
    std::fs::write(&lm_path, &bytes).map_err(io_err(&lm_path))?;
    write_acronyms(&counts.acronyms, &out.join("acronyms.tsv"))?;
    Ok(report)
}

/// Step 1: counts every corpus file's training split and the gazetteer's place names, and
/// writes `places.txt` (the gazetteer's names table) into `out`.
fn count_all(
    opts: &BuildOptions,
    out: &Path,
    report: &mut BuildReport,
) -> Result<Counter, BuildError> {
    let mut c = Counter::new();
    for f in &opts.files {
        let path = opts.corpora.join(f);
        let times = opts
            .file_weights
            .iter()
            .find(|(name, _)| name == f)
            .map_or(1, |&(_, t)| t);
        let (kept, held) = count_file(&mut c, &path, times)?;
        report.documents.0 += kept;
        report.documents.1 += held;
        eprintln!(
            "build-dict: {f}: {kept} documents counted {times}×, {held} held out, {} tokens so far",
            c.tokens
        );
    }
    let gaz = opts.corpora.join("gazetteer/vn-admin-units-2025.tsv");
    let places = count_places(&mut c, &gaz, opts.place_weight)?;
    eprintln!("build-dict: {places} place names counted");
    let table = write_places(&gaz, out)?;
    eprintln!("build-dict: {table} place names written to places.txt");
    report.tokens = c.tokens;
    Ok(c)
}

/// The counts renumbered by the final vocabulary.
struct Vocabulary {
    /// Tokens by final id.
    vocab: Vec<String>,
    /// Unigram counts by final id.
    uni: Vec<u64>,
    /// Bigram counts keyed by [`key2`] of final ids.
    bi: HashMap<u64, u32>,
    /// Trigram counts keyed by [`key3`] of final ids.
    tri: HashMap<u64, u32>,
    /// Upper-case non-syllable tokens and their counts.
    acronyms: HashMap<String, u32>,
}

impl Vocabulary {
    /// Step 2: the final vocabulary is the specials, punctuation and the syllables seen at
    /// least `min_syllable` times, sorted; rarer syllables become `<unk>`, and every n-gram
    /// count is renumbered (merging the n-grams that now share an `<unk>`).
    fn fix(mut c: Counter, min_syllable: u32) -> Result<Vocabulary, BuildError> {
        let mut order: Vec<u32> = (SPECIALS.len() as u32..c.names.len() as u32)
            .filter(|&i| {
                let name = &c.names[i as usize];
                let is_punct = Syllable::parse(name).is_none();
                is_punct || c.uni[i as usize] >= u64::from(min_syllable)
            })
            .collect();
        order.sort_by(|&a, &b| c.names[a as usize].cmp(&c.names[b as usize]));
        let mut remap = vec![u32::from(UNK); c.names.len()];
        for (i, r) in remap.iter_mut().enumerate().take(SPECIALS.len()) {
            *r = i as u32;
        }
        for (new, &old) in order.iter().enumerate() {
            remap[old as usize] = (new + SPECIALS.len()) as u32;
        }
        let v = SPECIALS.len() + order.len();
        if v > usize::from(u16::MAX) {
            return Err(BuildError::VocabularyTooLarge(v));
        }
        let mut vocab: Vec<String> = SPECIALS.iter().map(|s| s.to_string()).collect();
        vocab.extend(order.iter().map(|&o| c.names[o as usize].clone()));
        let mut uni = vec![0u64; v];
        for (old, &n) in c.uni.iter().enumerate() {
            uni[remap[old] as usize] += n;
        }
        let mut bi: HashMap<u64, u32> = HashMap::with_capacity(c.bi.len());
        for (&k, &n) in &c.bi {
            let a = remap[(k >> 21) as usize];
            let b = remap[(k & MASK) as usize];
            *bi.entry(key2(a, b)).or_insert(0) += n;
        }
        drop(std::mem::take(&mut c.bi));
        let mut tri: HashMap<u64, u32> = HashMap::with_capacity(c.tri.len());
        for (&k, &n) in &c.tri {
            let a = remap[(k >> 42) as usize];
            let b = remap[((k >> 21) & MASK) as usize];
            let d = remap[(k & MASK) as usize];
            *tri.entry(key3(a, b, d)).or_insert(0) += n;
        }
        drop(std::mem::take(&mut c.tri));
        eprintln!(
            "build-dict: vocabulary {v}, {} bigram and {} trigram types",
            bi.len(),
            tri.len()
        );
        Ok(Vocabulary {
            vocab,
            uni,
            bi,
            tri,
            acronyms: c.acronyms,
        })
    }
}

/// Step 3: interpolated absolute discounting over Kneser-Ney continuation unigrams (Chen and
/// Goodman's recipe), in back-off form: unigram probabilities and back-off weights, the kept
/// bigrams' and trigrams' probabilities (pruned by `opts`' minimum counts), quantised to 8-bit
/// codebooks and laid out as the model file's tables.
fn smooth(counts: &Vocabulary, opts: &BuildOptions) -> LmTables {
    let Vocabulary {
        vocab,
        uni,
        bi,
        tri,
        ..
    } = counts;
    let v = vocab.len();
    // Kneser-Ney continuation unigrams.
    let mut cont = vec![0u32; v];
    let mut ctx1 = vec![(0u64, 0u32); v]; // c(a•), N1+(a•)
    for (&k, &n) in bi {
        cont[(k & MASK) as usize] += 1;
        let a = &mut ctx1[(k >> 21) as usize];
        a.0 += u64::from(n);
        a.1 += 1;
    }
    let cont_total: f64 = cont.iter().map(|&x| f64::from(x)).sum();
    // +0.1 add-k on continuation counts: a word that never follows another still gets mass.
    let p1: Vec<f64> = cont
        .iter()
        .map(|&x| (f64::from(x) + 0.1) / (cont_total + 0.1 * v as f64))
        .collect();
    let d2 = discount(bi.values().copied());
    let d3 = discount(tri.values().copied());
    let gamma1: Vec<f64> = ctx1
        .iter()
        .map(|&(n, t)| {
            if n == 0 {
                1.0
            } else {
                d2 * f64::from(t) / n as f64
            }
        })
        .collect();
    let p2 = |a: u32, b: u32| -> f64 {
        let (n, _) = ctx1[a as usize];
        let nab = bi.get(&key2(a, b)).copied().unwrap_or(0);
        let disc = if n == 0 {
            0.0
        } else {
            (f64::from(nab) - d2).max(0.0) / n as f64
        };
        disc + gamma1[a as usize] * p1[b as usize]
    };
    let mut ctx2: HashMap<u64, (u64, u32)> = HashMap::new();
    for (&k, &n) in tri {
        let e = ctx2.entry(k >> 21).or_insert((0, 0));
        e.0 += u64::from(n);
        e.1 += 1;
    }

    // Kept bigrams, sorted, with their probabilities and back-off weights.
    let mut bkeys: Vec<u64> = bi
        .iter()
        .filter(|(_, &n)| n >= opts.min_bigram)
        .map(|(&k, _)| k)
        .collect();
    bkeys.sort_unstable();
    let mut tkeys: Vec<u64> = tri
        .iter()
        .filter(|(_, &n)| n >= opts.min_trigram)
        .map(|(&k, _)| k)
        .collect();
    tkeys.sort_unstable();
    let bi_p: Vec<f32> = bkeys
        .iter()
        .map(|&k| p2((k >> 21) as u32, (k & MASK) as u32).log10() as f32)
        .collect();
    let bi_g: Vec<f32> = bkeys
        .iter()
        .map(|&k| match ctx2.get(&k) {
            Some(&(n, t)) => (d3 * f64::from(t) / n as f64).log10() as f32,
            None => 0.0,
        })
        .collect();
    let tri_p: Vec<f32> = tkeys
        .iter()
        .map(|&k| {
            let ab = k >> 21;
            let b = (ab & MASK) as u32;
            let d = (k & MASK) as u32;
            let (n, t) = ctx2[&ab];
            let nabc = f64::from(tri[&k]);
            let p = (nabc - d3).max(0.0) / n as f64 + d3 * f64::from(t) / n as f64 * p2(b, d);
            p.log10() as f32
        })
        .collect();
    let (book_p2, code_p2) = quantise(&bi_p);
    let (book_g2, code_g2) = quantise(&bi_g);
    let (book_p3, code_p3) = quantise(&tri_p);
    LmTables {
        vocab: vocab.clone(),
        uni_p: p1.iter().map(|p| p.log10() as f32).collect(),
        uni_b: gamma1.iter().map(|g| g.log10() as f32).collect(),
        counts: uni
            .iter()
            .map(|&n| n.min(u64::from(u32::MAX)) as u32)
            .collect(),
        bi_start: run_starts(v, bkeys.iter().map(|&k| (k >> 21) as usize)),
        codes: [book_p2, book_g2, book_p3],
        bi_w: bkeys.iter().map(|&k| (k & MASK) as u16).collect(),
        bi_p: code_p2,
        bi_b: code_g2,
        tri_start: trigram_runs(&bkeys, &tkeys),
        tri_w: tkeys.iter().map(|&k| (k & MASK) as u16).collect(),
        tri_p: code_p3,
    }
}

/// Offsets of each first word's run in a list sorted by first word: `v + 1` entries.
fn run_starts(v: usize, firsts: impl Iterator<Item = usize>) -> Vec<u32> {
    let mut start = vec![0u32; v + 1];
    for a in firsts {
        start[a + 1] += 1;
    }
    for i in 0..v {
        start[i + 1] += start[i];
    }
    start
}

/// Offsets of each stored bigram's run of trigrams: `tkeys` are sorted by (a, b), like
/// `bkeys`, and a trigram's context bigram is always kept (c(abc) ≤ c(ab)).
fn trigram_runs(bkeys: &[u64], tkeys: &[u64]) -> Vec<u32> {
    let mut tri_start = vec![0u32; bkeys.len() + 1];
    let mut t = 0usize;
    for (j, &bk) in bkeys.iter().enumerate() {
        while t < tkeys.len() && (tkeys[t] >> 21) < bk {
            t += 1; // trigram whose context bigram was pruned: cannot happen (c(abc) ≤ c(ab))
        }
        tri_start[j] = t as u32;
        while t < tkeys.len() && (tkeys[t] >> 21) == bk {
            t += 1;
        }
    }
    tri_start[bkeys.len()] = t as u32;
    tri_start
}

/// Step 4: `acronyms.tsv`, the upper-case non-syllable tokens seen at least 5 times (fewer is
/// mostly OCR debris and typos), most frequent first.
fn write_acronyms(acronyms: &HashMap<String, u32>, path: &Path) -> Result<(), BuildError> {
    let mut acr: Vec<(&String, &u32)> = acronyms.iter().filter(|(_, &n)| n >= 5).collect();
    acr.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut f = std::fs::File::create(path).map_err(io_err(path))?;
    writeln!(
        f,
        "# Upper-case tokens that are not Vietnamese syllables, with their corpus counts\n\
         # (training split only, count >= 5). Generated by sohoa-build-dict; do not edit."
    )
    .map_err(io_err(path))?;
    for (w, n) in acr {
        writeln!(f, "{w}\t{n}").map_err(io_err(path))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_stripped() {
        assert_eq!(
            strip_markdown("| **Việt Cách** | là[5][6] [Hà Nội](http://x) |")
                .split_whitespace()
                .collect::<Vec<_>>(),
            vec!["Việt", "Cách", "là", "Hà", "Nội"]
        );
    }

    #[test]
    fn quantiser_keeps_order_and_range() {
        let v: Vec<f32> = (0..1000).map(|i| -(i as f32) / 100.0).collect();
        let (book, codes) = quantise(&v);
        for (x, &c) in v.iter().zip(&codes) {
            assert!((book[c as usize] - x).abs() < 0.05, "{x}");
        }
    }
}
