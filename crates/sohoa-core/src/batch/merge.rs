//! Merge: shard outputs (JSON Lines + manifests) → one JSON Lines file in the whole run's
//! input order. Only records made the way this build and these settings make them (their
//! [`Fingerprint`]) are combined; the others are *stale*: the caller recomputes them from their
//! inputs ([`MergePlan::add_recomputed`]) or, when an input is gone, says so
//! ([`MergePlan::input_gone`]). Missing or duplicated documents are reported.
//!
//! Memory stays bounded by the number of documents, not their size: the shard outputs are
//! scanned once to note where each record's line is (file, offset, length), then the lines are
//! copied in global order straight from the files, never parsed into records or collected.

use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::manifest::{manifest_path, ManifestError, ShardManifest};
use super::resume::RecordHead;
use super::shard::{ShardBy, ShardSpec};
use crate::record::write::{path_text, remove_stale_temps, write_atomic_with};
use crate::record::Fingerprint;

/// Why shard outputs cannot be merged at all.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// Reading a shard output or writing the merged file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A shard's manifest is missing or unreadable.
    #[error("{0} (every shard output needs its manifest beside it)")]
    Manifest(#[from] ManifestError),
    /// Shards or records made by different pipeline versions.
    #[error("{path}: made by pipeline {found}, but {first} made the other shards; refusing to mix versions (re-run the stale shards)")]
    MixedVersions {
        /// Version of the first shard.
        first: String,
        /// The differing version.
        found: String,
        /// Where it was found.
        path: PathBuf,
    },
    /// Shards that do not belong to the same run (different input counts, shard counts or
    /// strategies), or a manifest that contradicts itself.
    #[error("{path}: {message}")]
    Inconsistent {
        /// The manifest or output.
        path: PathBuf,
        /// What disagrees.
        message: String,
    },
    /// A line of a shard output that is not a record.
    #[error("{path}:{line}: not a record: {message}")]
    BadRecord {
        /// The shard output.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The JSON error.
        message: String,
    },
    /// A record whose input is not one of its shard's inputs.
    #[error("{path}:{line}: record for {document} is not an input of shard {shard}")]
    UnknownDocument {
        /// The shard output.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The record's `source.path`.
        document: PathBuf,
        /// The shard.
        shard: ShardSpec,
    },
}

/// A document of the run with no record in any shard output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// Position in the whole run's sorted input list.
    pub index: usize,
    /// The input, when a manifest names it (a shard whose output was not given cannot).
    pub path: Option<PathBuf>,
}

/// A record of the run made otherwise than this build and settings make it (other code,
/// tables, OCR model or options): not combined as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// Position in the whole run's sorted input list.
    pub index: usize,
    /// The input, as its shard's manifest names it.
    pub path: PathBuf,
    /// Why it cannot be combined: the first part of the fingerprint that differs.
    pub why: &'static str,
}

/// What a merge found, before or after writing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// The pipeline version of every shard.
    pub pipeline_version: String,
    /// Documents in the whole run.
    pub inputs_total: usize,
    /// Records that will be (or were) written.
    pub records: usize,
    /// Documents of the run with no record.
    pub missing: Vec<Missing>,
    /// Documents with more than one record (the first is kept).
    pub duplicates: Vec<PathBuf>,
    /// Shards whose output was not given at all.
    pub absent_shards: Vec<ShardSpec>,
    /// Shards whose manifest says the run did not finish.
    pub incomplete_shards: Vec<ShardSpec>,
    /// Stale records not (yet) recomputed.
    pub stale: Vec<Stale>,
    /// Stale records that could not be recomputed because their input is gone (left out).
    pub gone: Vec<Stale>,
    /// Stale records replaced by records recomputed from their inputs, by reason.
    pub recomputed: std::collections::BTreeMap<&'static str, usize>,
}

impl MergeReport {
    /// Whether every document of the run has exactly one current record.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
            && self.duplicates.is_empty()
            && self.absent_shards.is_empty()
            && self.stale.is_empty()
            && self.gone.is_empty()
    }
}

