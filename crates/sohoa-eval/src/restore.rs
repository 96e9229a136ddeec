//! `sohoa eval restore`: run the restorer (or read someone else's outputs) on an evaluation set
//! and score before (the input) and after (the output) against the gold text.

pub mod score;
pub mod set;
pub mod taxonomy;

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use score::TextScore;
pub use set::{EvalDoc, EvalSet, Metric, SetInfo};
use sohoa_core::restore::Restorer;
use sohoa_core::text::SourceText;

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The set directory is not a valid set.
    #[error("{}: {message}", path.display())]
    BadSet {
        /// The offending file or directory.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// Scores of one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocReport {
    /// Document name.
    pub name: String,
    /// The input scored as if it were the output.
    pub before: TextScore,
    /// The output.
    pub after: TextScore,
}

/// Scores of one set, summed over its documents.
#[derive(Debug, Clone, Serialize)]
pub struct SetReport {
    /// Set name.
    pub set: String,
    /// Who made the outputs: `sohoa`, or the name of the directory the outputs were read from.
    pub system: String,
    /// The deciding metric.
    pub metric: Metric,
    /// Its target.
    pub target: f64,
    /// Its value after restoration.
    pub value: f64,
    /// Whether the target is met.
    pub met: bool,
    /// Input scores, summed.
    pub before: TextScore,
    /// Output scores, summed.
    pub after: TextScore,
    /// Wall seconds spent restoring (not loading), when sohoa made the outputs.
    pub restore_seconds: Option<f64>,
    /// CPU seconds of the restoring thread, when sohoa made the outputs.
    pub restore_cpu_seconds: Option<f64>,
    /// Per document.
    pub docs: Vec<DocReport>,
}

impl SetReport {
    fn new(set: &EvalSet, system: String, docs: Vec<DocReport>, secs: Option<f64>) -> Self {
        let sum = |f: fn(&DocReport) -> TextScore| {
            docs.iter().map(f).fold(TextScore::default(), |a, b| a + b)
        };
        let before = sum(|d| d.before);
        let after = sum(|d| d.after);
        let metric = set.info.metric;
        let value = metric_value(metric, &before, &after);
        SetReport {
            set: set.info.name.clone(),
            system,
            metric,
            target: set.info.target,
            value,
            met: metric.meets(value, set.info.target),
            before,
            after,
            restore_seconds: secs,
            restore_cpu_seconds: None,
            docs,
        }
    }

    /// Gold syllables restored per wall second, when timed.
    pub fn syllables_per_second(&self) -> Option<f64> {
        self.restore_seconds
            .filter(|s| *s > 0.0)
            .map(|s| self.after.syllables.reference as f64 / s)
    }

    /// Gold syllables restored per CPU second of the restoring thread, when timed.
    pub fn syllables_per_cpu_second(&self) -> Option<f64> {
        self.restore_cpu_seconds
            .filter(|s| *s > 0.0)
            .map(|s| self.after.syllables.reference as f64 / s)
    }
}

/// The value of `metric` for a set.
pub fn metric_value(metric: Metric, before: &TextScore, after: &TextScore) -> f64 {
    match metric {
        Metric::SyllableAccuracy => after.syllables.rate(),
        Metric::WordAccuracy => after.word_accuracy(),
        Metric::Unchanged => after.unchanged.rate(),
        Metric::WerRatio => {
            let b = before.words.rate();
            if b == 0.0 {
                if after.words.rate() == 0.0 {
                    0.0
                } else {
                    f64::INFINITY
                }
            } else {
                after.words.rate() / b
            }
        }
    }
}

fn doc_report(doc: &EvalDoc, output: &str) -> DocReport {
    DocReport {
        name: doc.name.clone(),
        before: TextScore::of(&doc.input, &doc.gold, &doc.input),
        after: TextScore::of(output, &doc.gold, &doc.input),
    }
}

/// Restores every input of `set` with `restorer` and scores the outputs.
pub fn evaluate(restorer: &Restorer, set: &EvalSet) -> SetReport {
    // A restorer may load its tables on first use; that is not restoration time.
    restorer.restore(&SourceText::from_plain("khoi dong"));
    let mut secs = 0.0;
    let mut cpu = Some(0.0);
    let docs = set
        .docs
        .iter()
        .map(|doc| {
            let source = SourceText::from_plain(&doc.input);
            let (start, cpu_start) = (Instant::now(), thread_cpu_seconds());
            let out = restorer.restore(&source);
            secs += start.elapsed().as_secs_f64();
            cpu = cpu
                .zip(cpu_start.zip(thread_cpu_seconds()))
                .map(|(c, (a, b))| c + b - a);
            doc_report(doc, &out.text)
        })
        .collect();
    let mut report = SetReport::new(set, "sohoa".into(), docs, Some(secs));
    report.restore_cpu_seconds = cpu;
    report
}

/// CPU time of the calling thread: on a machine shared with other jobs, wall time says more
/// about the neighbours than about the restorer.
fn thread_cpu_seconds() -> Option<f64> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes to it.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then_some(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9)
}

