//! OCR: a page image → [`OcrPage`] (text, every word's box and confidence) with Tesseract.
//!
//! [`engine`] holds one Tesseract engine per thread, [`pix`] the Leptonica image and header
//! probe, [`preprocess`] the optional clean-ups ([`median`] the denoising filter, [`specks`]
//! the dust on binarised pages, [`geometry`] the way back from the cleaned copy to the scan's
//! coordinates), [`omp`] the OpenMP guard for the binary.

pub mod area_rotation;
pub mod brick_opening;
pub mod choices;
pub mod engine;
pub mod foreground_scan;
pub mod geometry;
mod interpose;
pub mod layer;
pub mod line_images;
pub mod median;
pub mod omp;
pub mod pix;
mod png_fast;
pub mod preprocess;
pub mod probe;
pub mod reading;
pub mod reread;
pub mod seed_fill;
mod source;
pub mod specks;

pub use source::source_text;

use serde::{Deserialize, Serialize};

use crate::error::{Stage, StageError};
use crate::ingest::PageInput;
use crate::text::BBox;

/// Settings of the OCR stage.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrOptions {
    /// Tesseract language(s), e.g. `vie` or `vie+eng`.
    pub lang: String,
    /// Directory holding `*.traineddata`; `None` uses Tesseract's default (`TESSDATA_PREFIX`).
    pub datapath: Option<std::path::PathBuf>,
    /// Tesseract page segmentation mode.
    pub psm: u32,
    /// Images with more pixels than this are refused before decoding.
    pub max_megapixels: f64,
    /// Preprocessing steps applied before recognition.
    pub preprocess: preprocess::Preprocess,
    /// Which PDF pages are OCR'd and which read from their text layer (`--ocr`).
    pub mode: crate::ingest::OcrMode,
}

impl Default for OcrOptions {
    fn default() -> Self {
        OcrOptions {
            lang: "vie".into(),
            datapath: None,
            psm: 3,
            max_megapixels: crate::ingest::limits::DEFAULT_MAX_MEGAPIXELS,
            preprocess: preprocess::Preprocess::default(),
            mode: crate::ingest::OcrMode::Auto,
        }
    }
}

/// One recognised word.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrWord {
    /// The word as Tesseract read it.
    pub text: String,
    /// Its box on the page.
    pub bbox: BBox,
    /// Tesseract's confidence, 0-100.
    pub confidence: f32,
    /// Byte range of the word in [`OcrPage::text`].
    pub span: std::ops::Range<usize>,
}

/// The OCR result for one page.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrPage {
    /// 1-based page number.
    pub number: usize,
    /// The page's text, lines separated by `\n`.
    pub text: String,
    /// Every word with its box and confidence.
    pub words: Vec<OcrWord>,
    /// Mean word confidence, 0-100.
    pub mean_confidence: f32,
    /// Image size in pixels.
    pub width: u32,
    /// Image size in pixels.
    pub height: u32,
    /// Resolution used for the page, when known.
    pub dpi: Option<u32>,
    /// True when the text came from a PDF text layer rather than OCR.
    pub from_text_layer: bool,
    /// The preprocessing steps run on the page, in order (each decided from the page itself).
    pub preprocessing: Vec<&'static str>,
}

/// Per-page summary kept in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OcrPageSummary {
    /// 1-based page number.
    pub page: usize,
    /// Mean word confidence, 0-100 (null for a text layer).
    pub mean_confidence: Option<f32>,
    /// Image width in pixels.
    pub width: u32,
    /// Image height in pixels.
    pub height: u32,
    /// Resolution, when known.
    pub dpi: Option<u32>,
    /// Number of words.
    pub words: usize,
    /// True when the text came from the PDF's own text layer.
    pub from_text_layer: bool,
    /// Where the page's text came from: `ocr` (Tesseract read the image) or `layer` (the
    /// PDF's own text layer, taken as it is; see `--ocr`).
    pub text_source: TextSource,
    /// Preprocessing steps run before OCR, in order, each decided from a measurement of the
    /// page: `drop-colour` (a seal or stamp in colour turned as light as the paper),
    /// `despeckle` (dust measured on a binarised page), `upscale` (a binarised page scanned
    /// under 250 dpi, a gray or colour one under 200 dpi),
    /// `denoise` (grain measured on a gray page), `deskew`.
    pub preprocessing: Vec<String>,
}

/// Where a page's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TextSource {
    /// Tesseract read the page image.
    Ocr,
    /// The PDF page's own text layer.
    Layer,
}

/// OCR summary of one document, as it appears in the record (`null` for text input).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OcrSummary {
    /// Engine and version, e.g. `tesseract 5.3.0`; `none` when every page was read from its
    /// text layer.
    pub engine: String,
    /// Language model used.
    pub lang: String,
    /// Mean confidence over the document's words.
    pub mean_confidence: Option<f32>,
    /// One entry per page that was read.
    pub pages: Vec<OcrPageSummary>,
}

/// Resolution assumed for an image that declares none: its width taken as A4 (8.27 in), the
/// usual page of an administrative plan, clamped to what scanners produce.
fn guess_dpi(width: u32) -> u32 {
    ((width as f32 / 8.27).round() as u32).clamp(70, 600)
}

/// Recognises one page: a text-layer page is passed through, an image is checked against the
/// size limit from its header, decoded, preprocessed and read by this thread's engine. A
/// copy's words are chosen with the embedded restoration tables ([`recognise_with`] takes the
/// restorer that will restore the page).
///
/// # Errors
/// A decode [`StageError`] naming the page when the image is too large or cannot be decoded,
/// an OCR one when Tesseract cannot be loaded or fails.
pub fn recognise(page: &PageInput, options: &OcrOptions) -> Result<OcrPage, StageError> {
    recognise_with(page, options, None)
}

