#!/usr/bin/env python3
"""Scores the actor codes of sitrep's entities against gold records.

usage: scripts/actor_code_score.py GOLD [GOLD ...] --system SYSTEM.jsonl [-v]
  build/sitrep extract --input jsonl tests/data/articles.jsonl > /tmp/own.jsonl
  python3 scripts/actor_code_score.py tests/data/gold --system /tmp/own.jsonl

GOLD are gold files or folders of them (*.gold.json, ../shared/SCHEMA.md with
"actor_code" on entities); SYSTEM holds sitrep records, matched by id.

Each gold entity with an actor code is matched to the system entity that
shares the most of its mentions (same start and end); a gold entity none of
whose mentions the system has is "not found". Among those found:
- exact: the system's code equals the gold code;
- country right: the first three letters agree (the country or IGO level, as
  PETRARCH's scorers compare actors), where the gold code starts with a country;
- sector alone: the system gives a sector without a country (GOV, MIL, ...)
  where the gold code has one.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from records import load_gold, load_system  # noqa: E402

# CAMEO sector and role codes that begin a code only when no country is known.
SECTORS = {"GOV", "MIL", "REB", "COP", "CVL", "OPP", "BUS", "MED", "JUD", "LEG", "UAF", "SPY", "CRM", "ELI",
           "LAB", "EDU", "HLH", "REF", "AGR", "ENV", "HRI", "INS", "SEP", "PTY", "RAD", "MOD", "DEV", "NGO", "IGO",
           "NGM", "MNC", "IMG"}


def spans(entity):
    out = set()
    for key in ("mentions", "other_mentions"):
        for m in entity.get(key) or []:
            out.add((m["start"], m["end"]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--system", required=True)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    gold = load_gold(args.gold)
    system = load_system(args.system)
    n = found = exact = country_n = country_ok = sector_alone = 0
    for doc_id, g in sorted(gold.items()):
        sys_doc = system.get(doc_id, {})
        sys_entities = [(e, spans(e)) for e in sys_doc.get("entities", [])]
        for ge in g.get("entities", []):
            code = ge.get("actor_code")
            if not code:
                continue
            n += 1
            gs = spans(ge)
            best, overlap = None, 0
            for se, ss in sys_entities:
                k = len(gs & ss)
                if k > overlap:
                    best, overlap = se, k
            if best is None:
                if args.verbose:
                    print(f"{doc_id}: {ge['name']} ({code}): not found")
                continue
            found += 1
            got = best.get("actor_code") or ""
            exact += got == code
            if code[:3] not in SECTORS:
                country_n += 1
                country_ok += got[:3] == code[:3]
                alone = got[:3] in SECTORS or got == ""
                sector_alone += got[:3] in SECTORS
                if args.verbose and got[:3] != code[:3]:
                    print(f"{doc_id}: {ge['name']} gold {code}, system {got or '(none)'}"
                          f"{' (sector alone)' if alone and got else ''}")
    pct = lambda a, b: f"{a / b:.3f}" if b else "n/a"
    print(f"gold entities with a code {n}, found {found}")
    print(f"exact        {pct(exact, found)}   ({exact} of {found} found)")
    print(f"country right {pct(country_ok, country_n)}  ({country_ok} of {country_n} found whose gold code has a country)")
    print(f"sector alone {pct(sector_alone, country_n)}   ({sector_alone} of {country_n}: a sector without the gold's country)")


if __name__ == "__main__":
    main()
