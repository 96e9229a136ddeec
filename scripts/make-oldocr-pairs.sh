#!/usr/bin/env bash
# Old-OCR learning pairs that look like the archives' real old OCR (issue 14 point 2):
# administrative documents typeset in the Decree 30 layout (`sohoa-corpus decree`: Liberation
# Serif, 13 pt body, bold capital headers, header and footer tables, a red seal), scanned as
# clean pages, office scans, photocopies and copies of copies, and read by several OCR
# engines that have no Vietnamese model. Text: the CONFUSION split (document i % 100 == 1) of
# ../shared/corpora/laws-vlc.txt (the administrative register; its ~110 KB make 27 documents),
# then of the news files (as scripts/make-confusion-pairs.sh uses them), headers made from the
# gazetteer and the Decree 30 vocabulary; never the eval split, dev-docs or the seeds.
#
#   target/oldocr-pairs/pairs/dNNN.{src,ocr}.txt   one engine and scan per document, rotating
#   target/oldocr-pairs/engines.tsv                 which engine and scan made each pair
#   with ALL_ENGINES=1 instead: target/oldocr-pairs/ENGINE/dNNN.{src,ocr}.txt, every document
#   read by every engine (to compare the engines with `sohoa-learn channel-stats`)
#
# Usage: [ENGINES="eng-psm3 ..."] [ALL_ENGINES=1] scripts/make-oldocr-pairs.sh [DOCS] (default 40)
# Engines (see ocr_with below): eng-psm3 eng-psm4 eng-psm6 eng-nodict enm fra gocr ocrad.
# Needs tesseract (eng, enm, fra), gocr, ocrad, netpbm (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
C=$SHARED/corpora
PY=${PYTHON:-python3}
DOCS=${1:-40}
OUT=${OUT:-target/oldocr-pairs}
JOBS=${JOBS:-2}
# Default: the engines whose statistics are closest to the real seeds (BENCHMARKS.md, "Channel
# statistics"); gocr, ocrad and fra are unlike them.
ENGINES=${ENGINES:-"eng-psm3 eng-psm4 eng-psm6 enm"}
ALL_ENGINES=${ALL_ENGINES:-0}
cargo build --quiet --release --bin sohoa-learn --bin sohoa-corpus
LEARN=target/release/sohoa-learn
CORPUS=$PWD/target/release/sohoa-corpus
FONT=/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf
mkdir -p "$OUT/marked"

$LEARN split --split confusion --min-chars 100 "$C/laws-vlc.txt" > "$OUT/laws.txt"
{ $LEARN split --split confusion "$C/news-dantri-unc.txt" | grep -v '^# '
  zcat "$C/news-baomoi-2017.part00.txt.gz" | $LEARN split --split confusion --min-chars 200; } \
  > "$OUT/news.txt"

# Marked Decree 30 documents: a header of a generic issuing body (names from the gazetteer),
# number, place and date, a type and a title taken from the body's first sentence, ~3,000
# characters of law text (news text once the laws run out) as the body, recipients and a
# signature block.
$PY - "$OUT" "$DOCS" "$C/gazetteer/vn-admin-units-2025.tsv" <<'PYEOF'
import random, re, sys
out, ndocs, gaz = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(14)
rows = [l.rstrip("\n").split("\t") for l in open(gaz, encoding="utf-8")][1:]
def bare(name):  # "Tỉnh Điện Biên" -> ("Tỉnh", "Điện Biên")
    for p in ("Thành phố", "Tỉnh", "Huyện", "Quận", "Thị xã", "Xã", "Phường", "Thị trấn"):
        if name.startswith(p + " "):
            return p, name[len(p) + 1:]
    return "", name
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
          "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lò", "Quàng", "Hà", "Lường"]
KINDS = [("KH", "KẾ HOẠCH"), ("QĐ", "QUYẾT ĐỊNH"), ("BC", "BÁO CÁO"), ("TB", "THÔNG BÁO"),
         ("HD", "HƯỚNG DẪN"), ("CT", "CHỈ THỊ")]
