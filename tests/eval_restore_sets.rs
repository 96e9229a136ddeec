//! The committed restoration evaluation sets load, and their inputs are what their README says.

use std::path::Path;

use sohoa::eval::restore::{EvalSet, Metric};
use sohoa::eval::strip::strip_marks;

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

#[test]
fn thai_binh_gold_is_the_seed_when_the_seed_is_present() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/thai-binh-2023-plan.txt");
    let Ok(seed) = std::fs::read_to_string(seed) else {
        return; // ../shared is not beside this checkout.
    };
    let set = load("stripped");
    let doc = set
        .docs
        .iter()
        .find(|d| d.name == "thai-binh")
        .expect("thai-binh");
    assert_eq!(doc.gold, seed);
}
