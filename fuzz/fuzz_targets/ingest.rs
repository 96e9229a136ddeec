//! Fuzz target: input recognition and decoding — any bytes → Document → pages (header checks,
//! megapixel cap, TIFF/PDF splitting) → each image page decoded by Leptonica, as a batch meets
//! them in an archive (truncated scans, mislabelled files, decompression bombs).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sohoa::ingest::PageInput;
use sohoa::ocr::pix::Pix;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = sohoa::ingest::from_bytes("fuzz.bin".into(), data.to_vec()) else {
        return;
    };
    if let Ok(pages) = sohoa::ingest::pages(&doc) {
        for page in pages.into_iter().flatten() {
            // Page numbers are 1-based wherever they come from.
            assert!(page.number() >= 1);
            if let PageInput::Image { bytes, .. } = &page {
                // Only pages under the megapixel cap get here; decoding must not blow up.
                if let Some(pix) = Pix::decode(bytes) {
                    assert!(pix.width() > 0 && pix.height() > 0);
                }
            }
        }
    }
});
