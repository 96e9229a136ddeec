//! Leptonica's `pixScanForForeground`, exactly, a 32-pixel word at a time instead of a pixel
//! at a time.
//!
//! Tesseract's layout looks for picture regions (`ImageFind`) and shrinks each candidate
//! rectangle to its ink with Leptonica's `pixClipBoxToForeground`, which asks
//! `pixScanForForeground` for the first ON pixel from each side. Leptonica tests one pixel at a
//! time, and from the left and right it walks down whole columns, touching a new row for every
//! pixel: on a text page whose rectangles are mostly blank, about 0.14 G instructions a page
//! (callgrind, BENCHMARKS.md "Session 14"). The first ON column from the left is the lowest
//! bit set in the OR of the box's rows, so one pass over the box's words gives the same answer.
//!
//! This module defines `pixScanForForeground` in the executable; the binary exports it (the root
//! `build.rs`), and Leptonica's own `pixClipBoxToForeground` calls it through the dynamic
//! linker, as Tesseract's calls to [`super::brick_opening`] do. The cases it does not cover (a
//! null or non-1-bpp image, a box wholly off the image, an unknown direction) go to
//! Leptonica's own function, which also reports the error (see `ocr::interpose`). A library
//! user linking sohoa-core without the export gets Leptonica's: the same answer, slower.

use leptonica_sys as lept;

use super::interpose::{leptonica_next, page_words};

type ScanForForeground = unsafe extern "C" fn(*mut lept::PIX, *mut lept::BOX, i32, *mut i32) -> i32;

/// The side a scan starts from, Leptonica's `L_FROM_LEFT` .. `L_FROM_BOT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The first inked column from the left.
    Left,
    /// The first inked column from the right.
    Right,
    /// The first inked row from the top.
    Top,
    /// The first inked row from the bottom.
    Bottom,
}

impl Side {
    fn from_flag(flag: i32) -> Option<Side> {
        match u32::try_from(flag).ok()? {
            lept::L_FROM_LEFT => Some(Side::Left),
            lept::L_FROM_RIGHT => Some(Side::Right),
            lept::L_FROM_TOP => Some(Side::Top),
            lept::L_FROM_BOT => Some(Side::Bottom),
            _ => None,
        }
    }
}

/// Leptonica's own `pixScanForForeground`, the next definition after this executable's.
fn leptonica_scan() -> Option<ScanForForeground> {
    leptonica_next!(c"pixScanForForeground" as ScanForForeground)
}

/// Leptonica's `pixScanForForeground`, seen by Leptonica and Tesseract in place of the
/// library's (see the module doc): 0 and the first ON row or column from `scanflag`'s side of
/// `box` (clipped to the image; the whole image when null) in `*ploc`, or 1 and `*ploc` = 0
/// when there is none.
///
/// # Safety
/// The contract of Leptonica's function: `pixs` and `box` null or valid, `ploc` null or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn pixScanForForeground(
    pixs: *mut lept::PIX,
    bx: *mut lept::BOX,
    scanflag: i32,
    ploc: *mut i32,
) -> i32 {
    // A null `ploc` is Leptonica's error case, reported by its own function.
    if !ploc.is_null() {
        // SAFETY: forwarded under the caller's contract.
        if let Some(found) = unsafe { scan(pixs, bx, scanflag) } {
            // SAFETY: a non-null `ploc` is writable under the caller's contract.
            unsafe { *ploc = found.unwrap_or(0) };
            return i32::from(found.is_none());
        }
    }
    match leptonica_scan() {
        // SAFETY: forwarded unchanged under the caller's contract.
        Some(real) => unsafe { real(pixs, bx, scanflag, ploc) },
        None => 1, // Leptonica's own error return.
    }
}

