#!/usr/bin/env bash
# Measures what --emit costs on the scans of corpus/ocr: the PDF/A's size against the scan's,
# and the wall time of `sohoa process` with and without every deliverable (one worker, best of
# RUNS). Usage: scripts/bench-emit.sh [RUNS]   (build first: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
BIN=target/release/sohoa
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
best() { # best wall seconds of RUNS runs of "$@"
  local best=""
  for _ in $(seq "$RUNS"); do
    rm -rf "$W/out"
    local t
    /usr/bin/time -f %e -o "$W/time" "$@" >/dev/null 2>&1
    t=$(tail -1 "$W/time")
    best=$(python3 -c "print(min(x for x in [$t, ${best:-$t}]))")
  done
  echo "$best"
}
printf '%-42s %6s %9s %9s %6s %8s %8s %8s\n' input pages scan_B pdfa_B ratio text_B plain_s emit_s
for f in corpus/ocr/containers/*.pdf corpus/ocr/containers/*.tif corpus/ocr/pages/*.png corpus/ocr/pages/*.jpg; do
  plain=$(best env OMP_THREAD_LIMIT=1 "$BIN" process "$f" -j 1 -q -o "$W/out/")
  emit=$(best env OMP_THREAD_LIMIT=1 "$BIN" process "$f" -j 1 -q -o "$W/out/" --emit pdfa,alto,hocr,txt)
  name=$(echo "$f" | sed 's#/#__#g')
  pdf=$(stat -c %s "$W/out/$name.pdf")
  txt=$(stat -c %s "$W/out/$name.txt")
  scan=$(stat -c %s "$f")
  pages=$(pdfinfo "$W/out/$name.pdf" | awk '/^Pages:/ {print $2}')
  printf '%-42s %6s %9s %9s %6.3f %8s %8s %8s\n' "$f" "$pages" "$scan" "$pdf" \
    "$(python3 -c "print($pdf/$scan)")" "$txt" "$plain" "$emit"
done
