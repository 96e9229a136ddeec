//! One regression test per defect of "a batch an operator can trust" (issue 15), each named
//! after the defect it guards against: records lost or stale on `--resume`, a panic on a file
//! name, hangs on special files (FIFOs, devices, sockets, links to them), settings failing
//! document by document, two runs on one output, exit codes, silent logs outside a terminal,
//! inputs silently wrong (a PDF's text layer, files that are not documents). Memory on hostile
//! inputs is in `bad_input_scale`.

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn sohoa(args: &[&std::ffi::OsStr]) -> Output {
    command(args).output().expect("the binary runs")
}

fn command(args: &[&std::ffi::OsStr]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sohoa"));
    c.args(args);
    for var in [
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_COUNT",
        "JOB_COMPLETION_INDEX",
        "SOHOA_SHARD_COUNT",
    ] {
        c.env_remove(var);
    }
    c
}

macro_rules! args {
    ($($a:expr),* $(,)?) => { &[$(std::ffi::OsStr::new(&$a)),*] };
}

fn seed(i: usize) -> String {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/text");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    let text = std::fs::read_to_string(&seeds[i % seeds.len()]).unwrap();
    format!("Bản {i}\n{text}")
}

fn records(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn paths(records: &[Value]) -> Vec<String> {
    let mut p: Vec<String> = records
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap().to_string())
        .collect();
    p.sort();
    p
}

/// Waits for `child` at most `limit`; kills it and fails the test if it is still running.
fn wait_or_fail(mut child: std::process::Child, limit: Duration, what: &str) -> Output {
    let deadline = Instant::now() + limit;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{what}: still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn resume_lost_records_of_inputs_not_in_this_run() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for (i, name) in ["a.txt", "b.txt", "c.txt"].iter().enumerate() {
        std::fs::write(d.join(name), seed(i)).unwrap();
    }
    let out = d.join("out.jsonl");
    // Three steps, each adding one input to the same output.
    let first = sohoa(args![&"process", &"-q", &"-o", &out, &d.join("a.txt")]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let second = sohoa(args![
        &"process",
        &"--resume",
        &"-o",
        &out,
        &d.join("b.txt")
    ]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("1 record of inputs not in this run kept"),
        "{}",
        stderr(&second)
    );
    let third = sohoa(args![
        &"process",
        &"--resume",
        &"-o",
        &out,
        &d.join("c.txt"),
        &d.join("a.txt")
    ]);
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
    let got = records(&out);
    let want: Vec<String> = ["a.txt", "b.txt", "c.txt"]
        .iter()
        .map(|n| d.join(n).to_str().unwrap().to_string())
        .collect();
    assert_eq!(paths(&got), want, "every record there, once");
    // This run's inputs first, in input order, then the kept ones.
    assert!(got[0]["source"]["path"]
        .as_str()
        .unwrap()
        .ends_with("c.txt"));
    assert!(stderr(&third).contains("1 reused"), "{}", stderr(&third));

    // Asked for, records of absent inputs are pruned, and the summary says so.
    let pruned = sohoa(args![
        &"process",
        &"--resume",
        &"--prune",
        &"-o",
        &out,
        &d.join("c.txt")
    ]);
    assert_eq!(pruned.status.code(), Some(0), "{}", stderr(&pruned));
    assert!(stderr(&pruned).contains("2 records of inputs not in this run pruned"));
    assert_eq!(paths(&records(&out)), want[2..].to_vec());
}

#[test]
fn resume_lost_records_in_directory_output_counts_them() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("a.txt"), seed(0)).unwrap();
    std::fs::write(d.join("b.txt"), seed(1)).unwrap();
    let out = d.join("out/");
    let first = sohoa(args![&"process", &"-q", &"-o", &out, &d.join("a.txt")]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let second = sohoa(args![
        &"process",
        &"--resume",
        &"-o",
        &out,
        &d.join("b.txt")
    ]);
    assert!(
        stderr(&second).contains("1 record of inputs not in this run kept"),
        "{}",
        stderr(&second)
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);
    let pruned = sohoa(args![
        &"process",
        &"--resume",
        &"--prune",
        &"-o",
        &out,
        &d.join("b.txt")
    ]);
    assert!(stderr(&pruned).contains("1 record of inputs not in this run pruned"));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
}

