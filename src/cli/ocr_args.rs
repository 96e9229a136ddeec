//! OCR options shared by every subcommand that runs OCR (`#[command(flatten)]` an [`OcrArgs`]).

use std::path::PathBuf;

use sohoa_core::ocr::{preprocess::Preprocess, OcrOptions};

/// Tesseract and preprocessing options.
#[derive(Debug, Clone, clap::Args)]
pub struct OcrArgs {
    /// Tesseract language(s), e.g. `vie` or `vie+eng`.
    #[arg(long, default_value = "vie")]
    pub lang: String,
    /// Directory holding LANG.traineddata (e.g. a checkout of tessdata_best for a more accurate
    /// but slower `vie`); default: Tesseract's own (TESSDATA_PREFIX or the system dir).
    #[arg(long, value_name = "DIR")]
    pub tessdata: Option<PathBuf>,
    /// Tesseract page segmentation mode (3 = automatic, 4 = one column, 6 = one block).
    #[arg(long, default_value_t = 3)]
    pub psm: u32,
    /// Refuse page images over this many megapixels (checked from headers, before decoding).
    #[arg(long, default_value_t = 150.0, value_name = "MP")]
    pub max_megapixels: f64,
    /// Keep colour / 1-bit pages as they are instead of converting to 8-bit gray.
    #[arg(long)]
    pub no_grayscale: bool,
    /// Do not upscale pages scanned below 250 dpi to 300 dpi.
    #[arg(long)]
    pub no_upscale: bool,
    /// Do not correct skew.
    #[arg(long)]
    pub no_deskew: bool,
    /// Turn pages scanned sideways or upside down upright (Leptonica's orientation test).
    #[arg(long)]
    pub orient: bool,
    /// Never median-filter pages (3×3); by default the filter runs on the pages whose paper
    /// carries measured grain or dust specks.
    #[arg(long)]
    pub no_denoise: bool,
}

impl OcrArgs {
    /// The library's options for these arguments.
    pub fn options(&self) -> OcrOptions {
        let d = Preprocess::default();
        OcrOptions {
            lang: self.lang.clone(),
            datapath: self.tessdata.clone(),
            psm: self.psm,
            max_megapixels: self.max_megapixels,
            preprocess: Preprocess {
                grayscale: !self.no_grayscale,
                upscale_below_dpi: if self.no_upscale {
                    0
                } else {
                    d.upscale_below_dpi
                },
                target_dpi: d.target_dpi,
                deskew: !self.no_deskew,
                orient: self.orient,
                denoise: !self.no_denoise,
            },
        }
    }
}
