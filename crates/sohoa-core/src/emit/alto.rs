//! ALTO 4.4: pages, text blocks, lines and strings with their boxes (pixels), Tesseract's word
//! confidence (`WC`, 0-1), the restored word as `CONTENT` and, when restoration changed it, the
//! OCR reading as an `ALTERNATIVE` (`PURPOSE="OCR"`). Valid against `schema/alto-4-4.xsd`.

use std::fmt::Write;

use super::layout::Layout;
use super::xml::escape;
use super::DocumentInfo;
use crate::text::BBox;

fn pos(b: BBox) -> String {
    format!(
        "HPOS=\"{}\" VPOS=\"{}\" WIDTH=\"{}\" HEIGHT=\"{}\"",
        b.x, b.y, b.w, b.h
    )
}

/// The document as one ALTO file.
pub fn render(layout: &Layout, info: &DocumentInfo) -> String {
    let mut out = String::new();
    out.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
        "xsi:schemaLocation=\"http://www.loc.gov/standards/alto/ns-v4# ",
        "http://www.loc.gov/alto/v4/alto-4-4.xsd\">\n",
        "<Description>\n<MeasurementUnit>pixel</MeasurementUnit>\n"
    ));
    let _ = writeln!(
        out,
        "<sourceImageInformation><fileName>{}</fileName></sourceImageInformation>",
        escape(&info.source_name)
    );
    let _ = writeln!(
        out,
        concat!(
            "<Processing ID=\"OCR\"><processingCategory>contentGeneration</processingCategory>",
            "<processingStepDescription>text recognition</processingStepDescription>",
            "<processingSoftware><softwareName>{}</softwareName></processingSoftware></Processing>"
        ),
        escape(&info.ocr_engine)
    );
    let _ = writeln!(
        out,
        concat!(
            "<Processing ID=\"RESTORE\"><processingCategory>contentModification</processingCategory>",
            "<processingStepDescription>Vietnamese diacritic restoration</processingStepDescription>",
            "<processingSoftware><softwareName>sohoa</softwareName><softwareVersion>{}</softwareVersion>",
            "</processingSoftware></Processing>"
        ),
        escape(&info.software)
    );
    out.push_str("</Description>\n<Layout>\n");
    for page in &layout.pages {
        let n = page.number;
        let _ = writeln!(
            out,
            "<Page ID=\"page_{n}\" PHYSICAL_IMG_NR=\"{n}\" WIDTH=\"{}\" HEIGHT=\"{}\" LANG=\"vi\">",
            page.width, page.height
        );
        let _ = writeln!(
            out,
            "<PrintSpace HPOS=\"0\" VPOS=\"0\" WIDTH=\"{}\" HEIGHT=\"{}\">",
            page.width, page.height
        );
        for (b, block) in page.blocks.iter().enumerate() {
            let id = format!("{n}_{}", b + 1);
            let _ = writeln!(out, "<TextBlock ID=\"block_{id}\" {}>", pos(block.bbox()));
            for (l, line) in block.lines.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "<TextLine ID=\"line_{id}_{}\" {}>",
                    l + 1,
                    pos(line.bbox())
                );
                let mut prev: Option<BBox> = None;
                for (w, word) in line.words.iter().enumerate() {
                    if let Some(p) = prev {
                        let x = p.x + p.w;
                        let _ = writeln!(
                            out,
                            "<SP HPOS=\"{x}\" VPOS=\"{}\" WIDTH=\"{}\"/>",
                            p.y,
                            word.bbox.x.saturating_sub(x)
                        );
                    }
                    prev = Some(word.bbox);
                    let wc = (word.ocr_confidence / 100.0).clamp(0.0, 1.0);
                    let changed = word.text != word.ocr;
                    let refs = if changed {
                        "PROCESSINGREFS=\"OCR RESTORE\""
                    } else {
                        "PROCESSINGREFS=\"OCR\""
                    };
                    let _ = write!(
                        out,
                        "<String ID=\"string_{id}_{}_{}\" {} WC=\"{wc:.2}\" {refs} CONTENT=\"{}\"",
                        l + 1,
                        w + 1,
                        pos(word.bbox),
                        escape(&word.text)
                    );
                    if changed {
                        let _ = writeln!(
                            out,
                            "><ALTERNATIVE PURPOSE=\"OCR\">{}</ALTERNATIVE></String>",
                            escape(&word.ocr)
                        );
                    } else {
                        out.push_str("/>\n");
                    }
                }
                out.push_str("</TextLine>\n");
            }
            out.push_str("</TextBlock>\n");
        }
        out.push_str("</PrintSpace>\n</Page>\n");
    }
    out.push_str("</Layout>\n</alto>\n");
    out
}
