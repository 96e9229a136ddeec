//! Restoration evaluation sets on disk: a directory with `set.json` and pairs of
//! `NAME.gold.txt` / `NAME.input.txt` (a missing input means the input is the gold text).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::EvalError;

/// Which figure decides whether a set meets its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Share of gold syllables right after restoration (higher is better).
    SyllableAccuracy,
    /// 1 - word error rate after restoration (higher is better).
    WordAccuracy,
    /// Word error rate after restoration divided by the one before (lower is better).
    WerRatio,
    /// Share of input words that restoration leaves as they were (higher is better).
    Unchanged,
}

impl Metric {
    /// The name used in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Metric::SyllableAccuracy => "syllable_accuracy",
            Metric::WordAccuracy => "word_accuracy",
            Metric::WerRatio => "wer_ratio",
            Metric::Unchanged => "unchanged",
        }
    }

    /// True when `value` meets `target` for this metric.
    pub fn meets(self, value: f64, target: f64) -> bool {
        match self {
            Metric::WerRatio => value <= target,
            _ => value >= target,
        }
    }
}

/// What `set.json` says about a set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetInfo {
    /// Short name (`stripped`, `oldocr`, ...).
    pub name: String,
    /// The deciding metric.
    pub metric: Metric,
    /// The value the metric must reach (see [`Metric::meets`]).
    pub target: f64,
    /// How the inputs were made.
    #[serde(default)]
    pub description: String,
}

/// One document of a set.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalDoc {
    /// File stem shared by the gold and input files.
    pub name: String,
    /// The correct text.
    pub gold: String,
    /// What the restorer is given.
    pub input: String,
}

/// A loaded evaluation set.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalSet {
    /// Where it was loaded from.
    pub dir: PathBuf,
    /// `set.json`.
    pub info: SetInfo,
    /// Documents sorted by name.
    pub docs: Vec<EvalDoc>,
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })
}

impl EvalSet {
    /// Loads the set in `dir`.
    ///
    /// # Errors
    /// [`EvalError::Io`] when a file cannot be read, [`EvalError::BadSet`] when `set.json` is
    /// malformed or the set holds no document.
    pub fn load(dir: &Path) -> Result<Self, EvalError> {
        let info_path = dir.join("set.json");
        let info: SetInfo =
            serde_json::from_str(&read(&info_path)?).map_err(|e| EvalError::BadSet {
                path: info_path.clone(),
                message: e.to_string(),
            })?;
        let entries = std::fs::read_dir(dir).map_err(|source| EvalError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".gold.txt"))
                    .map(str::to_owned)
            })
            .collect();
        names.sort();
        if names.is_empty() {
            return Err(EvalError::BadSet {
                path: dir.to_path_buf(),
                message: "no NAME.gold.txt file".into(),
            });
        }
        let mut docs = Vec::with_capacity(names.len());
        for name in names {
            let gold = read(&dir.join(format!("{name}.gold.txt")))?;
            let input_path = dir.join(format!("{name}.input.txt"));
            let input = if input_path.exists() {
                read(&input_path)?
            } else {
                gold.clone()
            };
            docs.push(EvalDoc { name, gold, input });
        }
        Ok(EvalSet {
            dir: dir.to_path_buf(),
            info,
            docs,
        })
    }
}
