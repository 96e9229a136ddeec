//! A page image as a PDF image XObject, kept as scanned: JPEG passed through (`DCTDecode`),
//! PNG samples passed through (`FlateDecode` with the PNG predictor), Group 4 fax passed
//! through (`CCITTFaxDecode`), and only what has no such form (multi-strip or LZW TIFF, PNM,
//! CMYK JPEG) decoded and stored losslessly with Flate, a two-tone page as 1 bit per pixel.

use std::io::Write;

use lopdf::{dictionary, Object, Stream};

/// An image ready to be placed on a page.
#[derive(Debug)]
pub struct PageImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The XObject stream.
    pub stream: Stream,
    /// How it was stored, for the measurements: `jpeg`, `png`, `ccitt` or `flate`.
    pub kind: &'static str,
}

/// The XObject of an encoded page image (JPEG, PNG, TIFF or PNM, as ingest hands them to OCR).
///
/// # Errors
/// A message when the image can be neither passed through nor decoded.
pub fn from_bytes(bytes: &[u8]) -> Result<PageImage, String> {
    let passed = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        tiff_g4(bytes)
    } else if bytes.starts_with(b"P4") || bytes.starts_with(b"P5") || bytes.starts_with(b"P6") {
        pnm(bytes)
    } else {
        None
    };
    match passed {
        Some(img) => Ok(img),
        None => decoded(bytes),
    }
}

fn image_dict(w: u32, h: u32, color_space: Object, bpc: u8) -> lopdf::Dictionary {
    dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => i64::from(w),
        "Height" => i64::from(h),
        "ColorSpace" => color_space,
        "BitsPerComponent" => i64::from(bpc),
    }
}

/// Baseline or progressive JPEG with 1 or 3 components, from its SOF marker.
fn jpeg(bytes: &[u8]) -> Option<PageImage> {
    let frame = crate::ingest::image::jpeg_frame(bytes)?;
    let cs = match frame.components {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        _ => return None,
    };
    let (w, h) = (frame.width, frame.height);
    if frame.bits != 8 || w == 0 || h == 0 {
        return None;
    }
    let mut dict = image_dict(w, h, Object::Name(cs.into()), 8);
    dict.set("Filter", "DCTDecode");
    Some(PageImage {
        width: w,
        height: h,
        stream: Stream::new(dict, bytes.to_vec()).with_compression(false),
        kind: "jpeg",
    })
}

/// A non-interlaced PNG without alpha: its zlib stream is a PDF Flate stream with the PNG
/// predictor, so the samples go in unchanged.
fn png(bytes: &[u8]) -> Option<PageImage> {
    let mut i = 8;
    let mut ihdr = None;
    let mut palette = None;
    let mut data = Vec::new();
    while i + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[i..i + 4].try_into().ok()?) as usize;
        let kind = &bytes[i + 4..i + 8];
        let body = bytes.get(i + 8..(i + 8).checked_add(len)?)?;
        match kind {
            b"IHDR" => ihdr = Some(body),
            b"PLTE" => palette = Some(body),
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        i += 12 + len;
    }
    let h = ihdr?;
    if h.len() < 13 {
        return None;
    }
    let w = u32::from_be_bytes(h[0..4].try_into().ok()?);
    let ht = u32::from_be_bytes(h[4..8].try_into().ok()?);
    let (depth, color, interlace) = (h[8], h[9], h[12]);
    if interlace != 0 || w == 0 || ht == 0 || data.is_empty() {
        return None;
    }
    let (cs, colors) = match color {
        0 => (Object::Name(b"DeviceGray".to_vec()), 1),
        2 => (Object::Name(b"DeviceRGB".to_vec()), 3),
        3 => {
            let plte = palette?;
            let n = plte.len() / 3;
            if n == 0 || n > 256 {
                return None;
            }
            let cs = Object::Array(vec![
                Object::Name(b"Indexed".to_vec()),
                Object::Name(b"DeviceRGB".to_vec()),
                Object::Integer(n as i64 - 1),
                Object::String(plte[..n * 3].to_vec(), lopdf::StringFormat::Hexadecimal),
            ]);
            (cs, 1)
        }
        _ => return None,
    };
    let mut dict = image_dict(w, ht, cs, depth);
    dict.set("Filter", "FlateDecode");
    dict.set(
        "DecodeParms",
        dictionary! {
            "Predictor" => 15,
            "Colors" => colors,
            "BitsPerComponent" => i64::from(depth),
            "Columns" => i64::from(w),
        },
    );
    Some(PageImage {
        width: w,
        height: ht,
        stream: Stream::new(dict, data).with_compression(false),
        kind: "png",
    })
}

