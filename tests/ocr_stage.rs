//! The OCR stage end to end with real Tesseract `vie` on the committed corpus (corpus/ocr):
//! accuracy on a clean page, word boxes, multi-page TIFF, scanned PDFs, a corrupt page, and
//! the megapixel cap.

use std::path::{Path, PathBuf};

use sohoa_core::ingest::{self, PageInput};
use sohoa_core::ocr::{self, OcrOptions, OcrPage};
use sohoa_core::pipeline::Pipeline;
use sohoa_core::record::Status;
use sohoa_core::Stage;
use sohoa_eval::metrics::char_errors;

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/ocr")
        .join(rel)
}

fn gold(path: &Path) -> String {
    std::fs::read_to_string(path.with_extension("gt.txt")).unwrap()
}

fn read_pages(path: &Path) -> Vec<Result<OcrPage, sohoa_core::StageError>> {
    let doc = ingest::read(path).unwrap();
    let opts = OcrOptions::default();
    ingest::pages(&doc)
        .unwrap()
        .into_iter()
        .map(|p| p.and_then(|p| ocr::recognise(&p, &opts)))
        .collect()
}

fn cer(hyp: &str, gold: &str) -> f64 {
    char_errors(hyp, &gold.replace('\u{c}', "\n")).rate()
}

#[test]
fn clean_page_reads_to_gold_with_sane_words() {
    let path = corpus("pages/laws-001-clean.png");
    let pages = read_pages(&path);
    let page = pages[0].as_ref().unwrap();
    let rate = cer(&page.text, &gold(&path));
    assert!(
        rate <= 0.005,
        "CER {rate:.4} on a clean 300 dpi page\n{}",
        page.text
    );
    assert_eq!((page.width, page.height, page.dpi), (2480, 3508, Some(300)));
    assert!(!page.from_text_layer);
    assert!(page.words.len() > 300, "{} words", page.words.len());
    let mut last_top = 0;
    for w in &page.words {
        assert_eq!(&page.text[w.span.clone()], w.text);
        assert!(w.bbox.w > 0 && w.bbox.h > 0, "{w:?}");
        assert!(w.bbox.x + w.bbox.w <= page.width && w.bbox.y + w.bbox.h <= page.height);
        // Text is inside the 30 mm left / 20 mm right margins (354 px / 236 px at 300 dpi).
        assert!(
            w.bbox.x >= 330 && w.bbox.x + w.bbox.w <= 2480 - 200,
            "{w:?}"
        );
        // 13 pt type: x-height to cap-with-accent heights, 20-90 px at 300 dpi.
        assert!((15..=110).contains(&w.bbox.h), "{w:?}");
        assert!((0.0..=100.0).contains(&w.confidence));
        assert!(w.bbox.y + 40 >= last_top, "reading order broken at {w:?}");
        last_top = w.bbox.y;
    }
    assert!(page.mean_confidence > 85.0, "{}", page.mean_confidence);
}

#[test]
fn multi_page_tiff_pages_are_read_and_reported_separately() {
    let path = corpus("containers/plan-dpi200.tif");
    let gold = gold(&path);
    let golds: Vec<&str> = gold.split('\u{c}').collect();
    let pages = read_pages(&path);
    assert_eq!(pages.len(), 2);
    for (i, (p, g)) in pages.iter().zip(&golds).enumerate() {
        let p = p.as_ref().unwrap();
        assert_eq!((p.number, p.dpi), (i + 1, Some(200)));
        // Boxes are in the 200 dpi scan's own pixels.
        assert!(
            p.words.iter().all(|w| w.bbox.x + w.bbox.w <= p.width),
            "page {}",
            i + 1
        );
        let rate = cer(&p.text, g);
        assert!(rate <= 0.01, "page {}: CER {rate:.4}\n{}", i + 1, p.text);
    }
}

#[test]
fn scanned_pdfs_pages_are_extracted_and_read() {
    for (file, max_cer) in [("plan-clean.pdf", 0.005), ("plan-photocopy.pdf", 0.04)] {
        let path = corpus(&format!("containers/{file}"));
        let doc = ingest::read(&path).unwrap();
        let inputs: Vec<PageInput> = ingest::pages(&doc)
            .unwrap()
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert!(inputs.iter().all(|p| matches!(p, PageInput::Image { .. })));
        let record = Pipeline::default().process_document(&doc);
        assert_eq!(record.status, Status::Ok, "{file}: {:?}", record.errors);
        let ocr = record.ocr.as_ref().unwrap();
        assert_eq!(ocr.pages.len(), inputs.len());
        assert!(ocr.pages.iter().all(|p| !p.from_text_layer && p.words > 50));
        let rate = cer(&record.text, &gold(&path));
        assert!(rate <= max_cer, "{file}: CER {rate:.4}");
    }
}

/// A three-page scanned PDF (150 dpi JPEG pages rendered from the plan's gold text) whose
/// second page's JPEG has its header destroyed.
fn pdf_with_corrupt_second_page() -> Vec<u8> {
    use sohoa_corpus::{container, layout, Variant};
    let text = std::fs::read_to_string(corpus("text/thai-binh-2023-plan.txt")).unwrap();
    let font = layout::load_font(Path::new(sohoa_corpus::DEFAULT_FONT)).unwrap();
    let pages = sohoa_corpus::render_text(&text, &font, &layout::Layout::default()).unwrap();
    let scans: Vec<_> = pages[..3]
        .iter()
        .map(|p| sohoa_corpus::degrade(&p.image, p.dpi, Variant::Dpi150, 1))
        .collect();
    let mut pdf = container::pdf(&scans, container::PdfImageEncoding::Dct).unwrap();
    let soi: Vec<usize> = pdf
        .windows(3)
        .enumerate()
        .filter(|(_, w)| *w == [0xFF, 0xD8, 0xFF])
        .map(|(i, _)| i)
        .collect();
    assert_eq!(soi.len(), 3);
    for b in &mut pdf[soi[1] + 2..soi[1] + 400] {
        *b = 0x5A;
    }
    pdf
}

