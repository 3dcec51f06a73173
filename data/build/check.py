#!/usr/bin/env python3
"""Validates every lexicon TSV under data/ (and the curated inputs in data/build/).

Checks: UTF-8; leading '# ' comment lines that include '# source:' and '# licence:'
(and '# generated-by:' for generated files); one column-name row; the same number of
fields on every line; no blank lines, no stray whitespace, no empty '|' values; keys
unique; codes well-formed; country codes known; attribution_cues.tsv's categories, kinds, takes and forms,
and that it covers every cue of speech_cues.tsv. Reports file:line for each error and
exits 1 if any. Usage: python3 data/build/check.py [FILE...]
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tsvlib import BUILD_DIR, DATA_DIR, read_tsv  # noqa: E402

# Key columns per file (a key is the tuple of these fields, compared case-sensitively).
KEYS = {
    'countries.tsv': ('name',),
    'countries_extra.tsv': ('code', 'name'),
    'places.tsv': ('name', 'country'),
    'places_extra.tsv': ('name', 'country'),
    'organizations.tsv': ('name',),
    'titles.tsv': ('phrase',),
    'people.tsv': ('name',),
    'given_names.tsv': ('name',),
    'given_names_extra.tsv': ('name',),
    'world_names.tsv': ('name', 'kind'),
    'pos_lexicon.tsv': ('word', 'tag'),
    'pos_lexicon_wordnet.tsv': ('word', 'tag'),
    'pos_lexicon_events.tsv': ('word', 'tag'),
    'pos_trigrams.tsv': ('t1', 't2', 't3'),
    'pos_suffixes.tsv': ('class', 'suffix', 'tag'),
    'lemma_exceptions.tsv': ('form', 'pos', 'lemma'),
    'morphy_rules.tsv': ('pos', 'suffix', 'ending'),
    'event_verbs.tsv': ('lemma', 'particle', 'object'),
    'name_cues.tsv': ('word', 'class'),
    'phoenix_actors.tsv': ('name', 'file'),
    'attribution_cues.tsv': ('cue', 'category'),
    'tone_lexicon.tsv': ('word',),
    'tone_modifiers.tsv': ('word',),
}
# Columns whose allowed values differ in one file (pronouns agree in gender m, f,
# n (non-person), a (any) or p (a person of either gender)).
FILE_ENUMS = {
    ('pronouns.tsv', 'gender'): {'m', 'f', 'n', 'a', 'p'},
    ('attribution_cues.tsv', 'category'): {'verb', 'noun', 'phrase', 'adverb', 'passive'},
    ('attribution_cues.tsv', 'kind'): {'assertion', 'belief', 'intention', 'knowledge', 'denial'},
}
# What an attribution cue takes (attribution_cues.tsv, column takes; its header says what each means).
ATTRIBUTION_TAKES = {'quote', 'that', 'to', 'object_to', 'object', 'gerund', 'of', 'listener', 'paren',
                     'source_after', 'possessor', 'subject_to', 'it_that', 'sentence'}
# How the frames of speech_cues.tsv read as attribution_cues.tsv's takes.
SPEECH_FRAME_TAKES = {'quote': 'quote', 'that': 'that', 'clause': 'that', 'object': 'listener', 'of': 'of',
                      'paren': 'paren', 'gerund': 'gerund', 'accusation': 'of', 'predicative': 'quote'}
REQUIRED_COLUMNS = {
    'countries.tsv': ['code', 'name', 'aliases', 'demonyms', 'capital', 'region', 'type'],
    'places.tsv': ['name', 'aliases', 'type', 'country', 'population'],
    'organizations.tsv': ['name', 'aliases', 'type', 'actor_code', 'country', 'kind'],
    'titles.tsv': ['phrase', 'kind', 'abbreviations', 'sector', 'gender'],
    'people.tsv': ['name', 'aliases', 'gender', 'country', 'role', 'actor_code'],
    'given_names.tsv': ['name', 'gender'],
    'attribution_cues.tsv': ['cue', 'category', 'kind', 'takes', 'forms'],
    'world_names.tsv': ['name', 'kind', 'gender', 'countries'],
}
# Files whose names and aliases must each point at one row (a surname shared by two people
# must be left off one of them), and files whose keys are matched ignoring case.
UNIQUE_ALIASES = {'people.tsv', 'organizations.tsv', 'countries.tsv'}
CASE_FOLD_KEYS = {'titles.tsv'}
GENERATED = {'countries.tsv', 'places.tsv', 'given_names.tsv', 'world_names.tsv', 'phoenix_actors.tsv', 'phoenix_agents.tsv',
             'tone_lexicon.tsv', 'tone_modifiers.tsv'}
ENUMS = {
    # The schema's entity types, plus MEANTIME's PRODUCT, FINANCIAL and MIXED.
    'type': {'PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT', 'PRODUCT', 'FINANCIAL', 'MIXED'},
    'gender': {'m', 'f', 'u', ''},
}
MULTI = {'aliases', 'demonyms', 'epithets', 'abbreviations', 'origin', 'codes', 'takes', 'forms'}
# The Phoenix lexicons (data/build/phoenix.py): PETRARCH actor codes with optional
# date ranges, and agent codes placed after or before the actor's.
PHOENIX_CODE = re.compile(r'(---|[A-Z0-9]{3,})( (\d{4}-\d{2}-\d{2}\.\.(\d{4}-\d{2}-\d{2})?|\.\.\d{4}-\d{2}-\d{2}))?')
PHOENIX_FILES = {'countries', 'international', 'nonstate'}
CAMEO_REGIONS = {'AFR', 'ASA', 'BLK', 'CRB', 'CAU', 'CFR', 'CAS', 'CEU', 'EIN', 'EAF', 'EEU', 'EUR',
                 'LAM', 'MEA', 'MDT', 'NAF', 'NMR', 'PGS', 'SCN', 'SAM', 'SAS', 'SEA', 'SAF', 'WAF', 'WST'}


def load_country_codes(errors):
    path = os.path.join(DATA_DIR, 'countries.tsv')
    codes = set()
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8', errors='replace') as f:
        cols = None
        for line in f:
            if line.startswith('#') and cols is None:
                continue
            fields = line.rstrip('\n').split('\t')
            if cols is None:
                cols = fields
                continue
            if 'code' in cols and len(fields) == len(cols):
                codes.add(fields[cols.index('code')])
    return codes


def check_file(path, country_codes, errors):
    base = os.path.basename(path)
    rel = os.path.relpath(path, os.path.dirname(DATA_DIR))

    def err(line_no, msg):
        errors.append('%s:%d: %s' % (rel, line_no, msg))

    raw = open(path, 'rb').read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        err(raw[:e.start].count(b'\n') + 1, 'not UTF-8')
        return 0
    if text.startswith('\ufeff'):
        err(1, 'byte-order mark')
    if '\r' in text:
        err(text[:text.index('\r')].count('\n') + 1, 'carriage return (use LF line ends)')
    if not text.endswith('\n'):
        err(text.count('\n') + 1, 'no newline at end of file')
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    comments, i = [], 0
    while i < len(lines) and lines[i].startswith('#'):
        if not (lines[i].startswith('# ') or lines[i] == '#'):
            err(i + 1, "header comment must start with '# '")
        comments.append(lines[i])
        i += 1
    if not any(c.startswith('# source:') for c in comments):
        err(1, "header lacks '# source: ...'")
    if not any(c.startswith('# licence:') for c in comments):
        err(1, "header lacks '# licence: ...'")
    if base in GENERATED and os.path.dirname(path) == DATA_DIR and \
            not any(c.startswith('# generated-by:') for c in comments):
        err(1, "generated file lacks '# generated-by: ...'")
    if i >= len(lines):
        err(i + 1, 'no column-name row')
        return 0
    columns = lines[i].split('\t')
    col_line = i + 1
    if len(set(columns)) != len(columns) or any(not c or c != c.strip() for c in columns):
        err(col_line, 'column names empty, padded or repeated: %r' % columns)
    for c in REQUIRED_COLUMNS.get(base, []):
        if c not in columns:
            err(col_line, 'missing column %r' % c)
    key_cols = KEYS.get(base, (columns[0],))
    key_idx = [columns.index(k) for k in key_cols if k in columns]
    seen = {}
    alias_seen = {}
    attribution_forms = {}
    rows = 0
    for n in range(i + 1, len(lines)):
        line, ln = lines[n], n + 1
        if line.strip() == '':
            err(ln, 'blank line inside body')
            continue
        if line.startswith('#'):
            err(ln, 'comment line inside body')
            continue
        fields = line.split('\t')
        if len(fields) != len(columns):
            err(ln, '%d fields, expected %d' % (len(fields), len(columns)))
            continue
        rows += 1
        row = dict(zip(columns, fields))
        for c, v in row.items():
            if v != v.strip() or '  ' in v:
                err(ln, 'stray whitespace in %s: %r' % (c, v))
            if c in MULTI and v and any(p.strip() == '' for p in v.split('|')):
                err(ln, 'empty |-value in %s: %r' % (c, v))
            allowed = FILE_ENUMS.get((base, c), ENUMS.get(c))
            if allowed is not None and v not in allowed:
                err(ln, 'bad %s %r' % (c, v))
        key = tuple(fields[k] for k in key_idx)
        if base in CASE_FOLD_KEYS:
            key = tuple(k.lower() for k in key)
        if base in UNIQUE_ALIASES:
            names = [row[key_cols[0]]] + [a for c in ('name', 'aliases', 'demonyms') if c in row
                                         for a in row[c].split('|') if a]
            for a in dict.fromkeys(names):
                if a in alias_seen and alias_seen[a][0] != row[key_cols[0]]:
                    err(ln, 'name/alias %r also names %r (line %d)' % (a, alias_seen[a][0], alias_seen[a][1]))
                else:
                    alias_seen[a] = (row[key_cols[0]], ln)
        if not key or not key[0]:
            err(ln, 'empty key column %s' % key_cols[0])
        elif key in seen:
            err(ln, 'duplicate key %r (first at line %d)' % (key, seen[key]))
        else:
            seen[key] = ln
        if 'actor_code' in row and row['actor_code'] and not re.fullmatch(r'[A-Z]{3}[A-Z0-9]{0,9}', row['actor_code']):
            err(ln, 'malformed actor_code %r' % row['actor_code'])
        if base == 'countries.tsv' and not re.fullmatch(r'[A-Z]{3}', row['code']):
            err(ln, 'malformed code %r' % row['code'])
        if base == 'phoenix_actors.tsv':
            for c in row['codes'].split('|'):
                if not PHOENIX_CODE.fullmatch(c):
                    err(ln, 'malformed code %r (CODE or CODE FROM..TO, ISO dates)' % c)
            if not row['codes']:
                err(ln, 'no codes')
            if row['file'] not in PHOENIX_FILES:
                err(ln, 'bad file %r' % row['file'])
        if base == 'phoenix_agents.tsv':
            if not re.fullmatch(r'[A-Z0-9]{3,}', row['code']):
                err(ln, 'malformed agent code %r' % row['code'])
            if row['placement'] not in ('after', 'before'):
                err(ln, 'bad placement %r' % row['placement'])
        if base.startswith('phoenix_'):
            for c in ('name', 'aliases', 'phrase', 'plural'):
                if c in row and row[c] != row[c].upper():
                    err(ln, '%s not upper case: %r' % (c, row[c]))
            if not row['line'].isdigit():
                err(ln, 'line not a number: %r' % row['line'])
        if base == 'attribution_cues.tsv':
            check_attribution_cue(row, err, ln, attribution_forms)
        if 'population' in row and row['population'] and not row['population'].isdigit():
            err(ln, 'population not a number: %r' % row['population'])
        if country_codes and 'country' in row and row['country'] and base != 'countries_extra.tsv':
            for cc in row['country'].split('|'):
                if cc not in country_codes and cc not in CAMEO_REGIONS:
                    err(ln, 'unknown country code %r' % cc)
    if rows == 0:
        err(col_line, 'no entries')
    return rows


def check_attribution_cue(row, err, ln, forms_seen):
    """attribution_cues.tsv: known takes; forms lower case, the cue's own form among them (phrases with
    the source slot x and "be" phrases excepted), and no form in two rows of one category."""
    for t in row['takes'].split('|'):
        if t not in ATTRIBUTION_TAKES:
            err(ln, 'unknown takes %r' % t)
    forms = row['forms'].split('|')
    if any(f != f.lower() for f in forms):
        err(ln, 'forms not lower case: %r' % row['forms'])
    if "x's" not in row['cue'] and ' x ' not in row['cue'] and not row['cue'].startswith('be ') \
            and row['cue'] not in forms:
        err(ln, 'the cue %r is not among its forms' % row['cue'])
    for f in forms:
        other = forms_seen.get((row['category'], f))
        if other and other[0] != row['cue']:
            err(ln, 'form %r is also a form of %r (line %d)' % (f, other[0], other[1]))
        forms_seen[(row['category'], f)] = (row['cue'], ln)


def check_speech_cues_covered(errors):
    """Every cue of speech_cues.tsv is a row of attribution_cues.tsv with the same category, at least
    its forms, and takes that cover its frames: the two files must not contradict each other."""
    rel = 'data/attribution_cues.tsv'
    try:
        _, _, speech = read_tsv(os.path.join(DATA_DIR, 'speech_cues.tsv'))
        _, _, attribution = read_tsv(os.path.join(DATA_DIR, 'attribution_cues.tsv'))
    except (OSError, ValueError) as e:
        errors.append('%s: cannot compare with speech_cues.tsv: %s' % (rel, e))
        return
    rows = {(r['cue'], r['category']): r for r in attribution}
    for r in speech:
        a = rows.get((r['cue'], r['class']))
        if a is None:
            errors.append('%s: speech_cues.tsv cue %r (%s) has no row' % (rel, r['cue'], r['class']))
            continue
        missing = set(r['forms'].split('|')) - set(a['forms'].split('|'))
        if missing:
            errors.append('%s: %r lacks forms %s of speech_cues.tsv' % (rel, r['cue'], sorted(missing)))
        takes = set(a['takes'].split('|'))
        for frame in r['frames'].split('|'):
            if SPEECH_FRAME_TAKES.get(frame) not in takes:
                errors.append('%s: %r does not take %r (speech_cues.tsv frame %r)'
                              % (rel, r['cue'], SPEECH_FRAME_TAKES.get(frame), frame))


def main(argv):
    paths = argv[1:] or sorted(glob.glob(os.path.join(DATA_DIR, '*.tsv')) +
                               glob.glob(os.path.join(BUILD_DIR, '*.tsv')))
    errors = []
    codes = load_country_codes(errors)
    total = {}
    for p in paths:
        total[p] = check_file(p, codes, errors)
    if any(os.path.basename(p) in ('attribution_cues.tsv', 'speech_cues.tsv') for p in paths):
        check_speech_cues_covered(errors)
    for e in errors:
        print(e)
    for p, n in total.items():
        print('%-40s %7d rows' % (os.path.relpath(p, os.path.dirname(DATA_DIR)), n), file=sys.stderr)
    print('%d files, %d errors' % (len(paths), len(errors)), file=sys.stderr)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
