#!/usr/bin/env python3
"""Builds a story set from its src/articles.txt: articles.jsonl, gold.tsv and stories.tsv.

usage: python3 tools/build.py [--set DIR] [--check] [--assign-ids] [--update README.md]

DIR is the set's folder: tests/data/stories (the held-out set, ids n001...; the default),
tests/data/stories-dev (the development set, ids d001...) or tests/data/stories-dev2 (the second
development set, ids e001..., written without datelines and at 120 to 300 words), whose
tools/build.py calls this one.

The source holds one block per story ("== STORY | COUNTRY | description") and one article per
"@ DATE | DATELINE | OUTLET | headline [| key=NAME] [| copy=NAME] [| id=ID]" line (without the
DATELINE field in a set without datelines), its body below
(paragraphs separated by blank lines). A copy article ("copy=NAME") has no body of its own: its
"~ old => new" lines edit the body of the article keyed NAME (each `old` must occur exactly once;
an empty `new` deletes). The dateline ("NAIROBI, Sept. 8 — ") is added to the first paragraph.

Checks: every article has an id (--assign-ids gives the missing ones the next free numbers, in date
order, and writes them into the source: existing ids never change), ids are unique, dates are ISO
dates, each text has 80 to 220 words after the headline (the set's range), and a story's copies share
its story.
--check builds in memory and compares with the files on disk (exit 1 when they differ).
--update README.md rewrites the totals between the README's markers.
"""
import argparse
import collections
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(HERE, 'src', 'articles.txt')
# Each set by folder name: what its files' headers call it, its ids' prefix, whether its articles
# have datelines, the words an article may have, and the countries it names.
SETS = {'stories': ('held-out set', 'n', True, 80, 220, 'real countries'),
        'stories-dev': ('development set', 'd', True, 80, 220, 'real countries'),
        'stories-dev2': ('second development set', 'e', False, 120, 300, 'real and invented countries')}
LABEL, PREFIX, DATELINES, MIN_WORDS, MAX_WORDS, COUNTRIES = SETS['stories']
MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.',
          'Dec.']


def header():
    return ('# source: written for sitrep (invented events, people, companies and towns; %s)\n' % COUNTRIES +
            '# licence: CC0-1.0 (https://creativecommons.org/publicdomain/zero/1.0/)\n')


def fail(msg):
    sys.exit('build.py: ' + msg)


def parse(lines):
    stories, articles = [], []
    story, art = None, None
    for no, raw in enumerate(lines, 1):
        line = raw.rstrip('\n')
        if line.startswith('#') and art is None:
            continue
        if line.startswith('== '):
            parts = [p.strip() for p in line[3:].split('|')]
            if len(parts) != 3:
                fail('%d: a story line has three fields' % no)
            story = {'id': parts[0], 'country': parts[1], 'description': parts[2], 'line': no}
            stories.append(story)
            art = None
            continue
        if line.startswith('@ '):
            if story is None:
                fail('%d: an article before any story' % no)
            parts = [p.strip() for p in line[2:].split('|')]
            if not DATELINES:
                parts.insert(1, None)
            if len(parts) < 4:
                fail('%d: an article line has at least %s fields' % (no, 'four' if DATELINES else 'three'))
            art = {'date': parts[0], 'dateline': parts[1], 'outlet': parts[2], 'title': parts[3],
                   'story': story['id'], 'line': no, 'body': [], 'edits': [], 'key': None, 'copy': None,
                   'id': None}
            for opt in parts[4:]:
                k, _, v = opt.partition('=')
                if k not in ('key', 'copy', 'id') or not v:
                    fail('%d: unknown option %r' % (no, opt))
                art[k] = v
            articles.append(art)
            continue
        if art is None:
            if line.strip():
                fail('%d: text outside an article' % no)
            continue
        if line.startswith('~ '):
            old, sep, new = line[2:].partition('=>')
            if not sep:
                fail('%d: an edit line is "~ old => new"' % no)
            art['edits'].append((old.strip(), new.strip(), no))
        else:
            art['body'].append(line)
    return stories, articles


