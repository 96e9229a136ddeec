//! A safe owner of a Leptonica `PIX` (decoded page image) and the header probe that lets us
//! refuse oversized images before any pixel is decoded.

use std::ptr::NonNull;

use leptonica_sys as lept;

use crate::text::BBox;

/// Pixels around a region that a region-limited 3×3 filter ([`Pix::smoothed_in`],
/// [`Pix::thickened_in`]) cuts out with it: Leptonica treats an image's outermost two rows and
/// columns as edges (a block convolution's sums there lack a row; an erosion's border is
/// white), so the region's own pixels must lie further in than that.
pub const FILTER_MARGIN: u32 = 4;

/// Leptonica's 3×3 gray erosion of the 8-bit `pix` (each pixel the darkest of its
/// neighbourhood), a new PIX or null.
fn erode3(pix: *mut lept::PIX) -> *mut lept::PIX {
    // SAFETY: callers (`filtered_gray`, `filtered_gray_in`) pass a valid 8-bit PIX.
    unsafe { lept::pixErodeGray(pix, 3, 3) }
}

/// Leptonica's 3×3 mean of the 8-bit `pix`, a new PIX or null.
fn mean3(pix: *mut lept::PIX) -> *mut lept::PIX {
    // SAFETY: callers (`filtered_gray`, `filtered_gray_in`) pass a valid 8-bit PIX.
    unsafe { lept::pixBlockconv(pix, 1, 1) }
}

/// An owned Leptonica image, destroyed on drop.
#[derive(Debug)]
pub struct Pix(NonNull<lept::PIX>);

// SAFETY: a PIX is a plain heap object; we hold the only reference (no pixClone handed out),
// so moving it to another thread is sound.
unsafe impl Send for Pix {}

/// What the header of an encoded image says, read without decoding pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl Header {
    /// Pixel count in megapixels.
    pub fn megapixels(&self) -> f64 {
        self.width as f64 * self.height as f64 / 1e6
    }
}

/// Leptonica prints its own errors ("Error in freadHeaderJpeg") on stderr; ours name the
/// file and page, so its messages are turned off once per process.
fn quiet_leptonica() {
    static QUIET: std::sync::Once = std::sync::Once::new();
    // SAFETY: setMsgSeverity only stores an integer.
    QUIET.call_once(|| unsafe {
        lept::setMsgSeverity(lept::L_SEVERITY_NONE as i32);
    });
}

/// Reads the width and height from an encoded image's header (PNG, JPEG, TIFF, PNM, ...).
pub fn read_header(bytes: &[u8]) -> Option<Header> {
    quiet_leptonica();
    let (mut format, mut w, mut h, mut bps, mut spp, mut cmap) = (0, 0, 0, 0, 0, 0);
    // SAFETY: the pointer and length describe a live slice; out-pointers are valid locals.
    let rc = unsafe {
        lept::pixReadHeaderMem(
            bytes.as_ptr(),
            bytes.len(),
            &mut format,
            &mut w,
            &mut h,
            &mut bps,
            &mut spp,
            &mut cmap,
        )
    };
    (rc == 0 && w > 0 && h > 0).then_some(Header {
        width: w as u32,
        height: h as u32,
    })
}

impl Pix {
    pub(super) fn from_raw(p: *mut lept::PIX) -> Option<Pix> {
        NonNull::new(p).map(Pix)
    }

    /// Decodes an encoded image. `None` when Leptonica cannot read it.
    pub fn decode(bytes: &[u8]) -> Option<Pix> {
        if let Some(pix) = super::png_fast::decode(bytes) {
            return Some(pix);
        }
        quiet_leptonica();
        // SAFETY: Leptonica copies what it needs from the slice; a null return means failure.
        Pix::from_raw(unsafe { lept::pixReadMem(bytes.as_ptr(), bytes.len()) })
    }

    /// The raw pointer, for passing to Leptonica and Tesseract (still owned by `self`).
    pub fn as_ptr(&self) -> *mut lept::PIX {
        self.0.as_ptr()
    }

