//! Segmentation of the three sample plans (gold texts) and two made-up layouts, checked field by
//! field against the expected records written by hand in `tests/fixtures/segment/`.

use std::path::Path;

use sohoa_eval::segment::{load, score, Fixture};

fn fixture(name: &str) -> Fixture {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/segment");
    load(&dir)
        .expect("fixtures load")
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

/// Segments the fixture's text and fails with every field that differs from the expectation.
fn check(name: &str) {
    let f = fixture(name);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(&f.expected.text);
    let text = std::fs::read_to_string(&path).expect("text readable");
    let got = sohoa_core::segment::segment(&text);
    let wrong: Vec<String> = score(&f.expected, &got)
        .into_iter()
        .filter(|(_, s)| s.fp > 0 || s.fn_ > 0)
        .map(|(k, s)| format!("{k}: {} wrong/extra, {} missed", s.fp, s.fn_))
        .collect();
    assert!(
        wrong.is_empty(),
        "{name}: {wrong:#?}\n{}",
        serde_json::to_string_pretty(&got).expect("serialises")
    );
}

#[test]
fn thai_binh_web_copy() {
    check("thai-binh-2023-plan");
}

#[test]
fn ta_ma_flattened_two_column_header() {
    check("ta-ma-2023-plan");
}

#[test]
fn dong_thap_header_cut_off() {
    check("dong-thap-2022-plan");
}

#[test]
fn ba_ria_vung_tau_guide_with_blank_draft_number() {
    check("ba-ria-vung-tau-2024-guide");
}

#[test]
fn chau_thanh_district_plan_deputy_signer() {
    check("chau-thanh-2024-plan");
}

/// Spot checks of values, so a fixture and the code cannot drift together unnoticed.
#[test]
fn values_read_from_the_documents() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).expect("readable");
    let tb = sohoa_core::segment::segment(&read("corpus/gold/thai-binh-2023-plan.txt"));
    assert_eq!(tb.header.number.as_deref(), Some("161/KH-UBND"));
    assert_eq!(tb.header.date.as_deref(), Some("2023-12-11"));
    assert_eq!(tb.legal_bases[1].number.as_deref(), Some("571/QĐ-UBND"));
    let iv = &tb.sections.iter().find(|s| s.number == "IV").expect("IV");
    assert_eq!(iv.children.len(), 4);
    // Sections cover the body: consecutive top-level spans, no gaps between them.
    let top: Vec<_> = tb
        .sections
        .iter()
        .filter(|s| !s.number.is_empty())
        .collect();
    for w in top.windows(2) {
        assert_eq!(
            w[0].line_end + 1,
            w[1].line_start,
            "{} → {}",
            w[0].number,
            w[1].number
        );
    }

    let tm = sohoa_core::segment::segment(&read("corpus/gold/ta-ma-2023-plan.txt"));
    let q = &tm.quotas[1];
    assert_eq!(
        (q.count, q.bound.as_str(), q.who.map(|w| w.as_str())),
        (5, "max", Some("tap_the"))
    );
    assert_eq!(q.award.as_deref(), Some("Bằng khen của Chủ tịch UBND tỉnh"));
    assert_eq!(tm.timeline[3].date.as_deref(), Some("--11-27"));

    let bv = sohoa_core::segment::segment(&read(
        "tests/fixtures/segment/ba-ria-vung-tau-2024-guide.txt",
    ));
    assert_eq!(bv.header.number.as_deref(), Some("/HD-STTTT"));
    assert_eq!(bv.legal_bases[0].number.as_deref(), Some("06/2022/QH15"));
}
