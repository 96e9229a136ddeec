//! Fuzz target: a PDF page's own text layer. The fuzzer's bytes become the content stream of a
//! well-formed one-page PDF (also drawn as a Form XObject, which may draw itself), the
//! ToUnicode CMap of its two fonts (a Type0 Identity-H font and a simple TrueType font) and the
//! glyph widths, so every execution gets past the PDF parser into the content-stream reader
//! (`ingest/pdf_text.rs`), the font decoding (`ingest/pdf_font.rs`) and the stream caps
//! (`ingest/pdf_limits.rs`, which also reads the raw bytes as a whole file).
//!
//! Layout of an input: one selector byte (bits 0-1: the content's filter, bits 2-3: the
//! CMap's — none, Flate (compressed here), LZW or ASCII85 (the bytes taken as already encoded)),
//! then the content, the CMap and the widths, separated by 0xFF bytes.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use sohoa::ingest::{pdf, pdf_limits, OcrMode, PageInput};

/// A stream object's dictionary entries and data for `data` under filter choice `choice`.
fn encoded(choice: u8, data: &[u8]) -> (&'static str, Vec<u8>) {
    match choice & 3 {
        0 => ("", data.to_vec()),
        1 => {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            z.write_all(data).expect("in memory");
            ("/Filter /FlateDecode", z.finish().expect("in memory"))
        }
        2 => ("/Filter /LZWDecode", data.to_vec()),
        _ => ("/Filter /ASCII85Decode", data.to_vec()),
    }
}

fn stream(dict: &str, filter: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} {filter} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

/// A PDF of `objects` (object 1 the catalog) with a correct cross-reference table.
fn pdf_of(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let n = objects.len() + 1;
    out.extend_from_slice(format!("xref\n0 {n}\n0000000000 65535 f \n").as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {n} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

fuzz_target!(|data: &[u8]| {
    let _ = pdf_limits::check_streams(data);
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let mut parts = rest.splitn(3, |&b| b == 0xFF);
    let content = parts.next().unwrap_or_default();
    let cmap = parts.next().unwrap_or_default();
    // Widths go into a dictionary as PDF syntax: only numbers and brackets, so that the file
    // stays parseable and the fuzzer's effort goes into the text layer.
    let widths = parts
        .next()
        .filter(|w| {
            w.iter()
                .all(|c| c.is_ascii_digit() || b" .-[]\n".contains(c))
        })
        .map_or_else(
            || "[0 [500]]".to_string(),
            |w| format!("[{}]", String::from_utf8_lossy(w)),
        );
    let (content_filter, content) = encoded(selector, content);
    let (cmap_filter, cmap) = encoded(selector >> 2, cmap);
    let resources = "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /Fm0 9 0 R >> >>";
    let file = pdf_of(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {resources} /Contents 4 0 R >>")
            .into_bytes(),
        stream("", content_filter, &content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /F /Encoding /Identity-H /DescendantFonts [8 0 R] /ToUnicode 7 0 R >>".to_vec(),
        format!("<< /Type /Font /Subtype /TrueType /BaseFont /G /FirstChar 32 /LastChar 255 /Encoding /WinAnsiEncoding /Widths {widths} /ToUnicode 7 0 R >>")
            .into_bytes(),
        stream("", cmap_filter, &cmap),
        format!("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /F /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 /W {widths} >>")
            .into_bytes(),
        stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 595 842] {resources}"),
            content_filter,
            &content,
        ),
    ]);
    let Ok(pages) = pdf::pages_mode(&file, 150.0, OcrMode::Skip) else {
        return;
    };
    for page in pages {
        let Ok(PageInput::Layer { number, layer }) = page else {
            continue;
        };
        assert_eq!(number, 1);
        assert!(layer.width > 0 && layer.height > 0 && layer.dpi > 0);
        for line in &layer.lines {
            assert!(!line.words.is_empty(), "a line holds words");
            for w in &line.words {
                assert!(!w.text.is_empty(), "a word holds text");
            }
        }
    }
});