def dateline(art):
    if not DATELINES:
        return ''
    d = datetime.date.fromisoformat(art['date'])
    return '%s, %s %d — ' % (art['dateline'], MONTHS[d.month - 1], d.day)


def body_of(art, by_key):
    if art['copy']:
        if art['body'] and any(l.strip() for l in art['body']):
            fail('%d: a copy has no body of its own' % art['line'])
        orig = by_key.get(art['copy'])
        if orig is None:
            fail('%d: no article keyed %s' % (art['line'], art['copy']))
        if orig['story'] != art['story']:
            fail('%d: a copy belongs to the story of the article it copies' % art['line'])
        text = body_of(orig, by_key)
        for old, new, no in art['edits']:
            if text.count(old) != 1:
                fail('%d: %r occurs %d times in the copied text' % (no, old, text.count(old)))
            text = text.replace(old, new)
        text = re.sub(r'[ \t]+\n', '\n', re.sub(r'  +', ' ', text))
        return '\n\n'.join(p.strip() for p in re.split(r'\n\n+', text) if p.strip())
    if art['edits']:
        fail('%d: edits belong to copies' % art['line'])
    paras, cur = [], []
    for l in art['body'] + ['']:
        if l.strip():
            cur.append(l.strip())
        elif cur:
            paras.append(' '.join(cur))
            cur = []
    if not paras:
        fail('%d: an article without a body' % art['line'])
    return '\n\n'.join(paras)


