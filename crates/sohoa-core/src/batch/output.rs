//! Output targets: where records go, how each is made safe against a crash, and what a resumed
//! run may reuse from them.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use super::inputs::InputPath;
use super::resume::{Location, Origin, Prior, RecordHead, ResumeIndex};
use crate::record::write::{
    file_name_for, path_text, remove_stale_temps, to_json_line, to_json_pretty, write_atomic,
    write_atomic_with,
};
use crate::record::{Fingerprint, Record};

/// Where the records of a batch go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// JSON Lines on standard output, in input order.
    Stdout,
    /// One JSON Lines file, in input order.
    Jsonl(PathBuf),
    /// A directory with one JSON file per document.
    Dir(PathBuf),
}

impl Output {
    /// `-` is stdout; a path ending in `/` or naming an existing directory is a directory;
    /// anything else is a JSON Lines file.
    pub fn from_arg(arg: &Path) -> Output {
        let s = arg.as_os_str();
        if s == "-" {
            Output::Stdout
        } else if s.as_encoded_bytes().ends_with(b"/") || arg.is_dir() {
            Output::Dir(arg.to_path_buf())
        } else {
            Output::Jsonl(arg.to_path_buf())
        }
    }

    /// The `.partial` file a JSON Lines output collects records in while it runs.
    pub fn partial_path(out: &Path) -> PathBuf {
        let mut name = out.file_name().unwrap_or_default().to_os_string();
        name.push(".partial");
        out.with_file_name(name)
    }

    /// Whether `path` is one of the files this output writes (the output file, its `.partial`
    /// file, anything in the output directory, the lock and run report beside it), which must
    /// not be read back as a document when the output sits inside an input directory.
    pub fn owns(&self, path: &Path) -> bool {
        let path = absolute(path);
        let beside = |out: &Path| {
            path == absolute(&super::lock::lock_path(out))
                || path == absolute(&super::report::report_path(out))
        };
        match self {
            Output::Stdout => false,
            Output::Jsonl(p) => {
                let p = absolute(p);
                path == p || path == absolute(&Self::partial_path(&p)) || beside(&p)
            }
            Output::Dir(d) => path.starts_with(absolute(d)) || beside(d),
        }
    }
}

/// `path` made absolute and, where it exists, canonical, so `corpus/out` and `./corpus/out`
/// compare equal.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    // A file not written yet: canonicalise its folder and keep its name.
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => parent
            .canonicalize()
            .map(|p| p.join(name))
            .unwrap_or_else(|_| path.to_path_buf()),
        _ => std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// What a worker hands back for one document.
#[derive(Debug)]
pub enum Outcome {
    /// A record made by this run (boxed: records are large and cross a channel).
    New(Box<Record>),
    /// A record an earlier run wrote, reused as it is.
    Reused(Prior),
}

/// What earlier runs left that workers may reuse: read-only, shared by every worker.
#[derive(Debug)]
pub(super) enum Lookup {
    /// Nothing to reuse (no `--resume`, or stdout).
    Nothing,
    /// Complete lines of an earlier JSON Lines output and its `.partial` file.
    Jsonl(ResumeIndex),
    /// The per-document files of a directory output (`resume`: whether to look at them; a
    /// file is reused when it was made with `fingerprint`).
    Dir {
        names: Vec<PathBuf>,
        resume: bool,
        fingerprint: Fingerprint,
    },
}

/// Writes records; owned by the batch's collecting thread alone.
#[derive(Debug)]
pub(super) enum Writer {
    Stdout(StdoutSink),
    Jsonl(JsonlSink),
    Dir(PathBuf),
}

/// What became of the records an earlier run left for inputs that are not in this run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Others {
    /// Kept in the output as they were.
    pub kept: usize,
    /// Removed, because the run was asked to prune them.
    pub pruned: usize,
}

/// Opens `output` for `inputs`; with `resume`, indexes what earlier runs left.
pub(super) fn open(
    output: &Output,
    inputs: &[InputPath],
    resume: bool,
    prune: bool,
    fingerprint: &Fingerprint,
) -> io::Result<(Lookup, Writer)> {
    Ok(match output {
        Output::Stdout => (
            Lookup::Nothing,
            Writer::Stdout(StdoutSink {
                pending: BTreeMap::new(),
                next: 0,
                out: io::stdout(),
            }),
        ),
        Output::Jsonl(path) => {
            let (index, sink) = JsonlSink::open(path, inputs, resume, prune, fingerprint)?;
            (Lookup::Jsonl(index), Writer::Jsonl(sink))
        }
        Output::Dir(dir) => (
            Lookup::Dir {
                names: dir_names(dir, inputs)?,
                resume,
                fingerprint: fingerprint.clone(),
            },
            Writer::Dir(dir.clone()),
        ),
    })
}

