#!/usr/bin/env python3
"""Converts Festival's part-of-speech models (Debian package festlex-poslex) to
the plain TSV files the tagger reads:

  data/pos_lexicon.tsv    word, tag, logprob   log P(word | tag), natural log
  data/pos_trigrams.tsv   t1, t2, t3, count    tag trigram counts (observed only)
  data/pos_suffixes.tsv   suffix, tag, logprob log P(tag | suffix) for unknown words
  data/pos_lexicon_wordnet.tsv                 common WordNet words Festival lacks

Inputs (override the folder with --festival DIR):
  wsj.wp39.poslexR       lines ("word" ((tag logprob) ...) () ), lower-cased words,
                         logprob = ln P(word | tag), estimated on the Penn Treebank WSJ.
  wsj.wp39.tri.ngrambin  an Edinburgh Speech Tools dense n-gram, "NgramBin_2" format:
                         the text "NgramBin_2 3\\n", one line with the context vocabulary,
                         one line with the predicted vocabulary (the same 38 tags), then
                         big-endian doubles: for each context state (t1, t2), numbered
                         t1 * V + t2, the frequencies of every t3 in vocabulary order.
                         Runs are compressed: a value followed by a negative number -n
                         stands for that value n times (runs may cross states).
                         Frequencies are Good-Turing smoothed counts: unseen trigrams
                         carry a floor (0.0623), counts 1 and 2 became 0.8996 and 1.8800.

Tag mapping, Festival wp39 -> Penn Treebank (as sitrep's Pos names it):
  of -> IN, to -> TO        Festival gives "of" and "to" tags of their own; merged
                            into IN (counts added) and renamed TO.
  punc -> PUNCT             all punctuation: Penn . , : `` '' -LRB- -RRB- # $, which
                            sitrep's Pos collapses into one value, PUNCT. Alphabetic
                            words with a stray punc reading (annotation noise) lose it.
  prp -> PRP / PRP$         Festival lumps PRP$ with PRP. In the lexicon the possessive
                            determiners (my your his its our their) become PRP$ and
                            "her" gets both readings, half the count each; in the
                            trigrams "PRP" stands for both (the tagger scores PRP$ as
                            PRP before it and as DT after it).
  wp -> WP / WP$            likewise: "whose" becomes WP$.
  1, 2                      two rare tags (under 300 tokens in all) that Festival maps
                            to adjectives; dropped from the trigrams, and from the
                            lexicon unless a word has no other tag, where 1 -> JJ.
  every other tag           upper-cased: nn -> NN, vbd -> VBD, ...
The word "#" is left out: a line starting with '#' is a comment in sitrep's TSV.

Counts: Festival stores ln P(word|tag) = ln(c(word,tag) / N(tag)); N(tag) is the
tag's frequency in the trigram model (for most tags the rarest word then has
count 1, which checks it). Merged tags are re-normalised by the summed N.

The suffix model (after Brants, TnT, 2000) is learnt from the lexicon's rare
words (count <= 10), once over all of them and once over the hyphenated ones:
for each final string of 1..5 characters, P(tag | suffix) smoothed by
successive abstraction with the shorter suffix. Only suffixes seen
in at least 3 rare words, and tags with P >= 0.005, are kept.
"""
import argparse
import collections
import math
import os
import re
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tsvlib  # noqa: E402

GENERATED_BY = 'generated-by: data/build/poslex.py'


def write_tsv(path, header, columns, rows):
    """tsvlib.write_tsv with the generated-by line that data/README.md asks for."""
    return tsvlib.write_tsv(path, header + [GENERATED_BY], columns, rows)

FESTIVAL_DIR = '/usr/share/festival/dicts'
COPYRIGHT = '/usr/share/doc/festlex-poslex/copyright'

SOURCE = ('festlex-poslex 2.4 (Debian), Festival wsj.wp39 part-of-speech models, derived from the '
          'Penn Treebank WSJ by the Centre for Speech Technology Research, University of Edinburgh; '
          'converted by data/build/poslex.py')
