//! Scanned PDFs → one page input each: the page's own text layer when it has a usable one and
//! the OCR mode takes it (lines of words with boxes, [`super::pdf_text`]), else its scan image
//! taken out as is (JPEG), unpacked (Flate → PNM), wrapped (CCITT G4 → TIFF), or, for anything
//! else (JBIG2, JPEG 2000, vector pages), rendered by poppler's `pdftoppm`.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::layer::{self, OcrMode};
use super::pdf_limits::stream_unpacked_len;
use super::PageInput;
use crate::error::{Stage, StageError};

/// Resolution pages are rendered at when `pdftoppm` has to draw them.
const RENDER_DPI: u32 = 300;
/// Depth cap when walking `/Parent` chains for inherited attributes.
const MAX_PARENT_DEPTH: usize = 64;
/// Most bytes a page's content streams may inflate to before the page is refused: the
/// content of a scanned page is a few dozen bytes and that of a typeset text page tens of
/// kilobytes, so 32 MiB is far beyond any real page while keeping a Flate bomb (2 MB that
/// inflates to 2 GiB) from being unpacked, parsed, or handed to poppler.
const MAX_CONTENT_BYTES: u64 = 32 << 20;

/// The pages of a PDF, taken out one at a time as the caller asks for them: a Flate page is
/// unpacked to raw pixels (8.7 MB for a gray A4 page at 300 dpi), so a long PDF must not have
/// all of them in memory at once.
pub struct PdfPages<'a> {
    source: Source,
    scratch: Scratch<'a>,
    max_mp: f64,
    mode: OcrMode,
    next: usize,
}

enum Source {
    /// Parsed by lopdf: page object ids in page order, with lopdf's page numbers.
    Parsed {
        doc: Box<Document>,
        ids: Vec<(u32, ObjectId)>,
    },
    /// lopdf could not parse it: poppler draws each of `count` pages.
    Rendered { count: usize },
}

impl Iterator for PdfPages<'_> {
    type Item = Result<PageInput, StageError>;

    fn next(&mut self) -> Option<Self::Item> {
        let number = self.next + 1;
        let item = match &self.source {
            Source::Parsed { doc, ids } => {
                let &(_, id) = ids.get(self.next)?;
                page(doc, id, number, self.max_mp, self.mode, &mut self.scratch)
            }
            Source::Rendered { count, .. } => {
                if self.next >= *count {
                    return None;
                }
                if self.mode == OcrMode::Skip {
                    Err(StageError::on_page(
                        Stage::Decode,
                        number,
                        "the PDF is too damaged to read its text layer, and --ocr skip never OCRs a page",
                    ))
                } else {
                    rendered_page(number, self.max_mp, &mut self.scratch)
                }
            }
        };
        self.next += 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let total = match &self.source {
            Source::Parsed { ids, .. } => ids.len(),
            Source::Rendered { count, .. } => *count,
        };
        let left = total.saturating_sub(self.next);
        (left, Some(left))
    }
}

/// Opens a PDF and lists its pages; each page is then taken out (and may fail) on its own. A
/// page with a usable text layer comes as that layer ([`OcrMode::Auto`]).
///
/// # Errors
/// A decode [`StageError`] when the file cannot be parsed at all (not even by `pdftoppm`).
pub fn pages(bytes: &[u8], max_megapixels: f64) -> Result<PdfPages<'_>, StageError> {
    pages_mode(bytes, max_megapixels, OcrMode::Auto)
}

/// Like [`pages`], with what to do with text layers ([`OcrMode`]).
///
/// # Errors
/// A decode [`StageError`] when the file cannot be parsed at all (not even by `pdftoppm`).
pub fn pages_mode(
    bytes: &[u8],
    max_megapixels: f64,
    mode: OcrMode,
) -> Result<PdfPages<'_>, StageError> {
    // lopdf unpacks object streams while loading, and fonts and contents when reading text.
    super::pdf_limits::check_streams(bytes).map_err(|m| StageError::new(Stage::Decode, m))?;
    let scratch = Scratch::new(bytes, max_megapixels);
    let doc = match Document::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => return render_all(max_megapixels, mode, &e.to_string(), scratch),
    };
    if doc.is_encrypted() {
        return Err(StageError::new(Stage::Decode, "encrypted PDF"));
    }
    check_page_tree(&doc)?;
    // lopdf's page walk is bounded; the check above already refused trees that revisit a node.
    let mut seen = HashSet::new();
    let ids: Vec<(u32, ObjectId)> = doc
        .get_pages()
        .into_iter()
        .filter(|(_, id)| seen.insert(*id))
        .collect();
    if ids.is_empty() {
        return Err(StageError::new(Stage::Decode, "PDF has no pages"));
    }
    Ok(PdfPages {
        source: Source::Parsed {
            doc: Box::new(doc),
            ids,
        },
        scratch,
        max_mp: max_megapixels,
        mode,
        next: 0,
    })
}

