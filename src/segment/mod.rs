//! Segment: restored text → [`Segmented`] (header, legal bases, section tree, campaign facts).

pub mod model;

pub use model::*;

/// Segments a restored document.
pub fn segment(_text: &str) -> Segmented {
    Segmented::default()
}
