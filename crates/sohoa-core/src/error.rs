//! Typed errors shared by every stage: what failed, where (stage, page) and why.

use serde::{Deserialize, Serialize};

/// The pipeline stage an error came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Reading the file and recognising its kind.
    Ingest,
    /// Splitting a container (TIFF, PDF) into page images, or decoding an image.
    Decode,
    /// Tesseract.
    Ocr,
    /// Diacritic restoration.
    Restore,
    /// Segmentation and fact extraction.
    Segment,
    /// Writing the record.
    Output,
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self {
            Stage::Ingest => "ingest",
            Stage::Decode => "decode",
            Stage::Ocr => "ocr",
            Stage::Restore => "restore",
            Stage::Segment => "segment",
            Stage::Output => "output",
        };
        f.write_str(name)
    }
}

/// One failure of one stage, on one page when the page is known (pages count from 1).
#[derive(
    Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema, thiserror::Error,
)]
#[error("{stage}{}: {message}", page.map(|p| format!(" (page {p})")).unwrap_or_default())]
pub struct StageError {
    /// Stage that failed.
    pub stage: Stage,
    /// 1-based page number, when the failure belongs to one page.
    pub page: Option<usize>,
    /// Human-readable reason.
    pub message: String,
}

impl StageError {
    /// A failure of `stage` that concerns the whole document.
    pub fn new(stage: Stage, message: impl Into<String>) -> Self {
        StageError {
            stage,
            page: None,
            message: message.into(),
        }
    }

    /// A failure of `stage` on 1-based `page`.
    pub fn on_page(stage: Stage, page: usize, message: impl Into<String>) -> Self {
        StageError {
            stage,
            page: Some(page),
            message: message.into(),
        }
    }
}
