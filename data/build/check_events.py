#!/usr/bin/env python3
"""Validates the event dictionary: data/event_verbs.tsv, data/event_nouns.tsv, data/event_modality.tsv,
data/event_antecedents.tsv.

The shared TSV format (UTF-8, LF, header, field counts, whitespace) is check.py's; this checks the
event-specific rules:
  - cameo is a code of the CAMEO 1.1b3 event codebook (2-4 digits, root 01-20);
  - plover is one of the 18 PLOVER types (DEMAND and DISAPPROVE spellings) or empty;
  - target is obj, none or prepositions (nouns: no obj); source is poss, by, subj, adj;
  - particle is an adverbial particle or a selecting preposition, and a row whose particle is the
    preposition that introduces the target must say target obj (the coder consumes the particle);
  - verb keys (lemma, particle, object) are unique, and no object noun is listed twice for the same
    lemma and particle with different codes; nouns and modality phrases are unique;
  - modality effect is negated, intended, threatened, hypothetical or asserted.
Warnings (not errors): a modality phrase shadowed by an earlier phrase with the same first word and
another effect (the loader keys phrases on their first word); a verb row with neither particle nor
object for a verb of event_light_verbs.tsv (it hides the noun event the light verb would carry),
unless its note says "bare light-verb row on purpose".
Reports file:line: message for each error and exits 1 if any; prints row counts per file, per
CAMEO root and per PLOVER type, and the rows whose PLOVER type differs from the root's default.

Usage: python3 data/build/check_events.py [--verbose]
"""
import collections
import os
import re
import sys

DATA_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

PLOVER_TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'DEMAND', 'DISAPPROVE',
                'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT', 'FIGHT', 'INVESTIGATE']
OLD_SPELLING = {'REQUEST': 'DEMAND', 'ACCUSE': 'DISAPPROVE', 'COOPERATION': 'COOPERATE'}
ROOT_NAMES = {
    '01': 'MAKE PUBLIC STATEMENT', '02': 'APPEAL', '03': 'EXPRESS INTENT TO COOPERATE', '04': 'CONSULT',
    '05': 'ENGAGE IN DIPLOMATIC COOPERATION', '06': 'ENGAGE IN MATERIAL COOPERATION', '07': 'PROVIDE AID',
    '08': 'YIELD', '09': 'INVESTIGATE', '10': 'DEMAND', '11': 'DISAPPROVE', '12': 'REJECT', '13': 'THREATEN',
    '14': 'PROTEST', '15': 'EXHIBIT FORCE POSTURE', '16': 'REDUCE RELATIONS', '17': 'COERCE', '18': 'ASSAULT',
    '19': 'FIGHT', '20': 'USE UNCONVENTIONAL MASS VIOLENCE'}


def _codes():
    """The event codes of the CAMEO 1.1b3 codebook (chapter 6), roots included."""
    spec = """
    010-019 020 021 0211-0214 022 023 0231-0234 024 0241-0244 025 0251-0256 026 027 028
    030 031 0311-0314 032 033 0331-0334 034 0341-0344 035 0351-0356 036 037 038 039
    040-046 050-057 060-064 070-075
    080 081 0811-0814 082 083 0831-0834 084 0841 0842 085 086 0861-0863 087 0871-0874
    090-094 100 101 1011-1014 102 103 1031-1034 104 1041-1044 105 1051-1056 106 107 108
    110 111 112 1121-1125 113 114 115 116
    120 121 1211-1214 122 1221-1224 123 1231-1234 124 1241-1246 125 126 127 128 129
    130 131 1311-1313 132 1321-1324 133 134 135 136 137 138 1381-1385 139
    140 141 1411-1414 142 1421-1424 143 1431-1434 144 1441-1444 145 1451-1454
    150-155 160 161 162 1621-1623 163 164 165 166 1661-1663
    170 171 1711 1712 172 1721-1724 173 174 175 176
    180 181 182 1821-1823 183 1831-1834 184 185 186
    190-196 1951 1952 200 201 202 203 204 2041 2042
    """
    codes = {'%02d' % r for r in range(1, 21)}
    for item in spec.split():
        if '-' in item:
            a, b = item.split('-')
            codes.update(str(n).zfill(len(a)) for n in range(int(a), int(b) + 1))
        else:
            codes.add(item)
    return codes


CAMEO_CODES = _codes()
PREPOSITIONS = {'on', 'against', 'with', 'to', 'for', 'of', 'at', 'from', 'in', 'into', 'between', 'over',
                'about', 'around', 'near', 'along', 'off', 'toward', 'towards', 'behind', 'upon', 'among',
                'across', 'inside'}
