#!/usr/bin/env python3
"""Checks that tests/data/petrarch/records.jsonl and gold.jsonl are what
scripts/petrarch_devset.py makes from ../shared/corpora/petrarch2 today (they
are generated and committed). Exit 77 (skipped) when the records are not there.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..'))
XML = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'corpora', 'petrarch2',
                                                         'PETR.UnitTest.records.xml')


def main():
    if not os.path.exists(XML):
        print('petrarch_devset_test: %s not found; skipped' % XML)
        return 77
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'petrarch_devset.py'), XML, out],
                       check=True, capture_output=True)
        stale = [name for name in ('records.jsonl', 'gold.jsonl')
                 if open(os.path.join(out, name), 'rb').read() !=
                 open(os.path.join(ROOT, 'tests', 'data', 'petrarch', name), 'rb').read()]
    for name in stale:
        print('petrarch_devset_test: tests/data/petrarch/%s differs from what scripts/petrarch_devset.py makes; '
              'run it again' % name)
    return 1 if stale else 0


if __name__ == '__main__':
    sys.exit(main())
