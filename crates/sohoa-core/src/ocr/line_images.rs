//! Tesseract's copies of each text line's image kept uncompressed while it recognises a page.
//!
//! For every line it recognises, Tesseract 5 cuts the line's image out of the page and stores
//! it in an `ImageData` by encoding it as an in-memory PNG (`pixWriteMem(.., IFF_PNG)`), only to
//! decode it again a moment later for the LSTM. Deflating and inflating those images is pure
//! overhead: about a twentieth of a page's CPU time in profiles of the `tesseract` CLI and of
//! sohoa alike. This module defines `pixWriteMem` in the executable: the dynamic linker binds
//! Tesseract's call to it (the binary exports the symbol, see the root `build.rs`), and while the
//! calling thread is inside [`recognising`], a PNG request is written in Leptonica's own
//! uncompressed serialisation (`IFF_SPIX`), which `pixReadMem` recognises by its header and
//! reads back bit for bit. Every other call, and every call outside recognition, goes to
//! Leptonica unchanged.
//!
//! If the binary does not export the symbol (a library user linking sohoa-core), Tesseract
//! simply keeps calling Leptonica directly: the same text, only slower.

use std::cell::Cell;

use leptonica_sys as lept;

use super::interpose::leptonica_next;

thread_local! {
    /// Whether this thread is inside a Tesseract `Recognize` call made by [`recognising`].
    static RECOGNISING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` (a call into Tesseract's recognition on this thread) with line images kept
/// uncompressed.
pub fn recognising<T>(f: impl FnOnce() -> T) -> T {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            let was = self.0;
            RECOGNISING.with(|r| r.set(was));
        }
    }
    let _reset = Reset(RECOGNISING.with(|r| r.replace(true)));
    f()
}

type WriteMem = unsafe extern "C" fn(*mut *mut u8, *mut usize, *mut lept::PIX, i32) -> i32;

/// Leptonica's own `pixWriteMem`, the next definition after this executable's.
fn leptonica_write_mem() -> Option<WriteMem> {
    leptonica_next!(c"pixWriteMem" as WriteMem)
}

/// Leptonica's `pixWriteMem`, seen by Tesseract in place of the library's (see the module doc).
///
/// # Safety
/// The contract of Leptonica's `pixWriteMem`: valid out-pointers and PIX.
#[no_mangle]
pub unsafe extern "C" fn pixWriteMem(
    data: *mut *mut u8,
    size: *mut usize,
    pix: *mut lept::PIX,
    format: i32,
) -> i32 {
    let Some(real) = leptonica_write_mem() else {
        return 1; // Leptonica's own "error" return: the caller reports a failed write.
    };
    let format = if format == lept::IFF_PNG as i32 && RECOGNISING.with(Cell::get) {
        lept::IFF_SPIX as i32
    } else {
        format
    };
    // SAFETY: forwarded unchanged under the caller's contract.
    unsafe { real(data, size, pix, format) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written_format(inside: bool) -> i32 {
        // SAFETY: a small fresh PIX, written and freed here.
        unsafe {
            let mut pix = lept::pixCreate(40, 20, 8);
            let (mut data, mut size) = (std::ptr::null_mut(), 0usize);
            let (d, s) = (&mut data as *mut *mut u8, &mut size as *mut usize);
            let write = || pixWriteMem(d, s, pix, lept::IFF_PNG as i32);
            let ok = if inside { recognising(write) } else { write() };
            assert_eq!(ok, 0);
            let mut format = 0;
            lept::findFileFormatBuffer(data, &mut format);
            // The bytes read back into the same image either way.
            let back = lept::pixReadMem(data, size);
            assert!(!back.is_null());
            let mut same = 0;
            lept::pixEqual(pix, back, &mut same);
            assert_eq!(same, 1);
            let mut back = back;
            lept::pixDestroy(&mut back);
            lept::lept_free(data.cast());
            lept::pixDestroy(&mut pix);
            format
        }
    }

    #[test]
    fn png_requests_inside_recognition_are_written_uncompressed_and_read_back_exactly() {
        assert_eq!(written_format(true), lept::IFF_SPIX as i32);
        assert_eq!(written_format(false), lept::IFF_PNG as i32);
    }
}