/// As [`recognise`], with the restorer whose language model and abbreviations choose a copy's
/// words among the LSTM's readings (`choices`); `None` takes the embedded tables, loaded once
/// per process on the first copy page.
///
/// # Errors
/// As [`recognise`].
pub fn recognise_with(
    page: &PageInput,
    options: &OcrOptions,
    restorer: Option<&crate::restore::Restorer>,
) -> Result<OcrPage, StageError> {
    let (number, bytes, container_dpi) = match page {
        PageInput::Layer { number, layer } => return Ok(layer::page(*number, layer)),
        PageInput::TextLayer { number, text } => {
            return Ok(OcrPage {
                number: *number,
                text: text.clone(),
                words: Vec::new(),
                mean_confidence: 0.0,
                width: 0,
                height: 0,
                dpi: None,
                from_text_layer: true,
                preprocessing: Vec::new(),
            })
        }
        PageInput::Image { number, bytes, dpi } => (*number, bytes, *dpi),
    };
    // PNG and JPEG sizes are parsed here; Leptonica's probe covers TIFF and PNM.
    let (w, h) = crate::ingest::image::dimensions(bytes)
        .or_else(|| pix::read_header(bytes).map(|h| (h.width, h.height)))
        .ok_or_else(|| StageError::on_page(Stage::Decode, number, "unreadable image header"))?;
    crate::ingest::limits::check_pixels(number, w.into(), h.into(), options.max_megapixels)?;
    let img = pix::Pix::decode(bytes)
        .ok_or_else(|| StageError::on_page(Stage::Decode, number, "cannot decode image"))?
        .flattened_on_white();
    let (width, height) = (img.width(), img.height());
    // A declared resolution that would make the page larger than any paper (phones write
    // 72 dpi whatever the distance) is not the page's: the page's width tells it better.
    let dpi = container_dpi
        .or_else(|| img.dpi())
        .filter(|&d| probe::plausible_dpi(width, height, d))
        .unwrap_or_else(|| guess_dpi(width));
    let prepared = preprocess::prepare(img, dpi, &options.preprocess);
    // A copy (dust measured and removed on a binarised page) has thinned strokes: its doubtful
    // words are read again from other images of the page and decided by vote (`reread`), by
    // default only those a record's fields are read from (`Preprocess::reread`).
    let copy = preprocess::is_copy(&prepared.decisions.steps);
    let reread_words = options.preprocess.reread != reread::Reread::Off && copy;
    // A page with measured dust on 1 bit (a copy) is read with the LSTM's alternatives and
    // each word's form chosen among them (`choices`): there a tone mark or a stroke is a few
    // pixels and the best path often misses it. The alternatives cost five more decodings of
    // every line (+19 % CPU on a copy page), which gray and colour pages, read right, are spared.
    let language = copy.then(|| match restorer {
        Some(r) => choices::Language::new(r),
        None => choices::Language::new(crate::restore::shared()),
    });
    let lexicon = language.as_ref().map(|l| l as &dyn choices::Lexicon);
    let lines = engine::with_engine(options, |e| {
        let lines = e.read(&prepared.pix, prepared.dpi, lexicon)?;
        match lexicon {
            Some(lexicon) if reread_words => {
                let scope = options.preprocess.reread;
                let first = number == 1;
                reread::reread_unsure(e, &prepared.pix, prepared.dpi, lines, lexicon, scope, first)
            }
            _ => Ok(lines),
        }
    })
    .map_err(|e| StageError::on_page(Stage::Ocr, number, e.to_string()))?;
    let (text, mut words) = reading::assemble(&reading::reading_order(reading::mend_digits(
        reading::drop_specks(reading::drop_speck_words(lines)),
    )));
    // Boxes are reported in the scan's own pixels, not in the turned, upscaled, deskewed copy's.
    for w in &mut words {
        w.bbox = prepared.transform.box_to_scan(w.bbox);
    }
    let mean_confidence = if words.is_empty() {
        0.0
    } else {
        words.iter().map(|w| w.confidence).sum::<f32>() / words.len() as f32
    };
    Ok(OcrPage {
        number,
        text,
        words,
        mean_confidence,
        width,
        height,
        dpi: Some(dpi),
        from_text_layer: false,
        preprocessing: prepared.decisions.steps.clone(),
    })
}

impl OcrSummary {
    /// The record's OCR summary of the pages read; the document's mean confidence weighs each
    /// OCR'd word equally (text-layer pages have no confidence).
    pub fn from_pages(pages: &[OcrPage], lang: &str) -> OcrSummary {
        let (sum, n) = pages
            .iter()
            .filter(|p| !p.from_text_layer)
            .flat_map(|p| &p.words)
            .fold((0f64, 0usize), |(s, n), w| (s + w.confidence as f64, n + 1));
        let ocred = pages.iter().any(|p| !p.from_text_layer);
        OcrSummary {
            engine: if ocred || pages.is_empty() {
                format!("tesseract {}", engine::tesseract_version())
            } else {
                "none".to_string()
            },
            lang: lang.to_string(),
            mean_confidence: (n > 0).then(|| (sum / n as f64) as f32),
            pages: pages
                .iter()
                .map(|p| OcrPageSummary {
                    page: p.number,
                    mean_confidence: (!p.from_text_layer).then_some(p.mean_confidence),
                    width: p.width,
                    height: p.height,
                    dpi: p.dpi,
                    words: p.words.len(),
                    from_text_layer: p.from_text_layer,
                    text_source: if p.from_text_layer {
                        TextSource::Layer
                    } else {
                        TextSource::Ocr
                    },
                    preprocessing: p.preprocessing.iter().map(|s| s.to_string()).collect(),
                })
                .collect(),
        }
    }
}
