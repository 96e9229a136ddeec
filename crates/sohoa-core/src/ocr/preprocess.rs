//! Page preprocessing before Tesseract, each step behind its own switch so its benefit can be
//! measured: grayscale, upscaling of low-resolution scans toward 300 dpi, orientation and skew
//! correction (all Leptonica).

use super::geometry::PageTransform;
use super::pix::Pix;

/// Which preprocessing steps run. Defaults: grayscale, upscale, denoise and deskew on;
/// orientation off (a Leptonica heuristic tuned for Latin text, which can misfire on sparse
/// pages). BENCHMARKS.md has what each step buys.
#[derive(Debug, Clone, PartialEq)]
pub struct Preprocess {
    /// Convert colour and 1-bit pages to 8-bit gray (Tesseract binarises gray itself, better
    /// than a scanner's threshold, and colour costs time).
    pub grayscale: bool,
    /// Scale pages scanned below this resolution up to `target_dpi` (0 disables). Tesseract's
    /// LSTM models are trained on text about 30 px high; at 150 dpi 13 pt text is ~20 px.
    pub upscale_below_dpi: u32,
    /// Resolution upscaled pages are brought to.
    pub target_dpi: u32,
    /// Correct skew (up to ±7°).
    pub deskew: bool,
    /// Turn pages scanned sideways or upside down upright.
    pub orient: bool,
    /// 3×3 median filter against sensor noise and dust specks (after upscaling, so thin
    /// strokes of low-resolution scans are not eaten).
    pub denoise: bool,
}

impl Default for Preprocess {
    fn default() -> Self {
        Preprocess {
            grayscale: true,
            upscale_below_dpi: 250,
            target_dpi: 300,
            deskew: true,
            orient: false,
            denoise: true,
        }
    }
}

impl Preprocess {
    /// No preprocessing at all: the page goes to Tesseract as decoded.
    pub fn none() -> Self {
        Preprocess {
            grayscale: false,
            upscale_below_dpi: 0,
            target_dpi: 300,
            deskew: false,
            orient: false,
            denoise: false,
        }
    }
}

/// The image Tesseract reads, its resolution, and the steps that map its coordinates back
/// to the original scan.
#[derive(Debug)]
pub struct Prepared {
    /// Image to recognise.
    pub pix: Pix,
    /// Its resolution.
    pub dpi: u32,
    /// Quarter turns, scale and deskew rotation applied to the scan.
    pub transform: PageTransform,
}

/// Most pixels upscaling may produce, in megapixels: an A2 sheet at 300 dpi (34.8 MP) and
/// some margin. Upscaling exists for small pages scanned at low resolution; a page already this
/// large is read as it is (or scaled only up to the budget), so a 6000×6000 image declared at
/// 100 dpi is not made into 324 megapixels (1.4 GB).
pub const MAX_UPSCALED_MEGAPIXELS: f64 = 36.0;

/// Runs the enabled steps on `pix` (resolution `dpi`). A step Leptonica cannot do is skipped:
/// a page that could not be improved is still read.
pub fn prepare(pix: Pix, dpi: u32, opts: &Preprocess) -> Prepared {
    let mut transform = PageTransform::identity((pix.width(), pix.height()));
    let mut pix = pix;
    let mut dpi = dpi;
    if opts.grayscale && pix.depth() != 8 {
        if let Some(g) = pix.to_gray8() {
            pix = g;
        }
    }
    if opts.orient {
        if let Some((p, quarter_turns)) = pix.orient_upright() {
            pix = p;
            transform.quarter_turns = quarter_turns;
        }
    }
    if opts.upscale_below_dpi > 0 && dpi < opts.upscale_below_dpi && dpi > 0 {
        let megapixels = f64::from(pix.width()) * f64::from(pix.height()) / 1e6;
        let budget = (MAX_UPSCALED_MEGAPIXELS / megapixels.max(1e-6)).sqrt() as f32;
        let factor = (opts.target_dpi as f32 / dpi as f32).min(budget);
        let target_dpi = (dpi as f32 * factor).round() as u32;
        // 1-bit pages scale by replication (blocky); gray first gives smooth strokes.
        let src = if pix.depth() == 1 {
            pix.to_gray8()
        } else {
            None
        };
        // Under 5% more is not worth a copy of the page.
        if factor >= 1.05 {
            if let Some(mut up) = src.as_ref().unwrap_or(&pix).scale(factor) {
                up.set_dpi(target_dpi);
                pix = up;
                dpi = target_dpi;
                transform.scale = factor;
            }
        }
    }
    if opts.denoise {
        if let Some(p) = pix.median3() {
            pix = p;
        }
    }
    if opts.deskew {
        if let Some((p, angle)) = pix.deskew() {
            // Leptonica returns a copy even for tiny angles; keep the original then, so an
            // upright page is bit-for-bit what was scanned.
            if angle.abs() >= 0.1 {
                pix = p;
                transform.rotation_deg = angle;
            }
        }
    }
    Prepared {
        pix,
        dpi,
        transform,
    }
}
