#!/usr/bin/env python3
"""Builds the attribution test articles: src/*.ann -> articles/*.txt, gold/*.gold.json, articles.jsonl.

usage: python3 tests/data/attribution/build.py [SRC.ann ...]    (default: every src/*.ann here)

The .ann format (with its attribution form {r SRC CUE KIND [cat=CATEGORY] [#LABEL]} and the
{r+ #LABEL} parts of a split content), its checks and the outputs are those of
../tools/build_gold.py; only the folder differs (this one). Offsets are computed by the
builder, never by hand. Exits 1 if any annotation is malformed.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tools"))
import build_gold  # noqa: E402

if __name__ == "__main__":
    for sub in ("articles", "gold"):
        os.makedirs(os.path.join(HERE, sub), exist_ok=True)
    sys.exit(build_gold.main(sys.argv[1:], HERE))
