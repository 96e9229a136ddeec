//! OCR stage costs per A4 page at 300 dpi: the denoising median (ours against Leptonica's),
//! the skew search, and a whole `ocr::recognise` call with one reused engine, each result
//! checked inside the timed loop so that a fast wrong answer cannot pass.
//!
//! `cargo bench --bench ocr`. Pages per second against the `tesseract` CLI and OCRmyPDF are
//! measured end to end by `scripts/bench-ocr.sh` (hyperfine), not here.

use criterion::{criterion_group, criterion_main, Criterion};
use leptonica_sys as lept;
use sohoa_core::ingest::PageInput;
use sohoa_core::ocr::{self, median, pix::Pix, OcrOptions};
use sohoa_eval::metrics::char_errors;

fn page(name: &str) -> (Vec<u8>, String) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/ocr/pages");
    let bytes = std::fs::read(format!("{dir}/{name}")).expect("page");
    let stem = name.rsplit_once('.').expect("extension").0;
    let gold = std::fs::read_to_string(format!("{dir}/{stem}.gt.txt")).expect("gold");
    (bytes, gold)
}

fn gray(bytes: &[u8]) -> Pix {
    let pix = Pix::decode(bytes).expect("decodes");
    if pix.depth() == 8 {
        pix
    } else {
        pix.to_gray8().expect("gray")
    }
}

fn bench(c: &mut Criterion) {
    // OCR needs OMP_THREAD_LIMIT=1 from process start; `cargo bench` does not re-exec.
    assert_eq!(
        std::env::var("OMP_THREAD_LIMIT").as_deref(),
        Ok("1"),
        "run as: OMP_THREAD_LIMIT=1 cargo bench --bench ocr"
    );
    let (clean, clean_gold) = page("laws-001-clean.png");
    let (noisy, _) = page("laws-001-jpeg40.jpg");
    let pix = gray(&noisy);
    let (w, h) = (pix.width() as usize, pix.height() as usize);
    let bytes = pix.gray_bytes().expect("8-bit");
    let expected = median::median3(w, h, &bytes);

    let mut g = c.benchmark_group("ocr");
    g.sample_size(10);
    g.bench_function("median3 sohoa (bytes in, bytes out)", |b| {
        b.iter(|| {
            let out = median::median3(w, h, &bytes);
            assert_eq!(out[w * h / 2], expected[w * h / 2]);
            out
        })
    });
    g.bench_function("median3 sohoa (Pix in, Pix out)", |b| {
        b.iter(|| pix.median3().expect("filtered"))
    });
    g.bench_function("median3 leptonica pixMedianFilter", |b| {
        b.iter(|| {
            // SAFETY: valid 8-bit PIX; the result is checked and destroyed here.
            unsafe {
                let mut out = lept::pixMedianFilter(pix.as_ptr(), 3, 3);
                assert!(!out.is_null());
                lept::pixDestroy(&mut out);
            }
        })
    });
    g.bench_function("deskew search + rotation", |b| {
        b.iter(|| pix.deskew().expect("deskewed"))
    });
    let options = OcrOptions::default();
    let input = PageInput::Image {
        number: 1,
        bytes: clean.clone(),
        dpi: Some(300),
    };
    g.bench_function("recognise one clean page (engine reused)", |b| {
        b.iter(|| {
            let p = ocr::recognise(&input, &options).expect("read");
            let cer = char_errors(&p.text, &clean_gold).rate();
            assert!(cer < 0.01, "CER {cer}");
            p
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