PARTICLES = {'by', 'up', 'down', 'off', 'out', 'back', 'over', 'in', 'on', 'for', 'to', 'into', 'with', 'against',
             'from', 'away', 'aside', 'through', 'upon', 'of', 'at', 'about', 'behind', 'toward', 'towards'}
SOURCES = {'poss', 'by', 'subj', 'adj'}
EFFECTS = {'negated', 'intended', 'threatened', 'hypothetical', 'asserted'}
WORD = re.compile(r"[a-z][a-z'\-]*( [a-z][a-z'\-]*)*$")
PHRASE = re.compile(r"('?[a-z][a-z'\-]*|n't)( [a-z][a-z'\-]*)*$")

FILES = {
    'event_verbs.tsv': ['lemma', 'particle', 'object', 'target', 'cameo', 'plover', 'note'],
    'event_nouns.tsv': ['noun', 'target', 'source', 'cameo', 'plover', 'note'],
    'event_modality.tsv': ['phrase', 'effect', 'note'],
    'event_antecedents.tsv': ['noun', 'roots', 'holder', 'note'],
}


def default_plover(code):
    """The PLOVER type a CAMEO code maps to unless a row says otherwise (see data/README.md)."""
    root = code[:2]
    if root == '01':
        return ''
    if root == '08':
        return 'CONCEDE' if code[:3] in ('08', '080', '081', '082', '083') else 'RETREAT'
    if code.startswith('191'):
        return 'COERCE'
    return {'02': 'DEMAND', '03': 'AGREE', '04': 'CONSULT', '05': 'SUPPORT', '06': 'COOPERATE', '07': 'AID',
            '09': 'INVESTIGATE', '10': 'DEMAND', '11': 'DISAPPROVE', '12': 'REJECT', '13': 'THREATEN',
            '14': 'PROTEST', '15': 'MOBILIZE', '16': 'SANCTION', '17': 'COERCE', '18': 'ASSAULT', '19': 'FIGHT',
            '20': 'ASSAULT'}[root]