def build(stories, articles):
    by_key = {}
    for a in articles:
        if a['key']:
            if a['key'] in by_key:
                fail('%d: key %s given twice' % (a['line'], a['key']))
            by_key[a['key']] = a
    ids = collections.Counter(a['id'] for a in articles)
    for a in articles:
        if a['id'] is None:
            fail('%d: no id (run with --assign-ids)' % a['line'])
        if ids[a['id']] > 1:
            fail('%d: id %s given twice' % (a['line'], a['id']))
        try:
            datetime.date.fromisoformat(a['date'])
        except ValueError:
            fail('%d: %r is not an ISO date' % (a['line'], a['date']))
    sids = collections.Counter(s['id'] for s in stories)
    for s in stories:
        if sids[s['id']] > 1:
            fail('%d: story %s given twice' % (s['line'], s['id']))
    records, problems = [], []
    for a in articles:
        body = dateline(a) + body_of(a, by_key)
        words = len(body.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            problems.append('%d: %s has %d words (%d to %d)' % (a['line'], a['id'], words, MIN_WORDS, MAX_WORDS))
        a['words'] = words
        records.append({'id': a['id'], 'url': 'https://%s.example/%s/%s' % (a['outlet'], a['date'].replace('-', '/'), a['id']),
                        'title': a['title'], 'date': a['date'], 'text': a['title'] + '\n\n' + body})
    if problems:
        fail('\n'.join(problems))
    order = sorted(range(len(articles)), key=lambda i: (articles[i]['date'], articles[i]['id']))
    jsonl = ''.join(json.dumps(records[i], ensure_ascii=False) + '\n' for i in order)
    gold = ('# Story %s: the gold story of each article of articles.jsonl (see README.md).\n' % LABEL + header() +
            'article\tstory\n' + ''.join('%s\t%s\n' % (articles[i]['id'], articles[i]['story']) for i in order))
    rows = []
    for s in stories:
        arts = [a for a in articles if a['story'] == s['id']]
        if not arts:
            fail('%d: story %s has no article' % (s['line'], s['id']))
        dates = sorted(a['date'] for a in arts)
        rows.append('%s\t%d\t%s\t%s\t%s\t%s\n' % (s['id'], len(arts), dates[0], dates[-1], s['country'],
                                                 s['description']))
    story_tsv = ('# Story %s: one line per story of gold.tsv (see README.md).\n' % LABEL + header() +
                 'story\tarticles\tfirst_date\tlast_date\tcountry\tdescription\n' + ''.join(rows))
    return {'articles.jsonl': jsonl, 'gold.tsv': gold, 'stories.tsv': story_tsv}


def totals(stories, articles):
    sizes = collections.Counter(a['story'] for a in articles)
    dist = collections.Counter(sizes.values())
    words = [a['words'] for a in articles]
    copies = sum(1 for a in articles if a['copy'])
    countries = collections.Counter(s['country'] for s in stories)
    dates = sorted(a['date'] for a in articles)
    out = ['%d articles over %d stories, %s to %s; %d words in all (%d to %d an article, mean %.0f), '
           'headlines excluded.' % (len(articles), len(stories), dates[0], dates[-1], sum(words), min(words),
                                   max(words), sum(words) / len(words)),
           '',
           'Story sizes (articles in the story: how many stories): ' + ', '.join('%d: %d' % (k, dist[k]) for k in sorted(dist)) + '.',
           '',
           '%d articles are wire copies (lightly edited copies of another article of the same story). '
           'Countries (stories): %s.' % (copies, ', '.join('%s %d' % (c, n) for c, n in sorted(countries.items())))]
    return '\n'.join(out)


def assign_ids(lines, articles):
    used = [int(a['id'][1:]) for a in articles if a['id']]
    nxt = max(used, default=0) + 1
    missing = sorted((a for a in articles if not a['id']), key=lambda a: (a['date'], a['line']))
    for a in missing:
        a['id'] = '%s%03d' % (PREFIX, nxt)
        nxt += 1
        i = a['line'] - 1
        lines[i] = lines[i].rstrip('\n') + ' | id=%s\n' % a['id']
    with open(SRC, 'w', encoding='utf-8') as f:
        f.writelines(lines)
    return len(missing)


def main():
    global HERE, SRC, LABEL, PREFIX, DATELINES, MIN_WORDS, MAX_WORDS, COUNTRIES
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--set', metavar='DIR', default=HERE, help='the set\'s folder (default: %(default)s)')
    ap.add_argument('--check', action='store_true')
    ap.add_argument('--assign-ids', action='store_true')
    ap.add_argument('--update', metavar='README')
    args = ap.parse_args()
    HERE = os.path.abspath(args.set)
    SRC = os.path.join(HERE, 'src', 'articles.txt')
    if os.path.basename(HERE) not in SETS:
        fail('%s: not a story set (%s)' % (HERE, ', '.join(SETS)))
    LABEL, PREFIX, DATELINES, MIN_WORDS, MAX_WORDS, COUNTRIES = SETS[os.path.basename(HERE)]
    with open(SRC, encoding='utf-8') as f:
        lines = f.readlines()
    stories, articles = parse(lines)
    if args.assign_ids:
        print('assigned %d ids' % assign_ids(lines, articles))
    files = build(stories, articles)
    if args.check:
        stale = [n for n, t in files.items()
                 if not os.path.exists(os.path.join(HERE, n)) or open(os.path.join(HERE, n), encoding='utf-8').read() != t]
        if stale:
            fail('out of date: %s (run tools/build.py)' % ', '.join(stale))
    else:
        for n, t in files.items():
            with open(os.path.join(HERE, n), 'w', encoding='utf-8') as f:
                f.write(t)
    text = totals(stories, articles)
    print(text)
    if args.update:
        with open(args.update, encoding='utf-8') as f:
            readme = f.read()
        new = re.sub(r'(<!-- totals:begin -->\n).*?(<!-- totals:end -->)', lambda m: m.group(1) + text + '\n' + m.group(2),
                     readme, flags=re.S)
        with open(args.update, 'w', encoding='utf-8') as f:
            f.write(new)


if __name__ == '__main__':
    main()
