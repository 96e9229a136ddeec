//! A PDF page's text layer read from its content streams: the text operators are followed
//! (text and graphics matrices, font size, spacing, horizontal scaling, Form XObjects), each
//! shown glyph placed on the page, and the glyphs grouped into words (at space characters and
//! gaps) and lines (at a change of baseline). Invisible text (rendering mode 3, as Tesseract,
//! OCRmyPDF and sohoa's PDF/A write it) is read like visible text. Work is bounded: content
//! is unpacked only up to a cap, Form XObjects nest at most `MAX_FORM_DEPTH` deep, and at
//! most `MAX_GLYPHS` glyphs are placed per page.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use unicode_normalization::UnicodeNormalization;

use super::layer::{LayerLine, LayerWord, TextLayer};
use super::pdf_font::Font;
use crate::text::BBox;

/// Form XObjects drawn inside Form XObjects: OCRmyPDF puts its text layer one level down;
/// deeper nesting is not text a scanner or OCR program writes.
const MAX_FORM_DEPTH: usize = 4;
/// Glyphs placed per page: a dense typeset A4 page has about 6000.
const MAX_GLYPHS: usize = 200_000;
/// Saved graphics states (`q`) kept: real content nests a few levels.
const MAX_STATE_DEPTH: usize = 64;
/// A gap between two glyphs wider than this share of the font size is a word space that
/// the producer left out as a character (a typeset word space is about a quarter em).
const WORD_GAP_EM: f32 = 0.2;

/// The unpacked bytes of `s` when they are no more than `cap`: unfiltered or Flate data
/// only (other filters are not written by the producers of text layers, and LZW can expand
/// without bound), counted before anything is kept.
pub fn unpack(s: &lopdf::Stream, cap: u64) -> Option<Vec<u8>> {
    let filters = s.filters().unwrap_or_default();
    match filters.as_slice() {
        [] => (s.content.len() as u64 <= cap).then(|| s.content.clone()),
        [f] if *f == b"FlateDecode" => {
            if super::pdf::unpacked_len(s, cap) > cap {
                return None;
            }
            let mut out = Vec::new();
            let mut inflater = flate2::read::ZlibDecoder::new(s.content.as_slice());
            // A damaged tail still leaves the bytes before it, as viewers read them.
            let _ = std::io::Read::read_to_end(&mut inflater, &mut out);
            Some(out)
        }
        _ => None,
    }
}

/// An affine matrix `[a b c d e f]` as PDF writes it (row vector times matrix).
#[derive(Debug, Clone, Copy, PartialEq)]
struct M([f32; 6]);

