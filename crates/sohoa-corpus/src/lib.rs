//! Corpus renderer: clean Vietnamese text → A4 page images with gold text, degraded variants,
//! and the containers scans arrive in (multi-page TIFF, scanned PDF).
//!
//! Everything here is deterministic for a given text, font and seed, so a corpus can be
//! rebuilt bit for bit and other stages can render held-out text to learn OCR confusions.

pub mod container;
pub mod decree;
pub mod decree_body;
pub mod degrade;
pub mod encode;
pub mod layout;
pub mod photo;
pub mod rng;
pub mod seal;

pub use degrade::{degrade, ScanImage, Variant};
pub use layout::{render_text, Layout, RenderedPage};

/// Where a default font covering Vietnamese is found on Debian (`fonts-dejavu-core`).
pub const DEFAULT_FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";
/// The face printed administrative documents use: Times New Roman (Decree 30 asks for a Unicode
/// font of TCVN 6909); Liberation Serif has its metrics and its Vietnamese glyphs
/// (`fonts-liberation2`).
pub const TIMES_LIKE_FONT: &str =
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf";

/// What can go wrong while rendering a corpus.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The font file cannot be read or parsed.
    #[error("font {path}: {reason}")]
    Font {
        /// Font path.
        path: String,
        /// Why it failed.
        reason: String,
    },
    /// The text uses characters the font has no glyph for (rendering them would be wrong gold).
    #[error("font has no glyph for {0:?}")]
    MissingGlyphs(String),
    /// Encoding an image or container failed.
    #[error("encoding {what}: {reason}")]
    Encode {
        /// Which format.
        what: &'static str,
        /// Why it failed.
        reason: String,
    },
    /// Writing output failed.
    #[error("writing {path}: {source}")]
    Io {
        /// Output path.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// An unknown variant or encoding name.
    #[error("unknown {kind} {name:?} (expected one of: {expected})")]
    UnknownName {
        /// What kind of name.
        kind: &'static str,
        /// The name given.
        name: String,
        /// The accepted names.
        expected: String,
    },
}
