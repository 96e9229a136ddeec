//! Measurements of a page taken before any clean-up, from which `preprocess` decides each
//! step: how much noise the paper carries, how much of the page is coloured ink (a seal, a
//! stamp), and whether the resolution the file declares can be the page's.

/// Paper wider than this many inches (A3 is 11.7 × 16.5) cannot be an administrative page: a
/// declared resolution giving such a page is not the scan's (phones write 72 dpi, whatever
/// the distance).
const MAX_PAGE_INCHES: f32 = 17.0;
/// Paper narrower than this (a receipt-sized slip) cannot be a page either.
const MIN_PAGE_INCHES: f32 = 2.5;

/// Whether `dpi` makes a page `width` × `height` pixels a plausible sheet of paper.
pub fn plausible_dpi(width: u32, height: u32, dpi: u32) -> bool {
    if dpi == 0 {
        return false;
    }
    let (w, h) = (width as f32 / dpi as f32, height as f32 / dpi as f32);
    let (short, long) = (w.min(h), w.max(h));
    short >= MIN_PAGE_INCHES && long <= MAX_PAGE_INCHES
}

/// Histogram of an 8-bit page.
fn histogram(gray: &[u8]) -> [u64; 256] {
    let counts = histogram4(gray.iter().map(|&v| v as usize));
    let mut h = [0u64; 256];
    h.copy_from_slice(&counts[..256]);
    h
}

/// Counts of `bins` (each under 257), kept in four histograms filled in turn and summed at
/// the end: a page is mostly one value (paper), and one histogram would make each count wait
/// for the previous store to the same bin.
fn histogram4(bins: impl Iterator<Item = usize>) -> [u64; 257] {
    let mut four = [[0u64; 257]; 4];
    for (i, bin) in bins.enumerate() {
        four[i & 3][bin] += 1;
    }
    let mut sum = [0u64; 257];
    for h in &four {
        for (s, n) in sum.iter_mut().zip(h) {
            *s += n;
        }
    }
    sum
}

/// The grey level below which `share` of the pixels lie.
fn percentile(hist: &[u64; 256], share: f64) -> u8 {
    let total: u64 = hist.iter().sum();
    let want = (total as f64 * share).ceil() as u64;
    let mut seen = 0;
    for (v, &n) in hist.iter().enumerate() {
        seen += n;
        if seen >= want.max(1) {
            return v as u8;
        }
    }
    255
}

/// Paper and ink levels of a text page: most pixels are paper, so the median is the paper's
/// grey and the darkest percent the ink's.
pub fn paper_and_ink(gray: &[u8]) -> (u8, u8) {
    let hist = histogram(gray);
    (percentile(&hist, 0.5), percentile(&hist, 0.01))
}

/// The paper's noise in grey levels: a robust standard deviation (1.4826 × the median absolute
/// deviation) of the paper pixels around their 3×3 median, so print, whose edges the median
/// keeps, does not count. Under 1 for clean and binarised pages (the interpolated median of
/// deviations that are almost all 0), about the grain's σ for a noisy one.
pub fn paper_noise(gray: &[u8], median: &[u8]) -> f32 {
    let (paper, ink) = paper_and_ink(gray);
    // Paper side of the page: the median there is nearer the paper than the ink.
    let split = (paper as u16 + ink as u16).div_ceil(2) as u8;
    // Counted without a branch (ink pixels land in a last bin that is never read) and into
    // four histograms in turn: whether a pixel is paper is unpredictable along a line of
    // print, and almost every paper pixel adds to the same bin 0, so one branchy histogram
    // waited on itself pixel after pixel and cost more than the median filter.
    let n = gray.len().min(median.len());
    let counts = histogram4(gray[..n].iter().zip(&median[..n]).map(|(&p, &m)| {
        if m > split {
            p.abs_diff(m) as usize
        } else {
            256
        }
    }));
    let mut dev = [0u64; 256];
    dev.copy_from_slice(&counts[..256]);
    if dev.iter().sum::<u64>() == 0 {
        return 0.0;
    }
    // The median of absolute deviations, interpolated inside its bin: integer pixels make the
    // plain median jump from 0 to 1 at σ ≈ 1.
    let total: u64 = dev.iter().sum();
    let half = total as f64 / 2.0;
    let mut seen = 0u64;
    for (d, &n) in dev.iter().enumerate() {
        if n > 0 && (seen + n) as f64 >= half {
            let within = (half - seen as f64) / n as f64;
            let mad = (d as f64 - 0.5).max(0.0) + within;
            return (1.4826 * mad) as f32;
        }
        seen += n;
    }
    0.0
}

