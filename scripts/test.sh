#!/usr/bin/env bash
# Sets up and runs the whole test suite (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# tests/slurm.rs runs a real one-node Slurm cluster (scripts/slurm-test-cluster.sh). Start and
# stop one first, so a machine where the scheduler cannot run fails here in seconds with the
# reason, not after the build; the test itself fails the same way (it never skips).
slurm_dir=$(mktemp -d)
trap 'scripts/slurm-test-cluster.sh stop "$slurm_dir" >/dev/null 2>&1 || true; rm -rf "$slurm_dir"' EXIT
scripts/slurm-test-cluster.sh start "$slurm_dir" >/dev/null || {
  echo "test: the one-node Slurm cluster does not start (see above); tests/slurm.rs needs it" >&2
  exit 1
}
scripts/slurm-test-cluster.sh stop "$slurm_dir"
cargo test --release --workspace --locked