class Checker:
    def __init__(self):
        self.errors, self.warnings, self.infos = [], [], []

    def read(self, name):
        """Returns [(line_no, row dict)], or None if the file is unusable. The TSV format itself
        (encoding, header, field counts, whitespace) is check.py's to report; rows it would
        reject are skipped here."""
        path = os.path.join(DATA_DIR, name)
        rel = os.path.join('data', name)
        if not os.path.exists(path):
            self.errors.append('%s:1: missing file' % rel)
            return None
        with open(path, encoding='utf-8', errors='replace') as f:
            lines = f.read().split('\n')
        i = 0
        while i < len(lines) and lines[i].startswith('#'):
            i += 1
        columns = lines[i].split('\t') if i < len(lines) else []
        if any(c not in columns for c in FILES[name]):
            self.errors.append('%s:%d: column row must hold %s' % (rel, i + 1, '\t'.join(FILES[name])))
            return None
        rows = []
        for n in range(i + 1, len(lines)):
            fields = lines[n].split('\t')
            if lines[n].strip() and not lines[n].startswith('#') and len(fields) == len(columns):
                rows.append((n + 1, dict(zip(columns, fields))))
        if not rows:
            self.errors.append('%s:%d: no entries' % (rel, i + 1))
        return rows

    def codes(self, rel, ln, row):
        cameo, plover = row['cameo'], row['plover']
        ok = True
        if not re.fullmatch(r'\d{2,4}', cameo) or not ('01' <= cameo[:2] <= '20'):
            self.errors.append('%s:%d: CAMEO code %r is not 2-4 digits with a root 01-20' % (rel, ln, cameo))
            ok = False
        elif cameo not in CAMEO_CODES:
            self.errors.append('%s:%d: CAMEO code %r is not in the CAMEO 1.1b3 codebook' % (rel, ln, cameo))
            ok = False
        if plover in OLD_SPELLING:
            self.errors.append('%s:%d: PLOVER type %r: write %r' % (rel, ln, plover, OLD_SPELLING[plover]))
        elif plover and plover not in PLOVER_TYPES:
            self.errors.append('%s:%d: %r is not a PLOVER type' % (rel, ln, plover))
        elif ok and plover != default_plover(cameo):
            self.infos.append('%s:%d: %s %s -> %s (default %s): %s' % (
                rel, ln, row.get('lemma', row.get('noun')), cameo, plover or '(none)',
                default_plover(cameo) or '(none)', row['note']))
        return ok

    def target(self, rel, ln, value, allow_obj):
        parts = value.split('|')
        if not value:
            self.errors.append('%s:%d: empty target (use none)' % (rel, ln))
            return parts
        if 'none' in parts and len(parts) > 1:
            self.errors.append('%s:%d: target none mixed with others: %r' % (rel, ln, value))
        for p in parts:
            if p == 'obj' and not allow_obj:
                self.errors.append('%s:%d: target obj is for verbs only' % (rel, ln))
            elif p not in PREPOSITIONS and p not in ('obj', 'none'):
                self.errors.append('%s:%d: bad target %r' % (rel, ln, p))
        if len(set(parts)) != len(parts):
            self.errors.append('%s:%d: repeated target value in %r' % (rel, ln, value))
        return parts

    def verbs(self, rows, light_verbs):
        rel = 'data/event_verbs.tsv'
        keys, objects = {}, {}
        for ln, r in rows:
            lemma, particle, obj = r['lemma'], r['particle'], r['object']
            if not WORD.match(lemma) or ' ' in lemma:
                self.errors.append('%s:%d: bad lemma %r (one lower-case word)' % (rel, ln, lemma))
            if particle and particle not in PARTICLES:
                self.errors.append('%s:%d: bad particle %r' % (rel, ln, particle))
            objs = obj.split('|') if obj else []
            for o in objs:
                if not WORD.match(o):
                    self.errors.append('%s:%d: bad object %r (lower-case lemma or phrase)' % (rel, ln, o))
            if len(set(objs)) != len(objs):
                self.errors.append('%s:%d: repeated object value' % (rel, ln))
            parts = self.target(rel, ln, r['target'], True)
            if particle in PREPOSITIONS and particle in parts:
                self.errors.append('%s:%d: particle %r introduces the target: write target obj' % (rel, ln, particle))
            self.codes(rel, ln, r)
            if not r['note']:
                self.errors.append('%s:%d: empty note' % (rel, ln))
            key = (lemma, particle, obj)
            if key in keys:
                self.errors.append('%s:%d: duplicate key (lemma, particle, object) %r (first at line %d)'
                                   % (rel, ln, key, keys[key]))
            else:
                keys[key] = ln
            for o in objs:
                k = (lemma, particle, o)
                if k in objects:
                    first_ln, first_code = objects[k]
                    msg = '%s:%d: object %r of %s%s also at line %d' % (
                        rel, ln, o, lemma, ' ' + particle if particle else '', first_ln)
                    if first_code != r['cameo']:
                        self.errors.append(msg + ' with another code (%s vs %s)' % (first_code, r['cameo']))
                    else:
                        self.warnings.append(msg)
                else:
                    objects[k] = (ln, r['cameo'])
            if lemma in light_verbs and not particle and not obj and 'bare light-verb row on purpose' not in r['note']:
                self.warnings.append('%s:%d: %r is a light verb (event_light_verbs.tsv): a row with neither particle '
                                     'nor object codes every object and hides its event noun' % (rel, ln, lemma))

    def unique_noun(self, rel, ln, noun, seen):
        """A well-formed noun, once per file (the loader keeps the first)."""
        if not WORD.match(noun):
            self.errors.append('%s:%d: bad noun %r' % (rel, ln, noun))
        if noun in seen:
            self.errors.append('%s:%d: duplicate noun %r (first at line %d; the loader keeps the first)'
                               % (rel, ln, noun, seen[noun]))
        else:
            seen[noun] = ln

    def nouns(self, rows):
        rel = 'data/event_nouns.tsv'
        seen = {}
        for ln, r in rows:
            noun = r['noun']
            self.unique_noun(rel, ln, noun, seen)
            self.target(rel, ln, r['target'], False)
            src = r['source'].split('|') if r['source'] else []
            if not src:
                self.errors.append('%s:%d: empty source' % (rel, ln))
            for s in src:
                if s not in SOURCES:
                    self.errors.append('%s:%d: bad source %r (poss, by, subj, adj)' % (rel, ln, s))
            self.codes(rel, ln, r)

    def modality(self, rows):
        rel = 'data/event_modality.tsv'
        seen, first_word = {}, {}
        for ln, r in rows:
            phrase, effect = r['phrase'], r['effect']
            if not PHRASE.match(phrase):
                self.errors.append('%s:%d: bad phrase %r' % (rel, ln, phrase))
            if effect not in EFFECTS:
                self.errors.append('%s:%d: bad effect %r (%s)' % (rel, ln, effect, ', '.join(sorted(EFFECTS))))
            if phrase in seen:
                self.errors.append('%s:%d: duplicate phrase %r (first at line %d)' % (rel, ln, phrase, seen[phrase]))
            seen.setdefault(phrase, ln)
            w = phrase.split(' ')[0]
            if w in first_word:
                fln, fphrase, feffect = first_word[w]
                if feffect != effect:
                    self.warnings.append('%s:%d: %r (%s) is shadowed by %r (%s, line %d) in a first-word lookup'
                                         % (rel, ln, phrase, effect, fphrase, feffect, fln))
            else:
                first_word[w] = (ln, phrase, effect)

    def antecedents(self, rows):
        rel = 'data/event_antecedents.tsv'
        seen = {}
        for ln, r in rows:
            noun = r['noun']
            self.unique_noun(rel, ln, noun, seen)
            roots = r['roots'].split('|') if r['roots'] else []
            if not roots:
                self.errors.append('%s:%d: empty roots' % (rel, ln))
            for code in roots:
                if code not in CAMEO_CODES:
                    self.errors.append('%s:%d: %r is not a CAMEO code' % (rel, ln, code))
            if r['holder'] not in ('', 'yes'):
                self.errors.append('%s:%d: holder is yes or empty, not %r' % (rel, ln, r['holder']))


