#!/usr/bin/env python3
"""scripts/tone_score.py on a hand-made set and records whose figures are worked out by hand.

usage: tone_score_test.py [PROJECT_ROOT]      (run by CTest as tone_score_unit)
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else \
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORER = os.path.join(ROOT, "scripts", "tone_score.py")

SET = """# a test set
# source: written for this test
# licence: CC0-1.0
id\ttarget\tsentence\ttarget_tone\ttext
s1\tLovelace\tpositive\tpositive\tAda Lovelace won.
s2\tBo\tnegative\tneutral\t"Awful," said Bo.
s3\tCy\tneutral\tneutral\tCy spoke.
s4\tDee\tnegative\tnegative\tDee lost.
"""


def record(rid, tone, entities):
    return {"id": rid, "entities": [
        {"id": "e%d" % (i + 1), "name": name, "mentions": [{"text": name.split()[-1]}],
         "tone": {"toward": toward, "sentences": 1, "stance": 0, "quotes": 0}}
        for i, (name, toward) in enumerate(entities)], "tone": {"tone": tone}}


# s1 right (positive, Ada Lovelace at 0.5 found by her surname); s2 sentence right, target: Bo at
# -0.04 is within the neutral band (right); s3 sentence wrong (2.0: positive), target Cy not found
# (neutral: right); s4 sentence right, target Dee at -0.05 is negative (right, the band's edge).
RECORDS = [record("s1", 3.0, [("Ada Lovelace", 0.5)]), record("s2", -1.0, [("Bo", -0.04)]),
           record("s3", 2.0, []), record("s4", -4.0, [("Dee", -0.05)])]


class ToneScore(unittest.TestCase):
    def run_scorer(self, records):
        with tempfile.TemporaryDirectory() as tmp:
            sentences, system = os.path.join(tmp, "s.tsv"), os.path.join(tmp, "r.jsonl")
            with open(sentences, "w") as f:
                f.write(SET)
            with open(system, "w") as f:
                f.write("".join(json.dumps(r) + "\n" for r in records))
            out = subprocess.run([sys.executable, SCORER, sentences, "--system", system, "-v"],
                                 capture_output=True, text=True)
            self.assertEqual(out.returncode, 0, out.stderr)
            return out.stdout

    def test_figures(self):
        out = self.run_scorer(RECORDS)
        # Sentences: 3 of 4; F1 negative 1 (2/2), neutral 0 (s3 missed), positive 2/3 (p 1/2, r 1).
        self.assertIn("sentence tone: accuracy 0.750 (3/4), macro-F1 0.556 (F1 negative 1.00, neutral 0.00, "
                      "positive 0.67)", out)
        self.assertIn("target tone: accuracy 1.000 (4/4), macro-F1 1.000", out)
        self.assertIn("targets with no entity (scored neutral): s3", out)
        self.assertIn("s3 sentence neutral/positive (2.00)", out)

    def test_a_missing_record_is_an_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            sentences, system = os.path.join(tmp, "s.tsv"), os.path.join(tmp, "r.jsonl")
            with open(sentences, "w") as f:
                f.write(SET)
            with open(system, "w") as f:
                f.write(json.dumps(RECORDS[0]) + "\n")
            out = subprocess.run([sys.executable, SCORER, sentences, "--system", system], capture_output=True,
                                 text=True)
            self.assertNotEqual(out.returncode, 0)
            self.assertIn("no record for s2", out.stderr)

    def test_a_bad_label_is_named_with_its_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            sentences = os.path.join(tmp, "s.tsv")
            with open(sentences, "w") as f:
                f.write(SET.replace("s3\tCy\tneutral", "s3\tCy\tmixed"))
            out = subprocess.run([sys.executable, SCORER, sentences, "--system", sentences], capture_output=True,
                                 text=True)
            self.assertIn("s.tsv:7: sentence 'mixed'", out.stderr)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
