//! Leptonica's `pixRotateAMGray`, byte for byte, without a test and a float product per pixel
//! that a row can settle once.
//!
//! sohoa's deskew (`Pix::deskew`, Leptonica's `pixFindSkewAndDeskew`) rotates the 8-bpp page by
//! area mapping: `pixRotate(.., L_ROTATE_AREA_MAP, ..)` calls `pixRotateAMGray`, whose loop
//! (`rotateAMGrayLow`) finds, for every pixel, the source position in sixteenths of a pixel
//! with two single-precision products and a sum each for x and y, tests it against the page's
//! edges, and averages the four source pixels it falls between. That is about 75 instructions
//! a pixel, 0.63 G on a recopy page upscaled to 300 dpi (callgrind, 5 % of the page).
//!
//! The arithmetic here is Leptonica's, operation for operation, in the same types: `sina` and
//! `cosa` are `16 * sin(angle)` and `16 * cos(angle)` computed in double with the C library's
//! `sincos` (what GCC made of Leptonica's `sin` and `cos`) and rounded to float; a pixel's
//! source position is `(int)((float)(j - xcen) * cosa - (float)ydif * sina)` and
//! `(int)((float)(-ydif) * cosa + (float)xdif * sina)`. A product of a column's offset and a
//! constant is the same float in every row, and a row's products are the same for every column,
//! so they are computed once per column and once per row; only the sum and the truncation stay
//! per pixel, as in Leptonica. The four weights' integer sum is exact in any order.
//!
//! The edge test moves out of the loop: each position is a rounded product plus a constant,
//! truncated, so it is monotone along a row and the pixels whose four source pixels lie on the
//! page form one run. The run is found from both ends, then checked pixel by pixel without
//! branches (a row that failed the check would take Leptonica's per-pixel path); inside it the
//! source bytes are read unchecked, outside it the fill value is written.
//!
//! This module defines `pixRotateAMGray` in the executable; the binary exports it (the root
//! `build.rs`), so the calls of Leptonica's `pixRotate` and `pixRotateAM`, which go through the
//! PLT, bind here, as for [`super::brick_opening`]. The cases it does not cover (a null or
//! non-8-bpp image, an angle Leptonica leaves unrotated or that is not finite, a page narrower
//! or lower than 2 pixels or wider or higher than 2^24, a big-endian machine) go to
//! Leptonica's own function. A library user linking sohoa-core without the export gets
//! Leptonica's: the same bytes, slower.

use leptonica_sys as lept;

use super::interpose::{leptonica_next, page_words};

/// Leptonica's `MinAngleToRotate` (rotateam.c): below this many radians it returns a clone.
const MIN_ANGLE_TO_ROTATE: f32 = 0.001;

/// Pages wider or higher than this go to Leptonica: up to it every source position, at most
/// 16 × (w + h) sixteenths, is far inside an `i32`, so its truncation is the C cast's.
const MAX_SIDE: i32 = 1 << 24;

type RotateAmGray = unsafe extern "C" fn(*mut lept::PIX, f32, u8) -> *mut lept::PIX;

extern "C" {
    /// glibc's `sincos`, the call GCC compiled Leptonica's `sin(angle)` and `cos(angle)` to.
    fn sincos(x: f64, sin: *mut f64, cos: *mut f64);
}

/// Leptonica's own `pixRotateAMGray`, the next definition after this executable's.
fn leptonica_rotate_am_gray() -> Option<RotateAmGray> {
    leptonica_next!(c"pixRotateAMGray" as RotateAmGray)
}

/// Leptonica's `pixRotateAMGray`, seen by Leptonica's rotations in place of the library's (see
/// the module doc).
///
/// # Safety
/// The contract of Leptonica's `pixRotateAMGray`: `pixs` null or a valid PIX.
#[no_mangle]
pub unsafe extern "C" fn pixRotateAMGray(
    pixs: *mut lept::PIX,
    angle: f32,
    grayval: u8,
) -> *mut lept::PIX {
    // SAFETY: forwarded under the caller's contract.
    if let Some(rotated) = unsafe { rotate_am_gray(pixs, angle, grayval) } {
        return rotated;
    }
    match leptonica_rotate_am_gray() {
        // SAFETY: forwarded unchanged under the caller's contract.
        Some(real) => unsafe { real(pixs, angle, grayval) },
        None => std::ptr::null_mut(), // Leptonica's own error return.
    }
}

