//! The committed restoration evaluation sets load, and their inputs are what their README says.

use std::path::Path;

use sohoa_eval::restore::{EvalSet, Metric};
use sohoa_eval::strip::strip_marks;

fn load(name: &str) -> EvalSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/restore")
        .join(name);
    EvalSet::load(&dir).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn stripped_set_inputs_are_the_gold_without_marks() {
    let set = load("stripped");
    assert_eq!(set.info.metric, Metric::SyllableAccuracy);
    let names: Vec<&str> = set.docs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["laws", "news", "thai-binh"]);
    for doc in &set.docs {
        assert_eq!(doc.input, strip_marks(&doc.gold), "{}", doc.name);
        assert_ne!(doc.input, doc.gold, "{}", doc.name);
        assert!(
            doc.gold.len() > 5_000,
            "{} is too small to measure",
            doc.name
        );
    }
}

#[test]
fn correct_set_input_is_its_gold() {
    let set = load("correct");
    assert_eq!(set.info.metric, Metric::Unchanged);
    assert!(!set.docs.is_empty());
    assert!(set.docs.iter().all(|d| d.input == d.gold));
}

/// The seed is read from `../shared`, which CI puts beside the checkout: without it the test
/// fails rather than passing unchecked.
#[test]
fn thai_binh_gold_is_the_seed() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/thai-binh-2023-plan.txt");
    let seed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (../shared must be beside the checkout)",
            path.display()
        )
    });
    let set = load("stripped");
    let doc = set
        .docs
        .iter()
        .find(|d| d.name == "thai-binh")
        .expect("thai-binh");
    assert_eq!(doc.gold, seed);
}

#[test]
fn every_set_scores_the_same_gold_documents() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/restore");
    for name in ["stripped", "correct", "oldocr", "vieocr-photocopy"] {
        let set = load(name);
        assert_eq!(set.docs.len(), 3, "{name}");
        for doc in &set.docs {
            let gold = std::fs::read_to_string(root.join(format!("gold/{}.gold.txt", doc.name)))
                .unwrap_or_else(|e| panic!("{name}/{}: {e}", doc.name));
            assert_eq!(doc.gold, gold, "{name}/{} differs from gold/", doc.name);
        }
    }
}

#[test]
fn ocr_sets_inputs_are_ocr_output_not_gold() {
    for name in ["oldocr", "vieocr-photocopy"] {
        let set = load(name);
        for doc in &set.docs {
            let words = doc.gold.split_whitespace().count();
            let input_words = doc.input.split_whitespace().count();
            assert_ne!(doc.input, doc.gold, "{name}/{}", doc.name);
            // OCR of the whole rendered text: about as many words as the gold, not a fragment.
            assert!(
                input_words * 10 > words * 8 && input_words * 10 < words * 12,
                "{name}/{}: {input_words} OCR words for {words} gold words",
                doc.name
            );
        }
    }
}