    /// The page with any transparency blended onto white paper. A scan saved with a
    /// transparent background (black ink, alpha 0 elsewhere) would otherwise be read as the
    /// colour under the alpha — black — and come out as an empty page. Pages without an alpha
    /// channel are returned as they are.
    pub fn flattened_on_white(self) -> Pix {
        // SAFETY: valid PIX.
        let has_alpha = self.depth() == 32 && unsafe { lept::pixGetSpp(self.as_ptr()) } == 4;
        if !has_alpha {
            return self;
        }
        // SAFETY: valid PIX; returns a new 3-sample PIX or null.
        Pix::from_raw(unsafe { lept::pixAlphaBlendUniform(self.as_ptr(), 0xffff_ff00) })
            .unwrap_or(self)
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        // SAFETY: valid PIX.
        unsafe { lept::pixGetWidth(self.as_ptr()) }.max(0) as u32
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        // SAFETY: valid PIX.
        unsafe { lept::pixGetHeight(self.as_ptr()) }.max(0) as u32
    }

    /// Bits per pixel.
    pub fn depth(&self) -> u32 {
        // SAFETY: valid PIX.
        unsafe { lept::pixGetDepth(self.as_ptr()) }.max(0) as u32
    }

    /// Horizontal resolution stored in the file, when it is plausible for a scan.
    pub fn dpi(&self) -> Option<u32> {
        // SAFETY: valid PIX.
        let x = unsafe { lept::pixGetXRes(self.as_ptr()) };
        (50..=2400).contains(&x).then_some(x as u32)
    }

    /// The sample at (`x`, `y`) (0 when outside the image).
    pub fn pixel(&self, x: u32, y: u32) -> u32 {
        let mut v = 0u32;
        // SAFETY: valid PIX; Leptonica bounds-checks the coordinates.
        unsafe { lept::pixGetPixel(self.as_ptr(), x as i32, y as i32, &mut v) };
        v
    }

    /// Records a resolution (used after scaling).
    pub fn set_dpi(&mut self, dpi: u32) {
        // SAFETY: valid PIX.
        unsafe { lept::pixSetResolution(self.as_ptr(), dpi as i32, dpi as i32) };
    }

    /// 8-bit grayscale copy (colour maps removed).
    pub fn to_gray8(&self) -> Option<Pix> {
        // SAFETY: valid PIX; returns a new PIX or null.
        Pix::from_raw(unsafe { lept::pixConvertTo8(self.as_ptr(), 0) })
    }

    /// 8-bit gray copy of a colour page that keeps, for each pixel, its brightest channel: a
    /// red seal or blue stamp then turns as light as the paper, while black print stays black
    /// (luminance would turn red ink into dark grey over the text). `None` for other depths.
    pub fn to_gray8_dropping_colour(&self) -> Option<Pix> {
        if self.depth() != 32 {
            return None;
        }
        // SAFETY: valid 32-bit PIX; returns a new PIX or null.
        let p = Pix::from_raw(unsafe {
            lept::pixConvertRGBToGrayMinMax(self.as_ptr(), lept::L_CHOOSE_MAX as i32)
        })?;
        Some(self.resolution_onto(p))
    }

    /// `out`, a page made from this one, given this page's resolution (Leptonica's filters
    /// and conversions do not always carry it over, and Tesseract sizes its analysis by it).
    fn resolution_onto(&self, mut out: Pix) -> Pix {
        if let Some(d) = self.dpi() {
            out.set_dpi(d);
        }
        out
    }

    /// A copy of this 8-bit page made by the Leptonica filter `filter` (called with this page,
    /// returning a new PIX or null), with this page's resolution; `None` for other depths or
    /// when the filter fails.
    fn filtered_gray(&self, filter: impl FnOnce(*mut lept::PIX) -> *mut lept::PIX) -> Option<Pix> {
        if self.depth() != 8 {
            return None;
        }
        Some(self.resolution_onto(Pix::from_raw(filter(self.as_ptr()))?))
    }

