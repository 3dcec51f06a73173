#!/usr/bin/env python3
"""Counts what the names test set holds: sentences, names by type, and each phenomenon it
was written to contain, as Markdown.

usage: python3 tests/data/names/stats.py                 print the tables
       python3 tests/data/names/stats.py --update tests/data/names/README.md
                                          replace the block between '<!-- totals:begin -->'
                                          and '<!-- totals:end -->' with them
       python3 tests/data/names/stats.py --list KIND      print the items counted under KIND
                                          (negatives, headers, unlisted, cues, caps, rows)

Reads gold/*.gold.json, articles/*.txt and the domain word of each src/*.ann's first comment
line. Every count is computed from the text and the annotation, never typed in:

- sentences: the title line is one; a body line ending in . ! ? (or a closing quote or
  bracket after one) is prose and is split after . ! ? before a capital, a digit or an
  opening quote, except after a single capital letter ("F. Marinos"); every other body
  line is a table, list or label line.
- name origins come from the PERSON entities' `origin` attribute; a person is "in no list"
  when no part of the name is a forename or surname in ../../../../shared/corpora/names or a
  name in data/given_names.tsv or data/people.tsv (the family name is checked the same way).
- a later short mention is a PERSON named mention after the entity's first one whose text is
  a proper part of the canonical name; its cue is the word just before it.
- an ORG named after a place has an `after_place` attribute; "beside the place" means the
  same article also names a GPE or LOC whose name is that place or a word of the ORG's name.
- ALL-CAPS text: a line whose letters are all capitals, the dateline at the start of the
  first body line, and a headline slug ("TENNIS-", "TOKYO STOCKS-").
- hard negatives: capitalised words outside every named mention, by where they stand.
"""
import collections
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SHARED_NAMES = os.path.join(os.path.dirname(ROOT), "shared", "corpora", "names")

GROUPS = {
    "Japanese": "Japanese", "Chinese": "Chinese", "Chinese (Cantonese)": "Chinese", "Korean": "Korean",
    "Arabic": "Arabic", "Persian": "Persian", "Spanish": "Spanish", "Portuguese": "Portuguese",
}
for _o in ("Russian", "Polish", "Serbian", "Ukrainian", "Czech", "Slovak", "Croatian", "Bulgarian"):
    GROUPS[_o] = "Slavic"
for _o in ("Yoruba", "Igbo", "Hausa", "Swahili", "Amharic", "Zulu", "Akan", "Oromo", "Tigrinya", "Somali",
           "Kalenjin", "Kikuyu", "Luo", "Chagga", "Xhosa", "Sotho", "Ndebele", "Wolof", "Kimbundu"):
    GROUPS[_o] = "African"
GROUP_ORDER = ["Japanese", "Chinese", "Korean", "Arabic", "Persian", "Spanish", "Portuguese", "Slavic",
               "African", "other"]
FAMILY_FIRST = {"Chinese", "Korean"}  # the family name is the first word (Guo Xinyi, Ha Seung-ryeol)

HONORIFICS = {"Mr", "Ms", "Mrs", "Miss", "Dr", "Mr.", "Ms.", "Mrs.", "Dr.", "Prof."}
TITLES = {"President", "Governor", "Justice", "Judge", "Mayor", "Commissioner", "Minister", "Secretary",
          "Alhaji", "Hajiya", "Chairman"}
# lowercase words that say "a person" right before a name ("striker Tomonari Kurusaki")
ROLES = {"coach", "striker", "defender", "midfielder", "forward", "goalkeeper", "winger", "guard", "centre",
         "captain", "rider", "climber", "hurdler", "qualifier", "wildcard", "executive", "minister",
         "secretary", "spokeswoman", "spokesman", "chairman", "president", "officer", "director",
         "analyst", "leader", "lawyer", "trader", "herder", "farmer", "resident", "councillor",
         "lawmaker", "envoy", "negotiator", "researcher", "official", "judge", "governor", "mayor",
         "commissioner", "candidate", "architect", "scientist", "driver", "chief", "manager",
         "consultant", "agent", "referee", "sportif", "football", "finance", "strategy", "Lawmaker",
         "Resident"}
MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct",
          "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

CAP_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'.&]*")
SENT_END = re.compile(r"[.!?][”\"’)]*$")
SPLIT = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9À-ÖØ-ÞČĆĐŠŽ])")
DATELINE = re.compile(r"^[A-ZÀ-ÖØ-ÞČĆĐŠŽ][A-ZÀ-ÖØ-ÞČĆĐŠŽ .'/-]*[A-ZÀ-ÖØ-ÞČĆĐŠŽ](?=,| \()")
SLUG = re.compile(r"^[A-Z][A-Z ]*[A-Z]-(?=\S)")


def load():
    docs = []
    for f in sorted(os.listdir(os.path.join(HERE, "gold"))):
        if not f.endswith(".gold.json"):
            continue
        with open(os.path.join(HERE, "gold", f), encoding="utf-8") as fh:
            g = json.load(fh)
        with open(os.path.join(HERE, "articles", g["id"] + ".txt"), encoding="utf-8") as fh:
            g["_text"] = fh.read()
        with open(os.path.join(HERE, "src", g["id"] + ".ann"), encoding="utf-8") as fh:
            first = fh.readline()
        g["_domain"] = first.lstrip("# ").split(",")[0].strip().lower()
        docs.append(g)
    return docs


def name_lists():
    """Every forename, surname and listed person's name token known to a list, lower-cased."""
    known = set()

    def add(name):
        for tok in re.split(r"[\s]+", name.strip()):
            if tok:
                known.add(tok.lower())
    for fn in ("common-forenames-by-country.csv", "common-surnames-by-country.csv"):
        path = os.path.join(SHARED_NAMES, fn)
        if os.path.exists(path):
            with open(path, encoding="utf-8-sig") as fh:
                for row in csv.DictReader(fh):
                    add(row.get("Romanized Name") or "")
                    add(row.get("Localized Name") or "")
    for fn, cols in (("given_names.tsv", (0,)), ("people.tsv", (0, 1))):
        with open(os.path.join(ROOT, "data", fn), encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or line.startswith("name\t"):
                    continue
                f = line.rstrip("\n").split("\t")
                for c in cols:
                    if c < len(f):
                        for part in f[c].split("|"):
                            add(part)
    return known


def org_lists():
    names = set()
    with open(os.path.join(ROOT, "data", "organizations.tsv"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("name\t"):
                continue
            f = line.rstrip("\n").split("\t")
            for part in [f[0]] + (f[1].split("|") if len(f) > 1 else []):
                if part:
                    names.add(part.lower())
    return names


def lines_of(text):
    """(start, end, line) for every non-empty line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def is_caps(line):
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def analyse(g):
    text = g["_text"]
    lines = lines_of(text)
    title = lines[0]
    named = sorted((m["start"], m["end"], e) for e in g["entities"] for m in e["mentions"])
    info = collections.Counter()
    items = collections.defaultdict(list)

    def inside(a, b):
        return any(s <= a and b <= e for s, e, _ in named)

    # sentences, tables, ALL-CAPS text
    caps_spans, table_lines, prose = [], [], []
    info["sentences"] += 1
    if is_caps(title[2]):
        info["caps headlines"] += 1
        caps_spans.append(title[:2])
    slug = SLUG.match(title[2])
    if slug:
        info["slug headlines"] += 1
        caps_spans.append((0, slug.end()))
    for k, (s, e, line) in enumerate(lines[1:]):
        if k == 0:
            d = DATELINE.match(line)
            if d:
                info["datelines"] += 1
                caps_spans.append((s, s + d.end()))
        if SENT_END.search(line.rstrip()):
            parts = SPLIT.split(line)
            merged = []
            for p in parts:  # no split after a single capital letter ("Yokohama F. Marinos")
                if merged and re.search(r"(?:^|\s)[A-Z]\.$", merged[-1].rstrip("”\"’)")):
                    merged[-1] += " " + p
                else:
                    merged.append(p)
            info["sentences"] += len(merged)
            off = s
            for p in merged:
                i = text.index(p.split(" ")[0], off)
                prose.append(i)
                off = i + 1
        else:
            if is_caps(line):
                info["caps lines"] += 1
                caps_spans.append((s, e))
            table_lines.append((s, e, line))
    for s, e, line in table_lines:
        ms = [m for m in named if s <= m[0] and m[1] <= e]
        if ms:
            info["table rows with names"] += 1
            info["table names"] += len(ms)
        elif not re.search(r"\d", line) and len(line.split()) >= 3 and not line.rstrip().endswith(":") \
                and not is_caps(line):
            info["header rows"] += 1
            items["headers"].append(line)
        else:
            info["label lines"] += 1
    for a, b, _ in named:
        if any(s <= a and b <= e for s, e in caps_spans):
            info["caps names"] += 1
            items["caps"].append(text[a:b])

    # hard negatives: capitalised words outside every named mention
    prose_starts = set(prose)
    table_ranges = [(s, e) for s, e, _ in table_lines]
    for mt in CAP_WORD.finditer(text):
        a, b = mt.span()
        word = mt.group().rstrip(".’'-")
        if word in ("I", "A") or inside(a, b) or any(s <= a < e for s, e, _ in named):
            continue
        if a > 0 and text[a - 1].isalpha():
            continue
        base = word.replace("’s", "").replace("'s", "")
        if base in MONTHS:
            kind = "day or month name"
        elif a < title[1]:
            kind = "headline word"
        elif any(s <= a < e for s, e in caps_spans):
            kind = "ALL-CAPS word"
        elif any(s <= a < e for s, e in table_ranges):
            kind = "table or label word"
        elif a in prose_starts or (a >= 2 and text[a - 1] in "“\"‘(" and a - 1 in prose_starts):
            kind = "sentence-initial word"
        else:
            kind = "other capitalised word"
        info["neg " + kind] += 1
        items["negatives"].append(f"{kind}: {mt.group()}")
    return info, items


def main(argv):
    docs = load()
    known_names, known_orgs = name_lists(), org_lists()
    per_article, total, items = [], collections.Counter(), collections.defaultdict(list)
    types, type_mentions = collections.Counter(), collections.Counter()
    groups, group_mentions, group_unlisted = collections.Counter(), collections.Counter(), collections.Counter()
    origins = collections.Counter()
    short, cues = collections.Counter(), collections.Counter()
    bare_first = 0
    place_orgs = collections.Counter()
    for g in docs:
        text = g["_text"]
        info, its = analyse(g)
        for k, v in its.items():
            items[k] += [f"{g['id']}: {x}" for x in v]
        info["entities"] = len(g["entities"])
        info["named"] = sum(len(e["mentions"]) for e in g["entities"])
        info["words"] = len(text.split())
        per_article.append((g, info))
        total.update(info)
        gpe_names = {e["name"].lower() for e in g["entities"] if e["type"] in ("GPE", "LOC")}
        by_start = {}
        for e in g["entities"]:
            types[e["type"]] += 1
            type_mentions[e["type"]] += len(e["mentions"])
            for m in e["mentions"]:
                by_start[m["start"]] = e
            a = e.get("attributes", {})
            if e["type"] == "PERSON":
                origin = a.get("origin", "")
                grp = GROUPS.get(origin, "other")
                origins[origin] += 1
                groups[grp] += 1
                group_mentions[grp] += len(e["mentions"])
                toks = [t.lower() for t in e["name"].split()]
                family = toks[0] if grp in FAMILY_FIRST else toks[-1]
                if not any(t in known_names or t.replace("-", "") in known_names for t in toks):
                    group_unlisted[grp + " none"] += 1
                    items["unlisted"].append(f"{g['id']}: {e['name']} (no part in any list)")
                if family not in known_names:
                    group_unlisted[grp] += 1
                first = True
                for m in sorted(e["mentions"], key=lambda m: m["start"]):
                    before = text[:m["start"]].rstrip().rsplit(None, 1)
                    prev = before[-1] if before else ""
                    prev_clean = prev.strip("“\"(‘,")
                    if prev_clean in HONORIFICS:
                        cue = "honorific (Mr, Ms, Mrs, Dr)"
                    elif prev_clean in TITLES:
                        cue = "capitalised title"
                    elif prev_clean.lower() in ROLES or prev_clean in ROLES:
                        cue = "role word"
                    else:
                        cue = "no cue"
                    if first and cue == "no cue":
                        bare_first += 1
                    if not first and m["text"] != e["name"] and \
                            set(m["text"].split()) < set(e["name"].split()):
                        short["later short mentions"] += 1
                        short["later short, " + cue] += 1
                        items["cues"].append(f"{g['id']}: {prev_clean} | {m['text']} ({cue})")
                    cues[cue] += 1
                    first = False
            if e["type"] == "ORG":
                if a.get("after_place"):
                    kind = "clubs and teams" if re.search(r"club|team", a.get("role", "")) else "firms and other bodies"
                    place_orgs[kind] += 1
                    place_orgs[kind + " mentions"] += len(e["mentions"])
                    words = {w.lower() for w in re.findall(r"\w+", e["name"])}
                    if a["after_place"].lower() in gpe_names or any(n in words or n == e["name"].lower()
                                                                    for n in gpe_names):
                        place_orgs["beside the place"] += 1
                if a.get("fictional") == "yes":
                    place_orgs["invented orgs"] += 1
                    place_orgs["invented org mentions"] += len(e["mentions"])
                if e["name"].lower() not in known_orgs:
                    place_orgs["orgs in no list"] += 1
                    place_orgs["mentions of orgs in no list"] += len(e["mentions"])
        # acronyms right after their expansion: "Korea Fair Trade Commission (KFTC)"
        for e in g["entities"]:
            ms = sorted(e["mentions"], key=lambda m: m["start"])
            for x, y in zip(ms, ms[1:]):
                if text[x["end"]:y["start"]] == " (" and len(y["text"]) < len(x["text"]):
                    place_orgs["acronyms after expansion"] += 1

    out = []
    cols = ["words", "sentences", "table/list lines", "entities", "named"]
    out.append("| article | domain | date | " + " | ".join(cols) + " |")
    out.append("|---|---|---|" + "---:|" * len(cols))
    domains = collections.Counter()
    for g, c in per_article:
        c["table/list lines"] = c["table rows with names"] + c["header rows"] + c["label lines"]
        domains[g["_domain"]] += 1
        out.append(f"| {g['id']} | {g['_domain']} | {g['date']} | " + " | ".join(str(c[k]) for k in cols) + " |")
    tl = total["table rows with names"] + total["header rows"] + total["label lines"]
    total["table/list lines"] = tl
    out.append(f"| **total ({len(per_article)})** | | | " + " | ".join(f"**{total[k]}**" for k in cols) + " |")
    out.append("")
    out.append("Articles by domain: " + ", ".join(f"{k} {v}" for k, v in sorted(domains.items())) + ".")
    out.append("")
    scorer = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
    out.append("Entities (named mentions) by type: " + ", ".join(
        f"{k} {types[k]} ({type_mentions[k]})" for k in sorted(types)) + ".")
    sc = collections.Counter()
    for k, v in type_mentions.items():
        sc[scorer.get(k, "MISC")] += v
    out.append("Named mentions by scorer class: " + ", ".join(f"{k} {sc[k]}" for k in ("PER", "ORG", "LOC", "MISC"))
               + f"; PER+ORG+LOC {sc['PER'] + sc['ORG'] + sc['LOC']}.")
    out.append("")
    out.append("| phenomenon | count |")
    out.append("|---|---:|")

    def row(label, n):
        out.append(f"| {label} | {n} |")
    for grp in GROUP_ORDER:
        row(f"persons with {grp} names (named mentions; family name in no list; no part in any list)",
            f"{groups[grp]} ({group_mentions[grp]}; {group_unlisted[grp]}; {group_unlisted[grp + ' none']})")
    listed = sum(groups[k] for k in GROUP_ORDER if k != "other")
    row("persons with names of the nine required language groups", listed)
    row("person mentions after the first that are part of the name (surname, or given name where that is the custom)",
        short["later short mentions"])
    for cue in ("honorific (Mr, Ms, Mrs, Dr)", "capitalised title", "role word", "no cue"):
        row(f"&nbsp;&nbsp;of which after {'an' if cue.startswith('honorific') else 'a'} {cue}" if cue != "no cue"
            else "&nbsp;&nbsp;of which with no cue before",
            short["later short, " + cue])
    row("person mentions after an honorific (Mr, Ms, Mrs, Dr), any position", cues["honorific (Mr, Ms, Mrs, Dr)"])
    row("person mentions with no honorific, title or role word right before", cues["no cue"])
    row("persons whose first mention has no honorific, title or role word right before", bare_first)
    row("clubs and teams named after a place (their named mentions)",
        f"{place_orgs['clubs and teams']} ({place_orgs['clubs and teams mentions']})")
    row("firms and other bodies named after a place (their named mentions)",
        f"{place_orgs['firms and other bodies']} ({place_orgs['firms and other bodies mentions']})")
    row("of these, in an article that also names the place itself", place_orgs["beside the place"])
    row("ALL-CAPS headlines / slug headlines (\"TENNIS-\") / datelines / ALL-CAPS lines in the text",
        f"{total['caps headlines']} / {total['slug headlines']} / {total['datelines']} / {total['caps lines']}")
    row("named mentions inside ALL-CAPS text", total["caps names"])
    row("table and list rows with names (named mentions in them)",
        f"{total['table rows with names']} ({total['table names']})")
    row("table header rows without names (\"Pos Team P W D L Pts\", \"Team W L PCT GB\")", total["header rows"])
    row("other table, list and label lines without names", total["label lines"])
    row("invented organisations (their named mentions)",
        f"{place_orgs['invented orgs']} ({place_orgs['invented org mentions']})")
    row("organisations in no list of data/organizations.tsv (their named mentions)",
        f"{place_orgs['orgs in no list']} ({place_orgs['mentions of orgs in no list']})")
    row("acronyms or short names in brackets right after their expansion", place_orgs["acronyms after expansion"])
    negs = sorted(k for k in total if k.startswith("neg "))
    row("hard negatives: capitalised words outside any name", sum(total[k] for k in negs))
    for k in negs:
        row("&nbsp;&nbsp;" + k[4:] + "s", total[k])
    out.append("")
    out.append("Person name origins: " + ", ".join(f"{k} {v}" for k, v in sorted(origins.items())) + ".")
    table = "\n".join(out)

    if len(argv) == 2 and argv[0] == "--list":
        print("\n".join(items[argv[1]]))
    elif len(argv) == 2 and argv[0] == "--update":
        with open(argv[1], encoding="utf-8") as fh:
            doc = fh.read()
        begin, end = "<!-- totals:begin -->", "<!-- totals:end -->"
        i, j = doc.index(begin) + len(begin), doc.index(end)
        with open(argv[1], "w", encoding="utf-8") as fh:
            fh.write(doc[:i] + "\n" + table + "\n" + doc[j:])
    else:
        print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
