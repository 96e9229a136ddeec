#!/usr/bin/env bash
# Installs what sohoa needs on Debian 12 (idempotent, non-interactive): the Tesseract C API and
# its Vietnamese model, clang for bindgen, poppler for PDF fallbacks, fonts for the corpus tool.
set -euo pipefail

PACKAGES=(
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng libtesseract-dev libleptonica-dev
  clang libclang-dev pkg-config poppler-utils fonts-dejavu-core fonts-noto-core fonts-liberation2 time
  slurm-wlm munge
  bsdutils
  qpdf libxml2-utils ghostscript unzip
  tesseract-ocr-enm tesseract-ocr-fra gocr ocrad netpbm
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust (rustup) first" >&2; exit 1; }
