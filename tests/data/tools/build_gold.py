#!/usr/bin/env python3
"""Builds an article (.txt) and its gold record (.gold.json) from an annotated source.

usage: build_gold.py [SRC.ann ...]      (default: every tests/data/src/*.ann)

Writes tests/data/articles/NAME.txt, tests/data/gold/NAME.gold.json and the
combined tests/data/articles.jsonl ({id, title, date, text} per line).
Exits 1 if any annotation is malformed; prints warnings worth a human look
(a name string that occurs unannotated, capitalised words outside any mention).

Source format (NAME.ann)
------------------------
A header, a line '===', then the article with inline annotations.

Header lines:
    # a comment
    @date 2024-06-10
    @entity ID | TYPE | Canonical name | ACTORCODE | key=value; key=value
        (ACTORCODE and the attributes may be '-' or left out)

Article: the first line is the title, then a blank line, then the body. An
annotation wraps the annotated words in square brackets and follows them with a
spec in braces: [words]{spec}. Annotations nest; the article itself may not
contain '[' ']' '{' '}'. Offsets are Unicode code points over the whole text.

    [Aharon Haliva]{haliva}             named mention of entity haliva
    [the minister]{haliva/n}            nominal mention
    [he]{haliva/p}                      pronoun mention
    [Monday]{t 2024-04-22}              time with its TIMEX3-style value
    [words inside marks]{q SPK CUE K}   quote; K = d (direct) | p (partial);
                                        CUE '-' = none; '_' in CUE = space
    [reported content]{r SPK CUE}       reported speech
    [attributed content]{r SRC CUE KIND [cat=CATEGORY] [#LABEL]}
                                        an attribution (see below); SRC '-' = none
    [second part]{r+ #LABEL}            a further part of the split content #LABEL
    [figure phrase]{c KIND VALUE QUAL UNIT SOURCE ACTOR DATE [max=N]}
                                        claim; '-' = null; '_' in UNIT = space
    [trigger]{e* SRC TGT 18,19 ASSAULT,FIGHT}
                                        event; e* = core, e = not core;
                                        SRC/TGT '-' = null
    [negated words]{ne SRC TGT CAMEO why text ...}
                                        negated or hypothetical action

Attributions (the attribution set, tests/data/attribution/): a reported item may carry
the KIND of what it attributes and the category of its cue, may have no source, and may
have a content in several parts.

    KIND      assertion | belief | intention | knowledge | denial
    cat=      verb (the default) | noun | phrase | adverb | passive: what the cue is
    SRC       an entity id; '-' when the text gives no source at all ("reportedly",
              "it is believed"). An unnamed source that the text gives as such ("a senior
              official", "sources close to the talks") is an entity of its own.
    CUE       the cue as written, '_' for a space: said, fears, according_to, is_believed,
              reportedly, claim, position_is
    #LABEL    names the attribution so that later parts can join it (letters, digits, -)

A content split around its cue and source ("The vote, the ministry said, was rigged") is
one attribution: its first part carries the whole spec and a label, each later part only
'r+' and the label, in text order:

    [The vote]{r ministry said assertion #vote}, [the ministry]{ministry/n} said, [was rigged]{r+ #vote}.

In the gold record such an item gets "kind", "cue_category" and, when split, "parts": the
later parts as [{start, end, text}] (start, end and text stay those of the first part).
An r spec of three fields ({r SPK CUE}) is the older form: no kind, no category, a source
required; its gold item is exactly what it always was.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)

ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"}
CLAIM_KINDS = {"killed", "injured", "hostages", "arrested", "displaced", "missing",
               "evacuated", "protesters", "quantity", "released"}
QUALIFIERS = {"exact", "over", "under", "about"}
ATTRIBUTION_KINDS = {"assertion", "belief", "intention", "knowledge", "denial"}
CUE_CATEGORIES = {"verb", "noun", "phrase", "adverb", "passive"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
          "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
          "MOBILIZE", "COERCE", "ASSAULT", "FIGHT", "INVESTIGATE", "REQUEST", "ACCUSE"}
# the 16-type PLOVER manual spells two types differently; gold lists both
ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE"}
KIND_NAMES = {"": "name", "n": "nominal", "p": "pronoun"}
# dates (2024, 2024-06, 2024-06-10, 2024-W23, 2024-W23-WE, 2024-Q4, 2025-H2, with an
# optional part of day), durations (P3D, PT9M, PXM), sets (XXXX-WXX-5), PRESENT_REF
TIMEX = re.compile(r"(\d{4}|XXXX)(-(\d{2}|XX)(-(\d{2}|XX))?|-W(\d{2}|XX)(-(\d|WE))?|-Q[1-4]|-H[12])?"
                   r"(T(MO|AF|EV|NI|\d{2}:\d{2}))?"
                   r"|XXXX-XX-XXT(MO|AF|EV|NI)"
                   r"|P(\d+|X)(Y|M|W|D|Q)|PT(\d+|X)(H|M|S)"
                   r"|PRESENT_REF|PAST_REF|FUTURE_REF")


class BuildError(Exception):
    pass


def parse_header(lines, path):
    meta = {"date": None, "entities": []}
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@date "):
            meta["date"] = line[6:].strip()
        elif line.startswith("@entity "):
            parts = [p.strip() for p in line[8:].split("|")]
            if len(parts) < 3:
                raise BuildError(f"{path}:{n}: @entity needs ID | TYPE | name")
            eid, etype, name = parts[:3]
            code = parts[3] if len(parts) > 3 and parts[3] not in ("", "-") else None
            attrs = {}
            if len(parts) > 4 and parts[4] not in ("", "-"):
                for kv in parts[4].split(";"):
                    k, _, v = kv.partition("=")
                    attrs[k.strip()] = v.strip()
            if etype not in ENTITY_TYPES:
                raise BuildError(f"{path}:{n}: bad entity type {etype}")
            ent = {"id": eid, "type": etype, "name": name, "actor_code": code,
                   "attributes": attrs}
            meta["entities"].append(ent)
        else:
            raise BuildError(f"{path}:{n}: unknown header line: {line}")
    return meta


def strip_markup(raw, path):
    """Returns (text, [(start, end, spec)]) with code-point offsets into text."""
    out = []
    n = 0
    stack = []
    spans = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "[":
            stack.append(n)
            i += 1
        elif ch == "]":
            if i + 1 >= len(raw) or raw[i + 1] != "{":
                raise BuildError(f"{path}: ']' without spec near {raw[max(0, i-40):i+10]!r}")
            close = raw.index("}", i + 2)
            spec = raw[i + 2:close]
            if not stack:
                raise BuildError(f"{path}: unbalanced ']' near {raw[max(0, i-40):i+10]!r}")
            spans.append((stack.pop(), n, spec))
            i = close + 1
        elif ch in "{}":
            raise BuildError(f"{path}: stray brace near {raw[max(0, i-40):i+10]!r}")
        else:
            out.append(ch)
            n += 1
            i += 1
    if stack:
        text = "".join(out)
        raise BuildError(f"{path}: {len(stack)} unclosed '[' at "
                         + ", ".join(repr(text[p:p + 40]) for p in stack))
    return "".join(out), spans


def null(x):
    return None if x == "-" else x


def num(x):
    v = float(x)
    return int(v) if v.is_integer() else v


def build(path):
    name = os.path.basename(path)[:-4]
    with open(path, encoding="utf-8") as fh:
        src = fh.read()
    head, sep, body = src.partition("\n===\n")
    if not sep:
        raise BuildError(f"{path}: no '===' line")
    meta = parse_header(head.splitlines(), path)
    body = body.rstrip("\n") + "\n"
    text, spans = strip_markup(body, path)
    title = text.split("\n", 1)[0]
    ents = {e["id"]: e for e in meta["entities"]}
    for e in ents.values():
        e["mentions"], e["other_mentions"] = [], []
    quotes, reported, claims, times, events, non_events = [], [], [], [], [], []
    errors = []

    def item(s, e):
        return {"start": s, "end": e, "text": text[s:e]}

    def ent_ref(x, what):
        x = null(x)
        if x is not None and x not in ents:
            errors.append(f"{what}: unknown entity {x!r}")
        return x

    labelled = {}    # #LABEL -> the attribution item that carries it
    later_parts = {}  # #LABEL -> [(start, end, where)] of its r+ parts

    def attribution(f, where):
        """The fields of an attribution {r SRC CUE KIND [cat=C] [#LABEL]} and its label."""
        kind, cat, label = f[3], "verb", None
        for x in f[4:]:
            if x.startswith("cat="):
                cat = x[4:]
            elif x.startswith("#") and re.fullmatch(r"#[\w-]+", x):
                label = x
            else:
                errors.append(f"{where}: unknown attribution field {x!r}")
        if kind not in ATTRIBUTION_KINDS:
            errors.append(f"{where}: bad attribution kind {kind!r}")
        if cat not in CUE_CATEGORIES:
            errors.append(f"{where}: bad cue category {cat!r}")
        if f[2] == "-":
            errors.append(f"{where}: an attribution needs a cue")
        if label and label in labelled:
            errors.append(f"{where}: label {label} used twice")
            label = None
        return {"speaker": ent_ref(f[1], where), "cue": f[2].replace("_", " "), "kind": kind,
                "cue_category": cat}, label

    for s, e, spec in spans:
        where = f"{name} {text[s:e][:40]!r}"
        if s == e:
            errors.append(f"{where}: empty span")
            continue
        if text[s:e] != text[s:e].strip():
            errors.append(f"{where}: span has outer whitespace")
        f = spec.split()
        if not f:
            errors.append(f"{where}: empty spec")
            continue
        if any(c in spec for c in "[]{"):
            errors.append(f"{where}: bracket inside spec {spec!r}")
            continue
        op = f[0]
        arity = {"t": 2, "q": 4, "e": 5, "e*": 5, "r+": 2}
        if (op in arity and len(f) != arity[op]) or (op == "c" and len(f) < 8) \
                or (op == "ne" and len(f) < 5) or (op == "r" and not 3 <= len(f) <= 6):
            errors.append(f"{where}: wrong number of fields in {spec!r}")
            continue
        if op == "t" and not TIMEX.fullmatch(f[1]):
            errors.append(f"{where}: bad time value {f[1]!r}")
        try:
            if op == "t":
                times.append(dict(item(s, e), value=f[1]))
            elif op == "q":
                spk, cue, kind = f[1], f[2], f[3]
                quotes.append(dict(item(s, e), speaker=ent_ref(spk, where),
                                   cue=None if cue == "-" else cue.replace("_", " "),
                                   kind={"d": "direct", "p": "partial"}[kind]))
            elif op == "r" and len(f) == 3:
                if f[1] == "-":
                    errors.append(f"{where}: a source '-' needs the attribution form {{r SRC CUE KIND}}")
                reported.append(dict(item(s, e), speaker=ent_ref(f[1], where),
                                     cue=f[2].replace("_", " ")))
            elif op == "r":
                r, label = attribution(f, where)
                reported.append(dict(item(s, e), **r))
                if label:
                    labelled[label] = reported[-1]
            elif op == "r+":
                label = f[1]
                if not label.startswith("#"):
                    errors.append(f"{where}: r+ needs a #LABEL, got {spec!r}")
                else:
                    later_parts.setdefault(label, []).append((s, e, where))
            elif op == "c":
                kind, value, qual, unit, source, actor, date = f[1:8]
                if kind not in CLAIM_KINDS:
                    errors.append(f"{where}: bad claim kind {kind}")
                if qual not in QUALIFIERS:
                    errors.append(f"{where}: bad qualifier {qual}")
                c = {"kind": kind, "value": num(value), "qualifier": qual,
                     "unit": None if unit == "-" else unit.replace("_", " "),
                     "source": ent_ref(source, where), "actor": ent_ref(actor, where),
                     "date": null(date)}
                for kv in f[8:]:
                    k, _, v = kv.partition("=")
                    c[k] = num(v) if k == "max" else v
                claims.append(dict(c, **item(s, e)))
            elif op in ("e", "e*"):
                src_, tgt, cameo, plover = f[1:5]
                roots = cameo.split(",")
                types = plover.split(",") if plover != "-" else []
                for r in roots:
                    if not re.fullmatch(r"(0[1-9]|1[0-9]|20)", r):
                        errors.append(f"{where}: bad CAMEO root {r}")
                for p in list(types):
                    if p not in PLOVER:
                        errors.append(f"{where}: bad PLOVER type {p}")
                    if p in ALIASES and ALIASES[p] not in types:
                        types.append(ALIASES[p])
                ev = {"core": op == "e*", "source": ent_ref(src_, where),
                      "target": ent_ref(tgt, where), "cameo": roots, "plover": types,
                      "trigger": item(s, e)}
                events.append(ev)
            elif op == "ne":
                src_, tgt, cameo = f[1:4]
                non_events.append(dict({"source": ent_ref(src_, where), "target": ent_ref(tgt, where),
                                        "cameo": cameo, "why": " ".join(f[4:])}, **item(s, e)))
            else:
                eid, _, k = op.partition("/")
                if eid not in ents or k not in KIND_NAMES or len(f) != 1:
                    errors.append(f"{where}: bad spec {spec!r}")
                    continue
                m = dict(item(s, e), kind=KIND_NAMES[k])
                (ents[eid]["mentions"] if k == "" else ents[eid]["other_mentions"]).append(m)
        except (IndexError, ValueError, KeyError) as ex:
            errors.append(f"{where}: malformed spec {spec!r} ({ex})")

    for label, parts in later_parts.items():
        r = labelled.get(label)
        if r is None:
            errors.append(f"{parts[0][2]}: r+ {label} joins no attribution")
            continue
        r["parts"] = [item(s, e) for s, e, _ in sorted(parts)]
        if r["parts"][0]["start"] < r["end"]:
            errors.append(f"{name}: attribution {label}: a later part must follow the first one "
                          f"({r['text'][:30]!r})")
    for label, r in labelled.items():
        if "parts" not in r:
            errors.append(f"{name}: attribution {label} has no r+ part ({r['text'][:30]!r})")
    key = lambda x: (x["start"], x["end"])
    for e in ents.values():
        e["mentions"].sort(key=key)
        e["other_mentions"].sort(key=key)
        if not e["mentions"] and not e["other_mentions"]:
            errors.append(f"{name}: entity {e['id']} has no mentions")
    for lst in (quotes, reported, claims, times, non_events):
        lst.sort(key=key)
    events.sort(key=lambda x: key(x["trigger"]))
    if any(c in text for c in "[]{}"):
        errors.append(f"{name}: article text still holds brackets or braces")

    gold = {"id": name, "title": title, "date": meta["date"],
            "entities": list(ents.values()), "quotes": quotes, "reported": reported,
            "claims": claims, "times": times, "events": events, "non_events": non_events}
    warnings = review(name, text, gold)
    return text, gold, errors, warnings


WORD = r"(?<![\w’'-]){}(?![\w-])"


def review(name, text, gold):
    """Things a human should look at; not errors."""
    warn = []
    covered = [(m["start"], m["end"]) for e in gold["entities"]
               for m in e["mentions"] + e["other_mentions"]]
    named = {}
    for e in gold["entities"]:
        for m in e["mentions"]:
            named.setdefault(m["text"], set()).add(e["id"])
    starts = {(m["start"], m["end"]) for e in gold["entities"] for m in e["mentions"]}
    for s, ids in named.items():
        for mt in re.finditer(WORD.format(re.escape(s)), text):
            if (mt.start(), mt.end()) not in starts:
                # allowed when it sits inside a longer named mention (a name within a name)
                inside = any(a <= mt.start() and mt.end() <= b and (a, b) != (mt.start(), mt.end())
                             for a, b in starts)
                if not inside:
                    warn.append(f"{name}: {s!r} at {mt.start()} is not annotated ({ids})")
    small = {"The", "A", "An", "In", "On", "At", "But", "He", "She", "It", "They", "We", "I",
             "This", "That", "Those", "These", "His", "Her", "Its", "Their", "Our", "After",
             "As", "By", "For", "If", "When", "While", "With", "Since", "Some", "Many", "Last",
             "Earlier", "Later", "More", "No", "Asked", "According", "Despite", "Under",
             "Over", "Among", "There", "What", "Who", "Both", "Neither", "One", "Two",
             "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Only", "Officials",
             "Police", "Witnesses", "Residents", "Analysts", "Shares", "Prosecutors"}
    months = {"January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December", "Jan.", "Feb.", "Aug.",
              "Sept.", "Oct.", "Nov.", "Dec.", "Monday", "Tuesday", "Wednesday",
              "Thursday", "Friday", "Saturday", "Sunday"}
    title_end = text.index("\n")
    for mt in re.finditer(r"\b[A-Z][\w.’'-]*", text):
        if mt.start() < title_end:
            continue  # headline capitalisation
        w = mt.group().rstrip(".").replace("’s", "")
        if w in small or mt.group() in months or w in months:
            continue
        if any(a <= mt.start() < b for a, b in covered):
            continue
        warn.append(f"{name}: capitalised {mt.group()!r} at {mt.start()} outside any mention")
    return warn


def main(argv, folder=DATA):
    """Builds folder/src/*.ann (or the .ann files named) into folder/articles, folder/gold and
    folder/articles.jsonl."""
    paths = argv or sorted(os.path.join(folder, "src", f)
                           for f in os.listdir(os.path.join(folder, "src")) if f.endswith(".ann"))
    failed = False
    for p in paths:
        try:
            text, gold, errors, warnings = build(p)
        except BuildError as ex:
            print("ERROR", ex)
            failed = True
            continue
        for w in warnings:
            print("warn ", w)
        for e in errors:
            print("ERROR", e)
        if errors:
            failed = True
            continue
        name = gold["id"]
        with open(os.path.join(folder, "articles", name + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(text)
        with open(os.path.join(folder, "gold", name + ".gold.json"), "w", encoding="utf-8") as fh:
            json.dump(gold, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        # round trip: every span must read back from the written file
        with open(os.path.join(folder, "articles", name + ".txt"), encoding="utf-8") as fh:
            back = fh.read()
        assert back == text
        print(f"ok    {name}: {len(text.split())} words, {len(gold['quotes'])} quotes, "
              f"{len(gold['reported'])} reported")
    # the combined JSONL input, built from every article on disk
    arts = sorted(f[:-4] for f in os.listdir(os.path.join(folder, "articles")) if f.endswith(".txt"))
    with open(os.path.join(folder, "articles.jsonl"), "w", encoding="utf-8") as out:
        for a in arts:
            gp = os.path.join(folder, "gold", a + ".gold.json")
            if not os.path.exists(gp):
                continue
            with open(os.path.join(folder, "articles", a + ".txt"), encoding="utf-8") as fh:
                text = fh.read()
            with open(gp, encoding="utf-8") as fh:
                g = json.load(fh)
            out.write(json.dumps({"id": a, "title": g["title"], "date": g["date"], "text": text},
                                 ensure_ascii=False) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
