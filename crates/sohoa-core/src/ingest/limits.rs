//! Size limits checked before a file is read whole, so one huge input in an archive becomes a
//! failed record instead of exhausting the memory of a batch that holds several documents at once.

use std::io::Read;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

use super::{detect, MediaType};
use crate::error::{Stage, StageError};

/// Default cap on a text input: 4 MiB. A plan is tens of kilobytes (the largest of the samples
/// and dev-docs is 35 KB) and a whole law code about 1 MB; restoring and segmenting a text
/// holds about 130 bytes of memory per byte of it (BENCHMARKS.md, "Batch memory"), so this cap
/// keeps one text document under about 550 MB whatever its lines look like.
pub const DEFAULT_MAX_TEXT_BYTES: u64 = 4 << 20;

/// Default cap on any input file: 512 MiB. A scanned plan is a few megabytes and a whole
/// bound register of several hundred pages at 300 dpi stays under this; a larger file (or a
/// sparse file claiming gigabytes) is refused before it is read, since it is read whole.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 512 << 20;

/// Checks what `path` is from its metadata alone, without opening it (opening a FIFO blocks
/// until a writer comes; reading a device never ends): a regular file no larger than
/// `max_input_bytes` gives its size; anything else is an ingest error saying why, to become
/// the input's failed record.
///
/// # Errors
/// An ingest [`StageError`] for a missing or unreadable path, a symbolic link loop, a file that
/// is not a regular file (FIFO, device, socket, directory, or a link to one), or one over the cap.
pub fn check_file(path: &Path, max_input_bytes: u64) -> Result<u64, StageError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        let why = if e.raw_os_error() == Some(libc::ELOOP) {
            "symbolic link loop (the link leads back to itself)".to_string()
        } else {
            format!("cannot read file: {e}")
        };
        StageError::new(Stage::Ingest, why)
    })?;
    let t = meta.file_type();
    let kind = if t.is_file() {
        None
    } else if t.is_fifo() {
        Some("FIFO")
    } else if t.is_char_device() {
        Some("character device")
    } else if t.is_block_device() {
        Some("block device")
    } else if t.is_socket() {
        Some("socket")
    } else if t.is_dir() {
        Some("directory")
    } else {
        Some("special file")
    };
    if let Some(kind) = kind {
        return Err(StageError::new(
            Stage::Ingest,
            format!("not a regular file ({kind}); refused without opening it"),
        ));
    }
    let len = meta.len();
    if len > max_input_bytes {
        return Err(StageError::new(
            Stage::Ingest,
            format!(
                "file larger than {} ({len} bytes); refused before reading (raise --max-input-mb)",
                human(max_input_bytes)
            ),
        ));
    }
    Ok(len)
}

/// Reads a file [`check_file`] accepted, never more than `max_input_bytes` (a file that grew
/// past the cap since, or whose size was not what its metadata said, is refused).
///
/// # Errors
/// An ingest [`StageError`] when the file cannot be read or holds more than the cap.
pub fn read_capped(
    path: &Path,
    expected: u64,
    max_input_bytes: u64,
) -> Result<Vec<u8>, StageError> {
    let read = || -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::with_capacity(expected.min(max_input_bytes) as usize);
        std::fs::File::open(path)?
            .take(max_input_bytes.saturating_add(1))
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    };
    let bytes =
        read().map_err(|e| StageError::new(Stage::Ingest, format!("cannot read file: {e}")))?;
    if bytes.len() as u64 > max_input_bytes {
        return Err(StageError::new(
            Stage::Ingest,
            format!(
                "file grew past {} while being read; refused (raise --max-input-mb)",
                human(max_input_bytes)
            ),
        ));
    }
    Ok(bytes)
}

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
        assert_eq!(human(DEFAULT_MAX_TEXT_BYTES), "4 MiB");
    }

    #[test]
    fn special_files_loops_and_oversized_files_are_refused_from_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let file = d.join("a.txt");
        std::fs::write(&file, "Kế hoạch").unwrap();
        assert_eq!(check_file(&file, 1 << 20).unwrap(), 12);
        let why = |p: &Path, cap| check_file(p, cap).unwrap_err().message;
        assert!(why(&file, 4).starts_with("file larger than 4 bytes (12 bytes)"));
        assert!(why(Path::new("/dev/zero"), 1 << 20).contains("(character device)"));
        assert!(why(d, 1 << 20).contains("(directory)"));
        std::os::unix::fs::symlink("loop", d.join("loop")).unwrap();
        assert!(why(&d.join("loop"), 1 << 20).contains("symbolic link loop"));
        assert!(why(&d.join("missing"), 1 << 20).starts_with("cannot read file"));
        assert_eq!(
            read_capped(&file, 12, 1 << 20).unwrap(),
            "Kế hoạch".as_bytes()
        );
        assert!(read_capped(&file, 12, 4).is_err());
    }
}
