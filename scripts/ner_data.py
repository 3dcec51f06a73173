#!/usr/bin/env python3
"""Converts the open NER corpora into one BIO training file: PER, ORG and LOC names.

usage: scripts/ner_data.py CORPORA_DIR OUT.bio [--sets gum-train,btc,wnut17,uner-dev] [--stats]

Reads from ../shared/corpora (README.md there gives each set's licence and role):
  gum-train   UD English GUM train: the named mentions among its entity spans (MISC
              Entity=): person -> PER, organization -> ORG, place -> LOC. A span is a name
              when, past a leading determiner, it starts and ends with a proper noun (UPOS
              PROPN or Penn NNP/NNPS: "United" in "United Kingdom" is VERB/NNP) and
              holds only proper nouns, numbers and the words that join them (of, and, &,
              the, -, .); the outermost such span wins. Leading titles (data/titles.tsv:
              "Emperor", "Professor", "Gen.") are left out, as the schema leaves them out.
  gum-dev     UD English GUM dev, the same way (for development only)
  gum-test    UD English GUM test, the same way (a test set: never train on it)
  btc         Broad Twitter Corpus, sections a b e f g h (PER, ORG, LOC as given)
  wnut17      WNUT17 train and dev: person -> PER, corporation and group -> ORG,
              location -> LOC; product and creative-work are left out (O)
  uner-dev    Universal NER English-EWT dev (PER, ORG, LOC)
Writes "token<TAB>tag" lines with BIO tags, a blank line after each sentence and a
"-DOCSTART-" line before each document. Deterministic. --stats prints the counts.
"""
import argparse
import os
import sys
from collections import Counter

GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
WNUT_TYPES = {"person": "PER", "corporation": "ORG", "group": "ORG", "location": "LOC"}
JOINERS = {"of", "and", "&", "the", "-", ".", "'s", "de", "du", "la", "le", "von", "van", "der", "al", "bin", "for", "on"}


def read_conllu_docs(path):
    """Yields documents: lists of sentences, each a list of (form, upos, misc)."""
    doc, sent = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# newdoc"):
                if sent:
                    doc.append(sent)
                    sent = []
                if doc:
                    yield doc
                doc = []
                continue
            if line.startswith("#"):
                continue
            if not line:
                if sent:
                    doc.append(sent)
                sent = []
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue  # multiword ranges and empty nodes
            # A proper noun by either tag: UD gives "United" in "United Kingdom"
            # VERB (its form) but the Penn tag NNP (its use in a name).
            upos = "PROPN" if cols[4] in ("NNP", "NNPS") else cols[3]
            sent.append((cols[1], upos, cols[9]))
    if sent:
        doc.append(sent)
    if doc:
        yield doc


def gum_spans(sent):
    """(start, end, etype) of every entity span of a sentence (end exclusive)."""
    spans, open_ = [], {}
    for i, (_, _, misc) in enumerate(sent):
        ent = next((m[len("Entity="):] for m in misc.split("|") if m.startswith("Entity=")), None)
        if not ent:
            continue
        j = 0
        while j < len(ent):
            if ent[j] == "(":
                k = j + 1
                while k < len(ent) and ent[k] not in "()":
                    k += 1
                fields = ent[j + 1:k].split("-")
                eid, etype = fields[0], fields[1] if len(fields) > 1 else ""
                if k < len(ent) and ent[k] == ")":  # opens and closes on this token
                    spans.append((i, i + 1, etype))
                    k += 1
                else:
                    open_.setdefault(eid, []).append((i, etype))
                j = k
            elif ent[j] == ")":
                j += 1
            else:
                k = j
                while k < len(ent) and ent[k] not in "()":
                    k += 1
                eid = ent[j:k]
                if k < len(ent) and ent[k] == ")" and eid in open_ and open_[eid]:
                    start, etype = open_[eid].pop()
                    spans.append((start, i + 1, etype))
                    k += 1
                j = k
    return spans


TITLES = set()


def load_titles(data_dir):
    """Title and role words of data/titles.tsv, lower case ("president", "maj.", "gen.")."""
    path = os.path.join(data_dir, "titles.tsv")
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        header = None
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                continue
            row = dict(zip(header, cols))
            for phrase in [row.get("phrase", "")] + row.get("abbreviations", "").split("|"):
                for w in phrase.split():
                    TITLES.add(w.lower())


