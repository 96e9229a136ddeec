#!/usr/bin/env bash
# Quick start: install what is missing, build sohoa, and turn the bundled sample corpus into
# JSON campaign records (corpus/text/; the rest of corpus/ is evaluation data, not documents).
# Run from anywhere; records go to out/records.jsonl in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release --locked
out=out/records.jsonl
status=0
target/release/sohoa process corpus/text/ -o "$out" || status=$?
# Exit code 2 means some documents failed; their records say why. Anything else is fatal.
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
  exit "$status"
fi
echo "quickstart: $(wc -l <"$out") records written to $(pwd)/$out" >&2
echo "quickstart: one document: head -n1 $out | python3 -m json.tool" >&2
