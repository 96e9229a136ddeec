//! `sohoa eval ocr`: OCR text scored against gold (CER, WER) for every scan in a corpus
//! directory, grouped by degradation variant, with the targets the OCR stage must meet.
//!
//! A sample is any PNG/JPEG/TIFF/PDF file `X.ext` with its gold text `X.gt.txt` beside it
//! (the layout `sohoa-corpus` writes). The group is the last `-` part of the file stem (the
//! variant), prefixed by `tif/` or `pdf/` for containers.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use super::metrics::{char_errors, word_errors, ErrorCount};
use sohoa_core::ingest;
use sohoa_core::ocr::{self, OcrOptions};

/// One scan with its gold text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// The scan.
    pub path: PathBuf,
    /// Its gold text.
    pub gold: PathBuf,
    /// Report group (variant, with `tif/` or `pdf/` for containers).
    pub group: String,
}

/// Finds the samples in `dir` (not recursive), sorted by path.
///
/// # Errors
/// The I/O error when `dir` cannot be listed.
pub fn discover(dir: &Path) -> std::io::Result<Vec<Sample>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        let prefix = match ext {
            "png" | "jpg" | "jpeg" => "",
            "tif" | "tiff" => "tif/",
            "pdf" => "pdf/",
            _ => continue,
        };
        let gold = path.with_extension("gt.txt");
        if !gold.is_file() {
            continue;
        }
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let variant = stem.rsplit('-').next().unwrap_or(stem);
        out.push(Sample {
            group: format!("{prefix}{variant}"),
            path,
            gold,
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The CER a group must reach, when the OCR stage has a target for it.
pub fn target(group: &str) -> Option<f64> {
    match group.rsplit('/').next() {
        Some("clean") => Some(0.005),
        Some("photocopy") => Some(0.04),
        _ => None,
    }
}

/// The score of one sample.
#[derive(Debug, Clone, Serialize)]
pub struct SampleScore {
    /// The scan.
    pub path: PathBuf,
    /// Its group.
    pub group: String,
    /// Pages read.
    pub pages: usize,
    /// Pages that failed (their text counts as empty).
    pub failed_pages: usize,
    /// Character errors (NFC, whitespace folded).
    pub char_errors: usize,
    /// Gold characters.
    pub chars: usize,
    /// Word errors.
    pub word_errors: usize,
    /// Gold words.
    pub words: usize,
    /// Mean word confidence.
    pub mean_confidence: Option<f32>,
    /// Wall time for this sample.
    pub seconds: f64,
}

/// Reads one sample with `options` and scores it against its gold.
///
/// # Errors
/// A message when the gold or the scan cannot be read at all.
pub fn score(sample: &Sample, options: &OcrOptions) -> Result<SampleScore, String> {
    let start = Instant::now();
    let gold = std::fs::read_to_string(&sample.gold)
        .map_err(|e| format!("{}: {e}", sample.gold.display()))?;
    let doc = ingest::read(&sample.path).map_err(|e| format!("{}: {e}", sample.path.display()))?;
    let pages = ingest::pages_with_limit(&doc, options.max_megapixels)
        .map_err(|e| format!("{}: {e}", sample.path.display()))?;
    let results: Vec<_> = pages
        .into_par_iter()
        .map(|p| p.and_then(|p| ocr::recognise(&p, options)))
        .collect();
    let failed_pages = results.iter().filter(|r| r.is_err()).count();
    let ok: Vec<_> = results.into_iter().filter_map(Result::ok).collect();
    let hyp = ok
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    // Containers' gold separates pages with form feeds, which are layout, not text.
    let gold = gold.replace('\u{c}', "\n");
    let c = char_errors(&hyp, &gold);
    let w = word_errors(&hyp, &gold);
    let summary = ocr::OcrSummary::from_pages(&ok, &options.lang);
    Ok(SampleScore {
        path: sample.path.clone(),
        group: sample.group.clone(),
        pages: ok.len() + failed_pages,
        failed_pages,
        char_errors: c.errors,
        chars: c.reference,
        word_errors: w.errors,
        words: w.reference,
        mean_confidence: summary.mean_confidence,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// Scores of one group, errors summed over its samples.
#[derive(Debug, Clone, Serialize)]
pub struct GroupReport {
    /// Group name.
    pub group: String,
    /// Samples.
    pub files: usize,
    /// Pages.
    pub pages: usize,
    /// Failed pages.
    pub failed_pages: usize,
    /// Character error rate.
    pub cer: f64,
    /// Word error rate.
    pub wer: f64,
    /// Target CER, when there is one.
    pub target_cer: Option<f64>,
    /// Whether the target is met (true when there is none).
    pub met: bool,
    /// Seconds spent, summed over samples.
    pub seconds: f64,
    /// Per-sample scores.
    pub samples: Vec<SampleScore>,
}

/// Sums sample scores into group reports, groups in first-seen order.
pub fn group(scores: Vec<SampleScore>) -> Vec<GroupReport> {
    let mut groups: Vec<GroupReport> = Vec::new();
    for s in scores {
        let i = match groups.iter().position(|g| g.group == s.group) {
            Some(i) => i,
            None => {
                groups.push(GroupReport {
                    group: s.group.clone(),
                    files: 0,
                    pages: 0,
                    failed_pages: 0,
                    cer: 0.0,
                    wer: 0.0,
                    target_cer: target(&s.group),
                    met: true,
                    seconds: 0.0,
                    samples: Vec::new(),
                });
                groups.len() - 1
            }
        };
        groups[i].samples.push(s);
    }
    for g in &mut groups {
        let sum = |f: fn(&SampleScore) -> (usize, usize)| {
            g.samples.iter().fold(ErrorCount::default(), |acc, s| {
                let (errors, reference) = f(s);
                acc + ErrorCount { errors, reference }
            })
        };
        g.cer = sum(|s| (s.char_errors, s.chars)).rate();
        g.wer = sum(|s| (s.word_errors, s.words)).rate();
        g.files = g.samples.len();
        g.pages = g.samples.iter().map(|s| s.pages).sum();
        g.failed_pages = g.samples.iter().map(|s| s.failed_pages).sum();
        g.seconds = g.samples.iter().map(|s| s.seconds).sum();
        g.met = g.target_cer.is_none_or(|t| g.cer <= t);
    }
    groups
}

/// A plain-text table: group, files, pages, CER, WER, target, seconds.
pub fn table(groups: &[GroupReport]) -> String {
    let mut s = format!(
        "{:<16} {:>5} {:>5} {:>8} {:>8} {:>8} {:>8}\n",
        "group", "files", "pages", "CER%", "WER%", "target%", "seconds"
    );
    for g in groups {
        let target = g.target_cer.map_or("-".to_string(), |t| {
            format!("{:.2}{}", t * 100.0, if g.met { "" } else { "!" })
        });
        s.push_str(&format!(
            "{:<16} {:>5} {:>5} {:>8.3} {:>8.3} {:>8} {:>8.1}\n",
            g.group,
            g.files,
            g.pages,
            g.cer * 100.0,
            g.wer * 100.0,
            target,
            g.seconds
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_samples_with_gold_and_groups_by_variant() {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "a-001-clean.png",
            "a-001-clean.gt.txt",
            "b-photocopy.pdf",
            "b-photocopy.gt.txt",
            "c-001-blur.png",
        ] {
            std::fs::write(dir.path().join(f), b"x").unwrap();
        }
        let s = discover(dir.path()).unwrap();
        let groups: Vec<&str> = s.iter().map(|s| s.group.as_str()).collect();
        assert_eq!(groups, ["clean", "pdf/photocopy"]);
        assert_eq!(target("pdf/photocopy"), Some(0.04));
        assert_eq!(target("blur"), None);
    }

    #[test]
    fn groups_sum_errors_before_dividing() {
        let s = |group: &str, ce, c| SampleScore {
            path: PathBuf::new(),
            group: group.into(),
            pages: 1,
            failed_pages: 0,
            char_errors: ce,
            chars: c,
            word_errors: 0,
            words: 10,
            mean_confidence: None,
            seconds: 1.0,
        };
        let g = group(vec![
            s("clean", 1, 100),
            s("clean", 9, 900),
            s("blur", 5, 10),
        ]);
        assert_eq!(g.len(), 2);
        assert!((g[0].cer - 0.01).abs() < 1e-12);
        assert!(!g[0].met, "1% misses the 0.5% clean target");
        assert!(g[1].met);
        assert!(table(&g).contains("0.50!"));
    }
}