/// Scores outputs made by another system, called `system` in the report: `hyp_dir/NAME.txt`
/// for every document `NAME`.
///
/// # Errors
/// [`EvalError::Io`] when an output file is missing or unreadable.
pub fn evaluate_outputs(
    set: &EvalSet,
    hyp_dir: &Path,
    system: &str,
) -> Result<SetReport, EvalError> {
    let mut docs = Vec::with_capacity(set.docs.len());
    for doc in &set.docs {
        let path = hyp_dir.join(format!("{}.txt", doc.name));
        let out =
            std::fs::read_to_string(&path).map_err(|source| EvalError::Io { path, source })?;
        docs.push(doc_report(doc, &out));
    }
    Ok(SetReport::new(set, system.to_owned(), docs, None))
}

fn pct(x: f64) -> String {
    format!("{:.2}%", 100.0 * x)
}

/// A plain-text table: one row per (set, metric), the deciding metric marked with `*`.
pub fn table(reports: &[SetReport]) -> String {
    let mut out = format!(
        "{:<18} {:<10} {:<20} {:>11} {:>11} {:>10} {:>4}\n",
        "set", "system", "metric", "before", "after", "target", "met"
    );
    for r in reports {
        let system = if r.system.len() > 10 {
            &r.system[r.system.len() - 10..]
        } else {
            &r.system
        };
        let rows: [(Metric, String, String); 4] = [
            (
                Metric::SyllableAccuracy,
                pct(r.before.syllables.rate()),
                pct(r.after.syllables.rate()),
            ),
            (
                Metric::WordAccuracy,
                pct(r.before.word_accuracy()),
                pct(r.after.word_accuracy()),
            ),
            (
                Metric::WerRatio,
                format!("wer {}", pct(r.before.words.rate())),
                format!("wer {}", pct(r.after.words.rate())),
            ),
            (
                Metric::Unchanged,
                pct(r.before.unchanged.rate()),
                pct(r.after.unchanged.rate()),
            ),
        ];
        for (metric, before, after) in rows {
            let (name, target, met) = if metric == r.metric {
                let t = match metric {
                    Metric::WerRatio => format!("≤{:.2}x", r.target),
                    _ => format!("≥{}", pct(r.target)),
                };
                let shown = match metric {
                    Metric::WerRatio => format!("{} (ratio {:.3})", metric.name(), r.value),
                    _ => metric.name().to_owned(),
                };
                (format!("*{shown}"), t, if r.met { "yes" } else { "NO" })
            } else {
                (format!(" {}", metric.name()), String::new(), "")
            };
            out.push_str(&format!(
                "{:<18} {:<10} {:<20} {:>11} {:>11} {:>10} {:>4}\n",
                r.set, system, name, before, after, target, met
            ));
        }
        if let Some(sps) = r.syllables_per_second() {
            let cpu = match (r.restore_cpu_seconds, r.syllables_per_cpu_second()) {
                (Some(c), Some(cps)) => format!("; CPU {c:.3} s, {cps:.0} syllables/CPU s"),
                _ => String::new(),
            };
            out.push_str(&format!(
                "{:<18} {:<10}  restore wall {:.3} s, {:.0} syllables/s{cpu}\n",
                r.set,
                system,
                r.restore_seconds.unwrap_or_default(),
                sps
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(metric: Metric, target: f64, docs: &[(&str, &str)]) -> EvalSet {
        EvalSet {
            dir: PathBuf::new(),
            info: SetInfo {
                name: "t".into(),
                metric,
                target,
                description: String::new(),
            },
            docs: docs
                .iter()
                .enumerate()
                .map(|(i, (gold, input))| EvalDoc {
                    name: format!("d{i}"),
                    gold: (*gold).into(),
                    input: (*input).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn scores_sum_over_documents() {
        let s = set(
            Metric::SyllableAccuracy,
            0.99,
            &[("Số một", "So mot"), ("hai ba", "hai ba")],
        );
        let docs = s
            .docs
            .iter()
            .zip(["Số mốt", "hai ba"])
            .map(|(d, out)| doc_report(d, out))
            .collect();
        let r = SetReport::new(&s, "x".into(), docs, None);
        assert_eq!(
            (r.after.syllables.matched, r.after.syllables.reference),
            (3, 4)
        );
        assert_eq!(r.before.syllables.matched, 2);
        assert!((r.value - 0.75).abs() < 1e-12);
        assert!(!r.met);
        assert!(table(&[r]).contains("*syllable_accuracy"));
    }

    #[test]
    fn wer_ratio_compares_after_with_before() {
        let before = TextScore::of("a x x x", "a b c d", "a x x x");
        let after = TextScore::of("a b x d", "a b c d", "a x x x");
        let v = metric_value(Metric::WerRatio, &before, &after);
        assert!((v - 1.0 / 3.0).abs() < 1e-12);
        assert!(Metric::WerRatio.meets(v, 0.5));
        assert!(!Metric::WerRatio.meets(0.6, 0.5));
    }

    #[test]
    fn identity_restorer_changes_nothing_on_correct_text() {
        let s = set(
            Metric::Unchanged,
            0.999,
            &[("Kế hoạch số 161", "Kế hoạch số 161")],
        );
        let r = evaluate(&Restorer::default(), &s);
        assert_eq!(r.after.unchanged.rate(), 1.0);
    }
}
