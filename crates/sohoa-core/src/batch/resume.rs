//! Resume: which records an earlier, interrupted or finished run already wrote, and where.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use serde::Deserialize;

use crate::record::write::path_text;
use crate::record::{Fingerprint, Status};

/// The few fields of a record that `--resume` and `merge` need to decide whether it can be
/// reused or combined (the one record head of the crate). Parsing into this still checks
/// that the whole line is valid JSON, so a torn or corrupt line is never reused.
#[derive(Debug, Deserialize)]
pub struct RecordHead {
    /// Pipeline version that made the record.
    pub pipeline_version: String,
    /// What made it (empty in records older than fingerprints).
    #[serde(default)]
    pub fingerprint: Fingerprint,
    /// SHA-256 of the input bytes.
    pub id: String,
    /// The input.
    pub source: HeadSource,
    /// ok, partial or failed.
    pub status: Status,
}

/// The part of `source` that [`RecordHead`] needs.
#[derive(Debug, Deserialize)]
pub struct HeadSource {
    /// Input path as records write it ([`path_text`]).
    pub path: String,
    /// Pages found.
    pub pages: usize,
}

impl RecordHead {
    /// Whether this record can stand for the one `fingerprint` would make from `path` holding
    /// bytes `id`; `Err` says why not.
    ///
    /// # Errors
    /// The reason, in words: the input changed, or the first part of the fingerprint that differs.
    pub fn reusable(
        &self,
        path: &Path,
        id: &str,
        fingerprint: &Fingerprint,
    ) -> Result<(), &'static str> {
        if self.source.path != path_text(path) {
            return Err("another input");
        }
        if self.id.is_empty() || self.id != id {
            return Err(INPUT_CHANGED);
        }
        if self.pipeline_version != crate::PIPELINE_VERSION {
            return Err("made by other code");
        }
        match fingerprint.difference(&self.fingerprint) {
            Some(why) => Err(why),
            None => Ok(()),
        }
    }
}

/// Why a record of the same input path is not reused when its bytes changed.
pub const INPUT_CHANGED: &str = "input changed";

/// Which file of a JSON Lines output a reusable record lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The finished output of an earlier run.
    Finished,
    /// The `.partial` file records are appended to as they complete.
    Partial,
}

/// Where one complete record line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Which file.
    pub origin: Origin,
    /// Byte offset of the line.
    pub offset: u64,
    /// Length of the line, newline included.
    pub len: u64,
}

/// A record an earlier run wrote that this run can take as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prior {
    /// Where it is (for JSON Lines output; `None` for one-file-per-document output).
    pub location: Option<Location>,
    /// Its status, for the summary.
    pub status: Status,
    /// Its page count, for the summary.
    pub pages: usize,
}

/// The reusable records of earlier runs, by (input path, input hash). Holds locations, not
/// records, so resuming a run of any size costs a few dozen bytes per document.
#[derive(Debug, Default)]
pub struct ResumeIndex {
    /// The fingerprint a record must carry to be reused.
    fingerprint: Fingerprint,
    entries: HashMap<(String, String), Prior>,
    /// Why the records of (path, hash) that are not reusable are not.
    stale: HashMap<(String, String), &'static str>,
    /// The newest complete record line of every input path met, whatever made it: the
    /// records a resumed run keeps for inputs that are not among its own.
    latest: HashMap<String, Location>,
}

impl ResumeIndex {
    /// An empty index of records made with `fingerprint`.
    pub fn new(fingerprint: Fingerprint) -> Self {
        ResumeIndex {
            fingerprint,
            ..ResumeIndex::default()
        }
    }

