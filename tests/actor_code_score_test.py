#!/usr/bin/env python3
"""scripts/actor_code_score.py on hand-made records whose figures are worked out by hand.

usage: actor_code_score_test.py [PROJECT_ROOT]      (run by CTest as actor_code_score_unit)
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else \
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORER = os.path.join(ROOT, "scripts", "actor_code_score.py")
sys.dont_write_bytecode = True


def entity(eid, code, *spans):
    return {"id": eid, "type": "ORG", "name": eid, "actor_code": code,
            "mentions": [{"start": a, "end": b, "text": "x" * (b - a), "kind": "name"} for a, b in spans]}


class ActorCodeScore(unittest.TestCase):
    def run_scorer(self, gold_entities, system_entities):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "a.gold.json"), "w") as f:
                json.dump({"id": "a", "text": "", "entities": gold_entities}, f)
            with open(os.path.join(d, "sys.jsonl"), "w") as f:
                f.write(json.dumps({"id": "a", "entities": system_entities}) + "\n")
            out = subprocess.run([sys.executable, SCORER, d, "--system", os.path.join(d, "sys.jsonl")],
                                 capture_output=True, text=True, check=True).stdout
        return out

    def test_figures(self):
        gold = [entity("g1", "KENGOV", (0, 5), (20, 25)),   # system: same code
                entity("g2", "KENMIL", (30, 35)),             # system: country right, sector wrong
                entity("g3", "UGAGOV", (40, 45)),             # system: a sector alone
                entity("g4", "IGOUNO", (50, 55)),             # no country level: exact only
                entity("g5", "TZAGOV", (60, 65)),             # not found
                {"id": "g6", "type": "ORG", "name": "g6", "mentions": []}]  # no code: not scored
        system = [entity("s1", "KENGOV", (20, 25)), entity("s2", "KENPOL", (30, 35)),
                  entity("s3", "GOV", (40, 45)), entity("s4", "IGOUNO", (50, 55)), entity("s5", "TZAGOV", (70, 75))]
        out = self.run_scorer(gold, system)
        self.assertIn("gold entities with a code 5, found 4", out)
        self.assertIn("exact        0.500   (2 of 4 found)", out)
        self.assertIn("country right 0.667  (2 of 3 found", out)
        self.assertIn("sector alone 0.333   (1 of 3", out)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
