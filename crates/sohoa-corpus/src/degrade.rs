//! Degraded scan variants of a clean 300 dpi page: the single defects (skew, blur, noise, JPEG
//! artefacts, lower resolutions, a binarised photocopy) and the scan conditions archives really
//! hold (an office scanner's JPEG, a copy of a copy, a phone photo, faded and dark pages, a red
//! seal over the print). Parameters are fixed per variant and the random parts are seeded, so
//! the same page and seed always give the same image.

use image::imageops::{self, FilterType};
use image::{GrayImage, Luma, RgbImage};

use super::photo::{grain, luminance, phone_photo, remap_levels};
use super::rng::Rng;
use super::seal::{stamp, Seal};
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
    /// An office scanner: 200 dpi, skewed 0.3-1°, saved as JPEG at quality 60.
    Office,
    /// A copy of a copy: the photocopy copied again (blur, more specks, strokes thinned by a
    /// second threshold), 150 dpi, 1 bit.
    Recopy,
    /// A phone photo: perspective, the desk around the page, uneven light, yellowish paper,
    /// colour JPEG; about 220 dpi across the page but declaring 72 dpi, as phones do.
    Phone,
    /// A faded print: ink and paper 75 grey levels apart.
    LowContrast,
    /// A dark scan: grey paper (105), near-black ink.
    Dark,
    /// A colour scan (JPEG q85) with a red seal stamped over the print.
    Seal,
}

impl Variant {
    /// Every variant, in the order reports list them.
    pub const ALL: [Variant; 14] = [
        Variant::Clean,
        Variant::Skew,
        Variant::Blur,
        Variant::Noise,
        Variant::Jpeg40,
        Variant::Dpi200,
        Variant::Dpi150,
        Variant::Photocopy,
        Variant::Office,
        Variant::Recopy,
        Variant::Phone,
        Variant::LowContrast,
        Variant::Dark,
        Variant::Seal,
    ];

    /// The scan conditions of an archive (issue 12's grid): clean, office scanner, copy of a
    /// copy, phone photo, faded, dark, red seal.
    pub const CONDITIONS: [Variant; 7] = [
        Variant::Clean,
        Variant::Office,
        Variant::Recopy,
        Variant::Phone,
        Variant::LowContrast,
        Variant::Dark,
        Variant::Seal,
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
            Variant::Office => "office",
            Variant::Recopy => "recopy",
            Variant::Phone => "phone",
            Variant::LowContrast => "lowcontrast",
            Variant::Dark => "dark",
            Variant::Seal => "seal",
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
    /// 8-bit grayscale pixels (only 0 and 255 when `bilevel`); the luminance of `colour` for
    /// a colour scan.
    pub pixels: GrayImage,
    /// The scan in colour, when the variant is a colour one (it is then stored in colour).
    pub colour: Option<RgbImage>,
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
        colour: None,
        dpi,
        bilevel: false,
        jpeg_quality: None,
    };
    let sign = |rng: &mut Rng| if rng.unit() < 0.5 { -1.0 } else { 1.0 };
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
            threshold(&mut img, 150);
            ScanImage {
                bilevel: true,
                ..plain(img, 150)
            }
        }
        Variant::Office => {
            let deg = (0.3 + 0.7 * rng.unit()) * sign(&mut rng);
            let tilted = rotate(clean, deg.to_radians() as f32);
            ScanImage {
                jpeg_quality: Some(60),
                ..plain(rescale(&tilted, dpi, 200), 200)
            }
        }
        Variant::Recopy => {
            let deg = (0.3 + 0.5 * rng.unit()) * sign(&mut rng);
            let tilted = rotate(clean, deg.to_radians() as f32);
            let mut img = rescale(&imageops::blur(&tilted, 0.8 * k), dpi, 150);
            add_noise(&mut img, &mut rng, 18.0, 0.0004);
            threshold(&mut img, 150);
            // The second copy: the copy's toner spreads, new dust lands, and a lighter
            // exposure thins every stroke.
            let mut img = imageops::blur(&img, 0.6);
            add_noise(&mut img, &mut rng, 20.0, 0.0012);
            threshold(&mut img, 110);
            ScanImage {
                bilevel: true,
                ..plain(img, 150)
            }
        }
        Variant::Phone => {
            let photo = phone_photo(clean, &mut rng, clean.width() * 4 / 5);
            ScanImage {
                pixels: luminance(&photo),
                colour: Some(photo),
                jpeg_quality: Some(80),
                ..plain(GrayImage::new(0, 0), 72)
            }
        }
        Variant::LowContrast => {
            let mut img = remap_levels(clean, 135, 210);
            grain(&mut img, &mut rng, 4.0);
            plain(img, dpi)
        }
        Variant::Dark => {
            let mut img = remap_levels(clean, 12, 105);
            grain(&mut img, &mut rng, 5.0);
            plain(img, dpi)
        }
        Variant::Seal => {
            let mut rgb = gray_to_rgb(clean);
            stamp(&mut rgb, seal_over_print(clean, dpi, &mut rng), &mut rng);
            ScanImage {
                pixels: luminance(&rgb),
                colour: Some(rgb),
                jpeg_quality: Some(85),
                ..plain(GrayImage::new(0, 0), dpi)
            }
        }
    }
}

