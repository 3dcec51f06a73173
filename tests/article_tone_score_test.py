#!/usr/bin/env python3
"""scripts/article_tone_score.py on tiny ratings whose correlations are worked out by hand.

usage: article_tone_score_test.py [PROJECT_ROOT]      (run by CTest as article_tone_score_unit)
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else \
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORER = os.path.join(ROOT, "scripts", "article_tone_score.py")

RATINGS = "# ratings\n# licence: CC0-1.0\nid\trating\treason\na\t-2\tx\nb\t-1\tx\nc\t0\tx\nd\t+1\tx\ne\t2\tx\n"
# Tones -5, -1, 0.5, 0.2, 3. Ranks of the tones 1 2 4 3 5 against 1 2 3 4 5: d² = 0 0 1 1 0, so
# rho = 1 - 6*2 / (5*24) = 0.9. Pearson: ratings mean 0, tones mean -0.46; Sxy = 10 + 1 + 0 + 0.2 + 6
# = 17.2, Sxx = 10, Syy = 4.54² + 0.54² + 0.96² + 0.66² + 3.46² = 34.232; r = 17.2 / sqrt(342.32) = 0.930.
TONES = {"a": -5.0, "b": -1.0, "c": 0.5, "d": 0.2, "e": 3.0}


def records(tones):
    return "".join(json.dumps({"id": i, "tone": {"tone": t, "words": 10}}) + "\n" for i, t in tones.items())


class ArticleToneScore(unittest.TestCase):
    def run_scorer(self, ratings, system_text, *args, ok=True):
        with tempfile.TemporaryDirectory() as tmp:
            rpath, spath = os.path.join(tmp, "r.tsv"), os.path.join(tmp, "s.jsonl")
            with open(rpath, "w") as f:
                f.write(ratings)
            with open(spath, "w") as f:
                f.write(system_text)
            out = subprocess.run([sys.executable, SCORER, rpath, "--system", spath] + list(args),
                                 capture_output=True, text=True)
            if ok:
                self.assertEqual(out.returncode, 0, out.stderr)
            return out

    def test_hand_computed_correlations(self):
        out = self.run_scorer(RATINGS, records(TONES)).stdout
        self.assertIn("5 rated articles: Spearman rho 0.900, Pearson r 0.930", out)
        self.assertIn("mean tone by rating: -2 -5.00 (1), -1 -1.00 (1), 0 0.50 (1), +1 0.20 (1), +2 3.00 (1)", out)
        res = json.loads(self.run_scorer(RATINGS, records(TONES), "--json").stdout)
        self.assertAlmostEqual(res["spearman"], 0.9, places=9)
        self.assertAlmostEqual(res["pearson"], 17.2 / 342.32 ** 0.5, places=9)

    def test_ties_get_average_ranks(self):
        # Ratings 0 0 1 1 -> ranks 1.5 1.5 3.5 3.5; tones 1 2 3 3 -> ranks 1 2 3.5 3.5.
        # Deviations -1 -1 1 1 and -1.5 -0.5 1 1: rho = 4 / sqrt(4 * 4.5) = 0.943.
        ratings = "w\t0\tx\nx\t0\tx\ny\t1\tx\nz\t1\tx\n"
        out = self.run_scorer(ratings, records({"w": 1, "x": 2, "y": 3, "z": 3})).stdout
        self.assertIn("Spearman rho 0.943", out)

    def test_a_missing_tone_is_an_error(self):
        out = self.run_scorer(RATINGS, records({"a": 1.0}), ok=False)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("no tone for 4 rated article(s): b c d e", out.stderr)

    def test_a_bad_rating_is_named_with_its_line(self):
        out = self.run_scorer(RATINGS.replace("c\t0", "c\t3"), records(TONES), ok=False)
        self.assertIn("r.tsv:6: rating '3' is not an integer from -2 to +2", out.stderr)

    def test_reads_a_sitrep_store(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "store.db")
            con = sqlite3.connect(db)
            con.executescript("""
                CREATE TABLE articles(id TEXT NOT NULL UNIQUE, key INTEGER PRIMARY KEY);
                CREATE TABLE tone_rows(article INTEGER PRIMARY KEY, tone REAL, positive REAL, negative REAL,
                  polarity REAL, activity REAL, self_group REAL, words INTEGER);
                CREATE VIEW tones(article_id, tone, positive, negative, polarity, activity, self_group, words) AS
                  SELECT a.id, t.tone, t.positive, t.negative, t.polarity, t.activity, t.self_group, t.words
                  FROM tone_rows t JOIN articles a ON a.key = t.article;""")
            for k, (i, t) in enumerate(TONES.items(), 1):
                con.execute("INSERT INTO articles VALUES (?, ?)", (i, k))
                con.execute("INSERT INTO tone_rows VALUES (?, ?, 0, 0, 0, 0, 0, 10)", (k, t))
            con.commit()
            con.close()
            rpath = os.path.join(tmp, "r.tsv")
            with open(rpath, "w") as f:
                f.write(RATINGS)
            out = subprocess.run([sys.executable, SCORER, rpath, "--db", db], capture_output=True, text=True)
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertIn("Spearman rho 0.900, Pearson r 0.930", out.stdout)

    def test_the_ratings_file_is_well_formed(self):
        path = os.path.join(ROOT, "tests", "data", "tone", "article_ratings.tsv")
        stories = os.path.join(ROOT, "tests", "data", "stories", "articles.jsonl")
        with open(stories, encoding="utf-8") as f:
            ids = {json.loads(line)["id"] for line in f if line.strip()}
        rated = [line.split("\t")[0] for line in open(path, encoding="utf-8")
                 if line.strip() and not line.startswith("#") and not line.startswith("id\t")]
        self.assertEqual(len(rated), 50)
        self.assertEqual(len(set(rated)), 50)
        self.assertTrue(set(rated) <= ids, set(rated) - ids)
        # A perfect system (the ratings as tones) correlates 1.
        out = self.run_scorer(open(path, encoding="utf-8").read(),
                              records({i: float(line.split("\t")[1]) for i, line in zip(rated, [
                                  l for l in open(path, encoding="utf-8")
                                  if l.strip() and not l.startswith("#") and not l.startswith("id\t")])})).stdout
        self.assertIn("50 rated articles: Spearman rho 1.000, Pearson r 1.000", out)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
