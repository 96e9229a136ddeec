//! Page preprocessing before Tesseract, decided page by page from measurements of the page
//! itself ([`probe`]): a colour page with a seal or stamp is turned gray by its brightest
//! channel, a binarised page's dust specks are removed ([`specks`]), a binarised page scanned
//! under 250 dpi and a gray or colour one under 200 dpi are upscaled, the 3×3 median runs only on a gray page whose paper carries grain (on
//! a clean, blurred or JPEG page it only eats strokes), and a skewed page is turned straight. Each step also has its own switch, so its benefit can be
//! measured (BENCHMARKS.md, "OCR under scan conditions").

use super::geometry::PageTransform;
use super::pix::Pix;
use super::probe;
use super::reread::Reread;
use super::specks;

/// Which preprocessing steps may run. Defaults: grayscale, upscale, denoise and deskew allowed;
/// orientation off (a Leptonica heuristic tuned for Latin text, which can misfire on sparse
/// pages). BENCHMARKS.md has what each step buys.
#[derive(Debug, Clone, PartialEq)]
pub struct Preprocess {
    /// Convert colour and 1-bit pages to 8-bit gray (Tesseract binarises gray itself, better
    /// than a scanner's threshold, and colour costs time).
    pub grayscale: bool,
    /// Scale binarised (1-bit) pages scanned below this resolution up to `target_dpi` (0
    /// disables). Tesseract's LSTM models are trained on text about 30 px high; at 150 dpi
    /// 13 pt text is ~20 px, and a 1-bit page has no gray edge for Tesseract's own
    /// thresholding to place a thinned stroke by: interpolating it at 300 dpi gives one
    /// (a 250 dpi target lost 7 copy fields of 100, BENCHMARKS.md).
    pub upscale_below_dpi: u32,
    /// Scale gray and colour pages scanned below this resolution up to `target_dpi` (0
    /// disables). A gray scan draws each stroke's edge in gray levels, so at 200 dpi and more
    /// Tesseract thresholds and reads it as well as upscaled (office and phone scans: record
    /// fields 600 of 600 read as they are against 596 upscaled, BENCHMARKS.md), while its
    /// layout work grows with the pixel count (+15 % CPU on those pages).
    pub upscale_gray_below_dpi: u32,
    /// Resolution upscaled pages are brought to.
    pub target_dpi: u32,
    /// Correct skew (up to ±7°).
    pub deskew: bool,
    /// Turn pages scanned sideways or upside down upright.
    pub orient: bool,
    /// Allow the clean-ups against dirt on the paper: on a gray page whose measured grain calls
    /// for it, the 3×3 median (after upscaling, so thin strokes of low-resolution scans are not
    /// eaten); on a binarised page with dust, the removal of specks that stand clear of the
    /// print (at the page's own resolution).
    pub denoise: bool,
    /// On a copy (dust measured and removed on a binarised page), read doubtful words again
    /// from other images of the page and keep the form most readings agree on
    /// (`ocr::reread`). By default those a record's fields are read from
    /// ([`Reread::Fields`]): reading every doubtful word again gains recopy fields (in-sample
    /// 770 → 775 of 800, fresh seeds 367 → 377 of 400) but costs 47 % more instructions on a
    /// copy page, about 8.5 % of the speed grid's CPU (BENCHMARKS.md, session 13), more than
    /// point 6 of issue 12 can spare; the field words cost a fraction of it (session 16).
    pub reread: Reread,
}

impl Default for Preprocess {
    fn default() -> Self {
        Preprocess {
            grayscale: true,
            upscale_below_dpi: 250,
            upscale_gray_below_dpi: 200,
            target_dpi: 300,
            deskew: true,
            orient: false,
            denoise: true,
            reread: Reread::Fields,
        }
    }
}

