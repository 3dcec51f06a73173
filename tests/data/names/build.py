#!/usr/bin/env python3
"""Builds the names test set: src/*.ann -> articles/*.txt, gold/*.gold.json, articles.jsonl.

usage: python3 tests/data/names/build.py [SRC.ann ...]    (default: every src/*.ann here)

The .ann format, its checks and the outputs are those of ../tools/build_gold.py; only
the folder differs (this one), and every gold record carries a "note" saying that this
set annotates entities and their named mentions only. Offsets are computed by the
builder, never by hand. Exits 1 if any annotation is malformed.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tools"))
import build_gold  # noqa: E402

NOTE = ("Names test set: entities and their named mentions only. Nominal and pronoun mentions, "
        "quotes, reported speech, claims, times and events are not annotated, so score only the "
        "entities layer against this record (scripts/ner_score.py, or the 'entities' line of score.py).")

_build = build_gold.build


def build_with_note(path):
    text, gold, errors, warnings = _build(path)
    gold["note"] = NOTE
    return text, gold, errors, warnings


if __name__ == "__main__":
    build_gold.build = build_with_note
    for sub in ("articles", "gold"):
        os.makedirs(os.path.join(HERE, sub), exist_ok=True)
    sys.exit(build_gold.main(sys.argv[1:], HERE))
