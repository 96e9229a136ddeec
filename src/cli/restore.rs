//! `sohoa restore`: a filter that puts Vietnamese diacritics back, stdin or FILE → stdout.
//!
//! Streams: the input is read in chunks of at least [`CHUNK`] bytes that end at a blank line
//! (or, for text without blank lines, at a line end after 4 × [`CHUNK`]); each chunk is
//! restored and written before the next is read, so memory stays bounded on large inputs. Blank lines already end the
//! decoder's context, so chunking there changes nothing in the output of normal documents.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;

use sohoa_core::restore::Restorer;
use sohoa_core::text::SourceText;

use super::Exit;

/// Bytes of text restored at once, at most (a line is never split).
const CHUNK: usize = 256 * 1024;

/// Restore diacritics in UTF-8 text from FILE (or stdin) to stdout, keeping line breaks.
#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct Args {
    /// Input text file; stdin when absent or `-`.
    file: Option<PathBuf>,
}

/// Runs `sohoa restore`.
pub fn run(args: Args) -> Exit {
    let input: Box<dyn Read> = match args.file.as_deref().filter(|f| f.as_os_str() != "-") {
        Some(f) => match std::fs::File::open(f) {
            Ok(file) => Box::new(file),
            Err(e) => return super::fatal(format!("cannot read {}: {e}", f.display())),
        },
        None => Box::new(std::io::stdin().lock()),
    };
    let restorer = Restorer::embedded();
    let mut reader = BufReader::new(input);
    let mut chunk: Vec<u8> = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    loop {
        line.clear();
        let n = match reader.read_until(b'\n', &mut line) {
            Ok(n) => n,
            Err(e) => return super::fatal(format!("cannot read input: {e}")),
        };
        let blank = n > 0 && line.iter().all(u8::is_ascii_whitespace);
        chunk.extend_from_slice(&line);
        // Chunks end at a blank line once they are big enough for the document-level choice
        // of channel (stripped, noisy OCR, marked) to be made on plenty of words.
        if n == 0 || (chunk.len() >= CHUNK && (blank || chunk.len() >= 4 * CHUNK)) {
            if let Err(code) = flush(&restorer, &chunk) {
                return code;
            }
            chunk.clear();
        }
        if n == 0 {
            return Exit::Ok;
        }
    }
}

/// Restores one chunk and writes it; `Err` carries the exit code to stop with.
fn flush(restorer: &Restorer, chunk: &[u8]) -> Result<(), Exit> {
    if chunk.is_empty() {
        return Ok(());
    }
    let text = std::str::from_utf8(chunk)
        .map_err(|e| super::fatal(format!("input is not valid UTF-8: {e}")))?;
    let restored = restorer.restore(&SourceText::from_plain(text));
    match super::write_stdout(restored.text.as_bytes()) {
        Ok(true) => Ok(()),
        // The reader went away (`| head`): a normal end.
        Ok(false) => Err(Exit::Ok),
        Err(e) => Err(super::fatal(format!("cannot write stdout: {e}"))),
    }
}
