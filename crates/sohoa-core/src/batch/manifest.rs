//! The per-shard manifest: which inputs a shard owns, what became of each, and which pipeline
//! version did the work. Written beside the shard's output; `sohoa merge` reads it to restore
//! the global input order and to notice missing documents and mixed versions.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::inputs::InputPath;
use super::progress::Observer;
use super::shard::{ShardBy, ShardSpec};
use super::summary::Summary;
use super::Done;
use crate::record::write::write_atomic_with;
use crate::record::Status;

/// What became of one input of the shard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Not processed (yet): the run was killed or is still going.
    Pending,
    /// Processed by this run; the record is `ok` or `partial`.
    Done,
    /// Processed by this run; the record is `failed`.
    Failed,
    /// Not processed by this run because `--resume` found its record from an earlier run.
    Skipped,
}

impl Outcome {
    /// The outcome of a record this run produced.
    pub fn of_status(status: Status) -> Self {
        match status {
            Status::Failed => Outcome::Failed,
            Status::Ok | Status::Partial => Outcome::Done,
        }
    }
}

/// One input owned by the shard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Position in the whole run's sorted input list (before sharding).
    pub index: usize,
    /// The path as the record's `source.path` gives it.
    #[serde(serialize_with = "crate::record::write::serialize_path")]
    pub path: PathBuf,
    /// What became of it.
    pub outcome: Outcome,
}

/// The manifest of one shard's run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardManifest {
    /// [`crate::PIPELINE_VERSION`] of the run.
    pub pipeline_version: String,
    /// Which shard, `I/N`.
    pub shard: ShardSpec,
    /// How inputs were assigned to shards.
    pub by: ShardBy,
    /// Number of inputs in the whole run, all shards together.
    pub inputs_total: usize,
    /// Whether the run finished (every entry has left [`Outcome::Pending`]).
    pub complete: bool,
    /// Inputs processed by this run with an `ok` or `partial` record.
    pub done: usize,
    /// Inputs processed by this run with a `failed` record.
    pub failed: usize,
    /// Inputs not redone because an earlier run's record was kept (`--resume`).
    pub skipped: usize,
    /// The shard's inputs in global order.
    pub inputs: Vec<ManifestEntry>,
}

/// A manifest that cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// Reading or writing the file failed.
    #[error("{path}: {source}")]
    Io {
        /// The manifest file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not a manifest.
    #[error("{path}: not a shard manifest: {source}")]
    Parse {
        /// The manifest file.
        path: PathBuf,
        /// The JSON error.
        source: serde_json::Error,
    },
}

/// Where the manifest of the shard output `output` lives: `OUTPUT.manifest.json` (beside a
/// directory output, not in it).
pub fn manifest_path(output: &Path) -> PathBuf {
    // Collecting the components drops a trailing `/`, so `out/` gives `out.manifest.json`.
    let mut name = output.components().as_path().as_os_str().to_owned();
    name.push(".manifest.json");
    PathBuf::from(name)
}

/// Whether `candidate` is the manifest of `output`, so a run whose output sits inside its input
/// directory does not read its own manifest back as a document.
pub fn is_manifest_of(output: &Path, candidate: &Path) -> bool {
    let m = manifest_path(output);
    m.file_name() == candidate.file_name()
        && match (
            m.parent().map(canonical_dir),
            candidate.parent().map(canonical_dir),
        ) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
}

fn canonical_dir(dir: &Path) -> PathBuf {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

impl ShardManifest {
    /// A manifest with every selected input pending; `selected` holds (global index, path).
    pub fn new(
        shard: ShardSpec,
        by: ShardBy,
        inputs_total: usize,
        selected: impl IntoIterator<Item = (usize, PathBuf)>,
    ) -> Self {
        let inputs: Vec<ManifestEntry> = selected
            .into_iter()
            .map(|(index, path)| ManifestEntry {
                index,
                path,
                outcome: Outcome::Pending,
            })
            .collect();
        ShardManifest {
            pipeline_version: crate::PIPELINE_VERSION.to_string(),
            shard,
            by,
            inputs_total,
            // A shard that got no inputs (more shards than documents) has nothing left to do.
            complete: inputs.is_empty(),
            done: 0,
            failed: 0,
            skipped: 0,
            inputs,
        }
    }

    /// Records the outcome of the `n`-th input of the shard (0-based within the shard) and
    /// keeps the counts and `complete` in step.
    ///
    /// # Panics
    /// When `n` is not an input of the shard.
    pub fn set(&mut self, n: usize, outcome: Outcome) {
        let old = std::mem::replace(&mut self.inputs[n].outcome, outcome);
        for (o, delta) in [(old, -1i64), (outcome, 1)] {
            let counter = match o {
                Outcome::Done => &mut self.done,
                Outcome::Failed => &mut self.failed,
                Outcome::Skipped => &mut self.skipped,
                Outcome::Pending => continue,
            };
            *counter = (*counter as i64 + delta) as usize;
        }
        self.complete = self.done + self.failed + self.skipped == self.inputs.len();
    }

    /// Reads a manifest.
    ///
    /// # Errors
    /// [`ManifestError`] when the file cannot be read or is not a manifest.
    pub fn read(path: &Path) -> Result<Self, ManifestError> {
        let bytes = std::fs::read(path).map_err(|source| ManifestError::Io {
            path: path.into(),
            source,
        })?;
        serde_json::from_slice(&bytes).map_err(|source| ManifestError::Parse {
            path: path.into(),
            source,
        })
    }

    /// Writes the manifest atomically ([`write_atomic_with`]), so a killed shard leaves either
    /// the old manifest or the new one, never half of one.
    ///
    /// # Errors
    /// [`ManifestError::Io`] when the file cannot be written.
    pub fn write(&self, path: &Path) -> Result<(), ManifestError> {
        let io = |source| ManifestError::Io {
            path: path.into(),
            source,
        };
        write_atomic_with(path, |w| {
            serde_json::to_writer_pretty(&mut *w, self)?;
            w.write_all(b"\n")
        })
        .map_err(io)
    }
}

/// An [`Observer`] that keeps the shard's manifest up to date around another observer: written
/// with every input pending when the batch starts (so a killed shard leaves a manifest saying it
/// is incomplete) and again, complete, when it finishes.
pub struct ManifestObserver<'a> {
    inner: &'a mut dyn Observer,
    manifest: ShardManifest,
    path: PathBuf,
    position: HashMap<PathBuf, usize>,
    error: Option<ManifestError>,
}

