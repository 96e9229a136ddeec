//! Ingest: bytes on disk → [`Document`] (kind recognised by magic bytes) → page inputs for OCR.

pub mod image;
pub mod layer;
pub mod limits;
pub mod pdf;
mod pdf_font;
pub mod pdf_limits;
pub mod pdf_text;
pub mod tiff;

pub use layer::{OcrMode, TextLayer};

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Stage, StageError};

/// What kind of input a file holds, recognised from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum MediaType {
    /// PNG image.
    #[serde(rename = "image/png")]
    Png,
    /// JPEG image.
    #[serde(rename = "image/jpeg")]
    Jpeg,
    /// TIFF image, possibly multi-page.
    #[serde(rename = "image/tiff")]
    Tiff,
    /// PDF (scanned pages, possibly with a text layer).
    #[serde(rename = "application/pdf")]
    Pdf,
    /// UTF-8 text: an existing OCR output to re-process.
    #[serde(rename = "text/plain")]
    Text,
}

impl MediaType {
    /// Whether this kind needs OCR (everything but text).
    pub fn is_image_like(self) -> bool {
        !matches!(self, MediaType::Text)
    }
}

/// One input file, read whole, with its recognised kind and content hash.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path as given (or as found walking a directory).
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Kind by content.
    pub media_type: MediaType,
    /// Lower-case hex SHA-256 of `bytes`: the record's `id`.
    pub id: String,
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        use std::fmt::Write;
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Recognises the kind of `bytes` from their first bytes; `None` when unsupported.
///
/// Text is accepted only when the bytes are valid UTF-8 with no NUL (a BOM is allowed).
pub fn detect(bytes: &[u8]) -> Option<MediaType> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(MediaType::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(MediaType::Jpeg)
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some(MediaType::Tiff)
    } else if bytes.starts_with(b"%PDF-") || find_pdf_header(bytes) {
        Some(MediaType::Pdf)
    } else if !bytes.is_empty() && !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok() {
        Some(MediaType::Text)
    } else {
        None
    }
}

