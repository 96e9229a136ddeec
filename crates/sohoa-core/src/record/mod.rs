//! Record: the JSON campaign record, one per document — the contract other systems ingest.

pub mod fingerprint;
pub mod provenance;
pub mod review;
pub mod write;

pub use fingerprint::Fingerprint;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::StageError;
use crate::ingest::MediaType;
use crate::ocr::OcrSummary;
use crate::restore::RestorationSummary;
use crate::segment::Segmented;

/// Version of the record's JSON shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// How a document fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every stage succeeded on every page.
    Ok,
    /// Some pages failed, others were processed.
    Partial,
    /// Nothing usable came out.
    Failed,
}

/// Where the record came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Source {
    /// Input path as given (a name that is not UTF-8 written as [`write::path_text`] does).
    #[serde(serialize_with = "write::serialize_path")]
    pub path: PathBuf,
    /// Kind recognised from the content (null when not recognised).
    pub media_type: Option<MediaType>,
    /// Size in bytes.
    pub bytes: u64,
    /// Number of pages found (0 when the document could not be opened).
    pub pages: usize,
    /// What suggests the input may not be a document: content that contradicts the file's
    /// extension, text that is not Vietnamese prose. Empty for an ordinary document.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// One document's campaign record. Holds no timings or other run-dependent values, so the
/// same input and pipeline version always give the same bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Record {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Pipeline version that made the record ([`crate::PIPELINE_VERSION`]).
    pub pipeline_version: String,
    /// What made the record: code, tables, OCR model and options ([`Fingerprint`]);
    /// `--resume` and `merge` reuse or combine only records whose fingerprint matches.
    #[serde(default)]
    pub fingerprint: Fingerprint,
    /// SHA-256 of the input bytes, lower-case hex.
    pub id: String,
    /// The input.
    pub source: Source,
    /// ok, partial or failed.
    pub status: Status,
    /// Failures, with their stage and page.
    pub errors: Vec<StageError>,
    /// OCR summary (null for text input).
    pub ocr: Option<OcrSummary>,
    /// What restoration changed and what to review.
    pub restoration: RestorationSummary,
    /// Final NFC text.
    pub text: String,
    /// What segmentation found: header, campaign, legal bases, sections and facts, signer
    /// and recipients, as top-level fields of the record.
    #[serde(flatten)]
    pub segmented: Segmented,
}

impl Record {
    /// A failed record for an input that could not be processed at all.
    pub fn failed(source: Source, id: String, errors: Vec<StageError>) -> Self {
        Record {
            schema_version: SCHEMA_VERSION,
            pipeline_version: crate::PIPELINE_VERSION.to_string(),
            fingerprint: Fingerprint::default(),
            id,
            source,
            status: Status::Failed,
            errors,
            ocr: None,
            restoration: RestorationSummary::default(),
            text: String::new(),
            segmented: Segmented::default(),
        }
    }
}

/// The JSON Schema of [`Record`], as committed in `schema/record.schema.json`.
///
/// Every property of every object is listed as required, nullable ones included: a record
/// always carries every field (null or empty when a stage found nothing), and consumers may
/// rely on that, so the schema says so rather than schemars' default of "optional if `Option`".
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Record);
    let mut value = serde_json::to_value(&schema).expect("schema serialises");
    require_all_properties(&mut value);
    let mut s = serde_json::to_string_pretty(&value).expect("schema serialises");
    s.push('\n');
    s
}

fn require_all_properties(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                let mut names: Vec<serde_json::Value> =
                    props.keys().map(|k| k.clone().into()).collect();
                names.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
                map.insert("required".into(), names.into());
            }
            map.values_mut().for_each(require_all_properties);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(require_all_properties),
        _ => {}
    }
}
