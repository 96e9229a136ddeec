//! The `sohoa` binary: parse arguments, run, map the outcome to an exit code.

mod cli;

fn main() -> std::process::ExitCode {
    sohoa_core::ocr::omp::ensure_omp_thread_limit();
    cli::main()
}
