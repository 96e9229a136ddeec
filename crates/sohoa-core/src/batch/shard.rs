//! Sharding: which of N disjoint, stable parts of the input one run takes (Slurm job arrays,
//! Kubernetes Indexed Jobs, GNU parallel), so an archive can be split across machines.
//!
//! Every input belongs to exactly one shard whatever N is: a shard is chosen either from a
//! stable hash of the path relative to the input root (adding files to the archive moves no
//! other file) or from the input's position in the sorted input list (perfectly balanced, but
//! only stable while the list is).

use std::fmt;
use std::path::{Component, Path};
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Environment variable that gives the number of shards when the scheduler does not (Kubernetes
/// Indexed Jobs), or overrides it (a single Slurm array task resubmitted on its own).
pub const SHARD_COUNT_ENV: &str = "SOHOA_SHARD_COUNT";

/// Why a shard specification is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    /// The text is not of the form `I/N`.
    #[error("shard `{0}` is not of the form I/N (e.g. 0/4)")]
    Syntax(String),
    /// N is zero.
    #[error("shard count must be at least 1")]
    ZeroCount,
    /// I is not below N.
    #[error("shard index {index} is out of range for {count} shards (indices are 0..{count}; Slurm arrays must start at 0)")]
    OutOfRange {
        /// The index given.
        index: u32,
        /// The count given.
        count: u32,
    },
    /// An environment variable holds something that is not a number.
    #[error("environment variable {var}={value:?} is not a non-negative integer")]
    Env {
        /// Variable name.
        var: &'static str,
        /// Its value.
        value: String,
    },
    /// An index is known from the environment but not the number of shards.
    #[error(
        "{var} is set but the number of shards is not: set {SHARD_COUNT_ENV} or pass --shard-count"
    )]
    MissingCount {
        /// The variable that gave the index.
        var: &'static str,
    },
    /// The selection strategy is not one of `hash` or `index`.
    #[error("unknown shard strategy `{0}` (expected `hash` or `index`)")]
    Strategy(String),
}

/// The `index`-th of `count` shards (`0 <= index < count`), written `I/N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ShardSpec {
    index: u32,
    count: u32,
}

impl ShardSpec {
    /// The shard `index` of `count`.
    ///
    /// # Errors
    /// [`ShardError::ZeroCount`] or [`ShardError::OutOfRange`].
    pub fn new(index: u32, count: u32) -> Result<Self, ShardError> {
        if count == 0 {
            return Err(ShardError::ZeroCount);
        }
        if index >= count {
            return Err(ShardError::OutOfRange { index, count });
        }
        Ok(ShardSpec { index, count })
    }

    /// The single shard that holds everything (`0/1`).
    pub fn whole() -> Self {
        ShardSpec { index: 0, count: 1 }
    }

    /// 0-based index of this shard.
    pub fn index(self) -> u32 {
        self.index
    }

    /// Number of shards.
    pub fn count(self) -> u32 {
        self.count
    }

    /// Reads the shard from the scheduler's environment, `None` when no scheduler variable is set.
    ///
    /// Slurm: `SLURM_ARRAY_TASK_ID` / `SLURM_ARRAY_TASK_COUNT` (arrays must start at 0).
    /// Kubernetes: `JOB_COMPLETION_INDEX` with the count from `count` or [`SHARD_COUNT_ENV`].
    /// `count` (or [`SHARD_COUNT_ENV`]) also overrides Slurm's count, because a single task
    /// resubmitted as `--array=2` sees `SLURM_ARRAY_TASK_COUNT=1`.
    ///
    /// # Errors
    /// A [`ShardError`] when a variable is malformed or the count is unknown.
    pub fn from_env(count: Option<u32>) -> Result<Option<Self>, ShardError> {
        Self::from_vars(count, |k| std::env::var(k).ok())
    }

