//! A safe owner of a Leptonica `PIX` (decoded page image) and the header probe that lets us
//! refuse oversized images before any pixel is decoded.

use std::ptr::NonNull;

use leptonica_sys as lept;

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
    fn from_raw(p: *mut lept::PIX) -> Option<Pix> {
        NonNull::new(p).map(Pix)
    }

    /// Decodes an encoded image. `None` when Leptonica cannot read it.
    pub fn decode(bytes: &[u8]) -> Option<Pix> {
        quiet_leptonica();
        // SAFETY: Leptonica copies what it needs from the slice; a null return means failure.
        Pix::from_raw(unsafe { lept::pixReadMem(bytes.as_ptr(), bytes.len()) })
    }

    /// The raw pointer, for passing to Leptonica and Tesseract (still owned by `self`).
    pub fn as_ptr(&self) -> *mut lept::PIX {
        self.0.as_ptr()
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

    /// Scaled copy (linear interpolation for gray, smoothing when shrinking).
    pub fn scale(&self, factor: f32) -> Option<Pix> {
        // SAFETY: valid PIX; returns a new PIX or null.
        Pix::from_raw(unsafe { lept::pixScale(self.as_ptr(), factor, factor) })
    }

    /// Skew-corrected copy (Leptonica's default search, ±7°) and the angle found, in degrees.
    pub fn deskew(&self) -> Option<(Pix, f32)> {
        let (mut angle, mut conf) = (0f32, 0f32);
        // SAFETY: valid PIX; returns a new PIX or null; out-pointers are valid locals.
        let p = unsafe { lept::pixFindSkewAndDeskew(self.as_ptr(), 0, &mut angle, &mut conf) };
        Pix::from_raw(p).map(|p| (p, angle))
    }

    /// Copy turned upright when Leptonica's text orientation test is confident that the page is
    /// rotated by 90°, 180° or 270°; `None` when it is upright or the test is not conclusive.
    pub fn orient_upright(&self) -> Option<Pix> {
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
            Pix::from_raw(lept::pixRotateOrth(self.as_ptr(), quads))
        }
    }
}

impl Drop for Pix {
    fn drop(&mut self) {
        let mut p = self.0.as_ptr();
        // SAFETY: we own the only reference; pixDestroy nulls our local copy.
        unsafe { lept::pixDestroy(&mut p) };
    }
}
