#!/usr/bin/env python3
"""Checks scripts/petrarch_score.py on hand-made records with a known answer.

tests/data/petrarch/scorer/gold.jsonl holds three sentences: S1 with four gold
events (an actor without a country, a new actor coded by its words, Kuwait
under the validation dictionary's code KUW), S2 expecting no events, S3 marked
skip. system.jsonl holds two sitrep-style records: S1 with five events (two
right, one right in its root only, one wrong, one right through the text and
the code equivalence), S2 with a false positive and a negated event. Worked out
by hand:
  root: 4 of 6 system events match 4 of 4 gold ones  -> P 0.667 R 1 F 0.8
  root+source+target: 3 match                        -> P 0.5 R 0.75 F 0.6
Exit status 1 on any difference.
"""
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, '..', 'scripts', 'petrarch_score.py')
DATA = os.path.join(HERE, 'data', 'petrarch', 'scorer')

failures = []


def check(what, got, want):
    if isinstance(want, float):
        ok = abs(got - want) < 5e-4
    else:
        ok = got == want
    if not ok:
        failures.append('%s: got %r, want %r' % (what, got, want))


def main():
    spec = importlib.util.spec_from_file_location('petrarch_score', SCRIPT)
    ps = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ps)

    gold = ps.load_jsonl(os.path.join(DATA, 'gold.jsonl'))
    system = ps.load_jsonl(os.path.join(DATA, 'system.jsonl'))
    r = ps.score(gold, system)
    a = r['all']
    check('gold events', a['gold'], 4)
    check('system events', a['system'], 6)
    check('root matched', a['root']['matched'], 4)
    check('root P', a['root']['p'], 4 / 6)
    check('root R', a['root']['r'], 1.0)
    check('root F', a['root']['f'], 0.8)
    check('full matched', a['full']['matched'], 3)
    check('full P', a['full']['p'], 0.5)
    check('full R', a['full']['r'], 0.75)
    check('full F', a['full']['f'], 0.6)
    check('skipped', r['skipped'], ['S3'])
    check('negated left out', r['negated_left_out'], 1)
    check('no-event sentences', (r['no_event_sentences']['sentences'], r['no_event_sentences']['fp']), (1, 1))
    check('DEMO full matched', r['categories']['DEMO']['full']['matched'], 3)
    check('VERB system', r['categories']['VERB']['system'], 1)
    check('missed in S1', r['mismatches'][0]['missed'], ['041 GON>ARN'])

    # The matching is optimal, not greedy: gold 0 fits system 0 and 1, gold 1
    # only system 0; a greedy pass that gives system 0 to gold 0 finds one pair.
    size, pairs = ps.max_matching(2, 2, lambda i, j: (i, j) in {(0, 0), (0, 1), (1, 0)})
    check('optimal matching', (size, sorted(pairs)), (2, [(0, 1), (1, 0)]))

    # Actor levels.
    check('missing matches missing', ps.actors_match(None, None), True)
    check('missing against present', ps.actors_match(None, ps.system_actor({'name': 'X', 'actor_code': ''})), False)
    check('---GOV against bare GOV', ps.actors_match(ps.gold_actor('---GOV'), ps.system_actor(
        {'name': 'officials', 'actor_code': 'GOV'})), True)
    check('first three letters', ps.actors_match(ps.gold_actor('GONMIL'), ps.system_actor(
        {'name': 'Gondor', 'actor_code': 'GONGOV'})), True)
    check('other country', ps.actors_match(ps.gold_actor('GON'), ps.system_actor(
        {'name': 'Arnor', 'actor_code': 'ARN'})), False)

    # The command line gives the same figures.
    out = subprocess.run([sys.executable, SCRIPT, os.path.join(DATA, 'gold.jsonl'), os.path.join(DATA, 'system.jsonl'),
                          '--json'], capture_output=True, text=True, check=True).stdout
    check('--json root F', json.loads(out)['all']['root']['f'], 0.8)

    for f in failures:
        print('petrarch_score_test: ' + f)
    print('petrarch_score_test: %s' % ('FAILED' if failures else 'ok'))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
