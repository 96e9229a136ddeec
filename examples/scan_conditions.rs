//! Scan conditions: Decree 30 documents (the marked heads of `corpus/scan/decree`) rendered in
//! a Times-like serif, degraded under every scan condition of an archive, then read by
//! `sohoa`'s OCR and by the plain `tesseract FILE - -l vie` command line. Prints, per
//! condition and per part (in-sample heads vs the closed held-out ones): CER, WER and skeleton
//! WER (marks not counted) of both against the gold text, and how many record fields of the
//! scan (header, legal-basis numbers, campaign, signer) equal those of the same document's
//! typed text, for sohoa's OCR and for the CLI's text put through the same restoration and
//! segmentation.
//!
//! ```sh
//! cargo run --release --example scan_conditions -- --part all                    # in-sample: heads 01-14
//! cargo run --release --example scan_conditions -- --heads corpus/scan/decree-fresh --part all    # in-sample: 15-24
//! cargo run --release --example scan_conditions -- --heads corpus/scan/decree-fresh2 --part all   # held out: 25-34, at the end
//! cargo run --release --example scan_conditions -- --heads corpus/scan/decree-fresh3 --part all   # held out: 35-40, at the end
//! ```
//! `--part held-out` (every third head of a folder) was the held-out split of heads 01-14 until
//! session 17, which opened it; the held-out documents are now the `decree-fresh2` and
//! `decree-fresh3` folders, each written before any run (BENCHMARKS.md, sessions 17 and 18).
//! Always run a folder with `--part all`. (`scripts/bench-scan.sh` runs them.)
//! Rendered pages stay in `--out` for inspection.

#[path = "../tests/support/scan.rs"]
mod scan;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use clap::Parser;
use rayon::prelude::*;
use sohoa_core::ocr::reread::Reread;
use sohoa_core::ocr::OcrOptions;
use sohoa_core::restore::Restorer;
use sohoa_corpus::Variant;
use sohoa_eval::metrics::{char_errors, word_errors, ErrorCount};

#[derive(Debug, Parser)]
struct Args {
    /// Directory of marked heads.
    #[arg(long, default_value = "corpus/scan/decree")]
    heads: PathBuf,
    /// Which heads: `in-sample`, `held-out` (every third: 03, 06, 09, 12, ...) or `all`.
    #[arg(long, default_value = "in-sample")]
    part: String,
    /// Only heads whose file name starts with one of these (e.g. 01, 14); repeatable.
    #[arg(long)]
    only: Vec<String>,
    /// Conditions (default: every scan condition of an archive).
    #[arg(long)]
    condition: Vec<String>,
    /// Where the page files and the per-page report go.
    #[arg(long, default_value = "target/scan-conditions")]
    out: PathBuf,
    /// Worker threads.
    #[arg(long, default_value_t = 2)]
    jobs: usize,
    /// Seed of the degradations.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Extra `-c name=value` settings for the tesseract CLI run, repeatable.
    #[arg(long)]
    cli_config: Vec<String>,
    /// Do not run the tesseract CLI (its columns then read as all errors): for quick
    /// comparisons of sohoa's own preprocessing.
    #[arg(long)]
    no_cli: bool,
    /// Read the OCR texts a previous run left in `--out` (`*.sohoa.txt`, `*.cli.txt`) instead of
    /// OCR'ing again: for work on restoration and segmentation over the same readings.
    #[arg(long)]
    reuse_ocr: bool,
    /// Resolution pages scanned under 250 dpi are upscaled to (sohoa's default: 300), to
    /// measure what a lower target costs in accuracy and saves in time.
    #[arg(long)]
    upscale_to: Option<u32>,
    /// Read every unsure word of a copy again (`sohoa --reread-unsure`).
    #[arg(long)]
    reread_unsure: bool,
    /// Read no unsure word of a copy again (`sohoa --no-reread`).
    #[arg(long)]
    no_reread: bool,
    /// Restore every reading as a text of unknown origin (what restoration did before it
    /// was told that a text is sohoa's own reading of copies): the before of a comparison.
    #[arg(long)]
    origin_unknown: bool,
    /// Load the restoration tables from this folder (as `dictionaries/`) instead of the
    /// embedded ones: to measure a table before it is committed.
    #[arg(long)]
    dictionaries: Option<PathBuf>,
}

/// Whether a head (by its two-digit prefix) belongs to the closed held-out part.
fn held_out(name: &str) -> bool {
    name.get(..2)
        .and_then(|n| n.parse::<usize>().ok())
        .is_some_and(|n| n % 3 == 0)
}

#[derive(Default, Clone, Copy)]
struct Scores {
    pages: usize,
    cer: ErrorCount,
    wer: ErrorCount,
    skel: ErrorCount,
}

impl std::ops::AddAssign for Scores {
    fn add_assign(&mut self, o: Scores) {
        self.pages += o.pages;
        self.cer = self.cer + o.cer;
        self.wer = self.wer + o.wer;
        self.skel = self.skel + o.skel;
    }
}

