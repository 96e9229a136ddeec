//! Leptonica's `pixOpenBrick`, bit for bit, in a few passes over the page instead of one per
//! pixel of the brick.
//!
//! Tesseract's layout looks for rule lines (`LineFinder::FindAndRemoveLines`) by opening the
//! binarised page with three bricks whose sizes grow with the resolution: a square a twentieth
//! of an inch wide, and a horizontal and a vertical line a quarter of an inch long. Leptonica
//! erodes and dilates with one whole-page rasterop per pixel of the brick: at 300 dpi that is
//! 360 passes over the page, about 1.0 G instructions, 8 % of the CPU of a whole page
//! (callgrind, BENCHMARKS.md "Session 14"). Eroding by a run of n pixels is the AND of the page
//! shifted by each of n offsets, and a run of 2k is two runs of k, one shifted by k; dilating
//! is the same with OR. So about log2(n) + 2 passes give exactly the same pixels.
//!
//! This module defines `pixOpenBrick` in the executable; the binary exports it (the root
//! `build.rs`), so Tesseract's call binds here, as for [`super::line_images`]. The cases it does
//! not cover (a `pixd` to write into, a page that is not 1 bpp, a 1×1 or very large brick,
//! Leptonica switched to symmetric boundary conditions) go to Leptonica's own function. A
//! library user linking sohoa-core without the export gets Leptonica's: the same pixels, slower.

use leptonica_sys as lept;

use super::interpose::{leptonica_next, page_words};

/// Bricks longer than this go to Leptonica: the margins this module adds grow with the brick,
/// and Tesseract's own bricks are a quarter of an inch (75 pixels at 300 dpi).
const MAX_BRICK: i32 = 1024;

type OpenBrick = unsafe extern "C" fn(*mut lept::PIX, *mut lept::PIX, i32, i32) -> *mut lept::PIX;

/// Leptonica's own `pixOpenBrick`, the next definition after this executable's.
fn leptonica_open_brick() -> Option<OpenBrick> {
    leptonica_next!(c"pixOpenBrick" as OpenBrick)
}

/// Leptonica's `pixOpenBrick`, seen by Tesseract in place of the library's (see the module doc).
///
/// # Safety
/// The contract of Leptonica's `pixOpenBrick`: `pixs` a valid PIX, `pixd` null or valid.
#[no_mangle]
pub unsafe extern "C" fn pixOpenBrick(
    pixd: *mut lept::PIX,
    pixs: *mut lept::PIX,
    hsize: i32,
    vsize: i32,
) -> *mut lept::PIX {
    // SAFETY: forwarded under the caller's contract.
    if let Some(opened) = unsafe { open_brick(pixd, pixs, hsize, vsize) } {
        return opened;
    }
    match leptonica_open_brick() {
        // SAFETY: forwarded unchanged under the caller's contract.
        Some(real) => unsafe { real(pixd, pixs, hsize, vsize) },
        None => std::ptr::null_mut(), // Leptonica's own error return.
    }
}

/// The opening of `pixs` by an `hsize`×`vsize` brick as a new PIX, or `None` for the cases
/// left to Leptonica.
///
/// # Safety
/// `pixs` is null or a valid PIX; `pixd` is null or a valid PIX.
unsafe fn open_brick(
    pixd: *mut lept::PIX,
    pixs: *mut lept::PIX,
    hsize: i32,
    vsize: i32,
) -> Option<*mut lept::PIX> {
    let plain = pixd.is_null()
        && !pixs.is_null()
        && (1..=MAX_BRICK).contains(&hsize)
        && (1..=MAX_BRICK).contains(&vsize)
        && (hsize, vsize) != (1, 1)
        // Leptonica's default, asymmetric boundary conditions: the erosion's border colour is
        // 0 (pixels off the page count as OFF); the symmetric convention makes it 1.
        // SAFETY: a pure query of Leptonica's global setting.
        && unsafe { lept::getMorphBorderPixelColor(lept::L_MORPH_ERODE as i32, 1) } == 0;
    if !plain {
        return None;
    }
    // SAFETY: `pixs` is a valid PIX, not written while `page` is read.
    let page = unsafe { page_words(pixs, 1) }?;
    let (src, wpl, w, h) = (page.words, page.wpl, page.w, page.h);
    let opened = open(src, wpl, w, h, hsize as usize, vsize as usize);
    // SAFETY: a template of a valid PIX: same size, depth, resolution and colour map.
    let out = unsafe { lept::pixCreateTemplate(pixs) };
    if out.is_null() {
        return None;
    }
    // SAFETY: `out` has the same `wpl` and height as `pixs`.
    let dst = unsafe { std::slice::from_raw_parts_mut(lept::pixGetData(out), wpl * h) };
    dst.copy_from_slice(&opened);
    Some(out)
}

