//! PDFs with a text layer, made at test time by real tools: Tesseract's own PDF (a
//! GlyphLessFont Type 0 layer over the scan), sohoa's `--emit pdfa`, the same Tesseract PDF with
//! its `ToUnicode` map made unreadable (the text layer is garbage), a PDF mixing a layered page
//! with an image-only one (qpdf), and an image-only scan. `--ocr auto|force|skip` and the
//! per-page provenance the record gives are checked on each.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn page_png() -> PathBuf {
    root().join("corpus/ocr/pages/plan-001-clean.png")
}

fn run(program: &str, args: &[&str]) -> Output {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn sohoa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The record `sohoa process` writes for `file` with `--ocr mode`.
fn record(file: &Path, mode: &str) -> Value {
    let out = sohoa(&["process", "--quiet", "--ocr", mode, file.to_str().unwrap()]);
    let line = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str(line.lines().next().expect("one record")).unwrap()
}

/// Tesseract's searchable PDF of the first page of the sample plan (`tesseract IMG out pdf`).
fn tesseract_pdf(dir: &Path) -> PathBuf {
    let base = dir.join("tess");
    run(
        "tesseract",
        &[
            page_png().to_str().unwrap(),
            base.to_str().unwrap(),
            "-l",
            "vie",
            "pdf",
        ],
    );
    base.with_extension("pdf")
}

fn sources(r: &Value) -> Vec<&str> {
    r["ocr"]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text_source"].as_str().unwrap())
        .collect()
}

/// The header fields a text layer carries as it is (the title is compared where the layer's
/// text is the typed text's, see the sohoa PDF/A test).
const FIELDS: [&str; 8] = [
    "issuer",
    "issuer_parent",
    "number",
    "type_code",
    "issuer_code",
    "doc_type",
    "place",
    "date",
];

#[test]
fn tesseract_layer_gives_the_typed_header_with_lines_and_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = tesseract_pdf(dir.path());
    let layer = record(&pdf, "auto");
    let typed = record(
        &root().join("corpus/ocr/text/thai-binh-2023-plan.txt"),
        "auto",
    );
    assert_eq!(layer["status"], "ok", "{:#}", layer["errors"]);
    assert_eq!(sources(&layer), ["layer"]);
    assert_eq!(layer["ocr"]["engine"], "none");
    assert_eq!(layer["ocr"]["pages"][0]["mean_confidence"], Value::Null);
    for field in FIELDS {
        assert_eq!(
            layer["header"][field], typed["header"][field],
            "header.{field} from the layer"
        );
    }
    assert_eq!(layer["header"]["number"], "161/KH-UBND");
    // Both legal bases of the first page, as the typed copy gives them.
    let numbers = |r: &Value| -> Vec<String> {
        r["legal_bases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["number"].to_string())
            .collect()
    };
    assert_eq!(numbers(&layer)[..2], numbers(&typed)[..2]);
    // The layer is read line by line, not as one run of words with double spaces.
    let text = layer["text"].as_str().unwrap();
    assert!(text.lines().count() > 30, "{text}");
    assert!(!text.contains("  "), "{text}");
    assert!(text.lines().any(|l| l == "Số: 161/KH-UBND"), "{text}");

    // Under --ocr force the same page is OCR'd, and its words' boxes are where the layer's are.
    let forced = record(&pdf, "force");
    assert_eq!(sources(&forced), ["ocr"]);
    assert!(forced["ocr"]["engine"]
        .as_str()
        .unwrap()
        .starts_with("tesseract"));
    let words = |r: &Value| r["ocr"]["pages"][0]["words"].as_u64().unwrap();
    let (a, b) = (words(&layer), words(&forced));
    assert!(a.abs_diff(b) * 20 <= b, "{a} layer words, {b} OCR words");
}

#[test]
fn layer_word_boxes_match_the_scan() {
    use sohoa_core::ingest::{self, PageInput};
    let dir = tempfile::tempdir().unwrap();
    let pdf = tesseract_pdf(dir.path());
    let doc = ingest::read(&pdf).unwrap();
    let pages = ingest::pages(&doc).unwrap();
    let Ok(PageInput::Layer { layer, .. }) = &pages[0] else {
        panic!(
            "page 1 is read from its layer: {:?}",
            pages[0].as_ref().err()
        );
    };
    assert_eq!((layer.width, layer.height, layer.dpi), (2480, 3508, 300));
    let find = |text: &str| {
        layer
            .lines
            .iter()
            .flat_map(|l| &l.words)
            .find(|w| w.text == text)
            .unwrap_or_else(|| panic!("{text} in the layer"))
    };
    // Where Tesseract's own reading of the scan (through its API, not the PDF) puts the
    // same words: the layer's boxes are on the scan's pixels.
    let scan = ingest::read(&page_png()).unwrap();
    let image = ingest::pages(&scan).unwrap().remove(0).unwrap();
    let ocr = sohoa_core::ocr::recognise(&image, &Default::default()).unwrap();
    for text in ["161/KH-UBND", "Căn", "Nghị", "2021-2025"] {
        let l = find(text).bbox;
        let o = ocr
            .words
            .iter()
            .find(|w| w.text == text)
            .unwrap_or_else(|| panic!("{text} in the OCR"))
            .bbox;
        let near = |a: u32, b: u32, tol: u32| a.abs_diff(b) <= tol;
        // Tesseract's PDF stretches each word and the space after it over the word's box, so
        // the layer's glyphs end up to a character short of the printed word's right edge.
        let char_w = o.w / text.chars().count() as u32;
        let right_ok = l.x + l.w <= o.x + o.w + 12 && l.x + l.w + char_w + 12 >= o.x + o.w;
        assert!(
            near(l.x, o.x, 12) && right_ok && near(l.y + l.h, o.y + o.h, 25),
            "{text}: layer {l:?}, OCR {o:?}"
        );
    }
    for w in layer.lines.iter().flat_map(|l| &l.words) {
        assert!(w.bbox.w > 0 && w.bbox.h > 0, "{w:?}");
        assert!(
            w.bbox.x + w.bbox.w <= 2480 && w.bbox.y + w.bbox.h <= 3508,
            "{w:?}"
        );
        // A word box is about as tall as a line of 13-14 pt text at 300 dpi, never a page.
        assert!(w.bbox.h < 150, "{w:?}");
    }
}

#[test]
fn sohoa_pdfa_reads_back_to_the_same_header() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("plan.png");
    std::fs::copy(page_png(), &png).unwrap();
    let out = sohoa(&[
        "process",
        "--quiet",
        "--emit",
        "pdfa",
        "--emit-dir",
        dir.path().to_str().unwrap(),
        "-o",
        dir.path().join("ocr.jsonl").to_str().unwrap(),
        png.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ocr: Value = serde_json::from_str(
        std::fs::read_to_string(dir.path().join("ocr.jsonl"))
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    let pdfa = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("the PDF/A is written");
    let layer = record(&pdfa, "auto");
    assert_eq!(sources(&layer), ["layer"]);
    // The PDF/A's layer is the OCR record's restored text: every header field comes back.
    for field in FIELDS.iter().chain(&["title", "kind"]) {
        assert_eq!(
            layer["header"][field], ocr["header"][field],
            "header.{field}"
        );
    }
    assert_eq!(layer["campaign"]["name"], ocr["campaign"]["name"]);
}

#[test]
fn a_garbage_layer_is_ocred_under_auto_and_fails_under_skip() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = tesseract_pdf(dir.path());
    // An uncompressed copy whose font has lost its ToUnicode map (the key renamed in place,
    // which keeps every offset): the layer's codes no longer say which letters they are, as
    // in PDFs whose producers wrote no map.
    let qdf = dir.path().join("qdf.pdf");
    run(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().unwrap(),
            qdf.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(&qdf).unwrap();
    let key = b"/ToUnicode";
    let at = bytes.windows(key.len()).position(|w| w == key).unwrap();
    let mut broken = bytes.clone();
    broken[at..at + key.len()].copy_from_slice(b"/ToUnicodX");
    let garbage = dir.path().join("garbage.pdf");
    std::fs::write(&garbage, broken).unwrap();

    let auto = record(&garbage, "auto");
    assert_eq!(auto["status"], "ok");
    assert_eq!(sources(&auto), ["ocr"]);
    assert_eq!(auto["header"]["number"], "161/KH-UBND");

    let skip = record(&garbage, "skip");
    assert_eq!(skip["status"], "failed");
    let error = &skip["errors"][0];
    assert_eq!(error["page"], 1);
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("not readable text") && message.contains("--ocr skip"),
        "{message}"
    );
}

#[test]
fn pages_of_one_pdf_say_each_where_their_text_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = tesseract_pdf(dir.path());
    let mixed = dir.path().join("mixed.pdf");
    let scan = root().join("corpus/ocr/containers/plan-clean.pdf");
    run(
        "qpdf",
        &[
            "--empty",
            "--pages",
            pdf.to_str().unwrap(),
            scan.to_str().unwrap(),
            "2",
            "--",
            mixed.to_str().unwrap(),
        ],
    );
    let auto = record(&mixed, "auto");
    assert_eq!(auto["status"], "ok");
    assert_eq!(sources(&auto), ["layer", "ocr"]);
    assert!(auto["ocr"]["engine"]
        .as_str()
        .unwrap()
        .starts_with("tesseract"));
    assert_eq!(auto["ocr"]["pages"][0]["mean_confidence"], Value::Null);
    assert!(auto["ocr"]["pages"][1]["mean_confidence"].as_f64().unwrap() > 80.0);

    // --ocr skip keeps the layered page and fails the image page, by number and reason.
    let skip = record(&mixed, "skip");
    assert_eq!(skip["status"], "partial");
    assert_eq!(sources(&skip), ["layer"]);
    assert_eq!(skip["errors"][0]["page"], 2);
}

#[test]
fn skip_on_an_image_only_pdf_is_a_failed_record_not_a_silent_ok() {
    let scan = root().join("corpus/ocr/containers/plan-clean.pdf");
    let out = sohoa(&[
        "process",
        "--quiet",
        "--ocr",
        "skip",
        scan.to_str().unwrap(),
    ]);
    assert!(!out.status.success(), "exit {:?}", out.status);
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["status"], "failed");
    assert_eq!(r["text"], "");
    let errors = r["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    for (i, e) in errors.iter().enumerate() {
        assert_eq!(e["page"], i + 1);
        let m = e["message"].as_str().unwrap();
        assert!(
            m.contains("no text layer") && m.contains("--ocr skip"),
            "{m}"
        );
    }
    // And `sohoa ocr` says the same on stderr, with a failing exit.
    let ocr = sohoa(&["ocr", "--ocr", "skip", scan.to_str().unwrap()]);
    assert!(!ocr.status.success());
    assert!(String::from_utf8_lossy(&ocr.stderr).contains("no text layer"));
}
