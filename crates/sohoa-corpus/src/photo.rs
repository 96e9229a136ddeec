//! What a camera and an old copier do to a page, beyond a flatbed scanner's noise: a phone
//! photo's perspective, uneven light and colour cast, and a copier's lost contrast or dark
//! exposure. Each takes the clean 8-bit page and returns a new image; randomness comes from
//! the caller's seeded [`Rng`].

use image::{imageops, GrayImage, Luma, Rgb, RgbImage};

use super::rng::Rng;

/// Maps ink (0) and paper (255) onto `ink`..`paper`, linearly: a faded print (both close) or a
/// dark exposure (both low).
pub fn remap_levels(img: &GrayImage, ink: u8, paper: u8) -> GrayImage {
    let (lo, hi) = (ink as f32, paper as f32);
    let mut out = img.clone();
    for p in out.pixels_mut() {
        p.0[0] = (lo + p.0[0] as f32 / 255.0 * (hi - lo)).round() as u8;
    }
    out
}

/// Adds Gaussian noise of `sigma` grey levels to every pixel.
pub fn grain(img: &mut GrayImage, rng: &mut Rng, sigma: f64) {
    for p in img.pixels_mut() {
        let v = p.0[0] as f64 + sigma * rng.normal();
        p.0[0] = v.round().clamp(0.0, 255.0) as u8;
    }
}

/// The 3×3 homography taking the unit square's corners (0,0) (1,0) (1,1) (0,1) to `quad`
/// (clockwise from top-left), as a row-major matrix with h33 = 1.
fn square_to_quad(quad: [(f64, f64); 4]) -> [f64; 9] {
    // Heckbert's closed form for the square → quadrilateral projective map.
    let [(x0, y0), (x1, y1), (x2, y2), (x3, y3)] = quad;
    let (sx, sy) = (x0 - x1 + x2 - x3, y0 - y1 + y2 - y3);
    let (dx1, dy1, dx2, dy2) = (x1 - x2, y1 - y2, x3 - x2, y3 - y2);
    let det = dx1 * dy2 - dx2 * dy1;
    let (g, h) = if det.abs() < 1e-12 {
        (0.0, 0.0)
    } else {
        ((sx * dy2 - dx2 * sy) / det, (dx1 * sy - sx * dy1) / det)
    };
    [
        x1 - x0 + g * x1,
        x3 - x0 + h * x3,
        x0,
        y1 - y0 + g * y1,
        y3 - y0 + h * y3,
        y0,
        g,
        h,
        1.0,
    ]
}

/// Inverse of a 3×3 matrix (adjugate over determinant); the maps used here are never singular.
fn invert(m: [f64; 9]) -> [f64; 9] {
    let [a, b, c, d, e, f, g, h, i] = m;
    let (ca, cb, cc) = (e * i - f * h, f * g - d * i, d * h - e * g);
    let det = a * ca + b * cb + c * cc;
    let k = if det.abs() < 1e-18 { 0.0 } else { 1.0 / det };
    [
        ca * k,
        (c * h - b * i) * k,
        (b * f - c * e) * k,
        cb * k,
        (a * i - c * g) * k,
        (c * d - a * f) * k,
        cc * k,
        (b * g - a * h) * k,
        (a * e - b * d) * k,
    ]
}

/// A phone photo of the page: seen from slightly off-axis (the far edge narrower, a small
/// turn), lying on a darker desk, lit unevenly (one side and the centre brighter), on
/// yellowish paper, with sensor grain and the camera's softening; `out_width` pixels wide.
pub fn phone_photo(page: &GrayImage, rng: &mut Rng, out_width: u32) -> RgbImage {
    let rgb = RgbImage::from_fn(page.width(), page.height(), |x, y| {
        let v = page.get_pixel(x, y).0[0];
        Rgb([v, v, v])
    });
    phone_photo_rgb(&rgb, rng, out_width)
}

