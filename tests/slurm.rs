//! A real scheduler: a private one-node Slurm cluster (munged, slurmctld, slurmd) runs the
//! repo's sbatch scripts as a 4-task array over the sample corpus; one task is cancelled
//! midway and resubmitted, the shards are merged by the repo's merge step, and the merged
//! output must equal a plain single-process run byte for byte.
//!
//! Needs root and Debian's slurm-wlm + munge (scripts/setup.sh installs them; CI's
//! scripts/test.sh starts and stops a cluster before the suite, so a machine without a working
//! scheduler fails at once). Where the cluster cannot start, the test fails with the reason:
//! it never passes without having run the jobs. Every daemon it started is stopped, even on
//! failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sohoa_core::batch::manifest::{manifest_path, ShardManifest};
use sohoa_core::batch::shard::{self, ShardBy, ShardSpec};

const TASKS: u32 = 4;
/// A setting that changes records (it is in their fingerprint), not the default: the array and
/// the merge step must both be given it (`SOHOA_ARGS`) for the merge to reuse the shards'
/// records rather than recompute them with the default.
const RECORD_SETTING: &str = "--max-text-mb=5";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The running cluster; dropping it stops every daemon it started.
struct Cluster {
    dir: PathBuf,
    conf: PathBuf,
}

