#!/usr/bin/env python3
"""Builds data/tone_lexicon.tsv and data/tone_modifiers.tsv from VADER (the tone stage's words).

usage: python3 data/build/tone_lexicon.py [vader-sentiment-1.1.3.tgz]

Without an argument it runs `npm pack vader-sentiment@1.1.3` in a temporary folder (the only step
that uses the network; run by hand, the output is committed and the engine never fetches anything).

Source: the npm package vader-sentiment 1.1.3 (the JavaScript port of VADER, Apache-2.0), which
ships VADER's own lexicon file unchanged (vader_lexicon.txt, MIT, C.J. Hutto):
- tone_lexicon.tsv: every entry of vader_lexicon.txt, its mean valence (-4 .. +4, the mean of ten
  raters); the raters' standard deviation and ratings are left out.
- tone_modifiers.tsv: VADER's negation words (NEGATE) and degree adverbs (BOOSTER_DICT) as written
  in src/vaderSentiment.js, with their kind and the valence step VADER adds (B_INCR, B_DECR).
Deterministic output: the same package gives byte-identical files.
"""
import os
import re
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from tsvlib import write_tsv  # noqa: E402

PACKAGE = 'vader-sentiment@1.1.3'


def fetch(tmp):
    subprocess.run(['npm', 'pack', PACKAGE], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    names = [n for n in os.listdir(tmp) if n.endswith('.tgz')]
    if len(names) != 1:
        sys.exit('npm pack %s made no single .tgz in %s' % (PACKAGE, tmp))
    return os.path.join(tmp, names[0])


def member(tar, name):
    try:
        return tar.extractfile('package/' + name).read().decode('utf-8')
    except KeyError:
        sys.exit('%s: no package/%s in it' % (tar.name, name))


def js_list(js, name, path):
    m = re.search(r'export const %s = \[(.*?)\];' % name, js, re.S)
    if not m:
        sys.exit('%s: no list %s' % (path, name))
    return re.findall(r"'([^']*)'|\"([^\"]*)\"", m.group(1))


def js_constant(js, name, path):
    m = re.search(r'export const %s = (-?[0-9.]+);' % name, js)
    if not m:
        sys.exit('%s: no constant %s' % (path, name))
    return m.group(1)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tgz = sys.argv[1] if len(sys.argv) > 1 else fetch(tmp)
        with tarfile.open(tgz) as tar:
            lexicon = member(tar, 'vader_lexicon.txt')
            js = member(tar, 'src/vaderSentiment.js')
            version = re.search(r'"version": "([^"]+)"', member(tar, 'package.json')).group(1)

    rows, seen = [], set()
    for line_no, line in enumerate(lexicon.split('\n'), 1):
        if not line.strip():
            continue
        fields = line.split('\t')
        if len(fields) < 2 or not re.fullmatch(r'-?[0-9]+(\.[0-9]+)?', fields[1]):
            sys.exit('vader_lexicon.txt:%d: expected WORD<TAB>MEAN<TAB>...: %r' % (line_no, line))
        word = fields[0]
        # Emoticons with spaces or tabs cannot be a token; none is news vocabulary.
        if word != word.strip() or not word or word in seen:
            continue
        seen.add(word)
        rows.append([word, fields[1]])

    js_path = 'src/vaderSentiment.js'
    b_incr, b_decr = js_constant(js, 'B_INCR', js_path), js_constant(js, 'B_DECR', js_path)
    modifiers = []
    for a, b in js_list(js, 'NEGATE', js_path):
        modifiers.append([a or b, 'negation', '-0.74'])
    m = re.search(r'export const BOOSTER_DICT = \{(.*?)\};', js, re.S)
    if not m:
        sys.exit('%s: no BOOSTER_DICT' % js_path)
    for quoted, bare, value in re.findall(r"(?:'([^']+)'|([a-z-]+)): (B_INCR|B_DECR),", m.group(1)):
        key = quoted or bare
        modifiers.append([key, 'booster' if value == 'B_INCR' else 'dampener', b_incr if value == 'B_INCR' else b_decr])
    if len(modifiers) < 100:
        sys.exit('%s: only %d negations and boosters found; has the file changed?' % (js_path, len(modifiers)))
    # VADER's lists may repeat a word; the first row is kept.
    unique, keys = [], set()
    for r in modifiers:
        if r[0] not in keys:
            keys.add(r[0])
            unique.append(r)

    source = 'npm package vader-sentiment %s (vaderSentiment-js, Comcast, Apache-2.0),' % version
    n = write_tsv(os.path.join(DATA_DIR, 'tone_lexicon.tsv'), [
        'VADER\'s sentiment lexicon: words, emoticons and slang with their mean valence (-4 most negative,',
        '  +4 most positive), rated by ten people each (Hutto & Gilbert, ICWSM 2014).',
        'source: %s' % source,
        '  its file vader_lexicon.txt (VADER\'s own), unchanged but for the raters\' standard deviation and',
        '  ratings (left out), entries with white space, and repeats',
        'licence: MIT (the VADER lexicon, Copyright (c) C.J. Hutto, github.com/cjhutto/vaderSentiment)',
        'generated-by: data/build/tone_lexicon.py (do not edit; rebuild with it)',
    ], ['word', 'valence'], rows)
    print('tone_lexicon.tsv: %d rows' % n)
    n = write_tsv(os.path.join(DATA_DIR, 'tone_modifiers.tsv'), [
        'VADER\'s negation words and degree adverbs: kind = negation (the valence of a tone word up to three',
        '  words after it is multiplied by value), booster or dampener (value is added to the magnitude',
        '  of the tone word after it; 95% of it two words before, 90% three words before).',
        'source: %s' % source,
        '  its file src/vaderSentiment.js, lists NEGATE and BOOSTER_DICT (as in VADER\'s Python original)',
        'licence: MIT (VADER, Copyright (c) C.J. Hutto); the JavaScript port Apache-2.0 (Comcast)',
        'generated-by: data/build/tone_lexicon.py (do not edit; rebuild with it)',
    ], ['word', 'kind', 'value'], unique)
    print('tone_modifiers.tsv: %d rows' % n)


if __name__ == '__main__':
    main()
