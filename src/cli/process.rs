//! `sohoa process`: documents in, JSON campaign records out, in parallel and resumable.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sohoa_core::batch::inputs::Selection;
use sohoa_core::batch::manifest::{self, ManifestObserver, ShardManifest};
use sohoa_core::batch::report::{report_path, ReportObserver};
use sohoa_core::batch::shard::{self, ShardBy, ShardSpec};
use sohoa_core::batch::{self, BatchError, BatchOptions, Console, Output};
use sohoa_core::emit::{Emitter, Format};
use sohoa_core::pipeline::Pipeline;

use super::Exit;

/// Process documents (PNG, JPEG, TIFF, PDF or UTF-8 text, recognised by content) into JSON
/// campaign records, one per document, in input order.
#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct Args {
    /// Files or directories (walked recursively, entries sorted by name).
    inputs: Vec<PathBuf>,
    /// Of the files found in input directories, take only those matching one of these globs
    /// (`*.pdf`, `scans/**/*.tif`; a glob with `/` matches the path below the directory).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Of the files found in input directories, skip those matching one of these globs
    /// (`*.md5`, `**/*.gt.txt`).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// A file listing one input path per line (blank lines and `#` comments skipped).
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// Output: `FILE` (JSON Lines), `DIR/` (one JSON file per document) or `-` (stdout).
    #[arg(short, long, value_name = "OUT", default_value = "-")]
    output: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N", default_value_t = 0)]
    jobs: usize,
    /// Skip documents whose record is already in the output for the same input bytes and
    /// fingerprint (code, tables, OCR model and every option that changes a record), after an
    /// interrupted run or to add new inputs; records of inputs that are not in this run are
    /// kept (the summary counts them and says how many were recomputed and why).
    #[arg(long)]
    resume: bool,
    /// With --resume: remove the records of inputs that are not in this run.
    #[arg(long, requires = "resume")]
    prune: bool,
    /// No progress bar and no summary; errors are still printed.
    #[arg(short, long)]
    quiet: bool,
    /// Process only shard I of N (0-based) of the inputs, and write `OUT.manifest.json`.
    /// Default: SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT (or SOHOA_SHARD_COUNT), or
    /// JOB_COMPLETION_INDEX / SOHOA_SHARD_COUNT (Kubernetes), when set.
    #[arg(long, value_name = "I/N")]
    shard: Option<ShardSpec>,
    /// Number of shards when the environment gives only the index (overrides SOHOA_SHARD_COUNT).
    #[arg(long, value_name = "N")]
    shard_count: Option<u32>,
    /// How inputs are assigned to shards: `hash` of the path relative to its input directory
    /// (stable as the archive grows) or `index` in the sorted input list.
    #[arg(long, value_name = "hash|index", default_value_t = ShardBy::Hash)]
    shard_by: ShardBy,
    /// Also write each OCR'd document's deliverables, a comma-separated list of: `pdfa`
    /// (searchable PDF/A-2b with the restored text), `alto` (ALTO 4), `hocr`, `txt` (restored
    /// text, pages separated by form feeds). Text inputs get none.
    #[arg(long, value_name = "FORMATS", value_delimiter = ',', value_parser = parse_format)]
    emit: Vec<Format>,
    /// Directory of the `--emit` files (default: beside the output: its directory for `-o DIR/`,
    /// the output file's directory, or the current directory for `-o -`).
    #[arg(long, value_name = "DIR", requires = "emit")]
    emit_dir: Option<PathBuf>,
    /// When stderr is not a terminal (a log): print a progress line every this many seconds
    /// (0: never).
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    progress_every: u64,
    #[command(flatten)]
    settings: super::settings::RecordSettings,
}

