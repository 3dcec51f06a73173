#!/usr/bin/env python3
"""Builds data/world_names.tsv: popular forenames and surnames of 107 countries.

usage: python3 data/build/world_names.py [CORPORA_DIR]    (default ../shared/corpora)

Source: the CC0 "popular names by country" dataset (sigpwned/popular-names-by-country-dataset,
in CORPORA_DIR/names): common-forenames-by-country.csv and common-surnames-by-country.csv. Each
name is kept in its romanised form (the localised one when it is already in Latin script), and
also without diacritics when it has any ("Kondō" -> "Kondo", "Šimić" -> "Simic"), as news
writes them. One row per name and kind; its genders (forenames) and countries merged.
Deterministic output.
"""
import csv
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from tsvlib import write_tsv  # noqa: E402

# Letters that NFKD does not split into a base and a mark.
EXTRA = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE",
         "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H"}


def plain(name):
    s = "".join(EXTRA.get(c, c) for c in name)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def latin(name):
    return all(ord(c) < 0x250 or c in " -'’." for c in name)


def main():
    corpora = sys.argv[1] if len(sys.argv) > 1 else os.path.join(DATA_DIR, "..", "..", "shared", "corpora")
    folder = os.path.join(corpora, "names")
    names = {}  # (name, kind) -> [genders, countries]

    def add(name, kind, gender, country):
        name = " ".join(name.split())
        if not name or not latin(name) or not name[0].isalpha():
            return
        for form in {name, plain(name)}:
            g, c = names.setdefault((form, kind), [set(), set()])
            if gender:
                g.add(gender)
            c.add(country)

    with open(os.path.join(folder, "common-forenames-by-country.csv"), encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            name = r["Romanized Name"] or r["Localized Name"]
            add(name, "forename", r["Gender"].lower(), r["Country"])
    with open(os.path.join(folder, "common-surnames-by-country.csv"), encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            name = r["Romanized Name"] or r["Localized Name"]
            add(name, "surname", "", r["Country"])
    rows = []
    for (name, kind), (genders, countries) in sorted(names.items()):
        gender = "" if kind == "surname" else ("u" if len(genders) != 1 else next(iter(genders)))
        rows.append([name, kind, gender, "|".join(sorted(countries))])
    header = [
        "Popular forenames and surnames of 107 countries, in Latin script (romanised), with and without diacritics.",
        "source: sigpwned/popular-names-by-country-dataset eb62e13d4d62 (Wikipedia's lists of most common",
        "  given names and surnames, July 2023), files common-forenames-by-country.csv and",
        "  common-surnames-by-country.csv",
        "licence: CC0-1.0",
        "generated-by: data/build/world_names.py (do not edit; rebuild from ../shared/corpora/names)",
        "columns: kind = forename|surname; gender = m|f|u for forenames (u: both), empty for surnames;",
        "  countries = ISO 3166-1 alpha-2 codes of the lists the name is in, |-separated. Many names are",
        "  also words or places: evidence, not proof.",
    ]
    n = write_tsv(os.path.join(DATA_DIR, "world_names.tsv"), header, ["name", "kind", "gender", "countries"], rows)
    kinds = {}
    for r in rows:
        kinds[r[1]] = kinds.get(r[1], 0) + 1
    print("world_names.tsv: %d rows (%s)" % (n, ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))


if __name__ == "__main__":
    main()