#[test]
fn non_utf8_file_name_panicked_the_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    // `café.txt` written in Latin-1: the é is the single byte 0xE9, not UTF-8.
    let latin1 = dir.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    std::fs::write(&latin1, seed(0)).unwrap();
    std::fs::write(dir.join("good.txt"), seed(1)).unwrap();
    let out = tmp.path().join("out.jsonl");
    let run = sohoa(args![&"process", &"-q", &"-o", &out, &dir]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let got = records(&out);
    assert_eq!(got.len(), 2);
    let name = got[0]["source"]["path"].as_str().unwrap();
    assert!(name.ends_with("caf\\xe9.txt"), "escaped losslessly: {name}");
    assert_eq!(got[0]["status"], "ok");
    // The escaped name is the record's key: a resumed run finds it again.
    let again = sohoa(args![&"process", &"--resume", &"-o", &out, &dir]);
    assert!(stderr(&again).contains("2 reused"), "{}", stderr(&again));
    // The directory output names the file from the escaped form too.
    let out_dir = tmp.path().join("dir/");
    let run = sohoa(args![&"process", &"-q", &"-o", &out_dir, &dir]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 2);
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn fifo_in_input_directory_or_given_hung_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("good.txt"), seed(0)).unwrap();
    mkfifo(&dir.join("pipe.txt"));
    let given = tmp.path().join("given.fifo");
    mkfifo(&given);
    let out = tmp.path().join("out.jsonl");
    let child = command(args![&"process", &"-q", &"-o", &out, &dir, &given])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let run = wait_or_fail(child, Duration::from_secs(60), "a FIFO input");
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let got = records(&out);
    assert_eq!(got.len(), 3, "every input gets a record");
    for r in got.iter().filter(|r| r["status"] == "failed") {
        let why = r["errors"][0]["message"].as_str().unwrap();
        assert!(why.contains("not a regular file (FIFO)"), "{why}");
    }
    assert_eq!(got.iter().filter(|r| r["status"] == "failed").count(), 2);
}

#[test]
fn symlink_to_dev_zero_exhausted_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("good.txt"), seed(0)).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).unwrap();
    let out = tmp.path().join("out.jsonl");
    let child = command(args![&"process", &"-q", &"-o", &out, &dir])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let run = wait_or_fail(child, Duration::from_secs(60), "a link to /dev/zero");
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let got = records(&out);
    let zero = got.iter().find(|r| r["status"] == "failed").unwrap();
    let why = zero["errors"][0]["message"].as_str().unwrap();
    assert!(
        why.contains("not a regular file (character device)"),
        "{why}"
    );
}

#[test]
fn symlink_loop_is_named_as_such() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink("b.txt", dir.join("a.txt")).unwrap();
    std::os::unix::fs::symlink("a.txt", dir.join("b.txt")).unwrap();
    // A link back to a parent directory is listed once, not walked forever.
    std::os::unix::fs::symlink("..", dir.join("up")).unwrap();
    std::fs::write(dir.join("good.txt"), seed(0)).unwrap();
    let out = tmp.path().join("out.jsonl");
    let run = sohoa(args![&"process", &"-q", &"-o", &out, &dir]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let got = records(&out);
    assert_eq!(got.len(), 4, "{got:?}");
    let loops: Vec<_> = got
        .iter()
        .filter(|r| r["errors"].to_string().contains("symbolic link loop"))
        .collect();
    assert_eq!(loops.len(), 2, "{got:?}");
}