    /// [`ShardSpec::from_env`] over any variable lookup (for tests).
    ///
    /// # Errors
    /// As [`ShardSpec::from_env`].
    pub fn from_vars(
        count: Option<u32>,
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Self>, ShardError> {
        let number = |var: &'static str| -> Result<Option<u32>, ShardError> {
            match get(var) {
                None => Ok(None),
                Some(v) if v.trim().is_empty() => Ok(None),
                Some(v) => v
                    .trim()
                    .parse()
                    .map(Some)
                    .map_err(|_| ShardError::Env { var, value: v }),
            }
        };
        let count = match count {
            Some(c) => Some(c),
            None => number(SHARD_COUNT_ENV)?,
        };
        if let Some(index) = number("SLURM_ARRAY_TASK_ID")? {
            let count = match count {
                Some(c) => c,
                None => number("SLURM_ARRAY_TASK_COUNT")?.ok_or(ShardError::MissingCount {
                    var: "SLURM_ARRAY_TASK_ID",
                })?,
            };
            return Self::new(index, count).map(Some);
        }
        if let Some(index) = number("JOB_COMPLETION_INDEX")? {
            let count = count.ok_or(ShardError::MissingCount {
                var: "JOB_COMPLETION_INDEX",
            })?;
            return Self::new(index, count).map(Some);
        }
        Ok(None)
    }
}

impl fmt::Display for ShardSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for ShardSpec {
    type Err = ShardError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (i, n) = s
            .trim()
            .split_once('/')
            .ok_or_else(|| ShardError::Syntax(s.to_string()))?;
        let i = i.trim().parse().map_err(|_| ShardError::Syntax(s.into()))?;
        let n = n.trim().parse().map_err(|_| ShardError::Syntax(s.into()))?;
        ShardSpec::new(i, n)
    }
}

impl Serialize for ShardSpec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ShardSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// How inputs are assigned to shards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShardBy {
    /// A stable hash (SHA-256) of the path relative to the input root: a file's shard never
    /// depends on which other files exist.
    #[default]
    Hash,
    /// Position in the sorted input list, round robin: shards differ in size by at most one.
    Index,
}

impl fmt::Display for ShardBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ShardBy::Hash => "hash",
            ShardBy::Index => "index",
        })
    }
}

impl FromStr for ShardBy {
    type Err = ShardError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "hash" => Ok(ShardBy::Hash),
            "index" => Ok(ShardBy::Index),
            other => Err(ShardError::Strategy(other.to_string())),
        }
    }
}

/// The key a path is hashed by: relative to `root` when under it, components joined by `/`,
/// so the same archive mounted at different places (or on Windows) shards the same way.
pub fn shard_key(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut key = String::new();
    for c in rel.components() {
        let part = match c {
            Component::Normal(p) => p.to_string_lossy(),
            Component::ParentDir => "..".into(),
            // Root, prefix and `.` carry no identity of the file.
            Component::RootDir | Component::Prefix(_) | Component::CurDir => continue,
        };
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str(&part);
    }
    key
}

/// The key of `path` found under one of the input `roots` (the directories given on the command
/// line): relative to the first root it lies under, else the path as given.
pub fn shard_key_in(roots: &[impl AsRef<Path>], path: &Path) -> String {
    let root = roots
        .iter()
        .map(AsRef::as_ref)
        .find(|r| path.starts_with(r) && path != *r)
        .unwrap_or(Path::new(""));
    shard_key(root, path)
}