impl std::fmt::Display for MergeReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} of {} documents, pipeline {}",
            self.records, self.inputs_total, self.pipeline_version
        )?;
        for s in &self.absent_shards {
            write!(f, "\nmissing shard: no output given for shard {s}")?;
        }
        for s in &self.incomplete_shards {
            write!(
                f,
                "\nincomplete shard: manifest of shard {s} says its run did not finish"
            )?;
        }
        for m in &self.missing {
            match &m.path {
                Some(p) => write!(f, "\nmissing document #{}: {}", m.index, p.display())?,
                None => write!(f, "\nmissing document #{} (in an absent shard)", m.index)?,
            }
        }
        for d in &self.duplicates {
            write!(
                f,
                "\nduplicated document: {} (first record kept)",
                d.display()
            )?;
        }
        for (why, n) in &self.recomputed {
            let records = if *n == 1 { "record" } else { "records" };
            write!(f, "\nrecomputed {n} stale {records} ({why})")?;
        }
        for s in &self.stale {
            write!(
                f,
                "\nstale record of document #{}: {} ({}), not recomputed",
                s.index,
                s.path.display(),
                s.why
            )?;
        }
        for s in &self.gone {
            write!(
                f,
                "\nstale record of document #{}: {} ({}), cannot be recomputed: the input is gone; left out",
                s.index,
                s.path.display(),
                s.why
            )?;
        }
        Ok(())
    }
}

/// Where one record's line is.
#[derive(Debug, Clone, Copy)]
struct Slot {
    file: usize,
    offset: u64,
    len: usize,
}

/// The shard outputs scanned and checked, ready to be written in global order.
#[derive(Debug)]
pub struct MergePlan {
    outputs: Vec<PathBuf>,
    slots: Vec<Option<Slot>>,
    report: MergeReport,
}

/// The run-wide facts every shard must agree on.
struct Run {
    version: String,
    total: usize,
    count: u32,
    by: ShardBy,
    /// The fingerprint a record must carry to be combined as it is.
    current: Fingerprint,
    /// Stale records met, by input index (a current record of the same input replaces one).
    stale: HashMap<usize, &'static str>,
}

impl MergePlan {
    /// Reads every shard's manifest and scans its output; records whose fingerprint differs
    /// from `current` (or whose pipeline version differs from their manifest's) are stale.
    ///
    /// # Errors
    /// A [`MergeError`] when a file cannot be read, a manifest is missing, the manifests'
    /// versions are mixed, the shards come from different runs, or a line is not a record of
    /// its shard.
    pub fn scan(outputs: &[PathBuf], current: &Fingerprint) -> Result<Self, MergeError> {
        let mut run: Option<Run> = None;
        let mut paths: HashMap<usize, PathBuf> = HashMap::new();
        let mut slots: Vec<Option<Slot>> = Vec::new();
        let mut report = MergeReport::default();
        let mut seen_shards = BTreeSet::new();
        let mut owned_by_given = vec![];
        for (file, output) in outputs.iter().enumerate() {
            let mpath = manifest_path(output);
            let m = ShardManifest::read(&mpath)?;
            let run = match &mut run {
                None => {
                    slots = vec![None; m.inputs_total];
                    owned_by_given = vec![false; m.inputs_total];
                    run.insert(Run {
                        version: m.pipeline_version.clone(),
                        total: m.inputs_total,
                        count: m.shard.count(),
                        by: m.by,
                        current: current.clone(),
                        stale: HashMap::new(),
                    })
                }
                Some(r) => r,
            };
            check_manifest(run, &m, &mpath)?;
            seen_shards.insert(m.shard.index());
            if !m.complete {
                report.incomplete_shards.push(m.shard);
            }
            let mut by_path: HashMap<String, usize> = HashMap::with_capacity(m.inputs.len());
            for e in &m.inputs {
                owned_by_given[e.index] = true;
                by_path.insert(path_text(&e.path).into_owned(), e.index);
                paths.insert(e.index, e.path.clone());
            }
            scan_output(output, file, run, &m, &by_path, &mut slots, &mut report)?;
            for e in &m.inputs {
                if slots[e.index].is_none() && !run.stale.contains_key(&e.index) {
                    report.missing.push(Missing {
                        index: e.index,
                        path: Some(e.path.clone()),
                    });
                }
            }
        }
        let Some(run) = run else {
            return Ok(MergePlan {
                outputs: Vec::new(),
                slots,
                report,
            });
        };
        report.stale = run
            .stale
            .iter()
            .filter(|(index, _)| slots[**index].is_none())
            .map(|(&index, &why)| Stale {
                index,
                path: paths.remove(&index).unwrap_or_default(),
                why,
            })
            .collect();
        report.stale.sort_by_key(|s| s.index);
        report.pipeline_version = run.version;
        report.inputs_total = run.total;
        report.absent_shards = (0..run.count)
            .filter(|i| !seen_shards.contains(i))
            .filter_map(|i| ShardSpec::new(i, run.count).ok())
            .collect();
        for (index, owned) in owned_by_given.iter().enumerate() {
            if !owned {
                report.missing.push(Missing { index, path: None });
            }
        }
        report.missing.sort_by_key(|m| m.index);
        report.missing.dedup_by_key(|m| m.index);
        report.records = slots.iter().filter(|s| s.is_some()).count();
        Ok(MergePlan {
            outputs: outputs.to_vec(),
            slots,
            report,
        })
    }