/// Refuses a page tree in which a node is reached twice (a loop, or a page listed under two
/// parents) or that is nested deeper than any real document: its page list is not defined.
fn check_page_tree(doc: &Document) -> Result<(), StageError> {
    let root = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|e| StageError::new(Stage::Decode, format!("PDF has no page tree: {e}")))?;
    let mut seen = HashSet::from([root]);
    let mut stack = vec![(root, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        if depth > MAX_PARENT_DEPTH {
            return Err(StageError::new(
                Stage::Decode,
                "PDF page tree is nested too deeply",
            ));
        }
        let Ok(kids) = doc
            .get_dictionary(id)
            .and_then(|d| d.get_deref(b"Kids", doc))
            .and_then(Object::as_array)
        else {
            continue;
        };
        for kid in kids {
            let Ok(kid) = kid.as_reference() else {
                continue;
            };
            if !seen.insert(kid) {
                return Err(StageError::new(
                    Stage::Decode,
                    format!(
                        "PDF page tree loops: object {} {} is reached twice",
                        kid.0, kid.1
                    ),
                ));
            }
            stack.push((kid, depth + 1));
        }
    }
    Ok(())
}

fn page(
    doc: &Document,
    id: ObjectId,
    number: usize,
    max_mp: f64,
    mode: OcrMode,
    scratch: &mut Scratch,
) -> Result<PageInput, StageError> {
    let err = |m: String| StageError::on_page(Stage::Decode, number, m);
    let dict = doc.get_dictionary(id).map_err(|e| err(e.to_string()))?;
    let width_pt = media_width(doc, dict).unwrap_or(595.0);
    // Before the text layer is read (which unpacks and parses every content stream) and before
    // poppler may draw the page.
    let contents: u64 = doc
        .get_page_contents(id)
        .into_iter()
        .filter_map(|c| doc.get_object(c).ok()?.as_stream().ok())
        .map(|s| stream_unpacked_len(s, MAX_CONTENT_BYTES))
        .sum();
    if contents > MAX_CONTENT_BYTES {
        return Err(err(format!(
            "page content inflates to more than {} MiB; refused before unpacking it",
            MAX_CONTENT_BYTES >> 20
        )));
    }
    let resources = inherited(doc, dict, b"Resources");
    let image = resources.and_then(|r| largest_image(doc, r));
    let image_dpi = image.and_then(|(img, _)| {
        let w = num(doc, &img.dict, b"Width")?;
        Some((w / (width_pt / 72.0)).round() as u32).filter(|d| (50..=1200).contains(d))
    });
    if mode != OcrMode::Force {
        // Boxes of the layer in the scan's own pixels, so they match OCR'd pages' boxes.
        let media = media_box(doc, dict).unwrap_or([0.0, 0.0, 595.0, 842.0]);
        let dpi = image_dpi.unwrap_or(RENDER_DPI);
        let found = super::pdf_text::read(doc, id, resources, media, dpi, MAX_CONTENT_BYTES);
        let why = match found {
            Some(text_layer) => match layer::usable(&text_layer) {
                Ok(()) => {
                    return Ok(PageInput::Layer {
                        number,
                        layer: text_layer,
                    })
                }
                Err(why) => why,
            },
            None => "page has no text layer".to_string(),
        };
        if mode == OcrMode::Skip {
            return Err(err(format!("{why}, and --ocr skip never OCRs a page")));
        }
    }
    if let Some((img, _)) = &image {
        let w = num(doc, &img.dict, b"Width").unwrap_or(0.0) as u64;
        let h = num(doc, &img.dict, b"Height").unwrap_or(0.0) as u64;
        super::limits::check_pixels(number, w, h, max_mp)?;
        // The image's own data may claim another size than its dictionary (a JPEG or JPEG 2000
        // codestream is decoded at the size it states): check that one too.
        if let Some((cw, ch)) = coded_size(doc, img) {
            super::limits::check_pixels(number, cw, ch, max_mp)?;
        }
        check_unpacked(doc, img, w, h).map_err(err)?;
        let dpi = (w > 0).then(|| (w as f32 / (width_pt / 72.0)).round() as u32);
        if let Some(bytes) = extract(doc, img, w as u32, h as u32) {
            return Ok(PageInput::Image { number, bytes, dpi });
        }
    }
    // No image we can take out as is: let poppler draw the page.
    let height_pt = media_height(doc, dict).unwrap_or(842.0);
    let (w, h) = (
        (width_pt / 72.0 * RENDER_DPI as f32) as u64,
        (height_pt / 72.0 * RENDER_DPI as f32) as u64,
    );
    super::limits::check_pixels(number, w, h, max_mp)?;
    let bytes = scratch.render(number).map_err(err)?;
    Ok(PageInput::Image {
        number,
        bytes,
        dpi: Some(RENDER_DPI),
    })
}

