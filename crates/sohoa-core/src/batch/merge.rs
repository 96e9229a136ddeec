//! Merge: shard outputs (JSON Lines + manifests) → one JSON Lines file in the whole run's
//! input order, refusing mixed pipeline versions and reporting missing or duplicated documents.
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
    /// A record made differently from the first record of the merge (other code, tables, OCR
    /// model or options).
    #[error("{path}:{line}: record made differently from the others ({why}); refusing to mix (re-run the stale shards)")]
    MixedFingerprints {
        /// The shard output.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The first part of the fingerprint that differs.
        why: &'static str,
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
}

impl MergeReport {
    /// Whether every document of the run has exactly one record.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.duplicates.is_empty() && self.absent_shards.is_empty()
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
    /// The fingerprint of the first record met; every other record must match it.
    fingerprint: Option<crate::record::Fingerprint>,
}

impl MergePlan {
    /// Reads every shard's manifest and scans its output.
    ///
    /// # Errors
    /// A [`MergeError`] when a file cannot be read, a manifest is missing, versions are mixed,
    /// the shards come from different runs, or a line is not a record of its shard.
    pub fn scan(outputs: &[PathBuf]) -> Result<Self, MergeError> {
        let mut run: Option<Run> = None;
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
                        fingerprint: None,
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
            }
            scan_output(output, file, run, &m, &by_path, &mut slots, &mut report)?;
            for e in &m.inputs {
                if slots[e.index].is_none() {
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
    let io = |source| MergeError::Io {
        path: output.into(),
        source,
    };
    let mut reader = BufReader::new(File::open(output).map_err(io)?);
    let mut line = Vec::new();
    let mut offset = 0u64;
    let mut number = 0;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(io)?;
        if n == 0 {
            break;
        }
        number += 1;
        let start = offset;
        offset += n as u64;
        let body = line.strip_suffix(b"\n").unwrap_or(&line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        if body.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let head: RecordHead = serde_json::from_slice(body).map_err(|e| MergeError::BadRecord {
            path: output.into(),
            line: number,
            message: e.to_string(),
        })?;
        if head.pipeline_version != run.version {
            return Err(MergeError::MixedVersions {
                first: run.version.clone(),
                found: head.pipeline_version,
                path: output.into(),
            });
        }
        match &run.fingerprint {
            None => run.fingerprint = Some(head.fingerprint.clone()),
            Some(first) => {
                if let Some(why) = head.fingerprint.difference(first) {
                    return Err(MergeError::MixedFingerprints {
                        path: output.into(),
                        line: number,
                        why,
                    });
                }
            }
        }
        let Some(&index) = by_path.get(&head.source.path) else {
            return Err(MergeError::UnknownDocument {
                path: output.into(),
                line: number,
                document: head.source.path.into(),
                shard: m.shard,
            });
        };
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
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::manifest::Outcome;

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
        let plan = MergePlan::scan(&outs).unwrap();
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
    fn refuses_mixed_pipeline_versions() {
        let dir = tempfile::tempdir().unwrap();
        let outs = vec![
            shard(dir.path(), &PATHS, 0, 2, "v1"),
            shard(dir.path(), &PATHS, 1, 2, "v2"),
        ];
        let err = MergePlan::scan(&outs).unwrap_err();
        assert!(matches!(err, MergeError::MixedVersions { .. }), "{err}");
        // A stale record inside a shard whose manifest is current is refused too.
        let out = &outs[0];
        let mut body = std::fs::read_to_string(out).unwrap();
        body.push_str(&line("v0", "c.pdf", "old"));
        std::fs::write(out, body).unwrap();
        let err = MergePlan::scan(&outs[..1]).unwrap_err();
        assert!(err.to_string().contains("v0"), "{err}");
    }

    #[test]
    fn refuses_records_made_with_other_options() {
        let dir = tempfile::tempdir().unwrap();
        let out = shard(dir.path(), &PATHS, 0, 1, "v1");
        let body = std::fs::read_to_string(&out).unwrap();
        let mut lines: Vec<serde_json::Value> = body
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let other = crate::record::Fingerprint {
            options: "0123456789abcdef".into(),
            ..Default::default()
        };
        lines[3]["fingerprint"] = serde_json::to_value(other).unwrap();
        let body: String = lines.iter().map(|l| l.to_string() + "\n").collect();
        std::fs::write(&out, body).unwrap();
        let err = MergePlan::scan(std::slice::from_ref(&out)).unwrap_err();
        assert!(
            matches!(
                err,
                MergeError::MixedFingerprints {
                    line: 4,
                    why: "options changed",
                    ..
                }
            ),
            "{err}"
        );
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
        let plan = MergePlan::scan(&outs).unwrap();
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
        let plan = MergePlan::scan(std::slice::from_ref(&out)).unwrap();
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
        let err = MergePlan::scan(&[a.clone(), b]).unwrap_err();
        assert!(matches!(err, MergeError::Inconsistent { .. }), "{err}");

        let mut body = std::fs::read_to_string(&a).unwrap();
        body.push_str(&line("v1", "b.png", "belongs to shard 1"));
        std::fs::write(&a, body).unwrap();
        let err = MergePlan::scan(std::slice::from_ref(&a)).unwrap_err();
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
        let err = MergePlan::scan(std::slice::from_ref(&out)).unwrap_err();
        assert!(
            err.to_string().contains("lonely.jsonl.manifest.json"),
            "{err}"
        );

        let out = shard(dir.path(), &PATHS, 0, 1, "v1");
        let mut body = std::fs::read_to_string(&out).unwrap();
        body.push_str("{\"truncated\": \n");
        std::fs::write(&out, body).unwrap();
        let err = MergePlan::scan(std::slice::from_ref(&out)).unwrap_err();
        assert!(
            matches!(err, MergeError::BadRecord { line: 8, .. }),
            "{err}"
        );
    }
}
