#!/usr/bin/env bash
# Pages per second, issue 12 point 6 (BENCHMARKS.md "Speed with every scan step on"):
#   sohoa process -j 2 (and -j 1)  vs  two `tesseract -l vie` CLI processes, each given half
#   of the same pages as a list (model loaded once per process), OMP_THREAD_LIMIT=1.
# Two page sets: `grid` = the tuning documents (01 02 13 14) of corpus/scan/decree under all
# seven scan conditions (28 pages: every preprocessing decision is exercised), `plan` = eight
# clean 300 dpi pages of the Thai Binh plan (what scripts/bench-ocr.sh times).
#   scripts/bench-jobs.sh [grid|plan] [RUNS]
# Accuracy on the grid pages, both engines, is the "Scan conditions" table (scripts/bench-scan.sh).
# Time it on an idle machine: every other process competes for the same two cores.
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
# Interleaved rounds, not one block of runs per command: this VM's speed drifts by several per
# cent over minutes, which a block design turns into a bias between commands. Each round runs
# the three commands once, in an order that rotates from round to round, and the ratio is taken
# within each round (median over rounds).
CLI="tesseract $W/list1.txt $W/out/t1 -l vie >/dev/null 2>&1 & tesseract $W/list2.txt $W/out/t2 -l vie >/dev/null 2>&1 & wait"
J2="target/release/sohoa process -q -j 2 $W/pages -o $W/out/j2.jsonl"
J1="target/release/sohoa process -q -j 1 $W/pages -o $W/out/j1.jsonl"
bash -c "$CLI"; $J2 # warm-up: page cache and model files
: > "$W/times.tsv"
for ((r = 0; r < RUNS; r++)); do
  for k in 0 1 2; do
    i=$(( (k + r) % 3 ))
    name=("tesseract CLI x2" "sohoa -j 2" "sohoa -j 1"); cmd=("$CLI" "$J2" "$J1")
    rm -f "$W"/out/j*.jsonl*
    /usr/bin/time -f "%e\t%U\t%S" -o "$W/t" bash -c "${cmd[$i]}"
    printf '%s\t%s\t%s\n' "$r" "${name[$i]}" "$(cat "$W/t")" >> "$W/times.tsv"
  done
done
python3 - "$W/times.tsv" "$N" <<'PY'
import statistics as st, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
n = int(sys.argv[2])
by = {}
for r, name, wall, user, sys_ in rows:
    by.setdefault(name, {})[int(r)] = (float(wall), float(user) + float(sys_))
for name, runs in by.items():
    walls = [w for w, _ in runs.values()]
    cpus = [c for _, c in runs.values()]
    print(f"{name:18s} median {st.median(walls):7.2f} s (min {min(walls):.2f}, max {max(walls):.2f})  "
          f"{n / st.median(walls):5.3f} pages/s  {st.median(cpus) / n:5.2f} CPU s/page")
rounds = sorted(by["sohoa -j 2"])
ratio = [by["tesseract CLI x2"][r][0] / by["sohoa -j 2"][r][0] for r in rounds]
scale = [by["sohoa -j 1"][r][0] / by["sohoa -j 2"][r][0] for r in rounds]
print(f"pages: {n}; rounds: {len(rounds)}; sohoa -j 2 / tesseract x2, pages/s, per round: "
      + " ".join(f"{x:.3f}" for x in ratio)
      + f"; median {st.median(ratio):.3f} (target >= 1.05); speed-up 1 -> 2 jobs: median {st.median(scale):.2f}x")
PY
