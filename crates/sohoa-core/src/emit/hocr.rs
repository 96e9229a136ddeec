//! hOCR 1.2 (XHTML): pages, paragraphs, lines and words with their boxes, Tesseract's word
//! confidence (`x_wconf`) and the restored text as each word's content.

use std::fmt::Write;

use super::layout::Layout;
use super::xml::escape;
use super::DocumentInfo;
use crate::text::BBox;

fn bbox(b: BBox) -> String {
    format!("bbox {} {} {} {}", b.x, b.y, b.x + b.w, b.y + b.h)
}

/// The document as one hOCR file.
pub fn render(layout: &Layout, info: &DocumentInfo) -> String {
    let mut out = String::new();
    out.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" ",
        "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n",
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"vi\" lang=\"vi\">\n<head>\n"
    ));
    let _ = writeln!(out, "<title>{}</title>", escape(&info.title_or_name()));
    out.push_str("<meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n");
    let _ = writeln!(
        out,
        "<meta name=\"ocr-system\" content=\"{}\"/>",
        escape(&info.software)
    );
    out.push_str(concat!(
        "<meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea ocr_par ocr_line ",
        "ocrx_word ocrp_wconf ocrp_lang\"/>\n</head>\n<body>\n"
    ));
    for page in &layout.pages {
        let n = page.number;
        let _ = writeln!(
            out,
            "<div class=\"ocr_page\" id=\"page_{n}\" title=\"image &quot;{}&quot;; bbox 0 0 {} {}; ppageno {}; scan_res {} {}\">",
            escape(&info.source_name.replace('"', "'")),
            page.width,
            page.height,
            n - 1,
            page.dpi,
            page.dpi
        );
        for (b, block) in page.blocks.iter().enumerate() {
            let id = format!("{n}_{}", b + 1);
            let bb = bbox(block.bbox());
            let _ = writeln!(
                out,
                "<div class=\"ocr_carea\" id=\"block_{id}\" title=\"{bb}\">\n<p class=\"ocr_par\" id=\"par_{id}\" lang=\"vie\" title=\"{bb}\">"
            );
            for (l, line) in block.lines.iter().enumerate() {
                let lb = line.bbox();
                let _ = write!(
                    out,
                    "<span class=\"ocr_line\" id=\"line_{id}_{}\" title=\"{}; x_size {}\">",
                    l + 1,
                    bbox(lb),
                    lb.h
                );
                for (w, word) in line.words.iter().enumerate() {
                    if w > 0 {
                        out.push(' ');
                    }
                    let _ = write!(
                        out,
                        "<span class=\"ocrx_word\" id=\"word_{id}_{}_{}\" title=\"{}; x_wconf {}\">{}</span>",
                        l + 1,
                        w + 1,
                        bbox(word.bbox),
                        word.ocr_confidence.round() as u32,
                        escape(&word.text)
                    );
                }
                out.push_str("</span>\n");
            }
            out.push_str("</p>\n</div>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
