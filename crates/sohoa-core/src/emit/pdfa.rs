//! Searchable PDF/A-2b: each page is the scan's image as it was scanned (see [`super::image`])
//! under an invisible text layer (rendering mode 3) holding the *restored* words, each word
//! stretched over its box, so that searching, selecting and copying give the restored
//! Vietnamese. Conformance (ISO 19005-2 level B): XMP metadata with `pdfaid` part 2 /
//! conformance B matching the document information, an sRGB output intent with its ICC profile
//! embedded, the text layer's font embedded, no encryption, a file identifier.
//!
//! The font is Tesseract's glyphless font (`pdf.ttf`, Apache-2.0): one empty glyph half an em
//! wide that every character code maps to. Codes are UTF-16 code units (`Identity-H`), and the
//! `ToUnicode` map sends each code to the same code point, so text extraction returns exactly
//! the NFC text written.

use std::fmt::Write as _;

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};

use super::image::PageImage;
use super::layout::{Line, Page};
use super::DocumentInfo;

/// Tesseract's glyphless font: glyph 1 is empty and 1024/2048 em wide.
static GLYPHLESS_TTF: &[u8] = include_bytes!("assets/glyphless.ttf");
/// sRGB IEC61966-2.1 as a compact ICC v2 profile (CC0, Compact-ICC-Profiles `sRGB-v2-magic`).
static SRGB_ICC: &[u8] = include_bytes!("assets/srgb.icc");
/// Advance of the glyphless font's one glyph, in thousandths of the font size.
const GLYPH_WIDTH: f32 = 500.0;

/// One page to write: its image and its words.
pub struct PdfPage<'a> {
    /// The page as laid out by OCR and restoration.
    pub page: &'a Page,
    /// The scan's image of the page.
    pub image: PageImage,
}

/// Writes the PDF/A-2b file of `pages`.
///
/// # Errors
/// An I/O message from the PDF writer (writing to memory, so in practice none).
pub fn render(pages: Vec<PdfPage<'_>>, info: &DocumentInfo) -> Result<Vec<u8>, String> {
    let mut doc = Document::with_version("1.7");
    // Four bytes over 127 on the second line mark the file as binary (ISO 19005-2, 6.1.2).
    doc.binary_mark = vec![0xE2, 0xE3, 0xCF, 0xD3];
    let font = add_font(&mut doc);
    let pages_id = doc.new_object_id();
    let mut kids = Vec::with_capacity(pages.len());
    for PdfPage { page, image } in pages {
        let dpi = page.dpi as f32;
        let (w_pt, h_pt) = (
            image.width as f32 * 72.0 / dpi,
            image.height as f32 * 72.0 / dpi,
        );
        // OCR boxes are in the pixels of the image OCR read; the image placed here is the same
        // one, but scale anyway in case a container declared another size.
        let sx = if page.width > 0 {
            w_pt / page.width as f32
        } else {
            72.0 / dpi
        };
        let sy = if page.height > 0 {
            h_pt / page.height as f32
        } else {
            72.0 / dpi
        };
        let image_id = doc.add_object(image.stream);
        let mut content = format!("q\n{w_pt:.3} 0 0 {h_pt:.3} 0 0 cm\n/Im0 Do\nQ\n");
        text_layer(&mut content, page, h_pt, sx, sy);
        let content_id = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(w_pt), Object::Real(h_pt)],
            "Resources" => dictionary! {
                "XObject" => dictionary! { "Im0" => image_id },
                "Font" => dictionary! { "F0" => font },
            },
            "Contents" => content_id,
        });
        kids.push(Object::Reference(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let icc = doc.add_object(
        Stream::new(dictionary! { "N" => 3 }, SRGB_ICC.to_vec()).with_compression(false),
    );
    let intent = dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFA1",
        "OutputConditionIdentifier" => Object::string_literal("sRGB IEC61966-2.1"),
        "Info" => Object::string_literal("sRGB IEC61966-2.1"),
        "DestOutputProfile" => icc,
    };
    let xmp = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp(info).into_bytes(),
    )
    .with_compression(false);
    let metadata = doc.add_object(xmp);
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
        "Metadata" => metadata,
        "OutputIntents" => vec![Object::Dictionary(intent)],
        "Lang" => Object::string_literal("vi"),
    });
    let info_id = doc.add_object(info_dict(info));
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info_id);
    // The file identifier: the same for the same input and text, so reruns give the same bytes.
    let digest = Sha256::digest(format!("{}\n{}", info.id, info.software).as_bytes());
    let file_id = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![file_id.clone(), file_id]);
    // Flate for the font, maps and page contents; images, the ICC profile and the XMP packet
    // were marked to be left as they are.
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// The invisible words of one page: one text object, each word's restored form stretched
/// (`Tz`) from its box's left edge to the next word's, a space after each word but a line's
/// last, so that copying gives spaces between words and line breaks between lines.
fn text_layer(content: &mut String, page: &Page, h_pt: f32, sx: f32, sy: f32) {
    let lines: Vec<&Line> = page.blocks.iter().flat_map(|b| &b.lines).collect();
    if lines.is_empty() {
        return;
    }
    content.push_str("BT\n3 Tr\n");
    for line in lines {
        let lb = line.bbox();
        let size = lb.h as f32 * sy;
        if size < 0.5 {
            continue;
        }
        let baseline = h_pt - (lb.y + lb.h) as f32 * sy;
        let _ = writeln!(content, "/F0 {size:.2} Tf");
        for (i, word) in line.words.iter().enumerate() {
            let next = line.words.get(i + 1);
            let mut text = word.text.clone();
            let right = match next {
                Some(n) if n.bbox.x > word.bbox.x => {
                    text.push(' ');
                    n.bbox.x
                }
                _ => word.bbox.x + word.bbox.w,
            };
            let chars = text.chars().count().max(1) as f32;
            let width = right.saturating_sub(word.bbox.x) as f32 * sx;
            let natural = chars * size * GLYPH_WIDTH / 1000.0;
            let scale = (100.0 * width / natural).clamp(1.0, 10_000.0);
            let _ = writeln!(
                content,
                "{scale:.2} Tz 1 0 0 1 {:.3} {baseline:.3} Tm <{}> Tj",
                word.bbox.x as f32 * sx,
                utf16_hex(&text)
            );
        }
    }
    content.push_str("ET\n");
}

