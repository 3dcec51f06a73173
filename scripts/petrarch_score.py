#!/usr/bin/env python3
"""Scores sitrep's events on the PETRARCH2 unit-test sentences (tests/data/petrarch).

usage: scripts/petrarch_score.py GOLD.jsonl SYSTEM.jsonl [-v] [--json]
  build/sitrep extract --input jsonl --lexicon tests/data/petrarch/actors.tsv \\
      tests/data/petrarch/records.jsonl > /tmp/p.jsonl
  python3 scripts/petrarch_score.py tests/data/petrarch/gold.jsonl /tmp/p.jsonl

GOLD is the output of scripts/petrarch_devset.py; SYSTEM holds sitrep records
(`sitrep extract`, JSON Lines), matched to gold lines by id.

A system event is (root, source, target): root is the first two digits of its
`cameo`; source and target are the actor codes of the entities it points at
(an entity without a code is an actor of no known country, like PETRARCH's
"---GOV"). Negated events (`"negated": true`, the engine saying it did not
happen) are left out.

Actors match at PETRARCH's country/IGO level, the first three letters of the
code:
- a missing actor (null; PETRARCH's "---") matches a missing one only;
- "---XXX" (a sector without a country), "###" (TABARI's discard code) and a
  system entity without a code, or with a code that starts with a sector
  (GOV, MIL, REB ... as sitrep writes a sector alone), are all "present, no
  country" and match each other;
- a quoted gold text ("THE MINISTRY OF MAGIC", an actor PETRARCH's dictionary
  lacks, coded by its words) matches a system entity whose name's words are a
  run of the text's words or the other way round (case ignored);
- three countries that the validation dictionary spells with non-ISO codes
  are compared by their ISO codes (KUW = KWT Kuwait, NZE = NZL New Zealand,
  ZBW = ZWE Zimbabwe), since sitrep and CAMEO use ISO 3166 alpha-3.

Matching is one-to-one per sentence and optimal: a maximum bipartite matching
(augmenting paths) between the gold events and the system events that agree on
what is compared (the root alone, or root, source and target), so no pairing
order can change a figure. Reported:
  (1) root: precision, recall, F of events matched on the root alone;
  (2) root+source+target: the same, matched on all three;
  (3) false positives on sentences that expect no events (noevents records,
      PETRARCH's discards, and records without a coding);
  (4) both figures per category (the records' `category`);
  and the same two figures on the sentences whose gold codes all have CAMEO
  roots (the validation verb dictionary's private codes 212, 223, 345, 802,
  90x, 91x left out with their sentences). Lines with `skip` set are left out.
With -v, each sentence where a system or gold event is unmatched at (2) is
listed with both sides. With --json, the figures are printed as one JSON object.
"""
import json
import re
import sys

# A code that starts with one of these has no country: sitrep writes a sector
# alone when it finds none. IGO, NGO, IMG and MNC stand at the country level in
# CAMEO codes and are not here.
SECTORS = {'GOV', 'MIL', 'SPY', 'COP', 'REB', 'INS', 'OPP', 'PTY', 'LEG', 'JUD', 'MED', 'BUS', 'HLH', 'REF',
           'CVL', 'CRM', 'EDU', 'ENV', 'REL', 'ELI', 'LAB', 'AGR', 'UAF', 'DEV', 'HRI', 'MOD', 'RAD', 'SEP',
           'PPL', 'ELE'}
# Non-ISO country codes of PETRARCH's validation dictionary, by the ISO code.
EQUIVALENT = {'KUW': 'KWT', 'NZE': 'NZL', 'ZBW': 'ZWE'}
NO_COUNTRY = ('---',)


def words(s):
    return re.findall(r"[A-Z0-9]+(?:['.-][A-Z0-9]+)*", s.upper())


def gold_actor(code):
    """None (missing), ('---',) (present, no country), ('text', words) or ('code', XXX)."""
    if code is None:
        return None
    if code.startswith('"'):
        return ('text', tuple(words(code.strip('"'))))
    if code.startswith('---') or code == '###':
        return NO_COUNTRY
    c = code[:3]
    return ('code', EQUIVALENT.get(c, c))


