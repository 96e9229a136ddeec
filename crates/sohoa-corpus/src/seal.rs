//! The red seal of a signed document: two rings with a band of lettering between them and a
//! star in the middle, stamped in red ink over whatever is printed beneath (Decree 30 puts it
//! across the signature, overlapping the signer's title and name).

use image::{Rgb, RgbImage};

use super::rng::Rng;

/// Where a seal is stamped on a page, in the page's pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seal {
    /// Centre, x.
    pub cx: f32,
    /// Centre, y.
    pub cy: f32,
    /// Outer radius (real seals are 35-42 mm across).
    pub radius: f32,
}

/// Stamp ink: a saturated red that a gray scanner sees as mid-dark gray.
const INK: [f32; 3] = [205.0, 38.0, 48.0];

/// How much ink a point at `(dx, dy)` from the centre of a seal of radius `r` receives
/// (0 none, 1 full).
fn coverage(dx: f32, dy: f32, r: f32) -> f32 {
    let d = (dx * dx + dy * dy).sqrt() / r;
    let ring = |at: f32, half: f32| ((half - (d - at).abs()) * r).clamp(0.0, 1.0);
    let outer = ring(0.97, 0.03);
    let inner = ring(0.66, 0.015);
    // The lettering band: short radial strokes, like the letters of the issuer's name.
    let letters = if (0.72..0.9).contains(&d) {
        let a = dy.atan2(dx);
        let slot = (a * 34.0 / std::f32::consts::TAU).rem_euclid(1.0);
        // 34 letter slots around, a stroke in two of every five parts of a slot.
        if (0.1..0.3).contains(&slot) || (0.55..0.7).contains(&slot) {
            1.0
        } else {
            0.0
        }
    } else {
        0.0
    };
    // A five-pointed star in the middle (its outline as a polar function).
    let star = if d < 0.3 {
        let a = dy.atan2(dx) + std::f32::consts::FRAC_PI_2;
        let k = (a * 5.0 / std::f32::consts::TAU).rem_euclid(1.0);
        // Points at the sector edges (k = 0), valleys half-way (k = 0.5).
        let edge = 0.11 + 0.17 * (2.0 * k - 1.0).abs();
        if d < edge {
            1.0
        } else {
            0.0
        }
    } else {
        0.0
    };
    outer.max(inner).max(letters).max(star)
}

/// Stamps `seal` onto `img`: ink multiplies the colour beneath (black print stays black, paper
/// turns red), with the uneven density of a rubber stamp.
pub fn stamp(img: &mut RgbImage, seal: Seal, rng: &mut Rng) {
    let (w, h) = img.dimensions();
    let r = seal.radius;
    let x0 = (seal.cx - r).floor().max(0.0) as u32;
    let y0 = (seal.cy - r).floor().max(0.0) as u32;
    let x1 = ((seal.cx + r).ceil() as u32).min(w);
    let y1 = ((seal.cy + r).ceil() as u32).min(h);
    // Ink density varies slowly across the stamp (pressed harder on one side).
    let (tx, ty) = (rng.unit() as f32 - 0.5, rng.unit() as f32 - 0.5);
    for y in y0..y1 {
        for x in x0..x1 {
            let (dx, dy) = (x as f32 + 0.5 - seal.cx, y as f32 + 0.5 - seal.cy);
            let cov = coverage(dx, dy, r);
            if cov <= 0.0 {
                continue;
            }
            let density = (0.8 + 0.35 * (tx * dx + ty * dy) / r + 0.1 * rng.normal() as f32)
                .clamp(0.35, 1.0)
                * cov;
            let p = img.get_pixel_mut(x, y);
            *p = Rgb(std::array::from_fn(|c| {
                let under = p.0[c] as f32;
                let inked = under * INK[c] / 255.0;
                (under + (inked - under) * density).round() as u8
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ring_is_red_on_paper_and_print_beneath_stays_dark() {
        let mut img = RgbImage::from_pixel(300, 300, Rgb([255, 255, 255]));
        for x in 0..300 {
            img.put_pixel(x, 150, Rgb([0, 0, 0]));
        }
        let seal = Seal {
            cx: 150.0,
            cy: 150.0,
            radius: 120.0,
        };
        stamp(&mut img, seal, &mut Rng::new(1));
        // On the outer ring, left of the centre, above the printed line.
        let ring = img.get_pixel(150 - 116, 140).0;
        assert!(ring[0] > 150 && ring[1] < 120, "{ring:?}");
        // The printed line under the ring stays black.
        assert!(img.get_pixel(150 - 116, 150).0.iter().all(|&c| c < 40));
        // Outside the seal the paper is untouched.
        assert_eq!(img.get_pixel(2, 2).0, [255, 255, 255]);
    }
}
