#!/usr/bin/env python3
"""Event accuracy by part, next to score.py's event F: of the gold core events, how many
the system codes on the gold trigger at all, and of those how many with the right PLOVER
type, and of those how many with the right source and target (entities mapped to gold
ones as score.py maps them).

usage: scripts/event_accuracy.py GOLD_DIR SYSTEM.jsonl [SCORE_PY]
  e.g. build/sitrep extract --input jsonl ../shared/dev/plover.jsonl > p.jsonl
       scripts/event_accuracy.py ../shared/dev/plover p.jsonl
"""
import importlib.util
import os
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    here = os.path.dirname(os.path.abspath(__file__))
    score_py = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, '..', '..', 'shared', 'tools', 'score.py')
    spec = importlib.util.spec_from_file_location('score', score_py)
    sc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sc)
    gold = sc.load_gold([sys.argv[1]])
    system = sc.load_system(sys.argv[2])
    n = found = typed = src = tgt = with_target = 0
    for gid, g in gold.items():
        s = system.get(gid, {})
        emap = sc.entity_map(g, s)

        def mapped(x):
            return emap.get(x) if x else None
        for ge in g['events']:
            if not ge.get('core'):
                continue
            n += 1
            trigger = ge.get('trigger') or {}
            if 'start' not in trigger:
                continue
            cands = [e for e in s.get('events', []) if not e.get('negated') and sc.overlap(e['trigger'], trigger) > 0]
            if not cands:
                continue
            found += 1
            types = ge['plover'] if isinstance(ge['plover'], list) else [ge['plover']]
            right = [e for e in cands if e.get('plover') in types]
            if not right:
                continue
            typed += 1
            src += any(mapped(e.get('source')) == ge['source'] for e in right)
            if ge['target'] is not None:
                with_target += 1
                tgt += any(mapped(e.get('target')) == ge['target'] for e in right)

    def ratio(a, b):
        return '%d/%d = %.3f' % (a, b, a / b if b else 0.0)
    print('gold core events coded on their trigger: ' + ratio(found, n))
    print('  with the right PLOVER type:            ' + ratio(typed, found))
    print('  of those, the right source:            ' + ratio(src, typed))
    print('  of those with a gold target, right:    ' + ratio(tgt, with_target))


if __name__ == '__main__':
    main()
