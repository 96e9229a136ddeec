//! Eval: accuracy measurement against gold text (OCR CER/WER, restoration accuracy).

pub mod metrics;
pub mod ocr;
pub mod restore;
pub mod segment;
pub mod strip;
