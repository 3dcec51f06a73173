#!/usr/bin/env python3
"""Builds the second story development set: the held-out set's tools/build.py run on this folder.

usage: python3 tools/build.py [--check] [--assign-ids] [--update README.md]
"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
tool = os.path.join(here, '..', 'stories', 'tools', 'build.py')
sys.exit(subprocess.call([sys.executable, tool, '--set', here] + sys.argv[1:]))
