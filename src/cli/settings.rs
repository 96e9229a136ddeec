//! The settings that change a record (OCR options and input caps), shared by `process`, which
//! makes records with them, and `merge`, which combines only records made with them; and the
//! one place their [`Fingerprint`] is computed.

use sohoa_core::ocr::OcrOptions;
use sohoa_core::record::Fingerprint;

/// Every option that changes what a record says.
#[derive(Debug, Clone, clap::Args)]
pub struct RecordSettings {
    /// Text inputs larger than this many MiB become failed records without being read.
    #[arg(long, value_name = "MIB", default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_text_mb: u64,
    /// Any input larger than this many MiB becomes a failed record without being read; the
    /// documents in flight together hold at most this much input.
    #[arg(long, value_name = "MIB", default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_input_mb: u64,
    #[command(flatten)]
    pub ocr: super::ocr_args::OcrArgs,
}

/// The settings checked and resolved.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The OCR options.
    pub ocr: OcrOptions,
    /// The text cap in bytes.
    pub max_text_bytes: u64,
    /// The input cap in bytes.
    pub max_input_bytes: u64,
    /// What records made with these settings by this build carry.
    pub fingerprint: Fingerprint,
}

impl RecordSettings {
    /// Checks the settings (before any document is read) and computes the fingerprint.
    ///
    /// # Errors
    /// One message naming the bad setting (a usage error).
    pub fn resolve(&self) -> Result<Resolved, String> {
        let ocr = self.ocr.options();
        let identity = self.ocr.check()?;
        let max_text_bytes = self.max_text_mb.saturating_mul(1 << 20).max(1);
        let max_input_bytes = self.max_input_mb.saturating_mul(1 << 20).max(1);
        // Every option that changes a record; not the number of jobs, shards or the output,
        // nor where the models are read from (their hashes are in the OCR identity).
        let changing = format!(
            "{:?} max_text_bytes={max_text_bytes} max_input_bytes={max_input_bytes}",
            OcrOptions {
                datapath: None,
                ..ocr.clone()
            }
        );
        Ok(Resolved {
            fingerprint: Fingerprint::new(identity, &changing),
            ocr,
            max_text_bytes,
            max_input_bytes,
        })
    }
}
