//! `sohoa ocr`: one document's page text to stdout (pages separated by a form feed line).

use std::path::PathBuf;

use sohoa_core::ingest::{self, PageInput};
use sohoa_core::ocr::{self, OcrOptions};

use super::Exit;

/// Print the OCR text of FILE (PNG, JPEG, TIFF, PDF; text is printed as it is).
#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct Args {
    /// The document.
    file: PathBuf,
    #[command(flatten)]
    ocr: super::ocr_args::OcrArgs,
}

/// Runs `sohoa ocr`: exit 0 when every page was read, 2 when some pages failed.
pub fn run(args: Args) -> Exit {
    // Bad settings are one usage error before the document is read, not a failure per page.
    if let Err(e) = args.ocr.check() {
        return super::fatal(e);
    }
    let doc = match ingest::read(&args.file) {
        Ok(d) => d,
        Err(e) => return super::fatal(format!("{}: {e}", args.file.display())),
    };
    let options: OcrOptions = args.ocr.options();
    // Pages are taken out one at a time: a long PDF is streamed, never held whole.
    let pages = match ingest::page_stream_mode(&doc, options.max_megapixels, options.mode) {
        Ok(p) => p,
        Err(e) => return super::fatal(format!("{}: {e}", args.file.display())),
    };
    let mut failed = false;
    for (i, page) in pages.enumerate() {
        let text = page.and_then(|p| match p {
            PageInput::TextLayer { text, .. } => Ok(text),
            image => ocr::recognise(&image, &options).map(|o| o.text),
        });
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                eprintln!("sohoa: {}: {e}", args.file.display());
                failed = true;
                continue;
            }
        };
        let sep = if i > 0 { "\u{c}\n" } else { "" };
        match super::write_stdout(format!("{sep}{text}").as_bytes()) {
            Ok(true) => {}
            Ok(false) => return Exit::Ok,
            Err(e) => return super::fatal(format!("cannot write stdout: {e}")),
        }
    }
    Exit::finished(!failed)
}
