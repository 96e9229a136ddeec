//! The run report: one JSON file beside the output (`OUT.report.json`), written atomically when
//! the run ends, for the operator and the scheduler — counts by status and by failing stage,
//! every failure with its path, the speed, how many tokens await review, and what the
//! records' fingerprint is. Run-dependent values live here, never in records.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::inputs::InputPath;
use super::progress::Observer;
use super::summary::Summary;
use super::Done;
use crate::error::StageError;
use crate::record::write::{path_text, write_atomic_with};
use crate::record::{Fingerprint, Status};

/// `OUT.report.json` beside the output `OUT` (beside a directory output, not in it).
pub fn report_path(output: &Path) -> PathBuf {
    let mut name = output.components().as_path().as_os_str().to_owned();
    name.push(".report.json");
    PathBuf::from(name)
}

/// One document that did not fully succeed.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The input, as its record names it.
    pub path: String,
    /// `failed` or `partial`.
    pub status: Status,
    /// Its errors, with stage and page.
    pub errors: Vec<StageError>,
}

/// Documents counted by status.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StatusCounts {
    /// Every page went through.
    pub ok: usize,
    /// Some pages failed.
    pub partial: usize,
    /// Nothing usable came out.
    pub failed: usize,
}

/// The report of one run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunReport {
    /// What made this run's records.
    pub fingerprint: Fingerprint,
    /// Documents of this run.
    pub documents: usize,
    /// Pages over all documents.
    pub pages: usize,
    /// Documents by status.
    pub status: StatusCounts,
    /// Errors by the stage that raised them (a document may have several).
    pub errors_by_stage: BTreeMap<String, usize>,
    /// Records taken from an earlier run (`--resume`).
    pub reused: usize,
    /// Records made again although the output had one, by reason.
    pub recomputed: BTreeMap<String, usize>,
    /// Records of inputs not in this run kept in the output.
    pub kept: usize,
    /// Records of inputs not in this run removed (`--prune`).
    pub pruned: usize,
    /// Tokens whose restoration awaits review, over this run's new records.
    pub review: usize,
    /// Wall-clock seconds.
    pub elapsed_seconds: f64,
    /// Pages per second of wall-clock time.
    pub pages_per_second: f64,
    /// Documents per second of wall-clock time.
    pub documents_per_second: f64,
    /// Every document that did not fully succeed (new records only: a reused record's
    /// failures are in the earlier run's report).
    pub failures: Vec<Failure>,
}

/// An [`Observer`] that builds the [`RunReport`] around another observer and writes it when
/// the run finishes.
pub struct ReportObserver<'a> {
    inner: &'a mut dyn Observer,
    report: RunReport,
    path: PathBuf,
    error: Option<std::io::Error>,
}

impl<'a> ReportObserver<'a> {
    /// Reports to `path` the run whose records carry `fingerprint`, forwarding every event to
    /// `inner`.
    pub fn new(path: PathBuf, fingerprint: Fingerprint, inner: &'a mut dyn Observer) -> Self {
        ReportObserver {
            inner,
            report: RunReport {
                fingerprint,
                ..RunReport::default()
            },
            path,
            error: None,
        }
    }

    /// The report as written, or the error writing it (observers cannot fail).
    ///
    /// # Errors
    /// The I/O error of writing the report.
    pub fn into_result(self) -> Result<RunReport, std::io::Error> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.report),
        }
    }
}

impl Observer for ReportObserver<'_> {
    fn start(&mut self, documents: usize) {
        self.inner.start(documents);
    }

    fn done(&mut self, input: &InputPath, done: &Done<'_>) {
        if let Done::New(record) = done {
            for e in &record.errors {
                *self
                    .report
                    .errors_by_stage
                    .entry(e.stage.to_string())
                    .or_default() += 1;
            }
            self.report.review += record.restoration.review.len();
            if record.status != Status::Ok {
                self.report.failures.push(Failure {
                    path: path_text(&input.path).into_owned(),
                    status: record.status,
                    errors: record.errors.clone(),
                });
            }
        }
        self.inner.done(input, done);
    }

    fn recomputed(&mut self, why: &str) {
        *self.report.recomputed.entry(why.to_string()).or_default() += 1;
        self.inner.recomputed(why);
    }

    fn finish(&mut self, summary: &Summary) {
        let r = &mut self.report;
        r.documents = summary.documents();
        r.pages = summary.pages;
        r.status = StatusCounts {
            ok: summary.ok,
            partial: summary.partial,
            failed: summary.failed,
        };
        r.reused = summary.reused;
        r.kept = summary.kept;
        r.pruned = summary.pruned;
        let secs = summary.elapsed.as_secs_f64();
        r.elapsed_seconds = secs;
        if secs > 0.0 {
            r.pages_per_second = summary.pages as f64 / secs;
            r.documents_per_second = summary.documents() as f64 / secs;
        }
        let report = &self.report;
        self.error = write_atomic_with(&self.path, |w| {
            serde_json::to_writer_pretty(&mut *w, report)?;
            std::io::Write::write_all(w, b"\n")
        })
        .err();
        self.inner.finish(summary);
    }
}
