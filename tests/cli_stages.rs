//! The single-stage subcommands: `sohoa restore` as a line-keeping filter, `sohoa ocr` on text.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/text/dong-thap-2022-plan.ocr.txt")
}

fn sohoa_with_stdin(args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sohoa"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn restore_filters_file_or_stdin_keeping_lines() {
    let input = std::fs::read(sample()).unwrap();
    let from_file = sohoa_with_stdin(&["restore", sample().to_str().unwrap()], b"");
    let from_stdin = sohoa_with_stdin(&["restore"], &input);
    assert_eq!(from_file.status.code(), Some(0));
    assert_eq!(from_stdin.status.code(), Some(0));
    assert!(
        from_file.stdout == from_stdin.stdout,
        "FILE and stdin agree"
    );
    let input = String::from_utf8(input).unwrap();
    let output = String::from_utf8(from_file.stdout).unwrap();
    let blank = |s: &str| -> Vec<bool> { s.lines().map(|l| l.trim().is_empty()).collect() };
    assert_eq!(output.lines().count(), input.lines().count());
    assert_eq!(
        blank(&output),
        blank(&input),
        "blank lines stay where they were"
    );
    // CRLF input comes out with LF line ends and the same lines.
    let crlf = sohoa_with_stdin(&["restore", "-"], b"ke hoach\r\n\r\nthi dua\r\n");
    let crlf = String::from_utf8(crlf.stdout).unwrap();
    assert_eq!(crlf.lines().count(), 3);
    assert!(!crlf.contains('\r'));
}

#[test]
fn restore_refuses_invalid_utf8_with_exit_1() {
    let bad = sohoa_with_stdin(&["restore"], b"k\xea ho\xe1ch\n");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("UTF-8"));
    let missing = sohoa_with_stdin(&["restore", "/nonexistent/x.txt"], b"");
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn ocr_prints_text_input_as_it_is_and_fails_on_missing_file() {
    let out = sohoa_with_stdin(&["ocr", sample().to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout == std::fs::read(sample()).unwrap());
    let missing = sohoa_with_stdin(&["ocr", "/nonexistent/scan.png"], b"");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/scan.png"));
}