/// Whether a pixel is inked in a saturated colour (a seal, a stamp, a coloured signature):
/// grey print, paper of any tint and the shading of a photo keep their three channels within
/// 80 levels of each other.
pub fn is_coloured_ink([r, g, b]: [u8; 3]) -> bool {
    r.max(g).max(b) - r.min(g).min(b) > 80
}

/// Share of the ink pixels of a binarised page (0 ink, 255 paper; `width` × `height`) that
/// stand alone, with no other ink pixel in their 3×3 neighbourhood. Print, even a thin stroke
/// at 150 dpi, has neighbours; dust and toner specks do not.
pub fn isolated_ink_share(width: usize, height: usize, gray: &[u8]) -> f32 {
    let ink = |x: usize, y: usize| gray[y * width + x] < 128;
    let (mut isolated, mut total) = (0u64, 0u64);
    for y in 1..height.saturating_sub(1) {
        for x in 1..width.saturating_sub(1) {
            if !ink(x, y) {
                continue;
            }
            total += 1;
            let mut n = 0;
            for yy in y - 1..=y + 1 {
                for xx in x - 1..=x + 1 {
                    n += usize::from(ink(xx, yy));
                }
            }
            if n == 1 {
                isolated += 1;
            }
        }
    }
    if total == 0 {
        0.0
    } else {
        isolated as f32 / total as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::median::median3;

    /// A page of white paper with black bars (print) and, optionally, Gaussian-ish noise.
    fn page(noise: u8) -> (usize, usize, Vec<u8>) {
        let (w, h) = (200, 120);
        let mut state = 7u32;
        let mut px = vec![235u8; w * h];
        for y in 0..h {
            for x in 0..w {
                if y % 20 < 5 && x % 30 < 20 {
                    px[y * w + x] = 20;
                }
                // Sum of uniforms: roughly Gaussian, spread set by `noise`.
                let mut s = 0i32;
                for _ in 0..4 {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    s += (state % (noise as u32 + 1)) as i32;
                }
                let v = px[y * w + x] as i32 + s - 2 * noise as i32;
                px[y * w + x] = v.clamp(0, 255) as u8;
            }
        }
        (w, h, px)
    }

    #[test]
    fn noise_is_zero_on_clean_print_and_grows_with_grain() {
        let (w, h, clean) = page(0);
        let nc = paper_noise(&clean, &median3(w, h, &clean));
        assert!(nc < 1.0, "{nc}");
        let (_, _, light) = page(6);
        let (_, _, heavy) = page(30);
        let nl = paper_noise(&light, &median3(w, h, &light));
        let nh = paper_noise(&heavy, &median3(w, h, &heavy));
        assert!(nl > 1.5 * nc && nh > 3.0 * nl, "{nc} {nl} {nh}");
    }

    #[test]
    fn red_seal_is_coloured_ink_and_tinted_paper_and_grey_print_are_not() {
        assert!(is_coloured_ink([205, 38, 48]));
        assert!(!is_coloured_ink([246, 239, 222]));
        assert!(!is_coloured_ink([28, 28, 30]));
    }

    #[test]
    fn specks_are_isolated_ink_and_strokes_are_not() {
        let (w, h) = (40, 20);
        let mut px = vec![255u8; w * h];
        // A one-pixel-wide stroke, horizontal and diagonal.
        for x in 5..35 {
            px[5 * w + x] = 0;
        }
        for i in 0..10 {
            px[(8 + i) * w + 5 + i] = 0;
        }
        assert_eq!(isolated_ink_share(w, h, &px), 0.0);
        px[15 * w + 30] = 0;
        px[2 * w + 20] = 0;
        let share = isolated_ink_share(w, h, &px);
        assert!(share > 0.04 && share < 0.06, "{share}");
    }

    #[test]
    fn a_phone_photo_declaring_72_dpi_is_not_a_page_at_72_dpi() {
        assert!(plausible_dpi(2480, 3508, 300));
        assert!(plausible_dpi(1240, 1754, 150));
        assert!(!plausible_dpi(1984, 2806, 72));
        assert!(!plausible_dpi(100, 140, 300));
    }
}
