//! What restoration hands on: the restored text with each token's source span, confidence and
//! alternatives, and the review summary the record carries (uncertain tokens with their line,
//! column, page and box).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::decode::{self, Step};
use super::lattice::{Lattice, Out};
use super::spans::SPAN_CONFIDENCE;
use super::token::{self, Case, Kind, Token};
use super::{confidence, Restorer};
use crate::text::{BBox, SourceText};

/// One token of the output and the source span it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct RestoredToken {
    /// Byte range in the source text.
    pub source: Range<usize>,
    /// Byte range in [`RestoredText::text`].
    pub output: Range<usize>,
    /// True when the output form differs from the source form.
    pub changed: bool,
    /// Confidence in the chosen form, 0-1.
    pub confidence: f32,
    /// Other forms the decoder considered, best first, for a token whose confidence is under
    /// [`Restorer::alternatives_below`] (the tokens an archivist reviews); empty otherwise.
    pub alternatives: Vec<String>,
}

/// The result of restoration.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RestoredText {
    /// Restored NFC text with the same line structure as the source.
    pub text: String,
    /// Every word token, in order (punctuation and spaces are copied and not listed).
    pub tokens: Vec<RestoredToken>,
}

/// Why a word is up for review.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ReviewReason {
    /// Restoration chose the output form with low confidence.
    #[default]
    Restoration,
    /// Tesseract itself was unsure of the word (`confidence` is its confidence / 100).
    OcrConfidence,
    /// A number, date or document code OCR read with less than near-certainty: restoration
    /// repairs marks, never digits, so a misread digit would pass unseen.
    OcrNumber,
    /// A date, year or period that cannot be right as read (a 13th month, a 31 April, a period
    /// "2025-2025" that ends when it starts), whatever the confidence.
    Implausible,
}

/// A token reported for review in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TokenReport {
    /// Why it is reported: `restoration`, `ocr_confidence`, `ocr_number` or `implausible`.
    #[serde(default)]
    pub reason: ReviewReason,
    /// 1-based line in the source text.
    pub line: usize,
    /// 1-based column (in characters) in the source line.
    pub column: usize,
    /// The source form.
    pub source: String,
    /// The restored form.
    pub output: String,
    /// Confidence in `output`, 0-1.
    pub confidence: f32,
    /// Other candidate forms, best first.
    pub alternatives: Vec<String>,
    /// 1-based page, for OCR input.
    pub page: Option<usize>,
    /// Box of the source word on its page, for OCR input.
    pub bbox: Option<BBox>,
}

/// What restoration did to one document, as it appears in the record.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RestorationSummary {
    /// Word tokens seen.
    pub tokens: usize,
    /// Tokens whose form was changed.
    pub changed: usize,
    /// Tokens whose confidence is under the review threshold.
    pub uncertain: usize,
    /// What an archivist should check, in text order: the tokens under the review threshold
    /// and, for OCR input, the words OCR was unsure of and the numbers, dates and codes that
    /// are doubtful or cannot be right (each entry's `reason` says which).
    pub review: Vec<TokenReport>,
}

/// Tokens with a confidence under this are reported for review: under 0.6 the decoder gives
/// the chosen form less than 3 chances in 5 against its alternatives, a doubt an archivist
/// should settle rather than trust.
pub const REVIEW_THRESHOLD: f32 = 0.6;

