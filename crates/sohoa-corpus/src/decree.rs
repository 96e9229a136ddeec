//! The printed layout of a Vietnamese administrative document (Decree 30/2020/NĐ-CP, Appendix
//! I): a two-column header table (issuing body and number on the left; national name and
//! motto, place and date on the right), the type and title centred, a justified body with
//! indented paragraphs, and a two-column footer ("Nơi nhận:" and its list on the left; the
//! signature block on the right, with a red seal across it).
//!
//! Input is the document's text with its parts marked, one per line (`@key value`); unmarked
//! lines are body paragraphs:
//!
//! ```text
//! @parent UBND TỈNH HẢI DƯƠNG          issuing body's parent, 0-2 lines (regular)
//! @issuer SỞ NỘI VỤ                    issuing body, 1-3 lines (bold)
//! @number Số: 12/KH-SNV
//! @subject V/v tổ chức ...             a Công văn's subject, under the number
//! @nomotto                             a party document: no national name and motto
//! @national ĐẢNG CỘNG SẢN VIỆT NAM     what heads the right column instead
//! @place Hải Dương, ngày 5 tháng 6 năm 2023
//! @type KẾ HOẠCH
//! @title Tổ chức phong trào thi đua ...  (1+ lines)
//! @recipient Nơi nhận:                 the recipients list (1+ lines)
//! @sign TM. ỦY BAN NHÂN DÂN            the signature block's lines (authority, title)
//! @signer Nguyễn Văn A
//! ```

use ab_glyph::{Font, FontVec, PxScale, ScaleFont};
use image::{GrayImage, Luma};
use unicode_normalization::UnicodeNormalization;

use super::layout::{advance, check_coverage, draw_line, load_font, wrap, RenderedPage};
use super::seal::Seal;
use super::CorpusError;

/// National name and motto, as Decree 30 prints them.
const NATIONAL_NAME: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// A document's parts, as marked in its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DecreeDoc {
    /// Issuing body's parent lines.
    pub parent: Vec<String>,
    /// Issuing body lines.
    pub issuer: Vec<String>,
    /// "Số: ..." line.
    pub number: Option<String>,
    /// A Công văn's subject lines ("V/v ...").
    pub subject: Vec<String>,
    /// Whether the national name and motto head the right column.
    pub motto: bool,
    /// What heads the right column instead (a party document's "ĐẢNG CỘNG SẢN VIỆT NAM").
    pub national: Vec<String>,
    /// Place and date line.
    pub place: Option<String>,
    /// Document type heading ("KẾ HOẠCH").
    pub doc_type: Option<String>,
    /// Title lines.
    pub title: Vec<String>,
    /// Body paragraphs.
    pub body: Vec<String>,
    /// Recipients list, "Nơi nhận:" first.
    pub recipients: Vec<String>,
    /// Signature block lines above the signature.
    pub sign: Vec<String>,
    /// The signer's name.
    pub signer: Option<String>,
}

impl DecreeDoc {
    /// Reads a marked text (see the module documentation).
    pub fn parse(text: &str) -> DecreeDoc {
        let mut d = DecreeDoc {
            motto: true,
            ..DecreeDoc::default()
        };
        for line in text.lines() {
            let line: String = line.nfc().collect();
            let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
            let line = line.as_str();
            if line.is_empty() {
                continue;
            }
            let Some(marked) = line.strip_prefix('@') else {
                d.body.push(line.to_string());
                continue;
            };
            let (key, value) = marked.split_once(' ').unwrap_or((marked, ""));
            let value = value.trim().to_string();
            match key {
                "parent" => d.parent.push(value),
                "issuer" => d.issuer.push(value),
                "number" => d.number = Some(value),
                "subject" => d.subject.push(value),
                "nomotto" => d.motto = false,
                "national" => d.national.push(value),
                "place" => d.place = Some(value),
                "type" => d.doc_type = Some(value),
                "title" => d.title.push(value),
                "recipient" => d.recipients.push(value),
                "sign" => d.sign.push(value),
                "signer" => d.signer = Some(value),
                _ => d.body.push(line.to_string()),
            }
        }
        d
    }

