//! Shared by the scan-condition benchmark (`examples/scan_conditions.rs`) and the OCR layout
//! and record tests: Decree 30 documents rendered from their marked heads, degraded under a
//! scan condition, read by sohoa's OCR and by the `tesseract` command line, and the record
//! fields compared between a scan and the same document's typed text.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use sohoa_core::ingest::{self, PageInput};
use sohoa_core::ocr::{self, OcrOptions, OcrPage};
use sohoa_core::restore::Restorer;
use sohoa_core::segment::{self, Segmented};
use sohoa_core::text::SourceText;
use sohoa_corpus::decree::{self, DecreeDoc, Faces};
use sohoa_corpus::seal::Seal;
use sohoa_corpus::{encode, RenderedPage, Variant};

/// The repository root (tests and examples run from anywhere).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Times-like faces documents are printed in.
pub fn faces() -> Faces {
    Faces::beside(Path::new(sohoa_corpus::TIMES_LIKE_FONT)).expect("Liberation Serif installed")
}

/// A marked document (its `@body` lines read relative to the repository root).
pub fn parse_marked(marked: &str) -> DecreeDoc {
    let text = sohoa_corpus::decree_body::expand(marked, &root()).expect("body lines readable");
    DecreeDoc::parse(&text)
}

/// The document's pages, each with its gold text and seals.
pub fn render(doc: &DecreeDoc, faces: &Faces) -> Vec<(RenderedPage, Vec<Seal>)> {
    decree::render(doc, faces).expect("faces cover the text")
}

/// Seed of page `index` (the same as `sohoa-corpus decree` uses).
pub fn page_seed(seed: u64, index: usize) -> u64 {
    seed.wrapping_mul(0x9E37_79B9)
        .wrapping_add(index as u64 * 0x0100_0000_01B3)
}

/// One page as an archive would hold it under `variant`: the encoded file and its extension.
pub fn scan(
    page: &RenderedPage,
    seals: &[Seal],
    variant: Variant,
    seed: u64,
) -> (Vec<u8>, &'static str) {
    let img = sohoa_corpus::degrade::degrade_sealed(&page.image, page.dpi, variant, seed, seals);
    encode::scan_file(&img).expect("page encodes")
}

/// sohoa's OCR of one encoded page file, through ingest as `sohoa` reads it.
pub fn sohoa_read(bytes: Vec<u8>, options: &OcrOptions) -> OcrPage {
    let doc = ingest::from_bytes(PathBuf::from("page"), bytes).expect("page ingests");
    let page: PageInput = ingest::pages_with_limit(&doc, options.max_megapixels)
        .expect("page opens")
        .remove(0)
        .expect("page decodes");
    ocr::recognise(&page, options).expect("page reads")
}

/// The plain `tesseract FILE - -l vie` command line's text of a page file (one thread).
pub fn tesseract_cli(path: &Path, extra: &[&str]) -> String {
    let out = Command::new("tesseract")
        .arg(path)
        .arg("-")
        .args(["-l", "vie"])
        .args(extra)
        .env("OMP_THREAD_LIMIT", "1")
        .output()
        .expect("tesseract runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The segmented record of a scan's OCR'd pages, as the pipeline makes it.
pub fn segment_pages(pages: &[OcrPage], restorer: &Restorer) -> Segmented {
    segment::segment(&restore_pages(pages, restorer, true))
}

/// The restored text of OCR pages, as `sohoa process` restores them: with what the pipeline
/// knows of how they were read (`pipeline::text_origin`, sohoa's default `vie` model), or,
/// when `know_origin` is false, as a text of unknown origin.
pub fn restore_pages(pages: &[OcrPage], restorer: &Restorer, know_origin: bool) -> String {
    let source = ocr::source_text(pages);
    let origin = if know_origin {
        sohoa_core::pipeline::text_origin(pages, "vie")
    } else {
        sohoa_core::restore::Origin::Unknown
    };
    restorer.restore_from(&source, origin).text
}

/// The segmented record of a plain text (typed, or another OCR engine's output).
pub fn segment_text(text: &str, restorer: &Restorer) -> Segmented {
    segment::segment(&restorer.restore(&SourceText::from_plain(text)).text)
}

/// The record fields a scan must give as its typed text does (issue 12 point 3), by name.
pub fn fields(s: &Segmented) -> Vec<(&'static str, String)> {
    let h = &s.header;
    let show = |v: &Option<String>| v.clone().unwrap_or_default();
    let bases: Vec<String> = s
        .legal_bases
        .iter()
        .map(|b| b.number.clone().unwrap_or_default())
        .collect();
    vec![
        ("issuer", show(&h.issuer)),
        ("issuer_parent", show(&h.issuer_parent)),
        ("number", show(&h.number)),
        ("place", show(&h.place)),
        ("date", show(&h.date)),
        ("type", show(&h.doc_type)),
        ("title", show(&h.title)),
        ("legal_bases", bases.join(" | ")),
        ("campaign", show(&s.campaign.name)),
        (
            "signer",
            s.signer
                .as_ref()
                .and_then(|x| x.name.clone())
                .unwrap_or_default(),
        ),
    ]
}

/// The fields of `scan` that differ from `typed`: (name, typed value, scan value).
pub fn differing(typed: &Segmented, scan: &Segmented) -> Vec<(&'static str, String, String)> {
    fields(typed)
        .into_iter()
        .zip(fields(scan))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((n, a), (_, b))| (n, a, b))
        .collect()
}

/// Mark-free lowercase text: what is left of a word when its diacritics are not counted.
pub fn skeleton(text: &str) -> String {
    sohoa_core::restore::syllable::strip_all_marks(text).to_lowercase()
}
