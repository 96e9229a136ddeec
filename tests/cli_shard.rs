//! `sohoa process --shard I/N` + `sohoa merge`: whatever N and strategy, the merged shards are
//! byte-identical to one unsharded run; the scheduler's environment picks the shard; merge
//! refuses what it must.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sohoa_core::batch::manifest::{manifest_path, ShardManifest};

fn sohoa(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sohoa"));
    c.args(args);
    // The test itself may run inside a Slurm job; only the variables given here count.
    for var in [
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_COUNT",
        "JOB_COMPLETION_INDEX",
        "SOHOA_SHARD_COUNT",
    ] {
        c.env_remove(var);
    }
    c.envs(env.iter().copied());
    c.output().expect("the binary runs")
}

fn ok(out: &Output) {
    assert!(
        out.status.code().is_some_and(|c| c == 0 || c == 2),
        "{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Documents in nested folders made from the sample plans, plus a broken one (a failed record).
fn archive(dir: &Path) -> PathBuf {
    let root = dir.join("archive");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/text");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    for i in 0..23 {
        let folder = root.join(format!("hop-{}", i % 4));
        std::fs::create_dir_all(&folder).unwrap();
        let seed = std::fs::read_to_string(&seeds[i % seeds.len()]).unwrap();
        let lines: Vec<&str> = seed.lines().skip(i).take(40).collect();
        std::fs::write(folder.join(format!("doc-{i:02}.txt")), lines.join("\n")).unwrap();
    }
    std::fs::write(root.join("hop-1/broken.bin"), [0u8, 0xff, 0, 0xfe]).unwrap();
    root
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn merged_shards_equal_one_run_whatever_n_and_strategy() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path());
    let full = tmp.path().join("full.jsonl");
    ok(&sohoa(&["process", "-q", "-o", s(&full), s(&root)], &[]));
    let expected = std::fs::read(&full).unwrap();
    for (n, by) in [
        (1, "hash"),
        (2, "hash"),
        (5, "hash"),
        (3, "index"),
        (30, "index"),
    ] {
        let dir = tmp.path().join(format!("{n}-{by}"));
        std::fs::create_dir_all(&dir).unwrap();
        let mut outs = Vec::new();
        for i in 0..n {
            let out = dir.join(format!("shard-{i}.jsonl"));
            let shard = format!("{i}/{n}");
            let args = ["process", "-q", "--shard", &shard, "--shard-by", by];
            ok(&sohoa(
                &[&args[..], &["-o", s(&out), s(&root)]].concat(),
                &[],
            ));
            let m = ShardManifest::read(&manifest_path(&out)).unwrap();
            assert!(m.complete && m.inputs_total == 24, "{m:?}");
            outs.push(out);
        }
        let merged = dir.join("merged.jsonl");
        let mut args = vec!["merge"];
        args.extend(outs.iter().rev().map(|p| s(p)));
        args.extend(["-o", s(&merged)]);
        let out = sohoa(&args, &[]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::fs::read(&merged).unwrap() == expected,
            "{n} shards by {by} merge to something else than one run"
        );
    }
}

#[test]
fn the_shard_comes_from_slurm_or_kubernetes_variables() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path());
    let mut seen = 0;
    for (i, env) in [
        vec![
            ("SLURM_ARRAY_TASK_ID", "0"),
            ("SLURM_ARRAY_TASK_COUNT", "2"),
        ],
        // A Slurm task resubmitted alone sees a count of 1; SOHOA_SHARD_COUNT keeps it at 2.
        vec![
            ("SLURM_ARRAY_TASK_ID", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "1"),
            ("SOHOA_SHARD_COUNT", "2"),
        ],
    ]
    .into_iter()
    .enumerate()
    {
        let out = tmp.path().join(format!("slurm-{i}.jsonl"));
        ok(&sohoa(&["process", "-q", "-o", s(&out), s(&root)], &env));
        let m = ShardManifest::read(&manifest_path(&out)).unwrap();
        assert_eq!(m.shard.to_string(), format!("{i}/2"));
        seen += m.inputs.len();
    }
    assert_eq!(seen, 24);

    let out = tmp.path().join("k8s.jsonl");
    let k8s = [("JOB_COMPLETION_INDEX", "2")];
    let refused = sohoa(&["process", "-q", "-o", s(&out), s(&root)], &k8s);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("SOHOA_SHARD_COUNT"));
    let args = [
        "process",
        "-q",
        "--shard-count",
        "3",
        "-o",
        s(&out),
        s(&root),
    ];
    ok(&sohoa(&args, &k8s));
    let m = ShardManifest::read(&manifest_path(&out)).unwrap();
    assert_eq!(m.shard.to_string(), "2/3");

    // Without any of them the whole input is processed and no manifest is written.
    let out = tmp.path().join("whole.jsonl");
    ok(&sohoa(&["process", "-q", "-o", s(&out), s(&root)], &[]));
    assert!(!manifest_path(&out).exists());
    let bad = sohoa(&["process", "--shard", "4/4", "-o", s(&out), s(&root)], &[]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("out of range"));
}

#[test]
fn merge_refuses_incomplete_and_mixed_runs_unless_allowed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path());
    let outs: Vec<PathBuf> = (0..3)
        .map(|i| {
            let out = tmp.path().join(format!("shard-{i}.jsonl"));
            let shard = format!("{i}/3");
            ok(&sohoa(
                &["process", "-q", "--shard", &shard, "-o", s(&out), s(&root)],
                &[],
            ));
            out
        })
        .collect();
    let merged = tmp.path().join("merged.jsonl");
    let two = ["merge", s(&outs[0]), s(&outs[2]), "-o", s(&merged)];
    let out = sohoa(&two, &[]);
    let why = String::from_utf8_lossy(&out.stderr);
    // Incomplete: "finished, but partly" (2), whether written or not.
    assert_eq!(out.status.code(), Some(2), "{why}");
    assert!(why.contains("no output given for shard 1/3"), "{why}");
    assert!(
        !merged.exists(),
        "an incomplete merge writes nothing by default"
    );
    let out = sohoa(&[&two[..], &["--allow-incomplete"]].concat(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let m1 = ShardManifest::read(&manifest_path(&outs[1])).unwrap();
    assert_eq!(
        std::fs::read_to_string(&merged).unwrap().lines().count(),
        24 - m1.inputs.len()
    );

    // A shard made by another pipeline version is refused, output or not.
    let mut m = ShardManifest::read(&manifest_path(&outs[1])).unwrap();
    m.pipeline_version = "sohoa-0.0.1".into();
    m.write(&manifest_path(&outs[1])).unwrap();
    let all = [
        "merge",
        s(&outs[0]),
        s(&outs[1]),
        s(&outs[2]),
        "-o",
        s(&merged),
    ];
    let out = sohoa(&[&all[..], &["--allow-incomplete"]].concat(), &[]);
    let why = String::from_utf8_lossy(&out.stderr);
    // Shards that cannot be merged: a fatal error (1).
    assert_eq!(out.status.code(), Some(1), "{why}");
    assert!(why.contains("refusing to mix versions"), "{why}");
}
