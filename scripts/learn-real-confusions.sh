#!/usr/bin/env bash
# Rewrites the old-OCR part of dictionaries/confusions.tsv (everything from its `# real-ocr`
# line on), which the restorer uses under the old-OCR channel only (restore/mod.rs). It has two
# sections of character-chunk edits (Brill-Moore style, 0-3 characters a side, each with its
# own price), learned by `sohoa-learn confusions`:
#   # decree-oldocr  from the generated Decree 30 old-OCR pairs of scripts/make-oldocr-pairs.sh
#                    (OLDOCR_PAIRS, default target/oldocr-pairs/pairs; corpus text only). When
#                    that folder holds no pairs the committed section is kept as it is.
#   # seeds-ocr      from the two real seed plans, their old OCR (corpus/text/*.ocr.txt) against
#                    their hand-corrected gold (corpus/gold/).
# The decoder reads the file as one table: an edit in several parts keeps its cheapest price.
# Scores on the seeds with this table are in-sample; scripts/seeds-cv.sh gives the
# cross-validated ones (each seed restored with the seed edits learned from the other, the
# decree-oldocr section unchanged: nothing in it comes from a seed).
# Usage: cargo build --release --bin sohoa-learn && scripts/learn-real-confusions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
T=target/real-confusions
LEARN=${LEARN:-target/release/sohoa-learn}
MIN_COUNT=${MIN_COUNT:-2}
OLDOCR_PAIRS=${OLDOCR_PAIRS:-target/oldocr-pairs/pairs}
OLDOCR_MIN_COUNT=${OLDOCR_MIN_COUNT:-3}
TABLE=dictionaries/confusions.tsv
rm -rf "$T"; mkdir -p "$T/pairs"
for n in dong-thap-2022-plan ta-ma-2023-plan; do
  cp "corpus/gold/$n.txt" "$T/pairs/$n.src.txt"
  cp "corpus/text/$n.ocr.txt" "$T/pairs/$n.ocr.txt"
done
"$LEARN" confusions --pairs "$T/pairs" --min-count "$MIN_COUNT" --out "$T/real.tsv"
stats_of() { grep "^# $1:" "$2" | sed "s|^# $1: ||"; }

# The decree-oldocr section: relearned from the pairs if there are any, else the committed one.
if ls "$OLDOCR_PAIRS"/*.ocr.txt >/dev/null 2>&1; then
  "$LEARN" confusions --pairs "$OLDOCR_PAIRS" --min-count "$OLDOCR_MIN_COUNT" --out "$T/decree.tsv"
  {
    echo "# decree-oldocr: chunk edits of generated old OCR: Decree 30 pages of the corpora's confusion split"
    echo "# (scripts/make-oldocr-pairs.sh: clean/office/photocopy/recopy scans, tesseract -l eng --psm 3/4/6"
    echo "# and -l enm), learned by sohoa-learn confusions --rounds 3 --min-count $OLDOCR_MIN_COUNT;"
    echo "# $(stats_of "$OLDOCR_PAIRS" "$T/decree.tsv")."
    grep -v '^#' "$T/decree.tsv"
  } > "$T/decree-section.tsv"
else
  sed -n '/^# decree-oldocr/,/^# seeds-ocr/p' "$TABLE" | sed '/^# seeds-ocr/d' > "$T/decree-section.tsv"
fi

sed -i '/^# real-ocr/,$d' "$TABLE"
{
  echo "# real-ocr: from this line to the end, edits used under the old-OCR channel only (never for"
  echo "# Vietnamese OCR or typed text); written by scripts/learn-real-confusions.sh."
  cat "$T/decree-section.tsv"
  echo "# seeds-ocr: chunk edits of real old OCR, learned from the two seed plans (corpus/text/*.ocr.txt"
  echo "# against corpus/gold/), not from the corpora (sohoa-learn confusions --rounds 3 --min-count $MIN_COUNT);"
  echo "# $(stats_of "$T/pairs" "$T/real.tsv")."
  echo "# Seed scores with these lines are in-sample; scripts/seeds-cv.sh cross-validates them."
  grep -v '^#' "$T/real.tsv"
} >> "$TABLE"
echo "old-OCR part: $(grep -vc '^#' "$T/decree-section.tsv") decree-oldocr + $(grep -vc '^#' "$T/real.tsv") seeds-ocr entries" >&2