/// PDF readers accept the header anywhere in the first 1024 bytes.
fn find_pdf_header(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Reads `path` and recognises its kind.
///
/// # Errors
/// An ingest [`StageError`] when the file cannot be read, is empty, or is of no supported kind.
pub fn read(path: &Path) -> Result<Document, StageError> {
    let bytes = std::fs::read(path)
        .map_err(|e| StageError::new(Stage::Ingest, format!("cannot read file: {e}")))?;
    from_bytes(path.to_path_buf(), bytes)
}

/// Builds a [`Document`] from bytes already read.
///
/// # Errors
/// An ingest [`StageError`] when the bytes are empty or of no supported kind.
pub fn from_bytes(path: PathBuf, bytes: Vec<u8>) -> Result<Document, StageError> {
    let id = sha256_hex(&bytes);
    with_id(path, bytes, id)
}

/// Builds a [`Document`] from bytes whose SHA-256 `id` the caller has already computed.
///
/// # Errors
/// An ingest [`StageError`] when the bytes are empty or of no supported kind.
pub fn with_id(path: PathBuf, bytes: Vec<u8>, id: String) -> Result<Document, StageError> {
    if bytes.is_empty() {
        return Err(StageError::new(Stage::Ingest, "file is empty"));
    }
    let media_type = detect(&bytes).ok_or_else(|| {
        let why = if std::str::from_utf8(&bytes).is_err() && !looks_binary(&bytes) {
            "text is not valid UTF-8"
        } else {
            "unsupported file type (expected PNG, JPEG, TIFF, PDF or UTF-8 text)"
        };
        StageError::new(Stage::Ingest, why)
    })?;
    Ok(Document {
        path,
        bytes,
        media_type,
        id,
    })
}

/// Heuristic: control bytes other than whitespace in the first 4 KiB mean binary, not text.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .take(4096)
        .any(|&b| b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_kinds_by_magic_bytes() {
        assert_eq!(detect(b"\x89PNG\r\n\x1a\nrest"), Some(MediaType::Png));
        assert_eq!(detect(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(MediaType::Jpeg));
        assert_eq!(detect(b"II*\0...."), Some(MediaType::Tiff));
        assert_eq!(detect(b"MM\0*...."), Some(MediaType::Tiff));
        assert_eq!(detect(b"%PDF-1.7\n"), Some(MediaType::Pdf));
        assert_eq!(detect("Số: 161/KH-UBND".as_bytes()), Some(MediaType::Text));
        assert_eq!(detect(b"\xff\xfe\x00garbage"), None);
        assert_eq!(detect(b"caf\xe9"), None);
    }

    #[test]
    fn invalid_utf8_text_is_named_as_such() {
        let err = from_bytes("x.txt".into(), b"Ke hoach s\xe9 161".to_vec()).unwrap_err();
        assert!(err.message.contains("not valid UTF-8"), "{}", err.message);
    }

    #[test]
    fn id_is_sha256_of_bytes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}

/// One page of a document, ready for OCR (or already text, from a PDF text layer).
#[derive(Debug, Clone)]
pub enum PageInput {
    /// An encoded single-page image that Leptonica can read (PNG, JPEG, TIFF, PNM).
    Image {
        /// 1-based page number in the document.
        number: usize,
        /// Encoded image bytes.
        bytes: Vec<u8>,
        /// Resolution declared by the container, when known.
        dpi: Option<u32>,
    },
    /// Text input: the document's text as it is.
    TextLayer {
        /// 1-based page number in the document.
        number: usize,
        /// The page's text.
        text: String,
    },
    /// A PDF page's own text layer, usable as the page's text: its lines of words with boxes.
    Layer {
        /// 1-based page number in the document.
        number: usize,
        /// The layer.
        layer: TextLayer,
    },
}

impl PageInput {
    /// 1-based page number.
    pub fn number(&self) -> usize {
        match self {
            PageInput::Image { number, .. }
            | PageInput::TextLayer { number, .. }
            | PageInput::Layer { number, .. } => *number,
        }
    }
}

/// Splits an image-like document into pages with the default 150-megapixel cap.
///
/// # Errors
/// See [`pages_with_limit`].
pub fn pages(doc: &Document) -> Result<Vec<Result<PageInput, StageError>>, StageError> {
    pages_with_limit(doc, limits::DEFAULT_MAX_MEGAPIXELS)
}

/// Splits an image-like document into pages. Each page is a result of its own, so one bad
/// page fails that page only; an `Err` for the whole means the container itself is unreadable.
/// Pages over `max_megapixels` are refused from their header, before decoding.
///
/// # Errors
/// A decode [`StageError`] when the container cannot be opened at all.
pub fn pages_with_limit(
    doc: &Document,
    max_megapixels: f64,
) -> Result<Vec<Result<PageInput, StageError>>, StageError> {
    Ok(page_stream(doc, max_megapixels)?.collect())
}

/// Pages of a document, taken out one by one as they are asked for.
pub type PageStream<'a> = Box<dyn Iterator<Item = Result<PageInput, StageError>> + Send + 'a>;

/// Like [`pages_with_limit`], but lazy: a PDF page is taken out (and a Flate page unpacked to
/// raw pixels) only when the caller asks for it, so a caller that reads a few pages at a time
/// holds only those in memory however long the PDF is. A PDF page with a usable text layer
/// comes as that layer ([`OcrMode::Auto`]).
///
/// # Errors
/// A decode [`StageError`] when the container cannot be opened at all.
pub fn page_stream(doc: &Document, max_megapixels: f64) -> Result<PageStream<'_>, StageError> {
    page_stream_mode(doc, max_megapixels, OcrMode::Auto)
}

/// Like [`page_stream`], with what to do with PDF text layers: take a usable one
/// ([`OcrMode::Auto`]), never ([`OcrMode::Force`]: every page as an image), or take only
/// text layers ([`OcrMode::Skip`]: a page without a usable one fails).
///
/// # Errors
/// A decode [`StageError`] when the container cannot be opened at all.
pub fn page_stream_mode(
    doc: &Document,
    max_megapixels: f64,
    mode: OcrMode,
) -> Result<PageStream<'_>, StageError> {
    let stream: PageStream<'_> = match doc.media_type {
        MediaType::Png | MediaType::Jpeg => {
            let (w, h) = image::dimensions(&doc.bytes)
                .ok_or_else(|| StageError::on_page(Stage::Decode, 1, "unreadable image header"))?;
            let page = limits::check_pixels(1, w.into(), h.into(), max_megapixels).map(|()| {
                PageInput::Image {
                    number: 1,
                    bytes: doc.bytes.clone(),
                    dpi: None,
                }
            });
            Box::new(std::iter::once(page))
        }
        MediaType::Text => {
            let text = String::from_utf8_lossy(&doc.bytes).into_owned();
            Box::new(std::iter::once(Ok(PageInput::TextLayer {
                number: 1,
                text,
            })))
        }
        MediaType::Tiff => {
            let pages = tiff::pages(&doc.bytes).map_err(|m| StageError::new(Stage::Decode, m))?;
            Box::new(pages.into_iter().enumerate().map(move |(i, p)| {
                let number = i + 1;
                limits::check_pixels(number, p.width.into(), p.height.into(), max_megapixels)?;
                let bytes = p
                    .extract(&doc.bytes)
                    .map_err(|m| StageError::on_page(Stage::Decode, number, m))?;
                Ok(PageInput::Image {
                    number,
                    bytes,
                    dpi: p.dpi,
                })
            }))
        }
        MediaType::Pdf => return Ok(Box::new(pdf::pages_mode(&doc.bytes, max_megapixels, mode)?)),
    };
    if mode != OcrMode::Skip {
        return Ok(stream);
    }
    // An image has no text layer: under `--ocr skip` each of its pages fails, saying why.
    Ok(Box::new(stream.map(|page| {
        let page = page?;
        match page {
            PageInput::Image { number, .. } => Err(StageError::on_page(
                Stage::Decode,
                number,
                "an image has no text layer, and --ocr skip never OCRs a page",
            )),
            other => Ok(other),
        }
    })))
}