/// The answer of the scan (`Some(None)`: no ON pixel), or `None` for the cases left to
/// Leptonica.
///
/// # Safety
/// `pixs` and `bx` are null or valid.
unsafe fn scan(pixs: *mut lept::PIX, bx: *mut lept::BOX, scanflag: i32) -> Option<Option<i32>> {
    let side = Side::from_flag(scanflag)?;
    // SAFETY: `pixs` is a valid PIX (or null), not written while `page` is read.
    let page = unsafe { page_words(pixs, 1) }?;
    let (w, h) = (page.w as i32, page.h as i32);
    let (x0, y0, bw, bh) = if bx.is_null() {
        (0, 0, w, h)
    } else {
        // Leptonica's own clipping, so that a box partly or wholly off the image is read the
        // same way; a box wholly off it is Leptonica's error case.
        // SAFETY: a valid BOX; the clipped copy is freed here.
        unsafe {
            let mut clipped = lept::boxClipToRectangle(bx, w, h);
            if clipped.is_null() {
                return None;
            }
            let (mut x, mut y, mut cw, mut ch) = (0, 0, 0, 0);
            lept::boxGetGeometry(clipped, &mut x, &mut y, &mut cw, &mut ch);
            lept::boxDestroy(&mut clipped);
            (x, y, cw, ch)
        }
    };
    let area = Area {
        x0,
        x1: x0 + bw - 1,
        y0,
        y1: y0 + bh - 1,
    };
    Some(first_foreground(page.words, page.wpl, area, side))
}

/// A rectangle of pixels, both ends inclusive, inside the image (possibly empty: x1 < x0).
#[derive(Clone, Copy, Debug)]
pub struct Area {
    /// The first column.
    pub x0: i32,
    /// The last column.
    pub x1: i32,
    /// The first row.
    pub y0: i32,
    /// The last row.
    pub y1: i32,
}

