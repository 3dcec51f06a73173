#!/usr/bin/env python3
"""Replays the story assignment of a sitrep store with other settings.

Ingest stores each article's story keys (article_story_rows.keys). This script
assigns the store's articles to stories again, in the order they were stored,
as src/store/stories.cc does, but with the window, threshold and key weights
given here, and writes `article id <TAB> story` lines that
scripts/story_score.py reads (--system). It is a tuning aid for a development
set: with the engine's own settings it must give the stored assignment exactly
(--check), so that what is tuned here is what the engine does.

    build/sitrep ingest tests/data/stories-dev/articles.jsonl --db /tmp/dev.db
    python3 scripts/story_replay.py /tmp/dev.db --check
    python3 scripts/story_replay.py /tmp/dev.db --window 14 --threshold 0.2 > /tmp/a.tsv
    python3 scripts/story_score.py tests/data/stories-dev/gold.tsv --system /tmp/a.tsv
"""
import argparse
import datetime
import math
import sqlite3
import sys

CANDIDATES_PER_KEY = 200
ENTITY, PLACE, EVENT, WORD = 0, 1, 2, 3


def day_number(date):
    try:
        return (datetime.date.fromisoformat(date[:10]) - datetime.date(1970, 1, 1)).days
    except (TypeError, ValueError):
        return None


def decode(blob):
    blob = blob or b""
    return [int.from_bytes(blob[i:i + 8], "little") for i in range(0, len(blob) - len(blob) % 8, 8)]


class Index:
    def __init__(self, window, threshold, kind_weight):
        self.window, self.threshold, self.kind_weight = window, threshold, kind_weight
        self.stories = {}  # id -> [first, last, articles, {key: articles}]
        self.postings = {}
        self.df = {}
        self.documents = 0
        self.next_story = 1

    def weight(self, k):
        df = self.df.get(k, 0)
        return self.kind_weight[k >> 62] * math.log((self.documents + 1.0) / (df + 1.0) + 1.0)

    def in_window(self, s, day):
        if day is None or s[0] is None:
            return True
        return s[0] - self.window <= day <= s[1] + self.window

    def assign(self, keys, day):
        total = sum(self.weight(k) for k in keys)
        if total <= 0:
            return self.next_story
        candidates = set()
        for k in keys:
            if k >> 62 not in (ENTITY, PLACE) or k not in self.postings:
                continue
            candidates.update(self.postings[k][-CANDIDATES_PER_KEY:])
        best, best_score = self.next_story, self.threshold
        for sid in sorted(candidates):
            s = self.stories[sid]
            if not self.in_window(s, day):
                continue
            covered = 0.0
            for k in keys:
                n = s[3].get(k)
                if n:
                    covered += self.weight(k) * min(1.0, 2.0 * n / s[2])
            score = covered / total
            if score >= best_score + (0 if best == self.next_story else 1e-12):
                best, best_score = sid, score
        return best

    def add(self, story, keys, day):
        s = self.stories.setdefault(story, [None, None, 0, {}])
        if day is not None:
            s[0] = day if s[0] is None else min(s[0], day)
            s[1] = day if s[1] is None else max(s[1], day)
        s[2] += 1
        for k in keys:
            if s[3].get(k, 0) == 0 and k >> 62 in (ENTITY, PLACE):
                self.postings.setdefault(k, []).append(story)
            s[3][k] = s[3].get(k, 0) + 1
            self.df[k] = self.df.get(k, 0) + 1
        self.documents += 1
        self.next_story = max(self.next_story, story + 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", help="a sitrep store made by sitrep ingest")
    ap.add_argument("--window", type=int, default=42, help="days (engine default 42)")
    ap.add_argument("--threshold", type=float, default=0.175,
                    help="share of weighted keys (engine default 0.175)")
    ap.add_argument("--weights", default="2,2,1,1", help="entity,place,event,word key weights (engine: 2,2,1,1)")
    ap.add_argument("--check", action="store_true", help="replay with the given settings and compare with the store")
    args = ap.parse_args()
    weights = [float(x) for x in args.weights.split(",")]
    if len(weights) != 4:
        sys.exit("story_replay.py: --weights takes four numbers")
    try:
        db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
        rows = db.execute(
            "SELECT a.id, a.date, a.duplicate_of, s.story, s.keys FROM article_story_rows s "
            "JOIN articles a ON a.key = s.article ORDER BY s.article").fetchall()
    except sqlite3.Error as e:
        sys.exit(f"story_replay.py: {args.db}: {e}")
    index = Index(args.window, args.threshold, weights)
    story_of, differ = {}, 0
    for aid, date, duplicate_of, stored, blob in rows:
        keys, day = decode(blob), day_number(date)
        story = story_of.get(duplicate_of) if duplicate_of else None
        if story is None:
            story = index.assign(keys, day)
        index.add(story, keys, day)
        story_of[aid] = story
        differ += story != stored
        if not args.check:
            print(f"{aid}\t{story}")
    if args.check:
        print(f"{len(rows)} articles replayed: {differ} assigned otherwise than stored")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
