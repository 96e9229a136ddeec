//! The pipeline for one document: ingest → OCR → restore → segment → record.

use std::path::Path;

use rayon::prelude::*;

use crate::error::{Stage, StageError};
use crate::ingest::{self, Document, MediaType, PageInput};
use crate::ocr::{self, OcrOptions, OcrPage, OcrSummary};
use crate::record::{Record, Source, Status, SCHEMA_VERSION};
use crate::restore::{Origin, RestoredText, Restorer};
use crate::segment;
use crate::text::SourceText;

/// Everything needed to turn one input into one record; shared by all worker threads.
#[derive(Debug, Default)]
pub struct Pipeline {
    /// OCR settings.
    pub ocr: OcrOptions,
    /// The diacritic restorer (dictionary and language model).
    pub restorer: Restorer,
    /// The deliverables written beside each record (`--emit`), if any.
    pub emit: Option<crate::emit::Emitter>,
}

impl Pipeline {
    /// Reads and processes the file at `path`. Never fails: failures become a failed record.
    pub fn process_path(&self, path: &Path) -> Record {
        match std::fs::read(path) {
            Ok(bytes) => {
                let id = ingest::sha256_hex(&bytes);
                self.process_bytes(path, bytes, id)
            }
            Err(e) => Self::unreadable(path, &e),
        }
    }

    /// Processes the bytes read from `path`, whose SHA-256 is `id` (the batch hashes first to
    /// decide whether a resumed run can skip the document). Never fails.
    pub fn process_bytes(&self, path: &Path, bytes: Vec<u8>, id: String) -> Record {
        let len = bytes.len() as u64;
        match ingest::with_id(path.to_path_buf(), bytes, id.clone()) {
            Ok(doc) => self.process_document(&doc),
            Err(e) => {
                if let Some(emitter) = &self.emit {
                    emitter.clear(path);
                }
                let source = Source {
                    path: path.to_path_buf(),
                    media_type: None,
                    bytes: len,
                    pages: 0,
                    notes: Vec::new(),
                };
                Record::failed(source, id, vec![e])
            }
        }
    }

    /// The failed record of a file that could not be read at all; its `id` is empty because
    /// there are no bytes to hash.
    pub fn unreadable(path: &Path, error: &std::io::Error) -> Record {
        let message = format!("cannot read file: {error}");
        Self::refused(path, StageError::new(Stage::Ingest, message))
    }

    /// The failed record of a file refused before reading (too large); its `id` is empty
    /// because its bytes were never read.
    pub fn refused(path: &Path, error: StageError) -> Record {
        let source = Source {
            path: path.to_path_buf(),
            media_type: None,
            bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            pages: 0,
            notes: Vec::new(),
        };
        Record::failed(source, String::new(), vec![error])
    }

    /// Processes a document already read, and writes its deliverables when `emit` asks for
    /// them (a failure to write them is an `output` error of the record).
    pub fn process_document(&self, doc: &Document) -> Record {
        let (mut record, texts) = self.process_texts(doc);
        if let Some(emitter) = &self.emit {
            let emitted = match &texts {
                Some((source, restored)) => emitter.emit(doc, source, restored, &record),
                None => {
                    emitter.clear(&doc.path);
                    Ok(())
                }
            };
            if let Err(e) = emitted {
                record.errors.push(e);
                if record.status == Status::Ok {
                    record.status = Status::Partial;
                }
            }
        }
        record
    }

    /// The record of a document and, when it was read, its source and restored texts.
    fn process_texts(&self, doc: &Document) -> (Record, Option<(SourceText, RestoredText)>) {
        let mut source = Source {
            path: doc.path.clone(),
            media_type: Some(doc.media_type),
            bytes: doc.bytes.len() as u64,
            pages: 0,
            notes: Vec::new(),
        };
        if doc.media_type == MediaType::Text {
            // Nothing for the emitter but its note that text inputs get no deliverables.
            let empty = (SourceText::default(), RestoredText::default());
            return (self.process_plain(doc, source), Some(empty));
        }
        let (source_text, origin, ocr_summary, errors) = match self.read_text(doc) {
            Ok(read) => read,
            Err(e) => return (Record::failed(source, doc.id.clone(), vec![e]), None),
        };
        source.pages = source_text
            .pages
            .len()
            .max(ocr_summary.as_ref().map_or(0, |o| o.pages.len()));
        let read_any = !source_text.text.trim().is_empty() || errors.is_empty();
        if !read_any {
            let record = Record {
                ocr: ocr_summary,
                ..Record::failed(source, doc.id.clone(), errors)
            };
            return (record, None);
        }
        let mut restored = self.restorer.restore_from(&source_text, origin);
        let mut restoration = crate::restore::summarise(&restored, &source_text);
        // For OCR input the review list also holds what OCR itself leaves in doubt.
        restoration
            .review
            .extend(crate::record::review::ocr_entries(&source_text, &restored));
        restoration.review.sort_by_key(|r| (r.line, r.column));
        let mut seg = segment::segment(&restored.text);
        crate::record::provenance::locate(&mut seg, &restored.text, &source_text);
        let status = if errors.is_empty() {
            Status::Ok
        } else {
            Status::Partial
        };
        // The deliverables need the restored text beside the record's copy of it.
        let text = if self.emit.is_some() {
            restored.text.clone()
        } else {
            std::mem::take(&mut restored.text)
        };
        let record = Record {
            schema_version: SCHEMA_VERSION,
            pipeline_version: crate::PIPELINE_VERSION.to_string(),
            fingerprint: Default::default(),
            id: doc.id.clone(),
            source,
            status,
            errors,
            ocr: ocr_summary,
            restoration,
            text,
            segmented: seg,
        };
        (record, Some((source_text, restored)))
    }

