#!/usr/bin/env bash
# Side by side: sohoa's restorer and pyvi's ViDiac on the same eval sets, scored by the same
# scorer (`sohoa eval restore`), both on one core (taskset -c 0). Not part of CI.
# Usage: scripts/bench-restore-vs-pyvi.sh [SETDIR ...]   (default: stripped and correct)
# Needs `pip install pyvi` in $PYTHON (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
SETS=("$@")
[ ${#SETS[@]} -gt 0 ] || SETS=(corpus/restore/stripped corpus/restore/correct)
OUT=target/pyvi-out
cargo build --release --quiet --bin sohoa
set_args=()
for s in "${SETS[@]}"; do set_args+=(--set "$s"); done

echo "== sohoa (restore time excludes loading; one thread)"
taskset -c 0 target/release/sohoa eval restore "${set_args[@]}"
echo
echo "== pyvi ViDiac (ViUtils.add_accents), outputs in $OUT"
taskset -c 0 "$PY" scripts/pyvi_baseline.py --out "$OUT" "${SETS[@]}"
target/release/sohoa eval restore "${set_args[@]}" --outputs "$OUT"
