//! The end-of-run summary: what happened to how many documents, how fast. Run-dependent values
//! (timings) live here and never in records, so records stay byte-identical across runs.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::record::Status;

/// Counts and timing of one batch run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Documents whose every page went through.
    pub ok: usize,
    /// Documents where some pages failed.
    pub partial: usize,
    /// Documents with no usable result.
    pub failed: usize,
    /// Documents whose record was taken from an earlier run (`--resume`); also counted above.
    pub reused: usize,
    /// Documents whose earlier record was made again, by reason (input changed, options
    /// changed, ...).
    pub recomputed: BTreeMap<&'static str, usize>,
    /// Records an earlier run wrote for inputs not in this run, kept in the output.
    pub kept: usize,
    /// Records an earlier run wrote for inputs not in this run, removed (`--prune`).
    pub pruned: usize,
    /// Pages over all documents.
    pub pages: usize,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl Summary {
    /// Counts one document.
    pub fn add(&mut self, status: Status, pages: usize, reused: bool) {
        match status {
            Status::Ok => self.ok += 1,
            Status::Partial => self.partial += 1,
            Status::Failed => self.failed += 1,
        }
        self.pages += pages;
        self.reused += usize::from(reused);
    }

    /// All documents.
    pub fn documents(&self) -> usize {
        self.ok + self.partial + self.failed
    }

    /// Whether every document fully succeeded.
    pub fn all_ok(&self) -> bool {
        self.partial == 0 && self.failed == 0
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        let rate = |n: usize| if secs > 0.0 { n as f64 / secs } else { 0.0 };
        write!(
            f,
            "{} documents: {} ok, {} partial, {} failed",
            self.documents(),
            self.ok,
            self.partial,
            self.failed
        )?;
        if self.reused > 0 {
            write!(f, " ({} reused from an earlier run)", self.reused)?;
        }
        let records = |n: usize| if n == 1 { "record" } else { "records" };
        for (why, n) in &self.recomputed {
            write!(f, "; {n} recomputed ({why})")?;
        }
        if self.kept > 0 {
            let n = self.kept;
            write!(f, "; {n} {} of inputs not in this run kept", records(n))?;
        }
        if self.pruned > 0 {
            let n = self.pruned;
            write!(f, "; {n} {} of inputs not in this run pruned", records(n))?;
        }
        write!(
            f,
            "; {} pages in {:.2} s ({:.1} pages/s, {:.1} documents/s)",
            self.pages,
            secs,
            rate(self.pages),
            rate(self.documents())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_formats() {
        let mut s = Summary::default();
        s.add(Status::Ok, 3, false);
        s.add(Status::Failed, 0, true);
        s.add(Status::Partial, 1, false);
        s.elapsed = Duration::from_secs(2);
        assert_eq!(
            (s.documents(), s.pages, s.reused, s.all_ok()),
            (3, 4, 1, false)
        );
        assert_eq!(
            s.to_string(),
            "3 documents: 1 ok, 1 partial, 1 failed (1 reused from an earlier run); \
             4 pages in 2.00 s (2.0 pages/s, 1.5 documents/s)"
        );
        s.kept = 1;
        s.pruned = 2;
        assert!(s.to_string().contains(
            "; 1 record of inputs not in this run kept; 2 records of inputs not in this run pruned;"
        ));
    }
}
