#!/usr/bin/env bash
# Rebuilds the restoration evaluation sets in corpus/restore/ from the EVAL split
# (document ordinal i % 100 == 0) of ../shared/corpora and the seed thai-binh-2023-plan.txt.
# Usage: scripts/make-restore-sets.sh [gold|stripped|correct|oldocr|vieocr|all]   (default all)
# The OCR sets need tesseract (eng, vie); see corpus/restore/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
C=$SHARED/corpora
OUT=corpus/restore
what=${1:-all}
cargo build --quiet --release --bin sohoa-learn --bin sohoa-corpus
LEARN=target/release/sohoa-learn
CORPUS=target/release/sohoa-corpus

# Long paragraphs are wrapped so that a rendered page keeps the gold line structure.
wrap() { python3 -c 'import sys,textwrap
for line in sys.stdin.read().split("\n"):
    print("\n".join(textwrap.wrap(line, 90)) if line.strip() else "")'; }

make_gold() {
  local g=$OUT/gold
  mkdir -p "$g"
  install -m 644 "$SHARED/seeds/thai-binh-2023-plan.txt" "$g/thai-binh.gold.txt"
  $LEARN split --split eval --min-chars 200 --every 5 --max-bytes 12000 "$C/laws-vlc.txt" \
    | wrap > "$g/laws.gold.txt"
  # Whole lines up to 4,000 bytes; awk reads to the end, so nothing upstream gets SIGPIPE
  # (with pipefail that would silently cut this block short).
  { $LEARN split --split eval "$C/news-dantri-unc.txt" \
      | LC_ALL=C awk '!/^# / { n += length($0) + 1; if (n <= 4000) print }'
    echo
    zcat "$C/news-baomoi-2017.part00.txt.gz" \
      | $LEARN split --split eval --min-chars 200 --every 50 --max-bytes 8000; } \
    | wrap | cat -s > "$g/news.gold.txt"
}

make_stripped() {
  local d=$OUT/stripped
  mkdir -p "$d"
  for f in "$OUT"/gold/*.gold.txt; do
    n=$(basename "$f" .gold.txt)
    install -m 644 "$f" "$d/$n.gold.txt"
    $LEARN strip "$f" > "$d/$n.input.txt"
  done
}

make_correct() {
  local d=$OUT/correct
  mkdir -p "$d"
  # No input files: the input is the gold text itself.
  install -m 644 "$OUT"/gold/*.gold.txt "$d/"
}

# OCR input for every gold text: render with the project renderer (`sohoa-corpus render`, Noto
# Serif 12 pt, A4 at 300 dpi, seed 7), OCR each page image in order.
#   oldocr: the clean pages read with `tesseract -l eng` (OCR without a Vietnamese model)
#   vieocr-photocopy: the `photocopy` variant (150 dpi, blurred, toner noise, binarised) read
#   with `tesseract -l vie --dpi 150`
# The renderer draws exactly the gold words (it fails on a glyph the font lacks), so the set's
# gold is the gold text itself; only line breaks differ, and word accuracy ignores them.
FONT=/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf
make_ocr() {
  local set=$1 d=$OUT/$1 tmp variant lang
  if [ "$set" = oldocr ]; then variant=clean lang="-l eng"; else variant=photocopy lang="-l vie --dpi 150"; fi
  tmp=$(mktemp -d)
  mkdir -p "$d"
  for f in "$OUT"/gold/*.gold.txt; do
    n=$(basename "$f" .gold.txt)
    # DOCS="news laws" redoes only those documents (OCR is the slow part).
    if [ -n "${DOCS:-}" ] && [[ " $DOCS " != *" $n "* ]]; then continue; fi
    install -m 644 "$f" "$d/$n.gold.txt"
    $CORPUS render --text "$f" --out "$tmp" --name "$n" --variant "$variant" \
      --font "$FONT" --font-pt 12 --seed 7 > /dev/null
    # shellcheck disable=SC2086 # $lang is two or four words on purpose
    for p in "$tmp/$n"-[0-9][0-9][0-9]-"$variant".png; do
      OMP_THREAD_LIMIT=1 tesseract "$p" - $lang 2>/dev/null
    done > "$d/$n.input.txt"
  done
  rm -rf "$tmp"
}

case $what in
  gold) make_gold ;;
  stripped) make_stripped ;;
  correct) make_correct ;;
  oldocr) make_ocr oldocr ;;
  vieocr) make_ocr vieocr-photocopy ;;
  all) make_gold; make_stripped; make_correct; make_ocr oldocr; make_ocr vieocr-photocopy ;;
  *) echo "unknown set $what" >&2; exit 2 ;;
esac
