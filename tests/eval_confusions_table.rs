//! The committed learned confusion table: well-formed, in the agreed form, and carrying the
//! confusions old OCR without a Vietnamese model is known for (issue 4), priced by the data.

use sohoa_learn::export::is_mark_slip;
use sohoa_learn::table::ConfusionTable;
use unicode_normalization::UnicodeNormalization;

const TSV: &str = include_str!("../dictionaries/confusions.tsv");

#[test]
fn table_is_well_formed_and_documented() {
    let t = ConfusionTable::parse(TSV).expect("parses");
    assert!(t.len() > 50, "only {} entries", t.len());
    assert!(TSV.contains("Made by: sohoa-learn confusions"));
    assert!(TSV.contains("i % 100 == 1"));
    for (o, i, c) in t.entries() {
        assert_eq!(o, o.to_lowercase(), "{o:?} is not lowercase");
        // The intended side is lowercase, or all capitals for a confusion of the capital that
        // starts a word (`p → Đ`).
        assert!(
            i == i.to_lowercase() || i == i.to_uppercase(),
            "{i:?} is neither lowercase nor capitals"
        );
        for s in [o, i] {
            assert_eq!(s, s.nfc().collect::<String>(), "{s:?} is not NFC");
        }
        assert!(c >= 0.0);
        assert!(!is_mark_slip(o, i), "{o:?} → {i:?} is a mark slip");
    }
}

#[test]
fn old_ocr_confusions_are_learned_and_ordered_by_likelihood() {
    let t = ConfusionTable::parse(TSV).unwrap();
    let six = t.cost("6", "ô").expect("6 for ô");
    assert!(t.cost("w", "ư").is_some(), "w for ư");
    // eng OCR turns ô into 6 far more often than ơ into 6 (ơ has no circumflex to mistake).
    assert!(t.cost("6", "ơ").is_none_or(|c| c > six));
    // The most frequent letter confusions are likely events, not noise: P > 10%.
    assert!(six < 1.0, "6 for ô costs {six}");
    // The rest of the list, learned rather than written by hand (dictionaries/README.md):
    // ir/it for ư, 1 for l, and the worn capital Đ read as B or P.
    for (o, i) in [("ir", "ư"), ("it", "ư"), ("1", "l"), ("b", "Đ"), ("p", "Đ")] {
        let c = t
            .cost(o, i)
            .unwrap_or_else(|| panic!("{o} for {i} not learned"));
        assert!(c < 2.5, "{o} for {i} costs {c}, beyond the decoder's reach");
    }
}
