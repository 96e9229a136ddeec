#!/usr/bin/env bash
# Rebuilds corpus/ocr/ (gold text + rendered pages) from ../shared: deterministic, so the
# committed files can be checked by re-running this and diffing.
#   scripts/ocr-corpus.sh            # uses target/release/sohoa-corpus (built if missing)
#   SOHOA_CORPUS=path/to/bin scripts/ocr-corpus.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
BIN=${SOHOA_CORPUS:-target/release/sohoa-corpus}
[ -x "$BIN" ] || cargo build --release --bin sohoa-corpus
OUT=corpus/ocr
mkdir -p "$OUT/text" "$OUT/pages" "$OUT/containers"

# Gold text 1: the clean seed plan. Its `|` marks are table-cell separators of the original
# layout, and lines of only dashes are drawn rules under the header, not text: both dropped.
grep -v '^|$' "$SHARED/seeds/thai-binh-2023-plan.txt" | tr -d '|' | grep -Ev '^[-_ ]+$' \
  > "$OUT/text/thai-binh-2023-plan.txt"
# Gold text 2: the first 8 paragraphs over 300 characters of the evaluation split of the laws
# corpus (documents = blank-line separated blocks, ordinal i % 100 == 0).
awk 'BEGIN{RS=""; i=0} { if (i % 100 == 0 && length($0) > 300 && n < 8) { print; n++ }; i++ }' \
  "$SHARED/corpora/laws-vlc.txt" > "$OUT/text/laws-heldout.txt"

rm -f "$OUT"/pages/* "$OUT"/containers/*
# Committed (kept to a few MB): clean and photocopy pages of both texts, the laws page at
# 150 dpi and as JPEG q40; a 2-page TIFF at 200 dpi; scanned PDFs (JPEG q75 pages, a G4
# photocopy, a Flate 150 dpi page).
for v in clean photocopy; do
  "$BIN" render --text "$OUT/text/thai-binh-2023-plan.txt" --out "$OUT/pages" --variant $v \
    --max-pages 1 --name plan >/dev/null
done
"$BIN" render --text "$OUT/text/laws-heldout.txt" --out "$OUT/pages" --variant clean \
  --variant photocopy --variant dpi150 --variant jpeg40 --name laws >/dev/null
"$BIN" tiff --text "$OUT/text/thai-binh-2023-plan.txt" --out "$OUT/containers/plan-dpi200.tif" \
  --variant dpi200 --max-pages 2 >/dev/null
"$BIN" pdf --text "$OUT/text/thai-binh-2023-plan.txt" --out "$OUT/containers/plan-clean.pdf" \
  --variant clean --encoding dct --max-pages 2 >/dev/null
"$BIN" pdf --text "$OUT/text/thai-binh-2023-plan.txt" --out "$OUT/containers/plan-photocopy.pdf" \
  --variant photocopy --encoding g4 --max-pages 2 >/dev/null
"$BIN" pdf --text "$OUT/text/laws-heldout.txt" --out "$OUT/containers/laws-dpi150.pdf" \
  --variant dpi150 --encoding flate --max-pages 1 >/dev/null
du -sh "$OUT"

# Full variant grid for BENCHMARKS.md (not committed: the noise pages alone are 7 MB each):
# the first 3 pages of the plan and the laws page, every variant.
FULL=target/ocr-corpus/pages
rm -rf "$FULL" && mkdir -p "$FULL"
"$BIN" render --text "$OUT/text/thai-binh-2023-plan.txt" --out "$FULL" --variant all \
  --max-pages 3 --name plan >/dev/null
"$BIN" render --text "$OUT/text/laws-heldout.txt" --out "$FULL" --variant all --name laws >/dev/null
du -sh "$FULL"
