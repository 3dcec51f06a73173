#!/usr/bin/env python3
"""Checks that `sitrep parse --input conllu` output is well-formed CoNLL-U for
its input: the same sentences, comments, multiword-token lines and word forms;
ten fields a line; word IDs 1..n; every HEAD a number within the sentence;
one root per sentence and no cycles; a known UD relation and UPOS tag; an XPOS.

    python3 tests/conllu_wellformed.py INPUT.conllu OUTPUT.conllu
"""
import sys

UPOS = set('ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X'.split())
RELATIONS = set('''acl advcl advmod amod appos aux case cc ccomp clf compound conj cop csubj dep det discourse
dislocated expl fixed flat goeswith iobj list mark nmod nsubj nummod obj obl orphan parataxis punct reparandum
root vocative xcomp'''.split())


def blocks(path):
    out, cur = [], []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.strip():
                cur.append(line)
            elif cur:
                out.append(cur)
                cur = []
    if cur:
        out.append(cur)
    return out


def fail(msg):
    print('not well-formed:', msg)
    sys.exit(1)


def main():
    given, got = blocks(sys.argv[1]), blocks(sys.argv[2])
    if len(given) != len(got):
        fail(f'{len(given)} sentences in, {len(got)} out')
    for k, (a, b) in enumerate(zip(given, got), 1):
        keep_a = [l for l in a if l.startswith('#') or '-' in l.split('\t')[0]]
        keep_b = [l for l in b if l.startswith('#') or '-' in l.split('\t')[0]]
        if keep_a != keep_b:
            fail(f'sentence {k}: comments or multiword tokens changed')
        words_a = [l.split('\t') for l in a if not l.startswith('#') and l.split('\t')[0].isdigit()]
        words_b = [l.split('\t') for l in b if not l.startswith('#') and l.split('\t')[0].isdigit()]
        if [w[1] for w in words_a] != [w[1] for w in words_b]:
            fail(f'sentence {k}: the word forms changed')
        n = len(words_b)
        heads = {}
        for i, w in enumerate(words_b, 1):
            if len(w) != 10:
                fail(f'sentence {k}, word {i}: {len(w)} fields')
            if w[0] != str(i):
                fail(f'sentence {k}: word ID {w[0]} where {i} comes next')
            if not w[6].isdigit() or int(w[6]) > n:
                fail(f'sentence {k}, word {i}: HEAD {w[6]!r} outside 0..{n}')
            if w[7].split(':')[0] not in RELATIONS:
                fail(f'sentence {k}, word {i}: unknown relation {w[7]!r}')
            if w[3] not in UPOS or not w[4] or w[4] == '_':
                fail(f'sentence {k}, word {i}: tags {w[3]!r} {w[4]!r}')
            if (w[6] == '0') != (w[7] == 'root'):
                fail(f'sentence {k}, word {i}: root relation without head 0 or the reverse')
            heads[i] = int(w[6])
        if sum(1 for h in heads.values() if h == 0) != 1:
            fail(f'sentence {k}: not exactly one root')
        for i in heads:
            seen, x = 0, i
            while x != 0 and seen <= n:
                x, seen = heads[x], seen + 1
            if x != 0:
                fail(f'sentence {k}: a cycle through word {i}')
    print(f'well-formed: {len(got)} sentences')


if __name__ == '__main__':
    main()
