#!/usr/bin/env python3
"""Exact-span, exact-type entity scores of sitrep's records: PER, ORG, LOC and MISC.

usage: scripts/ner_score.py GOLD [GOLD ...] --system OUT.jsonl [-v]
       scripts/ner_score.py --iob FILE [--sitrep build/sitrep] [--extract-args "--names lists"] [-v]

  e.g. build/sitrep extract --input jsonl tests/data/names/articles.jsonl > /tmp/names.jsonl
       scripts/ner_score.py tests/data/names/gold --system /tmp/names.jsonl -v
       scripts/ner_score.py --iob ../shared/corpora/uner-ewt/en_ewt-ud-test.iob2 --sitrep build/sitrep

GOLD are gold records in SCHEMA.md format (*.gold.json, or folders of them: tests/data/gold,
tests/data/heldout/gold, tests/data/names/gold); their named mentions are the gold. OUT is the
engine's output, one JSON record or JSON Lines, paired with the gold by "id"; a gold record
with no output counts all its names as missed.

--iob reads a token-per-line file (CoNLL IOB1/IOB2, or UNER .iob2 with numbered tokens):
documents split at '-DOCSTART-' or '# newdoc', a document's text is its sentences joined by
newlines and its tokens by one space, and the named spans are the gold. The documents go to
sitrep as JSON Lines (ids d0, d1, ...), exactly as ../shared/tools/ner_eval.py builds them, so
both give the same figures.

A prediction is every entity mention of kind "name" (offsets in code points). Types map
PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC, anything else -> MISC; a mention counts when
its span and its class both match. Prints P/R/F for each class and for PER+ORG+LOC together
(MISC is shown but left out of that line); -v also lists, per article, the gold names missed
and the output names that match none.
"""
import json
import os
import subprocess
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from records import load_gold, load_system  # noqa: E402

CLASSES = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
ORDER = ("PER", "ORG", "LOC", "MISC")


def name_class(entity_type):
    return CLASSES.get(entity_type, "MISC")


def named_mentions(record):
    """The set of (start, end, class) of a record's name mentions (kind "name" or no kind)."""
    return {(m["start"], m["end"], name_class(e.get("type")))
            for e in record.get("entities", []) for m in e.get("mentions", [])
            if m.get("kind", "name") == "name"}


def read_iob(path):
    """Documents as lists of sentences of (token, tag)."""
    docs, doc, sent = [], [], []

    def end_sent():
        nonlocal sent
        if sent:
            doc.append(sent)
        sent = []

    def end_doc():
        nonlocal doc
        end_sent()
        if doc:
            docs.append(doc)
        doc = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# newdoc") or line.startswith("-DOCSTART-"):
                end_doc()
                continue
            if line.startswith("#"):
                continue
            f = line.split("\t") if "\t" in line else line.split()
            if not f or not f[0].strip():
                end_sent()
                continue
            # UNER numbers its tokens: ID TOKEN TAG ...; CoNLL has TOKEN ... TAG
            tok, tag = (f[1], f[2]) if f[0].isdigit() and len(f) >= 3 else (f[0], f[-1])
            sent.append((tok, tag))
    end_doc()
    return docs


def iob_document(doc):
    """(text, gold spans): sentences joined by newlines, tokens by a space; a span starts at B-
    or at an I- whose type differs from the open span's (IOB1 and IOB2 alike)."""
    text, gold, pos = [], set(), 0
    for si, sent in enumerate(doc):
        if si:
            text.append("\n")
            pos += 1
        start = typ = last_end = None
        for ti, (tok, tag) in enumerate(sent + [("", "O")]):
            prefix, _, t = tag.partition("-")
            begins = prefix == "B" or (prefix == "I" and t != typ)
            if typ is not None and (tag == "O" or begins):
                gold.add((start, last_end, typ))
                typ = None
            if ti == len(sent):
                break
            if ti:
                text.append(" ")
                pos += 1
            if prefix in ("B", "I") and (begins or typ is None):
                start, typ = pos, t
            text.append(tok)
            pos += len(tok)
            last_end = pos
    return "".join(text), gold


