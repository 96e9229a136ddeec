//! sohoa-core, the runtime: turns scanned Vietnamese administrative documents into structured JSON records.
//!
//! The pipeline has one module per stage, each with one input type and one output type:
//!
//! ```text
//! ingest   path → Document (kind by magic bytes) → Vec<PageInput>
//! ocr      PageInput → OcrPage (text, words, boxes, confidences)
//! text     OcrPage… or UTF-8 text → SourceText (text + where each byte came from)
//! restore  SourceText → RestoredText (diacritics restored, offset map, uncertain tokens)
//! segment  RestoredText → Segmented (header, legal bases, sections, campaign facts)
//! record   everything above → Record (the JSON contract) and its writers
//! batch    many inputs → records in input order, in parallel, resumable
//! ```
//!
//! [`pipeline::Pipeline`] composes the stages for one document; [`batch`] runs it over archives.
#![deny(missing_docs)]

pub mod batch;
pub mod chunks;
pub mod emit;
pub mod error;
pub mod ingest;
pub mod ocr;
pub mod pipeline;
pub mod record;
pub mod restore;
pub mod segment;
pub mod text;

pub use error::{Stage, StageError};

/// Version of the pipeline's behaviour; a record made by another version is not reused by `--resume`.
pub const PIPELINE_VERSION: &str = concat!("sohoa-", env!("CARGO_PKG_VERSION"));