    /// Share of the pixels of a 32-bit colour page inked in a saturated colour (every fourth
    /// pixel of every fourth row is looked at); `None` for other depths.
    pub fn coloured_ink_share(&self) -> Option<f32> {
        if self.depth() != 32 {
            return None;
        }
        // SAFETY: valid PIX; getters only read its fields.
        let (wpl, data) = unsafe {
            (
                lept::pixGetWpl(self.as_ptr()),
                lept::pixGetData(self.as_ptr()),
            )
        };
        if data.is_null() || wpl <= 0 {
            return None;
        }
        let (w, h) = (self.width() as usize, self.height() as usize);
        // SAFETY: `wpl` words per row for `height` rows, alive as long as `self`.
        let words = unsafe { std::slice::from_raw_parts(data, wpl as usize * h) };
        let (mut coloured, mut n) = (0u64, 0u64);
        for row in words.chunks_exact(wpl as usize).step_by(4) {
            for &px in row[..w].iter().step_by(4) {
                // Leptonica keeps red in the most significant byte, then green, then blue.
                let rgb = [(px >> 24) as u8, (px >> 16) as u8, (px >> 8) as u8];
                coloured += u64::from(super::probe::is_coloured_ink(rgb));
                n += 1;
            }
        }
        Some(if n == 0 {
            0.0
        } else {
            coloured as f32 / n as f32
        })
    }

    /// 3×3 median-filtered copy of an 8-bit gray page: removes salt-and-pepper specks and
    /// grain thinner than a stroke. `None` for other depths and for palette images.
    pub fn median3(&self) -> Option<Pix> {
        let (w, h) = (self.width() as usize, self.height() as usize);
        let src = self.gray_words()?;
        // SAFETY: pixCreate returns a zeroed PIX or null.
        let mut out = Pix::from_raw(unsafe { lept::pixCreate(w as i32, h as i32, 8) })?;
        let dst = out.gray_words_mut()?;
        let wpl = src.len() / h;
        super::median::median3_rows(
            w,
            h,
            |y, row| unpack_row(&src[y * wpl..(y + 1) * wpl], row),
            |y, row| pack_row(row, &mut dst[y * wpl..(y + 1) * wpl]),
        );
        Some(self.resolution_onto(out))
    }

    /// Copy of an 8-bit page with every dark stroke grown by a pixel on each side (3×3 gray
    /// erosion: each pixel takes the darkest of its neighbourhood), for strokes a copier thinned.
    pub fn thickened(&self) -> Option<Pix> {
        self.filtered_gray(erode3)
    }

    /// Copy of an 8-bit page averaged over 3×3 pixels: stair-stepped edges of an upscaled
    /// 1-bit page smoothed, thin strokes kept gray for Tesseract's own threshold.
    pub fn smoothed(&self) -> Option<Pix> {
        self.filtered_gray(mean3)
    }

    /// [`Pix::thickened`] within `regions` only: the pixels there as the whole page's filter
    /// gives them (each region cut out with [`FILTER_MARGIN`] pixels around it), the others as
    /// they were.
    pub fn thickened_in(&self, regions: &[BBox]) -> Option<Pix> {
        self.filtered_gray_in(regions, erode3)
    }

    /// [`Pix::smoothed`] within `regions` only, as [`Pix::thickened_in`].
    pub fn smoothed_in(&self, regions: &[BBox]) -> Option<Pix> {
        self.filtered_gray_in(regions, mean3)
    }

