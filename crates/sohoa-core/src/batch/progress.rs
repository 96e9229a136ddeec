//! Progress: what the user sees on stderr while a batch runs — a bar when stderr is a terminal,
//! one line per failed document always, and the final summary unless asked to be quiet.

use std::io::IsTerminal;

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
}

impl Console {
    /// A console reporter; the bar is shown only when stderr is a terminal and not `quiet`.
    pub fn new(quiet: bool) -> Console {
        let show_bar = !quiet && std::io::stderr().is_terminal();
        Console {
            bar: show_bar.then(ProgressBar::hidden),
            quiet,
            pages: 0,
        }
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
        }
    }

    fn done(&mut self, input: &InputPath, done: &Done<'_>) {
        if let Done::New(record) = done {
            for e in &record.errors {
                self.line(&format!("sohoa: {}: {e}", input.path.display()));
            }
        }
        self.pages += done.pages();
        if let Some(bar) = &self.bar {
            bar.set_message(self.pages.to_string());
            bar.inc(1);
        }
    }

    fn finish(&mut self, summary: &Summary) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if !self.quiet {
            eprintln!("sohoa: {summary}");
        }
    }
}

/// Ignores every event (for library callers and benchmarks).
#[derive(Debug, Default)]
pub struct Silent;

impl Observer for Silent {
    fn start(&mut self, _documents: usize) {}
    fn done(&mut self, _input: &InputPath, _done: &Done<'_>) {}
    fn finish(&mut self, _summary: &Summary) {}
}
