//! Batch: many inputs → records in input order, in parallel, with progress and resume.
//!
//! The collecting thread (the caller's, outside the pool) starts one rayon task per document,
//! never more than a bounded window ahead, and hands each finished outcome to the output sink.
//! Tasks never block, so a worker that steals another document while waiting on its own pages
//! cannot deadlock; and because at most `window` documents are in flight or waiting to be
//! written in order, memory stays flat however long the input list.

pub mod inputs;
pub mod manifest;
pub mod merge;
pub mod output;
pub mod progress;
pub mod resume;
pub mod shard;
pub mod summary;

use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub use inputs::{collect, InputPath};
pub use output::{Outcome, Output};
pub use progress::{Console, Observer, Silent};
pub use summary::Summary;

use crate::ingest;
use crate::pipeline::Pipeline;
use crate::record::{Record, Status};
use output::Lookup;
use resume::Prior;

/// How a batch runs.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Reuse records an earlier run of the same inputs and pipeline version already wrote.
    pub resume: bool,
    /// Most documents in flight or waiting to be written in order; 0 picks `4 × jobs` (at
    /// least 16), enough to keep every worker busy while a slow document holds up the order.
    pub window: usize,
    /// Test only: sleep this long in each document's task, so a test can kill a run midway.
    /// Set by the CLI from `SOHOA_TEST_DELAY_MS`; never needed otherwise.
    pub test_delay: Option<Duration>,
    /// Text inputs larger than this are failed records, refused before being read; 0 picks
    /// [`ingest::limits::DEFAULT_MAX_TEXT_BYTES`].
    pub max_text_bytes: u64,
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
    let (lookup, mut writer) = output::open(output, inputs, options.resume).map_err(out_err)?;
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
    let (tx, rx) = mpsc::channel::<(usize, Option<Outcome>)>();
    let mut failure = None;
    // This thread is not one of the pool's: it starts tasks and collects their outcomes, so it
    // can block on the channel without stalling a worker.
    pool.in_place_scope(|scope| {
        let (lookup, cancel) = (&lookup, &cancel);
        let mut next = 0;
        let mut in_flight = 0;
        loop {
            while next < inputs.len()
                && in_flight + writer.buffered() < window
                && !cancel.load(Ordering::Relaxed)
            {
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
            let Some(outcome) = outcome.filter(|_| failure.is_none()) else {
                continue;
            };
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
    writer.finish().map_err(out_err)?;
    summary.elapsed = started.elapsed();
    observer.finish(&summary);
    Ok(summary)
}

/// Reads, hashes and (unless an earlier run's record can be reused) processes one document.
fn process_one(
    pipeline: &Pipeline,
    lookup: &Lookup,
    ordinal: usize,
    input: &InputPath,
    options: &BatchOptions,
) -> Outcome {
    let delay = options.test_delay;
    let max_text = match options.max_text_bytes {
        0 => ingest::limits::DEFAULT_MAX_TEXT_BYTES,
        n => n,
    };
    // Before reading: a huge text would otherwise sit in memory whole (several, in parallel).
    if let Ok(Some(e)) = ingest::limits::check_size(&input.path, max_text) {
        return Outcome::New(Box::new(Pipeline::refused(&input.path, e)));
    }
    let bytes = match std::fs::read(&input.path) {
        Ok(b) => b,
        Err(e) => return Outcome::New(Box::new(Pipeline::unreadable(&input.path, &e))),
    };
    let id = ingest::sha256_hex(&bytes);
    if let Some(prior) = lookup.find(ordinal, input, &id) {
        // A record is reused only with the deliverables `--emit` asks for.
        let image_like = ingest::detect(&bytes).is_some_and(|m| m.is_image_like());
        let emitted = pipeline
            .emit
            .as_ref()
            .is_none_or(|e| e.complete_for(&input.path, prior.status, image_like));
        if emitted {
            return Outcome::Reused(prior);
        }
    }
    if let Some(d) = delay {
        std::thread::sleep(d);
    }
    Outcome::New(Box::new(pipeline.process_bytes(&input.path, bytes, id)))
}
