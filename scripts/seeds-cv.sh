#!/usr/bin/env bash
# Cross-validated restoration of the two real old-OCR seeds (issue 14): whatever is learned
# from real old OCR is learned from ONE seed (its OCR text against its hand-corrected gold) and
# measured on the OTHER, never on itself. For each fold this makes
#   target/seeds-cv/learn-SEED/    the seed as a learning pair (SEED.src.txt / SEED.ocr.txt)
#   target/seeds-cv/tables-SEED/   the committed tables, confusions.tsv extended with the edits
#                                  learned from SEED (sohoa-learn confusions, same settings as
#                                  the committed table's real-OCR part, see dictionaries/README.md)
#   target/seeds-cv/test-OTHER/    a one-document `sohoa eval restore` set of the other seed
# and prints each fold's score and the pooled word accuracy (errors summed over both folds).
# Usage: cargo build --release --bin sohoa --bin sohoa-learn && scripts/seeds-cv.sh
set -euo pipefail
cd "$(dirname "$0")/.."
B=target/release
T=target/seeds-cv
MIN_COUNT=${MIN_COUNT:-2}
rm -rf "$T"
mkdir -p "$T"
seeds=(dong-thap-2022-plan ta-ma-2023-plan)
errors=0; words=0
for k in 0 1; do
  learn=${seeds[$k]}; test=${seeds[$((1 - k))]}
  mkdir -p "$T/learn-$learn" "$T/tables-$learn" "$T/test-$test"
  cp "corpus/gold/$learn.txt" "$T/learn-$learn/$learn.src.txt"
  cp "corpus/text/$learn.ocr.txt" "$T/learn-$learn/$learn.ocr.txt"
  "$B/sohoa-learn" confusions --pairs "$T/learn-$learn" --min-count "$MIN_COUNT" \
    --out "$T/real-$learn.tsv" >/dev/null
  cp dictionaries/lm.bin dictionaries/acronyms.tsv dictionaries/places.txt dictionaries/bodies.txt \
    dictionaries/slips-vie.tsv "$T/tables-$learn/"
  # The committed table without its real-OCR part, plus this fold's real-OCR part.
  sed '/^# real-ocr/,$d' dictionaries/confusions.tsv > "$T/tables-$learn/confusions.tsv"
  cat "$T/real-$learn.tsv" >> "$T/tables-$learn/confusions.tsv"
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
