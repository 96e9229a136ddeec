//! Size limits checked before a file is read whole, so one huge input in an archive becomes a
//! failed record instead of exhausting the memory of a batch that holds several documents at once.

use std::io::Read;
use std::path::Path;

use super::{detect, MediaType};
use crate::error::{Stage, StageError};

/// Default cap on a text input: 64 MiB. A plan is tens of kilobytes; a text this large is a
/// dump or a mistake, and restoring it would hold several copies of it in memory.
pub const DEFAULT_MAX_TEXT_BYTES: u64 = 64 << 20;

/// Default cap on a page image: 150 megapixels, an A0 sheet at 300 dpi (140 MP); anything
/// larger is a bomb or a mistake, and decoding it would take gigabytes.
pub const DEFAULT_MAX_MEGAPIXELS: f64 = 150.0;

/// Refuses an image whose header says it has more than `max_megapixels` pixels, before any
/// pixel is decoded (a decompression bomb would otherwise take all memory).
///
/// # Errors
/// A decode [`StageError`] on `page` naming the size and the limit.
pub fn check_pixels(
    page: usize,
    width: u64,
    height: u64,
    max_megapixels: f64,
) -> Result<(), StageError> {
    let mp = width as f64 * height as f64 / 1e6;
    if mp > max_megapixels {
        return Err(StageError::on_page(
            Stage::Decode,
            page,
            format!(
                "image is {width}x{height} ({mp:.1} megapixels), over the limit of \
                 {max_megapixels} megapixels; refused before decoding (raise --max-megapixels)"
            ),
        ));
    }
    Ok(())
}

/// Checks the file at `path` before it is read: a file larger than `max_text_bytes` that does
/// not start like an image or a PDF (whose own limits apply after decoding their headers) is
/// refused with an ingest error saying so. `Ok(None)` means go ahead and read it.
///
/// # Errors
/// The I/O error when the file's size or first bytes cannot be read (the caller's own read
/// will then fail with its usual message).
pub fn check_size(path: &Path, max_text_bytes: u64) -> std::io::Result<Option<StageError>> {
    let len = std::fs::metadata(path)?.len();
    if len <= max_text_bytes {
        return Ok(None);
    }
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)?
        .take(1024)
        .read_to_end(&mut head)?;
    // A 1 KiB head may cut a UTF-8 sequence, so only the container magic is trusted here.
    let container = matches!(
        detect(&head),
        Some(MediaType::Png | MediaType::Jpeg | MediaType::Tiff | MediaType::Pdf)
    );
    if container {
        return Ok(None);
    }
    Ok(Some(StageError::new(
        Stage::Ingest,
        format!(
            "text larger than {} ({len} bytes); refused before reading (raise --max-text-mb)",
            human(max_text_bytes)
        ),
    )))
}

fn human(bytes: u64) -> String {
    if bytes % (1 << 20) == 0 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_large_text_but_not_large_containers_or_small_text() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("big.txt");
        std::fs::write(&text, "Kế hoạch thi đua\n".repeat(200)).unwrap();
        let err = check_size(&text, 1024).unwrap().expect("refused");
        assert_eq!(err.stage, Stage::Ingest);
        assert!(
            err.message.starts_with("text larger than 1024 bytes"),
            "{}",
            err.message
        );
        assert!(check_size(&text, 1 << 20).unwrap().is_none());
        let pdf = dir.path().join("big.pdf");
        std::fs::write(&pdf, [&b"%PDF-1.7\n"[..], &[b' '; 4096]].concat()).unwrap();
        assert!(check_size(&pdf, 1024).unwrap().is_none());
        assert!(check_size(&dir.path().join("missing"), 1024).is_err());
        assert_eq!(human(DEFAULT_MAX_TEXT_BYTES), "64 MiB");
    }
}
