#!/usr/bin/env python3
"""Writes a JSON Lines corpus of a given size for ingest and query benchmarks.

The articles come from ../shared/dev/meantime-full.jsonl (120 whole news
articles of 1-4 KB). Two ways to make more of them:

  repeat  the dev articles over and over with new ids: after the first pass
          every article is a wire copy of one stored before (the store links
          it with duplicate_of), so queries see only the first pass.
  mix     (default) after the first pass each article keeps about half the
          sentences of one dev article and takes as many from two others, with
          its date moved on: few are near copies (MinHash Jaccard < 0.5), so
          the store grows as it would with distinct news.

  scripts/make_bench_corpus.py --mb 50 --out /tmp/corpus50.jsonl
  scripts/make_bench_corpus.py --mb 50 --mode repeat --out /tmp/repeat50.jsonl
"""
import argparse
import datetime
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DEV = os.path.join(HERE, "..", "..", "shared", "dev")
SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def load(dev):
    articles = []
    for name in ("meantime-full.jsonl",):
        with open(os.path.join(dev, name), encoding="utf-8") as f:
            articles += [json.loads(line) for line in f if line.strip()]
    return articles


def sentences(text):
    out = []
    for paragraph in text.split("\n"):
        out += [s for s in SENTENCE_END.split(paragraph) if s.strip()]
    return out


def shifted(date, days):
    if not date:
        date = "2024-01-01"
    d = datetime.date.fromisoformat(date[:10]) + datetime.timedelta(days=days)
    return d.isoformat()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mb", type=float, default=50, help="size of the output in MB (2^20 bytes)")
    p.add_argument("--mode", choices=("mix", "repeat"), default="mix")
    p.add_argument("--dev", default=DEFAULT_DEV, help="the folder of the dev JSONL files")
    p.add_argument("--seed", type=int, default=8)
    p.add_argument("--out", required=True)
    args = p.parse_args()

    base = load(args.dev)
    split = [sentences(a["text"]) for a in base]
    rng = random.Random(args.seed)
    limit = int(args.mb * (1 << 20))
    written = 0
    n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        while written < limit:
            i = n % len(base)
            rep = n // len(base)
            a = base[i]
            record = {"id": f"{a['id']}-r{rep}", "title": a.get("title"), "date": a.get("date"), "text": a["text"]}
            if args.mode == "mix" and rep > 0:
                own = split[i]
                keep = sorted(rng.sample(range(len(own)), max(1, len(own) // 2)))
                lines = [own[k] for k in keep]
                for other in (rng.randrange(len(base)), rng.randrange(len(base))):
                    pool = split[other]
                    lines += rng.sample(pool, min(len(pool), max(1, len(keep) // 2 + 1)))
                head = lines[:1]
                rest = lines[1:]
                rng.shuffle(rest)
                # A paragraph break every few sentences, as in news text.
                paras, para = [], []
                for s in head + rest:
                    para.append(s)
                    if len(para) == 3:
                        paras.append(" ".join(para))
                        para = []
                if para:
                    paras.append(" ".join(para))
                record["text"] = "\n".join(paras)
                record["date"] = shifted(a.get("date"), rep * 7 + rng.randrange(7))
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    print(f"{args.out}: {n} articles, {written / (1 << 20):.1f} MB ({args.mode})", file=sys.stderr)


if __name__ == "__main__":
    main()