    /// What the scan found.
    pub fn report(&self) -> &MergeReport {
        &self.report
    }

    /// Says that the stale record of document `index` cannot be recomputed: its input is gone.
    pub fn input_gone(&mut self, index: usize) {
        if let Some(k) = self.report.stale.iter().position(|s| s.index == index) {
            let s = self.report.stale.remove(k);
            self.report.gone.push(s);
        }
    }

    /// Takes the records of `path` (a JSON Lines file of records recomputed for stale ones,
    /// made with `current`) in place of the stale records of the same inputs, and returns how
    /// many it took. A line that is not a current record of a stale input is an error.
    ///
    /// # Errors
    /// [`MergeError::Io`] or [`MergeError::BadRecord`] for an unreadable file or a line that is
    /// not a record, [`MergeError::UnknownDocument`]-like [`MergeError::Inconsistent`] for a
    /// record of no stale input or one still made otherwise.
    pub fn add_recomputed(
        &mut self,
        path: &Path,
        current: &Fingerprint,
    ) -> Result<usize, MergeError> {
        let by_path: HashMap<String, usize> = self
            .report
            .stale
            .iter()
            .map(|s| (path_text(&s.path).into_owned(), s.index))
            .collect();
        let file = self.outputs.len();
        let mut taken = 0;
        for_each_line(path, |number, start, body| {
            let head = parse_head(path, number, body)?;
            let inconsistent = |message: String| MergeError::Inconsistent {
                path: path.into(),
                message: format!("line {number}: {message}"),
            };
            let index = *by_path
                .get(&head.source.path)
                .ok_or_else(|| inconsistent(format!("{} is no stale input", head.source.path)))?;
            if let Some(why) = current.difference(&head.fingerprint) {
                return Err(inconsistent(format!(
                    "recomputed record still stale ({why})"
                )));
            }
            let k = self.report.stale.iter().position(|s| s.index == index);
            let Some(k) = k else {
                return Ok(()); // already taken: keep the first
            };
            let stale = self.report.stale.remove(k);
            *self.report.recomputed.entry(stale.why).or_default() += 1;
            self.slots[index] = Some(Slot {
                file,
                offset: start,
                len: body.len(),
            });
            taken += 1;
            Ok(())
        })?;
        self.outputs.push(path.to_path_buf());
        self.report.records = self.slots.iter().filter(|s| s.is_some()).count();
        Ok(taken)
    }

    /// Writes the records in global input order to `dest`, atomically ([`write_atomic_with`]),
    /// and returns the number written.
    ///
    /// # Errors
    /// [`MergeError::Io`] when a shard output changed under us or `dest` cannot be written.
    pub fn write(&self, dest: &Path) -> Result<usize, MergeError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| MergeError::Io { path, source }
        };
        let mut files = self
            .outputs
            .iter()
            .map(|p| File::open(p).map_err(io(p)))
            .collect::<Result<Vec<_>, _>>()?;
        let dir = dest.parent().unwrap_or(Path::new(""));
        let name = dest.file_name().unwrap_or_default().to_os_string();
        remove_stale_temps(dir, |n| name == n).map_err(io(dest))?;
        let mut written = 0;
        write_atomic_with(dest, |out| {
            let mut buf = Vec::new();
            for slot in self.slots.iter().flatten() {
                let src = &self.outputs[slot.file];
                let f = &mut files[slot.file];
                buf.resize(slot.len, 0);
                // A shard output that changed under us is named in the error.
                f.seek(SeekFrom::Start(slot.offset))
                    .and_then(|_| f.read_exact(&mut buf))
                    .map_err(|e| {
                        std::io::Error::new(e.kind(), format!("{}: {e}", src.display()))
                    })?;
                out.write_all(&buf)?;
                out.write_all(b"\n")?;
                written += 1;
            }
            Ok(())
        })
        .map_err(io(dest))?;
        Ok(written)
    }
}

