//! Degraded scan variants of a clean 300 dpi page: skew, blur, noise, JPEG artefacts, lower
//! resolutions and a binarised "photocopy". Parameters are fixed per variant and the random
//! parts are seeded, so the same page and seed always give the same image.

use image::imageops::{self, FilterType};
use image::{GrayImage, Luma};

use super::rng::Rng;
use super::CorpusError;

/// A degradation applied to a clean page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    /// The clean 300 dpi page.
    Clean,
    /// Rotated by 1-2° (sign and angle from the seed).
    Skew,
    /// Gaussian blur (σ = 1.6 px at 300 dpi), like an out-of-focus scan.
    Blur,
    /// Gaussian sensor noise plus dust specks.
    Noise,
    /// Saved as JPEG at quality 40.
    Jpeg40,
    /// Scanned at 200 dpi.
    Dpi200,
    /// Scanned at 150 dpi.
    Dpi150,
    /// A 150 dpi photocopy: slight skew, blur, noise, toner loss, then binarised to 1 bit.
    Photocopy,
}

impl Variant {
    /// Every variant, in the order reports list them.
    pub const ALL: [Variant; 8] = [
        Variant::Clean,
        Variant::Skew,
        Variant::Blur,
        Variant::Noise,
        Variant::Jpeg40,
        Variant::Dpi200,
        Variant::Dpi150,
        Variant::Photocopy,
    ];

    /// The variant's name on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Clean => "clean",
            Variant::Skew => "skew",
            Variant::Blur => "blur",
            Variant::Noise => "noise",
            Variant::Jpeg40 => "jpeg40",
            Variant::Dpi200 => "dpi200",
            Variant::Dpi150 => "dpi150",
            Variant::Photocopy => "photocopy",
        }
    }
}

impl std::fmt::Display for Variant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Variant {
    type Err = CorpusError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Variant::ALL
            .into_iter()
            .find(|v| v.name() == s)
            .ok_or_else(|| CorpusError::UnknownName {
                kind: "variant",
                name: s.to_string(),
                expected: Variant::ALL.map(Variant::name).join(", "),
            })
    }
}

/// A degraded page as a scanner would deliver it.
#[derive(Debug, Clone)]
pub struct ScanImage {
    /// 8-bit grayscale pixels (only 0 and 255 when `bilevel`).
    pub pixels: GrayImage,
    /// Resolution of `pixels`.
    pub dpi: u32,
    /// True when the page is black and white only (stored as 1 bit per pixel).
    pub bilevel: bool,
    /// JPEG quality the page must be saved with, when the variant is a JPEG one.
    pub jpeg_quality: Option<u8>,
}

/// Applies `variant` to a clean page drawn at `dpi`, with randomness drawn from `seed`.
pub fn degrade(clean: &GrayImage, dpi: u32, variant: Variant, seed: u64) -> ScanImage {
    let mut rng = Rng::new(seed ^ (variant as u64).wrapping_mul(0x1000_0000_01B3));
    let k = dpi as f32 / 300.0;
    let plain = |pixels: GrayImage, dpi: u32| ScanImage {
        pixels,
        dpi,
        bilevel: false,
        jpeg_quality: None,
    };
    match variant {
        Variant::Clean => plain(clean.clone(), dpi),
        Variant::Skew => {
            let deg = (1.0 + rng.unit()) * if rng.unit() < 0.5 { -1.0 } else { 1.0 };
            plain(rotate(clean, deg.to_radians() as f32), dpi)
        }
        Variant::Blur => plain(imageops::blur(clean, 1.6 * k), dpi),
        Variant::Noise => {
            let mut img = clean.clone();
            add_noise(&mut img, &mut rng, 28.0, 0.0008);
            plain(img, dpi)
        }
        Variant::Jpeg40 => ScanImage {
            jpeg_quality: Some(40),
            ..plain(clean.clone(), dpi)
        },
        Variant::Dpi200 => plain(rescale(clean, dpi, 200), 200),
        Variant::Dpi150 => plain(rescale(clean, dpi, 150), 150),
        Variant::Photocopy => {
            let deg = (0.3 + 0.4 * rng.unit()) * if rng.unit() < 0.5 { -1.0 } else { 1.0 };
            let tilted = rotate(clean, deg.to_radians() as f32);
            let mut img = rescale(&imageops::blur(&tilted, 0.8 * k), dpi, 150);
            // Toner: mid-grey ink edges go lighter or darker at random across the page.
            add_noise(&mut img, &mut rng, 18.0, 0.0004);
            for p in img.pixels_mut() {
                p.0[0] = if p.0[0] < 150 { 0 } else { 255 };
            }
            ScanImage {
                pixels: img,
                dpi: 150,
                bilevel: true,
                jpeg_quality: None,
            }
        }
    }
}

