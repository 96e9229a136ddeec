#!/usr/bin/env bash
# Pages per second, issue 12 point 6 (BENCHMARKS.md "Speed with every scan step on"):
#   sohoa process -j 2 (and -j 1)  vs  two `tesseract -l vie` CLI processes, each given half
#   of the same pages as a list (model loaded once per process), OMP_THREAD_LIMIT=1.
# Two page sets: `grid` = the tuning documents (01 02 13 14) of corpus/scan/decree under all
# seven scan conditions (28 pages: every preprocessing decision is exercised), `plan` = eight
# clean 300 dpi pages of the Thai Binh plan (what scripts/bench-ocr.sh times).
#   scripts/bench-jobs.sh [grid|plan] [RUNS]
# Accuracy on the grid pages, both engines, is the "Scan conditions" table (scripts/bench-scan.sh).
# Needs hyperfine (apt-get install hyperfine). Time it on an idle machine: every other process
# competes for the same two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
SET=${1:-grid}
RUNS=${2:-3}
W=target/bench-jobs/$SET
cargo build --release --bin sohoa --bin sohoa-corpus >&2
rm -rf "$W" && mkdir -p "$W/pages" "$W/out"
case "$SET" in
  grid)
    S=target/scan-conditions
    if ! ls "$S"/recopy/14-*-001.png >/dev/null 2>&1; then
      scripts/bench-scan.sh in-sample --only 01 --only 02 --only 13 --only 14 >&2
    fi
    for c in clean office recopy phone lowcontrast dark seal; do
      for f in "$S/$c"/0[12]-*-001.* "$S/$c"/1[34]-*-001.*; do
        case "$f" in *.png|*.jpg) ln -f "$f" "$W/pages/$c-$(basename "$f")" ;; esac
      done
    done ;;
  plan)
    target/release/sohoa-corpus render --text corpus/ocr/text/thai-binh-2023-plan.txt \
      --out "$W/pages" --variant clean --max-pages 8 --name plan >/dev/null
    rm -f "$W"/pages/*.gt.txt ;;
  *) echo "usage: $0 [grid|plan] [RUNS]" >&2; exit 1 ;;
esac
N=$(ls "$W"/pages | wc -l)
ls "$W"/pages/* | sort | awk 'NR % 2 == 1' > "$W/list1.txt"
ls "$W"/pages/* | sort | awk 'NR % 2 == 0' > "$W/list2.txt"
export OMP_THREAD_LIMIT=1
hyperfine --runs "$RUNS" --warmup 1 --export-json "$W/hyperfine.json" \
  -n "tesseract CLI x2" \
  "bash -c 'tesseract $W/list1.txt $W/out/t1 -l vie >/dev/null 2>&1 & tesseract $W/list2.txt $W/out/t2 -l vie >/dev/null 2>&1 & wait'" \
  -n "sohoa -j 2" "target/release/sohoa process -q -j 2 $W/pages -o $W/out/j2.jsonl" \
  -n "sohoa -j 1" "target/release/sohoa process -q -j 1 $W/pages -o $W/out/j1.jsonl"
python3 - "$W/hyperfine.json" "$N" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
n = int(sys.argv[2])
r = {x["command"]: x for x in res}
for k, x in r.items():
    cpu = x["user"] + x["system"]
    print(f"{k:18s} {x['mean']:7.2f} s ± {x['stddev']:.2f}  {n / x['mean']:5.3f} pages/s  {cpu / n:5.2f} CPU s/page")
t, j2, j1 = (r[k]["mean"] for k in ("tesseract CLI x2", "sohoa -j 2", "sohoa -j 1"))
print(f"pages: {n}; sohoa -j 2 / tesseract x2, pages/s: {t / j2:.3f} (target >= 1.05); speed-up 1 -> 2 jobs: {j1 / j2:.2f}x")
PY