    /// A copy of this 8-bit page whose pixels inside `regions` are those the 3×3 Leptonica
    /// `filter` gives the whole page, and whose other pixels are the page's own: each region is
    /// cut out with a margin of [`FILTER_MARGIN`] pixels, filtered, and its inside pasted back.
    /// A page whose few doubtful words are read again pays for filtering their regions, not
    /// the page (the whole-page filters were 7 % of a recopy page's instructions).
    fn filtered_gray_in(
        &self,
        regions: &[BBox],
        filter: impl Fn(*mut lept::PIX) -> *mut lept::PIX,
    ) -> Option<Pix> {
        if self.depth() != 8 {
            return None;
        }
        let (pw, ph) = (self.width(), self.height());
        // SAFETY: valid PIX; pixCopy returns a new PIX or null.
        let out = Pix::from_raw(unsafe { lept::pixCopy(std::ptr::null_mut(), self.as_ptr()) })?;
        for r in regions {
            let (x0, y0) = (r.x.min(pw), r.y.min(ph));
            let (x1, y1) = ((r.x + r.w).min(pw), (r.y + r.h).min(ph));
            if x1 <= x0 || y1 <= y0 {
                continue;
            }
            let (cx, cy) = (
                x0.saturating_sub(FILTER_MARGIN),
                y0.saturating_sub(FILTER_MARGIN),
            );
            let (cw, ch) = (
                (x1 + FILTER_MARGIN).min(pw) - cx,
                (y1 + FILTER_MARGIN).min(ph) - cy,
            );
            // SAFETY: valid PIX and box (destroyed after the clip); the clip is a new PIX or null.
            let clip = unsafe {
                let mut bx = lept::boxCreate(cx as i32, cy as i32, cw as i32, ch as i32);
                let clip = lept::pixClipRectangle(self.as_ptr(), bx, std::ptr::null_mut());
                lept::boxDestroy(&mut bx);
                Pix::from_raw(clip)?
            };
            let filtered = Pix::from_raw(filter(clip.as_ptr()))?;
            // SAFETY: both PIXes are valid 8-bit images; the rectangle lies inside `out`, and
            // its source offset inside `filtered` (the clip's margin before the region).
            unsafe {
                lept::pixRasterop(
                    out.as_ptr(),
                    x0 as i32,
                    y0 as i32,
                    (x1 - x0) as i32,
                    (y1 - y0) as i32,
                    lept::PIX_SRC as i32,
                    filtered.as_ptr(),
                    (x0 - cx) as i32,
                    (y0 - cy) as i32,
                );
            }
        }
        Some(self.resolution_onto(out))
    }

    /// The 32-bit words holding an 8-bit page without a colour map (`wpl` words per row);
    /// `None` for other depths and for palette images (their bytes are indices, not gray).
    fn gray_words(&self) -> Option<&[u32]> {
        // SAFETY: valid PIX; getters only read its fields.
        let (cmap, wpl, data) = unsafe {
            (
                lept::pixGetColormap(self.as_ptr()),
                lept::pixGetWpl(self.as_ptr()),
                lept::pixGetData(self.as_ptr()),
            )
        };
        if self.depth() != 8 || !cmap.is_null() || data.is_null() || wpl <= 0 {
            return None;
        }
        // SAFETY: Leptonica allocates `wpl` 32-bit words per row for `height` rows, alive
        // as long as `self`.
        Some(unsafe { std::slice::from_raw_parts(data, wpl as usize * self.height() as usize) })
    }

    /// Mutable [`Pix::gray_words`]: `&mut self` is the only handle on the pixels (no
    /// `pixClone` is ever handed out).
    fn gray_words_mut(&mut self) -> Option<&mut [u32]> {
        let (ptr, len) = self
            .gray_words()
            .map(|w| (w.as_ptr().cast_mut(), w.len()))?;
        // SAFETY: the words belong to this PIX, which we borrow mutably for the slice's life.
        Some(unsafe { std::slice::from_raw_parts_mut(ptr, len) })
    }

    /// The pixels of an 8-bit page without a colour map, row by row, one byte each. `None`
    /// for other depths and for palette images.
    pub fn gray_bytes(&self) -> Option<Vec<u8>> {
        let words = self.gray_words()?;
        let (w, h) = (self.width() as usize, self.height() as usize);
        let wpl = words.len() / h;
        let mut out = vec![0u8; w * h];
        for (dst, row) in out.chunks_exact_mut(w).zip(words.chunks_exact(wpl)) {
            unpack_row(row, dst);
        }
        Some(out)
    }

    /// A new 8-bit gray page from `width`×`height` bytes stored row by row.
    pub fn from_gray_bytes(width: usize, height: usize, bytes: &[u8]) -> Option<Pix> {
        if bytes.len() != width * height || width == 0 || height == 0 {
            return None;
        }
        // SAFETY: pixCreate returns a zeroed PIX or null.
        let mut pix = Pix::from_raw(unsafe { lept::pixCreate(width as i32, height as i32, 8) })?;
        let words = pix.gray_words_mut()?;
        let wpl = words.len() / height;
        for (dst, src) in words.chunks_exact_mut(wpl).zip(bytes.chunks_exact(width)) {
            pack_row(src, dst);
        }
        Some(pix)
    }

    /// Scaled copy (linear interpolation for gray, smoothing when shrinking).
    pub fn scale(&self, factor: f32) -> Option<Pix> {
        // SAFETY: valid PIX; returns a new PIX or null.
        Pix::from_raw(unsafe { lept::pixScale(self.as_ptr(), factor, factor) })
    }

