#!/usr/bin/env bash
# Submits an archive run: an N-task array over INPUT, then the merge once every task succeeded.
#
#   deploy/slurm/submit.sh INPUT_ROOT OUT_DIR N [extra sbatch options...]
#
# Re-run one failed or cancelled task I (it resumes where it stopped), then merge by hand:
#   sbatch --array=I --export=ALL,SOHOA_INPUT=INPUT_ROOT,SOHOA_OUT=OUT_DIR,SOHOA_SHARD_COUNT=N \
#     deploy/slurm/sohoa-array.sbatch
#   sbatch --dependency=afterok:JOBID --export=ALL,SOHOA_OUT=OUT_DIR deploy/slurm/merge.sbatch
# Environment: SOHOA_BIN (default: sohoa on PATH); SOHOA_ARGS, the options that change
# records (--lang, --psm, --tessdata, --ocr, --max-*, --no-*, --orient), given to process and
# merge alike so the merge checks fingerprints with the run's settings; SOHOA_PROCESS_ARGS,
# options of `sohoa process` only (-q, -j, --include/--exclude, --emit, --progress-every).
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
input=$(realpath "$1"); out=$(realpath -m "$2"); n=$3; shift 3
here=$(dirname "$(realpath "$0")")
mkdir -p "$out/logs"
vars="ALL,SOHOA_INPUT=$input,SOHOA_OUT=$out,SOHOA_SHARD_COUNT=$n"
array=$(sbatch --parsable --array="0-$((n - 1))" --export="$vars" \
  --output="$out/logs/shard-%a.log" "$@" "$here/sohoa-array.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --export="$vars" --output="$out/logs/merge.log" "$here/merge.sbatch")
echo "array job $array ($n tasks), merge job ${merge%%;*} → $out/merged.jsonl"