fn score(hyp: &str, gold: &str) -> Scores {
    Scores {
        pages: 1,
        cer: char_errors(hyp, gold),
        wer: word_errors(hyp, gold),
        skel: word_errors(&scan::skeleton(hyp), &scan::skeleton(gold)),
    }
}

/// One condition's sums over documents.
#[derive(Clone, Copy)]
struct Totals {
    condition: Variant,
    sohoa: Scores,
    cli: Scores,
    sohoa_fields: (usize, usize),
    cli_fields: (usize, usize),
}

impl Default for Totals {
    fn default() -> Self {
        Totals {
            condition: Variant::Clean,
            sohoa: Scores::default(),
            cli: Scores::default(),
            sohoa_fields: (0, 0),
            cli_fields: (0, 0),
        }
    }
}

/// What one document under one condition gave.
struct DocResult {
    condition: Variant,
    sohoa: Scores,
    cli: Scores,
    /// Fields equal to the typed record's, and fields compared.
    sohoa_fields: (usize, usize),
    cli_fields: (usize, usize),
    lines: Vec<String>,
}

fn run_doc(
    head: &PathBuf,
    variant: Variant,
    args: &Args,
    restorer: &Restorer,
    options: &OcrOptions,
) -> DocResult {
    let name = head.file_stem().unwrap().to_string_lossy().into_owned();
    let marked = std::fs::read_to_string(head).expect("head readable");
    let doc = scan::parse_marked(&marked);
    let faces = scan::faces();
    let pages = scan::render(&doc, &faces);
    let typed = scan::segment_text(&doc.typed_text(), restorer);
    let dir = args.out.join(variant.name());
    std::fs::create_dir_all(&dir).expect("output dir");
    let (mut sohoa, mut cli) = (Scores::default(), Scores::default());
    let (mut ocr_pages, mut cli_texts, mut lines) = (Vec::new(), Vec::new(), Vec::new());
    for (i, (page, seals)) in pages.iter().enumerate() {
        if args.reuse_ocr {
            let path = dir.join(format!("{name}-{:03}.png", i + 1));
            let text = |ext: &str| {
                std::fs::read_to_string(path.with_extension(ext)).unwrap_or_else(|e| {
                    panic!("{}: {e} (run without --reuse-ocr first)", path.display())
                })
            };
            let read = sohoa_core::ocr::OcrPage {
                number: i + 1,
                text: text("sohoa.txt"),
                words: Vec::new(),
                mean_confidence: 0.0,
                width: 0,
                height: 0,
                dpi: None,
                from_text_layer: false,
                preprocessing: decided_steps(&path, options),
            };
            let cli_text = text("cli.txt");
            sohoa += score(&read.text, &page.gold);
            cli += score(&cli_text, &page.gold);
            ocr_pages.push(read);
            cli_texts.push(cli_text);
            continue;
        }
        let (bytes, ext) = scan::scan(page, seals, variant, scan::page_seed(args.seed, i));
        let path = dir.join(format!("{name}-{:03}.{ext}", i + 1));
        std::fs::write(&path, &bytes).expect("page written");
        std::fs::write(path.with_extension("gt.txt"), &page.gold).expect("gold written");
        let read = scan::sohoa_read(bytes, options);
        let extra: Vec<&str> = args
            .cli_config
            .iter()
            .flat_map(|c| ["-c", c.as_str()])
            .collect();
        let cli_text = if args.no_cli {
            String::new()
        } else {
            scan::tesseract_cli(&path, &extra)
        };
        let (s, c) = (score(&read.text, &page.gold), score(&cli_text, &page.gold));
        lines.push(format!(
            "{name}\t{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{}",
            variant.name(),
            i + 1,
            s.cer.rate(),
            c.cer.rate(),
            s.wer.rate(),
            c.wer.rate(),
            read.preprocessing.join(",")
        ));
        std::fs::write(path.with_extension("sohoa.txt"), &read.text).ok();
        std::fs::write(path.with_extension("cli.txt"), &cli_text).ok();
        sohoa += s;
        cli += c;
        ocr_pages.push(read);
        cli_texts.push(cli_text);
    }
    let restored = scan::restore_pages(&ocr_pages, restorer, !args.origin_unknown);
    let from_scan = sohoa_core::segment::segment(&restored);
    // What segmentation read, for inspection beside the OCR text.
    std::fs::write(dir.join(format!("{name}.restored.txt")), restored).ok();
    let from_cli = scan::segment_text(&cli_texts.join("\n"), restorer);
    let total = scan::fields(&typed).len();
    let diff = scan::differing(&typed, &from_scan);
    for (field, want, got) in &diff {
        lines.push(format!(
            "#\t{name}\t{}\t{field}\t{want:?}\t{got:?}",
            variant.name()
        ));
    }
    DocResult {
        condition: variant,
        sohoa,
        cli,
        sohoa_fields: (total - diff.len(), total),
        cli_fields: (total - scan::differing(&typed, &from_cli).len(), total),
        lines,
    }
}

