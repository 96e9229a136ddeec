#!/usr/bin/env bash
# Archive-scale run: peak memory and throughput of `sohoa process` over 100 / 1,000 / 10,000
# documents (text and small images made from the corpus), to check that peak RSS stays flat
# (records are streamed, never collected) and to size cluster runs (pages per core-hour).
#
#   scripts/bench-scale.sh [SIZE...]          # default: 100 1000 10000
#
# Env: IMAGE_EVERY (default 20: one document in 20 is a small PNG page), JOBS (default: all
# cores), KEEP=1 keeps the generated inputs, SHARDS=K (default 0 = off) also runs the input as
# K shards and measures `sohoa merge` of them, checking it equals the unsharded output. Inputs are generated in a temporary directory and
# never committed. Text comes from ../shared/corpora/laws-vlc.txt (20 paragraphs per document,
# a numbered first line keeps every document distinct); images are rendered by ImageMagick from
# the same text with DejaVu Sans. Prints one table row per size for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
image_every=${IMAGE_EVERY:-20}
jobs=${JOBS:-0}
corpus=../shared/corpora/laws-vlc.txt
[ -f "$corpus" ] || { echo "bench-scale: $corpus not found" >&2; exit 1; }
command -v convert >/dev/null || { echo "bench-scale: ImageMagick (convert) needed for the images" >&2; exit 1; }

cargo build --release --quiet
bin=$PWD/target/release/sohoa
work=$(mktemp -d /tmp/sohoa-bench-scale.XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

max=0
for n in "${sizes[@]}"; do [ "$n" -gt "$max" ] && max=$n; done

# Documents: paragraph groups of the laws corpus, numbered so no two are identical.
mkdir -p "$work/text" "$work/img"
awk -v dir="$work/text" -v max="$max" 'BEGIN { RS = ""; n = 0 }
  { buf = buf $0 "\n\n"; if (++k == 20) { docs[n++] = buf; buf = ""; k = 0 } }
  END { for (i = 0; i < max; i++) {
          f = sprintf("%s/doc-%05d.txt", dir, i)
          printf "Bản số %d\n%s", i, docs[i % n] > f; close(f) } }' "$corpus"
# Small page images: 20 distinct renderings, each a few lines of the corpus.
for k in $(seq 0 19); do
  awk -v k="$k" 'BEGIN { RS = "" } NR > k * 37 && NR <= k * 37 + 3 { print substr($0, 1, 300) }' "$corpus" |
    fold -s -w 70 | head -n 8 > "$work/img/lines-$k.txt"
  convert -size 1240x420 xc:white -font DejaVu-Sans -pointsize 26 -fill black \
    -annotate +30+45 "$(cat "$work/img/lines-$k.txt")" -density 300 -units PixelsPerInch \
    -type Grayscale "$work/img/page-$k.png"
done

printf '| documents | of which images | wall s | user+sys s | peak RSS MiB | docs/s | pages/core-hour | exit |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  in="$work/in-$n"
  rm -rf "$in"; mkdir -p "$in"
  images=0
  for i in $(seq 0 $((n - 1))); do
    name=$(printf 'doc-%05d' "$i")
    if [ $((i % image_every)) -eq $((image_every - 1)) ]; then
      ln "$work/img/page-$((i / image_every % 20)).png" "$in/$name.png"
      images=$((images + 1))
    else
      ln "$work/text/$name.txt" "$in/$name.txt"
    fi
  done
  out="$work/out-$n.jsonl"
  rm -f "$out" "$out.partial"
  set +e
  /usr/bin/time -v -o "$work/time-$n.txt" "$bin" process -q --jobs "$jobs" -o "$out" "$in" 2>"$work/stderr-$n.txt"
  code=$?
  set -e
  records=$(wc -l < "$out")
  [ "$records" -eq "$n" ] || { echo "bench-scale: $records records for $n documents" >&2; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time-$n.txt")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$work/time-$n.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time-$n.txt")
  pages=$(python3 -c 'import json,sys; print(sum(max(1, json.loads(l)["source"]["pages"]) for l in open(sys.argv[1])))' "$out")
  awk -v n="$n" -v im="$images" -v w="$wall" -v c="$cpu" -v r="$rss" -v p="$pages" -v e="$code" \
    'BEGIN { printf "| %d | %d | %.2f | %.2f | %d | %.0f | %.0f | %d |\n", n, im, w, c, r, n / w, p / (c / 3600), e }'
  shards=${SHARDS:-0}
  if [ "$shards" -gt 0 ]; then
    for i in $(seq 0 $((shards - 1))); do
      "$bin" process -q --jobs "$jobs" --shard "$i/$shards" -o "$work/shard-$n-$i.jsonl" "$in" 2>/dev/null || true
    done
    /usr/bin/time -v -o "$work/merge-$n.txt" "$bin" merge "$work/shard-$n-"*.jsonl -o "$work/merged-$n.jsonl" 2>/dev/null
    same=$(cmp -s "$work/merged-$n.jsonl" "$out" && echo "identical to the unsharded run" || echo "DIFFERS from the unsharded run")
    awk -F': ' -v n="$n" -v k="$shards" -v same="$same" '/Maximum resident set size/ { r = $2 / 1024 }
      /Elapsed \(wall clock\)/ { m = split($2, t, ":"); s = 0; for (i = 1; i <= m; i++) s = s * 60 + t[i] }
      END { printf "merge of %d shards of %d documents: %.2f s, peak RSS %.0f MiB, %s\n", k, n, s, r, same }' "$work/merge-$n.txt" >&2
  fi
done
