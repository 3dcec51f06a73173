#!/usr/bin/env python3
"""Who claims what: attribution scores of sitrep's records (issue #18).

usage: scripts/attribution_score.py GOLD [GOLD ...] --system OUT.jsonl [-v] [--json]

  e.g. build/sitrep extract --input jsonl tests/data/attribution/articles.jsonl > /tmp/attr.jsonl
       scripts/attribution_score.py tests/data/attribution/gold --system /tmp/attr.jsonl -v

GOLD are gold records (*.gold.json, or folders of them) in ../shared/SCHEMA.md's format; a
reported item may also carry "kind" (assertion, belief, intention, knowledge, denial),
"cue_category" and "parts" (the later spans of a split content; see
tests/data/tools/build_gold.py), and its "speaker" may be null (no source in the text). OUT is
the engine's output, one JSON record or JSON Lines, paired with the gold by "id"; a gold record
with no output counts all its contents as missed.

The contents are the quotes (direct: the "quotes" layer) and the reported items (indirect: the
"reported" layer) of both sides; a system content of either layer may find a gold content of
either layer.

- Found. A gold content is found by a system content when the characters they share are at
  least half of the gold content's characters (for a split content: of all its parts, and the
  characters of every part count; a system item's "parts" count too). The system content's own
  length does not matter. Matching is one-to-one within an article: the most pairs possible, and
  among those the largest total share (an optimal assignment), so one long system span that covers
  two gold contents finds only one of them.
- content P/R/F: found pairs over system contents, over gold contents.
- indirect recall: found gold reported items over gold reported items; direct recall: the same
  for gold quotes.
- source right, over found contents: a gold source that is null wants a null (or absent) system
  speaker; otherwise the system speaker's entity must map to the gold source's entity. A system
  entity maps to the gold entity that shares most of its mentions, each system mention voting for
  the gold mention it overlaps best, weighted by the overlap: the rule of ../shared/tools/score.py.
- cue right, over found contents: the cues, lower-cased with spaces collapsed, are equal, or the
  words of one run inside the other's ("believed" for "is believed"); a gold cue that is null (a
  quote continued with no cue) wants a null or empty system cue.
- span, over found gold reported items (indirect contents), how well the boundaries agree:
  characters P (shared / the system content's), R (shared / the gold content's) and F, summed
  over the pairs, and exact, the share of pairs whose texts are equal once leading and trailing
  spaces, quote marks and punctuation are stripped (parts joined in order). "Found" needs only
  half the gold characters; this says how much more than that the spans agree.
- kind right, over found gold contents that have a kind (reported items of the attribution
  set): the system item's "kind" must be the same attribution kind (a quote's direct/partial kind
  is not one).
Recall is also shown per kind and per cue category of the gold reported items. -v lists, per
article, the gold contents missed, the system contents that found nothing, and the found
contents whose source is wrong.
"""
import argparse
import json
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from records import load_gold, load_system  # noqa: E402

KINDS = ("assertion", "belief", "intention", "knowledge", "denial")
CATEGORIES = ("verb", "noun", "phrase", "adverb", "passive")


def overlap(a, b):
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def entity_map(gold, system):
    """System entity id -> the gold entity id that shares most of its mentions (score.py's rule)."""
    gold_spans = [(m, e["id"]) for e in gold.get("entities", [])
                  for m in e.get("mentions", []) + e.get("other_mentions", [])]
    votes = {}
    for e in system.get("entities", []):
        for m in e.get("mentions", []):
            best = max(gold_spans, default=None, key=lambda g: (
                overlap(m, g[0]), -abs((m["end"] - m["start"]) - (g[0]["end"] - g[0]["start"]))))
            if best and overlap(m, best[0]) > 0:
                v = votes.setdefault(e.get("id"), {})
                v[best[1]] = v.get(best[1], 0) + overlap(m, best[0])
    return {sid: max(v, key=v.get) for sid, v in votes.items()}


def spans(item):
    """The spans of a content: its own and those of its parts."""
    return [(item["start"], item["end"])] + [(p["start"], p["end"]) for p in item.get("parts", [])]


def share(gold_item, system_item):
    """The share of the gold content's characters that the system content covers, in [0, 1]."""
    covered = set()
    for s, e in spans(system_item):
        covered.update(range(s, e))
    total = hit = 0
    for s, e in spans(gold_item):
        total += e - s
        hit += sum(1 for c in range(s, e) if c in covered)
    return hit / total if total else 0.0