impl M {
    const ID: M = M([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `then`: the matrix mapping p to (p × self) × then.
    fn then(self, then: M) -> M {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        M([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    fn translate(x: f32, y: f32) -> M {
        M([1.0, 0.0, 0.0, 1.0, x, y])
    }
}

/// One placed glyph in page space (points, y up).
#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    x0: f32,
    x1: f32,
    y0: f32,
    y1: f32,
    /// Baseline height.
    base: f32,
    /// Font size on the page.
    size: f32,
}

#[derive(Debug, Clone)]
struct State {
    ctm: M,
    font: Option<Rc<Font>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

struct Reader<'a> {
    doc: &'a Document,
    glyphs: Vec<Glyph>,
    /// Bytes of content still allowed to be unpacked (Form XObjects count against it).
    budget: u64,
    fonts: HashMap<ObjectId, Rc<Font>>,
}

/// The text layer of page `page` (with its `resources`), boxes in pixels at `dpi` from the
/// top-left corner of its `media` box. `None` when the page shows no text at all.
/// `content_cap` bounds the bytes of content unpacked.
pub fn read(
    doc: &Document,
    page: ObjectId,
    resources: Option<&Dictionary>,
    media: [f32; 4],
    dpi: u32,
    content_cap: u64,
) -> Option<TextLayer> {
    let mut reader = Reader {
        doc,
        glyphs: Vec::new(),
        budget: content_cap,
        fonts: HashMap::new(),
    };
    let mut content = Vec::new();
    for id in doc.get_page_contents(page) {
        let Some(s) = doc.get_object(id).ok().and_then(|o| o.as_stream().ok()) else {
            continue;
        };
        let bytes = unpack(s, reader.budget)?;
        reader.budget = reader.budget.saturating_sub(bytes.len() as u64);
        content.extend_from_slice(&bytes);
        content.push(b'\n');
    }
    let ops = Content::decode(&content).ok()?;
    let state = State {
        ctm: M::ID,
        font: None,
        size: 0.0,
        char_space: 0.0,
        word_space: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
    };
    reader.run(&ops.operations, resources, state, 0);
    if reader.glyphs.is_empty() {
        return None;
    }
    Some(layer(&reader.glyphs, media, dpi))
}

fn f(ops: &[Object], i: usize) -> f32 {
    ops.get(i)
        .and_then(|o| o.as_float().ok())
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

fn matrix(ops: &[Object]) -> M {
    M([
        f(ops, 0),
        f(ops, 1),
        f(ops, 2),
        f(ops, 3),
        f(ops, 4),
        f(ops, 5),
    ])
}

impl Reader<'_> {
    fn run(
        &mut self,
        ops: &[lopdf::content::Operation],
        resources: Option<&Dictionary>,
        mut gs: State,
        depth: usize,
    ) {
        let mut stack: Vec<State> = Vec::new();
        let (mut tm, mut tlm) = (M::ID, M::ID);
        for op in ops {
            if self.glyphs.len() >= MAX_GLYPHS {
                return;
            }
            let o = &op.operands;
            match op.operator.as_str() {
                "q" if stack.len() < MAX_STATE_DEPTH => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => gs.ctm = matrix(o).then(gs.ctm),
                "BT" => (tm, tlm) = (M::ID, M::ID),
                "Tf" => {
                    gs.size = f(o, 1);
                    gs.font = o
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| self.font(resources, n));
                }
                "Tc" => gs.char_space = f(o, 0),
                "Tw" => gs.word_space = f(o, 0),
                "Tz" => gs.scale = f(o, 0) / 100.0,
                "TL" => gs.leading = f(o, 0),
                "Ts" => gs.rise = f(o, 0),
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        gs.leading = -f(o, 1);
                    }
                    tlm = M::translate(f(o, 0), f(o, 1)).then(tlm);
                    tm = tlm;
                }
                "Tm" => (tm, tlm) = (matrix(o), matrix(o)),
                "T*" => {
                    tlm = M::translate(0.0, -gs.leading).then(tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            gs.word_space = f(o, 0);
                            gs.char_space = f(o, 1);
                        }
                        tlm = M::translate(0.0, -gs.leading).then(tlm);
                        tm = tlm;
                    }
                    if let Some(Ok(s)) = o.last().map(Object::as_str) {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "TJ" => {
                    for item in o
                        .first()
                        .and_then(|a| a.as_array().ok())
                        .into_iter()
                        .flatten()
                    {
                        match item {
                            Object::String(s, _) => self.show(s, &gs, &mut tm),
                            n => {
                                let adjust = n.as_float().unwrap_or(0.0);
                                let tx = -adjust / 1000.0 * gs.size * gs.scale;
                                tm = M::translate(tx, 0.0).then(tm);
                            }
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(n) = o.first().and_then(|n| n.as_name().ok()) {
                        self.form(resources, n, &gs, depth);
                    }
                }
                _ => {}
            }
        }
    }

    /// Draws the Form XObject named `name`, with its own resources (or the page's) and matrix.
    fn form(&mut self, resources: Option<&Dictionary>, name: &[u8], gs: &State, depth: usize) {
        let doc = self.doc;
        let Some(s) = resources
            .and_then(|r| r.get_deref(b"XObject", doc).ok())
            .and_then(|x| x.as_dict().ok())
            .and_then(|x| x.get_deref(name, doc).ok())
            .and_then(|o| o.as_stream().ok())
        else {
            return;
        };
        if s.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return;
        }
        let Some(bytes) = unpack(s, self.budget) else {
            return;
        };
        self.budget = self.budget.saturating_sub(bytes.len() as u64);
        let Ok(content) = Content::decode(&bytes) else {
            return;
        };
        let own = s
            .dict
            .get_deref(b"Resources", doc)
            .ok()
            .and_then(|r| r.as_dict().ok());
        let m = s
            .dict
            .get_deref(b"Matrix", doc)
            .ok()
            .and_then(|m| m.as_array().ok())
            .filter(|a| a.len() == 6)
            .map_or(M::ID, |a| matrix(a));
        let inner = State {
            ctm: m.then(gs.ctm),
            ..gs.clone()
        };
        self.run(&content.operations, own.or(resources), inner, depth + 1);
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let entry = resources?
            .get_deref(b"Font", doc)
            .ok()?
            .as_dict()
            .ok()?
            .get(name)
            .ok()?;
        let id = entry.as_reference().ok();
        if let Some(f) = id.and_then(|id| self.fonts.get(&id)) {
            return Some(f.clone());
        }
        let dict = doc.dereference(entry).ok()?.1.as_dict().ok()?;
        let font = Rc::new(Font::load(doc, dict));
        if let Some(id) = id {
            self.fonts.insert(id, font.clone());
        }
        Some(font)
    }

    /// Places the glyphs of string `s` and moves the text matrix past them.
    fn show(&mut self, s: &[u8], gs: &State, tm: &mut M) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        for code in font.decode(s) {
            if self.glyphs.len() >= MAX_GLYPHS {
                return;
            }
            let w = code.width / 1000.0;
            // Text space → page: size and horizontal scaling, rise, then Tm and the CTM.
            let trm = M([gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise])
                .then(*tm)
                .then(gs.ctm);
            let corners = [
                trm.apply(0.0, font.descent / 1000.0),
                trm.apply(w, font.descent / 1000.0),
                trm.apply(0.0, font.ascent / 1000.0),
                trm.apply(w, font.ascent / 1000.0),
            ];
            let (base_x, base) = trm.apply(0.0, 0.0);
            let (_, top) = trm.apply(0.0, 1.0);
            let xs = corners.map(|c| c.0);
            let ys = corners.map(|c| c.1);
            let min = |v: [f32; 4]| v.iter().copied().fold(f32::INFINITY, f32::min);
            let max = |v: [f32; 4]| v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let glyph = Glyph {
                text: code.text,
                x0: min(xs).min(base_x),
                x1: max(xs),
                y0: min(ys),
                y1: max(ys),
                base,
                size: (top - base).abs(),
            };
            if glyph.x0.is_finite() && glyph.y0.is_finite() && glyph.x1.is_finite() {
                self.glyphs.push(glyph);
            }
            let space = if code.is_space { gs.word_space } else { 0.0 };
            let tx = (w * gs.size + gs.char_space + space) * gs.scale;
            *tm = M::translate(tx, 0.0).then(*tm);
        }
    }
}

/// The glyphs grouped into words and lines in the order they were shown, boxes turned into
/// pixels at `dpi` from the top-left corner of the media box.
fn layer(glyphs: &[Glyph], media: [f32; 4], dpi: u32) -> TextLayer {
    let k = dpi as f32 / 72.0;
    let (left, top) = (media[0].min(media[2]), media[1].max(media[3]));
    let px = |v: f32| (v * k).round().clamp(0.0, 1e7) as u32;
    let mut lines: Vec<Vec<Vec<&Glyph>>> = Vec::new();
    let mut gap_pending = false;
    let mut last: Option<&Glyph> = None;
    for g in glyphs {
        if g.text.chars().all(char::is_whitespace) {
            gap_pending = true;
            continue;
        }
        let size = g.size.max(1.0);
        let same_line = last.is_some_and(|p| {
            (g.base - p.base).abs() < 0.5 * size.min(p.size.max(1.0)) && g.x0 > p.x0 - size
        });
        let new_word =
            !same_line || gap_pending || last.is_some_and(|p| g.x0 - p.x1 > WORD_GAP_EM * size);
        if !same_line {
            lines.push(Vec::new());
        }
        if let Some(line) = lines.last_mut() {
            if new_word || line.is_empty() {
                line.push(Vec::new());
            }
            if let Some(word) = line.last_mut() {
                word.push(g);
            }
        }
        gap_pending = false;
        last = Some(g);
    }
    let lines = lines
        .into_iter()
        .map(|words| LayerLine {
            words: words
                .into_iter()
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let x0 = w.iter().map(|g| g.x0).fold(f32::INFINITY, f32::min);
                    let x1 = w.iter().map(|g| g.x1).fold(f32::NEG_INFINITY, f32::max);
                    let y0 = w.iter().map(|g| g.y0).fold(f32::INFINITY, f32::min);
                    let y1 = w.iter().map(|g| g.y1).fold(f32::NEG_INFINITY, f32::max);
                    let text: String = w.iter().map(|g| g.text.as_str()).collect();
                    let (bx, by) = (px(x0 - left), px(top - y1));
                    LayerWord {
                        text: text.trim().nfc().collect(),
                        bbox: BBox {
                            x: bx,
                            y: by,
                            w: px(x1 - left).saturating_sub(bx),
                            h: px(top - y0).saturating_sub(by),
                        },
                    }
                })
                .filter(|w| !w.text.is_empty())
                .collect(),
        })
        .filter(|l: &LayerLine| !l.words.is_empty())
        .collect();
    TextLayer {
        lines,
        width: px((media[2] - media[0]).abs()),
        height: px((media[3] - media[1]).abs()),
        dpi,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    /// A one-page PDF showing `content` with Helvetica (WinAnsi, standard widths absent).
    fn pdf(content: &str) -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.7");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let contents = doc.add_object(Stream::new(Dictionary::new(), content.as_bytes().to_vec()));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => contents,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        (doc, page)
    }

