#!/usr/bin/env python3
"""Builds the speech test articles: src/*.ann -> articles/*.txt, gold/*.gold.json, articles.jsonl.

usage: python3 tests/data/speech/build.py [SRC.ann ...]    (default: every src/*.ann here)

The .ann format and its checks are those of ../tools/build_gold.py, whose build()
this reuses; only the output folder differs (this one). Offsets are computed by the
builder, never by hand. Exits 1 if any annotation is malformed.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tools"))
from build_gold import BuildError, build  # noqa: E402


def main(argv):
    src = os.path.join(HERE, "src")
    paths = argv or sorted(os.path.join(src, f) for f in os.listdir(src) if f.endswith(".ann"))
    failed = False
    for p in paths:
        try:
            text, gold, errors, warnings = build(p)
        except BuildError as ex:
            print("ERROR", ex)
            failed = True
            continue
        for w in warnings:
            print("warn ", w)
        for e in errors:
            print("ERROR", e)
        if errors:
            failed = True
            continue
        name = gold["id"]
        with open(os.path.join(HERE, "articles", name + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(text)
        with open(os.path.join(HERE, "gold", name + ".gold.json"), "w", encoding="utf-8") as fh:
            json.dump(gold, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        with open(os.path.join(HERE, "articles", name + ".txt"), encoding="utf-8") as fh:
            assert fh.read() == text
        print(f"ok    {name}: {len(text.split())} words, {len(gold['quotes'])} quotes, "
              f"{len(gold['reported'])} reported")
    arts = sorted(f[:-4] for f in os.listdir(os.path.join(HERE, "articles")) if f.endswith(".txt"))
    with open(os.path.join(HERE, "articles.jsonl"), "w", encoding="utf-8") as out:
        for a in arts:
            gp = os.path.join(HERE, "gold", a + ".gold.json")
            if not os.path.exists(gp):
                continue
            with open(os.path.join(HERE, "articles", a + ".txt"), encoding="utf-8") as fh:
                text = fh.read()
            with open(gp, encoding="utf-8") as fh:
                g = json.load(fh)
            out.write(json.dumps({"id": a, "title": g["title"], "date": g["date"], "text": text},
                                 ensure_ascii=False) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