#[test]
fn a_corrupt_page_fails_only_that_page() {
    let doc = ingest::from_bytes("corrupt.pdf".into(), pdf_with_corrupt_second_page()).unwrap();
    let record = Pipeline::default().process_document(&doc);
    assert_eq!(record.status, Status::Partial);
    assert_eq!(record.errors.len(), 1, "{:?}", record.errors);
    assert_eq!(record.errors[0].page, Some(2));
    let read: Vec<usize> = record
        .ocr
        .as_ref()
        .unwrap()
        .pages
        .iter()
        .map(|p| p.page)
        .collect();
    assert_eq!(read, [1, 3]);
    assert!(record.text.contains("KẾ HOẠCH"));
}

#[test]
fn oversized_images_are_refused_from_their_header() {
    // A PNG that declares 20000 x 20000 pixels and holds no image data at all: refusing it
    // with a size error (not a decode error) shows nothing was decoded.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&20000u32.to_be_bytes());
    png.extend_from_slice(&20000u32.to_be_bytes());
    png.extend_from_slice(&[8, 0, 0, 0, 0, 0, 0, 0, 0]);
    let doc = ingest::from_bytes("huge.png".into(), png.clone()).unwrap();
    let pages = ingest::pages(&doc).unwrap();
    let e = pages[0].as_ref().unwrap_err();
    assert_eq!((e.stage, e.page), (Stage::Decode, Some(1)));
    assert!(e.message.contains("400.0 megapixels"), "{}", e.message);
    // The OCR stage checks again for page inputs built elsewhere.
    let page = PageInput::Image {
        number: 4,
        bytes: png,
        dpi: None,
    };
    let e = ocr::recognise(&page, &OcrOptions::default()).unwrap_err();
    assert_eq!(e.page, Some(4));
    assert!(e.message.contains("over the limit of 150"), "{}", e.message);
}

/// Centre of a word's box.
fn centre(w: &ocr::OcrWord) -> (f32, f32) {
    (
        w.bbox.x as f32 + w.bbox.w as f32 / 2.0,
        w.bbox.y as f32 + w.bbox.h as f32 / 2.0,
    )
}

/// Words (4+ letters) that occur exactly once on a page, by text.
fn unique_words(page: &OcrPage) -> std::collections::HashMap<&str, &ocr::OcrWord> {
    let mut seen: std::collections::HashMap<&str, Vec<&ocr::OcrWord>> = Default::default();
    for w in &page.words {
        if w.text.chars().count() >= 4 {
            seen.entry(w.text.as_str()).or_default().push(w);
        }
    }
    seen.into_iter()
        .filter(|(_, v)| v.len() == 1)
        .map(|(k, v)| (k, v[0]))
        .collect()
}

#[test]
fn word_boxes_of_a_deskewed_page_are_on_the_scan_as_scanned() {
    let path = corpus("pages/laws-001-clean.png");
    let clean_bytes = std::fs::read(&path).unwrap();
    let opts = OcrOptions::default();
    let image_page = |bytes: Vec<u8>| PageInput::Image {
        number: 1,
        bytes,
        dpi: Some(300),
    };
    let upright = ocr::recognise(&image_page(clean_bytes.clone()), &opts).unwrap();
    // The same page scanned 2° clockwise: every point turns about the page centre.
    let angle = 2f32.to_radians();
    let img = image::load_from_memory(&clean_bytes).unwrap().to_luma8();
    let (cx, cy) = (img.width() as f32 / 2.0, img.height() as f32 / 2.0);
    let skewed = sohoa_corpus::degrade::rotate(&img, angle);
    let skewed_png = sohoa_corpus::encode::png(&skewed, 300, false).unwrap();
    let page = ocr::recognise(&image_page(skewed_png), &opts).unwrap();

    let (s, c) = angle.sin_cos();
    let upright_words = unique_words(&upright);
    let mut errors = Vec::new();
    let mut displacement = Vec::new();
    for (text, w) in unique_words(&page) {
        let Some(u) = upright_words.get(text) else {
            continue;
        };
        let (ux, uy) = centre(u);
        let (dx, dy) = (ux - cx, uy - cy);
        let expected = (c * dx - s * dy + cx, s * dx + c * dy + cy);
        let got = centre(w);
        errors.push(((got.0 - expected.0).powi(2) + (got.1 - expected.1).powi(2)).sqrt());
        displacement.push(((ux - expected.0).powi(2) + (uy - expected.1).powi(2)).sqrt());
    }
    assert!(errors.len() >= 50, "only {} words matched", errors.len());
    errors.sort_by(f32::total_cmp);
    displacement.sort_by(f32::total_cmp);
    let median = errors[errors.len() / 2];
    // The rotation moves a typical word by tens of pixels; mapped back, boxes land within a
    // few pixels (OCR boxes of the same word differ a little between the two scans anyway).
    assert!(
        displacement[displacement.len() / 2] > 20.0,
        "test page barely moved"
    );
    assert!(median < 5.0, "median box centre error {median:.1} px");
}
