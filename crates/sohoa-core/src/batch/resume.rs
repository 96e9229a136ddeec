//! Resume: which records an earlier, interrupted or finished run already wrote, and where.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::record::Status;

/// The few fields of a record that decide whether it can be reused. Parsing into this still
/// checks that the whole line is valid JSON, so a torn or corrupt line is never reused.
#[derive(Debug, Deserialize)]
pub struct RecordHead {
    /// Pipeline version that made the record.
    pub pipeline_version: String,
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
    /// Input path.
    pub path: PathBuf,
    /// Pages found.
    pub pages: usize,
}

impl RecordHead {
    /// Whether this record was made by this pipeline version from `path` holding bytes `id`.
    pub fn matches(&self, path: &Path, id: &str) -> bool {
        !self.id.is_empty()
            && self.id == id
            && self.source.path == path
            && self.pipeline_version == crate::PIPELINE_VERSION
    }
}

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
    entries: HashMap<(PathBuf, String), Prior>,
}

impl ResumeIndex {
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
                if head.pipeline_version == crate::PIPELINE_VERSION && !head.id.is_empty() {
                    let prior = Prior {
                        location: Some(Location {
                            origin,
                            offset,
                            len: n,
                        }),
                        status: head.status,
                        pages: head.source.pages,
                    };
                    self.entries
                        .entry((head.source.path, head.id))
                        .or_insert(prior);
                }
            }
            offset += n;
        }
    }

    /// The reusable record for `path` with content hash `id`, if any.
    pub fn find(&self, path: &Path, id: &str) -> Option<Prior> {
        // The key owns a PathBuf; building it per lookup is cheap next to hashing the file.
        self.entries
            .get(&(path.to_path_buf(), id.to_string()))
            .copied()
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
        format!(
            "{{\"pipeline_version\":\"{version}\",\"id\":\"{id}\",\"status\":\"ok\",\
             \"source\":{{\"path\":\"{path}\",\"pages\":2}},\"text\":\"x\"}}\n"
        )
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
        let mut idx = ResumeIndex::default();
        let valid = idx.scan(&p, Origin::Partial).unwrap();
        assert_eq!(valid as usize, good.len() + old.len() + "not json\n".len());
        assert_eq!(idx.len(), 1);
        let prior = idx.find(Path::new("a.txt"), "aa").unwrap();
        assert_eq!(prior.pages, 2);
        assert_eq!(
            prior.location,
            Some(Location {
                origin: Origin::Partial,
                offset: 0,
                len: good.len() as u64
            })
        );
        assert!(idx.find(Path::new("a.txt"), "zz").is_none());
        assert!(idx.find(Path::new("b.txt"), "bb").is_none());
        assert_eq!(
            idx.scan(&dir.path().join("none"), Origin::Finished)
                .unwrap(),
            0
        );
    }
}
