//! Fingerprint: everything that made a record — the code (crate version and source commit),
//! the embedded tables, the OCR engine and model, and every option that changes output — so
//! `--resume` and `merge` reuse or combine only records made the same way, and can say why not.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The crate version and the source commit it was built from (`SOHOA_SOURCE_COMMIT` at build
/// time, else `git rev-parse HEAD`, else `unknown`).
pub const CODE: &str = concat!(
    "sohoa-",
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("SOHOA_SOURCE_COMMIT")
);

/// What made a record. Two records with equal fingerprints and equal input bytes are equal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Fingerprint {
    /// Crate version and source commit, e.g. `sohoa-0.1.0+3f1fc68a0b2c`.
    pub code: String,
    /// SHA-256 (first 16 hex digits) of the tables compiled in (`dictionaries/`: language
    /// model, confusions, slips, acronyms, place names).
    pub tables: String,
    /// OCR engine version and a hash of each language model used, e.g.
    /// `tesseract 5.3.0; vie 1f0e…`.
    pub ocr: String,
    /// SHA-256 (first 16 hex digits) of every option that changes output.
    pub options: String,
}

impl Fingerprint {
    /// The fingerprint of this build with the OCR identity `ocr` (see
    /// [`crate::ocr::engine::identity`]) and `options`, a canonical text of every option that
    /// changes output.
    pub fn new(ocr: String, options: &str) -> Fingerprint {
        Fingerprint {
            code: CODE.to_string(),
            tables: env!("SOHOA_TABLES_SHA256").to_string(),
            ocr,
            options: short_sha256(options.as_bytes()),
        }
    }

    /// Why a record made with `earlier` cannot stand for one made with `self`: the first part
    /// that differs, in words; `None` when they match.
    pub fn difference(&self, earlier: &Fingerprint) -> Option<&'static str> {
        if self.code != earlier.code {
            Some("made by other code")
        } else if self.tables != earlier.tables {
            Some("tables changed")
        } else if self.ocr != earlier.ocr {
            Some("OCR engine or model changed")
        } else if self.options != earlier.options {
            Some("options changed")
        } else {
            None
        }
    }
}

/// The first 16 hex digits of the SHA-256 of `bytes`.
pub fn short_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_differing_part_is_named() {
        let a = Fingerprint::new("tesseract 5.3.0; vie 00".into(), "psm=3");
        assert!(
            a.code.starts_with("sohoa-") && a.code.contains('+'),
            "{}",
            a.code
        );
        assert_eq!(a.tables.len(), 16);
        assert_eq!(a.difference(&a.clone()), None);
        let psm6 = Fingerprint::new(a.ocr.clone(), "psm=6");
        assert_eq!(psm6.difference(&a), Some("options changed"));
        let other_model = Fingerprint::new("tesseract 5.3.0; vie 01".into(), "psm=3");
        assert_eq!(
            other_model.difference(&a),
            Some("OCR engine or model changed")
        );
        let old = Fingerprint::default();
        assert_eq!(a.difference(&old), Some("made by other code"));
    }
}
