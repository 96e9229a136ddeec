//! Maps word boxes from the preprocessed image Tesseract read back onto the original scan.
//!
//! Preprocessing may turn the page upright (quarter turns), upscale it and deskew it (a small
//! rotation about its centre). Tesseract's boxes are in that final frame; an archivist's viewer
//! shows the scan as it is, so every box is carried back through the inverse of each step.

use crate::text::BBox;

/// The steps `prepare` applied, in order: quarter turns, scale, then a rotation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageTransform {
    /// Size of the scan as decoded (before any step).
    pub scan_size: (u32, u32),
    /// Clockwise quarter turns applied first (0-3).
    pub quarter_turns: u8,
    /// Scale factor applied after turning.
    pub scale: f32,
    /// Clockwise rotation in degrees applied last, about the centre of the image (which keeps
    /// its size), as Leptonica's deskew does.
    pub rotation_deg: f32,
}

impl PageTransform {
    /// No step applied to a scan of this size.
    pub fn identity(scan_size: (u32, u32)) -> PageTransform {
        PageTransform {
            scan_size,
            quarter_turns: 0,
            scale: 1.0,
            rotation_deg: 0.0,
        }
    }

    /// True when boxes need no mapping.
    pub fn is_identity(&self) -> bool {
        self.quarter_turns == 0 && self.scale == 1.0 && self.rotation_deg == 0.0
    }

    /// Size of the image after the quarter turns (before scaling).
    fn turned_size(&self) -> (f32, f32) {
        let (w, h) = (self.scan_size.0 as f32, self.scan_size.1 as f32);
        if self.quarter_turns % 2 == 1 {
            (h, w)
        } else {
            (w, h)
        }
    }

    /// A point of the final image → the same point on the scan.
    pub fn to_scan(&self, x: f32, y: f32) -> (f32, f32) {
        let (tw, th) = self.turned_size();
        // Undo the rotation about the centre of the final (scaled) image.
        let (cx, cy) = (tw * self.scale / 2.0, th * self.scale / 2.0);
        let (s, c) = self.rotation_deg.to_radians().sin_cos();
        let (dx, dy) = (x - cx, y - cy);
        // Clockwise on screen (y down) is [c -s; s c]; its inverse is the transpose.
        let (x, y) = (c * dx + s * dy + cx, -s * dx + c * dy + cy);
        // Undo the scale.
        let (x, y) = (x / self.scale, y / self.scale);
        // Undo the quarter turns (continuous coordinates, so no off-by-one).
        let (w, h) = (self.scan_size.0 as f32, self.scan_size.1 as f32);
        match self.quarter_turns % 4 {
            1 => (y, h - x),
            2 => (w - x, h - y),
            3 => (w - y, x),
            _ => (x, y),
        }
    }

    /// A box of the final image → the smallest box on the scan holding its four corners,
    /// clipped to the scan.
    pub fn box_to_scan(&self, b: BBox) -> BBox {
        if self.is_identity() {
            return b;
        }
        let (x0, y0, x1, y1) = (
            b.x as f32,
            b.y as f32,
            (b.x + b.w) as f32,
            (b.y + b.h) as f32,
        );
        let corners = [(x0, y0), (x1, y0), (x0, y1), (x1, y1)].map(|(x, y)| self.to_scan(x, y));
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for (x, y) in corners {
            (min_x, max_x) = (min_x.min(x), max_x.max(x));
            (min_y, max_y) = (min_y.min(y), max_y.max(y));
        }
        let (w, h) = (self.scan_size.0 as f32, self.scan_size.1 as f32);
        let (min_x, max_x) = (min_x.clamp(0.0, w), max_x.clamp(0.0, w));
        let (min_y, max_y) = (min_y.clamp(0.0, h), max_y.clamp(0.0, h));
        BBox {
            x: min_x.round() as u32,
            y: min_y.round() as u32,
            w: (max_x - min_x).round() as u32,
            h: (max_y - min_y).round() as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bbox(x: u32, y: u32, w: u32, h: u32) -> BBox {
        BBox { x, y, w, h }
    }

    #[test]
    fn identity_leaves_boxes_alone() {
        let t = PageTransform::identity((100, 200));
        assert_eq!(t.box_to_scan(bbox(10, 20, 30, 40)), bbox(10, 20, 30, 40));
    }

    #[test]
    fn scale_divides() {
        let t = PageTransform {
            scale: 2.0,
            ..PageTransform::identity((100, 200))
        };
        assert_eq!(t.box_to_scan(bbox(10, 20, 30, 40)), bbox(5, 10, 15, 20));
    }

    #[test]
    fn quarter_turns_map_back_onto_the_scan() {
        // A 100x200 scan; box at x 10..20, y 30..50.
        let scan = bbox(10, 30, 10, 20);
        // One clockwise turn: the image is 200x100 and (x, y) went to (h - y, x).
        let t1 = PageTransform {
            quarter_turns: 1,
            ..PageTransform::identity((100, 200))
        };
        assert_eq!(t1.box_to_scan(bbox(200 - 50, 10, 20, 10)), scan);
        // Half turn: (x, y) went to (w - x, h - y).
        let t2 = PageTransform {
            quarter_turns: 2,
            ..PageTransform::identity((100, 200))
        };
        assert_eq!(t2.box_to_scan(bbox(100 - 20, 200 - 50, 10, 20)), scan);
        // Three turns: (x, y) went to (y, w - x).
        let t3 = PageTransform {
            quarter_turns: 3,
            ..PageTransform::identity((100, 200))
        };
        assert_eq!(t3.box_to_scan(bbox(30, 100 - 20, 20, 10)), scan);
    }

    #[test]
    fn rotation_about_the_centre_is_undone() {
        let t = PageTransform {
            rotation_deg: 90.0,
            ..PageTransform::identity((100, 100))
        };
        // Rotating (75, 50) clockwise by 90° about (50, 50) on screen lands on (50, 75).
        let (x, y) = t.to_scan(50.0, 75.0);
        assert!(
            (x - 75.0).abs() < 1e-3 && (y - 50.0).abs() < 1e-3,
            "{x},{y}"
        );
        // The centre stays put.
        let r = PageTransform {
            rotation_deg: 1.5,
            ..t
        };
        let (x, y) = r.to_scan(50.0, 50.0);
        assert!((x - 50.0).abs() < 1e-3 && (y - 50.0).abs() < 1e-3);
    }
}
