#!/usr/bin/env bash
# Cross-validated restoration of the two real old-OCR seeds (issue 14): whatever is learned
# from real old OCR is learned from ONE seed (its OCR text against its hand-corrected gold) and
# measured on the OTHER, never on itself. For each fold this makes
#   target/seeds-cv/learn-SEED/    the seed as a learning pair (SEED.src.txt / SEED.ocr.txt)
#   target/seeds-cv/tables-SEED/   the committed tables, confusions.tsv with its `# seeds-ocr`
#                                  section (learned from both seeds) replaced by the edits learned
#                                  from SEED alone (sohoa-learn confusions, same settings as that
#                                  section, see dictionaries/README.md); everything else of the
#                                  table, the generated `# decree-oldocr` edits included, is kept:
#                                  none of it was learned from a seed
#   target/seeds-cv/test-OTHER/    a one-document `sohoa eval restore` set of the other seed
# and prints each fold's score and the pooled word accuracy (errors summed over both folds).
# Usage: cargo build --release --bin sohoa --bin sohoa-learn && scripts/seeds-cv.sh
# DICT=DIR takes the tables (lm.bin, confusions.tsv, ...) from DIR instead of dictionaries/ (to
# cross-validate a candidate model or table), OUT=DIR writes to DIR instead of target/seeds-cv.
set -euo pipefail
cd "$(dirname "$0")/.."
B=target/release
T=${OUT:-target/seeds-cv}
D=${DICT:-dictionaries}
MIN_COUNT=${MIN_COUNT:-2}
rm -rf "$T"
mkdir -p "$T"
seeds=(dong-thap-2022-plan ta-ma-2023-plan)
errors=0; words=0
# Where the seed-learned edits start: the `# seeds-ocr` section that scripts/learn-real-confusions.sh
# writes; in a table without one (every old-OCR edit from the seeds), the `# real-ocr` line.
SEED_MARK='# seeds-ocr'
grep -q "^$SEED_MARK" "$D/confusions.tsv" || SEED_MARK='# real-ocr'
for k in 0 1; do
  learn=${seeds[$k]}; test=${seeds[$((1 - k))]}
  mkdir -p "$T/learn-$learn" "$T/tables-$learn" "$T/test-$test"
  cp "corpus/gold/$learn.txt" "$T/learn-$learn/$learn.src.txt"
  cp "corpus/text/$learn.ocr.txt" "$T/learn-$learn/$learn.ocr.txt"
  "$B/sohoa-learn" confusions --pairs "$T/learn-$learn" --min-count "$MIN_COUNT" \
    --out "$T/real-$learn.tsv" >/dev/null
  cp "$D/lm.bin" "$D/acronyms.tsv" "$D/places.txt" "$D/bodies.txt" "$D/slips-vie.tsv" \
    "$T/tables-$learn/"
  # The committed table without its seed-learned section, plus this fold's seed edits, under
  # the old-OCR channel (after a `# real-ocr` line, as in the committed table).
  tab=$T/tables-$learn/confusions.tsv
  sed "/^$SEED_MARK/,\$d" "$D/confusions.tsv" > "$tab"
  grep -q '^# real-ocr' "$tab" || echo "# real-ocr: old-OCR channel only" >> "$tab"
  echo "# seeds-ocr: learned from $learn only (this fold)" >> "$tab"
  grep -v '^#' "$T/real-$learn.tsv" >> "$tab"
  cp "corpus/gold/$test.txt" "$T/test-$test/$test.gold.txt"
  cp "corpus/text/$test.ocr.txt" "$T/test-$test/$test.input.txt"
  echo "{\"name\":\"cv-$test\",\"metric\":\"word_accuracy\",\"target\":0.96,\"description\":\"learned from $learn\"}" \
    > "$T/test-$test/set.json"
  "$B/sohoa" eval restore --set "$T/test-$test" --dictionaries "$T/tables-$learn" --json \
    > "$T/score-$test.json"
  read -r e w < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]["after"]["words"]; print(r["errors"], r["reference"])' "$T/score-$test.json")
  printf '%-22s learned from %-22s word accuracy %.2f%% (%d errors / %d words)\n' \
    "$test" "$learn" "$(python3 -c "print(100*(1-$e/$w))")" "$e" "$w"
  errors=$((errors + e)); words=$((words + w))
done
printf 'pooled (cross-validated)  word accuracy %.2f%% (%d errors / %d words)\n' \
  "$(python3 -c "print(100*(1-$errors/$words))")" "$errors" "$words"
