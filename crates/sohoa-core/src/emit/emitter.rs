//! Writing one document's deliverables: which files, where, atomically; nothing for a failed
//! document (and no stale file from an earlier run left under its name), nothing for a text
//! input (said once per run on stderr).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::layout::Layout;
use super::pdfa::PdfPage;
use super::{file_path, image, sidecar_path, DocumentInfo, Format};
use crate::error::{Stage, StageError};
use crate::ingest::{self, Document, PageInput};
use crate::record::write::write_atomic;
use crate::record::{Fingerprint, Record, Status};
use crate::restore::RestoredText;
use crate::text::SourceText;

/// Writes the deliverables `--emit` asks for; shared by every worker thread.
#[derive(Debug)]
pub struct Emitter {
    /// The formats to write, each once.
    pub formats: Vec<Format>,
    /// The directory they go to.
    pub dir: PathBuf,
    /// Pages over this many megapixels are refused (as OCR refuses them).
    pub max_megapixels: f64,
    /// What makes this run's records; written in each document's sidecar, so `--resume`
    /// reuses emitted files only when they were made the same way.
    pub fingerprint: Fingerprint,
    told_text: AtomicBool,
}

/// The sidecar of a document's emitted files: what made them.
#[derive(Debug, serde::Serialize, serde::Deserialize, PartialEq)]
struct Made {
    /// SHA-256 of the input bytes.
    id: String,
    /// The run's fingerprint.
    fingerprint: Fingerprint,
    /// The formats written, by extension.
    files: Vec<String>,
}

impl Emitter {
    /// An emitter of `formats` into `dir`.
    pub fn new(formats: &[Format], dir: PathBuf) -> Emitter {
        let mut formats = formats.to_vec();
        formats.sort();
        formats.dedup();
        Emitter {
            formats,
            dir,
            max_megapixels: crate::ingest::limits::DEFAULT_MAX_MEGAPIXELS,
            fingerprint: Fingerprint::default(),
            told_text: AtomicBool::new(false),
        }
    }

    /// The files this emitter writes for the document at `input`, its sidecar last.
    pub fn paths(&self, input: &Path) -> Vec<PathBuf> {
        self.formats
            .iter()
            .map(|&f| file_path(&self.dir, input, f))
            .chain(std::iter::once(sidecar_path(&self.dir, input)))
            .collect()
    }

    /// Whether an earlier run left every file a reused record of `input` (holding bytes `id`)
    /// should have, made from those bytes with this run's fingerprint (its sidecar says so):
    /// none for a failed or text document, all of them otherwise.
    pub fn complete_for(&self, input: &Path, id: &str, status: Status, image_like: bool) -> bool {
        if status == Status::Failed || !image_like {
            return true;
        }
        let made = std::fs::read(sidecar_path(&self.dir, input))
            .ok()
            .and_then(|b| serde_json::from_slice::<Made>(&b).ok());
        made.is_some_and(|m| m == self.made(id)) && self.paths(input).iter().all(|p| p.is_file())
    }

    /// The sidecar of a document with input hash `id` emitted by this emitter.
    fn made(&self, id: &str) -> Made {
        Made {
            id: id.to_string(),
            fingerprint: self.fingerprint.clone(),
            files: self
                .formats
                .iter()
                .map(|f| f.extension().to_string())
                .collect(),
        }
    }

    /// Removes the files of `input` an earlier run made: a document that now fails must not
    /// keep deliverables of what its path held before.
    pub fn clear(&self, input: &Path) {
        for p in self.paths(input) {
            let _ = std::fs::remove_file(p);
        }
    }

    /// Writes the deliverables of a processed document. A failed record gets none; a text
    /// input gets none, and the first one of the run says so on stderr.
    ///
    /// # Errors
    /// An output [`StageError`] naming the file that could not be made or written.
    pub fn emit(
        &self,
        doc: &Document,
        source: &SourceText,
        restored: &RestoredText,
        record: &Record,
    ) -> Result<(), StageError> {
        if record.status == Status::Failed {
            self.clear(&doc.path);
            return Ok(());
        }
        let Some(ocr) = record
            .ocr
            .as_ref()
            .filter(|_| doc.media_type.is_image_like())
        else {
            if !self.told_text.swap(true, Ordering::Relaxed) {
                eprintln!(
                    "sohoa: --emit: text inputs have no page images, so nothing is emitted for \
                     them (first: {})",
                    doc.path.display()
                );
            }
            return Ok(());
        };
        let layout = Layout::build(source, restored, ocr);
        let info = DocumentInfo::from_record(record);
        std::fs::create_dir_all(&self.dir).map_err(|e| {
            StageError::new(
                Stage::Output,
                format!("cannot create {}: {e}", self.dir.display()),
            )
        })?;
        for &format in &self.formats {
            let path = file_path(&self.dir, &doc.path, format);
            let bytes = match format {
                Format::Txt => super::txt::render(&layout).into_bytes(),
                Format::Hocr => super::hocr::render(&layout, &info).into_bytes(),
                Format::Alto => super::alto::render(&layout, &info).into_bytes(),
                Format::Pdfa => self.pdf(doc, &layout, &info)?,
            };
            write(&path, &bytes)?;
        }
        // Last, once every file is there: what made them.
        let made = serde_json::to_vec(&self.made(&doc.id)).expect("a sidecar serialises");
        write(&sidecar_path(&self.dir, &doc.path), &made)
    }

    /// The PDF/A of an OCR'd document: its pages taken out again as ingest gives them to OCR
    /// (a JPEG as it is, a fax page as fax data), each under its words.
    fn pdf(
        &self,
        doc: &Document,
        layout: &Layout,
        info: &DocumentInfo,
    ) -> Result<Vec<u8>, StageError> {
        let empty = |number: usize| super::layout::Page {
            number,
            width: 0,
            height: 0,
            dpi: 300,
            from_text_layer: false,
            blocks: Vec::new(),
            text: String::new(),
        };
        let mut placeholders = Vec::new();
        let mut images = Vec::new();
        // Every page as its image, text layer or not: the PDF/A is the scan under the words.
        for page in ingest::page_stream_mode(doc, self.max_megapixels, ingest::OcrMode::Force)? {
            let page = page.map_err(|e| pdf_error(e.page, &e.message))?;
            let number = page.number();
            let PageInput::Image { bytes, .. } = page else {
                return Err(pdf_error(
                    Some(number),
                    "the page is a PDF text layer, not an image",
                ));
            };
            let image = image::from_bytes(&bytes).map_err(|m| pdf_error(Some(number), &m))?;
            if !layout.pages.iter().any(|p| p.number == number) {
                placeholders.push(empty(number));
            }
            images.push((number, image));
        }
        let pages = images
            .into_iter()
            .map(|(number, image)| {
                let page = layout
                    .pages
                    .iter()
                    .chain(&placeholders)
                    .find(|p| p.number == number)
                    .expect("every page has a layout or a placeholder");
                PdfPage { page, image }
            })
            .collect();
        super::pdfa::render(pages, info).map_err(|m| pdf_error(None, &m))
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), StageError> {
    write_atomic(path, bytes).map_err(|e| {
        StageError::new(
            Stage::Output,
            format!("cannot write {}: {e}", path.display()),
        )
    })
}

fn pdf_error(page: Option<usize>, message: &str) -> StageError {
    let message = format!("no PDF/A made: {message}");
    match page {
        Some(p) => StageError::on_page(Stage::Output, p, message),
        None => StageError::new(Stage::Output, message),
    }
}