def name_part(sent, start, end):
    """The span without a leading determiner or title when the rest is a proper name, else None.
    The schema leaves titles out of names ("Emperor Norton" -> "Norton"), as GUM does not."""
    while start < end and (sent[start][1] == "DET" or (sent[start][0].lower() in TITLES and end - start > 1)):
        start += 1
    if start >= end or sent[start][1] != "PROPN" or sent[end - 1][1] not in ("PROPN", "NUM"):
        return None
    for form, upos, _ in sent[start:end]:
        if upos not in ("PROPN", "NUM") and form.lower() not in JOINERS:
            return None
    return start, end


def gum_sentences(path):
    for doc in read_conllu_docs(path):
        out_doc = []
        for sent in doc:
            tags = ["O"] * len(sent)
            names = []
            for start, end, etype in gum_spans(sent):
                if etype not in GUM_TYPES:
                    continue
                part = name_part(sent, start, end)
                if part:
                    names.append((part[0], part[1], GUM_TYPES[etype]))
            # The outermost names win; among equal spans, the first.
            names.sort(key=lambda s: (s[0], -(s[1] - s[0])))
            taken = -1
            for start, end, t in names:
                if start < taken:
                    continue
                tags[start] = "B-" + t
                for k in range(start + 1, end):
                    tags[k] = "I-" + t
                taken = end
            out_doc.append([(form, tag) for (form, _, _), tag in zip(sent, tags)])
        yield out_doc


def tab_sentences(path, mapping=None, uner=False, sents_per_doc=50):
    """Token-per-line files (CoNLL two columns, or UNER's numbered columns)."""
    doc, sent = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if line.startswith("# newdoc") or line.startswith("-DOCSTART-"):
                if sent:
                    doc.append(sent)
                    sent = []
                if doc:
                    yield doc
                doc = []
                continue
            if line.startswith("#") and uner:
                continue
            cols = line.split("\t") if "\t" in line else line.split()
            if not cols or not cols[0].strip():
                if sent:
                    doc.append(sent)
                    sent = []
                    if not uner and len(doc) >= sents_per_doc:
                        yield doc
                        doc = []
                continue
            form, tag = (cols[1], cols[2]) if uner else (cols[0], cols[-1])
            if tag != "O":
                prefix, _, t = tag.partition("-")
                t = mapping.get(t) if mapping else (t if t in ("PER", "ORG", "LOC") else None)
                tag = f"{prefix}-{t}" if t and prefix in ("B", "I") else "O"
            sent.append((form, tag))
    if sent:
        doc.append(sent)
    if doc:
        yield doc


def fix_bio(sent):
    """An I- after O or another type becomes B-."""
    out, prev = [], "O"
    for form, tag in sent:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append((form, tag))
        prev = tag
    return out


def sources(corpora, name):
    c = lambda *p: os.path.join(corpora, *p)
    if name.startswith("gum-"):
        split = name[4:]
        return [gum_sentences(c("ud-gum", f"en_gum-ud-{split}.conllu"))]
    if name == "btc":
        return [tab_sentences(c("ner", "BTC", f"{s}.conll")) for s in "abefgh"]
    if name == "wnut17":
        return [tab_sentences(c("ner", "WNUT17", f), WNUT_TYPES) for f in ("wnut17train.conll", "emerging.dev.conll")]
    if name == "uner-dev":
        return [tab_sentences(c("uner-ewt", "en_ewt-ud-dev.iob2"), uner=True)]
    sys.exit(f"ner_data.py: unknown set '{name}'")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora")
    ap.add_argument("out")
    ap.add_argument("--sets", default="gum-train,btc,wnut17,uner-dev")
    ap.add_argument("--stats", action="store_true")
    args = ap.parse_args()
    load_titles(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data"))
    counts = Counter()
    with open(args.out, "w", encoding="utf-8") as out:
        for name in args.sets.split(","):
            for src in sources(args.corpora, name):
                for doc in src:
                    out.write("-DOCSTART-\n\n")
                    counts[name + " docs"] += 1
                    for sent in doc:
                        sent = fix_bio(sent)
                        counts[name + " sentences"] += 1
                        for form, tag in sent:
                            out.write(f"{form}\t{tag}\n")
                            counts[name + " tokens"] += 1
                            if tag.startswith("B-"):
                                counts[f"{name} {tag[2:]}"] += 1
                        out.write("\n")
    if args.stats:
        for k in sorted(counts):
            print(f"{k:28} {counts[k]:>8}")


if __name__ == "__main__":
    main()