fn num(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<f32> {
    d.get_deref(key, doc).ok()?.as_float().ok()
}

fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    let mut d = page;
    let mut seen = HashSet::new();
    for _ in 0..MAX_PARENT_DEPTH {
        if let Ok(v) = d.get_deref(key, doc) {
            return v.as_dict().ok();
        }
        let parent = d.get(b"Parent").ok()?.as_reference().ok()?;
        if !seen.insert(parent) {
            return None;
        }
        d = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn media_box(doc: &Document, page: &Dictionary) -> Option<[f32; 4]> {
    let mut d = page;
    let mut seen = HashSet::new();
    for _ in 0..MAX_PARENT_DEPTH {
        if let Ok(arr) = d.get_deref(b"MediaBox", doc).and_then(Object::as_array) {
            let v: Vec<f32> = arr
                .iter()
                .filter_map(|o| doc.dereference(o).ok()?.1.as_float().ok())
                .collect();
            return (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]]);
        }
        let parent = d.get(b"Parent").ok()?.as_reference().ok()?;
        if !seen.insert(parent) {
            return None;
        }
        d = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn media_width(doc: &Document, page: &Dictionary) -> Option<f32> {
    media_box(doc, page)
        .map(|b| (b[2] - b[0]).abs())
        .filter(|w| *w > 1.0)
}

fn media_height(doc: &Document, page: &Dictionary) -> Option<f32> {
    media_box(doc, page)
        .map(|b| (b[3] - b[1]).abs())
        .filter(|h| *h > 1.0)
}

/// The page's largest image XObject (a scan page has one image covering the page).
fn largest_image<'a>(
    doc: &'a Document,
    resources: &'a Dictionary,
) -> Option<(&'a lopdf::Stream, u64)> {
    let xobjects = resources.get_deref(b"XObject", doc).ok()?.as_dict().ok()?;
    xobjects
        .iter()
        .filter_map(|(_, v)| {
            let s = doc.dereference(v).ok()?.1.as_stream().ok()?;
            let sub = s.dict.get(b"Subtype").ok()?.as_name().ok()?;
            if sub != b"Image" {
                return None;
            }
            let w = num(doc, &s.dict, b"Width")? as u64;
            let h = num(doc, &s.dict, b"Height")? as u64;
            Some((s, w * h))
        })
        .max_by_key(|(_, px)| *px)
}

fn name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    let o = d.get_deref(key, doc).ok()?;
    match o {
        Object::Name(n) => Some(n),
        // A one-element filter array is common; longer chains go to poppler.
        Object::Array(a) if a.len() == 1 => doc.dereference(&a[0]).ok()?.1.as_name().ok(),
        _ => None,
    }
}

