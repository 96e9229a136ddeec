//! Fuzz target: input recognition and decoding — any bytes → Document → pages, as a batch
//! meets them in an archive (truncated scans, mislabelled files, decompression bombs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = sohoa::ingest::from_bytes("fuzz.bin".into(), data.to_vec()) else {
        return;
    };
    if let Ok(pages) = sohoa::ingest::pages(&doc) {
        for page in pages.into_iter().flatten() {
            // Page numbers are 1-based wherever they come from.
            assert!(page.number() >= 1);
        }
    }
});