/// `pixs` rotated by `angle` radians (clockwise) about its centre as a new PIX, `grayval`
/// brought in from outside, or `None` for the cases left to Leptonica.
///
/// # Safety
/// `pixs` is null or a valid PIX.
unsafe fn rotate_am_gray(pixs: *mut lept::PIX, angle: f32, grayval: u8) -> Option<*mut lept::PIX> {
    // `rotate` reads a word's four pixels in little-endian byte order (pixel x at byte x ^ 3).
    if cfg!(target_endian = "big") || !angle.is_finite() || angle.abs() < MIN_ANGLE_TO_ROTATE {
        return None;
    }
    // SAFETY: `pixs` is a valid PIX (or null), not written while `page` is read.
    let page = unsafe { page_words(pixs, 8) }?;
    let (w, h, wpls) = (page.w as i32, page.h as i32, page.wpl as i32);
    if !(2..=MAX_SIDE).contains(&w) || !(2..=MAX_SIDE).contains(&h) || wpls * 4 < w {
        return None;
    }
    // SAFETY: the page's words seen as bytes (u8 has no alignment or validity requirement).
    let src = unsafe {
        std::slice::from_raw_parts(page.words.as_ptr() as *const u8, 4 * page.words.len())
    };
    // Leptonica's pixCreateTemplate, without clearing: every byte is written below.
    // SAFETY: a template of a valid PIX: same size, depth, resolution and colour map.
    let pixd = unsafe { lept::pixCreateTemplateNoInit(pixs) };
    if pixd.is_null() {
        return None;
    }
    // SAFETY: `pixd` is a valid PIX of `h` rows of `wpld` words.
    let dst = unsafe {
        let wpld = lept::pixGetWpl(pixd) as usize;
        std::slice::from_raw_parts_mut(lept::pixGetData(pixd) as *mut u8, 4 * wpld * h as usize)
    };
    let (mut s, mut c) = (0f64, 0f64);
    // SAFETY: two valid out-pointers.
    unsafe { sincos(f64::from(angle), &mut s, &mut c) };
    let (sina, cosa) = ((16.0 * s) as f32, (16.0 * c) as f32);
    rotate(
        src,
        4 * wpls as usize,
        dst,
        w as usize,
        h as usize,
        sina,
        cosa,
        grayval,
    );
    Some(pixd)
}