/// Leptonica's `pixOpenBrick(NULL, src, hsize, vsize)` on a 1-bpp image given as `wpl` 32-bit
/// words per row (pixel 0 in the most significant bit), `w`×`h` pixels: the rows of the
/// opened image, padding bits clear (as Leptonica's final dilation leaves them).
pub fn open(src: &[u32], wpl: usize, w: usize, h: usize, hsize: usize, vsize: usize) -> Vec<u32> {
    let margin = hsize.max(vsize);
    let mut plane = Plane::new(src, wpl, w, h, margin);
    // Leptonica: a line brick is one erosion and one dilation by it; a rectangle is done
    // separably, erosions first (horizontal, vertical), then dilations in the same order.
    // Its erosion by a run of n with origin c = n/2 covers offsets -c..=n-1-c; its dilation
    // reflects the brick, -(n-1-c)..=c.
    let erode = |n: usize| -(n as isize / 2);
    let dilate = |n: usize| -(n as isize - 1 - n as isize / 2);
    if hsize > 1 {
        plane = plane.run_h(Op::And, hsize, erode(hsize));
    }
    if vsize > 1 {
        plane = plane.run_v(Op::And, vsize, erode(vsize));
    }
    if hsize > 1 {
        plane = plane.run_h(Op::Or, hsize, dilate(hsize));
    }
    if vsize > 1 {
        plane = plane.run_v(Op::Or, vsize, dilate(vsize));
    }
    plane.into_words(wpl)
}

/// Erosion keeps a pixel when every pixel of its run is ON, dilation when any is.
#[derive(Clone, Copy)]
enum Op {
    And,
    Or,
}

impl Op {
    fn apply(self, a: u64, b: u64) -> u64 {
        match self {
            Op::And => a & b,
            Op::Or => a | b,
        }
    }
}

/// A 1-bpp image as rows of 64-bit words, pixel 0 in the most significant bit, with `left`
/// words and `top` rows of OFF pixels before it, so that runs reaching off the page read OFF
/// (Leptonica's asymmetric boundary conditions) and results can be taken from before the page's
/// first pixel. Reads past a row's end or the last row are OFF too.
struct Plane {
    words: Vec<u64>,
    stride: usize,
    left: usize,
    top: usize,
    w: usize,
    h: usize,
}

impl Plane {
    /// The page `src` (`wpl` words a row), with margins for runs up to `margin` pixels.
    fn new(src: &[u32], wpl: usize, w: usize, h: usize, margin: usize) -> Plane {
        let mut plane = Plane::blank(w, h, margin);
        let (cols, last) = (w.div_ceil(64), last_word_mask(w));
        for y in 0..h {
            let row = &src[y * wpl..(y + 1) * wpl];
            let dst = plane.row_mut(y);
            for (j, d) in dst.iter_mut().enumerate() {
                let hi = u64::from(row[2 * j]);
                let lo = row.get(2 * j + 1).copied().map_or(0, u64::from);
                *d = (hi << 32) | lo;
            }
            dst[cols - 1] &= last; // padding bits are not pixels: OFF
        }
        plane
    }