fn check_manifest(run: &Run, m: &ShardManifest, mpath: &Path) -> Result<(), MergeError> {
    if m.pipeline_version != run.version {
        return Err(MergeError::MixedVersions {
            first: run.version.clone(),
            found: m.pipeline_version.clone(),
            path: mpath.into(),
        });
    }
    let inconsistent = |message: String| {
        Err(MergeError::Inconsistent {
            path: mpath.into(),
            message,
        })
    };
    if m.inputs_total != run.total || m.shard.count() != run.count || m.by != run.by {
        return inconsistent(format!(
            "shard {} by {} of {} inputs does not belong to the run of the other shards ({} shards by {} of {} inputs)",
            m.shard, m.by, m.inputs_total, run.count, run.by, run.total
        ));
    }
    if let Some(e) = m.inputs.iter().find(|e| e.index >= run.total) {
        return inconsistent(format!(
            "input #{} {} is beyond the run's {} inputs",
            e.index,
            e.path.display(),
            run.total
        ));
    }
    Ok(())
}

fn scan_output(
    output: &Path,
    file: usize,
    run: &mut Run,
    m: &ShardManifest,
    by_path: &HashMap<String, usize>,
    slots: &mut [Option<Slot>],
    report: &mut MergeReport,
) -> Result<(), MergeError> {
    for_each_line(output, |number, start, body| {
        let head = parse_head(output, number, body)?;
        let Some(&index) = by_path.get(&head.source.path) else {
            return Err(MergeError::UnknownDocument {
                path: output.into(),
                line: number,
                document: head.source.path.into(),
                shard: m.shard,
            });
        };
        let stale = if head.pipeline_version != run.version {
            Some("made by other code")
        } else {
            run.current.difference(&head.fingerprint)
        };
        if let Some(why) = stale {
            run.stale.entry(index).or_insert(why);
            return Ok(());
        }
        match slots[index] {
            Some(_) => report.duplicates.push(head.source.path.into()),
            None => {
                slots[index] = Some(Slot {
                    file,
                    offset: start,
                    len: body.len(),
                })
            }
        }
        Ok(())
    })
}

/// Calls `each(line number, offset, line without its end)` for every non-blank line of the
/// JSON Lines file `path`, one line in memory at a time.
fn for_each_line(
    path: &Path,
    mut each: impl FnMut(usize, u64, &[u8]) -> Result<(), MergeError>,
) -> Result<(), MergeError> {
    let io = |source| MergeError::Io {
        path: path.into(),
        source,
    };
    let mut reader = BufReader::new(File::open(path).map_err(io)?);
    let mut line = Vec::new();
    let mut offset = 0u64;
    let mut number = 0;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(io)?;
        if n == 0 {
            return Ok(());
        }
        number += 1;
        let start = offset;
        offset += n as u64;
        let body = line.strip_suffix(b"\n").unwrap_or(&line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        if !body.iter().all(u8::is_ascii_whitespace) {
            each(number, start, body)?;
        }
    }
}