/// A single-strip, 1-bit Group 4 TIFF page (how scanners store two-tone pages, and how ingest
/// wraps a PDF's fax image): the fax data goes in unchanged.
fn tiff_g4(bytes: &[u8]) -> Option<PageImage> {
    let le = bytes.starts_with(b"II");
    let u16_at = |at: usize| -> Option<u32> {
        let b: [u8; 2] = bytes.get(at..at + 2)?.try_into().ok()?;
        Some(if le {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        } as u32)
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        Some(if le {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let ifd = u32_at(4)? as usize;
    let n = u16_at(ifd)? as usize;
    let (mut w, mut h, mut compression, mut photometric, mut fill_order) = (0, 0, 1, 0, 1);
    let (mut bits, mut offsets, mut counts) = (1, Vec::new(), Vec::new());
    for k in 0..n {
        let e = ifd + 2 + 12 * k;
        let (tag, typ, count) = (u16_at(e)?, u16_at(e + 2)?, u32_at(e + 4)? as usize);
        let value = |j: usize| -> Option<u32> {
            let size = if typ == 3 { 2 } else { 4 };
            let base = if size * count <= 4 {
                e + 8
            } else {
                u32_at(e + 8)? as usize
            };
            if typ == 3 {
                u16_at(base + 2 * j)
            } else {
                u32_at(base + 4 * j)
            }
        };
        match tag {
            256 => w = value(0)?,
            257 => h = value(0)?,
            258 => bits = value(0)?,
            259 => compression = value(0)?,
            262 => photometric = value(0)?,
            266 => fill_order = value(0)?,
            273 => offsets = (0..count).map(value).collect::<Option<Vec<_>>>()?,
            279 => counts = (0..count).map(value).collect::<Option<Vec<_>>>()?,
            _ => {}
        }
    }
    if compression != 4 || bits != 1 || fill_order != 1 || offsets.len() != 1 || counts.len() != 1 {
        return None;
    }
    if w == 0 || h == 0 || photometric > 1 {
        return None;
    }
    let start = offsets[0] as usize;
    let data = bytes.get(start..start.checked_add(counts[0] as usize)?)?;
    let mut dict = image_dict(w, h, Object::Name(b"DeviceGray".to_vec()), 1);
    dict.set("Filter", "CCITTFaxDecode");
    // A fax decoder gives black runs as 0 unless BlackIs1; a BlackIsZero TIFF stores its
    // picture the other way round.
    dict.set(
        "DecodeParms",
        dictionary! {
            "K" => -1,
            "Columns" => i64::from(w),
            "Rows" => i64::from(h),
            "BlackIs1" => photometric == 1,
        },
    );
    Some(PageImage {
        width: w,
        height: h,
        stream: Stream::new(dict, data.to_vec()).with_compression(false),
        kind: "ccitt",
    })
}

/// Binary PNM (how ingest unpacks a PDF's Flate page): the samples, Flate-compressed again.
fn pnm(bytes: &[u8]) -> Option<PageImage> {
    let magic = &bytes[..2];
    // Header fields: width, height and (except P4) the maximum value, separated by whitespace;
    // `#` comments run to the end of the line.
    let mut fields = Vec::new();
    let mut i = 2;
    while fields.len() < if magic == b"P4" { 2 } else { 3 } {
        while bytes.get(i)?.is_ascii_whitespace() || *bytes.get(i)? == b'#' {
            if bytes[i] == b'#' {
                while *bytes.get(i)? != b'\n' {
                    i += 1;
                }
            }
            i += 1;
        }
        let start = i;
        while bytes.get(i)?.is_ascii_digit() {
            i += 1;
        }
        fields.push(
            std::str::from_utf8(&bytes[start..i])
                .ok()?
                .parse::<u32>()
                .ok()?,
        );
    }
    let data = bytes.get(i + 1..)?;
    let (w, h) = (fields[0], fields[1]);
    if w == 0 || h == 0 || fields.get(2).is_some_and(|&m| m != 255) {
        return None;
    }
    let (cs, bpc, row) = match magic {
        b"P4" => ("DeviceGray", 1, w.div_ceil(8) as usize),
        b"P5" => ("DeviceGray", 8, w as usize),
        _ => ("DeviceRGB", 8, 3 * w as usize),
    };
    let data = data.get(..row.checked_mul(h as usize)?)?;
    let samples: Vec<u8> = if magic == b"P4" {
        // PBM: 1 is black; PDF DeviceGray: 0 is black.
        data.iter().map(|b| !b).collect()
    } else {
        data.to_vec()
    };
    let mut dict = image_dict(w, h, Object::Name(cs.as_bytes().to_vec()), bpc);
    dict.set("Filter", "FlateDecode");
    Some(PageImage {
        width: w,
        height: h,
        stream: Stream::new(dict, flate(&samples)).with_compression(false),
        kind: "flate",
    })
}

fn flate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}

/// Decodes the image and stores its samples losslessly: two-tone gray as 1 bit, other gray as
/// 8 bits, anything else as 8-bit RGB.
fn decoded(bytes: &[u8]) -> Result<PageImage, String> {
    let img = image::load_from_memory(bytes).map_err(|e| format!("cannot decode image: {e}"))?;
    let (w, h) = (img.width(), img.height());
    let gray = matches!(
        img.color(),
        image::ColorType::L8 | image::ColorType::L16 | image::ColorType::La8
    );
    let (dict, data) = if gray {
        let l = img.to_luma8();
        if l.as_raw().iter().all(|&v| v == 0 || v == 255) {
            let row = w.div_ceil(8) as usize;
            let mut packed = vec![0u8; row * h as usize];
            for (y, line) in l.as_raw().chunks(w as usize).enumerate() {
                for (x, &v) in line.iter().enumerate() {
                    if v == 255 {
                        packed[y * row + x / 8] |= 0x80 >> (x % 8);
                    }
                }
            }
            (
                image_dict(w, h, Object::Name(b"DeviceGray".to_vec()), 1),
                packed,
            )
        } else {
            let dict = image_dict(w, h, Object::Name(b"DeviceGray".to_vec()), 8);
            (dict, l.into_raw())
        }
    } else {
        let dict = image_dict(w, h, Object::Name(b"DeviceRGB".to_vec()), 8);
        (dict, img.to_rgb8().into_raw())
    };
    let mut dict = dict;
    dict.set("Filter", "FlateDecode");
    Ok(PageImage {
        width: w,
        height: h,
        stream: Stream::new(dict, flate(&data)).with_compression(false),
        kind: "flate",
    })
}
