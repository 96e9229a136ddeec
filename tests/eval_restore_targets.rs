//! Issue 4's accuracy targets, measured on the committed eval sets with the embedded model and
//! the official scorer (`sohoa eval restore`). `vieocr-photocopy` (WER at least halved) is not
//! asserted: on the set re-rendered with the project's renderer it is missed (WER 7.40% → 4.06%,
//! ×0.55, see BENCHMARKS.md), and a test that passes at a lower bar would hide that.

use std::path::Path;

use sohoa::eval::restore::{evaluate, EvalSet};
use sohoa::restore::Restorer;

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/restore")
        .join(name);
    let set = EvalSet::load(&dir).unwrap();
    let report = evaluate(&Restorer::default(), &set);
    assert!(
        report.met,
        "{name}: {} = {:.4}, target {}",
        report.metric.name(),
        report.value,
        report.target
    );
}

#[test]
fn stripped_text_syllable_accuracy_at_least_99_percent() {
    check("stripped");
}

#[test]
fn correct_text_at_least_99_9_percent_words_unchanged() {
    check("correct");
}

#[test]
fn old_ocr_at_least_95_percent_words_right() {
    check("oldocr");
}