def assignment(weights):
    """An optimal assignment of rows to columns maximising the summed weight (Hungarian method);
    weights[i][j] >= 0, 0 meaning "no pair". Returns [(i, j)] with positive weight."""
    n, m = len(weights), len(weights[0]) if weights else 0
    if not n or not m:
        return []
    size = max(n, m)
    top = max(max(r) for r in weights)
    # minimise cost = top - weight on a square matrix padded with weight 0
    cost = [[top - (weights[i][j] if i < n and j < m else 0) for j in range(size)] for i in range(size)]
    inf = float("inf")
    u, v = [0.0] * (size + 1), [0.0] * (size + 1)
    p, way = [0] * (size + 1), [0] * (size + 1)
    for i in range(1, size + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (size + 1), [False] * (size + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, size + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(size + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    pairs = []
    for j in range(1, size + 1):
        i = p[j] - 1
        if i < n and j - 1 < m and weights[i][j - 1] > 0:
            pairs.append((i, j - 1))
    return pairs


def words(cue):
    return " ".join(str(cue).lower().split()).split()


def cue_right(gold_cue, system_cue):
    if not gold_cue:
        return not system_cue
    if not system_cue:
        return False
    g, s = words(gold_cue), words(system_cue)
    short, long_ = (g, s) if len(g) <= len(s) else (s, g)
    return any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def covered(item):
    out = set()
    for s, e in spans(item):
        out.update(range(s, e))
    return out


STRIP = " \t\n\"'“”‘’.,;:!?-–—()"


def span_text(item):
    """The item's text and its parts' texts, joined, without edge spaces, quote marks or punctuation."""
    texts = [item.get("text", "")] + [p.get("text", "") for p in item.get("parts", [])]
    return " ".join(" ".join(t.strip(STRIP).split()) for t in texts if t.strip(STRIP))


def contents(record):
    """[(layer, item)] of a record: its quotes and its reported items."""
    return [("quote", q) for q in record.get("quotes", [])] + \
        [("reported", r) for r in record.get("reported", [])]


class Tally:
    def __init__(self):
        self.c = Counter()
        self.kind_total, self.kind_found = Counter(), Counter()
        self.cat_total, self.cat_found = Counter(), Counter()
        self.system_kinds = 0


def score_doc(gold, system, t, verbose, out):
    emap = entity_map(gold, system)
    golds, systems = contents(gold), contents(system)
    weights = []
    for _, g in golds:
        row = []
        for _, s in systems:
            x = share(g, s)
            # one pair is worth more than any total share, so the assignment finds the most pairs first
            row.append(len(golds) + 1 + x if x >= 0.5 else 0)
        weights.append(row)
    pairs = dict(assignment(weights))
    matched_sys = set(pairs.values())
    c = t.c
    c["gold"] += len(golds)
    c["system"] += len(systems)
    t.system_kinds += sum(1 for layer, s in systems if layer == "reported" and s.get("kind") in KINDS)
    name = gold["id"]
    for i, (layer, g) in enumerate(golds):
        c["gold " + layer] += 1
        if layer == "reported" and g.get("kind"):
            t.kind_total[g["kind"]] += 1
            t.cat_total[g.get("cue_category")] += 1
        j = pairs.get(i)
        if j is None:
            if verbose:
                what = g.get("kind") or ("quote " + str(g.get("kind")) if layer == "quote" else "reported")
                out.append(f"  [{name}] missed ({what}, {g.get('speaker')}, {g.get('cue')!r}): {g['text'][:70]!r}")
            continue
        slayer, s = systems[j]
        c["found"] += 1
        c["found " + layer] += 1
        src = s.get("speaker")
        mapped = emap.get(src) if src is not None else None
        if (g.get("speaker") is None and src is None) or (g.get("speaker") is not None and mapped == g["speaker"]):
            c["source right"] += 1
        elif verbose:
            out.append(f"  [{name}] source wrong: {g['text'][:50]!r}: gold {g.get('speaker')}, "
                       f"output {src} (-> {mapped})")
        c["cue right"] += cue_right(g.get("cue"), s.get("cue"))
        if layer == "reported":
            gc, sc = covered(g), covered(s)
            c["span pairs"] += 1
            c["span shared"] += len(gc & sc)
            c["span gold"] += len(gc)
            c["span system"] += len(sc)
            c["span exact"] += span_text(g) == span_text(s)
        if layer == "reported" and g.get("kind"):
            c["kinded"] += 1
            t.kind_found[g["kind"]] += 1
            t.cat_found[g.get("cue_category")] += 1
            c["kind right"] += slayer == "reported" and s.get("kind") == g["kind"]
    if verbose:
        for j, (layer, s) in enumerate(systems):
            if j not in matched_sys:
                out.append(f"  [{name}] false positive ({layer}, {s.get('speaker')}, {s.get('cue')!r}): "
                           f"{s.get('text', '')[:70]!r}")


def ratio(a, b):
    return a / b if b else None


def figures(t, documents, missing):
    c = t.c
    p = c["found"] / c["system"] if c["system"] else (1.0 if not c["gold"] else 0.0)
    r = c["found"] / c["gold"] if c["gold"] else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "documents": documents, "missing": missing,
        "content": {"p": p, "r": r, "f": f, "found": c["found"], "system": c["system"], "gold": c["gold"]},
        "indirect_recall": {"value": ratio(c["found reported"], c["gold reported"]),
                            "found": c["found reported"], "gold": c["gold reported"]},
        "direct_recall": {"value": ratio(c["found quote"], c["gold quote"]),
                          "found": c["found quote"], "gold": c["gold quote"]},
        "source_right": {"value": ratio(c["source right"], c["found"]), "right": c["source right"], "of": c["found"]},
        "cue_right": {"value": ratio(c["cue right"], c["found"]), "right": c["cue right"], "of": c["found"]},
        "kind_right": {"value": ratio(c["kind right"], c["kinded"]), "right": c["kind right"], "of": c["kinded"],
                       "system_items_with_kind": t.system_kinds},
        "span": span_figures(c),
        "recall_by_kind": {k: {"found": t.kind_found[k], "gold": t.kind_total[k]} for k in KINDS if t.kind_total[k]},
        "recall_by_cue_category": {k: {"found": t.cat_found[k], "gold": t.cat_total[k]}
                                   for k in CATEGORIES if t.cat_total[k]},
    }


def span_figures(c):
    p, r = ratio(c["span shared"], c["span system"]), ratio(c["span shared"], c["span gold"])
    return {"pairs": c["span pairs"], "p": p, "r": r, "f": 2 * p * r / (p + r) if p and r else None,
            "exact": ratio(c["span exact"], c["span pairs"])}


def fmt(x):
    return "n/a" if x is None else f"{x:.3f}"


def report(fig):
    lines = []
    if fig["missing"]:
        lines.append("no output for: " + ", ".join(fig["missing"]))
    ct = fig["content"]
    lines.append(f"content      P {ct['p']:.3f}  R {ct['r']:.3f}  F {ct['f']:.3f}   "
                 f"({ct['found']} found, {ct['system']} output, {ct['gold']} gold)")
    for key, label, what in (("indirect_recall", "indirect", "reported items"), ("direct_recall", "direct", "quotes")):
        x = fig[key]
        lines.append(f"{label:12s} R {fmt(x['value'])}   ({x['found']} of {x['gold']} gold {what})")
    for key, label, what in (("source_right", "source right", "found contents"),
                             ("cue_right", "cue right", "found contents"),
                             ("kind_right", "kind right", "found reported items with a kind")):
        x = fig[key]
        note = ""
        if key == "kind_right" and not x["system_items_with_kind"]:
            note = "; the output gives no kind"
        lines.append(f"{label:12s} {fmt(x['value'])}     ({x['right']} of {x['of']} {what}{note})")
    sp = fig["span"]
    lines.append(f"span         characters P {fmt(sp['p'])} R {fmt(sp['r'])} F {fmt(sp['f'])}, exact {fmt(sp['exact'])}"
                 f"   ({sp['pairs']} found reported items)")
    for key, label in (("recall_by_kind", "recall by kind"), ("recall_by_cue_category", "recall by cue")):
        if fig[key]:
            lines.append(f"{label}: " + ", ".join(
                f"{k} {fmt(ratio(v['found'], v['gold']))} ({v['found']}/{v['gold']})" for k, v in fig[key].items()))
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+", help="gold files or folders of *.gold.json")
    ap.add_argument("--system", required=True, help="the engine's output: JSON or JSON Lines")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses, false positives, wrong sources")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    a = ap.parse_args(argv)
    gold = load_gold(a.gold)
    system = load_system(a.system)
    t = Tally()
    missing = [gid for gid in gold if gid not in system]
    for gid in sorted(gold):
        out = []
        score_doc(gold[gid], system.get(gid, {}), t, a.verbose, out)
        if out:
            print(f"{gid}:")
            print("\n".join(out))
    fig = figures(t, len(gold), missing)
    print(json.dumps(fig) if a.json else report(fig))
    return 0


if __name__ == "__main__":
    sys.exit(main())
