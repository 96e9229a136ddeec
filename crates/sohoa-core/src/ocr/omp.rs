//! Making sure Tesseract's OpenMP threading is off before the process does anything else.
//!
//! rayon owns the cores (one engine per worker); OpenMP threads inside each engine would fight
//! them and make every page 3-4× slower. The OpenMP runtime reads `OMP_THREAD_LIMIT` once when
//! the library loads, so setting it from inside the process is too late: the binary re-executes
//! itself once with it set.

/// The environment variable OpenMP reads.
pub const OMP_THREAD_LIMIT: &str = "OMP_THREAD_LIMIT";

/// If `OMP_THREAD_LIMIT` is unset, replaces this process with itself (same arguments and
/// environment) plus `OMP_THREAD_LIMIT=1`. Returns only when no re-exec was needed or it
/// failed (then a warning is printed and the process carries on, just slower). A value the
/// user set, even another number, is respected.
pub fn ensure_omp_thread_limit() {
    if std::env::var_os(OMP_THREAD_LIMIT).is_some() {
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let err = std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(OMP_THREAD_LIMIT, "1")
            .exec();
        eprintln!("sohoa: warning: could not re-execute with {OMP_THREAD_LIMIT}=1 ({err}); OCR will be slower");
    }
}
