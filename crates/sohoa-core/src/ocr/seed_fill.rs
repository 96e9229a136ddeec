//! Leptonica's `pixSeedfillBinary`, word for word, without its confirming sweep, its copies
//! and its work on blank words.
//!
//! Tesseract's rule-line finder (`LineFinder::FindAndRemoveLines`, `GetLineMasks`) and its
//! image finder grow a seed (the page eroded by a short run, or a dilated mask) back into the
//! page with Leptonica's binary seed fill, 8-connected, in place. Leptonica (Vincent's
//! iterative method) sweeps the whole page forward and then backward, 32-bit word by word,
//! copies the page before every double sweep and compares it after, and stops when a double
//! sweep changed nothing (at most 40 of them): on a text page one sweep pair grows the seed
//! and a second, whole, only confirms it; 0.08-0.25 G instructions a page (callgrind, one page
//! per process: office 0.08, recopy 0.17, clean 0.25).
//!
//! This module does the same double sweeps, the same operations on the same words in the
//! same order, so every intermediate image, the 40-sweep cap and the padding bits are
//! Leptonica's. It differs in three ways that cannot change a bit: a word whose mask word is
//! blank becomes 0 at once (Leptonica ORs and masks it to 0); a row whose mask row is blank is
//! cleared once and then skipped (it stays 0); and instead of a whole confirming double sweep
//! plus a page copy and comparison, it tests whether the image is closed (no mask pixel
//! outside it touches it), which holds exactly when Leptonica's next double sweep would
//! change nothing, and that test reads each word once with no dependence between words.
//!
//! The binary exports `pixSeedfillBinary` (the root `build.rs`), so Tesseract's calls bind
//! here, as for [`super::brick_opening`]. A seed and mask of different sizes are swept over
//! the rows both have, as Leptonica does, when their rows are as many words long. The cases it
//! does not cover (rows of different word counts, a mask that is also the seed or the
//! destination, a connectivity other than 4 or 8, images that are not 1 bpp) go to
//! Leptonica's own function, which also reports the errors. A library user linking sohoa-core
//! without the export gets Leptonica's: the same pixels, slower.

use leptonica_sys as lept;

use super::interpose::leptonica_next;

/// Leptonica's `MAX_ITERS` in seedfill.c (1.82): the double sweeps it does at most, converged
/// or not; matched so that a fill that needs more stops where Leptonica's stops.
const MAX_SWEEP_PAIRS: usize = 40;

type SeedfillBinary =
    unsafe extern "C" fn(*mut lept::PIX, *mut lept::PIX, *mut lept::PIX, i32) -> *mut lept::PIX;

/// Leptonica's own `pixSeedfillBinary`, the next definition after this executable's.
fn leptonica_seedfill() -> Option<SeedfillBinary> {
    leptonica_next!(c"pixSeedfillBinary" as SeedfillBinary)
}

/// Leptonica's `pixSeedfillBinary`, seen by Tesseract in place of the library's (see the
/// module doc): the seed `pixs` filled into the mask `pixm` with 4- or 8-connectivity, in a
/// new PIX (`pixd` null), in place (`pixd` == `pixs`) or in `pixd`.
///
/// # Safety
/// The contract of Leptonica's function: `pixs`, `pixm` and `pixd` null or valid.
#[no_mangle]
pub unsafe extern "C" fn pixSeedfillBinary(
    pixd: *mut lept::PIX,
    pixs: *mut lept::PIX,
    pixm: *mut lept::PIX,
    connectivity: i32,
) -> *mut lept::PIX {
    // SAFETY: forwarded under the caller's contract.
    if let Some(filled) = unsafe { seed_fill(pixd, pixs, pixm, connectivity) } {
        return filled;
    }
    match leptonica_seedfill() {
        // SAFETY: forwarded unchanged under the caller's contract.
        Some(real) => unsafe { real(pixd, pixs, pixm, connectivity) },
        None => pixd, // Leptonica's own error return.
    }
}

