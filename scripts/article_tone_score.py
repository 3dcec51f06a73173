#!/usr/bin/env python3
"""Correlates sitrep's article tone with hand ratings of articles (tests/data/tone/article_ratings.tsv).

usage: python3 scripts/article_tone_score.py RATINGS.tsv (--db STORE.db | --system RECORDS.jsonl |
                                                          --sitrep build/sitrep --articles ARTICLES.jsonl) [--json]

RATINGS.tsv: `id<TAB>rating<TAB>reason` lines (rating an integer from -2 to +2; '#' lines and the
header skipped). The system's tone of an article is GDELT's tone: the `tone` column of a store's
`tones` view (--db, read-only), or `tone.tone` of the article's record (--system: records sitrep
wrote; --sitrep: run `sitrep extract --input jsonl` on --articles). Every rated article needs a tone.
Reports, fixed before the set was scored: Spearman's rho (Pearson's r of the ranks, ties given
their average rank), Pearson's r of rating and tone, and the mean tone at each rating.
"""
import argparse
import json
import math
import sqlite3
import subprocess
import sys


def read_ratings(path):
    out = {}
    with open(path, encoding='utf-8') as f:
        for line_no, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            fields = line.split('\t')
            if fields[0] == 'id':
                continue
            if len(fields) < 2:
                sys.exit('%s:%d: expected id<TAB>rating<TAB>reason' % (path, line_no))
            try:
                rating = int(fields[1])
            except ValueError:
                rating = None
            if rating is None or not -2 <= rating <= 2:
                sys.exit('%s:%d: rating %r is not an integer from -2 to +2' % (path, line_no, fields[1]))
            if fields[0] in out:
                sys.exit('%s:%d: %s rated twice' % (path, line_no, fields[0]))
            out[fields[0]] = rating
    return out


def tones_from_store(path):
    try:
        con = sqlite3.connect('file:%s?mode=ro' % path, uri=True)
        rows = con.execute('SELECT article_id, tone FROM tones').fetchall()
        con.close()
    except sqlite3.Error as e:
        sys.exit('%s: %s (is it a sitrep store with tones?)' % (path, e))
    return {str(a): t for a, t in rows if t is not None}


def tones_from_records(lines):
    out = {}
    for line in lines:
        if line.strip():
            record = json.loads(line)
            tone = (record.get('tone') or {}).get('tone')
            if tone is not None:
                out[str(record.get('id'))] = tone
    return out


def ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    out = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def pearson(xs, ys):
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return sxy / (sx * sy) if sx and sy else None


def spearman(xs, ys):
    return pearson(ranks(xs), ranks(ys))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('ratings')
    ap.add_argument('--db', help="a sitrep store: its tones view")
    ap.add_argument('--system', help='records sitrep wrote for the rated articles (JSON Lines)')
    ap.add_argument('--sitrep', help='the sitrep binary, run on --articles')
    ap.add_argument('--articles', help='the articles (JSON Lines) for --sitrep')
    ap.add_argument('--json', action='store_true', help='print the figures as one JSON object')
    args = ap.parse_args()
    if sum(bool(x) for x in (args.db, args.system, args.sitrep)) != 1:
        ap.error('give one of --db, --system and --sitrep')
    ratings = read_ratings(args.ratings)
    if args.db:
        tones = tones_from_store(args.db)
    elif args.system:
        with open(args.system, encoding='utf-8') as f:
            tones = tones_from_records(f)
    else:
        if not args.articles:
            ap.error('--sitrep needs --articles')
        out = subprocess.run([args.sitrep, 'extract', '--input', 'jsonl', args.articles], capture_output=True,
                             text=True, check=True).stdout
        tones = tones_from_records(out.splitlines())
    ids = sorted(ratings)
    missing = [i for i in ids if i not in tones]
    if missing:
        sys.exit('no tone for %d rated article(s): %s' % (len(missing), ' '.join(missing)))
    xs = [ratings[i] for i in ids]
    ys = [float(tones[i]) for i in ids]
    rho, r = spearman(xs, ys), pearson(xs, ys)
    by_rating = {}
    for x, y in zip(xs, ys):
        by_rating.setdefault(x, []).append(y)
    means = {'%+d' % k if k else '0': {'articles': len(v), 'mean_tone': sum(v) / len(v)}
             for k, v in sorted(by_rating.items())}
    if args.json:
        print(json.dumps({'articles': len(ids), 'spearman': rho, 'pearson': r, 'by_rating': means},
                         indent=1, sort_keys=True))
        return

    def fmt(v):
        return 'n/a' if v is None else '%.3f' % v

    print('%d rated articles: Spearman rho %s, Pearson r %s' % (len(ids), fmt(rho), fmt(r)))
    print('mean tone by rating: ' + ', '.join('%s %.2f (%d)' % (k, v['mean_tone'], v['articles'])
                                              for k, v in means.items()))


if __name__ == '__main__':
    main()