impl Lookup {
    /// A record an earlier run left for document `ordinal`, if it can be reused; else why the
    /// one it left cannot be (`None` when it left none).
    pub(super) fn find(
        &self,
        ordinal: usize,
        input: &InputPath,
        id: &str,
    ) -> Result<Prior, Option<&'static str>> {
        match self {
            Lookup::Nothing | Lookup::Dir { resume: false, .. } => Err(None),
            Lookup::Jsonl(index) => index.find(&input.path, id),
            Lookup::Dir {
                names, fingerprint, ..
            } => {
                let bytes = std::fs::read(&names[ordinal]).map_err(|_| None)?;
                let head: RecordHead = serde_json::from_slice(&bytes).map_err(|_| None)?;
                head.reusable(&input.path, id, fingerprint).map_err(Some)?;
                Ok(Prior {
                    location: None,
                    status: head.status,
                    pages: head.source.pages,
                })
            }
        }
    }
}

impl Writer {
    /// Takes the outcome for document `ordinal` (outcomes arrive in any order).
    pub(super) fn accept(
        &mut self,
        ordinal: usize,
        outcome: Outcome,
        lookup: &Lookup,
    ) -> io::Result<()> {
        match (self, lookup) {
            (Writer::Stdout(s), _) => s.accept(ordinal, outcome),
            (Writer::Jsonl(s), _) => s.accept(ordinal, outcome),
            (Writer::Dir(_), Lookup::Dir { names, .. }) => match outcome {
                Outcome::New(record) => write_atomic(&names[ordinal], &to_json_pretty(&record)),
                Outcome::Reused(_) => Ok(()),
            },
            (Writer::Dir(_), _) => Err(io::Error::other("directory output without its names")),
        }
    }

    /// Records held in memory waiting for an earlier one (only stdout reorders in memory).
    pub(super) fn buffered(&self) -> usize {
        match self {
            Writer::Stdout(s) => s.pending.len(),
            _ => 0,
        }
    }

    /// Completes the output once every document has been accepted, keeping (or, with
    /// `prune`, removing) the records earlier runs left for inputs that are not in this run.
    pub(super) fn finish(self, lookup: &Lookup, prune: bool) -> io::Result<Others> {
        match (self, lookup) {
            (Writer::Stdout(mut s), _) => s.out.flush().map(|()| Others::default()),
            (Writer::Jsonl(s), _) => s.finish(),
            (Writer::Dir(dir), Lookup::Dir { names, .. }) => dir_others(&dir, names, prune),
            (Writer::Dir(_), _) => Err(io::Error::other("directory output without its names")),
        }
    }
}

/// Streams records to stdout in input order through a reorder buffer, which the batch keeps
/// small by not starting documents far ahead of the next one due.
#[derive(Debug)]
pub(super) struct StdoutSink {
    pending: BTreeMap<usize, Box<Record>>,
    next: usize,
    out: io::Stdout,
}

impl StdoutSink {
    fn accept(&mut self, ordinal: usize, outcome: Outcome) -> io::Result<()> {
        if let Outcome::New(record) = outcome {
            self.pending.insert(ordinal, record);
        }
        let mut out = self.out.lock();
        while let Some(record) = self.pending.remove(&self.next) {
            out.write_all(&to_json_line(&record))?;
            self.next += 1;
        }
        // Flushed per batch of ready records so a consumer sees them as they come.
        out.flush()
    }
}

/// One JSON Lines file. Records are appended to `OUT.partial` as they complete (flushed each
/// time, so a killed run loses at most the line being written); only their locations are kept.
/// At the end the lines are copied in input order into a temporary file that is synced and
/// renamed to `OUT`, and the `.partial` file is removed. A resumed run reuses complete lines of
/// both `OUT.partial` and an earlier `OUT`.
#[derive(Debug)]
pub(super) struct JsonlSink {
    out: PathBuf,
    partial_path: PathBuf,
    partial: File,
    partial_len: u64,
    locations: Vec<Option<Location>>,
    /// Record lines of earlier runs for inputs not in this run, written after this run's.
    others: Vec<Location>,
    prune: bool,
}

