//! Batch: many inputs → records in input order, in parallel, with progress and resume.
//!
//! The collecting thread (the caller's, outside the pool) starts one rayon task per document,
//! never more than a bounded window ahead, and hands each finished outcome to the output sink.
//! Tasks never block, so a worker that steals another document while waiting on its own pages
//! cannot deadlock; and because at most `window` documents are in flight or waiting to be
//! written in order, memory stays flat however long the input list.

pub mod inputs;
pub mod lock;
pub mod manifest;
pub mod merge;
pub mod notes;
pub mod output;
pub mod progress;
pub mod report;
pub mod resume;
pub mod shard;
pub mod summary;

use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub use inputs::{collect, collect_selected, InputPath};
pub use output::{Others, Outcome, Output};
pub use progress::{Console, Observer, Silent};
pub use summary::Summary;

use crate::error::{Stage, StageError};
use crate::ingest;
use crate::pipeline::Pipeline;
use crate::record::{Fingerprint, Record, Source, Status};
use output::Lookup;
use resume::Prior;

/// How a batch runs.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Reuse records an earlier run of the same inputs and pipeline version already wrote, and
    /// keep the records it wrote for inputs that are not in this run.
    pub resume: bool,
    /// With `resume`: drop the records of inputs that are not in this run instead of keeping them.
    pub prune: bool,
    /// Most documents in flight or waiting to be written in order; 0 picks `4 × jobs` (at
    /// least 16), enough to keep every worker busy while a slow document holds up the order.
    pub window: usize,
    /// Test only: sleep this long in each document's task, so a test can kill a run midway.
    /// Set by the CLI from `SOHOA_TEST_DELAY_MS`; never needed otherwise.
    pub test_delay: Option<Duration>,
    /// Test only: a document whose path ends with this panics in its task, so a test can
    /// check that a panic fails that document alone. Set by the CLI from
    /// `SOHOA_TEST_PANIC_ON`; never needed otherwise.
    pub test_panic_on: Option<String>,
    /// Text inputs larger than this are failed records, refused before being read; 0 picks
    /// [`ingest::limits::DEFAULT_MAX_TEXT_BYTES`].
    pub max_text_bytes: u64,
    /// Any input larger than this is a failed record, refused before being read; and the
    /// inputs of the documents in flight together stay under it (one larger document alone
    /// excepted). 0 picks [`ingest::limits::DEFAULT_MAX_INPUT_BYTES`].
    pub max_input_bytes: u64,
    /// What makes this run's records (written into each, and compared by `--resume`).
    pub fingerprint: Fingerprint,
}

impl BatchOptions {
    fn max_input(&self) -> u64 {
        match self.max_input_bytes {
            0 => ingest::limits::DEFAULT_MAX_INPUT_BYTES,
            n => n,
        }
    }
}

