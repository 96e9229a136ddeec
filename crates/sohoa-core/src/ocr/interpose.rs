//! What sohoa's own definitions of Leptonica functions share: the way to Leptonica's definition
//! behind them, and a checked view of a page's pixel words.
//!
//! [`super::line_images`], [`super::brick_opening`], [`super::foreground_scan`],
//! [`super::area_rotation`] and [`super::seed_fill`] define Leptonica functions in the
//! executable, which the binary exports so that Tesseract's (and Leptonica's own) calls bind to
//! them. Each hands the cases it does not cover to Leptonica's definition, the next one the
//! dynamic linker knows after the executable's ([`leptonica_next!`]), and those that read a
//! single page read its words the same way ([`page_words`]).

use leptonica_sys as lept;

/// Leptonica's own definition of the C function `$name` (a `c"..."` literal), as the function
/// pointer type `$ty`, looked up once: `None` if no library after the executable defines it.
///
/// `$ty` must be the C signature of that Leptonica function.
macro_rules! leptonica_next {
    ($name:literal as $ty:ty) => {{
        static REAL: ::std::sync::OnceLock<Option<$ty>> = ::std::sync::OnceLock::new();
        *REAL.get_or_init(|| {
            // SAFETY: dlsym with a NUL-terminated name; RTLD_NEXT finds the definition in the
            // libraries loaded after the executable (liblept), never sohoa's own again.
            let sym: *mut ::std::ffi::c_void =
                unsafe { ::libc::dlsym(::libc::RTLD_NEXT, $name.as_ptr()) };
            // SAFETY: the symbol is Leptonica's function of that name, whose C signature the
            // caller's `$ty` is.
            (!sym.is_null())
                .then(|| unsafe { ::std::mem::transmute::<*mut ::std::ffi::c_void, $ty>(sym) })
        })
    }};
}
pub(crate) use leptonica_next;

/// A page's pixels as Leptonica stores them: `h` rows of `wpl` 32-bit words, the first pixel of
/// a row in the most significant bits of its first word.
pub(crate) struct PageWords<'a> {
    /// Width in pixels.
    pub w: usize,
    /// Height in rows.
    pub h: usize,
    /// 32-bit words per row.
    pub wpl: usize,
    /// The `wpl * h` words.
    pub words: &'a [u32],
}

/// The words of `pix` when it is a non-empty page of `depth` bits per pixel; `None` for a null
/// PIX, another depth or a PIX without data (left to Leptonica, which reports the error).
///
/// # Safety
/// `pix` is null or a valid PIX that outlives the returned view and is not written meanwhile.
pub(crate) unsafe fn page_words<'a>(pix: *mut lept::PIX, depth: i32) -> Option<PageWords<'a>> {
    // SAFETY: `pix` is valid when not null (checked first).
    if pix.is_null() || unsafe { lept::pixGetDepth(pix) } != depth {
        return None;
    }
    // SAFETY: `pix` is a valid PIX.
    let (w, h, wpl, data) = unsafe {
        (
            lept::pixGetWidth(pix),
            lept::pixGetHeight(pix),
            lept::pixGetWpl(pix),
            lept::pixGetData(pix),
        )
    };
    if w <= 0 || h <= 0 || wpl <= 0 || data.is_null() {
        return None;
    }
    let (w, h, wpl) = (w as usize, h as usize, wpl as usize);
    // SAFETY: Leptonica allocates `wpl` 32-bit words per row for `h` rows, alive with `pix`.
    let words = unsafe { std::slice::from_raw_parts(data, wpl * h) };
    Some(PageWords { w, h, wpl, words })
}

/// A small deterministic xorshift generator, for the random pages the tests compare with
/// Leptonica's own results.
#[cfg(test)]
pub(crate) fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// The rendered corpus page the tests compare with Leptonica on
/// (`corpus/ocr/pages/plan-001-clean.png`), as a raw PIX reference the caller frees.
#[cfg(test)]
pub(crate) fn corpus_page() -> *mut lept::PIX {
    let page = super::pix::corpus_page("plan-001-clean.png");
    // SAFETY: a valid PIX; the clone is a second reference, which outlives `page`'s own.
    unsafe { lept::pixClone(page.as_ptr()) }
}
