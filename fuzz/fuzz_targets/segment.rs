//! Fuzz target: segmentation — any text → header, legal bases, sections and facts, which
//! must serialise as a record would.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let seg = sohoa::segment::segment(text);
    serde_json::to_string(&seg.sections).expect("sections serialise");
    serde_json::to_string(&seg.header).expect("header serialises");
});
