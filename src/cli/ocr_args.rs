//! OCR options shared by every subcommand that runs OCR (`#[command(flatten)]` an [`OcrArgs`]).

use std::path::PathBuf;

use sohoa_core::ocr::{preprocess::Preprocess, reread::Reread, OcrOptions};

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
    /// Tesseract page segmentation mode, 0-13 (3 = automatic, 4 = one column, 6 = one block).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(0..=13))]
    pub psm: u32,
    /// Refuse page images over this many megapixels (checked from headers, before decoding).
    #[arg(long, default_value_t = 150.0, value_name = "MP", value_parser = positive)]
    pub max_megapixels: f64,
    /// Keep colour / 1-bit pages as they are instead of converting to 8-bit gray.
    #[arg(long)]
    pub no_grayscale: bool,
    /// Do not upscale low-resolution pages to 300 dpi (by default binarised pages under 250 dpi
    /// and gray or colour pages under 200 dpi are).
    #[arg(long)]
    pub no_upscale: bool,
    /// Do not correct skew.
    #[arg(long)]
    pub no_deskew: bool,
    /// Turn pages scanned sideways or upside down upright (Leptonica's orientation test).
    #[arg(long)]
    pub orient: bool,
    /// Never clean dirt off the paper: no 3×3 median filter on gray pages with measured grain
    /// and no removal of dust on binarised (1-bit) pages (photocopies), neither the specks that
    /// stand clear of the print nor a dot alone in a word gap; by default each runs on the
    /// pages whose measured noise calls for it.
    #[arg(long)]
    pub no_denoise: bool,
    /// On copies whose dust was removed, read every doubtful word (unsure, or no word of a
    /// document) again from a smoothed, a thickened and the same page, and keep the form most
    /// readings agree on; by default only the doubtful words a record's fields are read from
    /// (the first page's header and title, and numbers, codes and dates) are (slower on such
    /// pages, see BENCHMARKS.md).
    #[arg(long, conflicts_with = "no_reread")]
    pub reread_unsure: bool,
    /// Never read a copy's doubtful words again, not even those of the record's fields.
    #[arg(long)]
    pub no_reread: bool,
    /// PDF pages with a text layer (OCRmyPDF's choices): `auto` reads a page's own text
    /// layer when it is usable text and OCRs the other pages, `force` OCRs every page,
    /// `skip` never OCRs (a page without a usable text layer fails).
    #[arg(long = "ocr", default_value = "auto", value_name = "MODE", value_parser = ["auto", "force", "skip"])]
    pub ocr_mode: String,
}

/// A finite number above zero.
fn positive(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("`{s}` is not a number above 0")),
    }
}

impl OcrArgs {
    /// Checks the settings before any document is read: the tessdata directory must be a
    /// readable directory and the language(s) must load. Returns the OCR identity for the
    /// records' fingerprint (engine version and model hashes).
    ///
    /// # Errors
    /// One message naming the bad setting.
    pub fn check(&self) -> Result<String, String> {
        if let Some(dir) = &self.tessdata {
            if let Err(e) = std::fs::read_dir(dir) {
                return Err(format!(
                    "--tessdata {}: not a readable directory: {e}",
                    dir.display()
                ));
            }
        }
        sohoa_core::ocr::engine::identity(&self.options())
            .map_err(|e| format!("--lang {}: {e}", self.lang))
    }

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
                upscale_gray_below_dpi: if self.no_upscale {
                    0
                } else {
                    d.upscale_gray_below_dpi
                },
                target_dpi: d.target_dpi,
                deskew: !self.no_deskew,
                orient: self.orient,
                denoise: !self.no_denoise,
                reread: match (self.reread_unsure, self.no_reread) {
                    (true, _) => Reread::Every,
                    (_, true) => Reread::Off,
                    _ => d.reread,
                },
            },
            mode: self.ocr_mode.parse().unwrap_or_default(),
        }
    }
}