/// Applies `variant` to a clean page that carries red seals (a signed document): a colour
/// variant stamps them in red, a gray one sees them as a gray scanner does (their luminance),
/// before its own defects.
pub fn degrade_sealed(
    clean: &GrayImage,
    dpi: u32,
    variant: Variant,
    seed: u64,
    seals: &[Seal],
) -> ScanImage {
    if seals.is_empty() {
        return degrade(clean, dpi, variant, seed);
    }
    let mut rng = Rng::new(seed ^ 0x5EA1);
    let mut rgb = gray_to_rgb(clean);
    for &s in seals {
        stamp(&mut rgb, s, &mut rng);
    }
    if variant == Variant::Phone {
        // A phone photographs in colour: the seal stays red.
        let mut photo_rng = Rng::new(seed ^ (variant as u64).wrapping_mul(0x1000_0000_01B3));
        let photo = super::photo::phone_photo_rgb(&rgb, &mut photo_rng, clean.width() * 4 / 5);
        return ScanImage {
            pixels: luminance(&photo),
            colour: Some(photo),
            dpi: 72,
            bilevel: false,
            jpeg_quality: Some(80),
        };
    }
    if variant == Variant::Seal {
        return ScanImage {
            pixels: luminance(&rgb),
            colour: Some(rgb),
            dpi,
            bilevel: false,
            jpeg_quality: Some(85),
        };
    }
    degrade(&luminance(&rgb), dpi, variant, seed)
}

/// Pixels darker than `level` become black ink, the rest white paper.
fn threshold(img: &mut GrayImage, level: u8) {
    for p in img.pixels_mut() {
        p.0[0] = if p.0[0] < level { 0 } else { 255 };
    }
}

/// The gray page as a colour image (every channel equal).
fn gray_to_rgb(img: &GrayImage) -> RgbImage {
    RgbImage::from_fn(img.width(), img.height(), |x, y| {
        let v = img.get_pixel(x, y).0[0];
        image::Rgb([v, v, v])
    })
}

/// A seal 40 mm across whose centre lies on the printed part of the page (rows with ink),
/// at a seeded place, so that it covers print as a seal across a signature does.
fn seal_over_print(clean: &GrayImage, dpi: u32, rng: &mut Rng) -> Seal {
    let (w, h) = clean.dimensions();
    let inked: Vec<u32> = (0..h)
        .filter(|&y| (0..w).step_by(4).any(|x| clean.get_pixel(x, y).0[0] < 128))
        .collect();
    let (top, bottom) = match (inked.first(), inked.last()) {
        (Some(&t), Some(&b)) => (t as f64, b as f64),
        _ => (0.0, h as f64),
    };
    Seal {
        cx: (w as f64 * (0.3 + 0.4 * rng.unit())) as f32,
        cy: (top + (bottom - top) * (0.2 + 0.6 * rng.unit())) as f32,
        radius: 20.0 / 25.4 * dpi as f32,
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
