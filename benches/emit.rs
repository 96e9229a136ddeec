//! What `--emit pdfa,alto,hocr,txt` costs against the OCR of the same pages (issue 16 point 6),
//! for the page kinds scans come in: JPEG pages passed through, 1-bit fax pages passed
//! through, Flate gray pages, and an LZW TIFF (decoded and re-compressed with Flate). Both are
//! measured in the same run, so on a shared machine their ratio holds while their seconds do
//! not. Each timed call checks its result.
//!
//! `OMP_THREAD_LIMIT=1 cargo bench --bench emit`; the ratios go to BENCHMARKS.md, "Archival
//! deliverables".

use std::io::Cursor;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use sohoa_core::emit::{Emitter, Format};
use sohoa_core::ingest::{self, Document, OcrMode};
use sohoa_core::ocr::{self, OcrOptions, OcrPage, OcrSummary};
use sohoa_core::pipeline::Pipeline;
use sohoa_core::record::Record;
use sohoa_core::restore::RestoredText;
use sohoa_core::text::SourceText;

/// One document and everything its deliverables are made from.
struct Prepared {
    label: String,
    doc: Document,
    pages: usize,
    source: SourceText,
    restored: RestoredText,
    record: Record,
}

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/ocr")
        .join(rel)
}

/// The two 200-dpi gray pages of `plan-dpi200.tif` (Deflate) written again with LZW, the
/// compression most scanners' TIFFs use.
fn lzw_tiff() -> Vec<u8> {
    use tiff::decoder::{Decoder, DecodingResult};
    use tiff::encoder::{colortype, Compression, Rational, TiffEncoder};
    let bytes = std::fs::read(corpus("containers/plan-dpi200.tif")).expect("sample TIFF");
    let mut dec = Decoder::new(Cursor::new(bytes)).expect("a TIFF");
    let mut out = Cursor::new(Vec::new());
    let mut enc = TiffEncoder::new(&mut out)
        .expect("encoder")
        .with_compression(Compression::Lzw);
    loop {
        let (w, h) = dec.dimensions().expect("dimensions");
        let DecodingResult::U8(pixels) = dec.read_image().expect("decodes") else {
            panic!("8-bit gray pages");
        };
        let mut img = enc.new_image::<colortype::Gray8>(w, h).expect("page");
        img.resolution(tiff::tags::ResolutionUnit::Inch, Rational { n: 200, d: 1 });
        img.write_data(&pixels).expect("written");
        if !dec.more_images() {
            break;
        }
        dec.next_image().expect("next page");
    }
    out.into_inner()
}

/// Every page of `doc` OCR'd in order, one engine, as a worker does.
fn ocr_pages(doc: &Document, options: &OcrOptions) -> Vec<OcrPage> {
    ingest::page_stream_mode(doc, options.max_megapixels, OcrMode::Force)
        .expect("pages")
        .map(|p| ocr::recognise(&p.expect("page"), options).expect("read"))
        .collect()
}

fn prepare(label: &str, path: PathBuf, bytes: Vec<u8>, pipeline: &Pipeline) -> Prepared {
    let doc = ingest::from_bytes(path, bytes).expect("ingests");
    let pages = ocr_pages(&doc, &pipeline.ocr);
    let source = ocr::source_text(&pages);
    let restored = pipeline.restorer.restore(&source);
    // The record's header (title, issuer, date) fills the PDF/A's metadata; its OCR summary is
    // the one of the pages above, which the layout is built from.
    let mut record = pipeline.process_document(&doc);
    record.ocr = Some(OcrSummary::from_pages(&pages, &pipeline.ocr.lang));
    Prepared {
        label: label.to_string(),
        doc,
        pages: pages.len(),
        source,
        restored,
        record,
    }
}

fn bench(c: &mut Criterion) {
    // OCR needs OMP_THREAD_LIMIT=1 from process start; `cargo bench` does not re-exec.
    assert_eq!(
        std::env::var("OMP_THREAD_LIMIT").as_deref(),
        Ok("1"),
        "run as: OMP_THREAD_LIMIT=1 cargo bench --bench emit"
    );
    let pipeline = Pipeline::default();
    let file = |rel: &str| {
        let p = corpus(rel);
        let bytes = std::fs::read(&p).expect("sample scan");
        (p, bytes)
    };
    let kinds = [
        (
            "2 JPEG pages (plan-clean.pdf)",
            file("containers/plan-clean.pdf"),
        ),
        (
            "2 fax G4 pages (plan-photocopy.pdf)",
            file("containers/plan-photocopy.pdf"),
        ),
        (
            "1 Flate gray page (laws-dpi150.pdf)",
            file("containers/laws-dpi150.pdf"),
        ),
        (
            "2 LZW TIFF pages (plan-dpi200, LZW)",
            (PathBuf::from("plan-lzw.tif"), lzw_tiff()),
        ),
    ];
    let prepared: Vec<Prepared> = kinds
        .into_iter()
        .map(|(label, (path, bytes))| prepare(label, path, bytes, &pipeline))
        .collect();

    let out = tempfile::tempdir().expect("temporary directory");
    let formats = [Format::Pdfa, Format::Alto, Format::Hocr, Format::Txt];
    let emitter = Emitter::new(&formats, out.path().to_path_buf());

    let mut g = c.benchmark_group("emit vs ocr");
    g.sample_size(10);
    // One OCR of a document takes seconds: one call per sample.
    g.sampling_mode(SamplingMode::Flat);
    for p in &prepared {
        g.bench_function(format!("emit pdfa+alto+hocr+txt: {}", p.label), |b| {
            b.iter(|| {
                emitter
                    .emit(&p.doc, &p.source, &p.restored, &p.record)
                    .expect("deliverables written");
            })
        });
        let pdf = sohoa_core::emit::file_path(out.path(), &p.doc.path, Format::Pdfa);
        let pdf_len = std::fs::metadata(&pdf)
            .expect("the PDF/A was written")
            .len();
        assert!(
            pdf_len > p.doc.bytes.len() as u64 / 2,
            "{}: the PDF/A holds the scan ({pdf_len} bytes)",
            p.label
        );
        g.bench_function(format!("ocr: {}", p.label), |b| {
            b.iter(|| {
                let pages = ocr_pages(&p.doc, &pipeline.ocr);
                assert_eq!(pages.len(), p.pages);
                let words: usize = pages.iter().map(|p| p.words.len()).sum();
                assert!(words > 100, "{}: {words} words", p.label);
                pages
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
