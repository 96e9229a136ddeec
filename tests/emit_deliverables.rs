//! `sohoa process --emit`: the deliverables of real scans (a 2-page fax PDF and a JPEG page of
//! the OCR corpus), OCR'd once and checked by independent readers — xmllint against the ALTO 4
//! schema shipped in `schema/`, poppler (`pdftotext`, `pdfinfo`, `pdffonts`, `pdfimages`),
//! qpdf, and Ghostscript — and against the pages' gold text.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const FAX_PDF: &str = "corpus/ocr/containers/plan-photocopy.pdf";
const JPEG: &str = "corpus/ocr/pages/laws-001-jpeg40.jpg";

/// One run over both scans into a directory output, every format emitted beside the records.
fn run() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let out = Command::new(env!("CARGO_BIN_EXE_sohoa"))
            .current_dir(repo())
            .args([
                "process",
                FAX_PDF,
                JPEG,
                "-q",
                "--emit",
                "pdfa,alto,hocr,txt",
                "-o",
            ])
            .arg(format!("{}/", dir.display()))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
}

fn emitted(input: &str, ext: &str) -> PathBuf {
    run().join(format!("{}{ext}", input.replace('/', "__")))
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.nfc().collect())
        .collect()
}

/// `(ocr, restored)` pairs of the ALTO file: every `String` with an OCR `ALTERNATIVE`.
fn alto_changes(alto: &str) -> Vec<(String, String)> {
    let unescape = |s: &str| {
        s.replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    alto.lines()
        .filter_map(|l| {
            let content = l.split("CONTENT=\"").nth(1)?.split('"').next()?;
            let alt = l
                .split("<ALTERNATIVE PURPOSE=\"OCR\">")
                .nth(1)?
                .split('<')
                .next()?;
            Some((unescape(alt), unescape(content)))
        })
        .collect()
}

/// Restored words that are right where the raw OCR was wrong: the restored form is a word of
/// the gold text and the OCR reading is not.
fn fixed_words(input: &str) -> Vec<String> {
    let gold = std::fs::read_to_string(repo().join(input).with_extension("gt.txt")).unwrap();
    let gold = words(&gold);
    let alto = std::fs::read_to_string(emitted(input, ".alto.xml")).unwrap();
    alto_changes(&alto)
        .into_iter()
        .filter(|(ocr, restored)| {
            let (o, r) = (words(ocr), words(restored));
            !r.is_empty() && r.is_subset(&gold) && !o.is_subset(&gold)
        })
        .map(|(_, restored)| restored)
        .collect()
}

#[test]
fn files_are_named_after_the_input_like_the_records() {
    for input in [FAX_PDF, JPEG] {
        for ext in [".json", ".pdf", ".alto.xml", ".hocr", ".txt"] {
            assert!(emitted(input, ext).is_file(), "{input}{ext}");
        }
    }
    let temps: Vec<_> = std::fs::read_dir(run())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "{temps:?}");
}

#[test]
fn alto_is_valid_alto_4_with_restored_content_and_ocr_alternatives() {
    let schema = repo().join("schema/alto-4-4.xsd");
    for input in [FAX_PDF, JPEG] {
        let alto = emitted(input, ".alto.xml");
        let out = Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema"])
            .arg(&schema)
            .arg(&alto)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&alto).unwrap();
        assert_eq!(
            text.matches("<Page ").count(),
            if input == FAX_PDF { 2 } else { 1 }
        );
        assert!(text.contains(" WC=\"0."), "word confidences");
    }
    let fixed = fixed_words(FAX_PDF);
    assert!(
        !fixed.is_empty(),
        "restoration fixed no OCR word of the fax scan"
    );
}

#[test]
fn hocr_is_well_formed_with_confidences_and_restored_words() {
    for input in [FAX_PDF, JPEG] {
        let hocr = emitted(input, ".hocr");
        tool("xmllint", &["--noout", "--nonet", hocr.to_str().unwrap()]);
        let text = std::fs::read_to_string(&hocr).unwrap();
        assert!(text.contains("class=\"ocr_page\"") && text.contains("x_wconf "));
        let alto = std::fs::read_to_string(emitted(input, ".alto.xml")).unwrap();
        for (_, restored) in alto_changes(&alto) {
            assert!(
                text.contains(&format!(">{restored}</span>")),
                "{restored} missing from the hOCR"
            );
        }
    }
}

#[test]
fn text_has_one_form_feed_separated_part_per_page_in_restored_form() {
    let txt = std::fs::read_to_string(emitted(FAX_PDF, ".txt")).unwrap();
    assert_eq!(txt.split('\u{c}').count(), 2);
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(emitted(FAX_PDF, ".json")).unwrap()).unwrap();
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        squash(&txt.replace('\u{c}', " ")),
        squash(record["text"].as_str().unwrap())
    );
}

