#!/usr/bin/env python3
"""Counts what the held-out set holds, per layer and per article, as Markdown.

usage: python3 tests/data/heldout/stats.py [--update tests/data/heldout/README.md]

The tables of ../tools/stats.py, computed over this folder's gold/ and articles/.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tools"))
import stats  # noqa: E402

if __name__ == "__main__":
    stats.DATA = HERE
    sys.exit(stats.main(sys.argv[1:]))
