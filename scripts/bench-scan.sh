#!/usr/bin/env bash
# Scan conditions (issue 12 points 1 and 3; BENCHMARKS.md "Scan conditions"): Decree 30
# renders of development-half dev-docs (corpus/scan/decree, Liberation Serif) under every scan
# condition, sohoa's OCR vs `tesseract FILE - -l vie`, and record fields scan vs typed text.
#   scripts/bench-scan.sh [in-sample|held-out|all] [extra args for the example, e.g. --only 01]
# Pages, gold and both OCR texts stay in target/scan-conditions/CONDITION/ for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."
PART=${1:-in-sample}
shift || true
cargo build --release --example scan_conditions >&2
target/release/examples/scan_conditions --part "$PART" "$@"
