#!/usr/bin/env bash
# Renders the CONFUSION split (document ordinal i % 100 == 1) of ../shared/corpora to page
# images and OCRs them, giving (source, OCR) pairs for `sohoa-learn confusions`:
#   target/confusion-pairs/eng/pNNN.{src,ocr}.txt  clean 300 dpi pages, `tesseract -l eng`
#   target/confusion-pairs/vie/pNNN.{src,ocr}.txt  photocopy-degraded 150 dpi, `tesseract -l vie`
# Usage: scripts/make-confusion-pairs.sh [PAGES_PER_ENGINE]   (default 60)
# Needs python3 with Pillow (PYTHON=...), tesseract with eng and vie. Never reads the eval split
# or the seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
C=$SHARED/corpora
PY=${PYTHON:-python3}
PAGES=${1:-60}
OUT=target/confusion-pairs
JOBS=${JOBS:-2}
cargo build --quiet --bin sohoa-learn
LEARN=target/debug/sohoa-learn
mkdir -p "$OUT/eng" "$OUT/vie"

# Interleave administrative-register law text with news so both engines see both registers.
$LEARN split --split confusion --min-chars 100 "$C/laws-vlc.txt" > "$OUT/laws.txt"
{ $LEARN split --split confusion "$C/news-dantri-unc.txt" | grep -v '^# '
  zcat "$C/news-baomoi-2017.part00.txt.gz" | $LEARN split --split confusion --min-chars 200; } \
  > "$OUT/news.txt"

# Pack documents into page-sized texts (~2,400 bytes), alternating laws and news pages, and
# alternating engines; fonts rotate so no one typeface's shapes dominate.
$PY - "$OUT" "$PAGES" <<'PYEOF'
import sys
out, pages = sys.argv[1], int(sys.argv[2])
def docs(path):
    return [d.strip() for d in open(path, encoding="utf-8").read().split("\n\n") if d.strip()]
def pack(ds):
    cur = ""
    for d in ds:
        if cur and len((cur + d).encode()) > 2400:
            yield cur
            cur = ""
        cur += d + "\n\n"
    if cur:
        yield cur
laws, news = pack(docs(f"{out}/laws.txt")), pack(docs(f"{out}/news.txt"))
n = 0
for k in range(2 * pages):
    src = laws if k % 4 < 2 else news
    text = next(src, None)
    if text is None:
        break
    eng = "eng" if k % 2 == 0 else "vie"
    open(f"{out}/{eng}/p{k // 2:03d}.txt", "w", encoding="utf-8").write(text)
PYEOF

FONTS=(/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf
       /usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf
       /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
       /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf)

# One job: render page text $2 of engine $1 and OCR it.
one() {
  local eng=$1 txt=$2 base=${2%.txt} k
  k=$(basename "$base" | tr -dc 0-9); k=$((10#$k))
  local font=${FONTS[$((k % ${#FONTS[@]}))]}
  [ -s "$base.ocr.txt" ] && return 0
  if [ "$eng" = eng ]; then
    $PY scripts/render_text.py "$txt" "$base" --font "$font" --pt 12 --dpi 300
    for p in "$base"-[0-9][0-9].png; do OMP_THREAD_LIMIT=1 tesseract "$p" - -l eng 2>/dev/null; done > "$base.ocr.tmp"
  else
    $PY scripts/render_text.py "$txt" "$base" --font "$font" --pt 11 --dpi 300 --photocopy --loss 0.3 --blur 0.8 --seed "$k"
    for p in "$base"-[0-9][0-9].png; do OMP_THREAD_LIMIT=1 tesseract "$p" - -l vie --dpi 150 2>/dev/null; done > "$base.ocr.tmp"
  fi
  mv "$base.rendered.txt" "$base.src.txt"
  rm -f "$base"-[0-9][0-9].png
  mv "$base.ocr.tmp" "$base.ocr.txt"
}
export -f one
export PY FONTS_STR="${FONTS[*]}"
for eng in eng vie; do
  for t in "$OUT/$eng"/p[0-9][0-9][0-9].txt; do echo "$eng $t"; done
done | xargs -P "$JOBS" -n 2 bash -c 'FONTS=($FONTS_STR); one "$0" "$1"'
echo "pairs: $(ls "$OUT"/eng/*.ocr.txt | wc -l) eng, $(ls "$OUT"/vie/*.ocr.txt | wc -l) vie" >&2