/// The shard (of `count`) that the hash strategy gives `key`.
///
/// SHA-256 rather than std's hasher because std's is allowed to change between Rust releases,
/// and a shard assignment must not change under a running archive job.
pub fn hash_shard(key: &str, count: u32) -> u32 {
    let digest = Sha256::digest(key.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    (u64::from_be_bytes(first) % u64::from(count.max(1))) as u32
}

impl ShardSpec {
    /// Whether the input with shard key `key` at `position` in the sorted input list is ours.
    pub fn owns(self, by: ShardBy, key: &str, position: usize) -> bool {
        match by {
            ShardBy::Hash => hash_shard(key, self.count) == self.index,
            ShardBy::Index => (position % self.count as usize) == self.index as usize,
        }
    }
}

/// Keeps the items of the sorted input list that belong to `spec`, each with its position in
/// the whole list (the global order that `sohoa merge` restores).
pub fn select<T>(
    items: impl IntoIterator<Item = T>,
    spec: ShardSpec,
    by: ShardBy,
    key: impl Fn(&T) -> String,
) -> Vec<(usize, T)> {
    items
        .into_iter()
        .enumerate()
        .filter(|(i, item)| spec.owns(by, &key(item), *i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::path::PathBuf;

    /// xorshift64*: a tiny deterministic generator, so the property test needs no dependency
    /// and a failure reproduces.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    fn random_paths(rng: &mut Rng, n: usize) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = (0..n)
            .map(|_| {
                let depth = 1 + rng.below(3);
                let mut p = PathBuf::from("/archive");
                for _ in 0..depth {
                    p.push(format!("d{}", rng.below(50)));
                }
                p.set_extension(["png", "tif", "pdf", "txt"][rng.below(4) as usize]);
                p
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn union_of_all_shards_is_exactly_the_input_and_disjoint() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let root = Path::new("/archive");
        for round in 0..200 {
            let n = rng.below(300) as usize;
            let inputs = random_paths(&mut rng, n);
            let count = 1 + rng.below(if round % 10 == 0 { 1000 } else { 17 }) as u32;
            for by in [ShardBy::Hash, ShardBy::Index] {
                let mut seen: HashMap<usize, u32> = HashMap::new();
                for index in 0..count {
                    let spec = ShardSpec::new(index, count).unwrap();
                    let part = select(inputs.iter(), spec, by, |p| shard_key(root, p));
                    for (pos, p) in part {
                        assert_eq!(&inputs[pos], p, "position must be the global position");
                        if let Some(other) = seen.insert(pos, index) {
                            panic!("{p:?} in shards {other} and {index} of {count} ({by})");
                        }
                    }
                }
                assert_eq!(
                    seen.len(),
                    inputs.len(),
                    "{count} shards by {by} lost inputs"
                );
            }
        }
    }

    #[test]
    fn hash_assignment_does_not_depend_on_other_files() {
        let mut rng = Rng(42);
        let all = random_paths(&mut rng, 500);
        let root = Path::new("/archive");
        let spec = ShardSpec::new(1, 3).unwrap();
        let full: Vec<_> = select(all.iter(), spec, ShardBy::Hash, |p| shard_key(root, p))
            .into_iter()
            .map(|(_, p)| p.clone())
            .collect();
        let half: Vec<_> = all.iter().step_by(2).cloned().collect();
        let part: Vec<_> = select(half.iter(), spec, ShardBy::Hash, |p| shard_key(root, p))
            .into_iter()
            .map(|(_, p)| p.clone())
            .collect();
        let expected: Vec<_> = full.into_iter().filter(|p| half.contains(p)).collect();
        assert_eq!(part, expected);
    }

    #[test]
    fn hash_shards_are_balanced_and_index_shards_differ_by_at_most_one() {
        let keys: Vec<String> = (0..10_000)
            .map(|i| format!("box{}/page{i}.tif", i / 97))
            .collect();
        let mut sizes = [0usize; 4];
        for k in &keys {
            sizes[hash_shard(k, 4) as usize] += 1;
        }
        for s in sizes {
            assert!(
                (2_250..=2_750).contains(&s),
                "unbalanced hash shards: {sizes:?}"
            );
        }
        let sizes: Vec<usize> = (0..7)
            .map(|i| {
                let spec = ShardSpec::new(i, 7).unwrap();
                select(keys.iter(), spec, ShardBy::Index, |k| (*k).clone()).len()
            })
            .collect();
        let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        assert!(max - min <= 1, "{sizes:?}");
    }

    #[test]
    fn key_is_relative_to_root_and_independent_of_mount_point() {
        assert_eq!(
            shard_key(Path::new("/a/b"), Path::new("/a/b/c/d.png")),
            "c/d.png"
        );
        assert_eq!(
            shard_key(Path::new("/mnt/x"), Path::new("/mnt/x/c/d.png")),
            shard_key(Path::new("/srv"), Path::new("/srv/c/d.png"))
        );
        assert_eq!(
            shard_key(Path::new("/other"), Path::new("/a/b.png")),
            "a/b.png"
        );
        assert_eq!(
            shard_key(Path::new("."), Path::new("./a/./b.png")),
            "a/b.png"
        );
    }

    #[test]
    fn hash_is_pinned_so_assignments_never_change_between_releases() {
        // SHA-256("c/d.png") starts with these bytes; a change here re-shards running jobs.
        let digest = Sha256::digest(b"c/d.png");
        let first = u64::from_be_bytes(digest[..8].try_into().unwrap());
        assert_eq!(hash_shard("c/d.png", 1_000_003), (first % 1_000_003) as u32);
        assert_eq!(hash_shard("anything", 1), 0);
    }

    #[test]
    fn parses_and_prints_i_of_n() {
        let s: ShardSpec = "2/4".parse().unwrap();
        assert_eq!((s.index(), s.count()), (2, 4));
        assert_eq!(s.to_string(), "2/4");
        assert_eq!(
            "4/4".parse::<ShardSpec>(),
            Err(ShardError::OutOfRange { index: 4, count: 4 })
        );
        assert_eq!("0/0".parse::<ShardSpec>(), Err(ShardError::ZeroCount));
        assert!(matches!(
            "3".parse::<ShardSpec>(),
            Err(ShardError::Syntax(_))
        ));
        assert!(matches!(
            "a/4".parse::<ShardSpec>(),
            Err(ShardError::Syntax(_))
        ));
        assert!(matches!(
            "-1/4".parse::<ShardSpec>(),
            Err(ShardError::Syntax(_))
        ));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, "\"2/4\"");
        assert_eq!(serde_json::from_str::<ShardSpec>(&json).unwrap(), s);
    }

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn reads_slurm_and_kubernetes_environments() {
        assert_eq!(ShardSpec::from_vars(None, vars(&[])), Ok(None));
        let slurm = vars(&[
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert_eq!(
            ShardSpec::from_vars(None, slurm),
            Ok(Some(ShardSpec::new(3, 4).unwrap()))
        );
        // A task resubmitted alone (`--array=2`) sees a count of 1; the override restores 4.
        let alone = vars(&[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_COUNT", "1"),
            (SHARD_COUNT_ENV, "4"),
        ]);
        assert_eq!(
            ShardSpec::from_vars(None, alone),
            Ok(Some(ShardSpec::new(2, 4).unwrap()))
        );
        let k8s = vars(&[("JOB_COMPLETION_INDEX", "5")]);
        assert_eq!(
            ShardSpec::from_vars(None, &k8s),
            Err(ShardError::MissingCount {
                var: "JOB_COMPLETION_INDEX"
            })
        );
        assert_eq!(
            ShardSpec::from_vars(Some(8), &k8s),
            Ok(Some(ShardSpec::new(5, 8).unwrap()))
        );
        let bad = vars(&[
            ("SLURM_ARRAY_TASK_ID", "x"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert!(matches!(
            ShardSpec::from_vars(None, bad),
            Err(ShardError::Env { .. })
        ));
        let one_based = vars(&[
            ("SLURM_ARRAY_TASK_ID", "4"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert_eq!(
            ShardSpec::from_vars(None, one_based),
            Err(ShardError::OutOfRange { index: 4, count: 4 })
        );
    }
}