/// Resamples as a scanner at a lower resolution would (area-like averaging, then sharpening
/// by the Catmull-Rom kernel keeps strokes crisp).
pub fn rescale(img: &GrayImage, from_dpi: u32, to_dpi: u32) -> GrayImage {
    let w = (img.width() as u64 * to_dpi as u64 / from_dpi as u64).max(1) as u32;
    let h = (img.height() as u64 * to_dpi as u64 / from_dpi as u64).max(1) as u32;
    imageops::resize(img, w, h, FilterType::CatmullRom)
}

/// Rotates about the centre by `angle` radians (positive = clockwise on screen), bilinear,
/// keeping the page size and filling uncovered corners with white paper.
pub fn rotate(img: &GrayImage, angle: f32) -> GrayImage {
    let (w, h) = img.dimensions();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let (s, c) = angle.sin_cos();
    let mut out = GrayImage::from_pixel(w, h, Luma([255]));
    let at = |x: i64, y: i64| -> f32 {
        if x < 0 || y < 0 || x >= w as i64 || y >= h as i64 {
            255.0
        } else {
            img.get_pixel(x as u32, y as u32).0[0] as f32
        }
    };
    for (x, y, p) in out.enumerate_pixels_mut() {
        let dx = x as f32 + 0.5 - cx;
        let dy = y as f32 + 0.5 - cy;
        // Inverse map: the source pixel that lands on (x, y).
        let sx = c * dx + s * dy + cx - 0.5;
        let sy = -s * dx + c * dy + cy - 0.5;
        let (x0, y0) = (sx.floor(), sy.floor());
        let (fx, fy) = (sx - x0, sy - y0);
        let (x0, y0) = (x0 as i64, y0 as i64);
        let v = at(x0, y0) * (1.0 - fx) * (1.0 - fy)
            + at(x0 + 1, y0) * fx * (1.0 - fy)
            + at(x0, y0 + 1) * (1.0 - fx) * fy
            + at(x0 + 1, y0 + 1) * fx * fy;
        p.0[0] = v.round().clamp(0.0, 255.0) as u8;
    }
    out
}

/// Gaussian noise of standard deviation `sigma` grey levels, plus dark specks covering
/// `speck_rate` of the pixels (each speck 1-3 px wide).
fn add_noise(img: &mut GrayImage, rng: &mut Rng, sigma: f64, speck_rate: f64) {
    for p in img.pixels_mut() {
        let v = p.0[0] as f64 + sigma * rng.normal();
        p.0[0] = v.round().clamp(0.0, 255.0) as u8;
    }
    let (w, h) = img.dimensions();
    let specks = (w as f64 * h as f64 * speck_rate / 4.0) as u64;
    for _ in 0..specks {
        let x = (rng.unit() * w as f64) as u32;
        let y = (rng.unit() * h as f64) as u32;
        let size = 1 + (rng.unit() * 3.0) as u32;
        let shade = (rng.unit() * 90.0) as u8;
        for yy in y..(y + size).min(h) {
            for xx in x..(x + size).min(w) {
                img.put_pixel(xx, yy, Luma([shade]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> GrayImage {
        let mut img = GrayImage::from_pixel(600, 400, Luma([255]));
        for y in 100..120 {
            for x in 50..550 {
                img.put_pixel(x, y, Luma([0]));
            }
        }
        img
    }

    #[test]
    fn variants_are_deterministic_and_differ_from_clean() {
        let clean = page();
        for v in Variant::ALL {
            let a = degrade(&clean, 300, v, 3);
            let b = degrade(&clean, 300, v, 3);
            assert_eq!(a.pixels, b.pixels, "{v}");
            let changed = !matches!(v, Variant::Clean | Variant::Jpeg40);
            assert_eq!(a.pixels != clean, changed, "{v}");
            assert_eq!(v.name().parse::<Variant>().unwrap(), v);
        }
        assert!("sepia".parse::<Variant>().is_err());
    }

    #[test]
    fn low_dpi_variants_shrink_and_photocopy_is_bilevel() {
        let clean = page();
        let d150 = degrade(&clean, 300, Variant::Dpi150, 1);
        assert_eq!((d150.pixels.dimensions(), d150.dpi), ((300, 200), 150));
        let pc = degrade(&clean, 300, Variant::Photocopy, 1);
        assert!(pc.bilevel);
        assert!(pc.pixels.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255));
        // The bar survives binarisation.
        assert_eq!(pc.pixels.get_pixel(150, 55).0[0], 0);
    }

    #[test]
    fn rotation_moves_a_bar_end_by_the_expected_amount() {
        let clean = page();
        let r = rotate(&clean, 2f32.to_radians());
        // Column 540 is 240.5 px right of centre: turned 2° clockwise it moves ~8.4 px down.
        let column = |img: &GrayImage, x: u32| {
            let dark: Vec<f32> = (0..img.height())
                .filter(|&y| img.get_pixel(x, y).0[0] < 128)
                .map(|y| y as f32)
                .collect();
            dark.iter().sum::<f32>() / dark.len() as f32
        };
        let shift = column(&r, 540) - column(&clean, 540);
        assert!(
            (shift - 240.5 * 2f32.to_radians().sin()).abs() < 1.5,
            "{shift}"
        );
    }
}
