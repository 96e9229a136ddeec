//! Typesetting: text → A4 pages at 300 dpi (greedy line wrapping, margins, page breaks) with
//! the exact lines drawn on each page as its gold text.

use ab_glyph::{point, Font, FontVec, GlyphId, PxScale, ScaleFont};
use image::{GrayImage, Luma};
use unicode_normalization::UnicodeNormalization;

use super::CorpusError;

/// Page geometry and type size. Defaults follow the Vietnamese administrative layout standard
/// (A4, 13 pt type, margins 20 mm top/bottom, 30 mm left, 20 mm right).
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Resolution the page is drawn at.
    pub dpi: u32,
    /// Page width in millimetres.
    pub width_mm: f32,
    /// Page height in millimetres.
    pub height_mm: f32,
    /// Margins in millimetres: top, right, bottom, left.
    pub margins_mm: [f32; 4],
    /// Type size in points.
    pub font_pt: f32,
    /// Baseline-to-baseline distance as a multiple of the type size.
    pub line_spacing: f32,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            dpi: 300,
            width_mm: 210.0,
            height_mm: 297.0,
            margins_mm: [20.0, 20.0, 20.0, 30.0],
            font_pt: 13.0,
            line_spacing: 1.45,
        }
    }
}

impl Layout {
    fn px(&self, mm: f32) -> f32 {
        mm / 25.4 * self.dpi as f32
    }

    /// Page size in pixels (2480 × 3508 for A4 at 300 dpi).
    pub fn size_px(&self) -> (u32, u32) {
        (
            self.px(self.width_mm).round() as u32,
            self.px(self.height_mm).round() as u32,
        )
    }
}

/// One rendered page: the image and exactly the text drawn on it.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    /// 8-bit grayscale, white paper, black ink.
    pub image: GrayImage,
    /// Resolution of `image`.
    pub dpi: u32,
    /// The lines drawn, joined by `\n` (NFC).
    pub gold: String,
}

