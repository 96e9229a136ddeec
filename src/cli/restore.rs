//! `sohoa restore`: a filter that puts Vietnamese diacritics back, stdin or FILE → stdout.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use sohoa::pipeline::Pipeline;
use sohoa::text::SourceText;

/// Restore diacritics in UTF-8 text from FILE (or stdin) to stdout, keeping line breaks.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input text file; stdin when absent or `-`.
    file: Option<PathBuf>,
}

/// Runs `sohoa restore`.
pub fn run(args: Args) -> ExitCode {
    let bytes = match args.file.as_deref().filter(|f| f.as_os_str() != "-") {
        Some(f) => std::fs::read(f).map_err(|e| format!("cannot read {}: {e}", f.display())),
        None => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map(|_| b)
                .map_err(|e| format!("cannot read stdin: {e}"))
        }
    };
    let text = match bytes.map(String::from_utf8) {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => return super::fatal(format!("input is not valid UTF-8: {e}")),
        Err(e) => return super::fatal(e),
    };
    let restored = Pipeline::default()
        .restorer
        .restore(&SourceText::from_plain(&text));
    match super::write_stdout(restored.text.as_bytes()) {
        Ok(_) => super::exit::code(super::exit::OK),
        Err(e) => super::fatal(format!("cannot write stdout: {e}")),
    }
}
