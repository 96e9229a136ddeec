#!/usr/bin/env bash
# Runs the cargo-fuzz targets (fuzz/) on the stable toolchain, one after another.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     # default: 600 s, all five targets
#
# Targets: ingest (recognition + decoding), pdf (page extraction), pdf_text (a page's own text
# layer: content-stream reader, fonts and CMaps, stream caps), restore, segment.
# Limits: -rss_limit_mb=2048 (an unbounded allocation is a finding) and -timeout=10 (a hang is
# a finding). Seed corpora are built here from ../shared/seeds and tiny generated files, and
# stay out of git; findings land in fuzz/artifacts/TARGET/, logs in fuzz/logs/TARGET.log with
# libFuzzer's final stats (executions, time) that BENCHMARKS.md quotes.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ingest pdf pdf_text restore segment)
# cargo-fuzz passes -Z sanitizer flags; stable rustc accepts them with RUSTC_BOOTSTRAP.
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

seeds=../shared/seeds
corpus=fuzz/corpus
mkdir -p fuzz/logs "$corpus"/{ingest,pdf,pdf_text,restore,segment}
for f in "$seeds"/*.txt; do
  for t in ingest restore segment; do cp -n "$f" "$corpus/$t/" 2>/dev/null || true; done
done
# Vietnamese-OCR text (marked, with OCR noise) takes the restorer's third channel.
for f in corpus/restore/vieocr-photocopy/*.input.txt; do
  cp -n "$f" "$corpus/restore/vie-$(basename "$f")" 2>/dev/null || true
done
# Tiny valid images of each kind, so the fuzzer starts past the magic bytes.
if command -v convert >/dev/null; then
  for ext in png jpg tif pgm; do
    [ -f "$corpus/ingest/seed.$ext" ] || convert -size 64x24 xc:white -fill black \
      -draw 'text 4,16 "So 161"' "$corpus/ingest/seed.$ext" 2>/dev/null || true
  done
fi
# A minimal one-page PDF and one whose page tree points back at itself.
pdf() { # $1 = Kids of the Pages node
  local body="%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [$1] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >> endobj
4 0 obj << /Length 44 >> stream
BT /F1 12 Tf 10 50 Td (So 161/KH) Tj ET
endstream endobj
trailer << /Root 1 0 R >>
%%EOF
"
  printf '%s' "$body"
}
pdf "3 0 R" > "$corpus/pdf/one-page.pdf"
pdf "2 0 R" > "$corpus/pdf/looping-tree.pdf"
cp "$corpus/pdf/"*.pdf "$corpus/ingest/"
# pdf_text inputs: selector byte, content stream, 0xFF, ToUnicode CMap, 0xFF, widths (see the
# target). A simple font showing text, an Identity-H font through a CMap, a Form drawing itself.
cmap='/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0041> <1EBF> <0042> <0020> endbfchar
1 beginbfrange <0061> <007A> <0061> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end'
printf '\000BT /F2 12 Tf 72 700 Td (Ke hoach thi dua) Tj 0 -14 Td [(nam)-250(2025)] TJ ET\377\377' \
  > "$corpus/pdf_text/simple"
{ printf '\005BT /F1 11 Tf 1 0 0 1 72 650 Tm <0061006B00410042> Tj T* <0063> Tj ET\377'
  printf '%s' "$cmap"; printf '\377 0 [500 600] 65 [700]'; } > "$corpus/pdf_text/cid"
printf '\000q 0.5 0 0 0.5 10 10 cm BT /F2 9 Tf 3 Tr (So 161) Tj ET /Fm0 Do Q\377\377' \
  > "$corpus/pdf_text/form"

cd fuzz
for t in "${targets[@]}"; do cargo fuzz build -O "$t"; done
for t in "${targets[@]}"; do
  echo "== fuzzing $t for ${secs}s" >&2
  mkdir -p "artifacts/$t"
  status=0
  extra=()
  # Restoration under ASan takes ~2 s on a whole 20-30 KB seed plan: cut inputs at 2 KB so the
  # fuzzer explores many inputs rather than a few long ones.
  [ "$t" = restore ] && extra=(-max_len=2048)
  cargo fuzz run -O "$t" "corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "${extra[@]}" \
    >"logs/$t.log" 2>&1 || status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' || echo "?")
  took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "logs/$t.log" | tail -1 || true)
  peak=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz $t: exit $status, executions $execs, peak RSS ${peak} MB, ${took:-see logs/$t.log}" >&2
  [ "$status" -eq 0 ] || { echo "fuzz $t found something: fuzz/artifacts/$t/ (log fuzz/logs/$t.log)" >&2; tail -n 30 "logs/$t.log" >&2; }
done