LICENCE = ('Festival/CSTR licence (permissive, MIT-like): Copyright (c) 1996,1997 Centre for Speech '
           'Technology Research, University of Edinburgh, All Rights Reserved; permission to use, copy, '
           'modify and distribute without restriction provided the notice is kept, modifications are '
           'marked and the authors are not used to endorse derived products; no warranty. Full text: '
           '/usr/share/doc/festlex-poslex/copyright')
MODIFIED = ('modified: tags mapped to Penn Treebank names (see data/build/poslex.py), binary n-gram '
            'decoded to counts, suffix model added')

POSSESSIVE_DETERMINERS = {'my', 'your', 'his', 'its', 'our', 'their', 'thy'}
DROPPED_TAGS = {'1', '2'}


def penn(tag):
    return {'of': 'IN', 'punc': 'PUNCT'}.get(tag, tag.upper())


def read_ngrambin(path):
    blob = open(path, 'rb').read()
    head, context, predicted, data = blob.split(b'\n', 3)
    magic = head.split()
    if magic[0] != b'NgramBin_2' or magic[1] != b'3':
        raise SystemExit('%s: not an NgramBin_2 trigram (header %r)' % (path, head))
    vocab = [t.decode() for t in context.split()]
    if [t.decode() for t in predicted.split()] != vocab:
        raise SystemExit('%s: context and predicted vocabularies differ' % path)
    if len(data) % 8:
        raise SystemExit('%s: frequency data is not a whole number of doubles' % path)
    raw = struct.unpack('>%dd' % (len(data) // 8), data)
    freqs, i = [], 0
    while i < len(raw):
        if i + 1 < len(raw) and raw[i + 1] < 0:
            freqs.extend([raw[i]] * int(-raw[i + 1]))
            i += 2
        else:
            freqs.append(raw[i])
            i += 1
    v = len(vocab)
    if len(freqs) != v ** 3:
        raise SystemExit('%s: decoded %d frequencies, expected %d' % (path, len(freqs), v ** 3))
    return vocab, freqs


def unsmooth(f, floor):
    """Good-Turing smoothed count -> observed count (0 for the unseen floor)."""
    if f <= floor * 1.0001:
        return 0
    if f < 1.0:
        return 1
    if f < 2.0:
        return 2
    return int(round(f))


LEX_LINE = re.compile(r'^\("((?:[^"\\]|\\.)*)" \(((?:\s*\([^()]+\))*)\s*\) \(\) \)$')
TAG_PROB = re.compile(r'\((\S+) (-?[0-9.]+)\)')


def read_poslex(path):
    entries = []
    with open(path, encoding='latin-1') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if n == 1 and line == 'MNCL':
                continue
            m = LEX_LINE.match(line)
            if not m:
                raise SystemExit('%s:%d: cannot parse %r' % (path, n, line))
            word = m.group(1).replace('\\"', '"')
            entries.append((word, [(t, float(p)) for t, p in TAG_PROB.findall(m.group(2))]))
    return entries


def suffix_model(word_counts, tag_totals):
    """word_counts: {word: {tag: count}} of rare words. Returns {suffix: {tag: prob}}."""
    max_len, min_words, min_prob = 5, 3, 0.005
    total = sum(tag_totals.values())
    prior = {t: c / total for t, c in tag_totals.items()}
    # theta: standard deviation of the unconditioned tag probabilities (TnT).
    mean = sum(prior.values()) / len(prior)
    theta = math.sqrt(sum((p - mean) ** 2 for p in prior.values()) / (len(prior) - 1))
    counts = collections.defaultdict(collections.Counter)
    nwords = collections.Counter()
    for word, tags in word_counts.items():
        for k in range(0, min(max_len, len(word)) + 1):
            s = word[len(word) - k:]
            nwords[s] += 1
            for t, c in tags.items():
                counts[s][t] += c
    model = {}
    for k in range(0, max_len + 1):
        for s, tc in counts.items():
            if len(s) != k or nwords[s] < min_words:
                continue
            n = sum(tc.values())
            if k == 0:
                model[s] = {t: c / n for t, c in tc.items()}
                continue
            shorter = model[s[1:]]
            model[s] = {t: (tc.get(t, 0) / n + theta * shorter.get(t, 0.0)) / (1 + theta)
                        for t in set(tc) | set(shorter)}
    out = {}
    for s, probs in model.items():
        kept = {t: p for t, p in probs.items() if p >= min_prob}
        z = sum(kept.values())
        out[s] = {t: p / z for t, p in kept.items()}
    return out


def wordnet_supplement(wordnet_dir, known, tag_totals):
    """Rows (word, tag, logprob) for common WordNet lemmas the lexicon lacks."""
    tags = {'noun': ['NN'], 'verb': ['VB', 'VBP'], 'adj': ['JJ'], 'adv': ['RB']}
    readings = collections.defaultdict(set)
    for name in ('noun', 'verb', 'adj', 'adv'):
        with open(os.path.join(wordnet_dir, 'index.' + name), encoding='utf-8') as f:
            for line in f:
                if line.startswith('  '):
                    continue
                fields = line.split()
                lemma, pointers = fields[0], int(fields[3])
                tagged_senses = int(fields[5 + pointers])
                if tagged_senses > 0 and lemma.isalpha() and lemma.isascii() and lemma not in known:
                    readings[lemma].update(tags[name])
    return [[w, t, '%.3f' % math.log(0.5 / tag_totals[t])] for w in sorted(readings) for t in sorted(readings[w])]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--festival', default=FESTIVAL_DIR)
    ap.add_argument('--wordnet', default='/usr/share/wordnet')
    ap.add_argument('--out', default=tsvlib.DATA_DIR)
    args = ap.parse_args()

    vocab, freqs = read_ngrambin(os.path.join(args.festival, 'wsj.wp39.tri.ngrambin'))
    floor = min(freqs)
    v = len(vocab)
    fest_totals = collections.Counter()  # N(tag) from the third position
    trigrams = collections.Counter()
    for a in range(v):
        for b in range(v):
            for c in range(v):
                f = freqs[(a * v + b) * v + c]
                fest_totals[vocab[c]] += f
                n = unsmooth(f, floor)
                if n and not {vocab[a], vocab[b], vocab[c]} & DROPPED_TAGS:
                    trigrams[(penn(vocab[a]), penn(vocab[b]), penn(vocab[c]))] += n

    lexicon = read_poslex(os.path.join(args.festival, 'wsj.wp39.poslexR'))
    # N(tag), the tag's frequency, from the n-gram (its third position). The
    # lexicon alone cannot give it for one-word tags (of, to); for the others
    # it agrees with the rarest word of the tag having count 1.
    lex_n = dict(fest_totals)
    penn_n = collections.Counter()
    for t, n in lex_n.items():
        if t not in DROPPED_TAGS:
            penn_n[penn(t)] += n

    rows, rare = [], {}
    for word, tags in lexicon:
        if word.startswith('#'):
            continue  # would read as a comment line; the tagger knows "#" is punctuation
        counts = collections.Counter()
        alpha = any(ch.isalpha() for ch in word)
        real = [t for t, _ in tags if t not in DROPPED_TAGS and not (alpha and t == 'punc')]
        for t, p in tags:
            c = math.exp(p) * lex_n[t]
            if t in DROPPED_TAGS:
                if real:
                    continue
                t = 'jj'
            elif alpha and t == 'punc':
                continue
            if t == 'prp' and word in POSSESSIVE_DETERMINERS:
                counts['PRP$'] += c
            elif t == 'prp' and word == 'her':
                counts['PRP'] += c / 2
                counts['PRP$'] += c / 2
            elif t == 'wp' and word == 'whose':
                counts['WP$'] += c
            else:
                counts[penn(t)] += c
        if not counts:
            continue
        for t, c in sorted(counts.items()):
            n = penn_n[{'PRP$': 'PRP', 'WP$': 'WP'}.get(t, t)]
            rows.append([word, t, '%.3f' % math.log(c / n)])
        if sum(counts.values()) <= 10.5 and alpha and not word.endswith('.'):
            rare[word] = counts

    lex_header = ['source: ' + SOURCE, 'licence: ' + LICENCE, MODIFIED,
                  'columns: word (lower case, as Festival stores it); tag (Penn Treebank, PUNCT for all '
                  'punctuation); logprob = ln P(word | tag)']
    write_tsv(os.path.join(args.out, 'pos_lexicon.tsv'), lex_header, ['word', 'tag', 'logprob'], rows)

    tri_rows = [[a, b, c, str(n)] for (a, b, c), n in sorted(trigrams.items())]
    tri_header = ['source: ' + SOURCE, 'licence: ' + LICENCE, MODIFIED,
                  'columns: t1 t2 t3 count = how often tag t3 followed t1 t2 in the WSJ treebank (observed '
                  'trigrams only; PRP stands for PRP and PRP$, WP for WP and WP$). Sentences run on: '
                  'a sentence starts after (NN, PUNCT), as Festival assumes.']
    write_tsv(os.path.join(args.out, 'pos_trigrams.tsv'), tri_header, ['t1', 't2', 't3', 'count'],
                     tri_rows)

    suf_rows, nsuffixes = [], 0
    hyphenated = {w: c for w, c in rare.items() if '-' in w.strip('-')}
    for cls, words in (('word', rare), ('hyphenated', hyphenated)):
        model = suffix_model(words, penn_n)
        nsuffixes += len(model)
        for s in sorted(model, key=lambda s: (len(s), s)):
            for t, p in sorted(model[s].items(), key=lambda kv: -kv[1]):
                suf_rows.append([cls, s if s else '*', t, '%.3f' % math.log(p)])
    suf_header = ['source: ' + SOURCE, 'licence: ' + LICENCE, MODIFIED,
                  'columns: class (word: all rare words; hyphenated: those with an inner hyphen); suffix '
                  '(final characters of the lower-cased word; "*" is the empty suffix, the whole class); tag; '
                  'logprob = ln P(tag | suffix) over words seen at most 10 times, smoothed by successive '
                  'abstraction (Brants 2000)']
    write_tsv(os.path.join(args.out, 'pos_suffixes.tsv'), suf_header,
                     ['class', 'suffix', 'tag', 'logprob'], suf_rows)
    wn_rows = wordnet_supplement(args.wordnet, {w for w, _ in lexicon}, penn_n)
    wn_header = ['source: WordNet 3.0 (Princeton University), Debian package wordnet-base, index.{noun,verb,adj,adv}: '
                 'one-word lemmas that occur in the SemCor sense-tagged corpus (tag count > 0) and are missing from '
                 'pos_lexicon.tsv; written by data/build/poslex.py',
                 'licence: WordNet 3.0 license (permissive): "WordNet 3.0 Copyright 2006 by Princeton University. '
                 'All rights reserved." Use, copy, modify and distribute for any purpose without fee, keeping the '
                 'notice and disclaimer; provided AS IS. Full text: /usr/share/doc/wordnet-base/copyright',
                 'columns: as pos_lexicon.tsv; noun -> NN, verb -> VB and VBP, adjective -> JJ, adverb -> RB, each '
                 'with the probability of half an observation in the WSJ, ln(0.5 / N(tag)): a word the tagger '
                 'would otherwise guess from its suffix']
    write_tsv(os.path.join(args.out, 'pos_lexicon_wordnet.tsv'), wn_header, ['word', 'tag', 'logprob'], wn_rows)
    print('pos_lexicon_wordnet.tsv: %d rows' % len(wn_rows))
    print('pos_lexicon.tsv: %d rows; pos_trigrams.tsv: %d rows; pos_suffixes.tsv: %d rows (%d suffixes)'
          % (len(rows), len(tri_rows), len(suf_rows), nsuffixes))


if __name__ == '__main__':
    main()
