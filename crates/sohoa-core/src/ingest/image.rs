//! Single images (PNG, JPEG): size from the header, so the megapixel cap applies before decoding.

/// Width and height from a PNG's IHDR or a JPEG's first SOF marker; `None` if not found.
pub fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let ihdr = bytes.get(12..24)?;
        if &ihdr[..4] != b"IHDR" {
            return None;
        }
        let w = u32::from_be_bytes(ihdr[4..8].try_into().ok()?);
        let h = u32::from_be_bytes(ihdr[8..12].try_into().ok()?);
        return Some((w, h));
    }
    jpeg_frame(bytes).map(|f| (f.width, f.height))
}

/// What a JPEG's frame header (its first SOF marker) declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpegFrame {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Bits per sample.
    pub bits: u8,
    /// Colour components (1 gray, 3 colour, 4 CMYK).
    pub components: u8,
}

/// The frame header of a JPEG, found by walking its marker segments up to the first SOF
/// (`None` if the bytes are not a JPEG or scan data starts first).
pub fn jpeg_frame(bytes: &[u8]) -> Option<JpegFrame> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let sof = bytes.get(i + 4..i + 10)?;
            return Some(JpegFrame {
                bits: sof[0],
                height: u32::from(u16::from_be_bytes([sof[1], sof[2]])),
                width: u32::from(u16::from_be_bytes([sof[3], sof[4]])),
                components: sof[5],
            });
        }
        // Start of scan or end of image before any frame header: not a usable JPEG.
        if len < 2 || marker == 0xDA || marker == 0xD9 {
            return None;
        }
        i += 2 + len;
    }
    None
}
