#!/usr/bin/env python3
"""Counts what the gold set holds, per layer and per article, as Markdown.

usage: stats.py                 print the tables
       stats.py --update FILE   replace the block between '<!-- totals:begin -->'
                                and '<!-- totals:end -->' in FILE with them
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)


def load():
    gold_dir = os.path.join(DATA, "gold")
    docs = []
    for f in sorted(os.listdir(gold_dir)):
        if f.endswith(".gold.json"):
            with open(os.path.join(gold_dir, f), encoding="utf-8") as fh:
                g = json.load(fh)
            with open(os.path.join(DATA, "articles", g["id"] + ".txt"), encoding="utf-8") as fh:
                g["_text"] = fh.read()
            docs.append(g)
    return docs


def tables(docs):
    rows = []
    tot = collections.Counter()
    roots, core_roots, plover = collections.Counter(), collections.Counter(), collections.Counter()
    claim_kinds, ent_types = collections.Counter(), collections.Counter()
    for g in docs:
        c = collections.Counter()
        c["words"] = len(g["_text"].split())
        c["entities"] = len(g["entities"])
        for e in g["entities"]:
            ent_types[e["type"]] += 1
            c["named"] += len(e["mentions"])
            for m in e.get("other_mentions", []):
                c[m["kind"]] += 1
        c["quotes"] = len(g["quotes"])
        c["direct"] = sum(q["kind"] == "direct" for q in g["quotes"])
        c["partial"] = sum(q["kind"] == "partial" for q in g["quotes"])
        c["reported"] = len(g["reported"])
        c["claims"] = len(g["claims"])
        c["times"] = len(g["times"])
        c["events"] = len(g["events"])
        c["core"] = sum(ev["core"] for ev in g["events"])
        c["non_events"] = len(g.get("non_events", []))
        for cl in g["claims"]:
            claim_kinds[cl["kind"]] += 1
        for ev in g["events"]:
            for r in ev["cameo"]:
                roots[r] += 1
                if ev["core"]:
                    core_roots[r] += 1
            for p in ev["plover"]:
                if p not in ("REQUEST", "ACCUSE"):
                    plover[p] += 1
        rows.append((g["id"], g["date"], c))
        tot.update(c)
    cols = ["words", "entities", "named", "nominal", "pronoun", "quotes", "direct", "partial",
            "reported", "claims", "times", "events", "core", "non_events"]
    out = ["| article | date | " + " | ".join(cols) + " |",
           "|---|---|" + "---:|" * len(cols)]
    for name, date, c in rows:
        out.append(f"| {name} | {date} | " + " | ".join(str(c[k]) for k in cols) + " |")
    out.append(f"| **total ({len(rows)})** | | " + " | ".join(f"**{tot[k]}**" for k in cols) + " |")
    out.append("")
    out.append("Entity types: " + ", ".join(f"{k} {v}" for k, v in sorted(ent_types.items())) + ".")
    out.append("")
    out.append("Claim kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(claim_kinds.items())) + ".")
    out.append("")
    out.append("CAMEO roots (events listing the root / core events listing it): " +
               ", ".join(f"{r} {roots[r]}/{core_roots[r]}" for r in sorted(roots)) +
               f"; {len(roots)} of 20 roots covered.")
    out.append("")
    out.append("PLOVER types (events listing the type): " +
               ", ".join(f"{k} {v}" for k, v in sorted(plover.items())) + ".")
    return "\n".join(out)


def main(argv):
    text = tables(load())
    if len(argv) == 2 and argv[0] == "--update":
        with open(argv[1], encoding="utf-8") as fh:
            doc = fh.read()
        begin, end = "<!-- totals:begin -->", "<!-- totals:end -->"
        i, j = doc.index(begin) + len(begin), doc.index(end)
        with open(argv[1], "w", encoding="utf-8") as fh:
            fh.write(doc[:i] + "\n" + text + "\n" + doc[j:])
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