fn pct(e: ErrorCount) -> String {
    format!("{:.2}", 100.0 * e.rate())
}

fn main() {
    let args = Args::parse();
    rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs)
        .build_global()
        .expect("thread pool");
    let mut heads: Vec<PathBuf> = std::fs::read_dir(&args.heads)
        .expect("heads dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "head"))
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            let part_ok = match args.part.as_str() {
                "all" => true,
                "held-out" => held_out(&n),
                _ => !held_out(&n),
            };
            part_ok && (args.only.is_empty() || args.only.iter().any(|o| n.starts_with(o)))
        })
        .collect();
    heads.sort();
    let conditions: Vec<Variant> = if args.condition.is_empty() {
        Variant::CONDITIONS.to_vec()
    } else {
        args.condition
            .iter()
            .map(|c| c.parse().expect("known condition"))
            .collect()
    };
    let restorer = match &args.dictionaries {
        Some(dir) => Restorer::load(dir).unwrap_or_else(|e| panic!("{e}")),
        None => Restorer::embedded(),
    };
    let mut options = OcrOptions::default();
    if let Some(dpi) = args.upscale_to {
        options.preprocess.target_dpi = dpi;
    }
    if args.reread_unsure {
        options.preprocess.reread = Reread::Every;
    } else if args.no_reread {
        options.preprocess.reread = Reread::Off;
    }
    let jobs: Vec<(PathBuf, Variant)> = heads
        .iter()
        .flat_map(|h| conditions.iter().map(move |&c| (h.clone(), c)))
        .collect();
    let results: Vec<DocResult> = jobs
        .par_iter()
        .map(|(h, c)| run_doc(h, *c, &args, &restorer, &options))
        .collect();
    sohoa_core::ocr::engine::release_all_engines();

    std::fs::create_dir_all(&args.out).ok();
    let mut report =
        std::fs::File::create(args.out.join(format!("pages-{}.tsv", args.part))).expect("report");
    writeln!(
        report,
        "doc\tcondition\tpage\tcer_sohoa\tcer_cli\twer_sohoa\twer_cli\tsteps"
    )
    .ok();
    let mut by: BTreeMap<usize, Totals> = BTreeMap::new();
    for r in &results {
        for l in &r.lines {
            writeln!(report, "{l}").ok();
        }
        let idx = conditions.iter().position(|&c| c == r.condition).unwrap();
        let e = by.entry(idx).or_insert(Totals {
            condition: r.condition,
            ..Totals::default()
        });
        e.sohoa += r.sohoa;
        e.cli += r.cli;
        e.sohoa_fields = (
            e.sohoa_fields.0 + r.sohoa_fields.0,
            e.sohoa_fields.1 + r.sohoa_fields.1,
        );
        e.cli_fields = (
            e.cli_fields.0 + r.cli_fields.0,
            e.cli_fields.1 + r.cli_fields.1,
        );
    }
    println!(
        "part: {} ({} documents: {})",
        args.part,
        heads.len(),
        heads
            .iter()
            .map(|h| h.file_name().unwrap().to_string_lossy()[..2].to_string())
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!("| condition | pages | CER % sohoa | CER % CLI | WER % sohoa | WER % CLI | skel. WER % sohoa | skel. WER % CLI | fields = typed, sohoa | fields = typed, CLI text |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for t in by.values() {
        let (s, c, fs, fc) = (t.sohoa, t.cli, t.sohoa_fields, t.cli_fields);
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {}/{} ({:.1} %) | {}/{} ({:.1} %) |",
            t.condition.name(),
            s.pages,
            pct(s.cer),
            pct(c.cer),
            pct(s.wer),
            pct(c.wer),
            pct(s.skel),
            pct(c.skel),
            fs.0,
            fs.1,
            100.0 * fs.0 as f64 / fs.1.max(1) as f64,
            fc.0,
            fc.1,
            100.0 * fc.0 as f64 / fc.1.max(1) as f64,
        );
    }
}

/// The preprocessing steps sohoa decides for the saved page image at `path`, as
/// `ocr::recognise` decides them (restoration's `pipeline::text_origin` reads them): a reading
/// re-used by `--reuse-ocr` keeps only its text.
fn decided_steps(path: &std::path::Path, options: &OcrOptions) -> Vec<&'static str> {
    // Saved as the condition writes its pages: PNG (1 bit, gray) or JPEG (office, phone, seal).
    let path = ["png", "jpg"]
        .iter()
        .map(|ext| path.with_extension(ext))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("{}: no page image saved", path.display()));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let img = sohoa_core::ocr::pix::Pix::decode(&bytes)
        .unwrap_or_else(|| panic!("{}: cannot decode", path.display()))
        .flattened_on_white();
    let dpi = img.dpi().unwrap_or(300);
    sohoa_core::ocr::preprocess::prepare(img, dpi, &options.preprocess)
        .decisions
        .steps
}
