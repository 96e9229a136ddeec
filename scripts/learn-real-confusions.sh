#!/usr/bin/env bash
# Rewrites the real-old-OCR part of dictionaries/confusions.tsv (everything from its
# `# real-ocr` line on): character-chunk edits (Brill-Moore style, 0-3 characters a side, each
# with its own price) learned by `sohoa-learn confusions` from the two real seed plans, their
# old OCR (corpus/text/*.ocr.txt) against their hand-corrected gold (corpus/gold/). The decoder
# reads the file as one table: an edit in both parts keeps its cheaper price.
# Scores on the seeds with this table are in-sample; scripts/seeds-cv.sh gives the
# cross-validated ones (each seed restored with the edits learned from the other).
# Usage: cargo build --release --bin sohoa-learn && scripts/learn-real-confusions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
T=target/real-confusions
MIN_COUNT=${MIN_COUNT:-2}
rm -rf "$T"; mkdir -p "$T/pairs"
for n in dong-thap-2022-plan ta-ma-2023-plan; do
  cp "corpus/gold/$n.txt" "$T/pairs/$n.src.txt"
  cp "corpus/text/$n.ocr.txt" "$T/pairs/$n.ocr.txt"
done
"${LEARN:-target/release/sohoa-learn}" confusions --pairs "$T/pairs" --min-count "$MIN_COUNT" --out "$T/real.tsv"
stats=$(grep "^# $T/pairs:" "$T/real.tsv" | sed "s|^# $T/pairs: ||")
sed -i '/^# real-ocr/,$d' dictionaries/confusions.tsv
{
  echo "# real-ocr: chunk edits of real old OCR, learned from the two seed plans (corpus/text/*.ocr.txt"
  echo "# against corpus/gold/), not from the corpora: scripts/learn-real-confusions.sh"
  echo "# (sohoa-learn confusions --rounds 3 --min-count $MIN_COUNT); $stats."
  echo "# Seed scores with these lines are in-sample; scripts/seeds-cv.sh cross-validates them."
  grep -v '^#' "$T/real.tsv"
} >> dictionaries/confusions.tsv
echo "real-ocr part: $(grep -vc '^#' "$T/real.tsv") entries" >&2