fn parse_head(path: &Path, line: usize, body: &[u8]) -> Result<RecordHead, MergeError> {
    serde_json::from_slice(body).map_err(|e| MergeError::BadRecord {
        path: path.into(),
        line,
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::manifest::Outcome;

    /// The fingerprint of the test records (they carry none).
    fn fp() -> Fingerprint {
        Fingerprint::default()
    }

    fn line(version: &str, path: &str, text: &str) -> String {
        serde_json::json!({
            "schema_version": 1,
            "pipeline_version": version,
            "id": "0",
            "source": {"path": path, "bytes": 1, "pages": 1},
            "status": "ok",
            "text": text,
        })
        .to_string()
    }

    /// Writes shard `i` of `n` over `paths` (sharded by index) the way `process` would.
    fn shard(dir: &Path, paths: &[&str], i: u32, n: u32, version: &str) -> PathBuf {
        let spec = ShardSpec::new(i, n).unwrap();
        let sel =
            crate::batch::shard::select(paths.iter(), spec, ShardBy::Index, |p| p.to_string());
        let mut m = ShardManifest::new(
            spec,
            ShardBy::Index,
            paths.len(),
            sel.iter().map(|(k, p)| (*k, PathBuf::from(p))),
        );
        let out = dir.join(format!("shard-{i}.jsonl"));
        let mut body = String::new();
        for (k, (_, p)) in sel.iter().enumerate() {
            body.push_str(&line(version, p, &format!("text of {p}")));
            body.push('\n');
            m.set(k, Outcome::Done);
        }
        m.pipeline_version = version.into();
        std::fs::write(&out, body).unwrap();
        m.write(&manifest_path(&out)).unwrap();
        out
    }

    const PATHS: [&str; 7] = [
        "a.txt", "b.png", "c.pdf", "d.txt", "e.tif", "f.txt", "g.jpg",
    ];

    #[test]
    fn merges_in_global_input_order_whatever_the_shard_order() {
        let dir = tempfile::tempdir().unwrap();
        let outs: Vec<_> = [2, 0, 1]
            .iter()
            .map(|&i| shard(dir.path(), &PATHS, i, 3, "v1"))
            .collect();
        let plan = MergePlan::scan(&outs, &fp()).unwrap();
        assert!(plan.report().is_complete(), "{}", plan.report());
        let dest = dir.path().join("merged.jsonl");
        assert_eq!(plan.write(&dest).unwrap(), 7);
        let merged = std::fs::read_to_string(&dest).unwrap();
        let expected: String = PATHS
            .iter()
            .map(|p| line("v1", p, &format!("text of {p}")) + "\n")
            .collect();
        assert_eq!(merged, expected);
    }

    #[test]
    fn refuses_mixed_manifest_versions() {
        let dir = tempfile::tempdir().unwrap();
        let outs = vec![
            shard(dir.path(), &PATHS, 0, 2, "v1"),
            shard(dir.path(), &PATHS, 1, 2, "v2"),
        ];
        let err = MergePlan::scan(&outs, &fp()).unwrap_err();
        assert!(matches!(err, MergeError::MixedVersions { .. }), "{err}");
    }

    /// Replaces the line of `path` in shard output `out` with `new`.
    fn replace_line(out: &Path, path: &str, new: &str) {
        let body = std::fs::read_to_string(out).unwrap();
        let needle = format!("\"path\":\"{path}\"");
        let body: String = body
            .lines()
            .map(|l| if l.contains(&needle) { new } else { l })
            .map(|l| l.to_string() + "\n")
            .collect();
        std::fs::write(out, body).unwrap();
    }

    #[test]
    fn stale_records_are_held_back_until_recomputed() {
        let dir = tempfile::tempdir().unwrap();
        let out = shard(dir.path(), &PATHS, 0, 1, "v1");
        // c.pdf by another version of the code, d.txt with other options.
        replace_line(&out, "c.pdf", &line("v0", "c.pdf", "old"));
        let mut other: serde_json::Value =
            serde_json::from_str(&line("v1", "d.txt", "psm 6")).unwrap();
        other["fingerprint"] = serde_json::to_value(Fingerprint {
            options: "0123456789abcdef".into(),
            ..fp()
        })
        .unwrap();
        replace_line(&out, "d.txt", &other.to_string());
        let mut plan = MergePlan::scan(std::slice::from_ref(&out), &fp()).unwrap();
        let stale: Vec<_> = plan
            .report()
            .stale
            .iter()
            .map(|s| (s.index, s.path.to_str().unwrap(), s.why))
            .collect();
        assert_eq!(
            stale,
            vec![
                (2, "c.pdf", "made by other code"),
                (3, "d.txt", "options changed")
            ]
        );
        assert!(plan.report().missing.is_empty());
        assert!(!plan.report().is_complete());
        assert_eq!(plan.report().records, 5);

        // d.txt's input is gone; c.pdf is recomputed.
        plan.input_gone(3);
        let redo = dir.path().join("redo.jsonl");
        std::fs::write(&redo, line("v1", "c.pdf", "new") + "\n").unwrap();
        assert_eq!(plan.add_recomputed(&redo, &fp()).unwrap(), 1);
        let r = plan.report();
        assert_eq!(r.recomputed.get("made by other code"), Some(&1));
        assert!(r.stale.is_empty());
        assert_eq!(r.gone.len(), 1);
        assert!(!r.is_complete());
        let text = r.to_string();
        assert!(
            text.contains("recomputed 1 stale record (made by other code)")
                && text
                    .contains("d.txt (options changed), cannot be recomputed: the input is gone"),
            "{text}"
        );
        let dest = dir.path().join("m.jsonl");
        assert_eq!(plan.write(&dest).unwrap(), 6);
        let merged = std::fs::read_to_string(&dest).unwrap();
        let lines: Vec<&str> = merged.lines().collect();
        assert!(lines[2].contains("\"new\"") && !merged.contains("old"));
        assert!(!merged.contains("psm 6"));

        // A recomputed file must hold current records of stale inputs only.
        let wrong = dir.path().join("wrong.jsonl");
        std::fs::write(&wrong, line("v1", "a.txt", "x") + "\n").unwrap();
        let mut plan = MergePlan::scan(std::slice::from_ref(&out), &fp()).unwrap();
        let err = plan.add_recomputed(&wrong, &fp()).unwrap_err();
        assert!(err.to_string().contains("a.txt is no stale input"), "{err}");
    }

    #[test]
    fn reports_missing_documents_and_absent_shards() {
        let dir = tempfile::tempdir().unwrap();
        let outs = vec![
            shard(dir.path(), &PATHS, 0, 3, "v1"),
            shard(dir.path(), &PATHS, 2, 3, "v1"),
        ];
        // Shard 0 lost its last record (killed before writing it).
        let body = std::fs::read_to_string(&outs[0]).unwrap();
        let kept: Vec<&str> = body.lines().take(2).collect();
        std::fs::write(&outs[0], kept.join("\n") + "\n").unwrap();
        let plan = MergePlan::scan(&outs, &fp()).unwrap();
        let r = plan.report();
        assert!(!r.is_complete());
        assert_eq!(r.absent_shards, vec![ShardSpec::new(1, 3).unwrap()]);
        let missing: Vec<_> = r
            .missing
            .iter()
            .map(|m| (m.index, m.path.clone()))
            .collect();
        assert_eq!(
            missing,
            vec![(1, None), (4, None), (6, Some(PathBuf::from("g.jpg"))),]
        );
        assert_eq!(r.records, 4);
        let text = r.to_string();
        assert!(
            text.contains("no output given for shard 1/3") && text.contains("g.jpg"),
            "{text}"
        );
    }

    #[test]
    fn reports_duplicated_documents_and_keeps_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let out = shard(dir.path(), &PATHS, 0, 1, "v1");
        let mut body = std::fs::read_to_string(&out).unwrap();
        body.push_str(&line("v1", "c.pdf", "second"));
        body.push('\n');
        std::fs::write(&out, body).unwrap();
        let plan = MergePlan::scan(std::slice::from_ref(&out), &fp()).unwrap();
        assert_eq!(plan.report().duplicates, vec![PathBuf::from("c.pdf")]);
        assert!(!plan.report().is_complete());
        let dest = dir.path().join("m.jsonl");
        assert_eq!(plan.write(&dest).unwrap(), 7);
        let merged = std::fs::read_to_string(&dest).unwrap();
        assert!(merged.contains("text of c.pdf") && !merged.contains("second"));
    }

    #[test]
    fn refuses_shards_of_different_runs_and_foreign_records() {
        let dir = tempfile::tempdir().unwrap();
        let a = shard(dir.path(), &PATHS, 0, 2, "v1");
        let other = tempfile::tempdir().unwrap();
        let b = shard(other.path(), &PATHS[..5], 1, 2, "v1");
        let err = MergePlan::scan(&[a.clone(), b], &fp()).unwrap_err();
        assert!(matches!(err, MergeError::Inconsistent { .. }), "{err}");

        let mut body = std::fs::read_to_string(&a).unwrap();
        body.push_str(&line("v1", "b.png", "belongs to shard 1"));
        std::fs::write(&a, body).unwrap();
        let err = MergePlan::scan(std::slice::from_ref(&a), &fp()).unwrap_err();
        assert!(
            matches!(err, MergeError::UnknownDocument { line: 5, .. }),
            "{err}"
        );
    }

    #[test]
    fn a_shard_without_manifest_or_with_garbage_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("lonely.jsonl");
        std::fs::write(&out, line("v1", "a.txt", "x")).unwrap();
        let err = MergePlan::scan(std::slice::from_ref(&out), &fp()).unwrap_err();
        assert!(
            err.to_string().contains("lonely.jsonl.manifest.json"),
            "{err}"
        );

        let out = shard(dir.path(), &PATHS, 0, 1, "v1");
        let mut body = std::fs::read_to_string(&out).unwrap();
        body.push_str("{\"truncated\": \n");
        std::fs::write(&out, body).unwrap();
        let err = MergePlan::scan(std::slice::from_ref(&out), &fp()).unwrap_err();
        assert!(
            matches!(err, MergeError::BadRecord { line: 8, .. }),
            "{err}"
        );
    }
}
