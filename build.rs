//! Build script of the `sohoa` binary: exports the Leptonica functions sohoa defines for
//! Tesseract's use (`sohoa_core::ocr::line_images`: line images kept uncompressed;
//! `sohoa_core::ocr::brick_opening`: the rule-line finder's openings in a few passes;
//! `sohoa_core::ocr::foreground_scan`: the image finder's clipping to ink a word at a time;
//! `sohoa_core::ocr::area_rotation`: the deskew's area-mapped rotation, row by row, which
//! Leptonica's own `pixRotate` calls; `sohoa_core::ocr::seed_fill`: the line finder's seed fills
//! without the confirming sweep), so the dynamic linker binds Tesseract's and Leptonica's calls
//! to sohoa's definitions instead of Leptonica's.

fn main() {
    for symbol in [
        "pixWriteMem",
        "pixOpenBrick",
        "pixScanForForeground",
        "pixRotateAMGray",
        "pixSeedfillBinary",
    ] {
        // `-u` pulls the definition out of sohoa-core's archive even though no Rust code calls
        // it; `--export-dynamic-symbol` puts it in the dynamic symbol table, where the shared
        // libraries' references find it first.
        println!("cargo:rustc-link-arg=-Wl,-u,{symbol}");
        println!("cargo:rustc-link-arg=-Wl,--export-dynamic-symbol={symbol}");
    }
}
