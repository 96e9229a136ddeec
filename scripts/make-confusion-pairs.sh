#!/usr/bin/env bash
# Renders the CONFUSION split (document ordinal i % 100 == 1) of ../shared/corpora to page
# images and OCRs them, giving (source, OCR) pairs for `sohoa-learn confusions`:
#   target/confusion-pairs/eng/pNNN.{src,ocr}.txt  clean 300 dpi pages and (odd pages) the
#                                                  `photocopy` variant, `tesseract -l eng`
#   target/confusion-pairs/vie/pNNN.{src,ocr}.txt  `photocopy` variant (150 dpi), `tesseract -l vie`
#   target/confusion-pairs/dev-{eng,vie}/...       DEV more pages per engine, made the same way
#                                                  from later documents of the same split: a
#                                                  tuning set that was not learned from
#   target/confusion-pairs/vie-more/...            with VIE_MORE=N: N more `-l vie` pages from
#                                                  the same split of the second news file, for
#                                                  the mark slips (a slip is rare: 100 pages show
#                                                  few of each)
#   target/confusion-pairs/recopy/...              with RECOPY=N: N more pages, each a copy of a
#                                                  copy (`recopy` scan condition: 150 dpi, blur,
#                                                  specks, 1 bit), read by sohoa's own OCR
#                                                  (`sohoa ocr`: its preprocessing, then
#                                                  Tesseract `vie`), for the letter edits of
#                                                  Vietnamese OCR of copies (`sohoa-learn
#                                                  confusions --out dictionaries/confusions-copy.tsv`)
# Pages are rendered by the project renderer (`sohoa-corpus render`).
# Usage: [VIE_MORE=N] [RECOPY=N] [ONLY=recopy] scripts/make-confusion-pairs.sh [PAGES_PER_ENGINE]   (default 60; DEV=20 by default)
# Needs python3, tesseract with eng and vie, and fonts-liberation2. Never reads the eval split or the seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
C=$SHARED/corpora
PY=${PYTHON:-python3}
PAGES=${1:-60}
DEV=${DEV:-20}
OUT=target/confusion-pairs
JOBS=${JOBS:-2}
cargo build --quiet --release --bin sohoa-learn --bin sohoa-corpus --bin sohoa
LEARN=target/release/sohoa-learn
CORPUS=$PWD/target/release/sohoa-corpus
SOHOA=$PWD/target/release/sohoa
VIE_MORE=${VIE_MORE:-0}
RECOPY=${RECOPY:-0}
# ONLY=recopy makes the recopy pages alone (the other sets are left as they are).
ONLY=${ONLY:-}
mkdir -p "$OUT/eng" "$OUT/vie" "$OUT/dev-eng" "$OUT/dev-vie"

# Interleave administrative-register law text with news so both engines see both registers.
$LEARN split --split confusion --min-chars 100 "$C/laws-vlc.txt" > "$OUT/laws.txt"
{ $LEARN split --split confusion "$C/news-dantri-unc.txt" | grep -v '^# '
  zcat "$C/news-baomoi-2017.part00.txt.gz" | $LEARN split --split confusion --min-chars 200; } \
  > "$OUT/news.txt"

# Pack documents into page-sized texts (~2,400 bytes), alternating laws and news pages, and
# alternating engines; fonts rotate so no one typeface's shapes dominate. With RECOPY=N, the next
# N pages of the same sequence are the copies of copies (the laws run out first, so these are
# mostly news: the letter shapes, not the register, are what is learned).
[ "$RECOPY" -gt 0 ] && mkdir -p "$OUT/recopy"
$PY - "$OUT" "$PAGES" "$DEV" "$RECOPY" <<'PYEOF'
import sys
out, pages, dev, recopy = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
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
engines = 2 * (pages + dev)
for k in range(engines + recopy):
    # Laws run out first (the split holds ~110 KB of them); news then fills the rest.
    first, second = (laws, news) if k % 4 < 2 else (news, laws)
    text = next(first, None) or next(second, None)
    if text is None:
        break
    if k >= engines:
        open(f"{out}/recopy/p{k - engines:03d}.txt", "w", encoding="utf-8").write(text)
        continue
    eng = "eng" if k % 2 == 0 else "vie"
    if k // 2 >= pages:
        eng = "dev-" + eng
    open(f"{out}/{eng}/p{k // 2:03d}.txt", "w", encoding="utf-8").write(text)
PYEOF

# More `-l vie` pages, from documents no other page uses: the confusion split of the second
# news file, packed the same way.
if [ "$VIE_MORE" -gt 0 ]; then
  mkdir -p "$OUT/vie-more"
  zcat "$C/news-baomoi-2017.part01.txt.gz" | $LEARN split --split confusion --min-chars 200 \
    > "$OUT/news-more.txt"
  $PY - "$OUT" "$VIE_MORE" <<'PYEOF'
