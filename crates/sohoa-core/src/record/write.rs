//! Record writers: one JSON line, one pretty JSON file, and the atomic file write they rely on.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use super::Record;

/// `record` as one line of JSON Lines, newline included.
pub fn to_json_line(record: &Record) -> Vec<u8> {
    // A Record has only string keys and finite numbers, so serialising cannot fail.
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
/// never a part: the bytes go to a temporary file beside it, are synced, then renamed over it.
///
/// # Errors
/// Any I/O error; the temporary file is removed on failure.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
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
}
