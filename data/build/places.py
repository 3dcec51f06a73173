#!/usr/bin/env python3
"""Builds data/places.tsv: cities and first-level regions, plus curated regions and landmarks.

Needs: apt-get install libgeonames0 iso-codes wordnet-base
libgeonames0 compiles the GeoNames 'cities15000' extract (every populated place of 15,000
people or more, with its first-level division and population) into the library itself; it
ships no text data file, so this script reads it through the library's C API with ctypes.
Regions, seas, rivers, disputed areas, facilities and news spellings of cities come from
places_extra.tsv, which also renames a generated city to its news spelling (Kiev -> Kyiv).
"""
import ctypes
import ctypes.util
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tsvlib import BUILD_DIR, DATA_DIR, ascii_fold, join_values, read_tsv, write_tsv  # noqa: E402

ISO_JSON = '/usr/share/iso-codes/json/iso_3166-1.json'
WORDNET = '/usr/share/wordnet'
COLUMNS = ['name', 'aliases', 'type', 'country', 'population', 'kind', 'common_word']
# Division names carry a generic suffix or prefix that news usually drops ("Sindh Province").
DIVISION_AFFIX = re.compile(r'^(State of |Province of |Free State of )|'
                            r' (Province|Governorate|Region|Municipality|Oblast|Oblast\'|Krai|State|Prefecture|'
                            r'Voivodeship|District|Department|County|Autonomous Region|Territory)$')


def load_geonames():
    """Yields (name, state, alpha2, population) for every city compiled into libgeonames."""
    path = ctypes.util.find_library('geonames') or 'libgeonames.so.0'
    lib = ctypes.CDLL(path)
    lib.geonames_get_n_cities.restype = ctypes.c_int
    lib.geonames_get_city.restype = ctypes.c_void_p
    lib.geonames_get_city.argtypes = [ctypes.c_int]
    for f in ('name', 'state', 'country_code'):
        fn = getattr(lib, 'geonames_city_get_' + f)
        fn.restype = ctypes.c_char_p
        fn.argtypes = [ctypes.c_void_p]
    lib.geonames_city_get_population.restype = ctypes.c_uint
    lib.geonames_city_get_population.argtypes = [ctypes.c_void_p]
    lib.geonames_city_free.argtypes = [ctypes.c_void_p]
    for i in range(lib.geonames_get_n_cities()):
        c = lib.geonames_get_city(i)
        if not c:
            continue
        try:
            yield (lib.geonames_city_get_name(c).decode('utf-8'),
                   (lib.geonames_city_get_state(c) or b'').decode('utf-8'),
                   (lib.geonames_city_get_country_code(c) or b'').decode('utf-8'),
                   lib.geonames_city_get_population(c))
        finally:
            lib.geonames_city_free(c)


def common_words():
    """Lower-case words in real use: a WordNet lemma with at least one sense tagged in the
    SemCor counts (cntlist.rev) outside the location and person lexicographer files. A place
    named like one ('Reading', 'Mobile', 'Nice', 'Of') needs care at a sentence start."""
    lower = set()
    for pos in ('noun', 'verb', 'adj', 'adv'):
        with open(os.path.join(WORDNET, 'data.' + pos), encoding='latin-1') as f:
            for line in f:
                if line.startswith('  '):
                    continue
                parts = line.split(' ')
                for k in range(int(parts[3], 16)):
                    w = re.sub(r'\(.*\)$', '', parts[4 + 2 * k])
                    if w[:1].islower():
                        lower.add(w.replace('_', ' '))
    used = set()
    with open(os.path.join(WORDNET, 'cntlist.rev'), encoding='latin-1') as f:
        for line in f:
            key, _num, count = line.split()
            lemma, rest = key.split('%', 1)
            lexfile = rest.split(':')[1]
            if int(count) > 0 and not (rest.startswith('1:') and lexfile in ('15', '18')):
                used.add(lemma.replace('_', ' '))
    words = lower & used
    # Function words are not in WordNet but are the worst collisions.
    words.update('of the a an and or but if in on at to by for with as is it he she we they be so no do'.split())
    return words


COMPASS = re.compile(r'^(?:(?:far |upper |lower )?(?:north|south|east|west|central|centre|center|northern|southern|'
                     r'eastern|western|middle|mid|north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west|'
                     r'northeast|northwest|southeast|southwest)(?:ern)?(?: central)?|capital|coast|islands?|'
                     r'highlands?|lakes?|plateau|interior|littoral|border|valley|metropolitan)$')


def generic(name, lower_words):
    n = name.lower()
    return bool(COMPASS.match(n)) or n in lower_words