    /// An all-OFF plane of the same geometry.
    fn blank(w: usize, h: usize, margin: usize) -> Plane {
        let left = margin.div_ceil(64);
        let stride = left + w.div_ceil(64);
        Plane {
            words: vec![0; stride * (margin + h)],
            stride,
            left,
            top: margin,
            w,
            h,
        }
    }

    /// The page's words of row `y` (without the left margin).
    fn row_mut(&mut self, y: usize) -> &mut [u64] {
        let start = (self.top + y) * self.stride + self.left;
        &mut self.words[start..start + self.w.div_ceil(64)]
    }

    /// `op` over each horizontal run of `n` pixels, the run of pixel x starting at x + `from`
    /// (`from` ≤ 0, at most the margin): a new plane of the result, OFF off the page.
    fn run_h(mut self, op: Op, n: usize, from: isize) -> Plane {
        // In place, row by row, each bit becomes `op` over the n bits from it rightwards:
        // runs of k twice give runs of 2k; the last step overlaps (AND and OR are idempotent).
        let mut k = 1;
        while 2 * k <= n {
            self.words
                .chunks_exact_mut(self.stride)
                .for_each(|row| combine_shifted(row, k, op));
            k *= 2;
        }
        if n > k {
            self.words
                .chunks_exact_mut(self.stride)
                .for_each(|row| combine_shifted(row, n - k, op));
        }
        let mut out = Plane::blank(self.w, self.h, self.top);
        let (cols, last) = (self.w.div_ceil(64), last_word_mask(self.w));
        let base = (self.left * 64) as isize + from;
        debug_assert!(base >= 0, "the margin covers the run's reach");
        for y in 0..self.h {
            let start = (self.top + y) * self.stride;
            let src = &self.words[start..start + self.stride];
            let dst = out.row_mut(y);
            for (j, d) in dst.iter_mut().enumerate() {
                *d = bits_at(src, base as usize + 64 * j);
            }
            dst[cols - 1] &= last;
        }
        out
    }

    /// `op` over each vertical run of `n` pixels, the run of row y starting at row y + `from`
    /// (`from` ≤ 0, at most the margin): a new plane of the result, OFF off the page.
    fn run_v(mut self, op: Op, n: usize, from: isize) -> Plane {
        let rows = self.words.len() / self.stride;
        let mut step = |k: usize| {
            // Row r becomes row r `op` row r + k, rows in order, so r + k is still unchanged.
            for r in 0..rows {
                let (head, tail) = self.words.split_at_mut((r + 1) * self.stride);
                let row = &mut head[r * self.stride..];
                match tail.get((k - 1) * self.stride..k * self.stride) {
                    Some(below) => row
                        .iter_mut()
                        .zip(below)
                        .for_each(|(a, &b)| *a = op.apply(*a, b)),
                    None if matches!(op, Op::And) => row.fill(0),
                    None => {}
                }
            }
        };
        let mut k = 1;
        while 2 * k <= n {
            step(k);
            k *= 2;
        }
        if n > k {
            step(n - k);
        }
        let mut out = Plane::blank(self.w, self.h, self.top);
        let first = self.top as isize + from;
        debug_assert!(first >= 0, "the margin covers the run's reach");
        for y in 0..self.h {
            let start = (first as usize + y) * self.stride + self.left;
            let src = &self.words[start..start + self.w.div_ceil(64)];
            out.row_mut(y).copy_from_slice(src);
        }
        out
    }

    /// The page as Leptonica's rows of `wpl` 32-bit words, padding bits clear.
    fn into_words(mut self, wpl: usize) -> Vec<u32> {
        let mut out = vec![0u32; wpl * self.h];
        for y in 0..self.h {
            let row = self.row_mut(y);
            for (j, d) in out[y * wpl..(y + 1) * wpl].iter_mut().enumerate() {
                let word = row[j / 2];
                *d = if j % 2 == 0 {
                    (word >> 32) as u32
                } else {
                    word as u32
                };
            }
        }
        out
    }
}