/// The fill as Leptonica makes it, or `None` (nothing touched) for the cases left to it.
///
/// # Safety
/// `pixd`, `pixs` and `pixm` are null or valid.
unsafe fn seed_fill(
    pixd: *mut lept::PIX,
    pixs: *mut lept::PIX,
    pixm: *mut lept::PIX,
    connectivity: i32,
) -> Option<*mut lept::PIX> {
    let eight = match connectivity {
        4 => false,
        8 => true,
        _ => return None,
    };
    if pixs.is_null() || pixm.is_null() || pixm == pixs || pixm == pixd {
        return None;
    }
    // SAFETY: valid PIXes (checked non-null above).
    let (ws, hs, ds, wm, hm, dm) = unsafe {
        (
            lept::pixGetWidth(pixs),
            lept::pixGetHeight(pixs),
            lept::pixGetDepth(pixs),
            lept::pixGetWidth(pixm),
            lept::pixGetHeight(pixm),
            lept::pixGetDepth(pixm),
        )
    };
    // SAFETY: valid PIXes.
    let (wpls, wplm) = unsafe { (lept::pixGetWpl(pixs), lept::pixGetWpl(pixm)) };
    // Seed and mask may differ in size by a few pixels (Tesseract's image finder fills a
    // mask expanded from a reduced page into the page), as long as their rows are as many
    // words long; Leptonica sweeps the rows both have.
    if ds != 1 || dm != 1 || wpls != wplm || ws <= 0 || hs <= 0 || hm <= 0 {
        return None;
    }
    if !pixd.is_null() && pixd != pixs {
        // SAFETY: a valid PIX (non-null); Leptonica's pixCopy would reject another depth.
        if unsafe { lept::pixGetDepth(pixd) } != 1 {
            return None;
        }
    }
    // Leptonica's own steps (1.82): pixd becomes a copy of pixs (a new PIX, itself, or
    // resized), then its padding bits and the mask's are cleared (the latter a side effect on
    // pixm that callers may see).
    // SAFETY: valid PIXes of the same depth.
    let out = unsafe { lept::pixCopy(pixd, pixs) };
    if out.is_null() {
        return None;
    }
    // SAFETY: valid PIXes.
    unsafe {
        lept::pixSetPadBits(out, 0);
        lept::pixSetPadBits(pixm, 0);
    }
    // A mask wider than the seed lets the fill set pixd's padding bits, which Leptonica's
    // stopping test (pixEqual) does not look at: then that test is followed to the letter.
    let image_bits = (ws < wm).then(|| u32::MAX << (32 - ws % 32));
    // SAFETY: `out` (pixs's copy) and `pixm` are valid 1-bpp PIXes of `wpls` words a row and
    // `hs` and `hm` rows; their buffers are distinct (pixm is neither pixs nor pixd) and alive.
    unsafe {
        let wpl = wpls as usize;
        let image = std::slice::from_raw_parts_mut(lept::pixGetData(out), wpl * hs as usize);
        let mask = std::slice::from_raw_parts(lept::pixGetData(pixm), wpl * hm as usize);
        fill(image, mask, wpl, hs.min(hm) as usize, eight, image_bits);
    }
    Some(out)
}

/// Fills the first `h` rows of `image` (the seed; `wpl` 32-bit words a row, pixel 0 in the
/// most significant bit) into `mask` as Leptonica's `pixSeedfillBinary` does once it has
/// copied the seed and cleared the mask's padding bits: double sweeps until one changes no
/// pixel, at most `MAX_SWEEP_PAIRS`. `eight`: 8-connected, else 4-connected.
/// `image_bits`: when the mask is wider than the image, the image's pixels in the last word
/// of a row (the rest are padding bits, which the fill may set but which do not count as a
/// change); `None` when the padding bits can never be set after the first sweep.
pub fn fill(
    image: &mut [u32],
    mask: &[u32],
    wpl: usize,
    h: usize,
    eight: bool,
    image_bits: Option<u32>,
) {
    assert!(image.len() >= wpl * h && mask.len() >= wpl * h);
    if wpl == 0 || h == 0 {
        return;
    }
    // Whether the pixels of a row changed, padding bits aside (only asked for when counted).
    let changed = |old: &[u32], new: &[u32], last_bits: u32| {
        old.iter().zip(new).enumerate().any(|(j, (&a, &b))| {
            let bits = if j + 1 == wpl { last_bits } else { u32::MAX };
            (a ^ b) & bits != 0
        })
    };
    let mut cleared_pixels = false;
    let zeros = vec![0; if image_bits.is_some() { wpl } else { 0 }];
    // Rows with some mask pixel: the only rows a sweep can leave non-zero.
    let inked: Vec<bool> = mask[..wpl * h]
        .chunks_exact(wpl)
        .map(|row| row.iter().any(|&m| m != 0))
        .collect();
    // The first forward sweep clears the blank rows (seed pixels off the mask); they stay 0.
    for (row, _) in image[..wpl * h]
        .chunks_exact_mut(wpl)
        .zip(&inked)
        .filter(|(_, &inked)| !inked)
    {
        if let Some(bits) = image_bits {
            cleared_pixels |= changed(row, &zeros, bits);
        }
        row.fill(0);
    }
    let sweep = Sweep {
        mask,
        wpl,
        h,
        eight,
        inked: &inked,
    };
    for pair in 0..MAX_SWEEP_PAIRS {
        let before = image_bits.map(|_| image[..wpl * h].to_vec());
        sweep.forward(image);
        sweep.backward(image);
        if sweep.closed(image) {
            break;
        }
        // Leptonica stops when a double sweep changed no pixel of the image even though it
        // set padding bits; only possible when `image_bits` is given.
        if let (Some(before), Some(bits)) = (before, image_bits) {
            let same = before
                .chunks_exact(wpl)
                .zip(image[..wpl * h].chunks_exact(wpl))
                .all(|(old, new)| !changed(old, new, bits));
            if same && !(pair == 0 && cleared_pixels) {
                break;
            }
        }
    }
}

