#!/usr/bin/env bash
# OCR speed and memory, all measured in one run on the same pages (see BENCHMARKS.md):
#   sohoa process -j 1 / -j 2   vs   two `tesseract` CLI processes in parallel (same vie model)
#   sohoa process -j 2 on a scanned PDF   vs   ocrmypdf -j 2 --sidecar on the same PDF
# Needs: hyperfine, tesseract, ocrmypdf (apt-get install ocrmypdf), /usr/bin/time.
#   scripts/bench-ocr.sh [PAGES] [RUNS]      (defaults: 8 pages, 3 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-8}
RUNS=${2:-3}
W=target/bench-ocr
cargo build --release --bin sohoa --bin sohoa-corpus >&2
rm -rf "$W" && mkdir -p "$W/pages" "$W/out"
TEXT=corpus/ocr/text/thai-binh-2023-plan.txt
target/release/sohoa-corpus render --text "$TEXT" --out "$W/pages" --variant clean \
  --max-pages "$PAGES" --name plan >/dev/null
rm -f "$W"/pages/*.gt.txt
target/release/sohoa-corpus pdf --text "$TEXT" --out "$W/plan.pdf" --variant clean \
  --encoding dct --max-pages "$PAGES" >/dev/null
# Tesseract's best case: each process gets half of the pages as a list (model loaded once per
# process) and OpenMP off (two processes already fill two cores).
ls "$W"/pages/*.png | awk 'NR % 2 == 1' > "$W/list1.txt"
ls "$W"/pages/*.png | awk 'NR % 2 == 0' > "$W/list2.txt"
export OMP_THREAD_LIMIT=1
hyperfine --runs "$RUNS" --warmup 1 --export-json "$W/hyperfine.json" \
  -n "tesseract CLI x2" \
  "bash -c 'tesseract $W/list1.txt $W/out/t1 -l vie >/dev/null 2>&1 & tesseract $W/list2.txt $W/out/t2 -l vie >/dev/null 2>&1 & wait'" \
  -n "sohoa -j 2 (PNG pages)" "target/release/sohoa process -q -j 2 $W/pages -o $W/out/j2.jsonl" \
  -n "sohoa -j 1 (PNG pages)" "target/release/sohoa process -q -j 1 $W/pages -o $W/out/j1.jsonl" \
  -n "sohoa -j 2 (scanned PDF)" "target/release/sohoa process -q -j 2 $W/plan.pdf -o $W/out/pdf.jsonl" \
  -n "ocrmypdf -j 2 --sidecar" "ocrmypdf -q -l vie -j 2 --force-ocr --output-type pdf --sidecar $W/out/side.txt $W/plan.pdf $W/out/ocrmypdf.pdf"
echo "pages: $PAGES"
python3 - "$W/hyperfine.json" "$PAGES" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
for k, v in r.items():
    print(f"{k:28s} {v:7.2f} s  {n / v:5.3f} pages/s")
t, j2, j1 = r["tesseract CLI x2"], r["sohoa -j 2 (PNG pages)"], r["sohoa -j 1 (PNG pages)"]
print(f"sohoa -j 2 / tesseract x2 (pages/s ratio): {t / j2:.3f}  (target >= 0.95)")
print(f"speed-up 1 -> 2 jobs: {j1 / j2:.2f}x")
print(f"ocrmypdf / sohoa time on the PDF: {r['ocrmypdf -j 2 --sidecar'] / r['sohoa -j 2 (scanned PDF)']:.2f}x")
PY
for j in 1 2; do
  /usr/bin/time -f "sohoa -j $j: peak RSS %M KB" \
    target/release/sohoa process -q -j $j "$W/pages" -o "$W/out/mem$j.jsonl"
done
