#!/usr/bin/env bash
# Turns the dev pages of the confusion split (made by scripts/make-confusion-pairs.sh, never
# learned from) into two `sohoa eval restore` sets for tuning decoder constants, so that the
# evaluation sets in corpus/restore are never tuned on:
#   target/dev-sets/dev-vie      `tesseract -l vie` of photocopy-like pages → their source text
#   target/dev-sets/dev-correct  the source texts as input: typed text that must stay unchanged
# Usage: scripts/make-dev-sets.sh; then e.g.
#   target/release/sohoa eval restore --set target/dev-sets/dev-vie --set target/dev-sets/dev-correct
set -euo pipefail
cd "$(dirname "$0")/.."
IN=target/confusion-pairs/dev-vie
OUT=target/dev-sets
[ -d "$IN" ] || { echo "no $IN: run scripts/make-confusion-pairs.sh first" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT/dev-vie" "$OUT/dev-correct"
for ocr in "$IN"/p[0-9][0-9][0-9].ocr.txt; do
  name=$(basename "$ocr" .ocr.txt)
  cp "$IN/$name.src.txt" "$OUT/dev-vie/$name.gold.txt"
  cp "$ocr" "$OUT/dev-vie/$name.input.txt"
  cp "$IN/$name.src.txt" "$OUT/dev-correct/$name.gold.txt"
  cp "$IN/$name.src.txt" "$OUT/dev-correct/$name.input.txt"
done
cat > "$OUT/dev-vie/set.json" <<'JSON'
{"name": "dev-vie", "metric": "wer_ratio", "target": 0.5,
 "description": "DEV (tuning only): dev pages of the confusion split, photocopy variant read with tesseract -l vie --dpi 150"}
JSON
cat > "$OUT/dev-correct/set.json" <<'JSON'
{"name": "dev-correct", "metric": "unchanged", "target": 0.999,
 "description": "DEV (tuning only): the dev pages' source texts, which restoration should leave as they are"}
JSON
echo "dev sets: $(ls "$OUT"/dev-vie/*.input.txt | wc -l) pages in $OUT" >&2