impl<'a> ManifestObserver<'a> {
    /// Keeps `manifest` at `path` while forwarding every event to `inner`.
    pub fn new(manifest: ShardManifest, path: PathBuf, inner: &'a mut dyn Observer) -> Self {
        let position = manifest
            .inputs
            .iter()
            .enumerate()
            .map(|(n, e)| (e.path.clone(), n))
            .collect();
        ManifestObserver {
            inner,
            manifest,
            path,
            position,
            error: None,
        }
    }

    /// The manifest as it stands, and the first error writing it (observers cannot fail).
    pub fn into_result(self) -> Result<ShardManifest, ManifestError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.manifest),
        }
    }

    fn save(&mut self) {
        if self.error.is_none() {
            self.error = self.manifest.write(&self.path).err();
        }
    }
}

impl Observer for ManifestObserver<'_> {
    fn start(&mut self, documents: usize) {
        self.save();
        self.inner.start(documents);
    }

    fn done(&mut self, input: &InputPath, done: &Done<'_>) {
        if let Some(&n) = self.position.get(&input.path) {
            let outcome = match done {
                Done::New(r) => Outcome::of_status(r.status),
                Done::Reused(_) => Outcome::Skipped,
            };
            self.manifest.set(n, outcome);
        }
        self.inner.done(input, done);
    }

    fn recomputed(&mut self, why: &str) {
        self.inner.recomputed(why);
    }

    fn finish(&mut self, summary: &Summary) {
        self.save();
        self.inner.finish(summary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_outcomes_and_round_trip_through_disk() {
        let spec = ShardSpec::new(1, 3).unwrap();
        let sel = vec![(1, PathBuf::from("a.txt")), (4, PathBuf::from("b.png"))];
        let mut m = ShardManifest::new(spec, ShardBy::Index, 6, sel);
        assert!(!m.complete);
        m.set(0, Outcome::Done);
        assert_eq!((m.done, m.failed, m.skipped, m.complete), (1, 0, 0, false));
        m.set(1, Outcome::Failed);
        assert_eq!((m.done, m.failed, m.skipped, m.complete), (1, 1, 0, true));
        m.set(1, Outcome::Skipped);
        assert_eq!((m.done, m.failed, m.skipped, m.complete), (1, 0, 1, true));

        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("shard-1.jsonl");
        let path = manifest_path(&out);
        assert_eq!(path, dir.path().join("shard-1.jsonl.manifest.json"));
        m.write(&path).unwrap();
        assert_eq!(ShardManifest::read(&path).unwrap(), m);
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file may remain");
        assert_eq!(
            manifest_path(&dir.path().join("out/")),
            dir.path().join("out.manifest.json")
        );
        assert!(is_manifest_of(&out, &path));
        assert!(!is_manifest_of(
            &out,
            &dir.path().join("other.manifest.json")
        ));
    }

    #[test]
    fn regression_empty_shard_is_complete() {
        // 30 shards over 24 documents: shard 24 owns nothing and must not look unfinished.
        let spec = ShardSpec::new(24, 30).unwrap();
        let m = ShardManifest::new(spec, ShardBy::Index, 24, Vec::new());
        assert!(m.complete);
        let m = ShardManifest::new(spec, ShardBy::Index, 24, vec![(24, "x".into())]);
        assert!(!m.complete);
    }

    #[test]
    fn a_non_manifest_is_refused_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.manifest.json");
        std::fs::write(&path, "{\"pipeline_version\": 3}").unwrap();
        let err = ShardManifest::read(&path).unwrap_err().to_string();
        assert!(
            err.contains("x.manifest.json") && err.contains("not a shard manifest"),
            "{err}"
        );
    }
}
