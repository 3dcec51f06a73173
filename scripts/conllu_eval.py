#!/usr/bin/env python3
"""Scores a CoNLL-U file against a gold one: UPOS, XPOS, UAS, LAS.

    python3 scripts/conllu_eval.py GOLD.conllu SYSTEM.conllu
    python3 scripts/conllu_eval.py --sentences 1-500 pud.conllu predicted.conllu   # PUD's news half
    python3 scripts/conllu_eval.py --docs 'GUM_(news|interview)_' gum-test.conllu predicted.conllu

As in the CoNLL 2018 shared task's evaluation, every word counts, punctuation
included, and words are aligned by their characters (the forms concatenated
without spaces), so a system that tokenises differently is scored on the
words it got right; with `sitrep parse --input conllu` the tokens are the
gold ones and every word aligns. Multiword-token lines and empty nodes are
skipped. A head counts when it is the gold head's aligned word.

LAS compares the whole relation, subtype included (nsubj:pass is not nsubj);
"LAS (universal)" compares only the part before the colon, as CoNLL 2018 did.
"Penn (coarse)" counts a Penn tag right when it matches the gold one with every
punctuation tag (and $ #) seen as one, which is what sitrep's HMM tagger gives.

--sentences A-B keeps gold sentences A..B (1-based, inclusive); --docs REGEX
keeps the sentences of documents whose "# newdoc id" matches. The system file
must hold the same sentences (whole file) or exactly the kept ones.
"""
import argparse
import re
import sys

PUNCT_TAGS = {'.', ',', ':', '``', "''", '-LRB-', '-RRB-', '#', '$', 'HYPH', 'NFP', 'PUNCT'}


def read(path):
    """Sentences as (doc id, [word fields]); each word is the 10 fields."""
    sentences, words, doc = [], [], None
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip('\n').rstrip('\r')
            if not line.strip():
                if words:
                    sentences.append((doc, words))
                    words = []
                continue
            if line.startswith('#'):
                m = re.match(r'#\s*newdoc id\s*=\s*(\S+)', line)
                if m:
                    doc = m.group(1)
                continue
            cols = line.split('\t')
            if len(cols) != 10:
                sys.exit(f'{path}:{number}: expected 10 fields, found {len(cols)}')
            if '-' in cols[0] or '.' in cols[0]:
                continue
            words.append(cols)
    if words:
        sentences.append((doc, words))
    return sentences


def select(sentences, args):
    out = []
    for i, (doc, words) in enumerate(sentences, 1):
        if args.sentences:
            a, b = (int(x) for x in args.sentences.split('-'))
            if not a <= i <= b:
                continue
        if args.docs and not (doc and re.search(args.docs, doc)):
            continue
        out.append(words)
    return out


def spans(sentences):
    """Each word's character span in the concatenated forms, and its head's index."""
    result, offset, base = [], 0, 0
    for words in sentences:
        for w in words:
            form = ''.join(w[1].split())
            head = int(w[6]) if w[6] not in ('_', '') else -1
            result.append({'span': (offset, offset + len(form)), 'upos': w[3], 'xpos': w[4],
                           'head': base + head - 1 if head > 0 else (-1 if head == 0 else -2),
                           'deprel': w[7]})
            offset += len(form)
        base += len(words)
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('gold')
    p.add_argument('system')
    p.add_argument('--sentences', help='A-B: gold sentences A to B only (1-based)')
    p.add_argument('--docs', help='only sentences of documents whose newdoc id matches this regex')
    args = p.parse_args()
    gold_all = read(args.gold)
    system_all = read(args.system)
    gold = select(gold_all, args)
    if len(system_all) == len(gold_all):
        system = select(system_all, args)  # the same sentences, filtered the same way
    else:
        system = [w for _, w in system_all]
    g, s = spans(gold), spans(system)
    # Align words with identical character spans.
    by_span = {w['span']: i for i, w in enumerate(s)}
    aligned = {gi: by_span[w['span']] for gi, w in enumerate(g) if w['span'] in by_span}
    n = len(g)
    if n == 0:
        sys.exit('no gold words to score')
    counts = dict(upos=0, xpos=0, coarse=0, uas=0, las=0, las_universal=0)
    for gi, si in aligned.items():
        gw, sw = g[gi], s[si]
        counts['upos'] += gw['upos'] == sw['upos']
        counts['xpos'] += gw['xpos'] == sw['xpos']
        coarse = lambda t: 'PUNCT' if t in PUNCT_TAGS else t
        counts['coarse'] += coarse(gw['xpos']) == coarse(sw['xpos'])
        gh = gw['head']
        head_ok = (gh == -1 and sw['head'] == -1) or (gh >= 0 and aligned.get(gh) == sw['head'])
        if head_ok:
            counts['uas'] += 1
            counts['las'] += gw['deprel'] == sw['deprel']
            counts['las_universal'] += gw['deprel'].split(':')[0] == sw['deprel'].split(':')[0]
    print(f'words: {n} gold, {len(s)} system, {len(aligned)} aligned')
    for key, name in (('upos', 'UPOS'), ('xpos', 'XPOS'), ('coarse', 'Penn (coarse)'), ('uas', 'UAS'),
                      ('las', 'LAS'), ('las_universal', 'LAS (universal)')):
        print(f'{name:16} {counts[key] / n:.4f}')


if __name__ == '__main__':
    main()