/// One scan, so a bad OCR setting would otherwise only show as a failed page.
fn one_scan(dir: &Path) -> PathBuf {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/ocr/pages/plan-001-clean.png");
    let p = dir.join("scan.png");
    std::fs::copy(page, &p).unwrap();
    p
}

fn assert_usage_error(extra: &[&str], says: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let scan = one_scan(tmp.path());
    let out = tmp.path().join("out.jsonl");
    let mut a: Vec<&std::ffi::OsStr> = vec!["process".as_ref(), "-o".as_ref(), out.as_ref()];
    a.extend(extra.iter().map(std::ffi::OsStr::new));
    a.push(scan.as_ref());
    let run = sohoa(&a);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "usage error: {err}");
    assert!(err.contains(says), "{err}");
    assert!(!err.contains("scan.png"), "no document was tried: {err}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn unknown_language_failed_every_scan_one_by_one() {
    assert_usage_error(&["--lang", "xyz"], "xyz.traineddata");
}

#[test]
fn missing_tessdata_dir_failed_every_scan_one_by_one() {
    assert_usage_error(&["--tessdata", "/nonexistent"], "/nonexistent");
}

#[test]
fn tessdata_that_is_not_a_readable_directory_failed_every_scan() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("tessdata");
    std::fs::write(&file, "not a directory").unwrap();
    assert_usage_error(
        &["--tessdata", file.to_str().unwrap()],
        "not a readable directory",
    );
}

#[test]
fn out_of_range_psm_gave_empty_ok_records() {
    assert_usage_error(&["--psm", "99"], "99");
}

#[test]
fn two_runs_on_one_output_tore_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..30 {
        std::fs::write(dir.join(format!("d{i:02}.txt")), seed(i)).unwrap();
    }
    let out = tmp.path().join("out.jsonl");
    let first = command(args![&"process", &"-q", &"-j", &"1", &"-o", &out, &dir])
        .env("SOHOA_TEST_DELAY_MS", "60")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let partial = tmp.path().join("out.jsonl.partial");
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::metadata(&partial).map_or(0, |m| m.len()) == 0 {
        assert!(Instant::now() < deadline, "the first run never got going");
        std::thread::sleep(Duration::from_millis(10));
    }
    let second = sohoa(args![&"process", &"-q", &"-o", &out, &dir.join("d00.txt")]);
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("another sohoa run"),
        "{}",
        stderr(&second)
    );
    // A merge into the same output is a second run too.
    let shard = tmp.path().join("shard.jsonl");
    std::fs::write(&shard, "").unwrap();
    let merge = sohoa(args![&"merge", &"-o", &out, &shard]);
    assert_eq!(merge.status.code(), Some(1), "{}", stderr(&merge));
    assert!(
        stderr(&merge).contains("another sohoa run"),
        "{}",
        stderr(&merge)
    );
    let first = wait_or_fail(first, Duration::from_secs(120), "the first run");
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let bytes = std::fs::read(&out).unwrap();
    assert!(!bytes.contains(&0), "no NUL bytes");
    assert_eq!(records(&out).len(), 30, "the first run's records, whole");
}