    /// The document as typed text, one line per part and paragraph, in reading order: the
    /// header's left column, then its right column, type, title, body, recipients, signature.
    pub fn typed_text(&self) -> String {
        let mut out: Vec<&str> = Vec::new();
        out.extend(self.parent.iter().map(String::as_str));
        out.extend(self.issuer.iter().map(String::as_str));
        out.extend(self.number.as_deref());
        out.extend(self.subject.iter().map(String::as_str));
        out.extend(self.national.iter().map(String::as_str));
        if self.motto {
            out.extend([NATIONAL_NAME, MOTTO]);
        }
        out.extend(self.place.as_deref());
        out.extend(self.doc_type.as_deref());
        out.extend(self.title.iter().map(String::as_str));
        out.extend(self.body.iter().map(String::as_str));
        out.extend(self.recipients.iter().map(String::as_str));
        out.extend(self.sign.iter().map(String::as_str));
        out.extend(self.signer.as_deref());
        let mut s = out.join("\n");
        s.push('\n');
        s
    }
}

/// The faces the layout uses.
pub struct Faces {
    regular: FontVec,
    bold: FontVec,
    italic: FontVec,
}

impl Faces {
    /// The regular face at `regular` and its bold and italic beside it, named as font
    /// families name them: `X-Regular.ttf` → `X-Bold.ttf`, `X-Italic.ttf` (Liberation), or
    /// `X.ttf` → `X-Bold.ttf`, `X-Italic.ttf` (DejaVu).
    ///
    /// # Errors
    /// [`CorpusError::Font`] when a face cannot be read.
    pub fn beside(regular: &std::path::Path) -> Result<Faces, CorpusError> {
        let dir = regular.parent().unwrap_or(std::path::Path::new("."));
        let stem = regular
            .file_stem()
            .map_or(String::new(), |s| s.to_string_lossy().into_owned());
        let family = stem.strip_suffix("-Regular").unwrap_or(&stem);
        let ext = regular
            .extension()
            .map_or("ttf".into(), |e| e.to_string_lossy().into_owned());
        Ok(Faces {
            regular: load_font(regular)?,
            bold: load_font(&dir.join(format!("{family}-Bold.{ext}")))?,
            italic: load_font(&dir.join(format!("{family}-Italic.{ext}")))?,
        })
    }
}

#[derive(Clone, Copy)]
enum Face {
    Regular,
    Bold,
    Italic,
}

/// One line to draw: where, in which face and size.
struct Placed {
    page: usize,
    x: f32,
    baseline: f32,
    face: Face,
    pt: f32,
    text: String,
    /// Width to justify the line to (words spread), for body lines that are not a
    /// paragraph's last.
    justify: Option<f32>,
}

const DPI: f32 = 300.0;
fn mm(v: f32) -> f32 {
    v / 25.4 * DPI
}
fn px(pt: f32) -> f32 {
    pt / 72.0 * DPI
}

struct Cursor<'a> {
    faces: &'a Faces,
    placed: Vec<Placed>,
    gold: Vec<Vec<String>>,
    page: usize,
    top: f32,
    bottom: f32,
}

impl Cursor<'_> {
    fn font(&self, face: Face) -> &FontVec {
        match face {
            Face::Regular => &self.faces.regular,
            Face::Bold => &self.faces.bold,
            Face::Italic => &self.faces.italic,
        }
    }

    fn width(&self, face: Face, pt: f32, s: &str) -> f32 {
        advance(&self.font(face).as_scaled(PxScale::from(px(pt))), s)
    }

    /// Lines of `text` wrapped to `width` in this face and size.
    fn wrapped(&self, face: Face, pt: f32, text: &str, width: f32) -> Vec<String> {
        let mut out = Vec::new();
        wrap(
            text,
            &self.font(face).as_scaled(PxScale::from(px(pt))),
            width,
            &mut out,
        );
        out
    }

    /// Places `text` centred in the column `x0..x0 + width` from `y` (top), wrapping; returns
    /// the y under it.
    fn centred(&mut self, face: Face, pt: f32, text: &str, x0: f32, width: f32, y: f32) -> f32 {
        let mut y = y;
        for line in self.wrapped(face, pt, text, width) {
            let w = self.width(face, pt, &line);
            y = self.place(face, pt, line, x0 + (width - w) / 2.0, y, None);
        }
        y
    }

    /// Places one line with its top at `y` (breaking the page when it does not fit); returns
    /// the y of the next line.
    fn place(
        &mut self,
        face: Face,
        pt: f32,
        text: String,
        x: f32,
        y: f32,
        justify: Option<f32>,
    ) -> f32 {
        let line_h = px(pt) * 1.35;
        let mut y = y;
        if y + line_h > self.bottom {
            self.page += 1;
            self.gold.push(Vec::new());
            y = self.top;
        }
        let ascent = self.font(face).as_scaled(PxScale::from(px(pt))).ascent();
        self.gold[self.page].push(text.clone());
        self.placed.push(Placed {
            page: self.page,
            x,
            baseline: y + ascent,
            face,
            pt,
            text,
            justify,
        });
        y + line_h
    }

    /// A short rule under a header line, centred in its column (drawn, not text).
    fn rule(&mut self, cx: f32, y: f32, half: f32, rules: &mut Vec<(usize, f32, f32, f32)>) {
        rules.push((self.page, cx - half, cx + half, y + mm(0.8)));
    }
}

