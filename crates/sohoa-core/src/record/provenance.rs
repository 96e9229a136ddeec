//! Where the record's header fields and sections were read on the scan: each gets the page
//! and the box around its words. Segmentation reads the restored text; restoration keeps
//! every whitespace-separated run in place, so a run of the restored text is the run at the
//! same index of the source text, whose OCR (or text-layer) word has a page and a box.

use std::ops::Range;

use crate::restore::syllable::strip_all_marks;
use crate::segment::{Origin, Section, Segmented};
use crate::text::{runs, BBox, SourceText};

/// How far into the document the header is looked for: the header of Decree 30 takes a
/// dozen lines, a title a few more; a body follows.
const HEADER_LINES: usize = 40;

/// Fills `seg`'s header origins and each section's origin from `restored_text` (the text
/// segmentation read) and `source` (with its words' pages and boxes). Text input (no word
/// boxes) is left without origins.
pub fn locate(seg: &mut Segmented, restored_text: &str, source: &SourceText) {
    if source.words.iter().all(|w| w.bbox.is_none()) {
        return;
    }
    let map = Map::new(restored_text, source);
    // Once for the document: per section it made the work grow with sections times lines.
    let starts = line_starts(restored_text);
    for s in &mut seg.sections {
        sections(s, &map, restored_text, &starts);
    }
    let header_end = starts
        .get(HEADER_LINES)
        .copied()
        .unwrap_or(restored_text.len());
    let region = Skeleton::new(&restored_text[..header_end]);
    let h = &seg.header;
    let find = |value: &Option<String>| {
        value
            .as_deref()
            .and_then(|v| region.find(&skeleton(v)))
            .and_then(|r| map.origin(r))
    };
    let mut origins = crate::segment::HeaderOrigins {
        issuer: find(&h.issuer),
        issuer_parent: find(&h.issuer_parent),
        number: find(&h.number),
        doc_type: find(&h.doc_type),
        title: find(&h.title),
        ..Default::default()
    };
    // The place is written just before "ngày" of the date ("Thái Bình, ngày ..."); the same
    // name often stands in the issuer's line above.
    origins.place = h.place.as_deref().and_then(|p| {
        let place = skeleton(p);
        let r = region.find_part(&(place.clone() + "ngay"), 0..place.len())?;
        map.origin(r)
    });
    origins.date = h
        .date
        .as_deref()
        .and_then(|d| date_range(&region, d))
        .and_then(|r| map.origin(r));
    seg.header.origins = origins;
}

/// The byte range of the date `iso` ("2023-12-11") as written in the region: "ngày 11 tháng
/// 12 năm 2023" or "11/12/2023", day and month with or without a leading zero.
fn date_range(region: &Skeleton, iso: &str) -> Option<Range<usize>> {
    let mut parts = iso.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let (m, d) = (m.trim_start_matches('0'), d.trim_start_matches('0'));
    let forms = [
        format!("ngay{d}thang{m}nam{y}"),
        format!("ngay0{d}thang{m}nam{y}"),
        format!("ngay{d}thang0{m}nam{y}"),
        format!("ngay0{d}thang0{m}nam{y}"),
    ];
    // The range from the day on: "ngày" itself has a run of its own.
    forms.iter().find_map(|f| region.find_part(f, 4..f.len()))
}