    /// Skew-corrected copy (Leptonica's default search, ±7°) and the angle found, in degrees:
    /// the copy is the page turned clockwise by that angle about its centre, at the same size.
    pub fn deskew(&self) -> Option<(Pix, f32)> {
        let (mut angle, mut conf) = (0f32, 0f32);
        // SAFETY: valid PIX; returns a new PIX or null; out-pointers are valid locals.
        let p = unsafe { lept::pixFindSkewAndDeskew(self.as_ptr(), 0, &mut angle, &mut conf) };
        Pix::from_raw(p).map(|p| (p, angle))
    }

    /// Copy turned upright when Leptonica's text orientation test is confident that the page is
    /// rotated by 90°, 180° or 270°, with the clockwise quarter turns applied; `None` when it is
    /// upright or the test is not conclusive.
    pub fn orient_upright(&self) -> Option<(Pix, u8)> {
        // SAFETY: all pointers come from live PIXes we own; results are checked for null.
        unsafe {
            let bin = Pix::from_raw(lept::pixConvertTo1(self.as_ptr(), 130))?;
            let (mut up, mut left) = (0f32, 0f32);
            if lept::pixOrientDetect(bin.as_ptr(), &mut up, &mut left, 0, 0) != 0 {
                return None;
            }
            let mut orient = 0;
            if lept::makeOrientDecision(up, left, 0.0, 0.0, &mut orient, 0) != 0 {
                return None;
            }
            // Leptonica: 1 up, 2 left, 3 down, 4 right; rotate clockwise by the quads needed.
            let quads = match orient {
                2 => 1,
                3 => 2,
                4 => 3,
                _ => return None,
            };
            Pix::from_raw(lept::pixRotateOrth(self.as_ptr(), quads)).map(|p| (p, quads as u8))
        }
    }
}

/// One row of Leptonica 8-bit words → one byte per pixel. Leptonica keeps the leftmost of four
/// pixels in a word's most significant byte, whatever the machine's byte order.
fn unpack_row(words: &[u32], row: &mut [u8]) {
    let full = row.len() / 4;
    let mut quads = row.chunks_exact_mut(4);
    for (q, word) in quads.by_ref().zip(words) {
        q.copy_from_slice(&word.to_be_bytes());
    }
    let tail = quads.into_remainder();
    let n = tail.len();
    if n > 0 {
        tail.copy_from_slice(&words[full].to_be_bytes()[..n]);
    }
}

/// One byte per pixel → one row of Leptonica 8-bit words (see [`unpack_row`]).
fn pack_row(row: &[u8], words: &mut [u32]) {
    let mut quads = row.chunks_exact(4);
    for (word, q) in words.iter_mut().zip(quads.by_ref()) {
        *word = u32::from_be_bytes([q[0], q[1], q[2], q[3]]);
    }
    let tail = quads.remainder();
    if !tail.is_empty() {
        let mut b = [0u8; 4];
        b[..tail.len()].copy_from_slice(tail);
        words[(row.len() - tail.len()) / 4] = u32::from_be_bytes(b);
    }
}

impl Drop for Pix {
    fn drop(&mut self) {
        let mut p = self.0.as_ptr();
        // SAFETY: we own the only reference; pixDestroy nulls our local copy.
        unsafe { lept::pixDestroy(&mut p) };
    }
}

