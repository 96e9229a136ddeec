//! `sohoa-learn channel-stats` end to end: pairs of both namings, one column per set, and
//! the statistics of the real old-OCR seeds.

use std::path::Path;
use std::process::Command;

fn stats(args: &[&str]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new(env!("CARGO_BIN_EXE_sohoa-learn"))
        .current_dir(root)
        .arg("channel-stats")
        .args(args)
        .output()
        .expect("sohoa-learn runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 report")
}

#[test]
fn learning_pairs_and_an_eval_set_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let learn = dir.path().join("learn");
    let eval = dir.path().join("eval");
    std::fs::create_dir_all(&learn).unwrap();
    std::fs::create_dir_all(&eval).unwrap();
    std::fs::write(learn.join("p1.src.txt"), "Có số các cá nhân của Sở.\n").unwrap();
    std::fs::write(learn.join("p1.ocr.txt"), "C6 só cac Canhan ctia S&.\n").unwrap();
    std::fs::write(eval.join("d.gold.txt"), "chuyển đổi số\n").unwrap();
    std::fs::write(eval.join("d.input.txt"), "chuyén d oi s6\n").unwrap();
    let report = stats(&[
        "--pairs",
        &format!("gen={}", learn.display()),
        "--pairs",
        eval.to_str().unwrap(),
        "--words",
        "số,đổi",
    ]);
    assert!(
        report.starts_with("| statistic | `gen` | `eval` |\n"),
        "{report}"
    );
    assert!(report.contains("| gold syllables | 7 | 3 |"), "{report}");
    // gen: c6 in 7 syllables; eval: s6 in 3.
    assert!(
        report.contains("| digit for a letter (`c6`), ‰ syllables | 142.9 | 333.3 |"),
        "{report}"
    );
    assert!(
        report.contains("| split syllables, ‰ | 0.0 | 333.3 |"),
        "{report}"
    );
    assert!(
        report.contains("| glued syllable pairs, ‰ | 142.9 | 0.0 |"),
        "{report}"
    );
    assert!(
        report.contains("| số | 0 / 100 / 0 / 0 / 0 (1) | 0 / 0 / 100 / 0 / 0 (1) |"),
        "{report}"
    );
    assert!(
        report.contains("| đổi | – | 0 / 0 / 0 / 100 / 0 (1) |"),
        "{report}"
    );
}

#[test]
fn a_directory_without_pairs_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sohoa-learn"))
        .args(["channel-stats", "--pairs", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(dir.path().to_str().unwrap()), "{err}");
}

#[test]
fn the_real_seeds_show_old_ocr_noise() {
    let report = stats(&["--pairs", "seeds=corpus/restore/seeds-oldocr"]);
    let value = |label: &str| -> f64 {
        let line = report
            .lines()
            .find(|l| l.starts_with(&format!("| {label}")))
            .unwrap_or_else(|| panic!("no row {label}: {report}"));
        line.split('|')
            .nth(2)
            .unwrap()
            .trim()
            .trim_end_matches('%')
            .parse()
            .unwrap()
    };
    // The seeds' old OCR gets about one word in six right as it stands (17.18% word accuracy,
    // BENCHMARKS.md), loses most marks, and writes digits and symbols for marked vowels.
    assert!(value("words: right") < 30.0, "{report}");
    assert!(value("words: marks lost") > 20.0, "{report}");
    assert!(value("digit for a letter") > 5.0, "{report}");
    assert!(value("symbol inside a word") > 1.0, "{report}");
    // The most frequent marked words of an administrative plan are listed by default.
    for w in ["các", "của"] {
        assert!(report.contains(&format!("\n| {w} |")), "{w}: {report}");
    }
}
