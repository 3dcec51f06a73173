#!/usr/bin/env python3
"""Writes data/pos_lexicon_events.tsv: verb readings for the verbs of the event dictionary.

The WSJ lexicon (pos_lexicon.tsv) knows many news verbs only as nouns ("boycott", "riot",
"jail", "vow", "pledge", "massacre"), so the tagger could never read "would boycott" as a
verb. For each one-word lemma of data/event_verbs.tsv, each inflected form that neither
pos_lexicon.tsv nor pos_lexicon_wordnet.tsv reads as a verb gets the verb tags of its form
(base: VB, VBP; -s: VBZ; -ed: VBD, VBN; -ing: VBG) at half an observation, as
pos_lexicon_wordnet.tsv does. The tagger adds these readings to the word's others; the
trigram context decides. Usage: python3 data/build/event_verb_forms.py
"""
import collections
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tsvlib import read_tsv, write_tsv  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data')
# Irregular verbs of the dictionary: past, past participle.
IRREGULAR = {'overrun': ('overran', 'overrun'), 'retake': ('retook', 'retaken'), 'mistake': ('mistook', 'mistaken'),
             'withhold': ('withheld', 'withheld'), 'shoot': ('shot', 'shot'), 'strike': ('struck', 'struck')}
# Final consonants doubled before -ed/-ing (stressed last syllable or one syllable).
DOUBLE = {'stab', 'gun', 'gas', 'patrol', 'jab', 'rob', 'ban', 'bar', 'plan', 'ship', 'drop', 'airdrop', 'trap',
          'tap', 'grab', 'nab', 'spar', 'strip', 'scrap', 'snub', 'slam', 'ram', 'jam', 'clap', 'stop'}


def doubles(lemma):
    """Whether the final consonant doubles before -ed/-ing: one-syllable CVC words and CVC
    endings that carry the stress (admit, expel, patrol, occur, regret)."""
    if lemma in DOUBLE:
        return True
    if len(lemma) < 3 or lemma[-1] in 'aeiouwxy' or lemma[-2] not in 'aeiou' or lemma[-3] in 'aeiou':
        return False
    vowels = sum(1 for i, c in enumerate(lemma) if c in 'aeiouy' and (i == 0 or lemma[i - 1] not in 'aeiouy'))
    return vowels == 1 or lemma.endswith(('mit', 'pel', 'cur', 'fer', 'bet', 'trol', 'quit', 'gret', 'but', 'lot'))


def forms(lemma):
    if lemma in IRREGULAR:
        past, part = IRREGULAR[lemma]
    else:
        stem = lemma + lemma[-1] if doubles(lemma) else lemma
        if lemma.endswith('e'):
            past = part = lemma + 'd'
        elif lemma.endswith('y') and lemma[-2] not in 'aeiou':
            past = part = lemma[:-1] + 'ied'
        else:
            past = part = stem + 'ed'
    stem = lemma + lemma[-1] if doubles(lemma) else lemma
    if lemma.endswith('ie'):
        ing = lemma[:-2] + 'ying'
    elif lemma.endswith('e') and not lemma.endswith('ee'):
        ing = lemma[:-1] + 'ing'
    else:
        ing = stem + 'ing'
    if lemma.endswith(('s', 'x', 'z', 'ch', 'sh')):
        third = lemma + 'es'
    elif lemma.endswith('y') and lemma[-2] not in 'aeiou':
        third = lemma[:-1] + 'ies'
    else:
        third = lemma + 's'
    out = [(lemma, 'VB'), (lemma, 'VBP'), (third, 'VBZ'), (past, 'VBD'), (part, 'VBN'), (ing, 'VBG')]
    return out


def main():
    tags = collections.defaultdict(set)
    half = {}  # tag -> logprob of half an observation, as pos_lexicon_wordnet.tsv has it
    for name in ('pos_lexicon.tsv', 'pos_lexicon_wordnet.tsv'):
        _, _, rows = read_tsv(os.path.join(DATA, name))
        for r in rows:
            tags[r['word']].add(r['tag'])
            if name == 'pos_lexicon_wordnet.tsv':
                half.setdefault(r['tag'], r['logprob'])
    # VBZ, VBD, VBN, VBG are not in the WordNet file: half an observation over their counts.
    _, _, trig = read_tsv(os.path.join(DATA, 'pos_trigrams.tsv'))
    counts = collections.Counter()
    for r in trig:
        counts[r['t3']] += int(r['count'])
    for tag in ('VB', 'VBP', 'VBZ', 'VBD', 'VBN', 'VBG'):
        if tag not in half:
            if not counts.get(tag):
                sys.exit('event_verb_forms.py: no count for %s in pos_trigrams.tsv' % tag)
            half[tag] = '%.3f' % math.log(0.5 / counts[tag])
    _, _, verbs = read_tsv(os.path.join(DATA, 'event_verbs.tsv'))
    lemmas = sorted({r['lemma'] for r in verbs if ' ' not in r['lemma']})
    rows = []
    for lemma in lemmas:
        for word, tag in forms(lemma):
            verb_tags = {t for t in tags[word] if t.startswith('VB')}
            if verb_tags:
                continue  # the corpus lexicons read it as a verb already
            rows.append([word, tag, half[tag]])
    rows = sorted(set(map(tuple, rows)))
    header = [
        'source: generated from data/event_verbs.tsv (this project) by data/build/event_verb_forms.py: verb readings for',
        '  event verbs that pos_lexicon.tsv and pos_lexicon_wordnet.tsv read only as nouns or not at all',
        'licence: CC0-1.0 (generated for this project)',
        'columns: as pos_lexicon.tsv; each reading at half an observation, ln(0.5 / N(tag)); the tagger adds these',
        '  readings to those a word has in the other lexicons',
    ]
    n = write_tsv(os.path.join(DATA, 'pos_lexicon_events.tsv'), header, ['word', 'tag', 'logprob'], rows)
    print('pos_lexicon_events.tsv: %d rows' % n)


if __name__ == '__main__':
    main()