impl Cluster {
    fn start(dir: &Path) -> Result<Cluster, String> {
        let out = Command::new(repo().join("scripts/slurm-test-cluster.sh"))
            .arg("start")
            .arg(dir)
            .output()
            .map_err(|e| format!("cannot run scripts/slurm-test-cluster.sh: {e}"))?;
        let cluster = Cluster {
            dir: dir.to_path_buf(),
            conf: dir.join("slurm.conf"),
        };
        if out.status.success() {
            Ok(cluster)
        } else {
            // The script stops what it started on failure; stopping again is harmless.
            drop(cluster);
            Err(format!(
                "scripts/slurm-test-cluster.sh start exited with {}: {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    }

    fn cmd(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.env("SLURM_CONF", &self.conf);
        c
    }

    /// Runs a Slurm client command and returns its stdout.
    fn run(&self, program: &str, args: &[&str]) -> String {
        let out = self.cmd(program).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{program} {args:?}: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Waits until job `id` (all its array tasks) has left the queue.
    fn wait(&self, id: &str) {
        let deadline = Instant::now() + Duration::from_secs(600);
        loop {
            let q = self.run("squeue", &["-h", "-j", id, "-o", "%i %T"]);
            if q.trim().is_empty() {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "job {id} still queued: {q}\n{}",
                self.logs()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn logs(&self) -> String {
        let log = self.dir.join("log/slurmctld.log");
        std::fs::read_to_string(log).unwrap_or_default()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let status = Command::new(repo().join("scripts/slurm-test-cluster.sh"))
            .arg("stop")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .status();
        if !matches!(status, Ok(s) if s.success()) {
            eprintln!(
                "slurm test: stopping the cluster in {:?} failed: {status:?}",
                self.dir
            );
        }
    }
}

fn lines(path: &Path) -> usize {
    std::fs::read(path)
        .map(|b| b.iter().filter(|&&c| c == b'\n').count())
        .unwrap_or(0)
}

#[test]
fn array_job_with_a_cancelled_and_resubmitted_task_merges_to_a_single_process_run() {
    let tmp = tempfile::tempdir().unwrap();
    let cluster = Cluster::start(&tmp.path().join("cluster")).unwrap_or_else(|why| {
        panic!("the Slurm scheduler cannot start here (scripts/setup.sh installs it): {why}")
    });
    let input = repo().join("corpus");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let sohoa = env!("CARGO_BIN_EXE_sohoa");

    // The reference: one plain process over the same input, same threads.
    let reference = tmp.path().join("reference.jsonl");
    let status = Command::new(sohoa)
        .args(["process", "-q", "--jobs", "1", RECORD_SETTING, "-o"])
        .arg(&reference)
        .arg(&input)
        .env("OMP_THREAD_LIMIT", "1")
        .env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("JOB_COMPLETION_INDEX")
        .status()
        .unwrap();
    assert!(
        status.code().is_some_and(|c| c <= 2),
        "reference run: {status}"
    );
    let documents = lines(&reference);
    assert!(
        documents >= 8,
        "the sample corpus is too small to shard: {documents}"
    );

    // Cancel the task with the most documents, so it surely has some left when cancelled.
    let paths: Vec<_> = sohoa_core::batch::collect(std::slice::from_ref(&input), None)
        .unwrap()
        .into_iter()
        .map(|i| i.path)
        .collect();
    let sizes: Vec<usize> = (0..TASKS)
        .map(|i| {
            let spec = ShardSpec::new(i, TASKS).unwrap();
            shard::select(paths.iter(), spec, ShardBy::Hash, |p| {
                shard::shard_key(&input, p)
            })
            .len()
        })
        .collect();
    let victim = (0..TASKS).max_by_key(|&i| sizes[i as usize]).unwrap();
    assert!(sizes[victim as usize] >= 3, "shard sizes {sizes:?}");

    let vars = format!(
        "ALL,SOHOA_INPUT={},SOHOA_OUT={},SOHOA_SHARD_COUNT={TASKS},SOHOA_BIN={sohoa},SOHOA_ARGS={RECORD_SETTING},SOHOA_PROCESS_ARGS=-q,SOHOA_TEST_DELAY_MS=700",
        input.display(),
        out.display()
    );
    let sbatch = |array: &str| -> String {
        let log = out.join("task-%A_%a.log");
        let id = cluster.run(
            "sbatch",
            &[
                "--parsable",
                &format!("--array={array}"),
                "--cpus-per-task=1",
                "--mem=1G",
                &format!("--export={vars}"),
                &format!("--output={}", log.display()),
                repo()
                    .join("deploy/slurm/sohoa-array.sbatch")
                    .to_str()
                    .unwrap(),
            ],
        );
        id.trim().split(';').next().unwrap().to_string()
    };
    let job = sbatch(&format!("0-{}", TASKS - 1));

    // Midway: the victim has written at least one record to its .partial file.
    let shard_out = out.join(format!("shard-{victim}.jsonl"));
    let partial = sohoa_core::batch::Output::partial_path(&shard_out);
    let deadline = Instant::now() + Duration::from_secs(300);
    while lines(&partial) < 1 {
        assert!(
            Instant::now() < deadline,
            "task {victim} never started\n{}",
            cluster.logs()
        );
        assert!(
            !shard_out.exists(),
            "task {victim} finished before it could be cancelled"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    cluster.run("scancel", &[&format!("{job}_{victim}")]);
    cluster.wait(&job);
    assert!(
        !shard_out.exists(),
        "the cancelled task must not have finished its output"
    );
    let killed = ShardManifest::read(&manifest_path(&shard_out)).unwrap();
    assert!(
        !killed.complete,
        "a cancelled shard's manifest says it is incomplete"
    );
    let before = lines(&partial);
    assert!(before >= 1 && before < sizes[victim as usize]);

    // A merge now must refuse, naming the missing documents, and write nothing.
    let merged = out.join("merged.jsonl");
    let shards: Vec<PathBuf> = (0..TASKS)
        .map(|i| out.join(format!("shard-{i}.jsonl")))
        .filter(|p| p.exists())
        .collect();
    assert_eq!(shards.len(), TASKS as usize - 1);
    let refused = Command::new(sohoa)
        .arg("merge")
        .args(&shards)
        .arg("-o")
        .arg(&merged)
        .output()
        .unwrap();
    let why = String::from_utf8_lossy(&refused.stderr);
    // Incomplete: "finished, but partly" (2); nothing written.
    assert_eq!(refused.status.code(), Some(2), "{why}");
    assert!(
        why.contains(&format!("no output given for shard {victim}/{TASKS}")),
        "{why}"
    );
    assert!(!merged.exists());

    // Resubmit the victim alone; the script resumes it.
    let again = sbatch(&victim.to_string());
    cluster.wait(&again);
    let resumed = ShardManifest::read(&manifest_path(&shard_out)).unwrap();
    assert!(
        resumed.complete,
        "{resumed:?}\n{}",
        std::fs::read_to_string(out.join(format!("task-{again}_{victim}.log"))).unwrap_or_default()
    );
    assert_eq!(resumed.shard, ShardSpec::new(victim, TASKS).unwrap());
    assert_eq!(
        resumed.skipped, before,
        "the resubmitted task must reuse every record it wrote before the cancel, and redo none"
    );
    assert_eq!(
        resumed.done + resumed.failed + resumed.skipped,
        sizes[victim as usize]
    );

    // The repo's merge step, as a job.
    let log = out.join("merge.log");
    let id = cluster.run(
        "sbatch",
        &[
            "--parsable",
            "--cpus-per-task=1",
            "--mem=1G",
            &format!("--export={vars}"),
            &format!("--output={}", log.display()),
            repo().join("deploy/slurm/merge.sbatch").to_str().unwrap(),
        ],
    );
    cluster.wait(id.trim());
    let merged_bytes = std::fs::read(&merged).unwrap_or_else(|e| {
        panic!(
            "no merged output ({e}); merge log:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        )
    });
    let merge_log = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        !merge_log.contains("recomputing") && !merge_log.contains("stale"),
        "the merge must reuse every record made with the run's settings:\n{merge_log}"
    );
    assert_eq!(lines(&merged), documents);
    assert!(
        merged_bytes == std::fs::read(&reference).unwrap(),
        "the merged shards differ from the single-process run"
    );
}