def light_verbs():
    path = os.path.join(DATA_DIR, 'event_light_verbs.tsv')
    out = set()
    if os.path.exists(path):
        cols = None
        for line in open(path, encoding='utf-8'):
            line = line.rstrip('\n')
            if line.startswith('#') and cols is None:
                continue
            if cols is None:
                cols = line.split('\t')
                continue
            fields = line.split('\t')
            if 'verb' in cols and len(fields) == len(cols):
                out.add(fields[cols.index('verb')])
    return out


def main(argv):
    verbose = '--verbose' in argv or '-v' in argv
    ck = Checker()
    data = {name: ck.read(name) for name in FILES}
    if data['event_verbs.tsv'] is not None:
        ck.verbs(data['event_verbs.tsv'], light_verbs())
    if data['event_nouns.tsv'] is not None:
        ck.nouns(data['event_nouns.tsv'])
    if data['event_modality.tsv'] is not None:
        ck.modality(data['event_modality.tsv'])
    if data['event_antecedents.tsv'] is not None:
        ck.antecedents(data['event_antecedents.tsv'])

    for e in ck.errors:
        print(e)
    for w in ck.warnings:
        print('warning: ' + w)
    if verbose:
        for i in ck.infos:
            print('info: ' + i)

    verbs = [r for _, r in data['event_verbs.tsv'] or []]
    nouns = [r for _, r in data['event_nouns.tsv'] or []]
    mods = [r for _, r in data['event_modality.tsv'] or []]
    ants = data['event_antecedents.tsv'] or []
    print('\nrows: event_verbs.tsv %d, event_nouns.tsv %d, event_modality.tsv %d, event_antecedents.tsv %d'
          % (len(verbs), len(nouns), len(mods), len(ants)))
    print('\n%-4s %-34s %6s %6s %6s' % ('root', 'CAMEO category', 'verbs', 'nouns', 'total'))
    vr = collections.Counter(r['cameo'][:2] for r in verbs)
    nr = collections.Counter(r['cameo'][:2] for r in nouns)
    for root in sorted(ROOT_NAMES):
        print('%-4s %-34s %6d %6d %6d' % (root, ROOT_NAMES[root], vr[root], nr[root], vr[root] + nr[root]))
    print('\n%-12s %6s %6s %6s' % ('PLOVER', 'verbs', 'nouns', 'total'))
    vp = collections.Counter(r['plover'] for r in verbs)
    np_ = collections.Counter(r['plover'] for r in nouns)
    for t in PLOVER_TYPES + ['']:
        print('%-12s %6d %6d %6d' % (t or '(none)', vp[t], np_[t], vp[t] + np_[t]))
    print('\nmodality: ' + ', '.join('%s %d' % (k, v) for k, v in
                                     sorted(collections.Counter(r['effect'] for r in mods).items())))
    print('%d rows with a PLOVER type other than the root default%s' %
          (len(ck.infos), '' if verbose else ' (--verbose lists them)'))
    print('%d errors, %d warnings' % (len(ck.errors), len(ck.warnings)))
    return 1 if ck.errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
