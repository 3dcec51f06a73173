#!/usr/bin/env python3
"""Writes the WordNet lists that the lemmatiser and later stages read:

  data/lemma_exceptions.tsv  form, lemma, pos   irregular inflections from {noun,verb,adj,adv}.exc
  data/wordnet_lemmas.tsv    lemma, pos         every one-word lemma WordNet knows, with its parts
                                                of speech (n v a r, '|'-joined): morphy accepts a
                                                detached form only when it is one of these
  data/verb_classes.tsv      verb, classes      the lexicographer files of a verb's senses
                                                (verb.communication, verb.motion ...), most
                                                frequent sense first, '|'-joined, no repeats
  data/morphy_rules.tsv      pos, suffix, ending the detachment rules of WordNet's morphy
  data/proper_adjectives.tsv adjective          adjectives written with a capital (Israeli,
                                                Palestinian, Marxist): the tagger's cue that
                                                a capital inside a sentence need not make a
                                                proper noun. WordNet's capitalised one-word
                                                adjectives, less those also written in lower
                                                case (Federal/federal), plus EXTRA below

Input: the WordNet 3.0 database of the Debian package wordnet-base (override the
folder with --wordnet DIR). Multi-word lemmas (with '_') are left out of the
first two lists, whose users look at one token; verb_classes keeps them, written
with spaces ("blow up"), for phrasal verbs.
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tsvlib  # noqa: E402

GENERATED_BY = 'generated-by: data/build/wordnet_lemmas.py'


def write_tsv(path, header, columns, rows):
    """tsvlib.write_tsv with the generated-by line that data/README.md asks for."""
    return tsvlib.write_tsv(path, header + [GENERATED_BY], columns, rows)

WORDNET_DIR = '/usr/share/wordnet'
SOURCE = ('WordNet 3.0 (Princeton University), Debian package wordnet-base, files {noun,verb,adj,adv}.exc, '
          'index.* and data.verb; converted by data/build/wordnet_lemmas.py')
LICENCE = ('WordNet 3.0 license (permissive): "WordNet 3.0 Copyright 2006 by Princeton University. All '
           'rights reserved." Use, copy, modify and distribute for any purpose without fee, keeping the '
           'notice and disclaimer; provided AS IS. Full text: /usr/share/doc/wordnet-base/copyright')

POS_FILES = [('noun', 'n'), ('verb', 'v'), ('adj', 'a'), ('adv', 'r')]

# WordNet's lexicographer files 29-43 (lexnames(5WN)): the number is field 2 of a
# synset line in data.verb.
VERB_LEXNAMES = {
    29: 'verb.body', 30: 'verb.change', 31: 'verb.cognition', 32: 'verb.communication',
    33: 'verb.competition', 34: 'verb.consumption', 35: 'verb.contact', 36: 'verb.creation',
    37: 'verb.emotion', 38: 'verb.motion', 39: 'verb.perception', 40: 'verb.possession',
    41: 'verb.social', 42: 'verb.stative', 43: 'verb.weather',
}


# Nationality and sect adjectives of the news that WordNet lacks or writes only
# in lower case.
EXTRA_PROPER_ADJECTIVES = ['Arab', 'Emirati', 'Gazan', 'Houthi', 'Shia', 'Shiite', 'Sunni', 'Alawite', 'Druze',
                           'Western', 'Republican', 'Kurdish', 'Bahraini', 'Saudi', 'Omani', 'Kuwaiti',
                           'Jordanian', 'Lebanese', 'Iraqi', 'Iranian', 'Afghan', 'Pakistani', 'Ukrainian',
                           'Belarusian', 'Sudanese', 'Libyan', 'Tunisian', 'Algerian', 'Moroccan', 'Chechen',
                           'Uyghur', 'Rohingya', 'Tigrayan', 'Eritrean', 'Ethiopian', 'Somali', 'Yazidi']


# Clitics and the stems the tokeniser leaves (ca n't, wo n't), which WordNet
# does not list; tagged MD or VB*, both looked up as verbs.
EXTRA_EXCEPTIONS = [("'m", 'be', 'v'), ("'re", 'be', 'v'), ("'s", 'be', 'v'), ("'ve", 'have', 'v'),
                    ("'ll", 'will', 'v'), ("'d", 'would', 'v'), ('ca', 'can', 'v'), ('wo', 'will', 'v'),
                    ('sha', 'shall', 'v'), ("n't", 'not', 'r')]


# WordNet's detachment rules (morphy(7WN)), tried in this order; a candidate
# counts only when it is a known lemma. The last verb and adjective rules undo
# a doubled final consonant (planned -> plan, bigger -> big), which morphy
# leaves to the exception lists; "*" stands for that doubled letter.
MORPHY_RULES = [('n', 's', ''), ('n', 'ses', 's'), ('n', 'xes', 'x'), ('n', 'zes', 'z'), ('n', 'ches', 'ch'),
                ('n', 'shes', 'sh'), ('n', 'men', 'man'), ('n', 'ies', 'y'),
                ('v', 's', ''), ('v', 'ies', 'y'), ('v', 'es', 'e'), ('v', 'es', ''), ('v', 'ed', 'e'),
                ('v', 'ed', ''), ('v', 'ing', 'e'), ('v', 'ing', ''), ('v', '*ed', ''), ('v', '*ing', ''),
                ('a', 'er', ''), ('a', 'est', ''), ('a', 'er', 'e'), ('a', 'est', 'e'), ('a', '*er', ''),
                ('a', '*est', ''), ('a', 'ier', 'y'), ('a', 'iest', 'y')]


def data_lines(path):
    with open(path, encoding='utf-8') as f:
        for line in f:
            if not line.startswith('  '):  # the licence text at the top is indented
                yield line.rstrip('\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--wordnet', default=WORDNET_DIR)
    ap.add_argument('--out', default=tsvlib.DATA_DIR)
    args = ap.parse_args()
    header = ['source: ' + SOURCE, 'licence: ' + LICENCE]

    exceptions = []
    for name, pos in POS_FILES:
        for line in data_lines(os.path.join(args.wordnet, name + '.exc')):
            fields = line.split()
            if len(fields) < 2 or '_' in fields[0]:
                continue
            for lemma in fields[1:]:
                if '_' not in lemma:
                    exceptions.append([fields[0], lemma, pos])
    exceptions += [list(e) for e in EXTRA_EXCEPTIONS]
    # WordNet's .exc files repeat a few lines; keep the first of each.
    exceptions = [list(e) for e in dict.fromkeys(tuple(e) for e in exceptions)]
    write_tsv(os.path.join(args.out, 'lemma_exceptions.tsv'),
                     header + ['also: clitics (EXTRA_EXCEPTIONS of data/build/wordnet_lemmas.py, written for sitrep, '
                               'CC0-1.0)',
                               'columns: form (lower case), lemma, pos (n noun, v verb, a adjective, r adverb); '
                               'a form with several lemmas has one line each, the usual one first'],
                     ['form', 'lemma', 'pos'], exceptions)

    lemmas = collections.defaultdict(list)
    verb_offsets = {}
    for name, pos in POS_FILES:
        for line in data_lines(os.path.join(args.wordnet, 'index.' + name)):
            fields = line.split()
            lemma = fields[0]
            if pos == 'v':
                synset_cnt = int(fields[2])
                verb_offsets[lemma] = fields[-synset_cnt:]
            if '_' not in lemma:
                lemmas[lemma].append(pos)
    write_tsv(os.path.join(args.out, 'wordnet_lemmas.tsv'),
                     header + ['columns: lemma (lower case, one word), pos (n v a r, |-joined)'],
                     ['lemma', 'pos'], [[k, '|'.join(v)] for k, v in sorted(lemmas.items())])

    lexfile = {}
    for line in data_lines(os.path.join(args.wordnet, 'data.verb')):
        fields = line.split(' ', 2)
        lexfile[fields[0]] = VERB_LEXNAMES[int(fields[1])]
    verb_rows = []
    for verb in sorted(verb_offsets):
        classes = tsvlib.join_values(lexfile[o] for o in verb_offsets[verb])
        verb_rows.append([verb.replace('_', ' '), classes])
    write_tsv(os.path.join(args.out, 'verb_classes.tsv'),
                     header + ['columns: verb (lower case lemma; phrasal verbs with spaces), classes '
                               '(WordNet lexicographer files of its senses, most frequent sense first)'],
                     ['verb', 'classes'], verb_rows)
    write_tsv(os.path.join(args.out, 'morphy_rules.tsv'),
                     ['source: WordNet 3.0 morphy(7WN) detachment rules (Princeton University), with undoubling '
                      'and -ier/-iest rules added for sitrep; written by data/build/wordnet_lemmas.py',
                      'licence: ' + LICENCE,
                      'columns: pos (n v a), suffix to remove ("*" = a doubled final consonant before it, '
                      'of which one letter is kept), ending to add; tried in file order'],
                     ['pos', 'suffix', 'ending'], [list(r) for r in MORPHY_RULES])

    capitalised, lower_adjectives = set(), set()
    for line in data_lines(os.path.join(args.wordnet, 'data.adj')):
        fields = line.split()
        for i in range(int(fields[3], 16)):
            word = fields[4 + 2 * i].split('(')[0]  # drop the (a) (p) (ip) markers
            if '_' in word:
                continue
            (capitalised if word[0].isupper() else lower_adjectives).add(word)
    proper = {w for w in capitalised if w.lower() not in lower_adjectives} | set(EXTRA_PROPER_ADJECTIVES)
    write_tsv(os.path.join(args.out, 'proper_adjectives.tsv'),
                     header + ['also: the EXTRA_PROPER_ADJECTIVES of data/build/wordnet_lemmas.py (written for '
                               'sitrep, CC0-1.0)',
                               'columns: adjective, as written'],
                     ['adjective'], [[w] for w in sorted(proper)])
    print('lemma_exceptions.tsv: %d rows; wordnet_lemmas.tsv: %d rows; verb_classes.tsv: %d rows'
          % (len(exceptions), len(lemmas), len(verb_rows)))
    print('proper_adjectives.tsv: %d rows' % len(proper))


if __name__ == '__main__':
    main()