/// Runs `sohoa process`.
pub fn run(args: Args) -> Exit {
    if args.inputs.is_empty() && args.manifest.is_none() {
        return super::fatal("no inputs: give files, directories or --manifest FILE");
    }
    // The restorer's tables take a tenth of a second to load, as long as the settings check
    // below (which loads the OCR model once): load them beside it, not after.
    let restorer = std::thread::spawn(sohoa_core::restore::Restorer::default);
    // Settings first: a bad language or tessdata directory is one usage error, not a failure
    // of every page of every document.
    let settings = match args.settings.resolve() {
        Ok(s) => s,
        Err(e) => return super::fatal(e),
    };
    let output = Output::from_arg(&args.output);
    let selection = Selection {
        include: args.include.clone(),
        exclude: args.exclude.clone(),
    };
    let inputs = match batch::collect_selected(&args.inputs, args.manifest.as_deref(), &selection) {
        Ok(list) => list,
        Err(e) => return super::fatal(e),
    };
    // An output inside an input directory must not be read back as documents.
    let inputs: Vec<_> = inputs
        .into_iter()
        .filter(|i| !output.owns(&i.path))
        .collect();
    let emitter = (!args.emit.is_empty()).then(|| {
        let dir = args
            .emit_dir
            .clone()
            .unwrap_or_else(|| default_emit_dir(&output));
        let mut e = Emitter::new(&args.emit, dir);
        e.max_megapixels = settings.ocr.max_megapixels;
        e.fingerprint = settings.fingerprint.clone();
        e
    });
    // Files an earlier run emitted beside its inputs are not documents.
    let inputs = match &emitter {
        None => inputs,
        Some(e) => {
            let emitted: HashSet<PathBuf> = inputs
                .iter()
                .flat_map(|i| e.paths(&i.path))
                .filter_map(|p| std::path::absolute(p).ok())
                .collect();
            inputs
                .into_iter()
                .filter(|i| !std::path::absolute(&i.path).is_ok_and(|p| emitted.contains(&p)))
                .collect()
        }
    };
    let shard = match args.shard {
        Some(s) => Some(s),
        None => match ShardSpec::from_env(args.shard_count) {
            Ok(s) => s,
            Err(e) => return super::fatal(e),
        },
    };
    let mut manifest = None;
    let inputs = match (shard, &output) {
        (None, _) => inputs,
        (Some(_), Output::Stdout) => {
            return super::fatal("a shard needs a file or directory output (-o), for its manifest")
        }
        (Some(spec), Output::Jsonl(out) | Output::Dir(out)) => {
            let inputs: Vec<_> = inputs
                .into_iter()
                .filter(|i| !manifest::is_manifest_of(out, &i.path))
                .collect();
            let total = inputs.len();
            let selected = shard::select(inputs, spec, args.shard_by, |i| {
                shard::shard_key_in(&args.inputs, &i.path)
            });
            let entries = selected.iter().map(|(k, i)| (*k, i.path.clone()));
            let m = ShardManifest::new(spec, args.shard_by, total, entries);
            manifest = Some((m, manifest::manifest_path(out)));
            selected.into_iter().map(|(_, i)| i).collect()
        }
    };
    let fingerprint = settings.fingerprint.clone();
    let options = BatchOptions {
        jobs: args.jobs,
        resume: args.resume,
        prune: args.prune,
        window: 0,
        test_delay: test_delay(),
        test_panic_on: std::env::var("SOHOA_TEST_PANIC_ON").ok(),
        max_text_bytes: settings.max_text_bytes,
        max_input_bytes: settings.max_input_bytes,
        fingerprint: fingerprint.clone(),
    };
    let Ok(restorer) = restorer.join() else {
        return super::fatal("the restoration tables could not be loaded");
    };
    let pipeline = Pipeline {
        ocr: settings.ocr,
        restorer,
        emit: emitter,
    };
    let mut console =
        Console::new(args.quiet).with_lines_every(Duration::from_secs(args.progress_every));
    let result = match (&output, manifest) {
        (Output::Stdout, _) => batch::run(&pipeline, &inputs, &output, &options, &mut console),
        (Output::Jsonl(out) | Output::Dir(out), manifest) => {
            let mut report = ReportObserver::new(report_path(out), fingerprint, &mut console);
            let result = match manifest {
                None => batch::run(&pipeline, &inputs, &output, &options, &mut report),
                Some((m, path)) => {
                    let mut observer = ManifestObserver::new(m, path, &mut report);
                    let result = batch::run(&pipeline, &inputs, &output, &options, &mut observer);
                    if let Err(e) = observer.into_result() {
                        return super::fatal(e);
                    }
                    result
                }
            };
            // A run that stopped early wrote no report; its error says why.
            if let (Ok(_), Err(e)) = (&result, report.into_result()) {
                return super::fatal(format!("cannot write the run report: {e}"));
            }
            result
        }
    };
    match result {
        Ok(summary) if summary.all_ok() => Exit::Ok,
        Ok(_) => Exit::SomeFailed,
        Err(BatchError::BrokenPipe) => Exit::Ok,
        Err(e) => super::fatal(e),
    }
}

/// `--emit` formats by name.
fn parse_format(name: &str) -> Result<Format, String> {
    Format::parse(name).ok_or_else(|| format!("unknown format {name:?} (pdfa, alto, hocr, txt)"))
}

/// Where emitted files go when `--emit-dir` is not given: beside the records.
fn default_emit_dir(output: &Output) -> PathBuf {
    match output {
        Output::Dir(dir) => dir.clone(),
        Output::Jsonl(file) => file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        Output::Stdout => PathBuf::from("."),
    }
}

/// `SOHOA_TEST_DELAY_MS`: test only, slows each document down so a test can kill a run midway.
fn test_delay() -> Option<Duration> {
    let ms = std::env::var("SOHOA_TEST_DELAY_MS").ok()?.parse().ok()?;
    Some(Duration::from_millis(ms))
}
