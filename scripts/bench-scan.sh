#!/usr/bin/env bash
# Scan conditions (issue 12 points 1 and 3; BENCHMARKS.md "Scan conditions"): Decree 30
# renders of dev-docs (Liberation Serif) under every scan condition, sohoa's OCR vs
# `tesseract FILE - -l vie`, and record fields scan vs typed text.
#   scripts/bench-scan.sh [in-sample|held-out] [extra args for the example, e.g. --seed 2]
# in-sample: heads 01-24 (corpus/scan/decree and decree-fresh); held-out: heads 25-34
# (corpus/scan/decree-fresh2) and 35-40 (decree-fresh3), each written before any run; report
# totals only.
# Pages, gold and both OCR texts stay in target/scan-conditions*/CONDITION/ for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."
PART=${1:-in-sample}
shift || true
cargo build --release --example scan_conditions >&2
X=target/release/examples/scan_conditions
case "$PART" in
  in-sample)
    $X --heads corpus/scan/decree --part all --out target/scan-conditions "$@"
    $X --heads corpus/scan/decree-fresh --part all --out target/scan-conditions-fresh "$@" ;;
  held-out)
    $X --heads corpus/scan/decree-fresh2 --part all --out target/scan-conditions-held-out "$@"
    $X --heads corpus/scan/decree-fresh3 --part all --out target/scan-conditions-held-out3 "$@" ;;
  *) echo "usage: $0 [in-sample|held-out] [args]" >&2; exit 2 ;;
esac
