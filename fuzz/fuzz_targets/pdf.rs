//! Fuzz target: PDF page extraction — bytes taken as a PDF (whatever their header says) →
//! page inputs. Covers looping page trees, broken xref tables and absurd page sizes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sohoa::ingest::{Document, MediaType};

fuzz_target!(|data: &[u8]| {
    let doc = Document {
        path: "fuzz.pdf".into(),
        bytes: data.to_vec(),
        media_type: MediaType::Pdf,
        id: String::new(),
    };
    if let Ok(pages) = sohoa::ingest::pages(&doc) {
        for (i, page) in pages.into_iter().enumerate() {
            if let Ok(p) = page {
                assert_eq!(p.number(), i + 1, "pages come in order, numbered from 1");
            }
        }
    }
});
