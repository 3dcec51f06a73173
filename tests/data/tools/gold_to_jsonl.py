#!/usr/bin/env python3
"""Dumps gold files as engine-style records, one JSON line each (a perfect "system").

usage: gold_to_jsonl.py [GOLD_DIR] > perfect.jsonl
       python3 /work/shared/tools/score.py tests/data/gold --system perfect.jsonl

Scoring this output must give 1.000 on every layer; anything less means the gold
is inconsistent or ambiguous for score.py. Two things differ from the gold layout,
as they would in real engine output (SCHEMA.md):
- an entity's nominal and pronoun mentions ("other_mentions") join its "mentions",
  each keeping its "kind", because the scorer links every system mention;
- an event's "cameo" and "plover" become single values (the first root and the
  first type), as an engine emits one code per event; "negated" is false.
Non-events are left out (an engine either omits them or marks them negated).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)


def to_system(g):
    out = {k: g[k] for k in ("id", "title", "date")}
    out["entities"] = []
    for e in g["entities"]:
        ent = {k: v for k, v in e.items() if k not in ("mentions", "other_mentions")}
        ent["mentions"] = [dict(m, kind=m.get("kind", "name")) for m in e["mentions"]] + \
            e.get("other_mentions", [])
        out["entities"].append(ent)
    for k in ("quotes", "reported", "claims", "times"):
        out[k] = g.get(k, [])
    out["events"] = []
    for ev in g["events"]:
        out["events"].append({
            "source": ev["source"], "target": ev["target"],
            "cameo": ev["cameo"][0],
            "plover": ev["plover"][0] if ev["plover"] else None,
            "negated": False, "trigger": ev["trigger"]})
    return out


def main(argv):
    gold_dir = argv[0] if argv else os.path.join(DATA, "gold")
    for f in sorted(os.listdir(gold_dir)):
        if f.endswith(".gold.json"):
            with open(os.path.join(gold_dir, f), encoding="utf-8") as fh:
                g = json.load(fh)
            print(json.dumps(to_system(g), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
