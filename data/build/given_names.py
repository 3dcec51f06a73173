#!/usr/bin/env python3
"""Builds data/given_names.tsv: first names with gender, for telling a person from a place.

Needs: apt-get install python3-fake-factory   (Faker 0.9.x, MIT/Expat; only its data files are read)
Faker's person providers hold first-name lists per locale, split by gender (the 'en' lists come
from US Social Security and census name frequencies). This script parses those files without
importing Faker, transliterates the Cyrillic locales (Russian BGN-style, Ukrainian national
system, Bulgarian streamlined system), skips other non-Latin scripts, then applies
given_names_extra.tsv (curated romanised Arabic, Hebrew, Persian, Asian and African names),
whose gender wins over the derived one.
"""
import ast
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tsvlib import BUILD_DIR, DATA_DIR, read_tsv, write_tsv  # noqa: E402

FAKER_DIR = '/usr/lib/python3/dist-packages/faker/providers/person'
# Locales whose lists are in Latin script (or Cyrillic, transliterated below).
LATIN = {'cs_CZ': 'cs', 'de_CH': 'de', 'de_DE': 'de', 'dk_DK': 'da', 'en': 'en', 'en_GB': 'en',
         'en_NZ': 'en', 'en_US': 'en', 'es_ES': 'es', 'et_EE': 'et', 'fi_FI': 'fi', 'fr_CH': 'fr',
         'fr_FR': 'fr', 'hr_HR': 'hr', 'hu_HU': 'hu', 'id_ID': 'id', 'nl_NL': 'nl', 'no_NO': 'no',
         'pl_PL': 'pl', 'pt_BR': 'pt', 'ro_RO': 'ro', 'sl_SI': 'sl', 'sv_SE': 'sv', 'tr_TR': 'tr',
         'tw_GH': 'ak'}
CYRILLIC = {'ru_RU': 'ru', 'uk_UA': 'uk', 'bg_BG': 'bg'}

BASE = {'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'ё': 'yo', 'ж': 'zh', 'з': 'z',
        'и': 'i', 'й': 'y', 'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r',
        'с': 's', 'т': 't', 'у': 'u', 'ф': 'f', 'х': 'kh', 'ц': 'ts', 'ч': 'ch', 'ш': 'sh',
        'щ': 'shch', 'ъ': '', 'ы': 'y', 'ь': '', 'э': 'e', 'ю': 'yu', 'я': 'ya',
        'є': 'ye', 'і': 'i', 'ї': 'yi', 'ґ': 'g', "'": '', '’': ''}
PER_LANG = {'uk': {'г': 'h', 'и': 'y', 'х': 'kh'}, 'bg': {'щ': 'sht', 'ъ': 'a', 'ь': 'y'}, 'ru': {}}


def transliterate(word, lang):
    table = dict(BASE, **PER_LANG[lang])
    w = word.lower()
    if lang == 'ru':
        # News spellings: Dmitry, Yury, Sergei, Andrei (final -ий, -ей, -ый).
        if w.endswith('ий') or w.endswith('ый'):
            w = w[:-2] + '\x01'
        elif w.endswith('ей'):
            w = w[:-2] + '\x02'
        if w.startswith('е'):
            w = '\x03' + w[1:]
    out = ''.join(table.get(ch, {'\x01': 'y', '\x02': 'ei', '\x03': 'ye'}.get(ch, ch)) for ch in w)
    return out[:1].upper() + out[1:]


def literal_lists(path):
    """Returns {'first_names_male': [...], ...} from a Faker provider file, without importing it."""
    tree = ast.parse(open(path, encoding='utf-8').read())
    out = {}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            continue
        name = node.targets[0].id
        if name not in ('first_names_male', 'first_names_female'):
            continue
        value = node.value
        if isinstance(value, ast.Call) and value.args:  # OrderedDict(((name, weight), ...))
            value = value.args[0]
        try:
            v = ast.literal_eval(value)
        except ValueError:
            continue
        out[name] = [x[0] if isinstance(x, tuple) else x for x in v]
    return out


def main():
    genders = {}   # name -> {language: set of 'm'/'f'}
    origins = {}   # name -> list of origin tags
    weighted = {}  # en_US lists are frequency-weighted: they settle en names listed for both
    for loc_dir in sorted(glob.glob(os.path.join(FAKER_DIR, '*', '__init__.py'))):
        loc = os.path.basename(os.path.dirname(loc_dir))
        if loc not in LATIN and loc not in CYRILLIC:
            continue
        lists = literal_lists(loc_dir)
        for key, g in (('first_names_male', 'm'), ('first_names_female', 'f')):
            for raw in lists.get(key, []):
                raw = raw.strip()
                if not raw or not raw[0].isalpha():
                    continue
                if loc in CYRILLIC:
                    lang = CYRILLIC[loc]
                    name = transliterate(raw, lang)
                else:
                    lang = LATIN[loc]
                    name = raw
                genders.setdefault(name, {}).setdefault(lang, set()).add(g)
                origins.setdefault(name, [])
                if lang not in origins[name]:
                    origins[name].append(lang)
                if loc == 'en_US':
                    weighted.setdefault(name, set()).add(g)
    derived = {}
    for name, by_lang in genders.items():
        resolved = set()
        for lang, gs in by_lang.items():
            if len(gs) > 1 and lang == 'en' and len(weighted.get(name, ())) == 1:
                gs = weighted[name]
            resolved.add(next(iter(gs)) if len(gs) == 1 else 'u')
        # Male in one language and female in another (Jean, Andrea) is 'u'.
        derived[name] = resolved.pop() if len(resolved) == 1 else 'u'

    _, _, extra = read_tsv(os.path.join(BUILD_DIR, 'given_names_extra.tsv'))
    for e in extra:
        derived[e['name']] = e['gender']
        tags = origins.setdefault(e['name'], [])
        for t in e['origin'].split('|'):
            if t and t not in tags:
                tags.append(t)

    rows = [{'name': n, 'gender': g, 'origin': '|'.join(origins.get(n, []))}
            for n, g in sorted(derived.items())]
    header = [
        'Given (first) names with gender: m, f, or u (used for both / not shown by the romanised form).',
        'source: Faker 0.9 person providers as packaged in Debian python3-fake-factory (first-name lists per',
        '  locale; Cyrillic ones transliterated by data/build/given_names.py) and data/build/given_names_extra.tsv',
        '  (curated for sitrep: romanised Arabic, Hebrew, Persian, Russian/Ukrainian news spellings, Asian, African).',
        'licence: Faker data MIT (Expat), Copyright (c) 2012 Daniele Faraglia; curated parts CC0-1.0',
        'generated-by: data/build/given_names.py (do not edit; edit given_names_extra.tsv and rebuild)',
        'columns: origin = language tags of the lists the name came from (en, de, ar, he, ru, uk, zh, ...).',
        '  Many names are also words or surnames (Will, May, Jordan, Hope): use them as evidence, not proof.',
    ]
    n = write_tsv(os.path.join(DATA_DIR, 'given_names.tsv'), header, ['name', 'gender', 'origin'], rows)
    counts = {g: sum(1 for r in rows if r['gender'] == g) for g in 'mfu'}
    print('given_names.tsv: %d rows (m %d, f %d, u %d)' % (n, counts['m'], counts['f'], counts['u']))


if __name__ == '__main__':
    main()
