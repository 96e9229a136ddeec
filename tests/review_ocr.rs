//! The review list and the provenance of header fields and sections for OCR input, with real
//! Tesseract `vie` on a rendered first page of the sample plan whose title prints the period
//! "2025-2025" (what a misread of "2023-2025" gives): the period must be flagged whatever
//! Tesseract's confidence, every number read under the threshold must be listed with its page
//! and box, and the header fields and section headings must point at where they were read.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use sohoa_core::ingest::{self, PageInput};
use sohoa_core::ocr;
use sohoa_core::record::review::NUMBER_MIN_CONFIDENCE;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Page 1 of the sample plan with its title's period printed as "2025-2025", a clean 300 dpi
/// PNG rendered by sohoa-corpus.
fn page_with_bad_period(dir: &Path) -> PathBuf {
    use sohoa_corpus::layout;
    let text = std::fs::read_to_string(root().join("corpus/ocr/text/thai-binh-2023-plan.txt"))
        .unwrap()
        .replacen("GIAI ĐOẠN 2023-2025", "GIAI ĐOẠN 2025-2025", 1);
    assert!(text.contains("2025-2025"));
    let font = layout::load_font(Path::new(sohoa_corpus::DEFAULT_FONT)).unwrap();
    let pages = sohoa_corpus::render_text(&text, &font, &layout::Layout::default()).unwrap();
    let png = sohoa_corpus::encode::png(&pages[0].image, pages[0].dpi, false).unwrap();
    let path = dir.join("plan-page1.png");
    std::fs::write(&path, png).unwrap();
    path
}

fn record(file: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(["process", "--quiet", file.to_str().unwrap()])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn bbox(v: &Value) -> (u64, u64, u64, u64) {
    let n = |k: &str| v[k].as_u64().unwrap();
    (n("x"), n("y"), n("w"), n("h"))
}

fn sections(v: &Value, out: &mut Vec<Value>) {
    for s in v.as_array().unwrap() {
        out.push(s.clone());
        sections(&s["children"], out);
    }
}

#[test]
fn ocr_doubts_and_where_fields_were_read() {
    let dir = tempfile::tempdir().unwrap();
    let png = page_with_bad_period(dir.path());
    let r = record(&png);
    assert_eq!(r["status"], "ok", "{:#}", r["errors"]);
    let review = r["restoration"]["review"].as_array().unwrap();

    // The impossible period is listed, with the page and box it was read at.
    let period = review
        .iter()
        .find(|e| e["source"].as_str().unwrap().contains("2025-2025"))
        .unwrap_or_else(|| panic!("2025-2025 in the review: {review:#?}"));
    assert_eq!(period["reason"], "implausible");
    assert_eq!(period["page"], 1);
    let (_, y, w, h) = bbox(&period["bbox"]);
    assert!(w > 0 && h > 0 && y < 3508 / 2, "{period}");

    // Every number, date and code Tesseract read under the threshold is listed at its box; the
    // page read again through the library gives the same words and confidences.
    let doc = ingest::read(&png).unwrap();
    let page: PageInput = ingest::pages(&doc).unwrap().remove(0).unwrap();
    let read = ocr::recognise(&page, &Default::default()).unwrap();
    let listed = |b: sohoa_core::text::BBox| {
        review.iter().any(|e| {
            e["bbox"].is_object()
                && bbox(&e["bbox"]) == (b.x.into(), b.y.into(), b.w.into(), b.h.into())
        })
    };
    let doubtful: Vec<_> = read
        .words
        .iter()
        .filter(|w| {
            w.text.chars().any(|c| c.is_ascii_digit()) && w.confidence < NUMBER_MIN_CONFIDENCE
        })
        .collect();
    // On this page Tesseract reads at least one code under the threshold (a legal basis's
    // number): the check below is not vacuous.
    assert!(!doubtful.is_empty());
    for w in &doubtful {
        assert!(
            listed(w.bbox),
            "{} ({:.0}) not in the review",
            w.text,
            w.confidence
        );
    }
    for e in review.iter().filter(|e| e["reason"] == "ocr_number") {
        assert!(e["confidence"].as_f64().unwrap() * 100.0 < f64::from(NUMBER_MIN_CONFIDENCE));
    }

    // Header fields point at their lines: the number where the OCR read "161/KH-UBND", the
    // issuer above it, the date beside or under the place, the title below them.
    let origins = &r["header"]["origins"];
    let code = read
        .words
        .iter()
        .find(|w| w.text == "161/KH-UBND")
        .unwrap()
        .bbox;
    assert_eq!(origins["number"]["page"], 1);
    assert_eq!(
        bbox(&origins["number"]["bbox"]),
        (code.x.into(), code.y.into(), code.w.into(), code.h.into())
    );
    let top = |k: &str| bbox(&origins[k]["bbox"]).1;
    assert!(top("issuer") < top("number"), "{origins:#}");
    assert!(
        top("place") <= top("date") && top("date") < top("title"),
        "{origins:#}"
    );
    assert!(top("doc_type") < top("title"), "{origins:#}");

    // Each section's heading line has an origin, further down the page the later it comes.
    let mut all = Vec::new();
    sections(&r["sections"], &mut all);
    assert!(!all.is_empty());
    let mut last = 0;
    for s in &all {
        let o = &s["origin"];
        assert_eq!(o["page"], 1, "{s:#}");
        let y = bbox(&o["bbox"]).1;
        assert!(y >= last, "section {} above the one before it", s["number"]);
        last = y;
    }
}

#[test]
fn typed_text_has_no_ocr_doubts_and_no_boxes() {
    let r = record(&root().join("corpus/ocr/text/thai-binh-2023-plan.txt"));
    let review = r["restoration"]["review"].as_array().unwrap();
    assert!(review
        .iter()
        .all(|e| e["reason"] == "restoration" && e["bbox"].is_null()));
    let origins = r["header"]["origins"].as_object().unwrap();
    assert_eq!(origins.len(), 7);
    assert!(origins.values().all(Value::is_null), "{origins:?}");
    assert!(r["sections"][0]["origin"].is_null());
}