/// One fill's fixed parts.
struct Sweep<'a> {
    mask: &'a [u32],
    wpl: usize,
    h: usize,
    eight: bool,
    inked: &'a [bool],
}

/// Leptonica's fill of a word along its row: pixels of `mask` 4-connected inside the word to
/// a pixel of `word` (which lies inside `mask`), grown one pixel a step until it stops
/// changing, as seedfillBinaryLow does.
#[inline]
fn fill_within_word(mut word: u32, mask: u32) -> u32 {
    if word == 0 || word == u32::MAX {
        return word;
    }
    loop {
        let prev = word;
        word = (word | (word >> 1) | (word << 1)) & mask;
        if word == prev {
            return word;
        }
    }
}

impl Sweep<'_> {
    /// What a row's word `j` receives from the word `j` of the row `r` next to it (above in a
    /// forward sweep, below in a backward one), as seedfillBinaryLow ORs it in.
    #[inline]
    fn next_row(&self, r: &[u32], j: usize) -> u32 {
        let n = r[j];
        if !self.eight {
            return n;
        }
        let mut w = n | (n << 1) | (n >> 1);
        if j > 0 {
            w |= r[j - 1] << 31;
        }
        if j + 1 < self.wpl {
            w |= r[j + 1] >> 31;
        }
        w
    }

    /// Leptonica's upper-left to lower-right sweep: each word ORs in the row above and the
    /// last pixel of the word to its left, is masked, and fills along itself.
    fn forward(&self, image: &mut [u32]) {
        let wpl = self.wpl;
        for i in (0..self.h).filter(|&i| self.inked[i]) {
            let (before, rest) = image.split_at_mut(i * wpl);
            let row = &mut rest[..wpl];
            let above = (i > 0).then(|| &before[(i - 1) * wpl..]);
            let mrow = &self.mask[i * wpl..(i + 1) * wpl];
            for j in 0..wpl {
                let m = mrow[j];
                if m == 0 {
                    row[j] = 0;
                    continue;
                }
                let mut word = row[j];
                if let Some(above) = above {
                    word |= self.next_row(above, j);
                }
                if j > 0 {
                    word |= row[j - 1] << 31;
                }
                row[j] = fill_within_word(word & m, m);
            }
        }
    }

    /// Leptonica's lower-right to upper-left sweep: the mirror of [`Sweep::forward`], from the
    /// row below and the first pixel of the word to the right.
    fn backward(&self, image: &mut [u32]) {
        let wpl = self.wpl;
        for i in (0..self.h).rev().filter(|&i| self.inked[i]) {
            let (upto, after) = image.split_at_mut((i + 1) * wpl);
            let row = &mut upto[i * wpl..];
            let below = (i + 1 < self.h).then_some(&*after);
            let mrow = &self.mask[i * wpl..(i + 1) * wpl];
            for j in (0..wpl).rev() {
                let m = mrow[j];
                if m == 0 {
                    row[j] = 0;
                    continue;
                }
                let mut word = row[j];
                if let Some(below) = below {
                    word |= self.next_row(below, j);
                }
                if j + 1 < wpl {
                    word |= row[j + 1] >> 31;
                }
                row[j] = fill_within_word(word & m, m);
            }
        }
    }

    /// Whether no mask pixel outside `image` touches a pixel of it through what either sweep
    /// ORs in (the rows above and below, the neighbouring words' edge pixels, the word's own
    /// neighbours). `image` lies inside the mask after a sweep, so this is exactly "the next
    /// double sweep changes nothing": Leptonica's stopping test, without sweeping. Right after
    /// a backward sweep, what comes from below, from the word to the right and along the word
    /// is already in (each word was made from those, final, and was filled along itself), so
    /// only the row above and the word to the left are read.
    fn closed(&self, image: &[u32]) -> bool {
        let wpl = self.wpl;
        (0..self.h).filter(|&i| self.inked[i]).all(|i| {
            let row = &image[i * wpl..(i + 1) * wpl];
            let mrow = &self.mask[i * wpl..(i + 1) * wpl];
            let above = (i > 0).then(|| &image[(i - 1) * wpl..i * wpl]);
            (0..wpl).all(|j| {
                let open = mrow[j] & !row[j];
                // Most words are blank or wholly filled: nothing left to reach.
                if open == 0 {
                    return true;
                }
                let mut reach = above.map_or(0, |above| self.next_row(above, j));
                if j > 0 {
                    reach |= row[j - 1] << 31;
                }
                reach & open == 0
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::interpose::corpus_page;
    use std::ptr::null_mut;

    /// A xorshift generator, so every random page is the same from run to run.
    struct Rng(u64);

    impl Rng {
        fn new(seed: u64) -> Rng {
            Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
        }
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: i32) -> i32 {
            (self.next() % n.max(1) as u64) as i32
        }
    }

    /// The words of a PIX, padding bits included.
    fn words(pix: *mut lept::PIX) -> Vec<u32> {
        // SAFETY: a valid PIX whose data holds wpl * h words.
        unsafe {
            let n = (lept::pixGetWpl(pix) * lept::pixGetHeight(pix)) as usize;
            std::slice::from_raw_parts(lept::pixGetData(pix), n).to_vec()
        }
    }

    fn ones(pix: *mut lept::PIX) -> i32 {
        let mut n = 0;
        // SAFETY: a valid 1-bpp PIX.
        unsafe { lept::pixCountPixels(pix, &mut n, null_mut()) };
        n
    }

    fn copy(pix: *mut lept::PIX) -> *mut lept::PIX {
        // SAFETY: a valid PIX; a new one is returned.
        unsafe { lept::pixCopy(null_mut(), pix) }
    }

    fn destroy(pix: *mut lept::PIX) {
        let mut pix = pix;
        // SAFETY: a PIX owned by the test.
        unsafe { lept::pixDestroy(&mut pix) };
    }

    fn set_rect(pix: *mut lept::PIX, x: i32, y: i32, w: i32, h: i32) {
        // SAFETY: Leptonica clips the rectangle to the image.
        unsafe { lept::pixRasterop(pix, x, y, w, h, lept::PIX_SET as i32, null_mut(), 0, 0) };
    }

    /// A mask of random strokes (rules, short bars), blobs and dust, its padding bits set so
    /// that the fill's clearing of them is checked too.
    fn random_mask(w: i32, h: i32, rng: &mut Rng) -> *mut lept::PIX {
        // SAFETY: a fresh PIX.
        let pix = unsafe { lept::pixCreate(w, h, 1) };
        for _ in 0..(w * h / 300).max(4) {
            let (x, y) = (rng.below(w), rng.below(h));
            let (bw, bh) = match rng.below(4) {
                0 => (1 + rng.below(w / 2), 1 + rng.below(3)),
                1 => (1 + rng.below(3), 1 + rng.below(h / 2)),
                2 => (1 + rng.below(12), 1 + rng.below(12)),
                _ => (1, 1),
            };
            set_rect(pix, x, y, bw, bh);
        }
        // SAFETY: a valid PIX.
        unsafe { lept::pixSetPadBits(pix, 1) };
        pix
    }

    /// A seed: random pixels anywhere (most off the mask), a few pixels of the mask, or the
    /// whole mask minus most of it; padding bits set.
    fn random_seed(mask: *mut lept::PIX, kind: u64, rng: &mut Rng) -> *mut lept::PIX {
        // SAFETY: a fresh PIX of the mask's size, filled through its own data.
        unsafe {
            let seed = lept::pixCreateTemplate(mask);
            let n = (lept::pixGetWpl(seed) * lept::pixGetHeight(seed)) as usize;
            let sw = std::slice::from_raw_parts_mut(lept::pixGetData(seed), n);
            let mw = words(mask);
            for (s, &m) in sw.iter_mut().zip(&mw) {
                let sparse = (rng.next() & rng.next() & rng.next() & rng.next()) as u32;
                *s = match kind % 3 {
                    0 => sparse,
                    1 => m & sparse,
                    _ => (m & sparse) | (sparse & (rng.next() as u32)),
                };
            }
            lept::pixSetPadBits(seed, 1);
            seed
        }
    }

    /// A seed of another size than the mask (`w` x `h`, as many words a row): a few of the
    /// mask's pixels where the two overlap, random pixels elsewhere and in the padding bits.
    fn random_seed_sized(mask: *mut lept::PIX, w: i32, h: i32, rng: &mut Rng) -> *mut lept::PIX {
        // SAFETY: a fresh PIX, filled through its own data.
        unsafe {
            let seed = lept::pixCreate(w, h, 1);
            let wpl = lept::pixGetWpl(seed) as usize;
            assert_eq!(wpl, lept::pixGetWpl(mask) as usize, "as many words a row");
            let sw = std::slice::from_raw_parts_mut(lept::pixGetData(seed), wpl * h as usize);
            let mw = words(mask);
            for (k, s) in sw.iter_mut().enumerate() {
                let sparse = (rng.next() & rng.next() & rng.next() & rng.next()) as u32;
                *s = mw
                    .get(k)
                    .map_or(sparse, |&m| (m & sparse) | (sparse & rng.next() as u32));
            }
            lept::pixSetPadBits(seed, 1);
            seed
        }
    }

    /// Fills `seed` into `mask` with Leptonica's own function and with this module's, in each
    /// of the three ways of passing the destination, and checks that the results, the
    /// destination pointers and the masks left behind are the same words. Returns the
    /// number of pixels the seed grew by (Leptonica's fill against the seed on the mask).
    fn compare(seed: *mut lept::PIX, mask: *mut lept::PIX, conn: i32, what: &str) -> i32 {
        let real = leptonica_seedfill().expect("liblept's pixSeedfillBinary is loaded");
        let mut grown = 0;
        for way in ["null", "in place", "other"] {
            let (ls, lm, os, om) = (copy(seed), copy(mask), copy(seed), copy(mask));
            // A destination of another size, which pixCopy reshapes.
            // SAFETY: fresh PIXes.
            let (ld, od) = unsafe { (lept::pixCreate(7, 3, 1), lept::pixCreate(7, 3, 1)) };
            let (ldst, odst) = match way {
                "null" => (null_mut(), null_mut()),
                "in place" => (ls, os),
                _ => (ld, od),
            };
            // SAFETY: valid PIXes, as Leptonica's contract asks.
            let (lr, or) = unsafe {
                (
                    real(ldst, ls, lm, conn),
                    pixSeedfillBinary(odst, os, om, conn),
                )
            };
            assert!(!lr.is_null() && !or.is_null(), "{what}, {way}: a result");
            if way != "null" {
                assert!(
                    lr == ldst && or == odst,
                    "{what}, {way}: the destination returned"
                );
            }
            assert!(
                words(lr) == words(or),
                "{what}, {way}, {conn}-connected: not Leptonica's words"
            );
            assert!(
                words(lm) == words(om),
                "{what}, {way}: the mask left behind differs"
            );
            assert!(
                words(ls) == words(os),
                "{what}, {way}: the seed left behind differs"
            );
            if way == "null" {
                // SAFETY: valid PIXes of the same size.
                let on_mask = unsafe { lept::pixAnd(null_mut(), seed, mask) };
                grown = ones(lr) - ones(on_mask);
                destroy(on_mask);
                destroy(lr);
                destroy(or);
            }
            for p in [ls, lm, os, om, ld, od] {
                destroy(p);
            }
        }
        grown
    }

    #[test]
    fn random_pages_fill_to_leptonicas_exact_words() {
        let sizes = [
            (5, 4),
            (31, 17),
            (32, 32),
            (33, 40),
            (64, 9),
            (95, 70),
            (130, 97),
            (257, 120),
        ];
        let (mut fills, mut growing) = (0, 0);
        for (i, &(w, h)) in sizes.iter().enumerate() {
            for k in 0..6u64 {
                let mut rng = Rng::new(i as u64 * 31 + k + 1);
                let mask = random_mask(w, h, &mut rng);
                let seed = random_seed(mask, k, &mut rng);
                for conn in [4, 8] {
                    let what = format!("{w}x{h} page {k}");
                    growing += i32::from(compare(seed, mask, conn, &what) > 0);
                    fills += 1;
                }
                destroy(seed);
                // Seeds a few pixels narrower or wider, shorter or taller than the mask, as
                // long as their rows are as many words long.
                let wpl_end = (w + 31) / 32 * 32;
                let (dw, dh) = (rng.below(6) - 3, rng.below(6) - 3);
                let sw = (w + dw).clamp(wpl_end - 31, wpl_end);
                let sh = (h + dh).max(1);
                let seed = random_seed_sized(mask, sw, sh, &mut rng);
                for conn in [4, 8] {
                    let what = format!("{w}x{h} page {k}, {sw}x{sh} seed");
                    growing += i32::from(compare(seed, mask, conn, &what) > 0);
                    fills += 1;
                }
                destroy(seed);
                destroy(mask);
            }
        }
        // The comparison means something only if most fills grow the seed.
        assert!(growing * 4 > fills * 3, "{growing} of {fills} fills grew");
    }

    #[test]
    fn a_binarised_page_fills_to_leptonicas_exact_words_from_the_line_finders_seeds() {
        // SAFETY: Leptonica converts and erodes the page; every PIX is freed here.
        unsafe {
            let gray = corpus_page();
            let page = lept::pixConvertTo1(gray, 128);
            destroy(gray);
            // Tesseract's GetLineMasks: the page eroded by a short horizontal or vertical run,
            // filled back into the page (strokes wider than the run come back whole).
            for (hs, vs) in [(6, 1), (1, 6), (3, 3)] {
                let seed = lept::pixErodeBrick(null_mut(), page, hs, vs);
                for conn in [8, 4] {
                    let grown = compare(seed, page, conn, &format!("page, {hs}x{vs} seed"));
                    assert!(grown > 10_000, "{hs}x{vs} seed grew by {grown} pixels only");
                }
                destroy(seed);
            }
            destroy(page);
        }
    }

    #[test]
    fn a_fill_needing_more_than_forty_double_sweeps_stops_where_leptonicas_does() {
        // A serpentine of vertical legs two pixels apart, joined alternately at the bottom and
        // at the top: every leg that climbs waits for a backward sweep, so reaching the far
        // end takes about one double sweep per two legs, far more than Leptonica's 40.
        let (w, h) = (400, 12);
        // SAFETY: fresh PIXes, freed here.
        unsafe {
            let mask = lept::pixCreate(w, h, 1);
            for (k, x) in (0..w - 1).step_by(2).enumerate() {
                set_rect(mask, x, 0, 1, h);
                let y = if k % 2 == 0 { h - 1 } else { 0 };
                set_rect(mask, x, y, 3.min(w - x), 1);
            }
            let seed = lept::pixCreate(w, h, 1);
            set_rect(seed, 0, 0, 1, 1);
            compare(seed, mask, 4, "serpentine");
            let filled = pixSeedfillBinary(null_mut(), seed, mask, 4);
            // Capped: the fill has not reached the far legs that the whole reconstruction,
            // the mask itself (one component), would hold.
            let (reached, whole) = (ones(filled), ones(mask));
            assert!(
                reached > 1000 && reached < whole,
                "{reached} of {whole} pixels"
            );
            destroy(filled);
            destroy(seed);
            destroy(mask);
        }
    }

    #[test]
    fn cases_it_does_not_cover_are_left_to_leptonica() {
        let mut rng = Rng::new(5);
        let mask = random_mask(40, 30, &mut rng);
        let seed = random_seed(mask, 1, &mut rng);
        // SAFETY: valid PIXes; results freed.
        unsafe {
            let small = lept::pixCreate(31, 30, 1);
            assert!(
                seed_fill(null_mut(), small, mask, 8).is_none(),
                "rows of fewer words"
            );
            assert!(
                seed_fill(null_mut(), seed, mask, 6).is_none(),
                "connectivity 6"
            );
            assert!(
                seed_fill(null_mut(), mask, mask, 8).is_none(),
                "the mask is the seed"
            );
            assert!(
                seed_fill(mask, seed, mask, 8).is_none(),
                "the mask is the destination"
            );
            let gray = lept::pixConvert1To8(null_mut(), seed, 255, 0);
            assert!(seed_fill(null_mut(), gray, mask, 8).is_none(), "8 bpp");
            // The exported function still answers them, through Leptonica.
            let filled = pixSeedfillBinary(null_mut(), small, mask, 8);
            assert!(!filled.is_null());
            for p in [filled, gray, small] {
                destroy(p);
            }
        }
        destroy(seed);
        destroy(mask);
    }
}