/// A page of the committed OCR corpus (`corpus/ocr/pages/NAME`), decoded as it is stored.
#[cfg(test)]
pub(crate) fn corpus_page(name: &str) -> Pix {
    let path = format!(
        "{}/../../corpus/ocr/pages/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Pix::decode(&bytes).expect("decodes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(name: &str) -> Pix {
        let pix = corpus_page(name);
        if pix.depth() == 8 {
            pix
        } else {
            pix.to_gray8().expect("gray")
        }
    }

    #[test]
    fn gray_bytes_round_trip_with_an_odd_width() {
        let (w, h) = (7, 3);
        let bytes: Vec<u8> = (0..(w * h) as u8).map(|v| v * 11).collect();
        let pix = Pix::from_gray_bytes(w, h, &bytes).expect("created");
        assert_eq!(pix.gray_bytes().expect("8-bit"), bytes);
        // Agrees with Leptonica's own pixel accessor on where each byte lives.
        assert_eq!(pix.pixel(3, 1), bytes[w + 3] as u32);
        assert_eq!(pix.pixel(6, 2), bytes[2 * w + 6] as u32);
    }

    #[test]
    fn thickening_and_smoothing_keep_the_resolution_and_only_take_8_bit_pages() {
        // One dark pixel in the middle of white paper.
        let mut bytes = vec![255u8; 25];
        bytes[12] = 0;
        let mut pix = Pix::from_gray_bytes(5, 5, &bytes).expect("created");
        pix.set_dpi(150);
        let thick = pix.thickened().expect("8-bit");
        assert_eq!(thick.dpi(), Some(150));
        // The stroke grows into its 3×3 neighbourhood, and no further.
        let t = thick.gray_bytes().unwrap();
        assert_eq!((t[6], t[12], t[18], t[0], t[24]), (0, 0, 0, 255, 255));
        let smooth = pix.smoothed().expect("8-bit");
        assert_eq!(smooth.dpi(), Some(150));
        // Averaged over 3×3: the dark pixel lightens and its neighbours darken.
        let m = smooth.gray_bytes().unwrap();
        assert!(m[12] > 0 && m[12] < 255 && m[6] < 255, "{m:?}");
        // SAFETY: valid 8-bit PIX; returns a new 1-bit PIX or null.
        let binary = Pix::from_raw(unsafe { lept::pixConvertTo1(pix.as_ptr(), 128) }).unwrap();
        assert!(binary.thickened().is_none() && binary.smoothed().is_none());
    }

    #[test]
    fn filters_within_regions_give_the_whole_page_filters_pixels_there() {
        let pix = page("laws-001-jpeg40.jpg");
        let (w, h) = (pix.width(), pix.height());
        let regions = [
            BBox {
                x: 300,
                y: 400,
                w: 900,
                h: 60,
            },
            BBox {
                x: 1000,
                y: 430,
                w: 500,
                h: 80,
            }, // overlapping the first
            BBox {
                x: 0,
                y: 0,
                w: 200,
                h: 50,
            }, // at the page's corner
            BBox {
                x: w - 150,
                y: h - 40,
                w: 400,
                h: 90,
            }, // running off the page
        ];
        let original = pix.gray_bytes().unwrap();
        for (whole, part) in [
            (pix.smoothed(), pix.smoothed_in(&regions)),
            (pix.thickened(), pix.thickened_in(&regions)),
        ] {
            let (whole, part) = (whole.unwrap().gray_bytes().unwrap(), part.unwrap());
            assert_eq!(part.dpi(), pix.dpi());
            let part = part.gray_bytes().unwrap();
            let inside = |x: u32, y: u32| {
                regions
                    .iter()
                    .any(|r| x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h)
            };
            let (mut filtered, mut kept) = (0, 0);
            for y in 0..h {
                for x in 0..w {
                    let i = (y * w + x) as usize;
                    if inside(x, y) {
                        assert_eq!(part[i], whole[i], "filtered pixel ({x}, {y})");
                        filtered += usize::from(whole[i] != original[i]);
                    } else {
                        assert_eq!(part[i], original[i], "pixel ({x}, {y}) outside");
                        kept += usize::from(whole[i] != original[i]);
                    }
                }
            }
            // The filter changed pixels both inside the regions and out of them.
            assert!(filtered > 1000 && kept > 1000, "{filtered} {kept}");
        }
    }

    #[test]
    fn fast_median_equals_leptonicas_median_filter_on_a_photocopied_page() {
        let pix = page("laws-001-jpeg40.jpg");
        let ours = pix.median3().expect("8-bit").gray_bytes().unwrap();
        // SAFETY: valid 8-bit PIX; returns a new PIX or null.
        let theirs = Pix::from_raw(unsafe { lept::pixMedianFilter(pix.as_ptr(), 3, 3) })
            .expect("leptonica filters")
            .gray_bytes()
            .unwrap();
        assert_eq!(ours.len(), theirs.len());
        let differing = ours.iter().zip(&theirs).filter(|(a, b)| a != b).count();
        assert_eq!(differing, 0, "pixels differing from Leptonica");
    }
}
