//! Progress: what the user sees on stderr while a batch runs — a bar when stderr is a terminal,
//! else (in a log: Slurm, nohup, systemd) one plain line every N seconds; one line per failed
//! document always, and the final summary unless asked to be quiet.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use super::inputs::InputPath;
use super::summary::Summary;
use super::Done;

/// Receives the batch's events, in the collecting thread.
pub trait Observer {
    /// The batch is about to process `documents` documents.
    fn start(&mut self, documents: usize);
    /// Document `input` is done.
    fn done(&mut self, input: &InputPath, done: &Done<'_>);
    /// A document's earlier record was not reused, for the reason `why` (called before its
    /// `done`).
    fn recomputed(&mut self, _why: &str) {}
    /// The batch is over.
    fn finish(&mut self, summary: &Summary);
}

/// Reports to stderr: the bar (only on a terminal and not `quiet`), error lines (always), the
/// summary (unless `quiet`).
#[derive(Debug)]
pub struct Console {
    bar: Option<ProgressBar>,
    quiet: bool,
    pages: usize,
    /// Progress lines when there is no bar: how often, and the thread that prints them.
    every: Option<Duration>,
    counts: Arc<Counts>,
    ticker: Option<(mpsc::Sender<()>, JoinHandle<()>)>,
}

/// Documents and pages done, shared with the thread that prints progress lines.
#[derive(Debug, Default)]
struct Counts {
    documents: AtomicUsize,
    pages: AtomicUsize,
}

impl Console {
    /// A console reporter; the bar is shown only when stderr is a terminal and not `quiet`.
    pub fn new(quiet: bool) -> Console {
        let show_bar = !quiet && std::io::stderr().is_terminal();
        Console {
            bar: show_bar.then(ProgressBar::hidden),
            quiet,
            pages: 0,
            every: None,
            counts: Arc::default(),
            ticker: None,
        }
    }

    /// When there is no bar (stderr is not a terminal) and not `quiet`: one plain progress line
    /// every `every` (none when zero).
    pub fn with_lines_every(mut self, every: Duration) -> Console {
        self.every = (!every.is_zero()).then_some(every);
        self
    }

    /// Prints a line on stderr without tearing the bar.
    fn line(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{text}")),
            None => eprintln!("{text}"),
        }
    }
}

impl Observer for Console {
    fn start(&mut self, documents: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(documents as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:30} {pos}/{len} documents, {msg} pages, {rate}, ETA {eta}",
                )
                .expect("the template is valid")
                .with_key(
                    "rate",
                    |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.1} documents/s", state.per_sec());
                    },
                ),
            );
            bar.set_message("0");
            bar.set_draw_target(ProgressDrawTarget::stderr());
        } else if let Some(every) = self.every.filter(|_| !self.quiet) {
            // A thread, so a line comes every `every` even while one long document runs.
            let (stop, wait) = mpsc::channel::<()>();
            let counts = Arc::clone(&self.counts);
            let started = Instant::now();
            let handle = std::thread::spawn(move || {
                while let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(every) {
                    eprintln!(
                        "sohoa: {}",
                        progress_line(&counts, documents, started.elapsed())
                    );
                }
            });
            self.ticker = Some((stop, handle));
        }
    }

    fn done(&mut self, input: &InputPath, done: &Done<'_>) {
        if let Done::New(record) = done {
            for e in &record.errors {
                self.line(&format!("sohoa: {}: {e}", input.path.display()));
            }
        }
        self.pages += done.pages();
        self.counts.documents.fetch_add(1, Ordering::Relaxed);
        self.counts.pages.fetch_add(done.pages(), Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.set_message(self.pages.to_string());
            bar.inc(1);
        }
    }

    fn finish(&mut self, summary: &Summary) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if let Some((stop, handle)) = self.ticker.take() {
            drop(stop);
            let _ = handle.join();
        }
        if !self.quiet {
            eprintln!("sohoa: {summary}");
        }
    }
}

/// `5/13 documents, 12 pages, 0.8 documents/s, 1.9 pages/s, ETA 10 s`.
fn progress_line(counts: &Counts, total: usize, elapsed: Duration) -> String {
    let done = counts.documents.load(Ordering::Relaxed);
    let pages = counts.pages.load(Ordering::Relaxed);
    let secs = elapsed.as_secs_f64().max(1e-3);
    let rate = done as f64 / secs;
    let eta = if done == 0 {
        "unknown".to_string()
    } else {
        format!("{:.0} s", total.saturating_sub(done) as f64 / rate)
    };
    format!(
        "{done}/{total} documents, {pages} pages, {rate:.1} documents/s, {:.1} pages/s, ETA {eta}",
        pages as f64 / secs
    )
}

/// Ignores every event (for library callers and benchmarks).
#[derive(Debug, Default)]
pub struct Silent;

impl Observer for Silent {
    fn start(&mut self, _documents: usize) {}
    fn done(&mut self, _input: &InputPath, _done: &Done<'_>) {}
    fn finish(&mut self, _summary: &Summary) {}
}