/// Fills the origin of `s` and its children; `starts` are the line starts of `text`.
fn sections(s: &mut Section, map: &Map, text: &str, starts: &[usize]) {
    if s.line_start >= 1 {
        if let Some(&start) = starts.get(s.line_start - 1) {
            let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
            s.origin = map.origin(start..end);
        }
    }
    for c in &mut s.children {
        sections(c, map, text, starts);
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// A word's page and box.
type Placed = (usize, BBox);

/// The restored text's runs, each with the page and box of the source word at its index.
struct Map {
    runs: Vec<(Range<usize>, Option<Placed>)>,
}

impl Map {
    fn new(restored: &str, source: &SourceText) -> Map {
        let src = runs(&source.text);
        let out = runs(restored);
        // Runs line up one to one unless restoration changed whitespace, which it never does;
        // if it ever did, no origin is better than a wrong one.
        let aligned = src.len() == out.len();
        let runs = out
            .into_iter()
            .zip(src)
            .map(|(o, s)| {
                let origin = source
                    .origin_at(s.start)
                    .filter(|_| aligned)
                    .and_then(|w| Some((w.page, w.bbox?)));
                (o, origin)
            })
            .collect();
        Map { runs }
    }

    /// The page of the first word in `range` and the box around its words on that page.
    fn origin(&self, range: Range<usize>) -> Option<Origin> {
        let first = self.runs.partition_point(|(r, _)| r.end <= range.start);
        let mut found: Option<Origin> = None;
        for (r, origin) in &self.runs[first..] {
            if r.start >= range.end {
                break;
            }
            let Some((page, b)) = origin else { continue };
            match &mut found {
                None => {
                    found = Some(Origin {
                        page: *page,
                        bbox: *b,
                    })
                }
                Some(o) if o.page == *page => o.bbox = o.bbox.union(*b),
                Some(_) => {}
            }
        }
        found
    }
}

/// A value's letters and digits, lower case and without marks: the header parser rewrites
/// case ("ỦY BAN" → "Ủy ban"), joins lines and normalises codes, never letters themselves.
fn skeleton(s: &str) -> String {
    strip_all_marks(&s.to_lowercase())
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The skeleton of a text with the byte offset of each of its characters.
struct Skeleton {
    chars: String,
    offsets: Vec<(usize, usize)>,
}

impl Skeleton {
    fn new(text: &str) -> Skeleton {
        let mut chars = String::new();
        let mut offsets = Vec::new();
        for (i, c) in text.char_indices() {
            for k in skeleton(&c.to_string()).chars() {
                offsets.push((chars.len(), i));
                chars.push(k);
            }
        }
        Skeleton { chars, offsets }
    }

    /// The byte range in the text of the first occurrence of `needle` (a skeleton).
    fn find(&self, needle: &str) -> Option<Range<usize>> {
        self.find_part(needle, 0..needle.len())
    }

    /// The byte range in the text of the characters `part` of the first occurrence of
    /// `needle` (a skeleton; `part` in its bytes, which are ASCII once marks are stripped).
    fn find_part(&self, needle: &str, part: Range<usize>) -> Option<Range<usize>> {
        if needle.is_empty() || part.is_empty() || part.end > needle.len() {
            return None;
        }
        let at = self.chars.find(needle)?;
        let (first, last) = (at + part.start, at + part.end - 1);
        // Offsets are sorted by skeleton index: the text byte of the first and last character.
        let start = self.offsets[self.offsets.partition_point(|(k, _)| *k < first)].1;
        let end = self.offsets[self.offsets.partition_point(|(k, _)| *k <= last) - 1].1;
        Some(start..end + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Header;
    use crate::text::WordOrigin;

    #[test]
    fn fields_and_headings_get_the_boxes_of_their_words() {
        // Restoration put the marks back; the runs are where the OCR words were.
        let src = "UY BAN NHAN DAN\nTINH THAI BINH\nSo: 161/KH-UBND\nThai Binh, ngay 11 thang 12 nam 2023\nI. MUC DICH";
        let restored = "ỦY BAN NHÂN DÂN\nTỈNH THÁI BÌNH\nSố: 161/KH-UBND\nThái Bình, ngày 11 tháng 12 năm 2023\nI. MỤC ĐÍCH";
        let mut y = 0;
        let mut words = Vec::new();
        for line in crate::text::runs(src).chunks(1) {
            let span = line[0].clone();
            if src[..span.start].ends_with('\n') {
                y += 100;
            }
            words.push(WordOrigin {
                bbox: Some(BBox {
                    x: 10 * span.start as u32,
                    y,
                    w: 50,
                    h: 40,
                }),
                page: 1,
                confidence: Some(90.0),
                span,
            });
        }
        let source = SourceText {
            text: src.into(),
            pages: std::iter::once(0..src.len()).collect(),
            words,
        };
        let mut seg = Segmented {
            header: Header {
                issuer: Some("Ủy ban nhân dân tỉnh Thái Bình".into()),
                number: Some("161/KH-UBND".into()),
                place: Some("Thái Bình".into()),
                date: Some("2023-12-11".into()),
                ..Header::default()
            },
            sections: vec![Section {
                number: "I".into(),
                line_start: 5,
                ..Section::default()
            }],
            ..Segmented::default()
        };
        locate(&mut seg, restored, &source);
        let o = &seg.header.origins;
        // The issuer runs over the first two lines: its box holds both.
        let issuer = o.issuer.unwrap().bbox;
        assert_eq!((issuer.y, issuer.y + issuer.h), (0, 140));
        let number = o.number.unwrap().bbox;
        assert_eq!(
            (number.x, number.y),
            (10 * src.find("161").unwrap() as u32, 200)
        );
        // The place is the one before "ngày" (line 4), not the issuer's "Thái Bình".
        assert_eq!(o.place.unwrap().bbox.y, 300);
        let date = o.date.unwrap().bbox;
        assert_eq!(date.x, 10 * src.find("11").unwrap() as u32);
        assert_eq!(seg.sections[0].origin.unwrap().bbox.y, 400);
        assert!(o.title.is_none());
    }
}