/// Loads a TrueType/OpenType font.
///
/// # Errors
/// [`CorpusError::Font`] when the file cannot be read or parsed.
pub fn load_font(path: &std::path::Path) -> Result<FontVec, CorpusError> {
    let err = |reason: String| CorpusError::Font {
        path: path.display().to_string(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
    FontVec::try_from_vec(bytes).map_err(|e| err(e.to_string()))
}

/// Typesets `text` (one paragraph per line; blank lines kept) onto as many pages as needed.
///
/// # Errors
/// [`CorpusError::MissingGlyphs`] when the font lacks a glyph for a character of the text:
/// a page drawn with a missing-glyph box would not match its gold.
pub fn render_text(
    text: &str,
    font: &FontVec,
    layout: &Layout,
) -> Result<Vec<RenderedPage>, CorpusError> {
    let text: String = text.nfc().collect();
    check_coverage(&text, font)?;
    let scale = PxScale::from(layout.font_pt / 72.0 * layout.dpi as f32 * 1.0);
    let sf = font.as_scaled(scale);
    let (w, h) = layout.size_px();
    let [top, right, bottom, left] = layout.margins_mm.map(|m| layout.px(m));
    let usable = w as f32 - left - right;
    let line_h = scale.y * layout.line_spacing;
    let lines_per_page = (((h as f32 - top - bottom) / line_h).floor() as usize).max(1);

    let mut lines = Vec::new();
    for para in text.lines() {
        let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if para.is_empty() {
            lines.push(String::new());
        } else {
            wrap(&para, &sf, usable, &mut lines);
        }
    }
    // Blank lines at a page top carry no text and only waste paper.
    let mut pages = Vec::new();
    for chunk in chunk_pages(&lines, lines_per_page) {
        let mut img = GrayImage::from_pixel(w, h, Luma([255]));
        for (i, line) in chunk.iter().enumerate() {
            let baseline = top + sf.ascent() + i as f32 * line_h;
            draw_line(&mut img, font, scale, left, baseline, line);
        }
        let gold = chunk
            .iter()
            .filter(|l| !l.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("\n");
        pages.push(RenderedPage {
            image: img,
            dpi: layout.dpi,
            gold,
        });
    }
    Ok(pages)
}

fn chunk_pages(lines: &[String], per_page: usize) -> Vec<Vec<String>> {
    let mut pages: Vec<Vec<String>> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for l in lines {
        if cur.is_empty() && l.is_empty() {
            continue;
        }
        cur.push(l.clone());
        if cur.len() == per_page {
            pages.push(std::mem::take(&mut cur));
        }
    }
    if cur.iter().any(|l| !l.is_empty()) {
        pages.push(cur);
    }
    pages
}

pub(crate) fn check_coverage(text: &str, font: &FontVec) -> Result<(), CorpusError> {
    let mut missing: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && font.glyph_id(*c) == GlyphId(0))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(CorpusError::MissingGlyphs(missing.into_iter().collect()))
    }
}

pub(crate) fn advance<F: Font>(sf: &ab_glyph::PxScaleFont<&F>, s: &str) -> f32 {
    let mut x = 0.0;
    let mut prev: Option<GlyphId> = None;
    for c in s.chars() {
        let id = sf.glyph_id(c);
        if let Some(p) = prev {
            x += sf.kern(p, id);
        }
        x += sf.h_advance(id);
        prev = Some(id);
    }
    x
}

/// Greedy wrapping at spaces; a word wider than the line is split between characters.
pub(crate) fn wrap<F: Font>(
    para: &str,
    sf: &ab_glyph::PxScaleFont<&F>,
    width: f32,
    out: &mut Vec<String>,
) {
    let mut cur = String::new();
    for word in para.split(' ') {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if advance(sf, &candidate) <= width {
            cur = candidate;
            continue;
        }
        if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if advance(sf, &piece) > width && piece.chars().count() > 1 {
                piece.pop();
                out.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        cur = piece;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
}

pub(crate) fn draw_line(
    img: &mut GrayImage,
    font: &FontVec,
    scale: PxScale,
    x0: f32,
    baseline: f32,
    s: &str,
) {
    let sf = font.as_scaled(scale);
    let mut x = x0;
    let mut prev: Option<GlyphId> = None;
    for c in s.chars() {
        let id = sf.glyph_id(c);
        if let Some(p) = prev {
            x += sf.kern(p, id);
        }
        let glyph = id.with_scale_and_position(scale, point(x, baseline));
        if let Some(outline) = font.outline_glyph(glyph) {
            let b = outline.px_bounds();
            outline.draw(|gx, gy, cov| {
                let px = b.min.x as i64 + gx as i64;
                let py = b.min.y as i64 + gy as i64;
                if px >= 0 && py >= 0 && (px as u32) < img.width() && (py as u32) < img.height() {
                    let p = img.get_pixel_mut(px as u32, py as u32);
                    let ink = (255.0 * (1.0 - cov.clamp(0.0, 1.0))).round() as u8;
                    p.0[0] = p.0[0].min(ink);
                }
            });
        }
        x += sf.h_advance(id);
        prev = Some(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font() -> Option<FontVec> {
        load_font(std::path::Path::new(super::super::DEFAULT_FONT)).ok()
    }

    #[test]
    fn a4_at_300_dpi_and_gold_is_the_drawn_text() {
        let Some(font) = font() else {
            panic!("install fonts-dejavu-core (scripts/setup.sh)");
        };
        assert_eq!(Layout::default().size_px(), (2480, 3508));
        let text = "KẾ HOẠCH\nTổ chức thực hiện phong trào thi đua \"Chuyển đổi số\" giai đoạn 2023-2025 trên địa bàn tỉnh Thái Bình, góp phần thực hiện thắng lợi các nhiệm vụ phát triển kinh tế - xã hội.";
        let pages = render_text(text, &font, &Layout::default()).unwrap();
        assert_eq!(pages.len(), 1);
        let gold_words: Vec<&str> = pages[0].gold.split_whitespace().collect();
        let text_words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(gold_words, text_words);
        // The long paragraph had to wrap.
        assert!(pages[0].gold.lines().count() >= 3, "{}", pages[0].gold);
        let ink = pages[0].image.pixels().filter(|p| p.0[0] < 128).count();
        assert!(ink > 5_000, "ink pixels: {ink}");
    }

    #[test]
    fn long_text_breaks_into_pages() {
        let Some(font) = font() else {
            panic!("install fonts-dejavu-core (scripts/setup.sh)");
        };
        let para = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022. ".repeat(40);
        let text = vec![para; 12].join("\n");
        let pages = render_text(&text, &font, &Layout::default()).unwrap();
        assert!(pages.len() >= 2);
        let all: Vec<String> = pages.iter().map(|p| p.gold.clone()).collect();
        let joined = all.join(" ");
        assert_eq!(
            joined.split_whitespace().count(),
            text.split_whitespace().count()
        );
    }

    #[test]
    fn missing_glyph_is_refused() {
        let Some(font) = font() else {
            panic!("install fonts-dejavu-core (scripts/setup.sh)");
        };
        let err = render_text("chữ 漢", &font, &Layout::default()).unwrap_err();
        assert!(
            matches!(err, CorpusError::MissingGlyphs(ref s) if s == "漢"),
            "{err}"
        );
    }
}