#[test]
fn merge_exit_codes_disagreed_with_help() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // A shard output without its manifest: refused, a fatal error (1), not "some failed" (2).
    let lonely = d.join("lonely.jsonl");
    std::fs::write(&lonely, "").unwrap();
    let run = sohoa(args![&"merge", &"-o", &d.join("m.jsonl"), &lonely]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    // An incomplete merge written on request is "finished, but partly" (2).
    for i in 0..4 {
        std::fs::write(d.join(format!("d{i}.txt")), seed(i)).unwrap();
    }
    let shard = d.join("s0.jsonl");
    let mut a: Vec<std::ffi::OsString> = [
        "process",
        "-q",
        "--shard",
        "0/2",
        "--shard-by",
        "index",
        "-o",
    ]
    .iter()
    .map(Into::into)
    .collect();
    a.push(shard.clone().into());
    a.extend((0..4).map(|i| d.join(format!("d{i}.txt")).into()));
    let a: Vec<&std::ffi::OsStr> = a.iter().map(|s| s.as_os_str()).collect();
    assert_eq!(sohoa(&a).status.code(), Some(0));
    let m = d.join("m.jsonl");
    let refused = sohoa(args![&"merge", &"-o", &m, &shard]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    let written = sohoa(args![&"merge", &"--allow-incomplete", &"-o", &m, &shard]);
    assert_eq!(written.status.code(), Some(2), "{}", stderr(&written));
    assert_eq!(records(&m).len(), 2);
    // The table itself is in every subcommand's --help.
    for sub in ["process", "merge", "ocr", "restore"] {
        let help = sohoa(args![&sub, &"--help"]);
        let text = String::from_utf8_lossy(&help.stdout);
        assert!(text.contains("Exit codes:"), "{sub} --help: {text}");
    }
}

#[test]
fn long_run_outside_a_terminal_printed_nothing_until_the_end() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..12 {
        std::fs::write(dir.join(format!("d{i:02}.txt")), seed(i)).unwrap();
    }
    std::fs::write(dir.join("zz-empty.txt"), "").unwrap();
    let out = tmp.path().join("out.jsonl");
    let run = command(args![
        &"process",
        &"-j",
        &"1",
        &"--progress-every",
        &"1",
        &"-o",
        &out,
        &dir
    ])
    .env("SOHOA_TEST_DELAY_MS", "250")
    .output()
    .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    let progress: Vec<&str> = err.lines().filter(|l| l.contains("ETA")).collect();
    assert!(progress.len() >= 2, "a line every second: {err}");
    assert!(
        progress[0].contains("/13 documents") && progress[0].contains("pages"),
        "{err}"
    );
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    // The run report beside the output.
    let report: Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("out.jsonl.report.json")).unwrap())
            .unwrap();
    assert_eq!(report["documents"], 13);
    assert_eq!(report["status"]["ok"], 12);
    assert_eq!(report["status"]["failed"], 1);
    assert_eq!(report["failures"][0]["errors"][0]["stage"], "ingest");
    assert_eq!(report["errors_by_stage"]["ingest"], 1);
    assert!(report["failures"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("zz-empty.txt"));
    assert!(report["pages_per_second"].as_f64().unwrap() > 0.0);
    // The tokens awaiting review, summed over the run's records.
    let review: usize = records(&out)
        .iter()
        .map(|r| r["restoration"]["review"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(report["review"], review, "{report}");
    assert!(report["fingerprint"]["code"]
        .as_str()
        .unwrap()
        .starts_with("sohoa-"));
}

#[test]
fn resume_reused_records_made_with_other_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for i in 0..3 {
        std::fs::write(d.join(format!("d{i}.txt")), seed(i)).unwrap();
    }
    let inputs: Vec<PathBuf> = (0..3).map(|i| d.join(format!("d{i}.txt"))).collect();
    let out = d.join("out.jsonl");
    let run = |extra: &[&str]| {
        let mut a: Vec<std::ffi::OsString> = vec![
            "process".into(),
            "--resume".into(),
            "-o".into(),
            out.clone().into(),
        ];
        a.extend(extra.iter().map(Into::into));
        a.extend(inputs.iter().map(|p| p.clone().into()));
        let a: Vec<&std::ffi::OsStr> = a.iter().map(|s| s.as_os_str()).collect();
        sohoa(&a)
    };
    let first = run(&[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let fp = records(&out)[0]["fingerprint"].clone();
    assert!(fp["code"].as_str().unwrap().starts_with("sohoa-"), "{fp}");
    let same = run(&[]);
    assert!(stderr(&same).contains("3 reused"), "{}", stderr(&same));
    // Another page segmentation mode changes output: nothing is reused, and the run says why.
    let other = run(&["--psm", "6"]);
    let err = stderr(&other);
    assert!(!err.contains("reused"), "{err}");
    assert!(err.contains("3 recomputed (options changed)"), "{err}");
    assert_ne!(records(&out)[0]["fingerprint"], fp);
}

#[test]
fn merge_combined_records_made_with_other_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let inputs: Vec<PathBuf> = (0..4).map(|i| d.join(format!("d{i}.txt"))).collect();
    for (i, p) in inputs.iter().enumerate() {
        std::fs::write(p, seed(i)).unwrap();
    }
    // Two shards made with the default settings.
    let shards: Vec<PathBuf> = (0..2).map(|i| d.join(format!("s{i}.jsonl"))).collect();
    for (i, shard) in shards.iter().enumerate() {
        let spec = format!("{i}/2");
        let mut a: Vec<std::ffi::OsString> = vec!["process".into(), "-q".into()];
        a.extend(["--shard", &spec, "--shard-by", "index", "-o"].map(Into::into));
        a.push(shard.clone().into());
        a.extend(inputs.iter().map(|p| p.clone().into()));
        let a: Vec<&std::ffi::OsStr> = a.iter().map(|s| s.as_os_str()).collect();
        let run = sohoa(&a);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    let merge = |m: &Path, extra: &[&str]| {
        let mut a: Vec<std::ffi::OsString> = vec!["merge".into(), "-o".into(), m.into()];
        a.extend(extra.iter().map(Into::into));
        a.extend(shards.iter().map(|p| p.clone().into()));
        let a: Vec<&std::ffi::OsStr> = a.iter().map(|s| s.as_os_str()).collect();
        sohoa(&a)
    };
    // Same settings: combined as they are.
    let same = d.join("same.jsonl");
    let run = merge(&same, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(!stderr(&run).contains("recomputed"), "{}", stderr(&run));
    let fp = records(&same)[0]["fingerprint"].clone();
    // Merged under another page segmentation mode, every record is stale: recomputed.
    let other = d.join("other.jsonl");
    let run = merge(&other, &["--psm", "6"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert!(
        err.contains("recomputed 4 stale records (options changed)"),
        "{err}"
    );
    let merged = records(&other);
    assert_eq!(paths(&merged), paths(&records(&same)));
    assert!(merged.iter().all(|r| r["fingerprint"] != fp), "{err}");
    assert!(
        std::fs::read_dir(d).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("recompute")),
        "the recomputed records' scratch file is removed"
    );
    // An input that is gone cannot be recomputed: said per record, left out, incomplete.
    std::fs::remove_file(&inputs[1]).unwrap();
    let gone = d.join("gone.jsonl");
    let run = merge(&gone, &["--psm", "4"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(
        err.contains("recomputed 3 stale records (options changed)"),
        "{err}"
    );
    assert!(
        err.contains("d1.txt (options changed), cannot be recomputed: the input is gone"),
        "{err}"
    );
    assert!(!gone.exists());
    let run = merge(&gone, &["--psm", "4", "--allow-incomplete"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert_eq!(records(&gone).len(), 3);
    // With --no-recompute nothing is made again; the stale records are named and left out.
    let run = merge(&gone, &["--psm", "6", "--no-recompute"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(
        err.contains("d0.txt (options changed), not recomputed"),
        "{err}"
    );
}

#[test]
fn utf8_files_that_are_not_documents_were_ok_plans_with_null_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    let plan = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/text/thai-binh-2023-plan.txt"),
    )
    .unwrap();
    std::fs::write(dir.join("plan.txt"), &plan).unwrap();
    std::fs::write(
        dir.join("checksums.md5"),
        "d41d8cd98f00b204e9800998ecf8427e  scans/a.tif\n".repeat(20),
    )
    .unwrap();
    std::fs::write(
        dir.join("mets.xml"),
        "<?xml version=\"1.0\"?>\n<mets:mets xmlns:mets=\"http://www.loc.gov/METS/\">\n\
         <mets:fileSec><mets:file ID=\"f1\" MIMETYPE=\"image/tiff\"/></mets:fileSec>\n</mets:mets>\n",
    )
    .unwrap();
    // A plan's text saved under a scan's extension: its content is text, not a PDF.
    std::fs::write(dir.join("scan.pdf"), &plan).unwrap();
    let out = tmp.path().join("out.jsonl");
    let run = sohoa(args![
        &"process",
        &"-q",
        &"--exclude",
        &"*.xml",
        &"-o",
        &out,
        &dir
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let recs = records(&out);
    let names: Vec<String> = paths(&recs)
        .iter()
        .map(|p| {
            Path::new(p)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        ["checksums.md5", "plan.txt", "scan.pdf"],
        "--exclude *.xml"
    );
    let by_name = |name: &str| {
        recs.iter()
            .find(|r| r["source"]["path"].as_str().unwrap().ends_with(name))
            .unwrap()
            .clone()
    };
    let plan = by_name("plan.txt");
    assert_eq!(plan["header"]["found"], true, "{}", plan["header"]);
    assert_eq!(plan["header"]["kind"], "ke_hoach");
    assert_eq!(plan["source"]["notes"], serde_json::json!([]));
    let sums = by_name("checksums.md5");
    assert_eq!(sums["header"]["found"], false, "{}", sums["header"]);
    assert_eq!(sums["header"]["kind"], Value::Null);
    let notes = sums["source"]["notes"].to_string();
    assert!(
        notes.contains("extension .md5 is not a document's")
            && notes.contains("not Vietnamese prose"),
        "{notes}"
    );
    let notes = by_name("scan.pdf")["source"]["notes"].to_string();
    assert!(
        notes.contains("extension .pdf says application/pdf, but the content is text/plain"),
        "{notes}"
    );
    // --include takes only what it names; the METS file is a record with no header when taken.
    let run = sohoa(args![
        &"process",
        &"-q",
        &"--include",
        &"*.xml",
        &"-o",
        &out,
        &dir
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["header"]["found"], false);
    assert!(recs[0]["source"]["notes"]
        .to_string()
        .contains("not Vietnamese prose"));
}

#[test]
fn socket_or_link_to_one_in_an_input_directory_was_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("good.txt"), seed(0)).unwrap();
    let socket = dir.join("daemon.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    std::os::unix::fs::symlink(&socket, dir.join("link.pdf")).unwrap();
    let out = tmp.path().join("out.jsonl");
    let child = command(args![&"process", &"-q", &"-o", &out, &dir])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let run = wait_or_fail(child, Duration::from_secs(60), "a socket input");
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let got = records(&out);
    assert_eq!(got.len(), 3, "every input gets a record: {got:?}");
    let failed: Vec<&Value> = got.iter().filter(|r| r["status"] == "failed").collect();
    assert_eq!(failed.len(), 2, "{got:?}");
    for r in failed {
        let why = r["errors"][0]["message"].as_str().unwrap();
        assert!(why.contains("not a regular file (socket)"), "{why}");
    }
}

#[test]
fn pdf_with_a_text_layer_gave_an_ok_record_with_empty_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/ocr/pages/plan-001-clean.png");
    // Tesseract's own searchable PDF: the scan with an invisible text layer over it.
    let base = tmp.path().join("layered");
    let made = Command::new("tesseract")
        .arg(&page)
        .arg(&base)
        .args(["-l", "vie", "pdf"])
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", stderr(&made));
    let out = tmp.path().join("out.jsonl");
    let run = sohoa(args![
        &"process",
        &"-q",
        &"-o",
        &out,
        &base.with_extension("pdf")
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let r = &records(&out)[0];
    assert_eq!(r["status"], "ok");
    assert_eq!(r["ocr"]["pages"][0]["text_source"], "layer", "{}", r["ocr"]);
    // The fields are read from the layer, not left empty.
    assert_eq!(r["header"]["found"], true, "{}", r["header"]);
    assert_eq!(r["header"]["number"], "161/KH-UBND", "{}", r["header"]);
    assert_eq!(r["header"]["kind"], "ke_hoach", "{}", r["header"]);
    assert!(
        r["legal_bases"].as_array().unwrap().len() >= 2,
        "{}",
        r["legal_bases"]
    );
}

#[test]
fn eval_ocr_and_ocr_exit_codes_and_settings_disagreed_with_help() {
    let tmp = tempfile::tempdir().unwrap();
    let scan = one_scan(tmp.path());
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/ocr/pages");
    // Usage errors are 1, said once, before any scan is read.
    let missing = sohoa(args![&"eval", &"ocr", &tmp.path().join("nowhere")]);
    assert_eq!(missing.status.code(), Some(1), "{}", stderr(&missing));
    for run in [
        sohoa(args![&"eval", &"ocr", &"--lang", &"xyz", &pages]),
        sohoa(args![&"ocr", &"--lang", &"xyz", &scan]),
    ] {
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(1), "{err}");
        // One message of ours; Tesseract's own complaint (printed by the library) once, not
        // once per scan.
        assert_eq!(err.matches("sohoa:").count(), 1, "one message: {err}");
        assert!(err.matches("Failed loading language").count() <= 1, "{err}");
        assert!(err.contains("xyz.traineddata"), "{err}");
    }
    let psm = sohoa(args![&"eval", &"ocr", &"--psm", &"99", &pages]);
    assert_eq!(psm.status.code(), Some(1), "{}", stderr(&psm));
    // A cap of zero refuses every input: a usage error, not a batch of failed records.
    for cap in ["--max-text-mb", "--max-input-mb"] {
        let out = tmp.path().join("out.jsonl");
        let run = sohoa(args![&"process", &cap, &"0", &"-o", &out, &scan]);
        assert_eq!(run.status.code(), Some(1), "{cap} 0: {}", stderr(&run));
        assert!(!out.exists());
    }
    // The table is in every subcommand's --help, the eval ones included.
    for sub in [
        &["process"][..],
        &["merge"],
        &["ocr"],
        &["restore"],
        &["schema"],
        &["export"],
        &["eval"],
        &["eval", "restore"],
        &["eval", "ocr"],
        &["eval", "segment"],
    ] {
        let mut a: Vec<&std::ffi::OsStr> = sub.iter().map(std::ffi::OsStr::new).collect();
        a.push("--help".as_ref());
        let help = sohoa(&a);
        assert_eq!(help.status.code(), Some(0), "{sub:?}");
        let text = String::from_utf8_lossy(&help.stdout);
        assert!(
            text.contains("Exit codes:") && text.contains("2  finished, but some"),
            "{sub:?} --help: {text}"
        );
    }
}

#[test]
fn a_panic_in_one_document_ended_the_whole_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    for (i, name) in ["a.txt", "b.txt", "c.txt"].iter().enumerate() {
        std::fs::write(dir.join(name), seed(i)).unwrap();
    }
    let out = tmp.path().join("out.jsonl");
    // A fault injected in b.txt's task (test only): that document fails, the others go on.
    let run = command(args![&"process", &"-q", &"-j", &"2", &"-o", &out, &dir])
        .env("SOHOA_TEST_PANIC_ON", "b.txt")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let got = records(&out);
    assert_eq!(got.len(), 3, "every input gets a record");
    let status: Vec<&str> = got.iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(status, ["ok", "failed", "ok"]);
    let why = got[1]["errors"][0]["message"].as_str().unwrap();
    assert!(
        why.contains("internal error") && why.contains("test panic on b.txt"),
        "{why}"
    );
    assert!(got[1]["source"]["path"]
        .as_str()
        .unwrap()
        .ends_with("b.txt"));
}
