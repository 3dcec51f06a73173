#!/usr/bin/env python3
"""Scores sitrep's tone on a hand-labelled sentence set (tests/data/tone/sentences.tsv).

usage: python3 scripts/tone_score.py SENTENCES.tsv (--sitrep build/sitrep | --system RECORDS.jsonl) [-v]

Each sentence is one article (its id the sentence's id). Predictions, fixed before the set was scored:
- sentence: the sign of the record's article tone (`tone.tone`): > 0 positive, < 0 negative, 0 neutral;
- target: the target's entity (the entity whose name is the target or ends with it, or that has a
  mention reading it), its `tone.toward` against VADER's usual thresholds: >= 0.05 positive, <= -0.05
  negative, else neutral; a target sitrep finds no entity for counts as neutral (and is listed).
Reports accuracy, macro-F1 over the three classes, the confusion matrix, and Pearson's r between the
hand label (-1, 0, +1) and the score. -v lists every miss.
"""
import argparse
import json
import math
import subprocess
import sys

LABELS = ('negative', 'neutral', 'positive')
VALUE = {'negative': -1, 'neutral': 0, 'positive': 1}


def read_set(path):
    rows, columns = [], None
    with open(path, encoding='utf-8') as f:
        for line_no, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            fields = line.split('\t')
            if columns is None:
                columns = fields
                continue
            if len(fields) != len(columns):
                sys.exit('%s:%d: expected %d fields, found %d' % (path, line_no, len(columns), len(fields)))
            row = dict(zip(columns, fields))
            for key in ('sentence', 'target_tone'):
                if row[key] not in LABELS:
                    sys.exit('%s:%d: %s %r is none of %s' % (path, line_no, key, row[key], ', '.join(LABELS)))
            rows.append(row)
    return rows


def run_sitrep(binary, rows):
    lines = ''.join(json.dumps({'id': r['id'], 'text': r['text']}) + '\n' for r in rows)
    out = subprocess.run([binary, 'extract', '--input', 'jsonl', '-'], input=lines, capture_output=True,
                         text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def target_entity(record, target):
    for e in record.get('entities', []):
        name = e.get('name') or ''
        if name == target or name.endswith(' ' + target):
            return e
    for e in record.get('entities', []):
        if any(m.get('text') == target for m in e.get('mentions', [])):
            return e
    return None


def label_of(score, threshold):
    if score >= threshold and score > 0:
        return 'positive'
    if score <= -threshold and score < 0:
        return 'negative'
    return 'neutral'


def pearson(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return sxy / (sx * sy) if sx and sy else 0.0


def report(name, gold, predicted, scores):
    n = len(gold)
    correct = sum(g == p for g, p in zip(gold, predicted))
    f1s = []
    for label in LABELS:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    majority = max(LABELS, key=gold.count)
    print('%s: accuracy %.3f (%d/%d), macro-F1 %.3f (F1 negative %.2f, neutral %.2f, positive %.2f), '
          'Pearson r %.3f; majority class (%s) accuracy %.3f'
          % (name, correct / n, correct, n, sum(f1s) / 3, f1s[0], f1s[1], f1s[2],
             pearson([VALUE[g] for g in gold], scores), majority, gold.count(majority) / n))
    print('  confusion (rows gold, columns predicted: negative neutral positive)')
    for g in LABELS:
        print('  %-9s %s' % (g, ' '.join('%3d' % sum(x == g and y == p for x, y in zip(gold, predicted))
                                         for p in LABELS)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('sentences')
    ap.add_argument('--sitrep', help='the sitrep binary, run on the sentences')
    ap.add_argument('--system', help='records sitrep wrote for the sentences (JSON Lines)')
    ap.add_argument('-v', action='store_true', help='list every miss')
    args = ap.parse_args()
    rows = read_set(args.sentences)
    if args.system:
        with open(args.system, encoding='utf-8') as f:
            records = [json.loads(line) for line in f if line.strip()]
    elif args.sitrep:
        records = run_sitrep(args.sitrep, rows)
    else:
        ap.error('give --sitrep or --system')
    by_id = {r['id']: r for r in records}
    sentence_gold, sentence_pred, sentence_score = [], [], []
    target_gold, target_pred, target_score, unfound = [], [], [], []
    for row in rows:
        record = by_id.get(row['id'])
        if record is None:
            sys.exit('no record for %s' % row['id'])
        tone = (record.get('tone') or {}).get('tone', 0.0)
        sentence_gold.append(row['sentence'])
        sentence_pred.append(label_of(tone, 0))
        sentence_score.append(tone)
        entity = target_entity(record, row['target'])
        toward = ((entity or {}).get('tone') or {}).get('toward', 0.0)
        if entity is None:
            unfound.append(row['id'])
        target_gold.append(row['target_tone'])
        target_pred.append(label_of(toward, 0.05))
        target_score.append(toward)
        if args.v and (sentence_pred[-1] != row['sentence'] or target_pred[-1] != row['target_tone']):
            print('%s sentence %s/%s (%.2f) target %s %s/%s (%.3f): %s'
                  % (row['id'], row['sentence'], sentence_pred[-1], tone, row['target'], row['target_tone'],
                     target_pred[-1], toward, row['text']))
    report('sentence tone', sentence_gold, sentence_pred, sentence_score)
    report('target tone', target_gold, target_pred, target_score)
    if unfound:
        print('targets with no entity (scored neutral): %s' % ', '.join(unfound))


if __name__ == '__main__':
    main()
