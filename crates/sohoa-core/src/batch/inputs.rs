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

/// Which files found walking a directory are inputs: `--include` / `--exclude` globs. A glob
/// with a `/` is matched against the path below the directory given, else against the file
/// name; `*` matches within a name, `**` across folders, `?` one character. Paths given
/// explicitly (on the command line or in a manifest) are always inputs.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// When not empty, a file must match one of these.
    pub include: Vec<String>,
    /// A file matching one of these is skipped.
    pub exclude: Vec<String>,
}

impl Selection {
    /// Whether the file at `relative` (below the walked directory) is selected.
    pub fn selects(&self, relative: &Path) -> bool {
        let rel = relative.to_string_lossy();
        let name = relative
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let hit = |globs: &[String]| {
            globs.iter().any(|g| {
                let subject = if g.contains('/') { &rel } else { &name };
                glob_match(g.as_bytes(), subject.as_bytes())
            })
        };
        (self.include.is_empty() || hit(&self.include)) && !hit(&self.exclude)
    }
}

/// `*` (not across `/`), `**` (across `/`) and `?` glob matching, by bytes.
fn glob_match(glob: &[u8], s: &[u8]) -> bool {
    match glob {
        [] => s.is_empty(),
        [b'*', b'*', rest @ ..] => {
            let rest = rest.strip_prefix(b"/").unwrap_or(rest);
            (0..=s.len()).any(|i| glob_match(rest, &s[i..]))
        }
        [b'*', rest @ ..] => (0..=s.len())
            .take_while(|&i| i == 0 || s[i - 1] != b'/')
            .any(|i| glob_match(rest, &s[i..])),
        [b'?', rest @ ..] => !s.is_empty() && s[0] != b'/' && glob_match(rest, &s[1..]),
        [c, rest @ ..] => s.first() == Some(c) && glob_match(rest, &s[1..]),
    }
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
    collect_selected(paths, manifest, &Selection::default())
}

/// [`collect`], keeping of the files found walking directories only those `selection` selects.
///
/// # Errors
/// [`InputError::Manifest`] when the manifest cannot be read.
pub fn collect_selected(
    paths: &[PathBuf],
    manifest: Option<&Path>,
    selection: &Selection,
) -> Result<Vec<InputPath>, InputError> {
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
            let mut found = Vec::new();
            walk(&root, &mut found);
            out.extend(found.into_iter().filter(|p| match p.strip_prefix(&root) {
                Ok(rel) => selection.selects(rel),
                Err(_) => true,
            }));
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
    fn include_and_exclude_globs_select_walked_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("scans/2023")).unwrap();
        for f in [
            "scans/2023/a.tif",
            "scans/b.pdf",
            "checksums.md5",
            "scans/2023/a.gt.txt",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let sel = Selection {
            include: vec!["*.tif".into(), "scans/*.pdf".into()],
            exclude: vec!["**/a.gt.txt".into()],
        };
        let got =
            collect_selected(&[d.to_path_buf(), d.join("checksums.md5")], None, &sel).unwrap();
        let got: Vec<_> = got.into_iter().map(|i| i.path).collect();
        assert_eq!(
            got,
            vec![
                d.join("scans/2023/a.tif"),
                d.join("scans/b.pdf"),
                d.join("checksums.md5")
            ]
        );
        assert!(glob_match(b"**/*.txt", b"a/b/c.txt") && glob_match(b"**/*.txt", b"c.txt"));
        assert!(!glob_match(b"*.txt", b"a/c.txt") && glob_match(b"?.t*", b"c.txt"));
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