EXTRACT_ARGS = []  # --extract-args: more flags for sitrep extract ("--names lists")


def run_sitrep(binary, texts):
    """sitrep's records for the texts, keyed d0, d1, ..."""
    lines = "".join(json.dumps({"id": f"d{k}", "text": t}) + "\n" for k, t in enumerate(texts))
    out = subprocess.run([binary, "extract", "-q", "--input", "jsonl"] + EXTRACT_ARGS + ["-"], input=lines,
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"sitrep failed ({out.returncode}): {out.stderr.strip()[-300:]}")
    return {rec["id"]: rec for rec in map(json.loads, out.stdout.splitlines())}


def mention_texts(*records):
    """{(start, end): text} of every mention of the records, for -v."""
    return {(m["start"], m["end"]): m.get("text", "") for r in records
            for e in r.get("entities", []) for m in e.get("mentions", [])}


def score(pairs, verbose):
    """pairs: (id, text_of, gold set, system set), text_of(start, end) giving a span's words.
    Returns the (right, output, gold) Counters by class."""
    tp, ns, ng = Counter(), Counter(), Counter()
    for doc_id, text_of, gold, system in pairs:
        for s in system:
            ns[s[2]] += 1
        for g in gold:
            ng[g[2]] += 1
        for m in system & gold:
            tp[m[2]] += 1
        if verbose and (gold - system or system - gold):
            print(f"[{doc_id}]")
            for a, b, c in sorted(gold - system):
                print(f"  missed {text_of(a, b)!r} {c}")
            for a, b, c in sorted(system - gold):
                print(f"  false  {text_of(a, b)!r} {c}")
    return tp, ns, ng


def report(tp, ns, ng):
    def line(label, keys):
        t, s, g = sum(tp[x] for x in keys), sum(ns[x] for x in keys), sum(ng[x] for x in keys)
        p, r = (t / s if s else 0.0), (t / g if g else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{label:12} P {p:.3f}  R {r:.3f}  F {f:.3f}   ({t} right, {s} output, {g} gold)")
    for c in ORDER:
        line(c, [c])
    line("PER+ORG+LOC", ["PER", "ORG", "LOC"])


def main(argv):
    verbose = "-v" in argv or "--verbose" in argv
    args = [a for a in argv if a not in ("-v", "--verbose")]

    def option(name, default=None):
        if name in args:
            i = args.index(name)
            if i + 1 >= len(args):
                sys.exit(f"{name} needs a value\n\n{__doc__}")
            value = args[i + 1]
            del args[i:i + 2]
            return value
        return default
    system_path = option("--system")
    iob = option("--iob")
    binary = option("--sitrep", "build/sitrep")
    EXTRACT_ARGS.extend((option("--extract-args") or "").split())
    if iob:
        if args or system_path:
            sys.exit(__doc__)
        docs = [iob_document(d) for d in read_iob(iob)]
        system = run_sitrep(binary, [t for t, _ in docs])
        pairs = [(f"d{k}", lambda a, b, text=text: text[a:b], gold, named_mentions(system.get(f"d{k}", {})))
                 for k, (text, gold) in enumerate(docs)]
    else:
        if not args or not system_path:
            sys.exit(__doc__)
        gold = load_gold(args)
        system = load_system(system_path)
        pairs = []
        for doc_id, g in gold.items():
            rec = system.get(doc_id)
            if rec is None:
                print(f"no output for {doc_id}", file=sys.stderr)
                rec = {}
            texts = mention_texts(g, rec)
            pairs.append((doc_id, lambda a, b, texts=texts: texts.get((a, b), f"{a}..{b}"),
                          named_mentions(g), named_mentions(rec)))
    tp, ns, ng = score(pairs, verbose)
    report(tp, ns, ng)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