DEPTS = [("SỞ NỘI VỤ", "SNV"), ("SỞ TÀI CHÍNH", "STC"), ("SỞ Y TẾ", "SYT"),
         ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT"), ("SỞ TƯ PHÁP", "STP"),
         ("BAN THI ĐUA - KHEN THƯỞNG", "BTĐKT"), ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN")]
docs = [d.strip() for f in ("laws", "news")
        for d in open(f"{out}/{f}.txt", encoding="utf-8").read().split("\n\n") if d.strip()]
docs = [d for d in docs if not d.startswith("# ")]
k = 0
i = 0
while k < ndocs and i < len(docs):
    body = []
    while i < len(docs) and sum(len(b) for b in body) < 3000:
        body.extend(l.strip() for l in docs[i].splitlines() if l.strip())
        i += 1
    r = rng.choice(rows)
    ptype, prov = bare(r[0])
    dtype, dist = bare(r[1])
    wtype, ward = bare(r[2])
    level = rng.randrange(3)
    head = []
    if level == 0:  # a commune
        head += [f"@parent UBND {dtype.upper()} {dist.upper()}", "@issuer ỦY BAN NHÂN DÂN",
                 f"@issuer {wtype.upper()} {ward.upper()}"]
        issuer, place, code, authority = "UBND", ward, "UBND", "ỦY BAN NHÂN DÂN"
    elif level == 1:  # a province
        head += ["@issuer ỦY BAN NHÂN DÂN", f"@issuer {ptype.upper()} {prov.upper()}"]
        issuer, place, code, authority = "UBND", prov, "UBND", "ỦY BAN NHÂN DÂN"
    else:  # a department under the province
        dept, code = rng.choice(DEPTS)
        head += [f"@parent UBND {ptype.upper()} {prov.upper()}", f"@issuer {dept}"]
        issuer, place, authority = dept.title(), prov, None
    kind, kname = rng.choice(KINDS)
    year = rng.randrange(2005, 2025)
    head.append(f"@number Số: {rng.randrange(1, 3000)}/{kind}-{code}")
    head.append(f"@place {place}, ngày {rng.randrange(1, 29):02d} tháng {rng.randrange(1, 13)} năm {year}")
    head.append(f"@type {kname}")
    first = re.sub(r"^(Điều|Chương|Mục)\s+\S+\s*", "", body[0]).split(".")[0]
    words = first.split()[:18]
    head.append("@title " + (" ".join(words) if len(words) >= 4 else "Về việc tổ chức thực hiện"))
    foot = ["@recipient Nơi nhận:", f"@recipient - {issuer} {place};", "@recipient - Lưu: VT."]
    if authority:
        foot += [f"@sign TM. {authority}", rng.choice(["@sign CHỦ TỊCH", "@sign KT. CHỦ TỊCH\n@sign PHÓ CHỦ TỊCH"])]
    else:
        foot += [rng.choice(["@sign GIÁM ĐỐC", "@sign KT. GIÁM ĐỐC\n@sign PHÓ GIÁM ĐỐC", "@sign TRƯỞNG BAN"])]
    given = rng.choice(rows)[2]
    given = " ".join(bare(given)[1].split()[:2])
    foot.append(f"@signer {rng.choice(FAMILY)} {given}")
    open(f"{out}/marked/d{k:03d}.txt", "w", encoding="utf-8").write(
        "\n".join(head + body + foot) + "\n")
    k += 1
print(f"{k} documents", file=sys.stderr)
PYEOF

# Scans: the archives' old OCR was made from office scans and photocopies as often as from
# clean pages; `recopy` is a copy of a copy.
VARIANTS=(clean office photocopy recopy)
dpi_of() { case $1 in clean) echo 300;; office) echo 200;; *) echo 150;; esac; }