/// Components per pixel of a colour space we can wrap as PNM (1 gray, 3 RGB).
fn components(doc: &Document, d: &Dictionary) -> Option<u32> {
    let cs = d.get_deref(b"ColorSpace", doc).ok()?;
    match cs {
        Object::Name(n) if n == b"DeviceGray" || n == b"CalGray" => Some(1),
        Object::Name(n) if n == b"DeviceRGB" || n == b"CalRGB" => Some(3),
        Object::Array(a) if a.len() == 2 && a[0].as_name().ok() == Some(b"ICCBased") => {
            let icc = doc.dereference(&a[1]).ok()?.1.as_stream().ok()?;
            match num(doc, &icc.dict, b"N")? as u32 {
                n @ (1 | 3) => Some(n),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Encoded bytes Leptonica can read, or `None` when only poppler can draw this image.
fn extract(doc: &Document, img: &lopdf::Stream, w: u32, h: u32) -> Option<Vec<u8>> {
    if w == 0 || h == 0 {
        return None;
    }
    // A /Decode array inverts or remaps samples; poppler applies it, we would not.
    if img.dict.has(b"Decode")
        || img
            .dict
            .get(b"ImageMask")
            .is_ok_and(|m| m.as_bool().unwrap_or(false))
    {
        return None;
    }
    match name(doc, &img.dict, b"Filter")? {
        b"DCTDecode" => Some(img.content.clone()),
        b"FlateDecode" => {
            let bpc = num(doc, &img.dict, b"BitsPerComponent")? as u32;
            let comps = if bpc == 1 {
                1
            } else {
                components(doc, &img.dict)?
            };
            let raw = img.decompressed_content().ok()?;
            pnm(&raw, w, h, bpc, comps)
        }
        b"CCITTFaxDecode" => {
            let parms = img
                .dict
                .get_deref(b"DecodeParms", doc)
                .ok()
                .and_then(|p| p.as_dict().ok());
            let k = parms.and_then(|p| num(doc, p, b"K")).unwrap_or(0.0);
            let black_is_1 = parms
                .and_then(|p| p.get(b"BlackIs1").ok()?.as_bool().ok())
                .unwrap_or(false);
            // Only Group 4 maps onto fax's TIFF wrapper; G3 and inverted data go to poppler.
            (k < 0.0 && !black_is_1).then(|| fax::tiff::wrap(&img.content, w, h))
        }
        _ => None,
    }
}

/// How many bytes the stream `s` unpacks to through its filters, counted without keeping them
/// and stopping just past `cap` ([`stream_unpacked_len`]).
pub(super) fn unpacked_len(s: &lopdf::Stream, cap: u64) -> u64 {
    stream_unpacked_len(s, cap)
}

/// Refuses an image whose data unpacks to more than any encoding of its `w`×`h` pixels
/// could need (twice the raw samples at its depth, plus 64 KiB for tiny images), before it
/// is unpacked: a 2 MB stream declaring 1000×1000 must not become 2 GiB in memory.
fn check_unpacked(doc: &Document, img: &lopdf::Stream, w: u64, h: u64) -> Result<(), String> {
    let bpc = num(doc, &img.dict, b"BitsPerComponent")
        .unwrap_or(8.0)
        .clamp(1.0, 16.0) as u64;
    let comps = u64::from(components(doc, &img.dict).unwrap_or(4));
    let raw = (w * bpc * comps).div_ceil(8) * h;
    let cap = 2 * raw + (64 << 10);
    if stream_unpacked_len(img, cap) > cap {
        return Err(format!(
            "image data inflates to more than {cap} bytes for a {w}x{h} image; refused before unpacking it"
        ));
    }
    Ok(())
}

/// The size a JPEG or JPEG 2000 image's own codestream states, when it can be read.
fn coded_size(doc: &Document, img: &lopdf::Stream) -> Option<(u64, u64)> {
    match name(doc, &img.dict, b"Filter")? {
        b"DCTDecode" => super::image::dimensions(&img.content).map(|(w, h)| (w.into(), h.into())),
        b"JPXDecode" => jpx_size(&img.content),
        _ => None,
    }
}

/// Width and height from a JPEG 2000 codestream's SIZ marker, bare (`FF4F FF51`) or inside a
/// JP2 file's `jp2c` box (found by scanning for the codestream's start).
fn jpx_size(data: &[u8]) -> Option<(u64, u64)> {
    let start = data
        .windows(4)
        .position(|w| w == [0xFF, 0x4F, 0xFF, 0x51])?;
    let siz = data.get(start + 4..start + 4 + 2 + 2 + 16)?;
    let be = |i: usize| {
        u64::from(u32::from_be_bytes([
            siz[i],
            siz[i + 1],
            siz[i + 2],
            siz[i + 3],
        ]))
    };
    // Lsiz (2), Rsiz (2), Xsiz, Ysiz, XOsiz, YOsiz.
    let (x, y, xo, yo) = (be(4), be(8), be(12), be(16));
    Some((x.saturating_sub(xo), y.saturating_sub(yo)))
}

/// Wraps raw samples as binary PNM (P4 1-bit, P5 gray, P6 RGB); `None` if sizes disagree.
fn pnm(raw: &[u8], w: u32, h: u32, bpc: u32, comps: u32) -> Option<Vec<u8>> {
    let (magic, row) = match (bpc, comps) {
        (1, 1) => ("P4", w.div_ceil(8) as usize),
        (8, 1) => ("P5", w as usize),
        (8, 3) => ("P6", 3 * w as usize),
        _ => return None,
    };
    let need = row.checked_mul(h as usize)?;
    let data = raw.get(..need)?;
    let header = if magic == "P4" {
        format!("{magic}\n{w} {h}\n")
    } else {
        format!("{magic}\n{w} {h}\n255\n")
    };
    let mut out = header.into_bytes();
    if magic == "P4" {
        // PDF DeviceGray 1-bit: 0 is black; PBM: 1 is black.
        out.extend(data.iter().map(|b| !b));
    } else {
        out.extend_from_slice(data);
    }
    Some(out)
}

/// The PDF written once to a temporary file for `pdftoppm`, removed on drop.
struct Scratch<'a> {
    bytes: &'a [u8],
    path: Option<std::path::PathBuf>,
    /// Address space `pdftoppm` may use (see [`render_limit`]).
    max_bytes: u64,
}

/// The address space a `pdftoppm` child may use when pages may have `max_mp` megapixels:
/// 256 MiB for the program and the PDF, plus 4 bytes per allowed pixel (a 300 dpi A4 page,
/// 8.7 megapixels, needs 35 MB). An image whose decoder would need more (a JPEG 2000 page
/// whose codestream claims 30000×30000) fails that page instead of taking the machine.
fn render_limit(max_mp: f64) -> u64 {
    (256 << 20) + (max_mp.max(0.0) * 4e6) as u64
}

static SCRATCH_SEQ: AtomicU64 = AtomicU64::new(0);

impl<'a> Scratch<'a> {
    fn new(bytes: &'a [u8], max_mp: f64) -> Self {
        Scratch {
            bytes,
            path: None,
            max_bytes: render_limit(max_mp),
        }
    }

    fn file(&mut self) -> Result<&Path, String> {
        if self.path.is_none() {
            let p = std::env::temp_dir().join(format!(
                "sohoa-{}-{}.pdf",
                std::process::id(),
                SCRATCH_SEQ.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::write(&p, self.bytes).map_err(|e| format!("cannot write temp PDF: {e}"))?;
            self.path = Some(p);
        }
        Ok(self.path.as_deref().unwrap_or(Path::new("")))
    }

    /// Page `number` drawn in gray at [`RENDER_DPI`] as PNG by `pdftoppm`.
    fn render(&mut self, number: usize) -> Result<Vec<u8>, String> {
        let path = self.file()?.to_path_buf();
        let n = number.to_string();
        let limit = self.max_bytes as libc::rlim_t;
        let mut command = std::process::Command::new("pdftoppm");
        // SAFETY: between fork and exec only setrlimit runs, which is async-signal-safe.
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(&mut command, move || {
                let rl = libc::rlimit {
                    rlim_cur: limit,
                    rlim_max: limit,
                };
                if libc::setrlimit(libc::RLIMIT_AS, &rl) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let out = command
            .args([
                "-f",
                &n,
                "-l",
                &n,
                "-r",
                &RENDER_DPI.to_string(),
                "-gray",
                "-png",
            ])
            .arg(&path)
            .output()
            .map_err(|e| format!("cannot run pdftoppm (install poppler-utils): {e}"))?;
        if !out.status.success() || out.stdout.is_empty() {
            return Err(format!(
                "pdftoppm could not render the page: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(out.stdout)
    }
}

impl Drop for Scratch<'_> {
    fn drop(&mut self) {
        if let Some(p) = &self.path {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// lopdf could not parse the file: ask poppler for the page count; pages are drawn one by
/// one as they are asked for.
fn render_all<'a>(
    max_mp: f64,
    mode: OcrMode,
    why: &str,
    mut scratch: Scratch<'a>,
) -> Result<PdfPages<'a>, StageError> {
    let path = scratch
        .file()
        .map_err(|e| StageError::new(Stage::Decode, e))?
        .to_path_buf();
    let info = std::process::Command::new("pdfinfo").arg(&path).output();
    let count = info
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse::<usize>()))
                .and_then(Result::ok)
        })
        .ok_or_else(|| StageError::new(Stage::Decode, format!("unreadable PDF: {why}")))?;
    Ok(PdfPages {
        source: Source::Rendered { count },
        scratch,
        max_mp,
        mode,
        next: 0,
    })
}

/// Page `number` of a PDF lopdf could not parse, drawn by poppler.
fn rendered_page(
    number: usize,
    max_mp: f64,
    scratch: &mut Scratch,
) -> Result<PageInput, StageError> {
    // A4 at RENDER_DPI is 8.7 megapixels: refuse only when even that is over the limit.
    super::limits::check_pixels(number, 2480, 3508, max_mp)?;
    let bytes = scratch
        .render(number)
        .map_err(|e| StageError::on_page(Stage::Decode, number, e))?;
    Ok(PageInput::Image {
        number,
        bytes,
        dpi: Some(RENDER_DPI),
    })
}