def system_actor(entity):
    """entity: the record's entity dict, or None for a missing actor."""
    if entity is None:
        return None
    code = entity.get('actor_code') or ''
    name = tuple(words(entity.get('name') or ''))
    if not code or code[:3] in SECTORS:
        return ('none', name)
    return ('code', EQUIVALENT.get(code[:3], code[:3]), name)


def run_in(a, b):
    """Whether word tuple a occurs as a contiguous run in b."""
    return 0 < len(a) <= len(b) and any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))


def actors_match(g, s):
    if g is None or s is None:
        return g is None and s is None
    if g[0] == 'text':
        return run_in(s[-1], g[1]) or run_in(g[1], s[-1])
    if g == NO_COUNTRY:
        return s[0] == 'none'
    return s[0] == 'code' and s[1] == g[1]


def max_matching(n_gold, n_sys, compatible):
    """Size and pairs of a maximum one-to-one matching; compatible(i, j) -> bool."""
    match_of_sys = [-1] * n_sys

    def augment(i, seen):
        for j in range(n_sys):
            if j in seen or not compatible(i, j):
                continue
            seen.add(j)
            if match_of_sys[j] < 0 or augment(match_of_sys[j], seen):
                match_of_sys[j] = i
                return True
        return False

    size = sum(augment(i, set()) for i in range(n_gold))
    return size, [(match_of_sys[j], j) for j in range(n_sys) if match_of_sys[j] >= 0]


def load_jsonl(path):
    out = []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except ValueError as e:
                    raise SystemExit('%s:%d: %s' % (path, n, e))
    return out


def system_events(record):
    """[(root, source actor, target actor, cameo)] of a sitrep record, and how many negated ones were left out."""
    entities = {e['id']: e for e in record.get('entities', [])}
    out, negated = [], 0
    for e in record.get('events', []):
        if e.get('negated'):
            negated += 1
            continue
        cameo = e.get('cameo') or ''
        src, tgt = entities.get(e.get('source')), entities.get(e.get('target'))
        out.append((cameo[:2], system_actor(src), system_actor(tgt), cameo,
                    (src or {}).get('actor_code') or (src or {}).get('name'),
                    (tgt or {}).get('actor_code') or (tgt or {}).get('name')))
    return out, negated


class Tally:
    def __init__(self):
        self.gold = self.system = self.root = self.full = 0

    def add(self, gold, system, root, full):
        self.gold += gold
        self.system += system
        self.root += root
        self.full += full

    @staticmethod
    def prf(hit, system, gold):
        p = hit / system if system else 0.0
        r = hit / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def figures(self):
        return {'gold': self.gold, 'system': self.system,
                'root': dict(zip('prf', self.prf(self.root, self.system, self.gold)), matched=self.root),
                'full': dict(zip('prf', self.prf(self.full, self.system, self.gold)), matched=self.full)}


