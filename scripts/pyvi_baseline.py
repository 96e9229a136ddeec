#!/usr/bin/env python3
"""Runs pyvi's diacritic restorer (ViDiac CRF, `ViUtils.add_accents`) on restoration eval sets
and writes its outputs for `sohoa eval restore --set DIR --outputs ROOT` to score, so one scorer
serves sohoa and pyvi.

usage: pyvi_baseline.py --out ROOT SETDIR [SETDIR ...]
Writes ROOT/<set name>/<doc>.txt and prints, per set, syllables/s (restoration only, model
loading excluded; run under `taskset -c 0` for one core). Needs `pip install pyvi`.

pyvi lowercases and re-capitalises words on its own; since the scorer counts case, each output
line gets the case of its input line back, letter by letter, whenever the line's letters still
correspond one to one (they do unless pyvi changed the text beyond its marks). This only helps
pyvi.
"""
import argparse
import json
import os
import re
import time
import unicodedata

from pyvi import ViUtils


def strip(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def recase(out, inp):
    out = unicodedata.normalize("NFC", out)
    if len(out) != len(inp) or strip(out).lower() != strip(inp).lower():
        return out
    return "".join(o.upper() if i.isupper() else o.lower() for o, i in zip(out, inp))


def accents(line):
    """pyvi on one line; its CRF sometimes emits a label with no character (KeyError), and then
    the line is done word by word, a word that still fails being left as it is."""
    try:
        return ViUtils.add_accents(line)
    except KeyError:
        out = []
        for w in line.split(" "):
            try:
                out.append(ViUtils.add_accents(w) if w else w)
            except KeyError:
                out.append(w)
        return " ".join(out)


SYL = re.compile(r"\w+")


def syllables(text):
    return sum(1 for t in SYL.findall(text) if any(c.isalpha() for c in t))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("sets", nargs="+")
    a = ap.parse_args()
    ViUtils.add_accents("khoi dong")  # load the model before timing
    for d in a.sets:
        name = json.load(open(os.path.join(d, "set.json"), encoding="utf-8"))["name"]
        os.makedirs(os.path.join(a.out, name), exist_ok=True)
        n_syl, secs, cpu = 0, 0.0, 0.0
        for f in sorted(os.listdir(d)):
            if not f.endswith(".gold.txt"):
                continue
            doc = f[: -len(".gold.txt")]
            src = os.path.join(d, doc + ".input.txt")
            if not os.path.exists(src):
                src = os.path.join(d, f)
            text = open(src, encoding="utf-8").read()
            lines = text.split("\n")
            t0, c0 = time.perf_counter(), time.process_time()
            outs = [accents(l) if l.strip() else l for l in lines]
            secs += time.perf_counter() - t0
            cpu += time.process_time() - c0
            outs = [recase(o, i) for o, i in zip(outs, lines)]
            n_syl += syllables(text)
            with open(os.path.join(a.out, name, doc + ".txt"), "w", encoding="utf-8") as w:
                w.write("\n".join(outs))
        print(json.dumps({"set": name, "syllables": n_syl, "seconds": round(secs, 3),
                          "cpu_seconds": round(cpu, 3),
                          "syllables_per_second": round(n_syl / secs) if secs else None}))


if __name__ == "__main__":
    main()
