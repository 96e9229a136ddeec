//! What an archivist should check in OCR'd text beyond restoration's doubts: the words
//! Tesseract itself was least sure of, every number, date and document code read with less
//! than near-certainty (restoration repairs marks, never digits), and the dates, years and
//! periods that cannot be right as read — each with its page and box.

use crate::restore::{RestoredText, ReviewReason, TokenReport};
use crate::segment::dates;
use crate::text::{runs, SourceText};

/// Words Tesseract read with a confidence under this (0-100) are reported: under 60 its
/// recogniser gave the word's characters less than even odds on average, the band where a
/// wrong letter is as likely as a right one.
pub const WORD_MIN_CONFIDENCE: f32 = 60.0;
/// Words holding a digit (numbers, dates, codes such as "161/KH-UBND") read with a
/// confidence under this are reported: one wrong digit changes a date or a document cited,
/// and nothing downstream can see it, so near-certainty is asked of them.
pub const NUMBER_MIN_CONFIDENCE: f32 = 90.0;
/// Years a Vietnamese administrative document dates or plans in (from the State's founding
/// to the end of the century); a year read outside is a misread digit.
const YEARS: std::ops::RangeInclusive<u32> = 1945..=2100;

/// The review entries of the OCR'd (and text-layer) words of `source`, in text order; the
/// restored form of each is the word at the same place in `restored`.
pub fn ocr_entries(source: &SourceText, restored: &RestoredText) -> Vec<TokenReport> {
    if source.words.is_empty() {
        return Vec::new();
    }
    let src_runs = runs(&source.text);
    let out_runs = runs(&restored.text);
    let aligned = src_runs.len() == out_runs.len();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(source.text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let words: Vec<&str> = source
        .words
        .iter()
        .map(|w| &source.text[w.span.clone()])
        .collect();
    let mut out = Vec::new();
    for (i, w) in source.words.iter().enumerate() {
        let text = words[i];
        // A lone mark or speck (":" or "." of a few pixels) says nothing an archivist can check.
        if !text.chars().any(char::is_alphanumeric) {
            continue;
        }
        let reason = if implausible(&words, i) {
            ReviewReason::Implausible
        } else {
            match w.confidence {
                Some(c)
                    if text.chars().any(|c| c.is_ascii_digit()) && c < NUMBER_MIN_CONFIDENCE =>
                {
                    ReviewReason::OcrNumber
                }
                Some(c) if c < WORD_MIN_CONFIDENCE => ReviewReason::OcrConfidence,
                _ => continue,
            }
        };
        let run = src_runs.partition_point(|r| r.start < w.span.start);
        let output = match (aligned, out_runs.get(run)) {
            (true, Some(r)) if src_runs[run] == w.span => restored.text[r.clone()].to_string(),
            _ => text.to_string(),
        };
        let line = line_starts.partition_point(|&l| l <= w.span.start);
        let column = source.text[line_starts[line - 1]..w.span.start]
            .chars()
            .count()
            + 1;
        out.push(TokenReport {
            reason,
            line,
            column,
            source: text.to_string(),
            output,
            confidence: w.confidence.map_or(1.0, |c| c / 100.0),
            alternatives: Vec::new(),
            page: Some(w.page),
            bbox: w.bbox,
        });
    }
    out
}

/// The digits of `word` as a number when it is one (trailing punctuation allowed).
fn number(word: &str) -> Option<u32> {
    let t = word.trim_end_matches([',', '.', ';', ':', ')']);
    let t = t.trim_start_matches('(');
    (!t.is_empty() && t.len() <= 6 && t.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// Whether word `i` of `words` is a date, year or period that cannot be right: a numeric date
/// ("31/4/2023") or a "ngày D tháng M năm Y" date that is no calendar day, a year outside
/// [`YEARS`], or a period "Y1-Y2" (in one word or three) that does not end after it starts.
fn implausible(words: &[&str], i: usize) -> bool {
    let w = words[i].trim_end_matches([',', '.', ';', ':', ')']);
    let w = w.trim_start_matches('(');
    let lower = |k: usize| words.get(k).map(|s| s.to_lowercase());
    // A period in one word: "2025-2025".
    let parts: Vec<&str> = w.split(['-', '–', '—']).collect();
    if parts.len() == 2 && parts.iter().all(|p| p.len() == 4) {
        if let (Some(a), Some(b)) = (number(parts[0]), number(parts[1])) {
            return !(YEARS.contains(&a) && YEARS.contains(&b) && a < b);
        }
    }
    // A period in three words: "2021 — 2025" (the second year is the one reported).
    if i >= 2 && matches!(words[i - 1], "-" | "–" | "—") {
        if let (Some(a), Some(b)) = (number(words[i - 2]), number(w)) {
            if words[i - 2].len() == 4 && w.len() == 4 && YEARS.contains(&a) {
                return !(YEARS.contains(&b) && a < b);
            }
        }
    }
    // A numeric date: d/m/yyyy, d-m-yyyy, d.m.yyyy.
    for sep in ['/', '-', '.'] {
        let parts: Vec<&str> = w.split(sep).collect();
        if parts.len() == 3
            && parts[2].len() == 4
            && parts[..2].iter().all(|p| (1..=2).contains(&p.len()))
        {
            if let (Some(d), Some(m), Some(y)) =
                (number(parts[0]), number(parts[1]), number(parts[2]))
            {
                return !YEARS.contains(&y) || dates::iso(y, m, d).is_none();
            }
        }
    }
    // "ngày D tháng M năm Y": the day word is checked against the whole date.
    if lower(i.wrapping_sub(1)).as_deref() == Some("ngày")
        && lower(i + 1).as_deref() == Some("tháng")
    {
        if let (Some(d), Some(m)) = (number(w), words.get(i + 2).and_then(|s| number(s))) {
            let year = (lower(i + 3).as_deref() == Some("năm"))
                .then(|| words.get(i + 4).and_then(|s| number(s)))
                .flatten();
            return match year {
                Some(y) => dates::iso(y, m, d).is_none(),
                None => dates::month_day(m, d).is_none(),
            };
        }
    }
    // The month or year of such a date on its own.
    if lower(i.wrapping_sub(1)).as_deref() == Some("tháng")
        && lower(i.wrapping_sub(3)).as_deref() == Some("ngày")
    {
        if let Some(m) = number(w) {
            return !(1..=12).contains(&m);
        }
    }
    if lower(i.wrapping_sub(1)).as_deref() == Some("năm")
        && lower(i.wrapping_sub(3)).as_deref() == Some("tháng")
    {
        if let Some(y) = number(w) {
            return !YEARS.contains(&y);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{BBox, WordOrigin};

    fn ocr(text: &str, confidence: impl Fn(&str) -> f32) -> SourceText {
        let words = runs(text)
            .into_iter()
            .enumerate()
            .map(|(i, span)| WordOrigin {
                confidence: Some(confidence(&text[span.clone()])),
                bbox: Some(BBox {
                    x: 10 * i as u32,
                    y: 5,
                    w: 8,
                    h: 20,
                }),
                page: 2,
                span,
            })
            .collect();
        SourceText {
            text: text.into(),
            pages: std::iter::once(0..text.len()).collect(),
            words,
        }
    }

    fn reported(text: &str, confidence: impl Fn(&str) -> f32) -> Vec<(String, ReviewReason)> {
        let source = ocr(text, confidence);
        let restored = RestoredText {
            text: text.into(),
            tokens: Vec::new(),
        };
        ocr_entries(&source, &restored)
            .into_iter()
            .map(|r| {
                assert_eq!(r.page, Some(2));
                assert!(r.bbox.is_some());
                (r.source, r.reason)
            })
            .collect()
    }

    #[test]
    fn a_period_that_ends_when_it_starts_is_flagged_at_any_confidence() {
        let got = reported("GIAI ĐOẠN\n2025-2025 và 2021 — 2021, 2023-2025", |_| 96.0);
        assert_eq!(
            got,
            [
                ("2025-2025".to_string(), ReviewReason::Implausible),
                ("2021,".to_string(), ReviewReason::Implausible),
            ]
        );
    }

    #[test]
    fn dates_that_are_no_calendar_day_are_flagged() {
        let got = reported(
            "ngày 31 tháng 4 năm 2023; ngày 11 tháng 13 năm 2023; 30/02/2022, 17/3/2022 và ngày 11 tháng 12 năm 2023",
            |_| 99.0,
        );
        let words: Vec<&str> = got.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, ["31", "11", "13", "30/02/2022,"]);
        assert!(got.iter().all(|(_, r)| *r == ReviewReason::Implausible));
    }

    #[test]
    fn unsure_words_and_numbers_under_their_thresholds() {
        let conf = |w: &str| match w {
            "hoach" => 41.0,
            "161/KH-UBND" => 85.0,
            "2023" => 95.0,
            _ => 92.0,
        };
        let got = reported("Kế hoach số 161/KH-UBND năm 2023 :", |w| {
            if w == ":" {
                0.0
            } else {
                conf(w)
            }
        });
        assert_eq!(
            got,
            [
                ("hoach".to_string(), ReviewReason::OcrConfidence),
                ("161/KH-UBND".to_string(), ReviewReason::OcrNumber),
            ]
        );
    }

    #[test]
    fn text_input_has_no_ocr_entries_and_layer_words_only_implausible_ones() {
        let plain = SourceText::from_plain("ngày 31 tháng 4 năm 2023");
        assert!(ocr_entries(&plain, &RestoredText::default()).is_empty());
        let mut layer = ocr("2025-2025 số 161", |_| 0.0);
        for w in &mut layer.words {
            w.confidence = None;
        }
        let got = ocr_entries(&layer, &RestoredText::default());
        assert_eq!(got.len(), 1);
        assert_eq!(
            (got[0].reason, got[0].confidence),
            (ReviewReason::Implausible, 1.0)
        );
    }
}
