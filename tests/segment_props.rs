//! Segmentation never panics and does work proportional to its input: properties over arbitrary
//! text and over shuffled or duplicated lines of the real plans, and a work-unit count (not wall
//! time) on a document repeated 10 and 100 times.

use std::path::Path;

use proptest::prelude::*;
use sohoa_core::segment::{segment, segment_counted, Section};

fn gold(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/gold")
        .join(name);
    std::fs::read_to_string(p).expect("gold text")
}

fn real_lines() -> Vec<String> {
    [
        "thai-binh-2023-plan.txt",
        "ta-ma-2023-plan.txt",
        "dong-thap-2022-plan.txt",
    ]
    .iter()
    .flat_map(|n| gold(n).lines().map(str::to_string).collect::<Vec<_>>())
    .collect()
}

/// Every section's span lies inside the document and contains its children's spans.
fn spans_ok(sections: &[Section], lo: usize, hi: usize) -> bool {
    sections.iter().all(|s| {
        s.line_start >= lo
            && s.line_start <= s.line_end
            && s.line_end <= hi
            && !s.kinds.is_empty()
            && spans_ok(&s.children, s.line_start, s.line_end)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let s = segment(&text);
        let lines = text.split('\n').count();
        prop_assert!(spans_ok(&s.sections, 1, lines));
    }

    #[test]
    fn plan_like_text_never_panics(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("I. ".to_string()), Just("1.1. ".to_string()), Just("a) ".to_string()),
                Just("- ".to_string()), Just("+ ".to_string()), Just("Số: ".to_string()),
                Just("/KH-UBND ".to_string()), Just("ngày 5 tháng 13 năm 2024".to_string()),
                Just("Căn cứ Nghị quyết số ".to_string()), Just("Nơi nhận:".to_string()),
                Just("\n".to_string()), Just("không quá 05 tập thể, ".to_string()),
                Just("Quý IV năm ".to_string()), Just("trước ngày 31/02".to_string()),
                Just("Bằng khen của ".to_string()), Just("“".to_string()), Just("%".to_string()),
                Just("KT. CHỦ TỊCH".to_string()), Just("MỤC TIÊU".to_string()),
                "[0-9]{1,6}", "\\PC{0,12}",
            ],
            0..80,
        )
    ) {
        let text: String = parts.concat();
        let s = segment(&text);
        prop_assert!(spans_ok(&s.sections, 1, text.split('\n').count()));
    }

    #[test]
    fn shuffled_and_duplicated_real_lines(seed in proptest::collection::vec(0usize..10_000, 0..300)) {
        let lines = real_lines();
        let text: Vec<&str> = seed.iter().map(|i| lines[i % lines.len()].as_str()).collect();
        let text = text.join("\n");
        let s = segment(&text);
        prop_assert!(spans_ok(&s.sections, 1, text.split('\n').count()));
    }
}

/// Work for the document repeated `n` times, divided by `n` times the work for one copy.
fn growth(doc: &str, n: usize) -> f64 {
    let one = segment_counted(doc).1 as f64;
    let many = segment_counted(&vec![doc; n].join("\n")).1 as f64;
    many / (one * n as f64)
}

#[test]
fn repeated_documents_take_proportional_work() {
    for name in ["thai-binh-2023-plan.txt", "ta-ma-2023-plan.txt"] {
        let doc = gold(name);
        for n in [10, 100] {
            let g = growth(&doc, n);
            assert!(g < 1.5, "{name} x{n}: {g:.2} times the proportional work");
            assert!(g > 0.5, "{name} x{n}: {g:.2}: work is not being counted");
        }
    }
}

#[test]
fn one_giant_line_takes_proportional_work() {
    // No line breaks at all: a pathological scan of many matches on one line.
    let unit = "- Bằng khen của Chủ tịch UBND tỉnh cho không quá 05 tập thể và 05 cá nhân vào Quý IV năm 2025 trước ngày 05/11 đạt 100% ";
    let one = segment_counted(&format!(
        "II. TIÊU CHUẨN, SỐ LƯỢNG, MỤC TIÊU\n{}",
        unit.repeat(10)
    ))
    .1 as f64;
    let many = segment_counted(&format!(
        "II. TIÊU CHUẨN, SỐ LƯỢNG, MỤC TIÊU\n{}",
        unit.repeat(1000)
    ))
    .1 as f64;
    let g = many / (one * 100.0);
    assert!(g < 1.5 && g > 0.5, "growth {g:.2}");
}