# OCR of image $2 (scanned at $3 dpi) by engine $1, to stdout. None has a Vietnamese model.
ocr_with() {
  local engine=$1 img=$2 dpi=$3
  case $engine in
    eng-psm3) OMP_THREAD_LIMIT=1 tesseract "$img" - -l eng --dpi "$dpi" --psm 3 ;;
    eng-psm4) OMP_THREAD_LIMIT=1 tesseract "$img" - -l eng --dpi "$dpi" --psm 4 ;;
    eng-psm6) OMP_THREAD_LIMIT=1 tesseract "$img" - -l eng --dpi "$dpi" --psm 6 ;;
    # Without the word lists, as an engine with no dictionary reads an unknown language.
    eng-nodict) OMP_THREAD_LIMIT=1 tesseract "$img" - -l eng --dpi "$dpi" \
                  -c load_system_dawg=0 -c load_freq_dawg=0 ;;
    enm) OMP_THREAD_LIMIT=1 tesseract "$img" - -l enm --dpi "$dpi" ;;
    fra) OMP_THREAD_LIMIT=1 tesseract "$img" - -l fra --dpi "$dpi" ;;
    gocr) anytopnm "$img" | gocr -f UTF8 - ;;
    ocrad) anytopnm "$img" | ocrad --charset=iso-8859-15 - | iconv -f ISO-8859-15 -t UTF-8 ;;
    *) echo "unknown engine $engine" >&2; return 1 ;;
  esac 2>/dev/null
}

# One job: render marked document $1 and OCR its pages.
one() {
  local marked=$1 name k variant dpi dir engines e
  name=$(basename "${marked%.txt}")
  k=$((10#$(echo "$name" | tr -dc 0-9)))
  variant=${VARIANTS[$((k % ${#VARIANTS[@]}))]}
  dpi=$(dpi_of "$variant")
  dir=$OUT/render/$name
  read -r -a engines <<< "$ENGINES"
  if [ "$ALL_ENGINES" = 1 ]; then
    e=("${engines[@]}")
  else
    e=("${engines[$(((k / ${#VARIANTS[@]} + k) % ${#engines[@]}))]}")
  fi
  local done=1
  for en in "${e[@]}"; do
    local to=$OUT/pairs; [ "$ALL_ENGINES" = 1 ] && to=$OUT/$en
    [ -s "$to/$name.ocr.txt" ] || done=0
  done
  [ $done = 1 ] && return 0
  "$CORPUS" decree --text "$marked" --out "$dir" --name "$name" --variant "$variant" \
    --font "$FONT" --seed "$k" > /dev/null
  for en in "${e[@]}"; do
    local to=$OUT/pairs; [ "$ALL_ENGINES" = 1 ] && to=$OUT/$en
    mkdir -p "$to"
    for p in "$dir/$name"-[0-9][0-9][0-9]-"$variant".*; do
      case $p in *.gt.txt) continue;; esac
      ocr_with "$en" "$p" "$dpi"
    done > "$to/$name.ocr.tmp"
    cat "$dir/$name"-[0-9][0-9][0-9]-"$variant".gt.txt > "$to/$name.src.txt"
    mv "$to/$name.ocr.tmp" "$to/$name.ocr.txt"
    [ "$ALL_ENGINES" = 1 ] || printf '%s\t%s\t%s\n' "$name" "$variant" "$en" > "$to/$name.engine"
  done
  rm -rf "$dir"
}
export -f one ocr_with dpi_of
export CORPUS OUT FONT ENGINES ALL_ENGINES VARIANTS_STR="${VARIANTS[*]}"
ls "$OUT"/marked/d[0-9][0-9][0-9].txt |
  xargs -P "$JOBS" -n 1 bash -c 'read -r -a VARIANTS <<< "$VARIANTS_STR"; one "$0"'
if [ "$ALL_ENGINES" != 1 ]; then
  cat "$OUT"/pairs/*.engine > "$OUT/engines.tsv"
  echo "pairs: $(ls "$OUT"/pairs/*.ocr.txt | wc -l) in $OUT/pairs" >&2
fi