/// Typesets `doc` in the Decree 30 layout on A4 at 300 dpi: the pages (gold text in reading
/// order: each column top to bottom, left before right) and where each page's seal lies.
///
/// # Errors
/// [`CorpusError::MissingGlyphs`] when a face lacks a character of the text.
pub fn render(
    doc: &DecreeDoc,
    faces: &Faces,
) -> Result<Vec<(RenderedPage, Vec<Seal>)>, CorpusError> {
    let all = doc.typed_text();
    check_coverage(&all, &faces.regular)?;
    check_coverage(&all, &faces.bold)?;
    let (w, h) = (mm(210.0).round() as u32, mm(297.0).round() as u32);
    let (left, right, top, bottom) = (mm(30.0), mm(195.0), mm(20.0), h as f32 - mm(20.0));
    let text_w = right - left;
    let mut c = Cursor {
        faces,
        placed: Vec::new(),
        gold: vec![Vec::new()],
        page: 0,
        top,
        bottom,
    };
    let mut rules = Vec::new();

    // Header table: left column 70 mm, right column the rest.
    let left_w = mm(70.0);
    let (rx, rw) = (left + left_w, text_w - left_w);
    let mut ly = top;
    for l in &doc.parent {
        ly = c.centred(Face::Regular, 12.5, l, left, left_w, ly);
    }
    for l in &doc.issuer {
        ly = c.centred(Face::Bold, 12.5, l, left, left_w, ly);
    }
    c.rule(left + left_w / 2.0, ly, mm(12.0), &mut rules);
    ly += mm(4.0);
    if let Some(n) = &doc.number {
        ly = c.centred(Face::Regular, 13.0, n, left, left_w, ly);
    }
    for l in &doc.subject {
        ly = c.centred(Face::Regular, 12.0, l, left, left_w, ly);
    }
    let mut ry = top;
    for l in &doc.national {
        ry = c.centred(Face::Bold, 12.5, l, rx, rw, ry);
    }
    if doc.motto {
        ry = c.centred(Face::Bold, 12.0, NATIONAL_NAME, rx, rw, ry);
        ry = c.centred(Face::Bold, 13.0, MOTTO, rx, rw, ry);
    }
    c.rule(rx + rw / 2.0, ry, mm(24.0), &mut rules);
    ry += mm(4.0);
    if let Some(p) = &doc.place {
        ry = c.centred(Face::Italic, 13.0, p, rx, rw, ry);
    }
    // Gold reads the left column, then the right: they were placed in that order.
    let mut y = ly.max(ry) + mm(8.0);
    if let Some(t) = &doc.doc_type {
        y = c.centred(Face::Bold, 14.0, t, left, text_w, y);
    }
    for t in &doc.title {
        y = c.centred(Face::Bold, 14.0, t, left, text_w, y);
    }
    c.rule(left + text_w / 2.0, y, mm(20.0), &mut rules);
    y += mm(5.0);

    // Body: justified, first line indented 1 cm.
    let indent = mm(10.0);
    for para in &doc.body {
        let first_w = text_w - indent;
        let lines = wrap_first_indented(&c, para, first_w, text_w);
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let (x, width) = if i == 0 {
                (left + indent, first_w)
            } else {
                (left, text_w)
            };
            let justify = (i + 1 < n).then_some(width);
            y = c.place(Face::Regular, 13.0, line, x, y, justify);
        }
    }

    // Footer: recipients left (80 mm), signature block right; kept on one page.
    let footer_h = mm(12.0) + px(13.0) * 1.35 * (doc.sign.len() as f32 + 1.0) + mm(35.0);
    y += mm(8.0);
    if y + footer_h.max(px(11.0) * 1.35 * doc.recipients.len() as f32) > bottom {
        c.page += 1;
        c.gold.push(Vec::new());
        y = top;
    }
    let rec_w = mm(80.0);
    let (sx, sw) = (left + rec_w, text_w - rec_w);
    let mut fy = y;
    for (i, r) in doc.recipients.iter().enumerate() {
        let (face, pt) = if i == 0 {
            (Face::Italic, 12.0)
        } else {
            (Face::Regular, 11.0)
        };
        fy = c.place(face, pt, r.clone(), left, fy, None);
    }
    let mut sy = y;
    for s in &doc.sign {
        sy = c.centred(Face::Bold, 13.0, s, sx, sw, sy);
    }
    // The seal covers the left third of the signature (Decree 30), in the space between the
    // authority lines and the name, its ring crossing the left of the last authority line
    // (a 36 mm seal; Decree 30's are 35-42 mm across).
    let seal = Seal {
        cx: sx + sw / 2.0 - mm(20.0),
        cy: sy + mm(13.0),
        radius: mm(18.0),
    };
    sy += mm(34.0);
    if let Some(n) = &doc.signer {
        c.centred(Face::Bold, 13.0, n, sx, sw, sy);
    }
    let seal_page = c.page;

    let gold = c.gold;
    let mut pages: Vec<(RenderedPage, Vec<Seal>)> = gold
        .iter()
        .enumerate()
        .map(|(i, g)| {
            (
                RenderedPage {
                    image: GrayImage::from_pixel(w, h, Luma([255])),
                    dpi: DPI as u32,
                    gold: g.join("\n"),
                },
                if i == seal_page {
                    vec![seal]
                } else {
                    Vec::new()
                },
            )
        })
        .collect();
    for p in &c.placed {
        let font = match p.face {
            Face::Regular => &faces.regular,
            Face::Bold => &faces.bold,
            Face::Italic => &faces.italic,
        };
        let img = &mut pages[p.page].0.image;
        let scale = PxScale::from(px(p.pt));
        match p.justify {
            Some(width) => draw_justified(img, font, scale, p.x, p.baseline, &p.text, width),
            None => draw_line(img, font, scale, p.x, p.baseline, &p.text),
        }
    }
    for (page, x0, x1, y) in rules {
        let img = &mut pages[page].0.image;
        for x in x0 as u32..x1 as u32 {
            for dy in 0..3 {
                if x < img.width() && (y as u32 + dy) < img.height() {
                    img.put_pixel(x, y as u32 + dy, Luma([0]));
                }
            }
        }
    }
    Ok(pages)
}

