//! `sohoa-learn`: the tools that make restoration's learned data and evaluation sets —
//! select a corpus split, strip marks, and learn OCR-confusion costs from aligned pairs.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use rayon::prelude::*;

use sohoa_learn::estimate::{learn, TextPair};
use sohoa_learn::export::{decoder_table_of, merge_min};
use sohoa_learn::slips::slip_table;
use sohoa_learn::split::{documents, Split};
use sohoa_learn::stats::{self, ChannelStats};

/// Makes the learned tables and evaluation sets of sohoa's restorer.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the documents of one split of a corpus file (blank-line separated), in order.
    Split {
        /// eval (i % 100 == 0), confusion (i % 100 == 1) or model (the rest).
        #[arg(long)]
        split: Split,
        /// Keep only every K-th document of the split (spreads a small sample over the file).
        #[arg(long, default_value_t = 1)]
        every: usize,
        /// Skip documents shorter than this many characters (headings, list numbers).
        #[arg(long, default_value_t = 0)]
        min_chars: usize,
        /// Stop after this many bytes of output.
        #[arg(long)]
        max_bytes: Option<usize>,
        /// Corpus file; `-` or nothing reads stdin (pipe `zcat` for .gz files).
        file: Option<PathBuf>,
    },
    /// Learn OCR-confusion costs from rendered texts and their OCR: every DIR/NAME.src.txt
    /// (the text rendered) with DIR/NAME.ocr.txt (what OCR read), writes the TSV table.
    Confusions {
        /// Directories of pairs (one per OCR setting, e.g. eng and degraded vie).
        #[arg(long = "pairs", required = true)]
        pairs: Vec<PathBuf>,
        /// Output table.
        #[arg(long, default_value = "dictionaries/confusions.tsv")]
        out: PathBuf,
        /// Rounds of align-then-count (round 0 uses fixed costs).
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// Leave out edits seen fewer times than this.
        #[arg(long, default_value_t = 3)]
        min_count: u64,
        /// Keep only edits of one letter (a letter read for another, lost or added): the
        /// letter edits of a channel whose other confusions another table holds.
        #[arg(long)]
        letters_only: bool,
    },
    /// Learn the mark slips of a Vietnamese OCR (`ế` read for `ể`) from pairs made like those
    /// of `confusions` (e.g. the degraded `-l vie` pages); writes a table in the same format.
    Slips {
        /// Directories of pairs, counted together.
        #[arg(long = "pairs", required = true)]
        pairs: Vec<PathBuf>,
        /// Output table.
        #[arg(long, default_value = "dictionaries/slips-vie.tsv")]
        out: PathBuf,
        /// Rounds of align-then-count (round 0 uses fixed costs).
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// Leave out slips seen fewer times than this.
        #[arg(long, default_value_t = 3)]
        min_count: u64,
    },
    /// Statistics of OCR channels side by side (Markdown): raw CER, skeleton WER, digits and
    /// symbols for letters, split and glued syllables per 1,000, and what becomes of the most
    /// frequent words. Each set is a directory of NAME.src.txt/NAME.ocr.txt pairs or of an
    /// evaluation set's NAME.gold.txt/NAME.input.txt.
    ChannelStats {
        /// A set as `LABEL=DIR` (or `DIR`, labelled by its name); repeat for more columns.
        #[arg(long = "pairs", required = true)]
        pairs: Vec<String>,
        /// Words whose fates are listed (comma-separated); by default the most frequent marked
        /// words of the first set's gold.
        #[arg(long, value_delimiter = ',')]
        words: Vec<String>,
        /// How many frequent words to list when --words is not given.
        #[arg(long, default_value_t = 15)]
        top: usize,
    },
    /// Remove every Vietnamese mark (tones, vowel marks, đ→d) from a text.
    Strip {
        /// Text file; `-` or nothing reads stdin.
        file: Option<PathBuf>,
    },
}

fn read_input(file: Option<PathBuf>) -> std::io::Result<String> {
    match file {
        Some(p) if p.as_os_str() != "-" => std::fs::read_to_string(p),
        _ => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            Ok(s)
        }
    }
}

/// Every `NAME.src.txt` in `dir` with its `NAME.ocr.txt`, sorted by name.
fn read_pairs(dir: &std::path::Path) -> std::io::Result<Vec<TextPair>> {
    read_named_pairs(dir, ".src.txt", ".ocr.txt")
}

/// Every `NAME{intended}` in `dir` with its `NAME{observed}`, sorted by name; a name without
/// its observed file (rendered but not OCR'd yet) is skipped.
fn read_named_pairs(
    dir: &std::path::Path,
    intended: &str,
    observed: &str,
) -> std::io::Result<Vec<TextPair>> {
    let read = |p: PathBuf| {
        std::fs::read_to_string(&p)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", p.display())))
    };
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(intended))
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    let mut pairs = Vec::with_capacity(names.len());
    for n in names {
        let ocr = dir.join(format!("{n}{observed}"));
        if !ocr.exists() {
            continue;
        }
        pairs.push(TextPair {
            intended: read(dir.join(format!("{n}{intended}")))?,
            observed: read(ocr)?,
        });
    }
    Ok(pairs)
}

/// The pairs of a `channel-stats` set: learning pairs, or an evaluation set's gold and input.
fn read_stats_set(dir: &std::path::Path) -> std::io::Result<Vec<TextPair>> {
    let pairs = read_pairs(dir)?;
    if !pairs.is_empty() {
        return Ok(pairs);
    }
    let pairs = read_named_pairs(dir, ".gold.txt", ".input.txt")?;
    if pairs.is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!(
                "{}: no NAME.src.txt/NAME.ocr.txt or NAME.gold.txt/NAME.input.txt pairs",
                dir.display()
            ),
        ));
    }
    Ok(pairs)
}

