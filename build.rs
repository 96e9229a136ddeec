//! Build script of the `sohoa` binary: exports the one symbol through which Tesseract's line
//! images stay uncompressed (`sohoa_core::ocr::line_images`), so the dynamic linker binds
//! Tesseract's call to sohoa's definition instead of Leptonica's.

fn main() {
    // `-u` pulls the definition out of sohoa-core's archive even though no Rust code calls
    // it; `--export-dynamic-symbol` puts it in the dynamic symbol table, where the shared
    // libraries' references find it first.
    println!("cargo:rustc-link-arg=-Wl,-u,pixWriteMem");
    println!("cargo:rustc-link-arg=-Wl,--export-dynamic-symbol=pixWriteMem");
}
