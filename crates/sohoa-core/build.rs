//! Build script: the facts a record's fingerprint needs that only the build knows — the source
//! commit and a hash of the embedded tables — passed to the crate as environment variables.

use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    // The repository root: this crate's folder, or two up in the workspace layout.
    let here = Path::new(&manifest);
    let root = if here.join("dictionaries").is_dir() {
        here.to_path_buf()
    } else {
        here.join("../..")
    };
    println!("cargo:rerun-if-env-changed=SOHOA_SOURCE_COMMIT");
    let commit = std::env::var("SOHOA_SOURCE_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git(&root, &["rev-parse", "HEAD"]))
        .unwrap_or_else(|| "unknown".into());
    // A new commit (or a switch of branch) must rebuild with the new id: watch HEAD and the
    // branch it points to.
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
    watched.extend(git(&root, &["symbolic-ref", "-q", "HEAD"]));
    for what in &watched {
        // Only files that exist: a missing one would make cargo rerun this every build.
        if let Some(p) = git(&root, &["rev-parse", "--git-path", what]).map(|p| root.join(p)) {
            if p.exists() {
                println!("cargo:rerun-if-changed={}", p.display());
            }
        }
    }
    let short: String = commit.trim().chars().take(12).collect();
    println!("cargo:rustc-env=SOHOA_SOURCE_COMMIT={short}");

    // The tables compiled into the restorer (`include_bytes!` of `dictionaries/`).
    let tables = root.join("dictionaries");
    println!("cargo:rerun-if-changed={}", tables.display());
    let mut names: Vec<_> = std::fs::read_dir(&tables)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    let mut hash = Sha256::new();
    for path in names
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
    {
        println!("cargo:rerun-if-changed={}", path.display());
        hash.update(path.file_name().unwrap_or_default().as_encoded_bytes());
        hash.update(std::fs::read(path).unwrap_or_default());
    }
    let hex: String = hash
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    println!("cargo:rustc-env=SOHOA_TABLES_SHA256={hex}");
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}