#[test]
fn pdf_text_layer_gives_the_restored_words_the_ocr_had_wrong() {
    let fixed = fixed_words(FAX_PDF);
    assert!(!fixed.is_empty());
    let pdf = emitted(FAX_PDF, ".pdf");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert_eq!(text, text.nfc().collect::<String>(), "copied text is NFC");
    let found = words(&text);
    for w in &fixed {
        for part in words(w) {
            assert!(found.contains(&part), "{part} is not searchable in the PDF");
        }
    }
    // Every restored word reads back, as often as it is written (poppler orders a stray
    // mark by its position, so the order of words is not compared).
    let txt = std::fs::read_to_string(emitted(FAX_PDF, ".txt")).unwrap();
    let bag = |s: &str| {
        let mut v: Vec<&str> = s.split_whitespace().collect();
        v.sort_unstable();
        v.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(bag(&text), bag(&txt));
}

#[test]
fn pdf_passes_qpdf_poppler_and_ghostscript() {
    for input in [FAX_PDF, JPEG] {
        let pdf = emitted(input, ".pdf");
        let p = pdf.to_str().unwrap();
        tool("qpdf", &["--check", p]);
        let info = tool("pdfinfo", &[p]);
        assert!(info.contains("Encrypted:       no"), "{info}");
        assert!(info.contains("PDF version:     1.7"), "{info}");
        let fonts = tool("pdffonts", &[p]);
        let font = fonts.lines().nth(2).expect("one font");
        assert!(
            font.contains("Identity-H  ") || font.contains("Identity-H"),
            "{fonts}"
        );
        assert!(
            font.contains(" yes no  yes "),
            "embedded, not subset, ToUnicode: {fonts}"
        );
        tool(
            "gs",
            &[
                "-q",
                "-dNOPAUSE",
                "-dBATCH",
                "-dPDFSTOPONERROR",
                "-sDEVICE=nullpage",
                p,
            ],
        );
    }
}

/// PDF/A-2b's own requirements (ISO 19005-2), read back through qpdf's view of the objects:
/// no encryption, a file identifier, an sRGB output intent with an embedded RGB ICC profile,
/// XMP declaring part 2 conformance B, and the document information agreeing with the XMP.
#[test]
fn pdf_declares_pdfa_2b_with_output_intent_and_matching_metadata() {
    let pdf = emitted(FAX_PDF, ".pdf");
    let p = pdf.to_str().unwrap();
    let json = tool("qpdf", &["--json", "--json-key=qpdf", p]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let objects = &v["qpdf"][1];
    let obj = |r: &serde_json::Value| objects[format!("obj:{}", r.as_str().unwrap())].clone();
    let id = |r: &serde_json::Value| r.as_str().unwrap().split(' ').next().unwrap().to_string();
    let trailer = &objects["trailer"]["value"];
    assert!(trailer.get("/Encrypt").is_none());
    assert_eq!(trailer["/ID"].as_array().map(Vec::len), Some(2));
    let catalog = obj(&trailer["/Root"])["value"].clone();
    assert_eq!(catalog["/Lang"], "u:vi");
    let intent = &catalog["/OutputIntents"][0];
    assert_eq!(intent["/S"], "/GTS_PDFA1");
    assert_eq!(
        obj(&intent["/DestOutputProfile"])["stream"]["dict"]["/N"],
        3
    );
    let icc = Command::new("qpdf")
        .args([
            &format!("--show-object={}", id(&intent["/DestOutputProfile"])),
            "--filtered-stream-data",
            p,
        ])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(
        (&icc[36..40], &icc[16..20], &icc[12..16]),
        (&b"acsp"[..], &b"RGB "[..], &b"mntr"[..])
    );
    let xmp = tool(
        "qpdf",
        &[
            &format!("--show-object={}", id(&catalog["/Metadata"])),
            "--filtered-stream-data",
            p,
        ],
    );
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    assert!(xmp.contains("<rdf:li>vi</rdf:li>"), "language vi: {xmp}");
    let info = tool("pdfinfo", &[p]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let xml = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&apos;")
    };
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(emitted(FAX_PDF, ".json")).unwrap()).unwrap();
    let issuer = record["header"]["issuer"]
        .as_str()
        .expect("the fax scan's issuer is found");
    assert_eq!(field("Author"), issuer);
    assert!(xmp.contains(&format!(
        "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li>",
        xml(issuer)
    )));
    let title = field("Title");
    assert!(!title.is_empty());
    assert!(
        xmp.contains(&format!(
            "<rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
            xml(&title)
        )),
        "{xmp}"
    );
    if let Some(date) = record["header"]["date"].as_str() {
        assert!(xmp.contains(&format!("<dc:date><rdf:Seq><rdf:li>{date}</rdf:li>")));
    }
}

#[test]
fn scans_go_in_as_scanned() {
    // The fax pages stay 1-bit fax data, byte for byte.
    let listing = tool(
        "pdfimages",
        &["-list", emitted(FAX_PDF, ".pdf").to_str().unwrap()],
    );
    let images: Vec<&str> = listing.lines().skip(2).collect();
    assert_eq!(images.len(), 2, "{listing}");
    assert!(images.iter().all(|l| l.contains(" 1  ccitt ")), "{listing}");
    // The JPEG page is the JPEG file itself.
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("img");
    tool(
        "pdfimages",
        &[
            "-j",
            emitted(JPEG, ".pdf").to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let out = std::fs::read(dir.path().join("img-000.jpg")).unwrap();
    assert_eq!(out, std::fs::read(repo().join(JPEG)).unwrap());
    // Size: the scan plus a text layer (PDF/A's own overhead is a few kilobytes).
    for input in [FAX_PDF, JPEG] {
        let scan = std::fs::metadata(repo().join(input)).unwrap().len() as f64;
        let pdf = std::fs::metadata(emitted(input, ".pdf")).unwrap().len() as f64;
        let text = std::fs::metadata(emitted(input, ".txt")).unwrap().len() as f64;
        assert!(
            pdf <= 1.1 * scan + 4.0 * text + 16_384.0,
            "{input}: {pdf} bytes from {scan}"
        );
    }
}