fn run(cli: Cli) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match cli.command {
        Command::Split {
            split,
            every,
            min_chars,
            max_bytes,
            file,
        } => {
            let text = read_input(file)?;
            let mut written = 0;
            let picked = documents(&text)
                .filter(|(i, _)| Split::of(*i) == split)
                .enumerate()
                .filter(|(k, _)| k % every.max(1) == 0)
                .map(|(_, d)| d.1)
                .filter(|d| d.chars().count() >= min_chars);
            for doc in picked {
                if max_bytes.is_some_and(|m| written + doc.len() > m) {
                    break;
                }
                writeln!(out, "{doc}\n")?;
                written += doc.len() + 2;
            }
        }
        Command::Confusions {
            pairs,
            out: path,
            rounds,
            min_count,
            letters_only,
        } => {
            let mut tables = Vec::new();
            let mut sources = Vec::new();
            for dir in &pairs {
                let found = read_pairs(dir)?;
                let (_, counts, stats) = learn(&found, rounds, min_count);
                sources.push(format!(
                    "{}: {} pairs, {} word pairs aligned, {} intended words unpaired, \
                     {} of {} character edits not identities",
                    dir.display(),
                    found.len(),
                    stats.words,
                    stats.unpaired,
                    stats.errors,
                    stats.edits
                ));
                tables.push(decoder_table_of(&counts, min_count, letters_only));
            }
            let table = merge_min(&tables);
            let header = format!(
                "OCR confusions: observed<TAB>intended<TAB>cost, NFC lowercase, cost = -log10 P(observed | intended).\n\
                 Only confusions that are not mark slips on the same letters (the decoder prices those);\n\
                 intended tones folded (6 -> ô covers ố ồ ổ ỗ ộ). Several channels merged by the lowest cost.\n\
                 An intended side in capitals is a confusion of the capital starting a word (p -> Đ).\n\
                 Made by: sohoa-learn confusions {} --out {} --rounds {rounds} --min-count {min_count}{}\n\
                 from pairs made by scripts/make-confusion-pairs.sh (see dictionaries/README.md) out of the\n\
                 confusion split (document i % 100 == 1) of ../shared/corpora only; never eval text or seeds.\n\
                 {}",
                pairs
                    .iter()
                    .map(|p| format!("--pairs {}", p.display()))
                    .collect::<Vec<_>>()
                    .join(" "),
                path.display(),
                if letters_only { " --letters-only" } else { "" },
                sources.join("\n")
            );
            std::fs::write(&path, table.to_tsv(&header))?;
            eprintln!("sohoa-learn: {} entries -> {}", table.len(), path.display());
        }
        Command::Slips {
            pairs,
            out: path,
            rounds,
            min_count,
        } => {
            let mut found = Vec::new();
            for dir in &pairs {
                found.extend(read_pairs(dir)?);
            }
            let (_, counts, stats) = learn(&found, rounds, min_count);
            let table = slip_table(&counts, min_count);
            let header = format!(
                "Mark slips of a Vietnamese OCR: observed<TAB>intended<TAB>cost, NFC lowercase, single letters,\n\
                 tones kept, cost = -log10 P(observed | intended): a slip seen --min-count times from its own count,\n\
                 any other from its tone part times its mark part, each pooled over all letters (+0.5 smoothing).\n\
                 Used for marked text that shows OCR noise.\n\
                 Made by: sohoa-learn slips {} --rounds {rounds} --min-count {min_count}\n\
                 from pairs made by scripts/make-confusion-pairs.sh out of the confusion split (document\n\
                 i % 100 == 1) of ../shared/corpora only; never eval text or seeds.\n\
                 {} pairs, {} word pairs aligned, {} of {} character edits not identities",
                pairs
                    .iter()
                    .map(|p| format!("--pairs {}", p.display()))
                    .collect::<Vec<_>>()
                    .join(" "),
                found.len(),
                stats.words,
                stats.errors,
                stats.edits
            );
            std::fs::write(&path, table.to_tsv(&header))?;
            eprintln!("sohoa-learn: {} slips -> {}", table.len(), path.display());
        }
        Command::ChannelStats { pairs, words, top } => {
            let mut sets = Vec::new();
            for spec in &pairs {
                let (label, dir) = match spec.split_once('=') {
                    Some((l, d)) => (l.to_owned(), PathBuf::from(d)),
                    None => {
                        let d = PathBuf::from(spec);
                        let l = d
                            .file_name()
                            .map_or(spec.clone(), |n| n.to_string_lossy().into());
                        (l, d)
                    }
                };
                let found = read_stats_set(&dir)?;
                let stats = found.par_iter().map(|p| {
                    let mut s = ChannelStats::default();
                    s.add(&p.intended, &p.observed);
                    s
                });
                let stats = stats.reduce(ChannelStats::default, ChannelStats::merge);
                sets.push((label, stats));
            }
            let words = if words.is_empty() {
                sets[0].1.frequent_words(top)
            } else {
                words
            };
            writeln!(out, "{}", stats::report::summary(&sets))?;
            write!(out, "{}", stats::report::frequent(&sets, &words))?;
        }
        Command::Strip { file } => {
            let text = read_input(file)?;
            write!(out, "{}", sohoa_eval::strip::strip_marks(&text))?;
        }
    }
    out.flush()
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sohoa-learn: {e}");
            ExitCode::FAILURE
        }
    }
}
