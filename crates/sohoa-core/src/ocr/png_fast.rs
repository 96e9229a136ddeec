//! PNG pages decoded with the `png` crate instead of Leptonica's libpng reader, into exactly
//! the `PIX` Leptonica would make: the crate inflates with a much faster decoder than zlib, and
//! decoding was a tenth of the CPU time of a clean PNG page (libz and libpng, beside Tesseract).
//! Only the common scan formats take this path (8-bit gray and 8-bit RGB, not interlaced, no
//! palette, no transparency); every other PNG, and any PNG the crate refuses, goes to Leptonica.

use leptonica_sys as lept;

use super::pix::Pix;

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Leptonica's conversion of a PNG's pixels per metre to pixels per inch (pngio.c), kept so a
/// page's resolution, and every preprocessing decision made from it, is the same on both paths.
fn ppi(per_metre: u32) -> i32 {
    (per_metre as f32 / 39.37 + 0.5) as i32
}

/// The page as Leptonica's `pixReadMem` would decode it, or `None` to let Leptonica read it.
pub fn decode(bytes: &[u8]) -> Option<Pix> {
    if !bytes.starts_with(SIGNATURE) {
        return None;
    }
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::IDENTITY);
    let mut reader = decoder.read_info().ok()?;
    let info = reader.info();
    let spp = match (info.color_type, info.bit_depth) {
        (png::ColorType::Grayscale, png::BitDepth::Eight) => 1,
        (png::ColorType::Rgb, png::BitDepth::Eight) => 3,
        _ => return None,
    };
    if info.interlaced || info.trns.is_some() {
        return None;
    }
    let (width, height) = (info.width, info.height);
    let (xres, yres) = match info.pixel_dims {
        Some(d) if d.unit == png::Unit::Meter => (ppi(d.xppu), ppi(d.yppu)),
        _ => (0, 0),
    };
    let depth = if spp == 1 { 8 } else { 32 };
    let pix = Pix::from_raw(unsafe {
        // SAFETY: plain allocation; a null return (dimensions too large) is handled.
        lept::pixCreateNoInit(
            i32::try_from(width).ok()?,
            i32::try_from(height).ok()?,
            depth,
        )
    })?;
    // SAFETY: `pix` is a fresh PIX of `height` rows of `wpl` words we own; writes stay inside.
    let (data, wpl) = unsafe {
        let p = pix.as_ptr();
        lept::pixSetSpp(p, spp);
        lept::pixSetResolution(p, xres, yres);
        lept::pixSetInputFormat(p, lept::IFF_PNG as i32);
        (lept::pixGetData(p), lept::pixGetWpl(p) as usize)
    };
    // SAFETY: the PIX's data is `height` rows of `wpl` words, owned by `pix`, which outlives
    // this slice; nothing else points into it.
    let words = unsafe { std::slice::from_raw_parts_mut(data, wpl * height as usize) };
    let mut row_index = 0usize;
    while let Ok(Some(row)) = reader.next_row() {
        let line = words.get_mut(row_index * wpl..(row_index + 1) * wpl)?;
        let row = row.data();
        if spp == 1 {
            // Leptonica keeps 8-bit pixels in 32-bit words, the first pixel in the high byte.
            let mut chunks = row.chunks_exact(4);
            for (word, c) in line.iter_mut().zip(&mut chunks) {
                *word = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
            }
            let rest = chunks.remainder();
            if !rest.is_empty() {
                let mut last = [0u8; 4];
                last[..rest.len()].copy_from_slice(rest);
                line[row.len() / 4] = u32::from_be_bytes(last);
            }
        } else {
            // One word per pixel: red, green, blue from the high byte down, alpha byte 0.
            for (word, c) in line.iter_mut().zip(row.chunks_exact(3)) {
                *word = u32::from_be_bytes([c[0], c[1], c[2], 0]);
            }
        }
        row_index += 1;
    }
    (row_index == height as usize).then_some(pix)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Leptonica's own decoding of `bytes`, for comparison.
    fn leptonica(bytes: &[u8]) -> Pix {
        Pix::from_raw(unsafe { lept::pixReadMem(bytes.as_ptr(), bytes.len()) }).unwrap()
    }

    fn same(a: &Pix, b: &Pix) -> bool {
        let mut same = 0;
        // SAFETY: two valid PIXes.
        unsafe { lept::pixEqual(a.as_ptr(), b.as_ptr(), &mut same) };
        let res = |p: &Pix| unsafe { (lept::pixGetXRes(p.as_ptr()), lept::pixGetYRes(p.as_ptr())) };
        let spp = |p: &Pix| unsafe { lept::pixGetSpp(p.as_ptr()) };
        same == 1 && res(a) == res(b) && spp(a) == spp(b) && a.depth() == b.depth()
    }

    /// A PNG of `width` × `height` in `colour` with a pattern that exercises every byte lane
    /// (odd widths leave a partial last word) and a resolution of `dpi`.
    fn png(width: u32, height: u32, colour: png::ColorType, dpi: f32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(colour);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: (dpi * 39.37) as u32,
            yppu: (dpi * 39.37) as u32,
            unit: png::Unit::Meter,
        }));
        let spp = if colour == png::ColorType::Rgb { 3 } else { 1 };
        let data: Vec<u8> = (0..width * height * spp)
            .map(|i| (i * 37 % 251) as u8)
            .collect();
        let mut w = enc.write_header().unwrap();
        w.write_image_data(&data).unwrap();
        w.finish().unwrap();
        out
    }

    #[test]
    fn gray_and_rgb_pages_decode_to_leptonicas_own_pix() {
        for (w, h) in [(1, 1), (5, 3), (8, 2), (101, 17)] {
            for colour in [png::ColorType::Grayscale, png::ColorType::Rgb] {
                for dpi in [72.0, 150.0, 299.9994, 300.0, 600.0] {
                    let bytes = png(w, h, colour, dpi);
                    let fast = decode(&bytes).expect("fast path taken");
                    assert!(same(&fast, &leptonica(&bytes)), "{w}x{h} {colour:?} {dpi}");
                }
            }
        }
    }

    #[test]
    fn a_real_scanned_page_decodes_to_leptonicas_own_pix() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/ocr/pages");
        let mut checked = 0;
        for name in [
            "laws-001-clean.png",
            "plan-001-clean.png",
            "laws-001-dpi150.png",
        ] {
            let bytes = std::fs::read(format!("{dir}/{name}")).expect("corpus page");
            let fast = decode(&bytes).expect("fast path taken");
            assert!(same(&fast, &leptonica(&bytes)), "{name}");
            checked += 1;
        }
        assert_eq!(checked, 3);
    }

    #[test]
    fn other_pngs_and_other_formats_are_left_to_leptonica() {
        // 1-bit pages keep Leptonica's 1 bpp PIX (the preprocessing decides from the depth).
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, 16, 2);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::One);
        let mut w = enc.write_header().unwrap();
        w.write_image_data(&[0xf0, 0x0f, 0xaa, 0x55]).unwrap();
        w.finish().unwrap();
        assert!(decode(&out).is_none());
        assert!(Pix::decode(&out).is_some_and(|p| p.depth() == 1));
        assert!(decode(b"\xff\xd8\xff\xe0 not a png").is_none());
        assert!(decode(SIGNATURE).is_none());
        let mut cut = png(50, 40, png::ColorType::Grayscale, 300.0);
        cut.truncate(cut.len() - 30);
        assert!(decode(&cut).is_none());
    }
}
