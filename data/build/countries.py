#!/usr/bin/env python3
"""Builds data/countries.tsv from Debian's iso-codes (ISO 3166-1) and countries_extra.tsv.

Needs: apt-get install iso-codes wordnet-base
The ISO list gives every code and its official names; the curated supplement gives the
names news actually uses, aliases, demonyms, capitals, regions and country-level places
that are not ISO countries (Gaza, the West Bank, Kosovo). WordNet pertainyms fill in
a demonym for any country the supplement leaves without one.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tsvlib import BUILD_DIR, DATA_DIR, ascii_fold, join_values, read_tsv, write_tsv  # noqa: E402

ISO_JSON = '/usr/share/iso-codes/json/iso_3166-1.json'
WORDNET = '/usr/share/wordnet'
COLUMNS = ['code', 'name', 'aliases', 'demonyms', 'capital', 'region', 'type', 'kind', 'epithets']


def wordnet_pertainyms():
    """Maps a proper noun ('Israel') to adjectives that pertain to it ('Israeli')."""
    noun_words = {}
    path = os.path.join(WORDNET, 'data.noun')
    if not os.path.exists(path):
        return {}
    with open(path, encoding='latin-1') as f:
        for line in f:
            if line.startswith('  '):
                continue
            parts = line.split(' ')
            n = int(parts[3], 16)
            noun_words[parts[0]] = [parts[4 + 2 * i].replace('_', ' ') for i in range(n)]
    result = {}
    with open(os.path.join(WORDNET, 'data.adj'), encoding='latin-1') as f:
        for line in f:
            if line.startswith('  '):
                continue
            parts = line.split('|')[0].split(' ')
            n = int(parts[3], 16)
            words = [parts[4 + 2 * i].replace('_', ' ') for i in range(n)]
            i = 4 + 2 * n
            pcnt = int(parts[i])
            for k in range(pcnt):
                sym, off, pos = parts[i + 1 + 4 * k], parts[i + 2 + 4 * k], parts[i + 3 + 4 * k]
                if sym == '\\' and pos == 'n':
                    for noun in noun_words.get(off, []):
                        for w in words:
                            if w[:1].isupper():
                                result.setdefault(noun, []).append(w)
    return result


def main():
    iso = json.load(open(ISO_JSON, encoding='utf-8'))['3166-1']
    _, _, extra = read_tsv(os.path.join(BUILD_DIR, 'countries_extra.tsv'))
    extra_by_code = {}
    for e in extra:
        extra_by_code.setdefault(e['code'], []).append(e)
    pert = wordnet_pertainyms()
    # A curated alias wins over an ISO name of another country ("Congo" is the DRC in news).
    claimed = {}
    for e in extra:
        for a in [e['name']] + e['aliases'].split('|'):
            if a:
                claimed[a] = e['code']

    rows, from_wordnet = [], []
    seen = set()
    for c in iso:
        code = c['alpha_3']
        ex = extra_by_code.get(code, [{}])[0]
        seen.add(id(ex))
        iso_names = [c.get('common_name', ''), c['name'], c.get('official_name', '')]
        name = ex.get('name') or c.get('common_name') or c['name']
        # Inverted ISO forms ("Korea, Republic of") never occur in running text.
        aliases = [a for a in ex.get('aliases', '').split('|') + iso_names if a and ',' not in a]
        aliases += [ascii_fold(a) for a in [name] + aliases]
        aliases = [a for a in aliases if a != name and claimed.get(a, code) == code]
        demonyms = [d for d in ex.get('demonyms', '').split('|') if d]
        if not demonyms:
            demonyms = pert.get(name, [])
            if demonyms:
                from_wordnet.append(code)
        rows.append({
            'code': code, 'name': name,
            'aliases': join_values(aliases),
            'demonyms': join_values(demonyms),
            'capital': ex.get('capital', ''), 'region': ex.get('region', ''),
            'type': ex.get('type') or 'GPE', 'kind': ex.get('kind') or 'country',
            'epithets': join_values(ex.get('epithets', '').split('|')),
        })
    iso_codes = {c['alpha_3'] for c in iso}
    for e in extra:
        if id(e) in seen:
            continue
        if e['code'] in iso_codes and e['kind'] != 'subnational':
            sys.exit('countries_extra.tsv: second non-subnational row for %s' % e['code'])
        aliases = [a for a in e['aliases'].split('|') if a]
        aliases += [ascii_fold(a) for a in [e['name']] + aliases]
        rows.append({
            'code': e['code'], 'name': e['name'],
            'aliases': join_values(a for a in aliases if a != e['name']),
            'demonyms': join_values(e['demonyms'].split('|')),
            'capital': e['capital'], 'region': e['region'], 'type': e['type'] or 'GPE',
            'kind': e['kind'], 'epithets': join_values(e['epithets'].split('|')),
        })
    header = [
        'Countries, territories and country-level places, keyed by name; code is ISO 3166-1 alpha-3,',
        'which is also the CAMEO country code (XKX = Kosovo, user-assigned; Gaza/West Bank code PSE).',
        'source: Debian package iso-codes (/usr/share/iso-codes/json/iso_3166-1.json) for codes and',
        '  official names; data/build/countries_extra.tsv (curated for sitrep) for common names, aliases,',
        '  demonyms, capitals, regions, epithets; WordNet 3.0 (Debian wordnet-base) pertainyms as fallback demonyms.',
        'licence: iso-codes data LGPL-2.1-or-later; WordNet 3.0 licence (permissive); curated parts CC0-1.0',
        'generated-by: data/build/countries.py (do not edit; edit countries_extra.tsv and rebuild)',
        'columns: type GPE|LOC; kind country|territory|subnational|other; aliases, demonyms and',
        '  epithets are |-separated; epithets are context nominals for coreference, not first mentions.',
    ]
    n = write_tsv(os.path.join(DATA_DIR, 'countries.tsv'), header, COLUMNS, rows)
    print('countries.tsv: %d rows (%d demonym sets from WordNet: %s)' % (n, len(from_wordnet), ' '.join(from_wordnet)))


if __name__ == '__main__':
    main()