    /// Adds the complete, current-version record lines of `path`, a JSON Lines file, and
    /// returns the length of its valid prefix: the offset just past its last complete line.
    /// A last line without its newline (a run killed mid-write) is not counted, so the caller can
    /// cut it off before appending. A missing file adds nothing and has length 0.
    ///
    /// # Errors
    /// I/O errors other than the file not existing.
    pub fn scan(&mut self, path: &Path, origin: Origin) -> io::Result<u64> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let mut reader = BufReader::new(file);
        let mut line = Vec::new();
        let mut offset = 0u64;
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line)? as u64;
            if n == 0 || line.last() != Some(&b'\n') {
                return Ok(offset);
            }
            if let Ok(head) = serde_json::from_slice::<RecordHead>(&line) {
                let here = Location {
                    origin,
                    offset,
                    len: n,
                };
                // Scanned after the finished output, the `.partial` file's lines are newer.
                self.latest.insert(head.source.path.clone(), here);
                let key = (head.source.path.clone(), head.id.clone());
                let path = Path::new(&head.source.path);
                match head.reusable(path, &head.id, &self.fingerprint) {
                    Ok(()) => {
                        let prior = Prior {
                            location: Some(here),
                            status: head.status,
                            pages: head.source.pages,
                        };
                        self.entries.entry(key).or_insert(prior);
                    }
                    Err(why) => {
                        self.stale.insert(key, why);
                    }
                }
            }
            offset += n;
        }
    }

    /// The reusable record for `path` with content hash `id`; else why the output's record of
    /// that path (if it has one) cannot be reused.
    ///
    /// # Errors
    /// `Some(reason)` when the path has a record that is stale, `None` when it has none.
    pub fn find(&self, path: &Path, id: &str) -> Result<Prior, Option<&'static str>> {
        // The key owns its strings; building it per lookup is cheap next to hashing the file.
        let key = (path_text(path).into_owned(), id.to_string());
        if let Some(prior) = self.entries.get(&key) {
            return Ok(*prior);
        }
        if let Some(why) = self.stale.get(&key) {
            return Err(Some(why));
        }
        Err(self.latest.contains_key(&key.0).then_some(INPUT_CHANGED))
    }

    /// The newest record line of every path for which `in_run` is false, in the order of the
    /// earlier output (its finished file first, then its `.partial` file).
    pub fn others(&self, in_run: impl Fn(&str) -> bool) -> Vec<Location> {
        let mut kept: Vec<Location> = self
            .latest
            .iter()
            .filter(|(path, _)| !in_run(path))
            .map(|(_, loc)| *loc)
            .collect();
        kept.sort_by_key(|l| (l.origin == Origin::Partial, l.offset));
        kept
    }

    /// Number of reusable records.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is nothing to reuse.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(path: &str, id: &str, version: &str) -> String {
        let fp = serde_json::to_string(&current()).unwrap();
        format!(
            "{{\"pipeline_version\":\"{version}\",\"fingerprint\":{fp},\"id\":\"{id}\",\
             \"status\":\"ok\",\"source\":{{\"path\":\"{path}\",\"pages\":2}},\"text\":\"x\"}}\n"
        )
    }

    fn current() -> Fingerprint {
        Fingerprint::new("tesseract test".into(), "options")
    }

    #[test]
    fn scan_keeps_complete_current_lines_and_reports_valid_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl.partial");
        let v = crate::PIPELINE_VERSION;
        let good = line("a.txt", "aa", v);
        let old = line("b.txt", "bb", "sohoa-0.0.0");
        let torn = &line("c.txt", "cc", v)[..20];
        std::fs::write(&p, format!("{good}{old}not json\n{torn}")).unwrap();
        let mut idx = ResumeIndex::new(current());
        let valid = idx.scan(&p, Origin::Partial).unwrap();
        assert_eq!(valid as usize, good.len() + old.len() + "not json\n".len());
        assert_eq!(idx.len(), 1);
        let prior = idx.find(Path::new("a.txt"), "aa").unwrap();
        assert_eq!(
            idx.find(Path::new("b.txt"), "bb").unwrap_err(),
            Some("made by other code")
        );
        assert_eq!(prior.pages, 2);
        assert_eq!(
            prior.location,
            Some(Location {
                origin: Origin::Partial,
                offset: 0,
                len: good.len() as u64
            })
        );
        assert_eq!(
            idx.find(Path::new("a.txt"), "zz").unwrap_err(),
            Some(INPUT_CHANGED)
        );
        assert_eq!(idx.find(Path::new("new.txt"), "zz").unwrap_err(), None);
        let mut other = ResumeIndex::new(Fingerprint::new("tesseract test".into(), "psm 6"));
        other.scan(&p, Origin::Partial).unwrap();
        assert_eq!(
            other.find(Path::new("a.txt"), "aa").unwrap_err(),
            Some("options changed")
        );
        assert_eq!(
            idx.scan(&dir.path().join("none"), Origin::Finished)
                .unwrap(),
            0
        );
        // Records of any version are kept for paths outside the run, the newest of each.
        let other = idx.others(|p| p == "a.txt");
        assert_eq!(other.len(), 1);
        assert_eq!(other[0].offset, good.len() as u64);
        assert!(idx.others(|_| true).is_empty());
    }
}