/// What restoration did: token counts and the uncertain tokens with where they are (line,
/// column, and for OCR input the page and word box).
pub fn summarise(restored: &RestoredText, source: &SourceText) -> RestorationSummary {
    let mut s = RestorationSummary {
        tokens: restored.tokens.len(),
        changed: restored.tokens.iter().filter(|t| t.changed).count(),
        ..RestorationSummary::default()
    };
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(source.text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    for t in restored
        .tokens
        .iter()
        .filter(|t| t.confidence < REVIEW_THRESHOLD)
    {
        s.uncertain += 1;
        let line = line_starts.partition_point(|&l| l <= t.source.start);
        let column = source.text[line_starts[line - 1]..t.source.start]
            .chars()
            .count()
            + 1;
        let origin = source.origin_at(t.source.start);
        s.review.push(TokenReport {
            reason: ReviewReason::Restoration,
            line,
            column,
            source: source.text[t.source.clone()].to_owned(),
            output: restored.text[t.output.clone()].to_owned(),
            confidence: t.confidence,
            alternatives: t.alternatives.clone(),
            page: origin
                .map(|o| o.page)
                .or_else(|| (!source.words.is_empty()).then(|| source.page_at(t.source.start))),
            bbox: origin.and_then(|o| o.bbox),
        });
    }
    s
}

impl Restorer {
    /// Decodes one stretch and appends its text and tokens. With `tight`, spaces between a word
    /// and the closing punctuation after it are dropped (old OCR puts them where the print had
    /// none). With `ocr`, a word of OCR text whose line is in capitals is written in capitals
    /// (see [`caps_lines`]).
    pub(super) fn emit(
        &self,
        text: &str,
        lat: &Lattice,
        (tight, ocr): (bool, bool),
        beam: decode::Beam,
        copied: &mut usize,
        out: &mut RestoredText,
    ) {
        let caps = if ocr {
            caps_lines(text, &lat.tokens)
        } else {
            Vec::new()
        };
        let lattice = lat.positions();
        let mut scores = Vec::new();
        let mut top = Vec::new();
        let path =
            decode::viterbi_spans(&self.model, &lattice, &lat.spans, self.channel_weight, beam);
        let units = decode::Units::of(&lattice, &lat.spans, &path);
        for (t, token) in lat.tokens.iter().enumerate() {
            let span = match path[t] {
                Step::Covered => continue,
                Step::Span(e) => token.span.start..lat.tokens[t + lat.spans[e].len - 1].span.end,
                Step::Option(_) => token.span.clone(),
            };
            let gap = &text[*copied..span.start];
            let loose = tight
                && t > 0
                && token.kind == Kind::Punct
                && !gap.is_empty()
                && gap.chars().all(|c| c == ' ')
                && lat.tokens[t - 1].kind != Kind::Punct
                && closes(text, &span);
            if !loose {
                out.text.push_str(gap);
            }
            *copied = span.end;
            let src = &text[span.clone()];
            let start = out.text.len();
            let mut case = token::case_of(src);
            if caps.get(t).copied().unwrap_or(false) {
                case = Case::Upper;
            }
            let (confidence, alternatives) = match path[t] {
                Step::Covered => continue,
                Step::Span(e) => {
                    token::apply_case(&lat.span_outs[e], case, &mut out.text);
                    // A moved word boundary is always shown to the archivist, with the words
                    // as the scan had them.
                    let alternatives = if SPAN_CONFIDENCE < self.alternatives_below {
                        vec![src.to_owned()]
                    } else {
                        Vec::new()
                    };
                    (SPAN_CONFIDENCE, alternatives)
                }
                Step::Option(chosen) => {
                    let outs = lat.outs(t);
                    if token.kind != Kind::Word {
                        self.write(lat, src, Case::Lower, outs[chosen], &mut out.text);
                        continue;
                    }
                    self.write(lat, src, case, outs[chosen], &mut out.text);
                    if outs.len() > 1 {
                        let around = units.around(t);
                        let confidence = decode::confidence_at(
                            &self.model,
                            lattice[t],
                            around,
                            self.channel_weight,
                            chosen,
                            &mut scores,
                        );
                        top.clear();
                        // Every option's score only for a word whose alternatives are written.
                        if confidence < self.alternatives_below {
                            decode::local_scores_at(
                                &self.model,
                                lattice[t],
                                around,
                                self.channel_weight,
                                &mut scores,
                            );
                            confidence::best_others(&scores, chosen, 3, &mut top);
                        }
                        let alts = top
                            .iter()
                            .map(|&k| {
                                let mut s = String::new();
                                self.write(lat, src, case, outs[k], &mut s);
                                s
                            })
                            .collect();
                        (confidence, alts)
                    } else {
                        (1.0, Vec::new())
                    }
                }
            };
            out.tokens.push(RestoredToken {
                changed: out.text[start..] != *src,
                source: span,
                output: start..out.text.len(),
                confidence,
                alternatives,
            });
        }
    }

    /// Writes option `o` of lattice `lat` for the source word `src`, whose capitalisation is
    /// `case`.
    pub(super) fn write(&self, lat: &Lattice, src: &str, case: Case, o: Out, out: &mut String) {
        match o {
            Out::Keep => out.push_str(src),
            Out::Fixed(i) => out.push_str(lat.fixed(i)),
            Out::Form(id) => token::apply_case(&self.inventory.forms[id as usize], case, out),
        }
    }
}

/// True for a punctuation mark at `span` that closes what comes before it (`,` `;` `:` `.`
/// `)` `!` `?`) and is followed by a space, a line end or the end of the text: print sets no
/// space before it.
fn closes(text: &str, span: &Range<usize>) -> bool {
    matches!(&text[span.clone()], "," | ";" | ":" | "." | ")" | "!" | "?")
        && text[span.end..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
}

/// Per token of a stretch: whether it is a word of two or more letters, not all in capitals,
/// on a line where at least three in four such words are (and at least two). OCR
/// misjudges the case of single letters (`THI bUA`, `MUC PiCH`, `Uy BAN`); a heading set in
/// capitals is in capitals throughout, so such a word takes its line's case.
fn caps_lines(text: &str, tokens: &[Token]) -> Vec<bool> {
    let letters = |t: &Token| {
        text[t.span.clone()]
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
    };
    let upper = |t: &Token| token::case_of(&text[t.span.clone()]) == Case::Upper;
    let mut caps = vec![false; tokens.len()];
    let mut start = 0;
    while start < tokens.len() {
        // The tokens of one line.
        let mut end = start + 1;
        while end < tokens.len()
            && !text[tokens[end - 1].span.end..tokens[end].span.start].contains('\n')
        {
            end += 1;
        }
        let words: Vec<usize> = (start..end)
            .filter(|&i| tokens[i].kind == Kind::Word && letters(&tokens[i]) >= 2)
            .collect();
        let n_upper = words.iter().filter(|&&i| upper(&tokens[i])).count();
        if n_upper >= 2 && (words.len() - n_upper) * 3 <= n_upper {
            for &i in &words {
                caps[i] = !upper(&tokens[i]);
            }
        }
        start = end;
    }
    caps
}
