#!/usr/bin/env python3
"""Regenerates every generated lexicon under data/ and validates all of them.

Usage: python3 data/build/build_all.py   (from the repository root or anywhere)
Needs the Debian packages: iso-codes wordnet-base libgeonames0 python3-fake-factory
(apt-get install -y iso-codes wordnet-base libgeonames0 python3-fake-factory).
Order matters: places.py reads countries.tsv for capitals and country names.
The generated files are committed, so the engine and its tests never need this step.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = ['countries.py', 'places.py', 'given_names.py', 'poslex.py', 'wordnet_lemmas.py', 'event_verb_forms.py']
NEEDS = {
    '/usr/share/iso-codes/json/iso_3166-1.json': 'iso-codes',
    '/usr/share/wordnet/data.noun': 'wordnet-base',
    '/usr/lib/python3/dist-packages/faker/providers/person/en/__init__.py': 'python3-fake-factory',
}


def main():
    missing = sorted({pkg for path, pkg in NEEDS.items() if not os.path.exists(path)})
    try:
        import ctypes.util
        if not ctypes.util.find_library('geonames'):
            import ctypes
            ctypes.CDLL('libgeonames.so.0')
    except OSError:
        missing.append('libgeonames0')
    if missing:
        sys.exit('missing Debian packages: %s\n  apt-get install -y %s' % (' '.join(missing), ' '.join(missing)))
    for step in STEPS:
        print('== ' + step, flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, step)], check=True)
    print('== check.py', flush=True)
    return subprocess.run([sys.executable, os.path.join(HERE, 'check.py')]).returncode


if __name__ == '__main__':
    sys.exit(main())
