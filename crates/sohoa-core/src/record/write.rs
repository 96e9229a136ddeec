//! Record writers: one JSON line, one pretty JSON file, and the atomic file write they rely on.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};

use super::Record;

/// `record` as one line of JSON Lines, newline included.
pub fn to_json_line(record: &Record) -> Vec<u8> {
    // A Record has only string keys, finite numbers and paths written as text
    // ([`serialize_path`]), so serialising cannot fail.
    let mut line = serde_json::to_vec(record).expect("a record always serialises");
    line.push(b'\n');
    line
}

/// `record` as an indented JSON document, newline included (for one-file-per-document output).
pub fn to_json_pretty(record: &Record) -> Vec<u8> {
    let mut doc = serde_json::to_vec_pretty(record).expect("a record always serialises");
    doc.push(b'\n');
    doc
}

/// Writes records as JSON Lines to any writer, flushing after each so that a reader (or a
/// resumed run) never waits on a record held in a buffer.
#[derive(Debug)]
pub struct JsonlWriter<W: Write> {
    inner: W,
}

impl<W: Write> JsonlWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        JsonlWriter { inner }
    }

    /// Writes one record line and flushes it.
    ///
    /// # Errors
    /// The writer's I/O error (e.g. `BrokenPipe` on a closed stdout).
    pub fn write(&mut self, record: &Record) -> io::Result<()> {
        self.inner.write_all(&to_json_line(record))?;
        self.inner.flush()
    }

    /// The wrapped writer.
    pub fn into_inner(self) -> W {
        self.inner
    }
}

/// Writes `bytes` to `path` so that `path` holds either its old content or all of the new,
/// never a part (see [`write_atomic_with`]).
///
/// # Errors
/// Any I/O error; the temporary file is removed on failure.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// The one way sohoa replaces a file (records, directory output, manifests, merged output,
/// run reports): `fill` writes the new content into a buffered temporary file beside `path`
/// ([`temp_path`]), which is synced and renamed over `path`, so a reader or a crash sees the
/// old file or the whole new one. A killed run's temporary file is removed by the next run on
/// the same output ([`remove_stale_temps`]).
///
/// # Errors
/// Any I/O error, `fill`'s included; the temporary file is removed on failure.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut w = BufWriter::new(File::create(&tmp)?);
        fill(&mut w)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `path` with `.<pid>.tmp` appended: beside the target (so the rename stays on one file
/// system) and unique per process (so two runs never write the same temporary file).
pub fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.tmp", std::process::id()));
    path.with_file_name(name)
}

/// Removes the temporary files ([`temp_path`]: `NAME.<pid>.tmp`) that a killed run left in
/// `dir` beside the files `is_ours(NAME)` names. A temporary file of a process that is still
/// running is left alone (the output lock keeps a second run off the same output anyway).
///
/// # Errors
/// The I/O error when `dir` cannot be listed or a stale file cannot be removed.
pub fn remove_stale_temps(dir: &Path, is_ours: impl Fn(&str) -> bool) -> io::Result<()> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".tmp")) else {
            continue;
        };
        let Some((target, pid)) = stem.rsplit_once('.') else {
            continue;
        };
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) || !is_ours(target) {
            continue;
        }
        let alive = pid != std::process::id().to_string() && Path::new("/proc").join(pid).exists();
        if !alive {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// A path as a record writes it: the path itself when it is UTF-8 (nearly always), else its
/// UTF-8 runs as they are with each other byte written `\xNN` and each backslash doubled, so
/// a name in a legacy encoding (`café.txt` in Latin-1) is kept losslessly and a record always
/// serialises. `--resume` and `merge` match records to inputs by this text.
pub fn path_text(path: &Path) -> Cow<'_, str> {
    let bytes = path.as_os_str().as_encoded_bytes();
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        for b in chunk.invalid() {
            use std::fmt::Write as _;
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    Cow::Owned(out)
}

/// Serialises a path as [`path_text`] (for `#[serde(serialize_with)]`): never fails.
///
/// # Errors
/// Only the serializer's own.
pub fn serialize_path<S: serde::Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path_text(path))
}

/// The file name a document's record gets in one-file-per-document output: its input path with
/// the separators turned into `__`, so that `scans/2023/a.tif` becomes `scans__2023__a.tif.json`
/// and documents of the same name in different folders do not collide.
///
/// Root, `.` and drive prefixes are dropped; characters that are unsafe in file names become
/// `_`; an over-long name is cut and given a hash of the full path so it stays unique.
pub fn file_name_for(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => None,
        })
        .collect();
    let joined: String = parts
        .join("__")
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let joined = if joined.is_empty() {
        "document".to_string()
    } else {
        joined
    };
    // Most file systems cap a name at 255 bytes; leave room for the hash and ".json".
    const MAX: usize = 200;
    if joined.len() <= MAX {
        return format!("{joined}.json");
    }
    let mut cut = MAX;
    while !joined.is_char_boundary(cut) {
        cut -= 1;
    }
    let hash = crate::ingest::sha256_hex(path.as_os_str().as_encoded_bytes());
    format!("{}~{}.json", &joined[..cut], &hash[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_folders_apart_and_stay_safe() {
        assert_eq!(
            file_name_for(Path::new("scans/2023/a.tif")),
            "scans__2023__a.tif.json"
        );
        assert_eq!(file_name_for(Path::new("/abs/./b.txt")), "abs__b.txt.json");
        assert_eq!(file_name_for(Path::new("../up.txt")), "..__up.txt.json");
        assert_eq!(file_name_for(Path::new("a:b\n.txt")), "a_b_.txt.json");
        let long = "đ".repeat(300);
        let name = file_name_for(Path::new(&long));
        assert!(name.len() <= 255 && name.ends_with(".json"), "{name}");
        assert_ne!(name, file_name_for(Path::new(&"đ".repeat(301))));
    }

    #[test]
    fn atomic_write_replaces_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.json");
        std::fs::write(&p, "old").unwrap();
        write_atomic(&p, b"new content").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new content");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn stale_temps_of_dead_runs_go_and_others_stay() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // pid 0 is never a running process's; the test's own pid is alive but ours.
        let dead = d.join("out.jsonl.0.tmp");
        let ours = temp_path(&d.join("out.jsonl"));
        let foreign = d.join("other.jsonl.0.tmp");
        let alive = d.join("out.jsonl.1.tmp"); // pid 1 (init) is always running
        for p in [&dead, &ours, &foreign, &alive] {
            std::fs::write(p, "x").unwrap();
        }
        remove_stale_temps(d, |name| name == "out.jsonl").unwrap();
        assert!(!dead.exists() && !ours.exists());
        assert!(foreign.exists() && alive.exists());
    }

    #[test]
    fn non_utf8_paths_are_written_losslessly() {
        use std::os::unix::ffi::OsStrExt;
        let latin1 = Path::new(std::ffi::OsStr::from_bytes(b"dir/caf\xe9 a\\b.txt"));
        assert_eq!(path_text(latin1), "dir/caf\\xe9 a\\\\b.txt");
        assert_eq!(path_text(Path::new("Kế hoạch\\x.txt")), "Kế hoạch\\x.txt");
    }
}