/// The first column (`Left`, `Right`) or row (`Top`, `Bottom`) from `side` of `area` with an
/// ON pixel inside `area`, in a 1-bpp image of `wpl` 32-bit words a row (pixel 0 in the most
/// significant bit); `None` when the area has no ON pixel.
pub fn first_foreground(words: &[u32], wpl: usize, area: Area, side: Side) -> Option<i32> {
    if area.x1 < area.x0 || area.y1 < area.y0 {
        return None;
    }
    let (first_word, last_word) = ((area.x0 / 32) as usize, (area.x1 / 32) as usize);
    // The mask of the area's pixels in word `j` of a row.
    let mask = |j: usize| -> u32 {
        let mut m = u32::MAX;
        if j == first_word {
            m &= u32::MAX >> (area.x0 % 32);
        }
        if j == last_word {
            m &= u32::MAX << (31 - area.x1 % 32);
        }
        m
    };
    let row = |y: i32| &words[y as usize * wpl..][first_word..=last_word];
    let inked = |y: &i32| {
        row(*y)
            .iter()
            .enumerate()
            .any(|(i, &word)| word & mask(first_word + i) != 0)
    };
    match side {
        Side::Top => (area.y0..=area.y1).find(inked),
        Side::Bottom => (area.y0..=area.y1).rev().find(inked),
        Side::Left | Side::Right => {
            // The OR of the area's rows: bit x is set when column x has ink.
            let mut columns = vec![0u32; last_word - first_word + 1];
            for y in area.y0..=area.y1 {
                columns.iter_mut().zip(row(y)).for_each(|(c, &w)| *c |= w);
            }
            let mut inked = columns
                .iter()
                .enumerate()
                .map(|(i, &c)| (first_word + i, c & mask(first_word + i)))
                .filter(|&(_, c)| c != 0);
            if side == Side::Left {
                let (j, c) = inked.next()?;
                Some((j * 32) as i32 + c.leading_zeros() as i32)
            } else {
                let (j, c) = inked.next_back()?;
                Some((j * 32) as i32 + 31 - c.trailing_zeros() as i32)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::interpose::xorshift;

    /// Leptonica's own answer (through the library, not this module's export).
    fn leptonica(pixs: *mut lept::PIX, bx: *mut lept::BOX, flag: i32) -> (i32, i32) {
        let real = leptonica_scan().expect("liblept's pixScanForForeground is loaded");
        let mut loc = -7;
        // SAFETY: valid PIX and BOX, a writable location.
        let ret = unsafe { real(pixs, bx, flag, &mut loc) };
        (ret, loc)
    }

    /// This module's answer through the exported function.
    fn ours(pixs: *mut lept::PIX, bx: *mut lept::BOX, flag: i32) -> (i32, i32) {
        let mut loc = -7;
        // SAFETY: as above.
        let ret = unsafe { pixScanForForeground(pixs, bx, flag, &mut loc) };
        (ret, loc)
    }

    /// A sparse random 1-bpp page with its padding bits set (no answer may depend on them).
    fn random_page(w: i32, h: i32, seed: u64, density_shift: u32) -> *mut lept::PIX {
        let mut next = xorshift(seed);
        // SAFETY: a fresh PIX filled through its own data.
        unsafe {
            let pix = lept::pixCreate(w, h, 1);
            let n = (lept::pixGetWpl(pix) * h) as usize;
            let words = std::slice::from_raw_parts_mut(lept::pixGetData(pix), n);
            for word in words.iter_mut() {
                // One bit in 2^density_shift on average, so many boxes are blank.
                let mut v = u32::MAX;
                for _ in 0..density_shift {
                    v &= next() as u32;
                }
                *word = v;
            }
            pix
        }
    }

    #[test]
    fn random_boxes_scan_to_leptonicas_answer_from_every_side() {
        let mut answers = 0;
        let mut inked = 0;
        for (seed, (w, h, density)) in [(97, 61, 6), (130, 40, 8), (33, 200, 9), (64, 64, 10)]
            .into_iter()
            .enumerate()
        {
            let pix = random_page(w, h, seed as u64 + 1, density);
            let mut draw = xorshift(100 + seed as u64);
            let mut next = move |n: i32| (draw() % n as u64) as i32;
            for _ in 0..400 {
                // Boxes inside, across the edges and wholly off the image.
                let (x, y) = (next(w + 40) - 20, next(h + 40) - 20);
                let (bw, bh) = (1 + next(w), 1 + next(h));
                // SAFETY: a fresh BOX, freed below.
                let mut bx = unsafe { lept::boxCreate(x, y, bw, bh) };
                for flag in 0..4 {
                    let want = leptonica(pix, bx, flag);
                    assert_eq!(
                        ours(pix, bx, flag),
                        want,
                        "box {x},{y} {bw}x{bh} side {flag}"
                    );
                    answers += 1;
                    inked += i32::from(want.0 == 0);
                }
                // SAFETY: the BOX made above.
                unsafe { lept::boxDestroy(&mut bx) };
            }
            for flag in 0..4 {
                let whole = leptonica(pix, std::ptr::null_mut(), flag);
                assert_eq!(ours(pix, std::ptr::null_mut(), flag), whole);
            }
            let mut pix = pix;
            // SAFETY: the PIX made above.
            unsafe { lept::pixDestroy(&mut pix) };
        }
        // The comparison means something only if many boxes have ink and many have none.
        assert!(
            inked > 1000 && answers - inked > 1000,
            "{inked} inked of {answers}"
        );
    }

    #[test]
    fn a_known_blot_is_found_from_each_side() {
        // SAFETY: a fresh PIX and BOX, freed at the end.
        unsafe {
            let mut pix = lept::pixCreate(200, 100, 1);
            lept::pixRasterop(
                pix,
                37,
                20,
                60,
                9,
                lept::PIX_SET as i32,
                std::ptr::null_mut(),
                0,
                0,
            );
            let mut bx = lept::boxCreate(10, 5, 150, 80);
            let sides = [(0, 37), (1, 96), (2, 20), (3, 28)];
            for (flag, want) in sides {
                assert_eq!(ours(pix, bx, flag), (0, want), "side {flag}");
            }
            let mut blank = lept::boxCreate(100, 40, 50, 50);
            assert_eq!(ours(pix, blank, 0), (1, 0), "a blank box has no foreground");
            lept::boxDestroy(&mut blank);
            lept::boxDestroy(&mut bx);
            lept::pixDestroy(&mut pix);
        }
    }
}
