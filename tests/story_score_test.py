#!/usr/bin/env python3
"""scripts/story_score.py on tiny assignments whose B-cubed and pairwise figures are worked out by hand.

usage: story_score_test.py [PROJECT_ROOT]      (run by CTest as story_score_unit)
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
SCORER = os.path.join(ROOT, "scripts", "story_score.py")

# Gold {a b c} {d e}; system {a b} {c d e}.
# B-cubed precision per article: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 -> 11/3 / 5 = 11/15 = 0.733;
# recall: a 2/3, b 2/3, c 1/3, d 2/2, e 2/2 -> 11/15 = 0.733; F 0.733.
# Pairs: gold ab ac bc de (4), system ab cd ce de (4), shared ab de (2): precision 0.5, recall 0.5.
GOLD = "# gold\n# licence: CC0-1.0\narticle\tstory\na\tg1\nb\tg1\nc\tg1\nd\tg2\ne\tg2\n"
SYSTEM = "article_id\tstory\tignored\na\t7\tx\nb\t7\tx\nc\t9\tx\nd\t9\tx\ne\t9\tx\n"


class StoryScore(unittest.TestCase):
    def run_scorer(self, gold, *args, system=None, ok=True):
        with tempfile.TemporaryDirectory() as tmp:
            gpath = os.path.join(tmp, "gold.tsv")
            with open(gpath, "w") as f:
                f.write(gold)
            cmd = [sys.executable, SCORER, gpath]
            if system is not None:
                spath = os.path.join(tmp, "system.tsv")
                with open(spath, "w") as f:
                    f.write(system)
                cmd += ["--system", spath]
            out = subprocess.run(cmd + list(args), capture_output=True, text=True)
            if ok:
                self.assertEqual(out.returncode, 0, out.stderr)
            return out

    def test_hand_computed_figures(self):
        out = self.run_scorer(GOLD, system=SYSTEM).stdout
        self.assertIn("5 articles: 2 gold stories, 2 system stories", out)
        self.assertIn("B-cubed: precision 0.733, recall 0.733, F 0.733", out)
        self.assertIn("pairwise same-story: precision 0.500 (2/4), recall 0.500 (2/4), F 0.500", out)

    def test_json(self):
        res = json.loads(self.run_scorer(GOLD, "--json", system=SYSTEM).stdout)
        self.assertAlmostEqual(res["bcubed"]["precision"], 11 / 15, places=5)
        self.assertAlmostEqual(res["bcubed"]["recall"], 11 / 15, places=5)
        self.assertAlmostEqual(res["bcubed"]["f"], 11 / 15, places=5)
        self.assertEqual((res["pairwise"]["correct_pairs"], res["pairwise"]["system_pairs"],
                          res["pairwise"]["gold_pairs"]), (2, 4, 4))
        self.assertEqual(res["missing"], [])

    def test_perfect_and_one_big_story(self):
        out = self.run_scorer(GOLD, system=GOLD).stdout
        self.assertIn("B-cubed: precision 1.000, recall 1.000, F 1.000", out)
        # One story for all: precision a,b,c 3/5, d,e 2/5 -> 13/25 = 0.52; recall 1; F 2*.52/1.52 = 0.684.
        # Pairs: system 10, shared 4.
        out = self.run_scorer(GOLD, system="".join("%s\t1\n" % a for a in "abcde")).stdout
        self.assertIn("B-cubed: precision 0.520, recall 1.000, F 0.684", out)
        self.assertIn("precision 0.400 (4/10), recall 1.000 (4/4)", out)

    def test_singletons_leave_pairwise_precision_undefined(self):
        # Precision 1; recall a,b,c 1/3, d,e 1/2 -> 2/5 = 0.4; F 0.8/1.4 = 0.571.
        out = self.run_scorer(GOLD, system="".join("%s\t%s\n" % (a, a) for a in "abcde")).stdout
        self.assertIn("B-cubed: precision 1.000, recall 0.400, F 0.571", out)
        self.assertIn("precision n/a (0/0), recall 0.000 (0/4), F n/a", out)
        res = json.loads(self.run_scorer(GOLD, "--json", system="a\t1\n").stdout)
        self.assertIsNone(res["pairwise"]["precision"])

    def test_missing_articles_are_singletons_and_extra_ones_ignored(self):
        # Gold {a b} {c}; system {a c}, b absent (its own story), x outside the gold.
        # Precision a 1/2, b 1/1, c 1/2 -> 2/3; recall a 1/2, b 1/2, c 1/1 -> 2/3. Pairs: gold ab, system ac.
        gold = "a\tg1\nb\tg1\nc\tg2\n"
        out = self.run_scorer(gold, "-v", system="a\t1\nc\t1\nx\t1\n").stdout
        self.assertIn("B-cubed: precision 0.667, recall 0.667, F 0.667", out)
        self.assertIn("precision 0.000 (0/1), recall 0.000 (0/1)", out)
        self.assertIn("gold articles with no system story (each scored as a story of its own): 1", out)
        self.assertIn("system articles outside the gold (ignored): 1", out)
        self.assertIn("gold g1 split over 2 system stories", out)
        self.assertIn("system 1 joins 2 gold stories: g1: a; g2: c", out)

    def test_reads_a_sitrep_store(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "store.db")
            con = sqlite3.connect(db)
            con.executescript("""
                CREATE TABLE articles(id TEXT NOT NULL UNIQUE, key INTEGER PRIMARY KEY);
                CREATE TABLE article_story_rows(article INTEGER PRIMARY KEY, story INTEGER NOT NULL, keys BLOB);
                CREATE VIEW article_stories(article_id, story) AS
                  SELECT a.id, s.story FROM article_story_rows s JOIN articles a ON a.key = s.article;
                INSERT INTO articles VALUES ('a', 1), ('b', 2), ('c', 3), ('d', 4), ('e', 5);
                INSERT INTO article_story_rows VALUES (1, 7, NULL), (2, 7, NULL), (3, 9, NULL), (4, 9, NULL),
                  (5, 9, NULL);""")
            con.commit()
            con.close()
            out = self.run_scorer(GOLD, "--db", db).stdout
            self.assertIn("B-cubed: precision 0.733, recall 0.733, F 0.733", out)
            bad = os.path.join(tmp, "empty.db")
            sqlite3.connect(bad).close()
            out = self.run_scorer(GOLD, "--db", bad, ok=False)
            self.assertNotEqual(out.returncode, 0)
            self.assertIn("article_stories", out.stderr)

    def test_an_article_with_two_stories_is_an_error(self):
        out = self.run_scorer(GOLD, system="a\t1\na\t2\n", ok=False)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("article a given two stories", out.stderr)

    def test_the_gold_set_scores_itself_perfectly(self):
        gold = os.path.join(ROOT, "tests", "data", "stories", "gold.tsv")
        out = subprocess.run([sys.executable, SCORER, gold, "--system", gold, "--json"], capture_output=True,
                             text=True, check=True).stdout
        res = json.loads(out)
        self.assertEqual(res["bcubed"]["f"], 1.0)
        self.assertGreaterEqual(res["articles"], 150)
        self.assertGreaterEqual(res["gold_stories"], 20)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