import sys
out, pages = sys.argv[1], int(sys.argv[2])
docs = [d.strip() for d in open(f"{out}/news-more.txt", encoding="utf-8").read().split("\n\n") if d.strip()]
cur, n = "", 0
for d in docs:
    if cur and len((cur + d).encode()) > 2400:
        if n == pages:
            break
        open(f"{out}/vie-more/p{n:03d}.txt", "w", encoding="utf-8").write(cur)
        n, cur = n + 1, ""
    cur += d + "\n\n"
PYEOF
fi

# Liberation Serif has the metrics and much of the look of Times New Roman, the typeface the
# administrative layout standard prescribes (apt package fonts-liberation2).
FONTS=(/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf
       /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf
       /usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf
       /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
       /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf)

# One job: render page text $2 of engine $1 with `sohoa-corpus` and OCR its pages in order.
one() {
  local eng=$1 txt=$2 base=${2%.txt} k
  k=$(basename "$base" | tr -dc 0-9); k=$((10#$k))
  local font=${FONTS[$((k % ${#FONTS[@]}))]} dir name
  dir=$(dirname "$base"); name=$(basename "$base")
  [ -s "$base.ocr.txt" ] && return 0
  if [ "$eng" = recopy ]; then
    # Decree 30 sets administrative documents in Times New Roman 13-14 pt: Liberation Serif
    # (its metrics) at 13 pt, read as sohoa reads a scan (its own steps, then Tesseract `vie`).
    "$CORPUS" render --text "$txt" --out "$dir" --name "$name" --variant recopy \
      --font "${FONTS[0]}" --font-pt 13 --seed "$k" > /dev/null
    for p in "$base"-[0-9][0-9][0-9]-recopy.png; do
      OMP_THREAD_LIMIT=1 "$SOHOA" ocr "$p" 2>/dev/null
    done > "$base.ocr.tmp"
    cat "$base"-[0-9][0-9][0-9]-recopy.gt.txt > "$base.src.txt"
  elif [ "${eng#dev-}" = eng ]; then
    # Old OCR was made from real scans: every other page is a photocopy-like scan (150 dpi,
    # binarised), where `-l eng` reads a worn Đ as P or B, as in the archives' old OCR.
    local variant=clean dpi=300
    if [ $((k % 2)) = 1 ]; then variant=photocopy dpi=150; fi
    "$CORPUS" render --text "$txt" --out "$dir" --name "$name" --variant $variant \
      --font "$font" --font-pt 12 --seed "$k" > /dev/null
    for p in "$base"-[0-9][0-9][0-9]-$variant.png; do
      OMP_THREAD_LIMIT=1 tesseract "$p" - -l eng --dpi $dpi 2>/dev/null
    done > "$base.ocr.tmp"
    cat "$base"-[0-9][0-9][0-9]-$variant.gt.txt > "$base.src.txt"
  else
    "$CORPUS" render --text "$txt" --out "$dir" --name "$name" --variant photocopy \
      --font "$font" --font-pt 11 --seed "$k" > /dev/null
    for p in "$base"-[0-9][0-9][0-9]-photocopy.png; do
      OMP_THREAD_LIMIT=1 tesseract "$p" - -l vie --dpi 150 2>/dev/null
    done > "$base.ocr.tmp"
    cat "$base"-[0-9][0-9][0-9]-photocopy.gt.txt > "$base.src.txt"
  fi
  rm -f "$base"-[0-9][0-9][0-9]-*.png "$base"-[0-9][0-9][0-9]-*.gt.txt
  mv "$base.ocr.tmp" "$base.ocr.txt"
}
export -f one
export CORPUS SOHOA FONTS_STR="${FONTS[*]}"
SETS="eng vie dev-eng dev-vie vie-more recopy"
[ -n "$ONLY" ] && SETS=$ONLY
for eng in $SETS; do
  for t in "$OUT/$eng"/p[0-9][0-9][0-9].txt; do [ -e "$t" ] && echo "$eng $t"; done
done | xargs -P "$JOBS" -n 2 bash -c 'FONTS=($FONTS_STR); one "$0" "$1"'
echo "pairs: $(ls "$OUT"/eng/*.ocr.txt 2>/dev/null | wc -l) eng, $(ls "$OUT"/vie/*.ocr.txt 2>/dev/null | wc -l) vie," \
  "dev $(ls "$OUT"/dev-eng/*.ocr.txt 2>/dev/null | wc -l) eng, $(ls "$OUT"/dev-vie/*.ocr.txt 2>/dev/null | wc -l) vie," \
  "more $(ls "$OUT"/vie-more/*.ocr.txt 2>/dev/null | wc -l) vie," \
  "recopy $(ls "$OUT"/recopy/*.ocr.txt 2>/dev/null | wc -l)" >&2