def main():
    iso = json.load(open(ISO_JSON, encoding='utf-8'))['3166-1']
    a2to3 = {c['alpha_2']: c['alpha_3'] for c in iso}
    a2to3['XK'] = 'XKX'
    _, _, countries = read_tsv(os.path.join(DATA_DIR, 'countries.tsv'))
    country_names = set()
    capitals = set()
    for c in countries:
        country_names.add(c['name'])
        country_names.update(a for a in c['aliases'].split('|') if a)
        if c['capital'] and c['kind'] in ('country', 'territory'):
            capitals.add((c['capital'], c['code']))
    lower_words = common_words()

    cities = {}  # (name, code) -> row; the most populous place of a name wins within a country
    states = {}
    for name, state, a2, pop in load_geonames():
        code = a2to3.get(a2)
        if not code or not name:
            continue
        key = (name, code)
        if key not in cities or pop > int(cities[key]['population'] or 0):
            cities[key] = {'name': name, 'aliases': [ascii_fold(name)], 'type': 'GPE', 'country': code,
                           'population': str(pop) if pop else '', 'kind': 'city'}
        if state:
            states.setdefault((state, code), 0)
            states[(state, code)] += pop

    _, _, extra = read_tsv(os.path.join(BUILD_DIR, 'places_extra.tsv'))
    # Names the curated file gives, per country code ('' for multinational areas), so a
    # generated division of the same name ("Red Sea" state in Sudan) gives way to it.
    extra_names = {}
    for e in extra:
        codes = [c for c in e['country'].split('|') if c in set(a2to3.values())] or ['']
        for cc in codes:
            s = extra_names.setdefault(cc, set())
            s.add(e['name'])
            s.update(a for a in e['aliases'].split('|') if a)

    city_names_by_country = {}
    for (n, code) in cities:
        city_names_by_country.setdefault(code, set()).add(n)

    rows = dict(cities)
    for (state, code), _pop in states.items():
        short = DIVISION_AFFIX.sub('', state).strip()
        # "Southern", "Islands", "Centre": a division named by a common word or a compass point
        # would fire on ordinary text; keep it only under its full, suffixed name.
        if generic(short, lower_words):
            if generic(state, lower_words) or state == short:
                continue
            short = state
        if state in country_names or short in country_names:
            continue
        curated = extra_names.get(code, set()) | extra_names.get('', set())
        if state in curated or short in curated:
            continue  # the curated row describes it better
        if state in city_names_by_country.get(code, ()):
            continue  # "Kharkiv" the division vs the city: the city is what a bare name means
        name = short if short and short not in city_names_by_country.get(code, ()) else state
        key = (name, code)
        if key in rows:
            continue
        rows[key] = {'name': name, 'aliases': [state, ascii_fold(state), ascii_fold(name)], 'type': 'GPE',
                     'country': code, 'population': '', 'kind': 'admin1'}

    # Curated rows: merge into a generated row of the same country found by name or alias.
    by_country_name = {}
    for key, r in rows.items():
        by_country_name.setdefault((r['name'], r['country']), key)
    for e in extra:
        names = [e['name']] + [a for a in e['aliases'].split('|') if a]
        # The most populous generated place of this country under any of the names.
        found = [(n, cc) for cc in e['country'].split('|') for n in names if (n, cc) in rows]
        target = max(found, key=lambda k: int(rows[k]['population'] or 0), default=None)
        if target and rows[target]['kind'] in ('city', 'admin1') and '|' not in e['country']:
            r = rows.pop(target)
            r['aliases'] = [r['name']] + r['aliases'] + names[1:] + [ascii_fold(n) for n in names]
            r['name'] = e['name']
            r['type'] = e['type'] or r['type']
            r['kind'] = e['kind'] or r['kind']
            if e['population']:
                r['population'] = e['population']
            clash = rows.pop((e['name'], r['country']), None)
            if clash and clash['kind'] not in ('admin1', 'city'):
                sys.exit('places_extra.tsv: %r renames onto a curated row' % e['name'])
            rows[(e['name'], r['country'])] = r
        else:
            key = (e['name'], e['country'])
            if key in rows:
                sys.exit('places_extra.tsv: %r collides with a generated row' % (key,))
            rows[key] = {'name': e['name'], 'aliases': names[1:] + [ascii_fold(n) for n in names],
                         'type': e['type'], 'country': e['country'], 'population': e['population'],
                         'kind': e['kind']}

    out = []
    for r in rows.values():
        if r['kind'] == 'city' and (r['name'], r['country']) in capitals:
            r['kind'] = 'capital'
        r['aliases'] = join_values(a for a in r['aliases'] if a != r['name'])
        r['common_word'] = 'y' if r['name'].lower() in lower_words and r['kind'] in ('city', 'capital', 'admin1') else ''
        out.append(r)
    out.sort(key=lambda r: (r['name'], r['country']))
    header = [
        'Cities, first-level divisions, regions, seas, rivers, mountains and landmarks; key = name + country.',
        'source: GeoNames cities15000 extract as compiled into Debian package libgeonames0 (read via its C API),',
        '  data/build/places_extra.tsv (curated for sitrep), WordNet 3.0 (Debian wordnet-base) for common_word.',
        'licence: GeoNames data CC-BY-4.0 (attribution: GeoNames, geonames.org); curated parts CC0-1.0;',
        '  WordNet 3.0 licence (permissive)',
        'generated-by: data/build/places.py (do not edit; edit places_extra.tsv and rebuild)',
        'columns: type GPE|LOC|FAC|EVENT; country ISO alpha-3, several |-joined, or a CAMEO region code',
        '  (MEA, AFR, EUR, ...) for multinational areas; population empty when unknown; kind city|capital|',
        '  admin1|region|sea|river|...; common_word y = the name is also a lower-case English word ("Reading",',
        '  "Mobile"), so match it only when capitalised mid-sentence. A bare name shared by several rows',
        '  most likely means the most populous one, and a country in countries.tsv beats any row here.',
    ]
    n = write_tsv(os.path.join(DATA_DIR, 'places.tsv'), header, COLUMNS, out)
    print('places.tsv: %d rows (%d cities, %d divisions, %d curated rows)' % (
        n, sum(r['kind'] in ('city', 'capital') for r in out), sum(r['kind'] == 'admin1' for r in out), len(extra)))


if __name__ == '__main__':
    main()