/// Leptonica's `rotateAMGrayLow` on bytes: `src` and `dst` hold `h` rows of `w` pixels,
/// `src_stride` bytes apart in `src` and `dst.len() / h` in `dst`, each 32-bit word's four
/// pixels in Leptonica's order (pixel `x` at byte `x ^ 3` of its row on a little-endian
/// machine); `sina` and `cosa` are Leptonica's 16·sin and 16·cos of the angle. The padding
/// bytes of `dst`'s rows are cleared, as Leptonica's pixCreateTemplate leaves them.
#[allow(clippy::too_many_arguments)]
fn rotate(
    src: &[u8],
    src_stride: usize,
    dst: &mut [u8],
    w: usize,
    h: usize,
    sina: f32,
    cosa: f32,
    grayval: u8,
) {
    assert!(w >= 2 && h >= 2 && src_stride >= w && src_stride % 4 == 0);
    assert!(src.len() >= src_stride * h && dst.len() % (4 * h) == 0);
    let dst_stride = dst.len() / h;
    assert!(dst_stride >= w);
    let (xcen, ycen) = ((w / 2) as i32, (h / 2) as i32);
    let (wm2, hm2) = (w as i32 - 2, h as i32 - 2);
    // Per column: Leptonica's `-xdif * cosa` and `xdif * sina`, xdif = xcen - j.
    let x_cos: Vec<f32> = (0..w as i32).map(|j| (j - xcen) as f32 * cosa).collect();
    let x_sin: Vec<f32> = (0..w as i32).map(|j| (xcen - j) as f32 * sina).collect();
    let mut xpm = vec![0i32; w];
    let mut ypm = vec![0i32; w];
    // One row in pixel order (pixel j at byte j), padding cleared; swapped into Leptonica's
    // byte order a word at a time at the end of the row.
    let mut line = vec![0u8; dst_stride];
    let valid = |xpm: i32, ypm: i32| {
        let (xp, yp) = (xcen + (xpm >> 4), ycen + (ypm >> 4));
        // Non-short-circuit `&`, so that a run's check has no branch.
        (xp >= 0) & (yp >= 0) & (xp <= wm2) & (yp <= hm2)
    };
    for (i, row) in dst.chunks_exact_mut(dst_stride).enumerate() {
        let ydif = ycen - i as i32;
        // Per row: Leptonica's `ydif * sina` and `-ydif * cosa`.
        let (y_sin, y_cos) = (ydif as f32 * sina, (-ydif) as f32 * cosa);
        let columns = x_cos.iter().zip(&x_sin);
        for ((xm, ym), (&xc, &xs)) in xpm.iter_mut().zip(ypm.iter_mut()).zip(columns) {
            // Leptonica's `(l_int32)(-xdif * cosa - ydif * sina)` and
            // `(l_int32)(-ydif * cosa + xdif * sina)`: a float difference and sum, truncated.
            // SAFETY: both are finite (finite factors, sides under MAX_SIDE) and within i32.
            unsafe {
                *xm = (xc - y_sin).to_int_unchecked::<i32>();
                *ym = (y_cos + xs).to_int_unchecked::<i32>();
            }
        }
        // The run of pixels whose four source pixels are on the page, found from both ends.
        let lo = (0..w).find(|&j| valid(xpm[j], ypm[j])).unwrap_or(w);
        let hi = (lo..w)
            .rfind(|&j| valid(xpm[j], ypm[j]))
            .map_or(lo, |j| j + 1);
        let (run_x, run_y) = (&xpm[lo..hi], &ypm[lo..hi]);
        let run_valid = run_x
            .iter()
            .zip(run_y)
            .fold(true, |all, (&xm, &ym)| all & valid(xm, ym));
        line[..lo].fill(grayval);
        line[hi..w].fill(grayval);
        let run = &mut line[lo..hi];
        if run_valid {
            for ((out, &xm), &ym) in run.iter_mut().zip(run_x).zip(run_y) {
                let (xp, yp) = ((xcen + (xm >> 4)) as usize, (ycen + (ym >> 4)) as usize);
                let top = yp * src_stride;
                let bottom = top + src_stride;
                // SAFETY: the run's check gave 0 <= xp <= w - 2 and 0 <= yp <= h - 2, so these
                // bytes are in rows yp and yp + 1 < h, at x and x + 1 < w <= src_stride (XOR 3
                // stays in the same 4-byte word of the row).
                let (p00, p10, p01, p11) = unsafe {
                    (
                        *src.get_unchecked(top + (xp ^ 3)),
                        *src.get_unchecked(top + ((xp + 1) ^ 3)),
                        *src.get_unchecked(bottom + (xp ^ 3)),
                        *src.get_unchecked(bottom + ((xp + 1) ^ 3)),
                    )
                };
                *out = blend(xm & 15, ym & 15, p00, p10, p01, p11);
            }
        } else {
            // Not expected (the positions are monotone along a row); Leptonica's own loop.
            for ((out, &xm), &ym) in run.iter_mut().zip(run_x).zip(run_y) {
                *out = if valid(xm, ym) {
                    let (xp, yp) = ((xcen + (xm >> 4)) as usize, (ycen + (ym >> 4)) as usize);
                    let (top, bottom) = (yp * src_stride, (yp + 1) * src_stride);
                    blend(
                        xm & 15,
                        ym & 15,
                        src[top + (xp ^ 3)],
                        src[top + ((xp + 1) ^ 3)],
                        src[bottom + (xp ^ 3)],
                        src[bottom + ((xp + 1) ^ 3)],
                    )
                } else {
                    grayval
                };
            }
        }
        // Pixel j goes to byte j ^ 3: each 4-byte word reversed.
        for (word, pixels) in row.chunks_exact_mut(4).zip(line.chunks_exact(4)) {
            word.copy_from_slice(&[pixels[3], pixels[2], pixels[1], pixels[0]]);
        }
    }
}

