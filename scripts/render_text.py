#!/usr/bin/env python3
"""Renders a UTF-8 text file to A4 page images (PNG), optionally degraded like a photocopy.

Interim renderer for learning OCR confusions and making the OCR evaluation sets, used because
ImageMagick's `text:` coder is disabled by the system policy here and the project renderer
(`sohoa-corpus render`) had not landed. Needs Pillow (`pip install pillow`).

usage: render_text.py TEXT OUTPREFIX [--font PATH] [--pt 12] [--dpi 300]
                      [--photocopy [--loss 0.3] [--blur 0.8]] [--seed N]
Writes OUTPREFIX-01.png, OUTPREFIX-02.png ... and OUTPREFIX.rendered.txt (the lines as laid
out, for alignment). --photocopy: rendered at --dpi, then downsampled to 150 dpi, blurred,
speckled, slightly rotated and binarised.
"""
import argparse
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

A4_INCHES = (8.27, 11.69)
MARGIN_INCHES = 0.9


def wrap(line, font, width):
    words, out, cur = line.split(), [], ""
    for w in words:
        cand = w if not cur else cur + " " + w
        if font.getlength(cand) <= width or not cur:
            cur = cand
        else:
            out.append(cur)
            cur = w
    out.append(cur)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("text")
    ap.add_argument("prefix")
    ap.add_argument("--font", default="/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    ap.add_argument("--pt", type=float, default=12)
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--photocopy", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--loss", type=float, default=0.3, help="photocopy: lowest resolution, as a share of --dpi")
    ap.add_argument("--blur", type=float, default=0.8, help="photocopy: blur radius in 150 dpi pixels")
    a = ap.parse_args()
    rng = random.Random(a.seed)

    px = a.dpi / 72.0
    font = ImageFont.truetype(a.font, int(round(a.pt * px)))
    w, h = int(A4_INCHES[0] * a.dpi), int(A4_INCHES[1] * a.dpi)
    margin = int(MARGIN_INCHES * a.dpi)
    line_h = int(a.pt * px * 1.5)
    lines = []
    for raw in open(a.text, encoding="utf-8").read().split("\n"):
        lines.extend(wrap(raw, font, w - 2 * margin) if raw.strip() else [""])
    while lines and not lines[-1]:
        lines.pop()
    per_page = (h - 2 * margin) // line_h
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    for n, page in enumerate(pages, 1):
        img = Image.new("L", (w, h), 255)
        d = ImageDraw.Draw(img)
        for k, line in enumerate(page):
            d.text((margin, margin + k * line_h), line, font=font, fill=0)
        if a.photocopy:
            img = img.rotate(rng.uniform(-0.6, 0.6), resample=Image.BILINEAR, fillcolor=255)
            # A copy of a copy: detail lost below 150 dpi, then scanned back at 150 dpi.
            low = int(a.dpi * a.loss)
            img = img.resize((int(w * low / a.dpi), int(h * low / a.dpi)), Image.BILINEAR)
            img = img.resize((int(w * 150 / a.dpi), int(h * 150 / a.dpi)), Image.BILINEAR)
            img = img.filter(ImageFilter.GaussianBlur(a.blur))
            noise = Image.effect_noise(img.size, 60)
            img = Image.blend(img, noise, 0.3)
            thr = rng.randint(120, 170)
            img = img.point(lambda v: 255 if v > thr else 0).convert("1")
            img.save(f"{a.prefix}-{n:02d}.png", dpi=(150, 150))
        else:
            img.save(f"{a.prefix}-{n:02d}.png", dpi=(a.dpi, a.dpi))
    with open(a.prefix + ".rendered.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
