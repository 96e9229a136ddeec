//! One run per output: an advisory lock on `OUT.lock` beside the output, taken before anything
//! of the output is opened, so a second run on the same output stops at once with a clear
//! message and the first run's files are never touched by it.
//!
//! The lock is the kernel's (`flock`), so it goes with the process however it ends (a killed
//! run leaves no stale lock to clean by hand: its file stays, but unlocked). A run that ends
//! normally removes the file while still holding the lock; a run that locked a file since
//! removed (it opened it just before) sees that the path no longer names its file and retries.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Why the output could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another run holds the lock.
    #[error(
        "another sohoa run{pid} is writing {output} (lock {lock}); one run per output at a time"
    )]
    Busy {
        /// The output.
        output: PathBuf,
        /// The lock file.
        lock: PathBuf,
        /// `" (pid N)"` when the lock file names its holder, else empty.
        pid: String,
    },
    /// The lock file could not be created.
    #[error("cannot write output {output}: cannot create its lock {lock}: {source}")]
    Io {
        /// The output.
        output: PathBuf,
        /// The lock file.
        lock: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
}

/// The held lock; released (and its file removed) when dropped, or when the process ends.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
    path: PathBuf,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while held, so no other run can have locked this file meanwhile.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// `OUT.lock` beside the output `OUT` (beside a directory output, not in it).
pub fn lock_path(output: &Path) -> PathBuf {
    // Collecting the components drops a trailing `/`, so `out/` gives `out.lock`.
    let mut name = output.components().as_path().as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the lock of `output` without waiting.
///
/// # Errors
/// [`LockError::Busy`] when another process holds it, [`LockError::Io`] when the lock file
/// cannot be created (the output's folder is created first if missing).
pub fn acquire(output: &Path) -> Result<OutputLock, LockError> {
    let lock = lock_path(output);
    let io = |source| LockError::Io {
        output: output.to_path_buf(),
        lock: lock.clone(),
        source,
    };
    if let Some(parent) = lock.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    // A few tries: each failed one means another run removed the file between our open and
    // our lock, which it does only when ending.
    for _ in 0..8 {
        if let Some(held) = try_lock(output, &lock)? {
            return Ok(held);
        }
    }
    Err(io(io::Error::other("the lock file keeps being replaced")))
}

/// One attempt: `Ok(None)` when the locked file is no longer the one at `lock`.
fn try_lock(output: &Path, lock: &Path) -> Result<Option<OutputLock>, LockError> {
    let io = |source| LockError::Io {
        output: output.to_path_buf(),
        lock: lock.to_path_buf(),
        source,
    };
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(lock)
        .map_err(io)?;
    // SAFETY: a valid open descriptor; flock has no memory effects.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc != 0 {
        let err = io::Error::last_os_error();
        if err.raw_os_error() != Some(libc::EWOULDBLOCK) {
            return Err(io(err));
        }
        let mut holder = String::new();
        let _ = file.read_to_string(&mut holder);
        let holder = holder.trim();
        let pid = if !holder.is_empty() && holder.bytes().all(|b| b.is_ascii_digit()) {
            format!(" (pid {holder})")
        } else {
            String::new()
        };
        return Err(LockError::Busy {
            output: output.to_path_buf(),
            lock: lock.to_path_buf(),
            pid,
        });
    }
    let same = match (file.metadata(), std::fs::metadata(lock)) {
        (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
        _ => false,
    };
    if !same {
        return Ok(None);
    }
    // Only the holder writes its pid, so a waiting run can name it.
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| writeln!(file, "{}", std::process::id()));
    Ok(Some(OutputLock {
        _file: file,
        path: lock.to_path_buf(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_one_output_is_refused_until_the_first_goes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("sub/out.jsonl");
        let first = acquire(&out).unwrap();
        assert_eq!(lock_path(&out), dir.path().join("sub/out.jsonl.lock"));
        // flock locks belong to the open file, so a second open in this process conflicts too.
        let err = acquire(&out).unwrap_err().to_string();
        assert!(err.contains("another sohoa run"), "{err}");
        assert!(
            err.contains(&format!("(pid {})", std::process::id())),
            "{err}"
        );
        drop(first);
        assert!(
            !lock_path(&out).exists(),
            "a run that ends removes its lock file"
        );
        assert!(acquire(&out).is_ok());
        assert_eq!(
            lock_path(&dir.path().join("dir/")),
            dir.path().join("dir.lock")
        );
    }
}
