//! Eval: accuracy measurement against gold text (OCR CER/WER, restoration accuracy).

pub mod metrics;
