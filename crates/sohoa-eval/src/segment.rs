//! `sohoa eval segment`: per-field precision and recall of segmentation against hand-written
//! expected records, on the gold texts and on the restored OCR texts.

pub mod fixture;
pub mod score;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

pub use fixture::{document_text, load, Expected, Fixture, FixtureError};
pub use score::{score, Score};

use sohoa_core::restore::Restorer;
use sohoa_core::text::SourceText;

/// Which text is segmented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// The hand-corrected gold text.
    Gold,
    /// The OCR text after restoration (documents without OCR text are skipped).
    Restored,
}

/// Scores of one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocScore {
    /// Fixture name.
    pub name: String,
    /// Per-field counts.
    pub fields: BTreeMap<String, Score>,
}

/// Scores of a run over all fixtures.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Which input was segmented.
    pub input: Input,
    /// Per document.
    pub documents: Vec<DocScore>,
    /// Per field, summed over documents.
    pub total: BTreeMap<String, Score>,
}

/// Segments every fixture's text (`input`) under `root` and scores it.
///
/// # Errors
/// [`FixtureError::Io`] when a text named by a fixture cannot be read.
pub fn evaluate(
    fixtures: &[Fixture],
    root: &Path,
    input: Input,
    restorer: &Restorer,
) -> Result<Report, FixtureError> {
    let mut documents = Vec::new();
    let mut total: BTreeMap<String, Score> = BTreeMap::new();
    for f in fixtures {
        let rel = match input {
            Input::Gold => Some(&f.expected.text),
            Input::Restored => f.expected.ocr.as_ref(),
        };
        let Some(rel) = rel else { continue };
        let path = root.join(rel);
        let raw =
            std::fs::read_to_string(&path).map_err(|source| FixtureError::Io { path, source })?;
        let text = match input {
            Input::Gold => document_text(&raw).to_string(),
            Input::Restored => {
                restorer
                    .restore(&SourceText::from_plain(document_text(&raw)))
                    .text
            }
        };
        let got = sohoa_core::segment::segment(&text);
        let fields = score(&f.expected, &got);
        for (k, v) in &fields {
            total.entry(k.clone()).or_default().add(*v);
        }
        documents.push(DocScore {
            name: f.name.clone(),
            fields,
        });
    }
    Ok(Report {
        input,
        documents,
        total,
    })
}

/// A plain-text table: field, tp, fp, fn, precision, recall.
pub fn table(report: &Report) -> String {
    let mut out = format!(
        "input: {:?} ({} documents)\n{:<22} {:>4} {:>4} {:>4} {:>9} {:>7}\n",
        report.input,
        report.documents.len(),
        "field",
        "tp",
        "fp",
        "fn",
        "precision",
        "recall"
    );
    let mut all = Score::default();
    for (k, s) in &report.total {
        all.add(*s);
        out.push_str(&format!(
            "{:<22} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}\n",
            k,
            s.tp,
            s.fp,
            s.fn_,
            s.precision(),
            s.recall()
        ));
    }
    out.push_str(&format!(
        "{:<22} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}\n",
        "ALL (micro)",
        all.tp,
        all.fp,
        all.fn_,
        all.precision(),
        all.recall()
    ));
    out
}
