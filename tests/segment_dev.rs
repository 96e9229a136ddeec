//! Segmentation of the 20 development documents of `../shared/dev-docs` (real web copies,
//! `corpus/segment/dev-docs/`), scored against the expected records written by hand in
//! `tests/fixtures/segment/dev/` before the segmenter was tuned on them. These are in-sample
//! figures for the rules written since; the held-out half is scored apart, once.

use std::collections::BTreeMap;
use std::path::Path;

use sohoa_core::restore::Restorer;
use sohoa_eval::segment::{evaluate, load, Input, Score};

fn totals() -> BTreeMap<String, Score> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = load(&root.join("tests/fixtures/segment/dev")).expect("fixtures load");
    assert_eq!(fixtures.len(), 20, "the development half");
    evaluate(&fixtures, root, Input::Gold, &Restorer::default())
        .expect("texts readable")
        .total
}

/// The sum of the fields whose name starts with `prefix`.
fn sum(t: &BTreeMap<String, Score>, prefix: &str) -> Score {
    let mut s = Score::default();
    for (k, v) in t {
        if k.starts_with(prefix) {
            s.add(*v);
        }
    }
    s
}

#[test]
fn development_half_meets_its_targets() {
    let t = totals();
    let header = sum(&t, "header.");
    let numbers = sum(&t, "legal_bases.number");
    let kind = sum(&t, "header.kind");
    let sections = sum(&t, "sections");
    let report =
        format!("header {header:?}, numbers {numbers:?}, kind {kind:?}, sections {sections:?}");
    // Header fields: 97% is the target; the misses left are the copy whose every marked
    // letter is lost (phutho_02) and an issuer whose province the copy never names (tayninh_983).
    assert!(
        header.precision() >= 0.97 && header.recall() >= 0.96,
        "{report}"
    );
    // Every kind of document is named.
    assert_eq!((kind.tp, kind.fp, kind.fn_), (20, 0, 0), "{report}");
    // Legal-basis numbers: never a wrong one; the misses are phutho_02's.
    assert!(
        numbers.precision() >= 0.99 && numbers.recall() >= 0.87,
        "{report}"
    );
    assert!(
        sections.precision() >= 0.95 && sections.recall() >= 0.95,
        "{report}"
    );
}
