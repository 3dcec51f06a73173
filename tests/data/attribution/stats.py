#!/usr/bin/env python3
"""Counts what the attribution set holds, per article and in total, as Markdown.

usage: python3 tests/data/attribution/stats.py [--update tests/data/attribution/README.md]

Counts come from gold/ and articles/ only; nothing is counted by hand:
- attributions = quotes + reported items; direct = quotes (direct and partial), indirect =
  reported items; kinds and cue categories are those of the reported items (a quote reports
  words said, so it is an assertion by definition and its cue is a verb or nothing);
- nested: a reported item or quote whose span lies inside another reported item's content;
  split: a reported item with "parts";
- the source's shape, for every reported item and every quote with a cue: the cue is found in
  the item's sentence (the sentences it spans) (the occurrence outside the content nearest to it), then the mention of
  the source entity nearest to that cue, outside the content:
    none         the gold source is null (reportedly, it is believed, the claim that ...)
    pronoun      that mention is a pronoun (he, it, they, his, its)
    group        the source entity is a plural group (attribute number=plural): named
                 (Democrats) or described (aides, Western diplomats, sources close to the talks)
    named        a name (or a description set beside the name: "Ana Gvaladze, the candidate,")
    description  a description of an entity the article names ("the ministry", "her party")
    unnamed      a description of a person or body the article never names ("a senior official")
    elsewhere    no mention of the source in the sentence (the source is carried over)
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["assertion", "belief", "intention", "knowledge", "denial"]
CATEGORIES = ["verb", "noun", "phrase", "adverb", "passive"]
SHAPES = ["named", "description", "pronoun", "group", "unnamed", "none", "elsewhere"]
ABBREVIATIONS = {"Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "Gen", "Lt", "Col", "Maj", "Mr",
                 "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "No", "U.S", "U.N", "Brig", "Capt", "Sgt"}


def load(folder=HERE):
    docs = []
    gold_dir = os.path.join(folder, "gold")
    for f in sorted(os.listdir(gold_dir)):
        if f.endswith(".gold.json"):
            with open(os.path.join(gold_dir, f), encoding="utf-8") as fh:
                g = json.load(fh)
            with open(os.path.join(folder, "articles", g["id"] + ".txt"), encoding="utf-8") as fh:
                g["_text"] = fh.read()
            docs.append(g)
    return docs


def sentences(text):
    """(start, end) of each sentence: paragraphs split at . ! ? (and a closing mark) before a
    capital or an opening mark, except after the abbreviations above."""
    out = []
    pos = 0
    for para in text.split("\n"):
        start = pos
        for m in re.finditer(r"[.!?][”\"’]?\s+(?=[“\"A-Z])", para):
            word = re.search(r"([\w.]+)[.!?][”\"’]?\s+$", para[:m.end()])
            if word and word.group(1) in ABBREVIATIONS:
                continue
            out.append((start, pos + m.end()))
            start = pos + m.end()
        out.append((start, pos + len(para)))
        pos += len(para) + 1
    return [(s, e) for s, e in out if e > s]


def spans_of(item):
    return [(item["start"], item["end"])] + [(p["start"], p["end"]) for p in item.get("parts", [])]


def inside(a, spans):
    return any(s <= a[0] and a[1] <= e for s, e in spans)


def shape(g, item, sents, mentions_of):
    """The shape of an item's source (see the module docstring)."""
    src = item.get("speaker")
    if src is None:
        return "none"
    text = g["_text"]
    content = spans_of(item)
    # the sentences from the item's start to its end (a quote may hold several)
    first = next(((s, e) for s, e in sents if s <= item["start"] < e), (0, len(text)))
    last = next(((s, e) for s, e in sents if s < item["end"] <= e), first)
    sent = (first[0], max(first[1], last[1]))
    cue = item.get("cue")
    anchor = item["start"]
    if cue:
        best = None
        for m in re.finditer(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", text[sent[0]:sent[1]], re.I):
            c = (sent[0] + m.start(), sent[0] + m.end())
            if inside(c, content):
                continue
            d = min(abs(c[0] - e) if c[0] >= e else abs(s - c[1]) if c[1] <= s else 0 for s, e in content)
            if best is None or d < best[0]:
                best = (d, c)
        if best:
            anchor = best[1][0]
    ent = next(e for e in g["entities"] if e["id"] == src)
    cands = [m for m in mentions_of[src]
             if sent[0] <= m["start"] and m["end"] <= sent[1] and not inside((m["start"], m["end"]), content)]
    if not cands:
        return "elsewhere"
    near = min(cands, key=lambda m: min(abs(m["start"] - anchor), abs(m["end"] - anchor)))
    if near["kind"] == "pronoun":
        return "pronoun"
    if ent.get("attributes", {}).get("number") == "plural":
        return "group"
    if near["kind"] == "name":
        return "named"
    beside = [m for m in cands if m["kind"] == "name" and
              re.fullmatch(r"[,\s]*", text[min(m["end"], near["end"]):max(m["start"], near["start"])])]
    if beside:
        return "named"
    return "description" if ent["mentions"] else "unnamed"


def count(g):
    c = collections.Counter()
    text = g["_text"]
    sents = sentences(text)
    mentions_of = {e["id"]: [dict(m, kind=m.get("kind", "name")) for m in e["mentions"]] +
                   e.get("other_mentions", []) for e in g["entities"]}
    rep, quotes = g["reported"], g["quotes"]
    c["words"] = len(text.split())
    c["quotes"] = len(quotes)
    c["direct"] = sum(q["kind"] == "direct" for q in quotes)
    c["partial"] = sum(q["kind"] == "partial" for q in quotes)
    c["reported"] = len(rep)
    c["attributions"] = len(rep) + len(quotes)
    for r in rep:
        c[r["kind"]] += 1
        c[r["cue_category"]] += 1
        c["split"] += "parts" in r
        c["shape " + shape(g, r, sents, mentions_of)] += 1
    for x in rep + quotes:
        span = (x["start"], x["end"])
        if any(o is not x and inside(span, spans_of(o)) and span not in spans_of(o) for o in rep):
            c["nested"] += 1
    for q in quotes:
        if q.get("cue"):
            c["quote shape " + shape(g, q, sents, mentions_of)] += 1
        else:
            c["quote shape no cue"] += 1
    return c


def tables(docs):
    rows, tot = [], collections.Counter()
    cues = collections.Counter()
    for g in docs:
        c = count(g)
        rows.append((g["id"], g["date"], c))
        tot.update(c)
        for r in g["reported"]:
            cues[(r["cue_category"], r["cue"].lower())] += 1
    out = []

    def table(cols, head=None):
        head = head or cols
        out.append("| article | " + " | ".join(head) + " |")
        out.append("|---|" + "---:|" * len(cols))
        for name, _, c in rows:
            out.append(f"| {name} | " + " | ".join(str(c[k]) for k in cols) + " |")
        out.append(f"| **total ({len(rows)})** | " + " | ".join(f"**{tot[k]}**" for k in cols) + " |")
        out.append("")

    table(["words", "attributions", "quotes", "direct", "partial", "reported", "nested", "split"],
          ["words", "attributions", "quotes (direct)", "direct", "partial", "reported (indirect)",
           "nested", "split"])
    out.append("Reported items by kind and by cue category:")
    out.append("")
    table(KINDS + CATEGORIES)
    out.append("Sources by shape (reported items; see stats.py for how the shape is found):")
    out.append("")
    table(["shape " + s for s in SHAPES], SHAPES)
    qs = ["named", "description", "pronoun", "group", "unnamed", "elsewhere", "no cue"]
    out.append("Quote speakers by shape: " + ", ".join(
        f"{s} {tot['quote shape ' + s]}" for s in qs) + ".")
    out.append("")
    for cat in CATEGORIES:
        words = sorted(((n, w) for (k, w), n in cues.items() if k == cat), key=lambda x: (-x[0], x[1]))
        out.append(f"Cues ({cat}, {len(words)} different): " + ", ".join(f"{w} {n}" for n, w in words) + ".")
        out.append("")
    return "\n".join(out).rstrip("\n")


def main(argv):
    text = tables(load())
    if len(argv) == 2 and argv[0] == "--update":
        with open(argv[1], encoding="utf-8") as fh:
            doc = fh.read()
        begin, end = "<!-- totals:begin -->", "<!-- totals:end -->"
        i, j = doc.index(begin) + len(begin), doc.index(end)
        with open(argv[1], "w", encoding="utf-8") as fh:
            fh.write(doc[:i] + "\n" + text + "\n" + doc[j:])
    elif argv:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
