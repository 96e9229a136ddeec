//! Learning the OCR channel: align OCR output to the text that was rendered, count which
//! strings the OCR wrote for which, and turn the counts into the costs of
//! `dictionaries/confusions.tsv` that the candidate generator loads.

pub mod align;
pub mod estimate;
pub mod export;
pub mod slips;
pub mod split;
pub mod stats;
pub mod table;
