#!/usr/bin/env python3
"""Validates the gold files against their articles.

usage: check_gold.py [GOLD_DIR [ARTICLES_DIR]]
       (defaults: tests/data/gold and tests/data/articles)

Checks, for every NAME.gold.json: the article NAME.txt exists and the id, title
and date agree with it; every span (mentions, quotes, reported, claims, times,
event triggers, non-events) reads back from the article at its code-point
offsets (each part of a split attribution too); referenced entity ids exist (an
attribution, a reported item with a "kind", may have a null source); types, kinds,
attribution kinds and cue categories, qualifiers, CAMEO roots,
PLOVER types and time values are legal; quote spans sit right inside quotation
marks; no two entities share a mention span; and nothing is ambiguous for
score.py (two claims with the same kind and value but a different qualifier or
source, two quotes within its 2-character slack, an asserted event trigger
overlapping a non-event). Prints each problem and exits 1 if there is any.
"""
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
from build_gold import (ATTRIBUTION_KINDS, CLAIM_KINDS, CUE_CATEGORIES, ENTITY_TYPES, PLOVER,  # noqa: E402
                        QUALIFIERS, TIMEX)

OPEN_MARKS = "“\""
CLOSE_MARKS = "”\""


def check(gold_path, articles_dir):
    errs = []
    name = os.path.basename(gold_path)[:-len(".gold.json")]
    try:
        with open(gold_path, encoding="utf-8") as fh:
            g = json.load(fh)
    except (OSError, json.JSONDecodeError) as ex:
        return [f"{name}: cannot read gold: {ex}"]
    art = os.path.join(articles_dir, name + ".txt")
    if not os.path.exists(art):
        return [f"{name}: no article {art}"]
    with open(art, encoding="utf-8") as fh:
        text = fh.read()

    def err(msg):
        errs.append(f"{name}: {msg}")

    if g.get("id") != name:
        err(f"id {g.get('id')!r} is not the file stem")
    if g.get("title") != text.split("\n", 1)[0]:
        err("title differs from the article's first line")
    try:
        datetime.date.fromisoformat(g.get("date") or "")
    except ValueError:
        err(f"bad or missing date {g.get('date')!r}")

    def span(x, what):
        s, e = x.get("start"), x.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            err(f"{what}: bad offsets {s}..{e}")
            return False
        if text[s:e] != x.get("text"):
            err(f"{what}: text {x.get('text')!r} != article {text[s:e]!r} at {s}..{e}")
            return False
        if x["text"] != x["text"].strip():
            err(f"{what}: span has outer whitespace: {x['text']!r}")
        return True

    ids = set()
    seen_spans = {}
    for ent in g.get("entities", []):
        eid = ent.get("id")
        if eid in ids:
            err(f"duplicate entity id {eid}")
        ids.add(eid)
        if ent.get("type") not in ENTITY_TYPES:
            err(f"entity {eid}: bad type {ent.get('type')}")
        if not ent.get("name"):
            err(f"entity {eid}: no name")
        named, other = ent.get("mentions", []), ent.get("other_mentions", [])
        if not named and not other:
            err(f"entity {eid}: no mentions at all")
        for m in named:
            if span(m, f"entity {eid} mention"):
                if m.get("kind", "name") != "name":
                    err(f"entity {eid}: named mention {m['text']!r} has kind {m.get('kind')}")
                if re.search(r"[’']s$", m["text"]):
                    err(f"entity {eid}: named mention {m['text']!r} keeps the possessive")
        for m in other:
            if span(m, f"entity {eid} other mention") and m.get("kind") not in ("nominal", "pronoun"):
                err(f"entity {eid}: other mention {m['text']!r} has kind {m.get('kind')}")
        for m in named + other:
            key = (m.get("start"), m.get("end"))
            if key in seen_spans and seen_spans[key] != eid:
                err(f"span {m.get('text')!r} at {key} is a mention of both {seen_spans[key]} and {eid}")
            seen_spans[key] = eid

    def ref(x, what, field, nullable=True):
        v = x.get(field)
        if v is None:
            if not nullable:
                err(f"{what}: {field} is null")
        elif v not in ids:
            err(f"{what}: {field} {v!r} is not an entity")

    quotes = g.get("quotes", [])
    for q in quotes:
        w = f"quote {q.get('text', '')[:30]!r}"
        if span(q, w):
            if q["start"] == 0 or text[q["start"] - 1] not in OPEN_MARKS:
                err(f"{w}: not preceded by an opening quotation mark")
            if q["end"] < len(text) and text[q["end"]] not in CLOSE_MARKS + "\n":
                err(f"{w}: not followed by a closing mark or a paragraph end")
        ref(q, w, "speaker", nullable=False)
        if q.get("kind") not in ("direct", "partial"):
            err(f"{w}: bad kind {q.get('kind')}")
    for i, a in enumerate(quotes):
        for b in quotes[i + 1:]:
            if abs(a["start"] - b["start"]) <= 2 and abs(a["end"] - b["end"]) <= 2:
                err(f"quotes {a['text'][:20]!r} and {b['text'][:20]!r} are within the scorer's slack")

    for r in g.get("reported", []):
        w = f"reported {r.get('text', '')[:30]!r}"
        span(r, w)
        # an attribution (one with a kind) may have no source; older reported speech must
        ref(r, w, "speaker", nullable="kind" in r)
        if "speaker" not in r:
            err(f"{w}: no speaker field")
        if not r.get("cue"):
            err(f"{w}: no cue")
        if "kind" in r:
            if r["kind"] not in ATTRIBUTION_KINDS:
                err(f"{w}: bad kind {r['kind']!r}")
            if r.get("cue_category") not in CUE_CATEGORIES:
                err(f"{w}: bad cue_category {r.get('cue_category')!r}")
        for i, part in enumerate(r.get("parts", [])):
            if span(part, f"{w} part {i + 2}") and part["start"] < r["end"]:
                err(f"{w}: part {i + 2} does not follow the part before it")

    by_key = {}
    for c in g.get("claims", []):
        w = f"claim {c.get('text')!r}"
        span(c, w)
        if c.get("kind") not in CLAIM_KINDS:
            err(f"{w}: bad kind {c.get('kind')}")
        if c.get("qualifier") not in QUALIFIERS:
            err(f"{w}: bad qualifier {c.get('qualifier')}")
        if not isinstance(c.get("value"), (int, float)):
            err(f"{w}: value is not a number")
        ref(c, w, "source")
        ref(c, w, "actor")
        if c.get("date") is not None and not TIMEX.fullmatch(c["date"]):
            err(f"{w}: bad date {c['date']!r}")
        key = (c.get("kind"), c.get("value"))
        if key in by_key and by_key[key] != (c.get("qualifier"), c.get("source")):
            err(f"{w}: same kind and value as another claim but a different qualifier or source")
        by_key.setdefault(key, (c.get("qualifier"), c.get("source")))

    for t in g.get("times", []):
        w = f"time {t.get('text')!r}"
        span(t, w)
        if not TIMEX.fullmatch(str(t.get("value"))):
            err(f"{w}: bad value {t.get('value')!r}")

    non_events = g.get("non_events", [])
    for n in non_events:
        w = f"non-event {n.get('text', '')[:30]!r}"
        span(n, w)
        ref(n, w, "source")
        ref(n, w, "target")
        if not re.fullmatch(r"0[1-9]|1[0-9]|20", str(n.get("cameo"))):
            err(f"{w}: bad CAMEO root {n.get('cameo')!r}")
    for ev in g.get("events", []):
        trig = ev.get("trigger", {})
        w = f"event {trig.get('text', '')[:30]!r}"
        span(trig, w)
        if not isinstance(ev.get("core"), bool):
            err(f"{w}: core is not a boolean")
        ref(ev, w, "source")
        ref(ev, w, "target")
        roots = ev.get("cameo")
        if not isinstance(roots, list) or not roots or \
                any(not re.fullmatch(r"0[1-9]|1[0-9]|20", str(r)) for r in roots):
            err(f"{w}: cameo must be a non-empty list of roots 01..20, got {roots!r}")
        types = ev.get("plover")
        if not isinstance(types, list) or any(p not in PLOVER for p in types):
            err(f"{w}: bad plover {types!r}")
        elif not types and roots != ["01"]:
            err(f"{w}: only CAMEO 01 statements may go without a PLOVER type")
        for n in non_events:
            if trig.get("start", 0) < n["end"] and n["start"] < trig.get("end", 0):
                err(f"{w}: trigger overlaps non-event {n['text']!r}")
    return errs


def main(argv):
    gold_dir = argv[0] if argv else os.path.join(DATA, "gold")
    articles_dir = argv[1] if len(argv) > 1 else os.path.join(DATA, "articles")
    files = sorted(f for f in os.listdir(gold_dir) if f.endswith(".gold.json"))
    errs = []
    for f in files:
        errs += check(os.path.join(gold_dir, f), articles_dir)
    for e in errs:
        print(e)
    print(f"{len(files)} gold files, {len(errs)} errors")
    return 1 if errs or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
