#!/usr/bin/env bash
# Rebuilds the old-OCR variants of the dev-docs texts for segmentation:
# corpus/segment/dev-docs/oldocr/{dev,heldout}/SLUG.ocr.txt, one per document of each half of
# the fixed split (slugs sorted by the SHA-256 of the slug: first 20 development, last 20 held
# out; corpus/segment/dev-docs/SPLIT.md). Each text (../shared/dev-docs/SLUG.txt without its
# "# source:" line) is rendered with the project renderer, degraded, and read with
# `tesseract -l eng` (OCR without a Vietnamese model), as the restoration sets are made
# (scripts/make-restore-sets.sh); see corpus/segment/dev-docs/oldocr/README.md.
# Usage: scripts/make-segment-oldocr.sh [dev|heldout|all]   (default all)
#        DOCS="slug1 slug2" scripts/make-segment-oldocr.sh   redoes only those documents.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
SRC=$SHARED/dev-docs
[ -f "$SRC/README.md" ] || { echo "no $SRC (set SHARED=/path/to/shared)" >&2; exit 2; }
OUT=corpus/segment/dev-docs/oldocr
what=${1:-all}
# CORPUS=path/to/sohoa-corpus uses an already built renderer instead of building one here.
if [ -z "${CORPUS:-}" ]; then
  if [ -d crates/sohoa-corpus ]; then
    cargo build --quiet --release -p sohoa-corpus
  else
    cargo build --quiet --release --bin sohoa-corpus
  fi
  CORPUS=target/release/sohoa-corpus
fi

# Render settings of the restoration sets (Noto Serif 12 pt, A4 at 300 dpi, seed 7); the page
# is degraded as a photocopy (tilted 0.3-0.7 degrees, blurred, 150 dpi, toner noise, binarised).
FONT=/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf
VARIANT=${VARIANT:-photocopy}
DPI=${DPI:-150}

# The slugs of one half: all slugs sorted by the hex SHA-256 of the slug, the first 20 are the
# development half, the last 20 the held-out half (the rule SPLIT.md records).
slugs() {
  local f s
  shopt -s nullglob
  for f in "$SRC"/*.txt; do
    s=$(basename "$f" .txt)
    [ "$s" = README ] && continue
    echo "$(printf '%s' "$s" | sha256sum | cut -c1-16) $s"
  done | sort | awk '{ print $2 }' | if [ "$1" = dev ]; then head -n 20; else tail -n 20; fi
}

make_half() {
  local half=$1 d=$OUT/$1 tmp n
  tmp=$(mktemp -d)
  mkdir -p "$d"
  for n in $(slugs "$half"); do
    if [ -n "${DOCS:-}" ] && [[ " $DOCS " != *" $n "* ]]; then continue; fi
    # The web copy minus its source line: exactly what the typed-text fixtures read.
    grep -v '^# source:' "$SRC/$n.txt" > "$tmp/$n.txt"
    rm -f "$tmp/$n"-*.png
    "$CORPUS" render --text "$tmp/$n.txt" --out "$tmp" --name "$n" --variant "$VARIANT" \
      --font "$FONT" --font-pt 12 --seed 7 > /dev/null
    for p in "$tmp/$n"-[0-9][0-9][0-9]-"$VARIANT".png; do
      OMP_THREAD_LIMIT=1 tesseract "$p" - -l eng --dpi "$DPI" 2>/dev/null
    done > "$d/$n.ocr.txt.tmp"
    mv "$d/$n.ocr.txt.tmp" "$d/$n.ocr.txt"
    echo "$half/$n.ocr.txt"
  done
  rm -rf "$tmp"
}

case $what in
  dev) make_half dev ;;
  heldout) make_half heldout ;;
  all) make_half dev; make_half heldout ;;
  *) echo "unknown half $what" >&2; exit 2 ;;
esac