/// [`phone_photo`] of a page printed in colour (a red seal stays red: phones photograph in
/// colour); each channel darkens the paper's as grey ink does.
pub fn phone_photo_rgb(page: &RgbImage, rng: &mut Rng, out_width: u32) -> RgbImage {
    let (pw, ph) = page.dimensions();
    let scale = out_width as f64 / pw as f64;
    let (w, h) = (out_width, (ph as f64 * scale).round() as u32);
    let (wf, hf) = (w as f64, h as f64);
    // The page's corners in the photo: a margin of desk, the top edge pulled in (camera held
    // below the page's centre), and a small random turn of the whole quad.
    let inset = 0.03 + 0.02 * rng.unit();
    let keystone = 0.03 + 0.03 * rng.unit();
    let turn = (rng.unit() - 0.5) * 2f64.to_radians();
    let mut quad = [
        (wf * (inset + keystone), hf * inset),
        (wf * (1.0 - inset - keystone), hf * inset),
        (wf * (1.0 - inset), hf * (1.0 - inset)),
        (wf * inset, hf * (1.0 - inset)),
    ];
    let (cx, cy) = (wf / 2.0, hf / 2.0);
    let (s, c) = turn.sin_cos();
    for p in &mut quad {
        let (dx, dy) = (p.0 - cx, p.1 - cy);
        *p = (cx + c * dx - s * dy, cy + s * dx + c * dy);
    }
    let to_page = invert(square_to_quad(quad));
    // Light: brightest at a random point near the top, falling off toward the far corners.
    let (lx, ly) = (wf * (0.2 + 0.6 * rng.unit()), hf * (0.1 + 0.3 * rng.unit()));
    let falloff = 0.35 + 0.15 * rng.unit();
    let diag2 = wf * wf + hf * hf;
    let paper = [246.0, 239.0, 222.0];
    let desk = [92.0, 80.0, 68.0];
    let mut out = RgbImage::new(w, h);
    let at = |x: i64, y: i64, ch: usize| -> f64 {
        if x < 0 || y < 0 || x >= pw as i64 || y >= ph as i64 {
            255.0
        } else {
            page.get_pixel(x as u32, y as u32).0[ch] as f64
        }
    };
    for (x, y, px) in out.enumerate_pixels_mut() {
        let (xf, yf) = (x as f64 + 0.5, y as f64 + 0.5);
        let [a, b, cc, d, e, f, g, hh, i] = to_page;
        let den = g * xf + hh * yf + i;
        let (u, v) = ((a * xf + b * yf + cc) / den, (d * xf + e * yf + f) / den);
        let light = 1.0 - falloff * ((xf - lx).powi(2) + (yf - ly).powi(2)) / diag2;
        let rgb = if (0.0..1.0).contains(&u) && (0.0..1.0).contains(&v) {
            // Bilinear sample of the page; ink darkens the paper colour.
            let (sx, sy) = (u * pw as f64 - 0.5, v * ph as f64 - 0.5);
            let (x0, y0) = (sx.floor(), sy.floor());
            let (fx, fy) = (sx - x0, sy - y0);
            let (x0, y0) = (x0 as i64, y0 as i64);
            let mut out = paper;
            for (ch, o) in out.iter_mut().enumerate() {
                let g = at(x0, y0, ch) * (1.0 - fx) * (1.0 - fy)
                    + at(x0 + 1, y0, ch) * fx * (1.0 - fy)
                    + at(x0, y0 + 1, ch) * (1.0 - fx) * fy
                    + at(x0 + 1, y0 + 1, ch) * fx * fy;
                *o = 28.0 + (*o - 28.0) * g / 255.0;
            }
            out
        } else {
            desk
        };
        *px = Rgb(rgb.map(|c| (c * light + 3.5 * rng.normal()).round().clamp(0.0, 255.0) as u8));
    }
    imageops::blur(&out, 0.7)
}

/// Luminance of a colour image (ITU-R BT.601 weights, as scanners and Leptonica use).
pub fn luminance(img: &RgbImage) -> GrayImage {
    let mut out = GrayImage::new(img.width(), img.height());
    for (o, p) in out.pixels_mut().zip(img.pixels()) {
        let [r, g, b] = p.0.map(f32::from);
        *o = Luma([(0.299 * r + 0.587 * g + 0.114 * b).round() as u8]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homography_maps_the_unit_square_onto_the_quad() {
        let quad = [(10.0, 5.0), (90.0, 8.0), (100.0, 120.0), (2.0, 110.0)];
        let m = square_to_quad(quad);
        let apply = |m: [f64; 9], x: f64, y: f64| {
            let d = m[6] * x + m[7] * y + m[8];
            (
                (m[0] * x + m[1] * y + m[2]) / d,
                (m[3] * x + m[4] * y + m[5]) / d,
            )
        };
        for ((u, v), q) in [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
            .iter()
            .zip(quad)
        {
            let (x, y) = apply(m, *u, *v);
            assert!(
                (x - q.0).abs() < 1e-9 && (y - q.1).abs() < 1e-9,
                "{x},{y} vs {q:?}"
            );
            let (bu, bv) = apply(invert(m), x, y);
            assert!((bu - u).abs() < 1e-9 && (bv - v).abs() < 1e-9);
        }
    }

    #[test]
    fn levels_remap_ink_and_paper() {
        let mut img = GrayImage::from_pixel(4, 1, Luma([255]));
        img.put_pixel(0, 0, Luma([0]));
        let faded = remap_levels(&img, 140, 205);
        assert_eq!(
            (faded.get_pixel(0, 0).0[0], faded.get_pixel(1, 0).0[0]),
            (140, 205)
        );
    }
}