impl Preprocess {
    /// No preprocessing at all: the page goes to Tesseract as decoded.
    pub fn none() -> Self {
        Preprocess {
            grayscale: false,
            upscale_below_dpi: 0,
            upscale_gray_below_dpi: 0,
            target_dpi: 300,
            deskew: false,
            orient: false,
            denoise: false,
            reread: Reread::Off,
        }
    }
}

/// Paper noise (grey levels, see [`probe::paper_noise`]) from which the median filter runs:
/// grain this strong breaks Tesseract's binarisation into speckled strokes. Measured on the
/// scan-condition grid (BENCHMARKS.md): clean, blurred, JPEG, office and phone pages 0.7-1.0,
/// faded and dark pages with scanner grain 3.5-4.3, the noise variant 6.1.
pub const NOISE_MIN: f32 = 2.5;
/// Share of isolated ink pixels on a binarised page from which its specks are removed:
/// a clean binarised page has none, photocopies with toner dust 0.0006-0.003.
pub const SPECKS_MIN: f32 = 0.0004;
/// Share of saturated-colour pixels from which a colour page is turned gray by its brightest
/// channel (dropping the seal) instead of by luminance: a 40 mm seal covers about 0.5 % of
/// an A4 page; tinted paper and photo shading have none.
pub const COLOURED_MIN: f32 = 0.002;

/// What was measured on a page before any step, and the steps that ran.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decisions {
    /// Paper noise in grey levels (8-bit pages).
    pub noise: f32,
    /// Share of isolated ink pixels (1-bit pages).
    pub isolated_ink: f32,
    /// Share of saturated-colour pixels (colour pages).
    pub coloured_ink: f32,
    /// The steps that ran, in order.
    pub steps: Vec<&'static str>,
}

/// The step that removes measured dust from a binarised page, by its name in the page's steps.
pub const DESPECKLE: &str = "despeckle";

/// Whether a page whose preprocessing ran `steps` is a copy: dust was measured and removed on
/// a 1-bit page, as on a photocopy or a copy of a copy. The OCR reads such a page with the
/// LSTM's alternatives, and restoration knows its text as a copy's reading.
pub fn is_copy(steps: &[&str]) -> bool {
    steps.contains(&DESPECKLE)
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
    /// What was measured and done.
    pub decisions: Decisions,
}

/// Most pixels upscaling may produce, in megapixels: an A2 sheet at 300 dpi (34.8 MP) and
/// some margin. Upscaling exists for small pages scanned at low resolution; a page already this
/// large is read as it is (or scaled only up to the budget), so a 6000×6000 image declared at
/// 100 dpi is not made into 324 megapixels (1.4 GB).
pub const MAX_UPSCALED_MEGAPIXELS: f64 = 36.0;

