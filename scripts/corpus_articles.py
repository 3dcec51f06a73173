#!/usr/bin/env python3
"""Rebuilds the open corpora of ../shared/corpora as articles, in sitrep's JSON Lines.

usage: scripts/corpus_articles.py CORPORA_DIR [--out FILE] [--variants] [--sample N]

Reads, in this order:
  - the UD treebanks (ud-ewt, ud-gum, ud-pud, every split): one article per
    `# newdoc`, sentences from `# text =`, a new line at each `# newpar`;
  - the token-per-line NER sets (ner/wikigold, ner/BTC, ner/WNUT17): one article per
    `-DOCSTART-` (or per 40 sentences where a file has none), tokens joined by spaces;
and writes {"id", "title", "text"} lines (the first sentence is the title). With
--variants every article is written twice more, in capitals and with its line breaks
removed, which is how headlines, datelines and scraped pages come. --sample N keeps
every Nth article (for a quick run). Prints the article and word counts on stderr.

This is the "real text" that scripts/sanitize.sh runs the sanitizer build over; the
articles are not annotated here and nothing is tuned on them.
"""
import argparse
import glob
import json
import os
import sys


def ud_articles(path):
    name = os.path.basename(path).replace(".conllu", "")
    doc_id, paras, para = None, [], []

    def flush():
        nonlocal paras, para, doc_id
        if para:
            paras.append(" ".join(para))
        if paras:
            yield f"{name}:{doc_id or len(paras)}", paras
        paras, para = [], []

    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# newdoc"):
                yield from flush()
                doc_id = line.split("=", 1)[1].strip() if "=" in line else None
            elif line.startswith("# newpar"):
                if para:
                    paras.append(" ".join(para))
                para = []
            elif line.startswith("# text ="):
                para.append(line.split("=", 1)[1].strip())
    yield from flush()


def iob_articles(path):
    name = os.path.basename(path)
    docs, sents, sent = [], [], []

    def end_sent():
        nonlocal sent
        if sent:
            sents.append(" ".join(sent))
        sent = []

    def end_doc():
        nonlocal sents
        end_sent()
        if sents:
            docs.append(sents)
        sents = []

    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                end_doc()
                continue
            fields = line.split("\t") if "\t" in line else line.split()
            if not fields or not fields[0].strip():
                end_sent()
                if len(sents) >= 40:
                    end_doc()
                continue
            sent.append(fields[0])
    end_doc()
    for i, d in enumerate(docs):
        yield f"{name}:{i + 1}", d


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora")
    ap.add_argument("--out", default="-")
    ap.add_argument("--variants", action="store_true")
    ap.add_argument("--sample", type=int, default=1)
    args = ap.parse_args()

    sources = []
    for tb in ("ud-ewt", "ud-gum", "ud-pud"):
        sources += [(ud_articles, p) for p in sorted(glob.glob(os.path.join(args.corpora, tb, "*.conllu")))]
    sources += [(iob_articles, os.path.join(args.corpora, "ner", "wikigold", "wikigold.conll.txt"))]
    sources += [(iob_articles, p) for p in sorted(glob.glob(os.path.join(args.corpora, "ner", "BTC", "*.conll")))]
    sources += [(iob_articles, os.path.join(args.corpora, "ner", "WNUT17", f))
                for f in ("wnut17train.conll", "emerging.dev.conll", "emerging.test.annotated")]
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    n_articles = n_words = k = 0
    for reader, path in sources:
        if not os.path.exists(path):
            sys.exit(f"corpus_articles.py: {path}: no such file")
        for doc_id, paras in reader(path):
            k += 1
            if k % args.sample:
                continue
            text = "\n".join(paras)
            title = paras[0][:200]
            versions = [(doc_id, title, text)]
            if args.variants:
                versions.append((doc_id + ":upper", title.upper(), text.upper()))
                versions.append((doc_id + ":flat", title, " ".join(paras)))
            for i, t, body in versions:
                out.write(json.dumps({"id": i, "title": t, "text": body}, ensure_ascii=False) + "\n")
                n_articles += 1
                n_words += len(body.split())
    print(f"corpus_articles.py: {n_articles} articles, {n_words} words", file=sys.stderr)


if __name__ == "__main__":
    main()
