#!/usr/bin/env bash
# The spine's throughput and memory, end to end through the release binary:
#   scripts/bench-spine.sh [N]   (default N=1000 text documents made from corpus/text)
# hyperfine gives documents/s; /usr/bin/time -v gives peak memory at N and at 5×N documents
# (flat memory: the batch streams records, it does not hold them). The in-process split of
# stage work vs. the spine's own overhead is `cargo bench --bench spine`. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
cargo build --release --locked -q
bin=target/release/sohoa
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# N distinct plans: the samples in turn, each with its copy number in the first line.
make_docs() {
  local dir=$1 count=$2 i=0
  mkdir -p "$dir"
  local seeds=(corpus/text/*.txt)
  while [ "$i" -lt "$count" ]; do
    { echo "Bản sao số $i"; cat "${seeds[$((i % ${#seeds[@]}))]}"; } >"$dir/plan-$(printf %05d "$i").txt"
    i=$((i + 1))
  done
}
make_docs "$work/docs" "$n"
make_docs "$work/docs5" "$((5 * n))"
echo "bench: $n documents, $(du -sh "$work/docs" | cut -f1) of text; $(nproc) cores" >&2

hyperfine --warmup 1 --runs 5 \
  "$bin process $work/docs -q -j 1 -o $work/out1.jsonl" \
  "$bin process $work/docs -q -o $work/out.jsonl"
test "$(wc -l <"$work/out.jsonl")" -eq "$n"

for d in docs docs5; do
  /usr/bin/time -v "$bin" process "$work/$d" -q -o "$work/$d.jsonl" 2>"$work/time.txt"
  echo "bench: $(ls "$work/$d" | wc -l) documents: $(grep -E 'Maximum resident' "$work/time.txt" | sed 's/^\s*//'), $(grep -E 'Elapsed' "$work/time.txt" | sed 's/^\s*//')"
done
