//! The `sohoa` binary exports the Leptonica functions it defines for Tesseract:
//! `pixWriteMem`, so Tesseract's in-memory line images bind to sohoa's uncompressed path
//! (`sohoa_core::ocr::line_images`), and `pixOpenBrick`, so the rule-line finder's openings
//! bind to sohoa's few-pass one (`sohoa_core::ocr::brick_opening`), and `pixScanForForeground`, so
//! the image finder's clipping to ink binds to sohoa's word-at-a-time scan
//! (`sohoa_core::ocr::foreground_scan`), `pixRotateAMGray`, so the deskew's area-mapped
//! rotation binds to sohoa's row-by-row one (`sohoa_core::ocr::area_rotation`), and
//! `pixSeedfillBinary`, so the line finder's seed fills bind to sohoa's sweeps without the
//! confirming one (`sohoa_core::ocr::seed_fill`). The wiring is in the root `build.rs`; a linker
//! change that dropped it would only make OCR slower, silently, so it is checked here.

use std::process::Command;

#[test]
fn the_binary_exports_its_leptonica_functions_to_tesseract() {
    let out = Command::new("nm")
        .args(["-D", "--defined-only", env!("CARGO_BIN_EXE_sohoa")])
        .output()
        .expect("nm (binutils) runs");
    assert!(out.status.success(), "nm failed: {out:?}");
    let symbols = String::from_utf8_lossy(&out.stdout);
    for name in [
        "pixWriteMem",
        "pixOpenBrick",
        "pixScanForForeground",
        "pixRotateAMGray",
        "pixSeedfillBinary",
    ] {
        assert!(
            symbols.lines().any(|l| l.ends_with(&format!(" T {name}"))),
            "{name} is not in the dynamic symbol table of the sohoa binary"
        );
    }
}
