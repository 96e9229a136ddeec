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
    if bytes.starts_with(&[0xFF, 0xD8]) {
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
                let seg = bytes.get(i + 5..i + 9)?;
                let h = u16::from_be_bytes([seg[0], seg[1]]) as u32;
                let w = u16::from_be_bytes([seg[2], seg[3]]) as u32;
                return Some((w, h));
            }
            if len < 2 {
                return None;
            }
            i += 2 + len;
        }
    }
    None
}
