//! Input listing: command-line paths and manifests → the documents to process, in a fixed order.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One document to process, as it will be named in its record's `source.path`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InputPath {
    /// The path as given on the command line or in the manifest, or as found walking a directory.
    pub path: PathBuf,
}

/// Why the input list could not be made (a usage error, not a document failure).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The manifest file could not be read.
    #[error("cannot read manifest {path}: {source}")]
    Manifest {
        /// The manifest's path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Lists the documents named by `paths` and the lines of `manifest`, in a deterministic order.
///
/// Each argument keeps its place; a directory is replaced by the files under it, walked
/// recursively with the entries of each directory sorted by name, so the same tree always gives
/// the same order (and so the same output). Hidden entries (`.name`) met while walking are
/// skipped, since they are editor and OS litter; a path given explicitly is always kept. A path
/// that does not exist or cannot be listed is kept as it is, so it becomes a failed record naming
/// it rather than silently vanishing. A path listed twice is processed once, at its first place.
///
/// Manifest lines are paths relative to the current directory; blank lines and lines starting
/// with `#` are ignored. Manifest entries follow the command-line paths.
///
/// # Errors
/// [`InputError::Manifest`] when the manifest cannot be read.
pub fn collect(paths: &[PathBuf], manifest: Option<&Path>) -> Result<Vec<InputPath>, InputError> {
    let mut roots: Vec<PathBuf> = paths.to_vec();
    if let Some(m) = manifest {
        let text = std::fs::read_to_string(m).map_err(|source| InputError::Manifest {
            path: m.to_path_buf(),
            source,
        })?;
        roots.extend(parse_manifest(&text));
    }
    let mut out = Vec::new();
    for root in roots {
        if root.is_dir() {
            walk(&root, &mut out);
        } else {
            out.push(root);
        }
    }
    let mut seen = HashSet::new();
    Ok(out
        .into_iter()
        .filter(|p| seen.insert(p.clone()))
        .map(|path| InputPath { path })
        .collect())
}

/// The paths a manifest lists.
pub fn parse_manifest(text: &str) -> Vec<PathBuf> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(PathBuf::from)
        .collect()
}

/// Depth-first, entries sorted by file name. Symbolic links to directories are not followed,
/// which keeps a link cycle from walking forever.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(Result::ok).collect::<Vec<_>>(),
        Err(_) => {
            out.push(dir.to_path_buf());
            return;
        }
    };
    let mut entries: Vec<(std::ffi::OsString, PathBuf, bool)> = entries
        .into_iter()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            (e.file_name(), e.path(), is_dir)
        })
        .collect();
    entries.sort();
    for (_, path, is_dir) in entries {
        if is_dir {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_skips_hidden_keeps_missing_and_dedups() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("b/sub")).unwrap();
        for f in ["b/z.txt", "b/a.txt", "b/sub/m.txt", "b/.hidden", "a.txt"] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let missing = d.join("missing.txt");
        let got = collect(&[d.join("b"), missing.clone(), d.join("b/a.txt")], None).unwrap();
        let got: Vec<_> = got.into_iter().map(|i| i.path).collect();
        assert_eq!(
            got,
            vec![
                d.join("b/a.txt"),
                d.join("b/sub/m.txt"),
                d.join("b/z.txt"),
                missing
            ]
        );
    }

    #[test]
    fn manifest_skips_blanks_and_comments() {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("list");
        std::fs::write(&m, "# docs\na.txt\r\n\n  \nsub/b.png\n").unwrap();
        let got = collect(&[PathBuf::from("first")], Some(&m)).unwrap();
        let got: Vec<_> = got.into_iter().map(|i| i.path).collect();
        assert_eq!(
            got,
            vec![
                PathBuf::from("first"),
                PathBuf::from("a.txt"),
                PathBuf::from("sub/b.png")
            ]
        );
        assert!(collect(&[], Some(&dir.path().join("nope"))).is_err());
    }
}