/// Each bit of `row` becomes itself `op` the bit `k` places to its right (OFF past the end).
fn combine_shifted(row: &mut [u64], k: usize, op: Op) {
    for i in 0..row.len() {
        // Reads at i and after only: the words still hold the previous step's values.
        let shifted = bits_at(row, 64 * i + k);
        row[i] = op.apply(row[i], shifted);
    }
}

/// The 64 bits of `row` starting at bit `pos` (bit 0 the most significant of word 0), OFF past
/// the end.
fn bits_at(row: &[u64], pos: usize) -> u64 {
    let (q, r) = (pos / 64, pos % 64);
    let hi = row.get(q).copied().unwrap_or(0);
    if r == 0 {
        return hi;
    }
    let lo = row.get(q + 1).copied().unwrap_or(0);
    (hi << r) | (lo >> (64 - r))
}

/// The bits of the last 64-bit word of a `w`-pixel row that are pixels.
fn last_word_mask(w: usize) -> u64 {
    match w % 64 {
        0 => u64::MAX,
        r => u64::MAX << (64 - r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::interpose::{corpus_page, xorshift};

    /// Leptonica's own opening of `pixs` (through the library, not this module's export).
    fn leptonica(pixs: *mut lept::PIX, hsize: i32, vsize: i32) -> *mut lept::PIX {
        let real = leptonica_open_brick().expect("liblept's pixOpenBrick is loaded");
        // SAFETY: a valid PIX and sizes >= 1.
        unsafe { real(std::ptr::null_mut(), pixs, hsize, vsize) }
    }

    /// Whether the two PIXes hold the same words, padding bits included, and then frees them.
    fn same_words(a: *mut lept::PIX, b: *mut lept::PIX) -> bool {
        assert!(!a.is_null() && !b.is_null());
        // SAFETY: two valid PIXes of the same size, freed here.
        unsafe {
            let n = (lept::pixGetWpl(a) * lept::pixGetHeight(a)) as usize;
            assert_eq!(n, (lept::pixGetWpl(b) * lept::pixGetHeight(b)) as usize);
            let same = std::slice::from_raw_parts(lept::pixGetData(a), n)
                == std::slice::from_raw_parts(lept::pixGetData(b), n);
            let (mut a, mut b) = (a, b);
            lept::pixDestroy(&mut a);
            lept::pixDestroy(&mut b);
            same
        }
    }

    /// A 1-bpp page of random dust, strokes and solid blocks (so that every brick keeps
    /// something), with its padding bits set, which no result may depend on.
    fn random_page(w: i32, h: i32, seed: u64) -> *mut lept::PIX {
        let mut next = xorshift(seed);
        // SAFETY: a fresh PIX, filled through Leptonica's own setters.
        unsafe {
            let pix = lept::pixCreate(w, h, 1);
            let n = (lept::pixGetWpl(pix) * h) as usize;
            let words = std::slice::from_raw_parts_mut(lept::pixGetData(pix), n);
            for word in words.iter_mut() {
                *word = (next() & next() & next()) as u32; // sparse dust
            }
            for _ in 0..(w * h / 400).max(3) {
                let (x, y) = ((next() % w as u64) as i32, (next() % h as u64) as i32);
                let (bw, bh) = match next() % 3 {
                    0 => (1 + (next() % 120) as i32, 1 + (next() % 4) as i32), // horizontal rule
                    1 => (1 + (next() % 4) as i32, 1 + (next() % 120) as i32), // vertical rule
                    _ => (1 + (next() % 30) as i32, 1 + (next() % 30) as i32), // blot
                };
                lept::pixRasterop(
                    pix,
                    x,
                    y,
                    bw,
                    bh,
                    lept::PIX_SET as i32,
                    std::ptr::null_mut(),
                    0,
                    0,
                );
            }
            pix
        }
    }

    #[test]
    fn random_pages_open_to_leptonicas_exact_words_for_every_brick_shape() {
        let sizes = [
            (1, 1),
            (5, 3),
            (31, 7),
            (32, 40),
            (33, 33),
            (63, 64),
            (64, 9),
            (65, 70),
            (130, 97),
            (200, 150),
        ];
        let bricks = [
            (1, 2),
            (2, 1),
            (1, 3),
            (3, 1),
            (2, 2),
            (3, 3),
            (4, 6),
            (5, 5),
            (15, 15),
            (16, 16),
            (1, 75),
            (75, 1),
            (1, 64),
            (64, 1),
            (1, 65),
            (65, 1),
            (7, 1),
            (1, 12),
            (129, 3),
            (3, 200),
        ];
        for (i, &(w, h)) in sizes.iter().enumerate() {
            for (j, &(hs, vs)) in bricks.iter().enumerate() {
                let pix = random_page(w, h, (i * 100 + j) as u64 + 1);
                // SAFETY: a valid 1-bpp PIX; `ours` is a new PIX.
                let ours =
                    unsafe { open_brick(std::ptr::null_mut(), pix, hs, vs) }.expect("covered case");
                assert!(
                    same_words(ours, leptonica(pix, hs, vs)),
                    "{w}x{h} page, {hs}x{vs} brick: not Leptonica's pixels"
                );
                let mut pix = pix;
                // SAFETY: the page made above.
                unsafe { lept::pixDestroy(&mut pix) };
            }
        }
    }

    #[test]
    fn a_binarised_page_opens_to_leptonicas_exact_words_with_the_line_finders_bricks() {
        // SAFETY: Leptonica converts the page; every PIX is freed here.
        unsafe {
            let mut gray = corpus_page();
            let mut page = lept::pixConvertTo1(gray, 128);
            lept::pixDestroy(&mut gray);
            // Tesseract's LineFinder: a square a twentieth of an inch wide, then lines a quarter
            // of an inch long, at 300 dpi (odd sizes) and 200 dpi (even sizes); and a small
            // square that keeps the strokes of bold type, so the comparison is not of blanks.
            let bricks = [
                (15, 15),
                (1, 75),
                (75, 1),
                (10, 10),
                (1, 50),
                (50, 1),
                (3, 3),
            ];
            for (hs, vs) in bricks {
                let ours = open_brick(std::ptr::null_mut(), page, hs, vs).expect("covered case");
                if (hs, vs) == (3, 3) {
                    let mut on = 0;
                    lept::pixCountPixels(ours, &mut on, std::ptr::null_mut());
                    assert!(on > 1000, "bold strokes survive a 3x3 opening: {on} pixels");
                }
                assert!(same_words(ours, leptonica(page, hs, vs)), "{hs}x{vs} brick");
            }
            lept::pixDestroy(&mut page);
        }
    }

    #[test]
    fn cases_it_does_not_cover_are_left_to_leptonica() {
        let pix = random_page(40, 30, 7);
        // SAFETY: valid PIXes; results freed.
        unsafe {
            assert!(
                open_brick(std::ptr::null_mut(), pix, 1, 1).is_none(),
                "1x1 is a copy"
            );
            assert!(open_brick(pix, pix, 3, 3).is_none(), "in place");
            assert!(
                open_brick(std::ptr::null_mut(), pix, 0, 3).is_none(),
                "no brick"
            );
            let mut gray = lept::pixConvert1To8(std::ptr::null_mut(), pix, 255, 0);
            assert!(
                open_brick(std::ptr::null_mut(), gray, 3, 3).is_none(),
                "8 bpp"
            );
            // The exported function still answers them, through Leptonica.
            let mut copy = pixOpenBrick(std::ptr::null_mut(), pix, 1, 1);
            assert!(!copy.is_null());
            lept::pixDestroy(&mut copy);
            lept::pixDestroy(&mut gray);
            let mut pix = pix;
            lept::pixDestroy(&mut pix);
        }
    }
}