impl JsonlSink {
    fn open(
        out: &Path,
        inputs: &[InputPath],
        resume: bool,
        prune: bool,
        fingerprint: &Fingerprint,
    ) -> io::Result<(ResumeIndex, JsonlSink)> {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let partial_path = Output::partial_path(out);
        let base = out
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        remove_stale_temps(out.parent().unwrap_or(Path::new(".")), |name| name == base)?;
        let mut index = ResumeIndex::new(fingerprint.clone());
        let partial_len = if resume {
            index.scan(out, Origin::Finished)?;
            index.scan(&partial_path, Origin::Partial)?
        } else {
            0
        };
        let partial = OpenOptions::new()
            .create(true)
            .read(true)
            .write(true)
            .truncate(false)
            .open(&partial_path)?;
        // Cut a torn last line (or, without --resume, everything) before appending after it.
        partial.set_len(partial_len)?;
        let in_run: HashSet<Cow<str>> = inputs.iter().map(|i| path_text(&i.path)).collect();
        let others = index.others(|p| in_run.contains(p));
        let sink = JsonlSink {
            out: out.to_path_buf(),
            partial_path,
            partial,
            partial_len,
            locations: vec![None; inputs.len()],
            others,
            prune,
        };
        Ok((index, sink))
    }

    fn accept(&mut self, ordinal: usize, outcome: Outcome) -> io::Result<()> {
        let location = match outcome {
            Outcome::New(record) => {
                let line = to_json_line(&record);
                self.partial.write_all_at(&line, self.partial_len)?;
                let loc = Location {
                    origin: Origin::Partial,
                    offset: self.partial_len,
                    len: line.len() as u64,
                };
                self.partial_len += line.len() as u64;
                loc
            }
            Outcome::Reused(prior) => prior
                .location
                .ok_or_else(|| io::Error::other("reused record without a location"))?,
        };
        self.locations[ordinal] = Some(location);
        Ok(())
    }

    fn finish(self) -> io::Result<Others> {
        let finished = match File::open(&self.out) {
            Ok(f) => Some(f),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        let others: &[Location] = if self.prune { &[] } else { &self.others };
        write_atomic_with(&self.out, |w| {
            let mut line = Vec::new();
            let ours = self
                .locations
                .iter()
                .map(|loc| loc.ok_or_else(|| io::Error::other("a document has no record")));
            for loc in ours.chain(others.iter().copied().map(Ok)) {
                let loc = loc?;
                let file = match loc.origin {
                    Origin::Partial => &self.partial,
                    Origin::Finished => finished
                        .as_ref()
                        .ok_or_else(|| io::Error::other("earlier output vanished"))?,
                };
                line.resize(loc.len as usize, 0);
                file.read_exact_at(&mut line, loc.offset)?;
                w.write_all(&line)?;
            }
            Ok(())
        })?;
        std::fs::remove_file(&self.partial_path)?;
        Ok(Others {
            kept: others.len(),
            pruned: self.others.len() - others.len(),
        })
    }
}

/// The record files of a directory output that belong to no input of this run: counted, or
/// with `prune` removed. Only files that hold a record are touched.
fn dir_others(dir: &Path, names: &[PathBuf], prune: bool) -> io::Result<Others> {
    let ours: HashSet<&std::ffi::OsStr> = names.iter().filter_map(|p| p.file_name()).collect();
    let mut others = Others::default();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if ours.contains(name.as_os_str()) || !name.as_encoded_bytes().ends_with(b".json") {
            continue;
        }
        let is_record = std::fs::read(entry.path())
            .ok()
            .is_some_and(|b| serde_json::from_slice::<RecordHead>(&b).is_ok());
        if !is_record {
            continue;
        }
        if prune {
            std::fs::remove_file(entry.path())?;
            others.pruned += 1;
        } else {
            others.kept += 1;
        }
    }
    Ok(others)
}

/// The file of each document in a directory output. Each record is written atomically as soon
/// as it is done (pretty JSON), so the directory itself is the resume state.
fn dir_names(dir: &Path, inputs: &[InputPath]) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut used = HashSet::new();
    let names = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            let mut name = file_name_for(&input.path);
            // Two paths can flatten to one name (`a/b` and `a__b`); the later one gets its
            // ordinal, which is stable for a given input list.
            if !used.insert(name.clone()) {
                name = format!("{}.{i}.json", name.trim_end_matches(".json"));
                used.insert(name.clone());
            }
            dir.join(name)
        })
        .collect::<Vec<_>>();
    let ours: HashSet<&str> = names
        .iter()
        .filter_map(|p| p.file_name()?.to_str())
        .collect();
    remove_stale_temps(dir, |name| ours.contains(name))?;
    Ok(names)
}