/// A fatal batch error: the run stopped and its output is incomplete (a JSON Lines output
/// keeps its `.partial` file, so `--resume` continues where it stopped).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The output could not be created or written.
    #[error("cannot write output {path}: {source}")]
    Output {
        /// The output path (`-` for stdout).
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// Stdout was closed by its reader (e.g. `| head`); a normal way for a run to end.
    #[error("stdout was closed")]
    BrokenPipe,
    /// `--resume` needs an output that persists.
    #[error("--resume needs a file or directory output, not stdout")]
    ResumeStdout,
    /// Another run is writing the same output, or its lock cannot be made.
    #[error(transparent)]
    Locked(#[from] lock::LockError),
    /// The worker pool could not be started.
    #[error("cannot start worker threads: {0}")]
    Pool(#[from] rayon::ThreadPoolBuildError),
}

/// One finished document, as observers see it.
#[derive(Debug, Clone, Copy)]
pub enum Done<'a> {
    /// Made by this run.
    New(&'a Record),
    /// Taken from an earlier run.
    Reused(&'a Prior),
}

impl Done<'_> {
    /// The document's status.
    pub fn status(&self) -> Status {
        match self {
            Done::New(r) => r.status,
            Done::Reused(p) => p.status,
        }
    }

    /// The document's page count.
    pub fn pages(&self) -> usize {
        match self {
            Done::New(r) => r.source.pages,
            Done::Reused(p) => p.pages,
        }
    }
}

/// Processes `inputs` with `pipeline` into `output`, in input order whatever the number of
/// jobs, reporting to `observer`. Failed documents are records, not errors.
///
/// # Errors
/// [`BatchError`] when the output cannot be written, stdout is closed, or the pool cannot start.
pub fn run(
    pipeline: &Pipeline,
    inputs: &[InputPath],
    output: &Output,
    options: &BatchOptions,
    observer: &mut dyn Observer,
) -> Result<Summary, BatchError> {
    let started = Instant::now();
    if options.resume && *output == Output::Stdout {
        return Err(BatchError::ResumeStdout);
    }
    let out_err = |source: io::Error| match output {
        _ if source.kind() == io::ErrorKind::BrokenPipe => BatchError::BrokenPipe,
        Output::Stdout => BatchError::Output {
            path: "-".into(),
            source,
        },
        Output::Jsonl(p) | Output::Dir(p) => BatchError::Output {
            path: p.clone(),
            source,
        },
    };
    // Before anything of the output is opened: a second run must not touch the first's files.
    let _lock = match output {
        Output::Stdout => None,
        Output::Jsonl(p) | Output::Dir(p) => Some(lock::acquire(p)?),
    };
    let (lookup, mut writer) = output::open(
        output,
        inputs,
        options.resume,
        options.prune,
        &options.fingerprint,
    )
    .map_err(out_err)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()?;
    let window = match options.window {
        0 => (4 * pool.current_num_threads()).max(16),
        w => w,
    };
    observer.start(inputs.len());
    let mut summary = Summary::default();
    let cancel = AtomicBool::new(false);
    // Each outcome comes with why an earlier record of the document was not reused, if any.
    let (tx, rx) = mpsc::channel::<(usize, Option<(Outcome, Option<&'static str>)>)>();
    let mut failure = None;
    // This thread is not one of the pool's: it starts tasks and collects their outcomes, so it
    // can block on the channel without stalling a worker.
    // Input bytes of the documents in flight: a worker waiting on its pages may steal another
    // document, so without this budget the window's documents could all be in memory at once.
    let budget = options.max_input();
    let mut sizes = vec![0u64; inputs.len()];
    let mut bytes_in_flight = 0u64;
    pool.in_place_scope(|scope| {
        let (lookup, cancel) = (&lookup, &cancel);
        let mut next = 0;
        let mut in_flight = 0;
        loop {
            while next < inputs.len()
                && in_flight + writer.buffered() < window
                && !cancel.load(Ordering::Relaxed)
            {
                // From metadata only (never opened here); a refused input costs nothing.
                let size = std::fs::metadata(&inputs[next].path).map_or(0, |m| {
                    if m.is_file() {
                        m.len().min(budget)
                    } else {
                        0
                    }
                });
                if in_flight > 0 && bytes_in_flight + size > budget {
                    break;
                }
                sizes[next] = size;
                bytes_in_flight += size;
                let (tx, input, ordinal) = (tx.clone(), &inputs[next], next);
                scope.spawn(move |_| {
                    // After a fatal output error the queued tasks finish at once.
                    let outcome = (!cancel.load(Ordering::Relaxed))
                        .then(|| process_one(pipeline, lookup, ordinal, input, options));
                    // The receiver outlives the scope, so this cannot fail.
                    let _ = tx.send((ordinal, outcome));
                });
                next += 1;
                in_flight += 1;
            }
            if in_flight == 0 {
                break;
            }
            let (i, outcome) = rx.recv().expect("the scope holds a sender");
            in_flight -= 1;
            bytes_in_flight -= sizes[i];
            let Some((outcome, recomputed)) = outcome.filter(|_| failure.is_none()) else {
                continue;
            };
            if let Some(why) = recomputed {
                *summary.recomputed.entry(why).or_default() += 1;
                observer.recomputed(why);
            }
            let done = match &outcome {
                Outcome::New(r) => Done::New(r),
                Outcome::Reused(p) => Done::Reused(p),
            };
            summary.add(done.status(), done.pages(), matches!(done, Done::Reused(_)));
            observer.done(&inputs[i], &done);
            if let Err(e) = writer.accept(i, outcome, lookup) {
                failure = Some(e);
                cancel.store(true, Ordering::Relaxed);
            }
        }
    });
    // The pool's threads each hold a Tesseract engine; release them while the pool still
    // lives, before Tesseract's static caches are torn down at exit.
    pool.install(crate::ocr::engine::release_all_engines);
    if let Some(e) = failure {
        return Err(out_err(e));
    }
    let others = writer.finish(&lookup, options.prune).map_err(out_err)?;
    summary.kept = others.kept;
    summary.pruned = others.pruned;
    summary.elapsed = started.elapsed();
    observer.finish(&summary);
    Ok(summary)
}

/// Reads, hashes and (unless an earlier run's record can be reused) processes one document;
/// with a new record comes why the output's earlier record of it was not reused, if it had one.
/// Whatever the input, the result is a record: special files and over-size files are refused
/// from their metadata, and a panic anywhere in the pipeline becomes this document's failed
/// record instead of ending the batch.
fn process_one(
    pipeline: &Pipeline,
    lookup: &Lookup,
    ordinal: usize,
    input: &InputPath,
    options: &BatchOptions,
) -> (Outcome, Option<&'static str>) {
    let delay = options.test_delay;
    let max_text = match options.max_text_bytes {
        0 => ingest::limits::DEFAULT_MAX_TEXT_BYTES,
        n => n,
    };
    let refused = |e| {
        let mut record = Pipeline::refused(&input.path, e);
        record.fingerprint = options.fingerprint.clone();
        (Outcome::New(Box::new(record)), None)
    };
    let len = match ingest::limits::check_file(&input.path, options.max_input()) {
        Ok(len) => len,
        Err(e) => return refused(e),
    };
    // Before reading: a huge text would otherwise sit in memory whole (several, in parallel).
    if let Ok(Some(e)) = ingest::limits::check_size(&input.path, max_text) {
        return refused(e);
    }
    let bytes = match ingest::limits::read_capped(&input.path, len, options.max_input()) {
        Ok(b) => b,
        Err(e) => return refused(e),
    };
    let id = ingest::sha256_hex(&bytes);
    let recomputed = match lookup.find(ordinal, input, &id) {
        // A record is reused only with the deliverables `--emit` asks for.
        Ok(prior) => {
            let image_like = ingest::detect(&bytes).is_some_and(|m| m.is_image_like());
            let emitted = pipeline
                .emit
                .as_ref()
                .is_none_or(|e| e.complete_for(&input.path, &id, prior.status, image_like));
            if emitted {
                return (Outcome::Reused(prior), None);
            }
            Some("emitted files missing or made otherwise")
        }
        Err(why) => why,
    };
    if let Some(d) = delay {
        std::thread::sleep(d);
    }
    let bytes_len = bytes.len() as u64;
    let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if let Some(name) = &options.test_panic_on {
            assert!(!input.path.ends_with(name.as_str()), "test panic on {name}");
        }
        pipeline.process_bytes(&input.path, bytes, id.clone())
    }));
    let mut record = made.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let source = Source {
            path: input.path.clone(),
            media_type: None,
            bytes: bytes_len,
            pages: 0,
            notes: Vec::new(),
        };
        let error = StageError::new(
            Stage::Ingest,
            format!(
                "internal error, the document could not be processed (please report it): {what}"
            ),
        );
        Record::failed(source, id, vec![error])
    });
    record.fingerprint = options.fingerprint.clone();
    if let Some(kind) = record.source.media_type {
        record
            .source
            .notes
            .extend(notes::extension_note(&input.path, kind));
        if kind == ingest::MediaType::Text {
            record.source.notes.extend(notes::prose_note(&record.text));
        }
    }
    (Outcome::New(Box::new(record)), recomputed)
}