    /// The record of a text input, restored in bounded chunks ([`crate::chunks`]) so its
    /// memory does not depend on how its lines are broken; only the restored text is kept.
    fn process_plain(&self, doc: &Document, mut source: Source) -> Record {
        let text = match std::str::from_utf8(&doc.bytes) {
            Ok(t) => t,
            Err(e) => {
                let e = StageError::new(Stage::Ingest, format!("text is not valid UTF-8: {e}"));
                return Record::failed(source, doc.id.clone(), vec![e]);
            }
        };
        source.pages = 1;
        let (text, restoration) = crate::chunks::restore_plain(&self.restorer, text);
        let segmented = segment::segment(&text);
        Record {
            schema_version: SCHEMA_VERSION,
            pipeline_version: crate::PIPELINE_VERSION.to_string(),
            fingerprint: Default::default(),
            id: doc.id.clone(),
            source,
            status: Status::Ok,
            errors: Vec::new(),
            ocr: None,
            restoration,
            text,
            segmented,
        }
    }

    /// Image-like input is split into pages and OCR'd in parallel.
    fn read_text(
        &self,
        doc: &Document,
    ) -> Result<(SourceText, Origin, Option<OcrSummary>, Vec<StageError>), StageError> {
        let pages = ingest::page_stream_mode(doc, self.ocr.max_megapixels, self.ocr.mode)?;
        // Each worker takes the next page out of the document when it is free (`par_bridge`),
        // so only the pages being read are in memory, however long the PDF, and no worker waits
        // for a slower page of a batch.
        let mut results: Vec<(usize, Result<OcrPage, StageError>)> = pages
            .enumerate()
            .par_bridge()
            .map(|(i, page)| (i, page.and_then(|p| self.read_page(&p))))
            .collect();
        results.sort_by_key(|(i, _)| *i);
        let mut ok = Vec::new();
        let mut errors = Vec::new();
        for (_, r) in results {
            match r {
                Ok(p) => ok.push(p),
                Err(e) => errors.push(e),
            }
        }
        ok.sort_by_key(|p| p.number);
        let summary = OcrSummary::from_pages(&ok, &self.ocr.lang);
        let text = ocr::source_text(&ok);
        let origin = text_origin(&ok, &self.ocr.lang);
        Ok((text, origin, Some(summary), errors))
    }

    fn read_page(&self, page: &PageInput) -> Result<OcrPage, StageError> {
        ocr::recognise_with(page, &self.ocr, Some(&self.restorer))
    }
}

/// What restoration may know of a document's text from how it was read: sohoa's own reading
/// with Tesseract's Vietnamese model (`lang` `vie`) of pages that were 1-bit copies (the
/// `despeckle` step ran: dust was measured on a binarised page, as on a photocopy or a copy
/// of a copy) for most of its text is [`Origin::CopyOcr`]; anything else (text layers, gray or
/// colour scans, another model) is [`Origin::Unknown`]. By text, so that a copied document with
/// a clean cover page is still a copy's reading.
pub fn text_origin(pages: &[OcrPage], lang: &str) -> Origin {
    if lang != "vie" {
        return Origin::Unknown;
    }
    let (mut copy, mut all) = (0usize, 0usize);
    for p in pages {
        let bytes = p.text.trim().len();
        all += bytes;
        if !p.from_text_layer && ocr::preprocess::is_copy(&p.preprocessing) {
            copy += bytes;
        }
    }
    if all > 0 && 2 * copy > all {
        Origin::CopyOcr
    } else {
        Origin::Unknown
    }
}