def score(gold_lines, records):
    by_id = {r.get('id'): r for r in records}
    total, cameo_only = Tally(), Tally()
    per_category = {}
    empty = {'sentences': 0, 'with_fp': 0, 'fp': 0}
    empty_kinds = {}
    details, missing, negated_total, skipped = [], [], 0, []
    for g in gold_lines:
        if g.get('skip'):
            skipped.append(g['id'])
            continue
        rec = by_id.get(g['id'])
        if rec is None:
            missing.append(g['id'])
            rec = {}
        sys_ev, negated = system_events(rec)
        negated_total += negated
        gold_ev = [(e['root'], gold_actor(e['source']), gold_actor(e['target'])) for e in g['events']]
        n_root, _ = max_matching(len(gold_ev), len(sys_ev), lambda i, j: gold_ev[i][0] == sys_ev[j][0])

        def full_ok(i, j):
            return (gold_ev[i][0] == sys_ev[j][0] and actors_match(gold_ev[i][1], sys_ev[j][1]) and
                    actors_match(gold_ev[i][2], sys_ev[j][2]))
        n_full, pairs = max_matching(len(gold_ev), len(sys_ev), full_ok)
        total.add(len(gold_ev), len(sys_ev), n_root, n_full)
        if all(e['cameo_root'] for e in g['events']):
            cameo_only.add(len(gold_ev), len(sys_ev), n_root, n_full)
        per_category.setdefault(g.get('category') or '?', Tally()).add(len(gold_ev), len(sys_ev), n_root, n_full)
        if not g['events']:
            kind = 'discard' if g.get('error') else 'noevents' if g.get('noevents') else 'no coding'
            k = empty_kinds.setdefault(kind, {'sentences': 0, 'with_fp': 0, 'fp': 0})
            for t in (empty, k):
                t['sentences'] += 1
                t['fp'] += len(sys_ev)
                t['with_fp'] += bool(sys_ev)
        if n_full < max(len(gold_ev), len(sys_ev)):
            matched_g = {i for i, _ in pairs}
            matched_s = {j for _, j in pairs}
            details.append({
                'id': g['id'], 'category': g.get('category'), 'text': g['text'],
                'missed': ['%s %s>%s' % (e['cameo'], e['source'] or '-', e['target'] or '-')
                           for i, e in enumerate(g['events']) if i not in matched_g],
                'spurious': ['%s %s>%s' % (e[3] or '?', e[4] or '-', e[5] or '-')
                             for j, e in enumerate(sys_ev) if j not in matched_s]})
    return {'all': total.figures(), 'cameo_roots_only': cameo_only.figures(),
            'no_event_sentences': dict(empty, by_kind=empty_kinds),
            'categories': {c: t.figures() for c, t in sorted(per_category.items())},
            'negated_left_out': negated_total, 'skipped': skipped, 'missing_records': missing,
            'sentences': len(gold_lines) - len(skipped), 'mismatches': details}


def line(label, f):
    return '%-22s gold %4d  system %4d   root P %.3f R %.3f F %.3f   root+source+target P %.3f R %.3f F %.3f' % (
        label, f['gold'], f['system'], f['root']['p'], f['root']['r'], f['root']['f'],
        f['full']['p'], f['full']['r'], f['full']['f'])


def main(argv):
    args = [a for a in argv[1:] if not a.startswith('-')]
    if len(args) != 2:
        sys.exit(__doc__)
    result = score(load_jsonl(args[0]), load_jsonl(args[1]))
    if '--json' in argv:
        if '-v' not in argv:
            result.pop('mismatches')
        print(json.dumps(result, indent=1, sort_keys=True))
        return 0
    print('%d sentences scored; left out: %s' % (result['sentences'], ', '.join(result['skipped']) or 'none'))
    if result['missing_records']:
        print('no system record for %d sentences (scored as no events): %s'
              % (len(result['missing_records']), ', '.join(result['missing_records'])))
    print('negated system events left out: %d' % result['negated_left_out'])
    print(line('(1)(2) all', result['all']))
    print(line('   CAMEO roots only', result['cameo_roots_only']))
    e = result['no_event_sentences']
    print('(3) no-event sentences: %d, %d with a false positive, %d false positives (%s)' % (
        e['sentences'], e['with_fp'], e['fp'], '; '.join(
            '%s: %d/%d sentences, %d events' % (k, v['with_fp'], v['sentences'], v['fp'])
            for k, v in sorted(e['by_kind'].items()))))
    print('(4) by category')
    for c, f in result['categories'].items():
        print(line('   ' + c, f))
    if '-v' in argv:
        print('\nmismatches at root+source+target (gold missed | system spurious):')
        for d in result['mismatches']:
            print('%s [%s] %s\n    missed:   %s\n    spurious: %s' % (
                d['id'], d['category'], d['text'], ', '.join(d['missed']) or '-', ', '.join(d['spurious']) or '-'))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
