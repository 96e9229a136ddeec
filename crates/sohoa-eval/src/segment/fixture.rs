//! Hand-written expected records (`tests/fixtures/segment/*.json`): only the fields that are
//! scored, each item reduced to the key it is matched on.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use sohoa_core::segment::{Campaign, Header, Signer};

/// Why fixtures could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum FixtureError {
    /// A file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A fixture is not valid JSON of the expected shape.
    #[error("{}: {source}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: serde_json::Error,
    },
}

/// A cited document, matched on type, number, date and issuer.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldBasis {
    /// Type ("Nghị quyết").
    pub doc_type: Option<String>,
    /// Number ("02-NQ/TU").
    pub number: Option<String>,
    /// ISO date.
    pub date: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
}

/// A top-level section, matched on number and kinds.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldSection {
    /// "I", "II", ...
    pub number: String,
    /// Kinds, in vocabulary order.
    pub kinds: Vec<String>,
}

/// An award form, matched on every field but the text.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldAward {
    /// Normalised form.
    pub form: String,
    /// Category.
    pub category: String,
    /// Class.
    #[serde(default)]
    pub class: Option<String>,
    /// Authority.
    #[serde(default)]
    pub authority: Option<String>,
}

/// A quota, matched on count, bound, who and occasion.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuota {
    /// Number.
    pub count: u32,
    /// min, max, exact.
    pub bound: String,
    /// Who is counted.
    pub who: Option<String>,
    /// Occasion.
    #[serde(default)]
    pub occasion: Option<String>,
}

/// A goal, matched on value, unit and year.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldGoal {
    /// Value.
    pub value: f64,
    /// Unit.
    pub unit: String,
    /// Year.
    pub year: Option<i32>,
}

/// A criterion, matched on who it applies to and the first words of its text.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldCriterion {
    /// The first words of the criterion (compared without tones and case).
    pub starts: String,
    /// Who it applies to.
    pub applies_to: Vec<String>,
}

/// A milestone, matched on year, quarter and date.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldMilestone {
    /// Year.
    #[serde(default)]
    pub year: Option<i32>,
    /// Quarter.
    #[serde(default)]
    pub quarter: Option<u8>,
    /// Date.
    #[serde(default)]
    pub date: Option<String>,
}

/// The expected record of one document.
#[derive(Debug, Clone, Deserialize)]
pub struct Expected {
    /// The gold text, relative to the repository root.
    pub text: String,
    /// The OCR text this gold corrects, if any (relative to the repository root).
    #[serde(default)]
    pub ocr: Option<String>,
    /// Header.
    pub header: Header,
    /// Campaign.
    pub campaign: Campaign,
    /// Legal bases.
    pub legal_bases: Vec<GoldBasis>,
    /// Top-level sections.
    pub sections: Vec<GoldSection>,
    /// Award forms.
    #[serde(default)]
    pub award_forms: Vec<GoldAward>,
    /// Quotas.
    #[serde(default)]
    pub quotas: Vec<GoldQuota>,
    /// Goals.
    #[serde(default)]
    pub goals: Vec<GoldGoal>,
    /// Criteria.
    #[serde(default)]
    pub criteria: Vec<GoldCriterion>,
    /// Timeline.
    #[serde(default)]
    pub timeline: Vec<GoldMilestone>,
    /// Signer.
    #[serde(default)]
    pub signer: Option<Signer>,
    /// Recipients.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Fields left out of the score ("sections", "signer.name", or a prefix such as
    /// "campaign"): what the excerpt does not show. Every other field is scored, an empty
    /// value meaning the document has none.
    #[serde(default)]
    pub unscored: Vec<String>,
}

impl Expected {
    /// Whether `field` (as named in the score table) is scored.
    pub fn scores(&self, field: &str) -> bool {
        !self.unscored.iter().any(|u| {
            field == u || (field.starts_with(u.as_str()) && field[u.len()..].starts_with('.'))
        })
    }
}

/// The text a fixture names, without the `# source: <url>` provenance line that opens the
/// copies of real documents (it is the archive's note, not the document's text).
pub fn document_text(raw: &str) -> &str {
    match raw.strip_prefix("# source:") {
        Some(rest) => rest.split_once('\n').map_or("", |(_, text)| text),
        None => raw,
    }
}

/// One fixture: its name (file stem) and expected record.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// File stem.
    pub name: String,
    /// The expected record.
    pub expected: Expected,
}

/// Loads every `*.json` in `dir`, sorted by name.
///
/// # Errors
/// [`FixtureError`] when the directory or a fixture cannot be read or parsed.
pub fn load(dir: &Path) -> Result<Vec<Fixture>, FixtureError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| FixtureError::Io { path, source }
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let raw = std::fs::read_to_string(&path).map_err(io(&path))?;
        let expected: Expected =
            serde_json::from_str(&raw).map_err(|source| FixtureError::Json {
                path: path.clone(),
                source,
            })?;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push(Fixture { name, expected });
    }
    Ok(out)
}