/// Runs the enabled steps a page needs on `pix` (resolution `dpi`), each decided from a
/// measurement of the page. A step Leptonica cannot do is skipped: a page that could not be
/// improved is still read.
pub fn prepare(pix: Pix, dpi: u32, opts: &Preprocess) -> Prepared {
    let mut transform = PageTransform::identity((pix.width(), pix.height()));
    let mut d = Decisions::default();
    let mut pix = pix;
    let mut dpi = dpi;
    let source_depth = pix.depth();
    if opts.grayscale && pix.depth() != 8 {
        d.coloured_ink = pix.coloured_ink_share().unwrap_or(0.0);
        let gray = if d.coloured_ink >= COLOURED_MIN {
            d.steps.push("drop-colour");
            pix.to_gray8_dropping_colour()
        } else {
            pix.to_gray8()
        };
        if let Some(g) = gray {
            pix = g;
        }
    }
    // Noise is measured at the page's own resolution, before upscaling smooths it.
    if opts.denoise {
        if let Some(bytes) = pix.gray_bytes() {
            let (w, h) = (pix.width() as usize, pix.height() as usize);
            if source_depth == 1 {
                d.isolated_ink = probe::isolated_ink_share(w, h, &bytes);
            } else {
                d.noise = probe::paper_noise(&bytes, &super::median::median3(w, h, &bytes));
            }
        }
    }
    // A binarised page's dust is removed at the page's own resolution, where a speck is a
    // blot of its own: after upscaling, interpolation joins it to the paper around it. The
    // median is for grain on gray paper; on a 1-bit page it only rounds off strokes that the
    // copier already thinned (BENCHMARKS.md, "Scan conditions").
    if opts.denoise && d.isolated_ink >= SPECKS_MIN {
        if let Some(p) = without_specks(&pix, dpi) {
            pix = p;
            d.steps.push(DESPECKLE);
        }
    }
    let denoise = opts.denoise && d.noise >= NOISE_MIN;
    if opts.orient {
        if let Some((p, quarter_turns)) = pix.orient_upright() {
            pix = p;
            transform.quarter_turns = quarter_turns;
            d.steps.push("orient");
        }
    }
    let upscale_below = if source_depth == 1 {
        opts.upscale_below_dpi
    } else {
        opts.upscale_gray_below_dpi
    };
    if upscale_below > 0 && dpi < upscale_below && dpi > 0 {
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
                d.steps.push("upscale");
            }
        }
    }
    if denoise {
        if let Some(p) = pix.median3() {
            pix = p;
            d.steps.push("denoise");
        }
    }
    if opts.deskew {
        if let Some((p, angle)) = pix.deskew() {
            // Leptonica returns a copy even for tiny angles; keep the original then, so an
            // upright page is bit-for-bit what was scanned.
            if angle.abs() >= 0.1 {
                pix = p;
                transform.rotation_deg = angle;
                d.steps.push("deskew");
            }
        }
    }
    Prepared {
        pix,
        dpi,
        transform,
        decisions: d,
    }
}

/// The 8-bit page `pix` (scanned at `dpi`) with its dust removed ([`specks`]); `None` when
/// there was none or the page is not 8-bit gray.
fn without_specks(pix: &Pix, dpi: u32) -> Option<Pix> {
    let mut bytes = pix.gray_bytes()?;
    let (w, h) = (pix.width() as usize, pix.height() as usize);
    if specks::remove_specks_at(w, h, &mut bytes, dpi) == 0 {
        return None;
    }
    let mut out = Pix::from_gray_bytes(w, h, &bytes)?;
    out.set_dpi(dpi);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::pix::corpus_page;
    use super::*;

    /// The resolution the page is read at and whether it was upscaled, with only the upscaling
    /// step (and the conversion to gray) allowed.
    fn read_at(name: &str, declared_dpi: u32) -> (u32, u32, bool) {
        let pix = corpus_page(name);
        let depth = pix.depth();
        let opts = Preprocess {
            deskew: false,
            denoise: false,
            ..Preprocess::default()
        };
        let p = prepare(pix, declared_dpi, &opts);
        (depth, p.dpi, p.decisions.steps.contains(&"upscale"))
    }

    #[test]
    fn gray_pages_are_upscaled_under_200_dpi_and_binarised_ones_under_250() {
        // The same printed page, gray and binarised by a copier (both scanned at 150 dpi),
        // declared at several resolutions.
        let (gray, copy) = ("laws-001-dpi150.png", "laws-001-photocopy.png");
        assert_eq!(read_at(gray, 150), (8, 300, true));
        assert_eq!(read_at(gray, 200), (8, 200, false));
        assert_eq!(read_at(gray, 240), (8, 240, false));
        assert_eq!(read_at(copy, 150), (1, 300, true));
        assert_eq!(read_at(copy, 200), (1, 300, true));
        assert_eq!(read_at(copy, 240), (1, 300, true));
        assert_eq!(read_at(copy, 250), (1, 250, false));
        // Switched off, neither is.
        let none = Preprocess::none();
        assert_eq!(prepare(corpus_page(copy), 150, &none).dpi, 150);
    }
}
