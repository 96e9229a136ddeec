//! Progress and summary on stderr: a bar on a terminal only, nothing of it in a pipe, and
//! `--quiet` hiding both bar and summary but never errors.

use std::path::Path;
use std::process::Command;

fn inputs(dir: &Path) {
    for i in 0..20 {
        std::fs::write(
            dir.join(format!("d{i:02}.txt")),
            format!("Kế hoạch số {i}\n"),
        )
        .unwrap();
    }
    std::fs::write(dir.join("zz-empty.txt"), "").unwrap();
}

/// Runs `sohoa ARGS` with stderr on a pseudo-terminal (util-linux `script`), slowed down so
/// the bar has time to draw; returns what the terminal showed.
fn on_terminal(args: &str) -> String {
    let cmd = format!("{} {args}", env!("CARGO_BIN_EXE_sohoa"));
    let out = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("SOHOA_TEST_DELAY_MS", "40")
        .output()
        .expect("`script` (util-linux) runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn bar_on_a_terminal_only_and_quiet_keeps_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    inputs(&dir);
    let out = tmp.path().join("o.jsonl");
    let args = format!("process {} -j 1 -o {}", dir.display(), out.display());

    let shown = on_terminal(&args);
    assert!(shown.contains("/21 documents"), "bar drawn: {shown}");
    assert!(shown.contains("documents/s"), "{shown}");
    assert!(
        shown.contains("21 documents: 20 ok, 0 partial, 1 failed"),
        "{shown}"
    );
    assert!(
        shown.contains("zz-empty.txt: ingest: file is empty"),
        "{shown}"
    );

    let quiet = on_terminal(&format!("{args} --quiet"));
    assert!(!quiet.contains("documents"), "no bar, no summary: {quiet}");
    assert!(
        quiet.contains("zz-empty.txt: ingest: file is empty"),
        "{quiet}"
    );

    // In a pipe: the summary and errors as plain lines, no bar and no cursor movement.
    let piped = Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(["process", dir.to_str().unwrap(), "-j", "1", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8(piped.stderr).unwrap();
    assert!(
        !stderr.contains('\r') && !stderr.contains('\u{1b}'),
        "{stderr:?}"
    );
    assert_eq!(
        stderr.lines().count(),
        2,
        "one error line and the summary: {stderr}"
    );
    assert!(stderr.lines().last().unwrap().contains("pages/s"));
}