    fn read_page(doc: &Document, page: ObjectId) -> TextLayer {
        let dict = doc.get_dictionary(page).unwrap();
        let res = dict.get_deref(b"Resources", doc).unwrap().as_dict().ok();
        read(doc, page, res, [0.0, 0.0, 595.0, 842.0], 72, 1 << 20).unwrap()
    }

    fn words(l: &TextLayer) -> Vec<Vec<&str>> {
        l.lines
            .iter()
            .map(|l| l.words.iter().map(|w| w.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn lines_and_words_with_boxes_from_a_simple_font() {
        let (doc, page) = pdf(
            "BT /F1 10 Tf 1 0 0 1 100 700 Tm (K\\350 ho) Tj [(ach)] TJ 0 -12 Td (S\\364: 161) Tj ET",
        );
        let l = read_page(&doc, page);
        assert_eq!(words(&l), [vec!["Kè", "hoach"], vec!["Sô:", "161"]]);
        // At 72 dpi a pixel is a point: the first word starts at x 100, its top at
        // 842 - (700 + 8) = 134 (ascent 0.8 em), its bottom at 842 - (700 - 2) = 144.
        let b = l.lines[0].words[0].bbox;
        assert_eq!((b.x, b.y, b.y + b.h), (100, 134, 144));
        assert_eq!(l.lines[1].words[0].bbox.y, 146);
    }

    #[test]
    fn tj_kerning_wide_enough_splits_words_and_form_xobjects_are_read() {
        let (mut doc, page) = pdf("q 1 0 0 1 0 -100 cm /Fm Do Q");
        let font = doc
            .get_dictionary(page)
            .unwrap()
            .get_deref(b"Resources", &doc)
            .unwrap()
            .as_dict()
            .unwrap()
            .clone();
        let form = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "Resources" => font },
            b"BT /F1 10 Tf 50 500 Td [(Thi) -300 (dua)] TJ ET".to_vec(),
        ));
        let dict = doc.get_object_mut(page).unwrap().as_dict_mut().unwrap();
        let res = dict.get_mut(b"Resources").unwrap().as_dict_mut().unwrap();
        res.set("XObject", dictionary! { "Fm" => form });
        let l = read_page(&doc, page);
        assert_eq!(words(&l), [vec!["Thi", "dua"]]);
        // The form's text sits 100 pt lower: baseline at 400.
        assert_eq!(l.lines[0].words[0].bbox.y, 842 - 408);
    }

    #[test]
    fn hostile_content_gives_no_layer_and_no_panic() {
        for content in [
            "BT /F1 1e30 Tf 1 0 0 1 1e38 1e38 Tm (abc) Tj ET",
            "BT /Nope 10 Tf (abc) Tj ET",
            "q q q q Q Q Q Q Q Q cm cm BT ET Tj TJ",
            "BT /F1 10 Tf [(a) /Name 5 (b)] TJ",
        ] {
            let (doc, page) = pdf(content);
            let dict = doc.get_dictionary(page).unwrap();
            let res = dict.get_deref(b"Resources", &doc).unwrap().as_dict().ok();
            let _ = read(&doc, page, res, [0.0, 0.0, 595.0, 842.0], 300, 1 << 20);
        }
    }
}
