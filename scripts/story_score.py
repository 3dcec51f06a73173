#!/usr/bin/env python3
"""Scores a story assignment (article -> story) against a gold one (tests/data/stories/gold.tsv).

usage: python3 scripts/story_score.py GOLD.tsv (--system ASSIGNMENT.tsv | --db STORE.db) [--json] [-v]

GOLD.tsv and ASSIGNMENT.tsv: tab-separated `article<TAB>story` lines; lines starting with '#' and a
header line whose first field is `article` (or `article_id`, `id`) are skipped; further columns are
ignored. --db reads a sitrep store's `article_stories` view (article_id, story) with sqlite3,
read-only.

The items are the gold articles. A gold article the system gives no story (absent, or a NULL
story) counts as a story of its own; system articles outside the gold are ignored (and counted).
Reports, fixed before the set was scored:
- B-cubed (Bagga and Baldwin 1998): for each article, precision is the share of its system story's
  articles that share its gold story, recall the share of its gold story's articles that share its
  system story (each article counts itself); both are averaged over articles, F is their harmonic
  mean;
- pairwise: over all unordered pairs of articles, the precision and recall of the same-story
  decision (pairs the system puts together that the gold puts together, over the system's pairs,
  and over the gold's pairs), and their F. With no pair on one side the figure is undefined
  (printed n/a, null in --json).
-v lists each gold story the system splits and each system story that joins several gold stories.
"""
import argparse
import collections
import json
import sqlite3
import sys

HEADER_FIELDS = ('article', 'article_id', 'id')


def read_assignment(path):
    out = {}
    with open(path, encoding='utf-8') as f:
        for line_no, line in enumerate(f, 1):
            line = line.rstrip('\n').rstrip('\r')
            if not line.strip() or line.startswith('#'):
                continue
            fields = line.split('\t')
            if fields[0] in HEADER_FIELDS:
                continue
            if len(fields) < 2:
                sys.exit('%s:%d: expected article<TAB>story' % (path, line_no))
            article, story = fields[0].strip(), fields[1].strip()
            if article in out and out[article] != story:
                sys.exit('%s:%d: article %s given two stories (%s, %s)' % (path, line_no, article, out[article], story))
            out[article] = story if story not in ('', 'NULL', 'null', 'None') else None
    return out


def read_store(path):
    try:
        con = sqlite3.connect('file:%s?mode=ro' % path, uri=True)
        rows = con.execute('SELECT article_id, story FROM article_stories').fetchall()
        con.close()
    except sqlite3.Error as e:
        sys.exit('%s: %s (is it a sitrep store with stories?)' % (path, e))
    return {str(a): (None if s is None else str(s)) for a, s in rows}


def clusters(assignment):
    groups = collections.defaultdict(set)
    for article, story in assignment.items():
        groups[story].add(article)
    return groups


def score(gold, system):
    """gold, system: dicts article -> story (system may lack articles or map them to None)."""
    articles = sorted(gold)
    missing = [a for a in articles if system.get(a) is None]
    extra = sum(1 for a in system if a not in gold)
    # Each gold article without a system story is a story of its own.
    sys_of = {a: ('s', system[a]) if system.get(a) is not None else ('missing', a) for a in articles}
    gold_of = {a: gold[a] for a in articles}
    g_groups, s_groups = clusters(gold_of), clusters(sys_of)
    n = len(articles)
    p_sum = r_sum = 0.0
    overlap = collections.Counter((gold_of[a], sys_of[a]) for a in articles)
    for a in articles:
        both = overlap[(gold_of[a], sys_of[a])]
        p_sum += both / len(s_groups[sys_of[a]])
        r_sum += both / len(g_groups[gold_of[a]])
    bp, br = (p_sum / n, r_sum / n) if n else (0.0, 0.0)

    def pairs(k):
        return k * (k - 1) // 2

    gold_pairs = sum(pairs(len(m)) for m in g_groups.values())
    sys_pairs = sum(pairs(len(m)) for m in s_groups.values())
    correct = sum(pairs(k) for k in overlap.values())
    pp = correct / sys_pairs if sys_pairs else None
    pr = correct / gold_pairs if gold_pairs else None
    return {
        'articles': n, 'gold_stories': len(g_groups), 'system_stories': len(s_groups),
        'missing': missing, 'extra': extra,
        'bcubed': {'precision': bp, 'recall': br, 'f': f1(bp, br)},
        'pairwise': {'precision': pp, 'recall': pr, 'f': f1(pp, pr) if pp is not None and pr is not None else None,
                     'correct_pairs': correct, 'system_pairs': sys_pairs, 'gold_pairs': gold_pairs},
        '_groups': (g_groups, s_groups, gold_of, sys_of),
    }


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def fmt(x):
    return 'n/a' if x is None else '%.3f' % x


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('gold')
    ap.add_argument('--system', help='the system assignment, article<TAB>story')
    ap.add_argument('--db', help="a sitrep store: its article_stories view")
    ap.add_argument('--json', action='store_true', help='print the figures as one JSON object')
    ap.add_argument('-v', action='store_true', help='list split gold stories and merged system stories')
    args = ap.parse_args()
    if bool(args.system) == bool(args.db):
        ap.error('give one of --system and --db')
    gold = read_assignment(args.gold)
    if any(s is None for s in gold.values()):
        sys.exit('%s: every gold article needs a story' % args.gold)
    system = read_assignment(args.system) if args.system else read_store(args.db)
    res = score(gold, system)
    g_groups, s_groups, gold_of, sys_of = res.pop('_groups')
    if args.json:
        for part in ('bcubed', 'pairwise'):
            for k, v in res[part].items():
                if isinstance(v, float):
                    res[part][k] = round(v, 6)
        print(json.dumps(res, indent=1, sort_keys=True))
        return
    b, p = res['bcubed'], res['pairwise']
    print('%d articles: %d gold stories, %d system stories' % (res['articles'], res['gold_stories'],
                                                              res['system_stories']))
    print('B-cubed: precision %.3f, recall %.3f, F %.3f' % (b['precision'], b['recall'], b['f']))
    print('pairwise same-story: precision %s (%d/%d), recall %s (%d/%d), F %s'
          % (fmt(p['precision']), p['correct_pairs'], p['system_pairs'], fmt(p['recall']), p['correct_pairs'],
             p['gold_pairs'], fmt(p['f'])))
    if res['missing']:
        print('gold articles with no system story (each scored as a story of its own): %d' % len(res['missing']))
    if res['extra']:
        print('system articles outside the gold (ignored): %d' % res['extra'])
    if args.v:
        for g in sorted(g_groups):
            parts = collections.Counter(sys_of[a] for a in g_groups[g])
            if len(parts) > 1:
                print('gold %s split over %d system stories: %s' % (
                    g, len(parts), '; '.join('%s: %s' % (s[1], ' '.join(sorted(a for a in g_groups[g] if sys_of[a] == s)))
                                             for s in sorted(parts))))
        for s in sorted(s_groups):
            parts = collections.Counter(gold_of[a] for a in s_groups[s])
            if len(parts) > 1:
                print('system %s joins %d gold stories: %s' % (
                    s[1], len(parts), '; '.join('%s: %s' % (g, ' '.join(sorted(a for a in s_groups[s] if gold_of[a] == g)))
                                               for g in sorted(parts))))


if __name__ == '__main__':
    main()