/// `text` as Identity-H codes: UTF-16 code units in hex; characters outside the Basic
/// Multilingual Plane (none in Vietnamese) become U+FFFD.
fn utf16_hex(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 4);
    for c in text.chars() {
        let code = if (c as u32) <= 0xFFFF {
            c as u32
        } else {
            0xFFFD
        };
        let _ = write!(out, "{code:04X}");
    }
    out
}

/// The Type 0 font of the text layer and what it needs: the glyphless CIDFontType2 with its
/// program embedded, every code drawn with glyph 1, and the identity `ToUnicode` map.
fn add_font(doc: &mut Document) -> ObjectId {
    let file = doc.add_object(Stream::new(
        dictionary! { "Length1" => GLYPHLESS_TTF.len() as i64 },
        GLYPHLESS_TTF.to_vec(),
    ));
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "GlyphLessFont",
        "Flags" => 5,
        "FontBBox" => vec![0.into(), 0.into(), (GLYPH_WIDTH as i64).into(), 1000.into()],
        "ItalicAngle" => 0,
        "Ascent" => 1000,
        "Descent" => -1,
        "CapHeight" => 1000,
        "StemV" => 80,
        "FontFile2" => file,
    });
    // Code 0 stays .notdef; every other code is glyph 1.
    let mut map = vec![0u8; 2 * 65536];
    for pair in map.chunks_mut(2).skip(1) {
        pair[1] = 1;
    }
    let cid_to_gid = doc.add_object(Stream::new(Dictionary::new(), map));
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "GlyphLessFont",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => GLYPH_WIDTH as i64,
        "CIDToGIDMap" => cid_to_gid,
    });
    let to_unicode = doc.add_object(Stream::new(
        Dictionary::new(),
        to_unicode_cmap().into_bytes(),
    ));
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "GlyphLessFont",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font)],
        "ToUnicode" => to_unicode,
    })
}

/// A CMap sending every two-byte code to the same UTF-16 value, in ranges that never cross a
/// high byte (as the PDF reference asks of `bfrange`), surrogates left out.
fn to_unicode_cmap() -> String {
    let ranges: Vec<u32> = (0..=0xFF).filter(|h| !(0xD8..=0xDF).contains(h)).collect();
    let mut s = String::from(concat!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n",
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n",
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    ));
    for chunk in ranges.chunks(100) {
        let _ = writeln!(s, "{} beginbfrange", chunk.len());
        for h in chunk {
            let _ = writeln!(s, "<{h:02X}00> <{h:02X}FF> <{h:02X}00>");
        }
        s.push_str("endbfrange\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// A PDF text string: UTF-16BE with its byte order mark (needed for Vietnamese letters).
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The document information dictionary; every entry has its XMP twin in [`xmp`] (PDF/A asks
/// the two to agree).
fn info_dict(info: &DocumentInfo) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Title", text_string(&info.title_or_name()));
    if let Some(issuer) = &info.issuer {
        d.set("Author", text_string(issuer));
    }
    if let Some(subject) = info.subject() {
        d.set("Subject", text_string(&subject));
    }
    d.set("Creator", text_string(&info.software));
    d.set("Producer", text_string(&info.software));
    d
}

/// The XMP packet: PDF/A identification, the Dublin Core fields (title, issuer as creator,
/// subject as description, the date of issue, language `vi`, the input's SHA-256) and the
/// tools, matching [`info_dict`].
fn xmp(info: &DocumentInfo) -> String {
    use super::xml::escape;
    let mut s = String::from(concat!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n",
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n",
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n",
        "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" ",
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" ",
        "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n",
        "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n",
        "<dc:format>application/pdf</dc:format>\n"
    ));
    let _ = writeln!(
        s,
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
        escape(&info.title_or_name())
    );
    if let Some(issuer) = &info.issuer {
        let _ = writeln!(
            s,
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            escape(issuer)
        );
    }
    if let Some(subject) = info.subject() {
        let _ = writeln!(
            s,
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            escape(&subject)
        );
    }
    if let Some(date) = &info.date {
        let _ = writeln!(
            s,
            "<dc:date><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:date>",
            escape(date)
        );
    }
    let _ = writeln!(
        s,
        "<dc:language><rdf:Bag><rdf:li>vi</rdf:li></rdf:Bag></dc:language>\n<dc:identifier>sha256:{}</dc:identifier>",
        escape(&info.id)
    );
    let _ = writeln!(
        s,
        "<xmp:CreatorTool>{0}</xmp:CreatorTool>\n<pdf:Producer>{0}</pdf:Producer>",
        escape(&info.software)
    );
    s.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    s
}