/// Leptonica's area weighting of the four source pixels for the sub-pixel offsets `xf`, `yf`
/// (sixteenths): `((16-xf)(16-yf)p00 + xf(16-yf)p10 + (16-xf)yf p01 + xf yf p11 + 128) / 256`,
/// the same integer grouped by rows (exact: no term is negative or overflows).
#[inline(always)]
fn blend(xf: i32, yf: i32, p00: u8, p10: u8, p01: u8, p11: u8) -> u8 {
    let top = (16 - xf) * i32::from(p00) + xf * i32::from(p10);
    let bottom = (16 - xf) * i32::from(p01) + xf * i32::from(p11);
    (((16 - yf) * top + yf * bottom + 128) >> 8) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::interpose::{corpus_page, xorshift};

    /// Leptonica's own rotation of `pixs` (through the library, not this module's export).
    fn leptonica(pixs: *mut lept::PIX, angle: f32, grayval: u8) -> *mut lept::PIX {
        let real = leptonica_rotate_am_gray().expect("liblept's pixRotateAMGray is loaded");
        // SAFETY: a valid 8-bpp PIX.
        unsafe { real(pixs, angle, grayval) }
    }

    /// The bytes of a PIX's rows, padding included.
    fn bytes(pix: *mut lept::PIX) -> Vec<u8> {
        assert!(!pix.is_null());
        // SAFETY: a valid PIX.
        unsafe {
            let n = 4 * (lept::pixGetWpl(pix) * lept::pixGetHeight(pix)) as usize;
            std::slice::from_raw_parts(lept::pixGetData(pix) as *const u8, n).to_vec()
        }
    }

    fn destroy(pix: *mut lept::PIX) {
        let mut pix = pix;
        // SAFETY: a valid PIX owned by the caller.
        unsafe { lept::pixDestroy(&mut pix) };
    }

    /// Rotates `pix` by `angle` both ways and asserts the same bytes, and that the rotation
    /// changed the page (a comparison of two unrotated copies would prove nothing).
    fn assert_same_rotation(pix: *mut lept::PIX, angle: f32, grayval: u8, what: &str) {
        // SAFETY: a valid 8-bpp PIX; both results are new PIXes, freed here.
        let ours = unsafe { rotate_am_gray(pix, angle, grayval) }.expect("covered case");
        let theirs = leptonica(pix, angle, grayval);
        let (a, b) = (bytes(ours), bytes(theirs));
        if a != b {
            let first = a
                .iter()
                .zip(&b)
                .position(|(x, y)| x != y)
                .unwrap_or(a.len());
            panic!(
                "{what}, angle {angle}, fill {grayval}: not Leptonica's bytes (first at byte \
                 {first} of {})",
                a.len()
            );
        }
        assert_ne!(
            a,
            bytes(pix),
            "{what}, angle {angle}: the page did not change"
        );
        destroy(ours);
        destroy(theirs);
    }

    /// An 8-bpp page of smooth shading, sharp strokes and noise, every pixel set by Leptonica's
    /// setter (so the padding bytes stay clear, as in a page Leptonica made).
    fn random_page(w: i32, h: i32, seed: u64) -> *mut lept::PIX {
        let mut next = xorshift(seed);
        // SAFETY: a fresh PIX, filled through Leptonica's own setter.
        unsafe {
            let pix = lept::pixCreate(w, h, 8);
            for y in 0..h {
                for x in 0..w {
                    let shade = (x * 255 / w + y * 127 / h) as u64;
                    let v = match next() % 8 {
                        0 => next() % 256, // noise
                        1 => 0,            // ink
                        _ => shade % 256,
                    };
                    lept::pixSetPixel(pix, x, y, v as u32);
                }
            }
            pix
        }
    }

    /// Angles in radians: the deskew's range (0.1 to 3 degrees, both signs), the smallest one
    /// Leptonica rotates, and large ones whose source positions fall off every edge.
    fn angles() -> Vec<f32> {
        let mut degrees = vec![
            0.06, 0.1, 0.13, 0.25, 0.4, 0.5, 0.77, 1.0, 1.5, 2.0, 2.5, 2.9,
        ];
        degrees.extend([
            3.0, 4.7, 10.0, 30.0, 45.0, 89.0, 90.0, 135.0, 179.0, 180.0, 270.0,
        ]);
        let mut out: Vec<f32> = degrees
            .iter()
            .flat_map(|d: &f64| {
                let r = d.to_radians() as f32;
                [r, -r]
            })
            .collect();
        out.extend([0.001, -0.001, 0.0010001, 0.02, -0.037, 1.0, -2.5, 6.0]);
        out
    }

    #[test]
    fn random_pages_rotate_to_leptonicas_exact_bytes_at_every_angle() {
        let sizes = [
            (2, 2),
            (3, 5),
            (4, 4),
            (17, 9),
            (64, 33),
            (101, 77),
            (128, 200),
            (333, 211),
            (640, 481),
        ];
        let mut compared = 0;
        for (k, &(w, h)) in sizes.iter().enumerate() {
            let pix = random_page(w, h, k as u64 + 1);
            for (n, &angle) in angles().iter().enumerate() {
                let grayval = [255, 0, 128][n % 3];
                if w * h >= 64 * 33 || angle.abs() >= 0.1 {
                    assert_same_rotation(pix, angle, grayval, &format!("{w}x{h} page"));
                } else {
                    // Too small a page or angle to move a pixel: still the same bytes.
                    // SAFETY: a valid 8-bpp PIX; the results are freed.
                    let ours = unsafe { rotate_am_gray(pix, angle, grayval) }.expect("covered");
                    let theirs = leptonica(pix, angle, grayval);
                    assert_eq!(bytes(ours), bytes(theirs), "{w}x{h} page, angle {angle}");
                    destroy(ours);
                    destroy(theirs);
                }
                compared += 1;
            }
            destroy(pix);
        }
        assert_eq!(compared, sizes.len() * angles().len());
    }

    #[test]
    fn a_rendered_page_rotates_to_leptonicas_exact_bytes_at_the_deskews_angles() {
        // SAFETY: Leptonica converts the page; every PIX is freed here.
        unsafe {
            let mut read = corpus_page();
            let page = lept::pixConvertTo8(read, 0);
            lept::pixDestroy(&mut read);
            assert_eq!(lept::pixGetDepth(page), 8);
            // An odd width too: the same page less its last column.
            let (w, h) = (lept::pixGetWidth(page), lept::pixGetHeight(page));
            let odd_w = if w % 2 == 0 { w - 1 } else { w - 2 };
            let mut cropped = lept::boxCreate(0, 0, odd_w, h);
            let odd = lept::pixClipRectangle(page, cropped, std::ptr::null_mut());
            lept::boxDestroy(&mut cropped);
            for pix in [page, odd] {
                for degrees in [0.1f64, -0.1, 0.35, -0.6, 1.2, -1.7, 2.4, -3.0] {
                    let angle = degrees.to_radians() as f32;
                    assert_same_rotation(pix, angle, 255, "plan-001-clean");
                }
                destroy(pix);
            }
        }
    }

    #[test]
    fn cases_it_does_not_cover_are_left_to_leptonica() {
        let pix = random_page(40, 30, 7);
        // SAFETY: valid PIXes; results freed.
        unsafe {
            for angle in [0.0, 0.0009, -0.0009, f32::NAN, f32::INFINITY] {
                assert!(rotate_am_gray(pix, angle, 255).is_none(), "angle {angle}");
            }
            let thin = random_page(1, 30, 8);
            assert!(rotate_am_gray(thin, 0.1, 255).is_none(), "one column");
            let mut binary = lept::pixConvertTo1(pix, 128);
            assert!(rotate_am_gray(binary, 0.1, 255).is_none(), "1 bpp");
            // The exported function still answers them, through Leptonica: a clone of the
            // page for an angle too small to rotate, an error for a 1-bpp page.
            let clone = pixRotateAMGray(pix, 0.0, 255);
            assert_eq!(clone, pix, "Leptonica's pixClone");
            destroy(clone);
            assert!(pixRotateAMGray(binary, 0.1, 255).is_null());
            let rotated = pixRotateAMGray(thin, 0.1, 255);
            assert!(!rotated.is_null());
            destroy(rotated);
            destroy(thin);
            lept::pixDestroy(&mut binary);
        }
        destroy(pix);
    }
}