/// Wraps a paragraph whose first line is `first_w` wide and the rest `rest_w`.
fn wrap_first_indented(c: &Cursor, para: &str, first_w: f32, rest_w: f32) -> Vec<String> {
    let mut first = c.wrapped(Face::Regular, 13.0, para, first_w);
    if first.len() <= 1 {
        return first;
    }
    let head = first.remove(0);
    let rest = para[head.len()..].trim_start();
    let mut out = vec![head];
    out.extend(c.wrapped(Face::Regular, 13.0, rest, rest_w));
    out
}

/// Draws `s` spread to `width`: the extra space shared between the gaps between words.
fn draw_justified(
    img: &mut GrayImage,
    font: &FontVec,
    scale: PxScale,
    x0: f32,
    baseline: f32,
    s: &str,
    width: f32,
) {
    let sf = font.as_scaled(scale);
    let words: Vec<&str> = s.split(' ').collect();
    let natural = advance(&sf, s);
    let gaps = words.len().saturating_sub(1);
    // A line far short of the width (a long word pushed to the next line) is not spread: the
    // gaps would open wider than any typesetter allows.
    let extra = if gaps == 0 || natural < width * 0.8 {
        0.0
    } else {
        (width - natural) / gaps as f32
    };
    let space = advance(&sf, " ");
    let mut x = x0;
    for w in words {
        draw_line(img, font, scale, x, baseline, w);
        x += advance(&sf, w) + space + extra;
    }
}
