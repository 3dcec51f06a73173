#!/usr/bin/env python3
"""scripts/attribution_score.py on hand-made records whose figures are worked out by hand, and on
the attribution set's own gold given back as output (a perfect record).

usage: attribution_score_test.py [PROJECT_ROOT]      (run by CTest as attribution_score_unit)
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else \
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORER = os.path.join(ROOT, "scripts", "attribution_score.py")
sys.dont_write_bytecode = True


def span(text, words, nth=0, **fields):
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return dict({"start": start, "end": start + len(words), "text": words}, **fields)


def mention(text, words, nth=0, kind="name"):
    return span(text, words, nth, kind=kind)


A = ("Army spokesman Ali Musa said the rebels had shelled the market. The talks, diplomats said, "
     "were close to collapse. “We will not retreat,” Musa said. Residents believe the town will fall.")
# The gold of A: a reported item with its source and kind; a split content with a null source
# (the diplomats are deliberately not an entity: the gold says "no source"); a quote; a belief.
GOLD_A = {"id": "a", "title": "", "date": "2025-01-01", "entities": [
    {"id": "musa", "type": "PERSON", "name": "Ali Musa",
     "mentions": [mention(A, "Ali Musa"), mention(A, "Musa", 1)]},
    {"id": "residents", "type": "ORG", "name": "residents", "mentions": [],
     "other_mentions": [mention(A, "Residents", kind="nominal")]}],
    "quotes": [span(A, "We will not retreat,", speaker="musa", cue="said", kind="direct")],
    "reported": [
        span(A, "the rebels had shelled the market", speaker="musa", cue="said", kind="assertion",
             cue_category="verb"),
        dict(span(A, "The talks", speaker=None, cue="said", kind="assertion", cue_category="verb"),
             parts=[span(A, "were close to collapse")]),
        span(A, "the town will fall", speaker="residents", cue="believe", kind="belief", cue_category="verb")],
    "claims": [], "times": [], "events": []}
# The output for A: the first report with most of its span (found, source right through the
# entity map, cue right, no kind); one span over the whole split sentence with a speaker that
# maps to Musa (found: it covers both parts; source wrong, the gold wants none); the quote
# (found, right); a belief whose span covers under half of the gold's (not found: a false
# positive, and the gold belief is missed); a report of the headline nobody annotated (a false
# positive).
SYSTEM_A = {"id": "a", "entities": [
    {"id": "e1", "type": "PERSON", "mentions": [mention(A, "Ali Musa"), mention(A, "Musa", 1)]}],
    "quotes": [span(A, "We will not retreat,", speaker="e1", cue="said", kind="direct")],
    "reported": [
        span(A, "rebels had shelled the market", speaker="e1", cue="said"),
        span(A, "The talks, diplomats said, were close to collapse", speaker="e1", cue="said"),
        span(A, "the town", nth=0, speaker=None, cue="believe"),
        span(A, "Army spokesman", speaker=None, cue="said")]}

B = "Officials said the port had reopened and the ferries were running, and that the airport had not."
# B: two gold reports side by side; one long system span covers both, so it finds only one, and
# a second system span that fits only the first report makes the optimal assignment give each
# system span its own gold report (a greedy pairing of the long span with the first report would
# leave the second system span with nothing). Kinds are given and right.
GOLD_B = {"id": "b", "title": "", "date": "2025-01-01", "entities": [
    {"id": "officials", "type": "ORG", "name": "officials", "mentions": [],
     "other_mentions": [mention(B, "Officials", kind="nominal")]}],
    "quotes": [],
    "reported": [
        span(B, "the port had reopened and the ferries were running", speaker="officials", cue="said",
             kind="assertion", cue_category="verb"),
        span(B, "the airport had not", speaker="officials", cue="said", kind="assertion", cue_category="verb")],
    "claims": [], "times": [], "events": []}
SYSTEM_B = {"id": "b", "entities": [
    {"id": "x", "type": "ORG", "mentions": [mention(B, "Officials", kind="nominal")]}],
    "quotes": [],
    "reported": [
        span(B, "the port had reopened and the ferries were running, and that the airport had not",
             speaker="x", cue="said", kind="assertion"),
        span(B, "the port had reopened and the ferries", speaker="x", cue="said", kind="belief")]}

C = "Rebels reportedly seized the town."
# C has no output at all: its content counts as missed.
GOLD_C = {"id": "c", "title": "", "date": "2025-01-01", "entities": [],
          "quotes": [], "reported": [
              span(C, "Rebels reportedly seized the town", speaker=None, cue="reportedly", kind="assertion",
                   cue_category="adverb")],
          "claims": [], "times": [], "events": []}

# a: gold 4 (3 reported, 1 quote), output 5, found 3 (the first report, the split one, the quote);
# b: gold 2, output 2, found 2; c: gold 1, output 0, found 0.
# content: found 5, output 7, gold 7 -> P 5/7, R 5/7, F 5/7 = 0.714
# indirect: found 4 of 6 reported; direct: 1 of 1 quote
# source: a 2 of 3 (the split one is wrong), b 2 of 2 -> 4 of 5
# cue: all 5 found pairs -> 5 of 5
# kind: found reported items with a kind: a 2 (no kind in the output), b 2: the long span says
# assertion (right), the short one belief for an assertion (wrong) -> 1 of 4
# span, over the 4 found reported items (gold, system, shared characters): a's first report
# (33, 29, 29), a's split one (9 + 22 = 31, 49, 31), b's first report with the short span
# (50, 37, 37), b's second with the long one (19, 80, 19): shared 116 of 195 system (P 0.595) and
# 133 gold characters (R 0.872), F 0.707; no text is equal -> exact 0
EXPECTED = """\
no output for: c
content      P 0.714  R 0.714  F 0.714   (5 found, 7 output, 7 gold)
indirect     R 0.667   (4 of 6 gold reported items)
direct       R 1.000   (1 of 1 gold quotes)
source right 0.800     (4 of 5 found contents)
cue right    1.000     (5 of 5 found contents)
kind right   0.250     (1 of 4 found reported items with a kind)
span         characters P 0.595 R 0.872 F 0.707, exact 0.000   (4 found reported items)
recall by kind: assertion 0.800 (4/5), belief 0.000 (0/1)
recall by cue: verb 0.800 (4/5), adverb 0.000 (0/1)
"""


def run(*args):
    out = subprocess.run([sys.executable, SCORER, *args], capture_output=True, text=True)
    return out.returncode, out.stdout, out.stderr


class AttributionScoreTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.gold = os.path.join(self.dir, "gold")
        os.mkdir(self.gold)
        for g in (GOLD_A, GOLD_B, GOLD_C):
            with open(os.path.join(self.gold, g["id"] + ".gold.json"), "w", encoding="utf-8") as fh:
                json.dump(g, fh)
        self.system = os.path.join(self.dir, "out.jsonl")
        with open(self.system, "w", encoding="utf-8") as fh:
            for r in (SYSTEM_A, SYSTEM_B):
                fh.write(json.dumps(r) + "\n")

    def tearDown(self):
        self.tmp.cleanup()

    def test_known_figures(self):
        code, out, err = run(self.gold, "--system", self.system)
        self.assertEqual(code, 0, err)
        self.assertEqual(out, EXPECTED)

    def test_json_figures(self):
        code, out, err = run(self.gold, "--system", self.system, "--json")
        self.assertEqual(code, 0, err)
        fig = json.loads(out)
        self.assertEqual(fig["missing"], ["c"])
        self.assertEqual((fig["content"]["found"], fig["content"]["system"], fig["content"]["gold"]), (5, 7, 7))
        self.assertEqual(fig["kind_right"]["system_items_with_kind"], 2)
        self.assertEqual(fig["recall_by_cue_category"], {"verb": {"found": 4, "gold": 5},
                                                          "adverb": {"found": 0, "gold": 1}})

    def test_verbose_lists_misses_false_positives_and_wrong_sources(self):
        code, out, _ = run(self.gold, "--system", self.system, "-v")
        self.assertEqual(code, 0)
        lines = out.splitlines()
        self.assertNotIn("b:", lines)  # nothing to list for b
        a = lines[lines.index("a:") + 1:lines.index("c:")]
        self.assertEqual(sorted(a), sorted([
            "  [a] source wrong: 'The talks': gold None, output e1 (-> musa)",
            "  [a] missed (belief, residents, 'believe'): 'the town will fall'",
            "  [a] false positive (reported, None, 'believe'): 'the town'",
            "  [a] false positive (reported, None, 'said'): 'Army spokesman'"]))
        c = lines[lines.index("c:") + 1]
        self.assertEqual(c, "  [c] missed (assertion, None, 'reportedly'): 'Rebels reportedly seized the town'")
        self.assertTrue(out.endswith(EXPECTED))

    def test_cue_and_share_rules(self):
        sys.path.insert(0, os.path.dirname(SCORER))
        import attribution_score as s
        self.assertTrue(s.cue_right("is believed", "believed"))
        self.assertTrue(s.cue_right("according to", "According  to"))
        self.assertFalse(s.cue_right("said", "told"))
        self.assertTrue(s.cue_right(None, ""))
        self.assertFalse(s.cue_right(None, "said"))
        gold = {"start": 0, "end": 10, "parts": [{"start": 20, "end": 30}]}
        self.assertEqual(s.share(gold, {"start": 0, "end": 30}), 1.0)
        self.assertEqual(s.share(gold, {"start": 20, "end": 30}), 0.5)
        self.assertEqual(s.share(gold, {"start": 5, "end": 25}), 0.5)
        self.assertEqual(s.assignment([[3, 3], [3, 0]]), [(1, 0), (0, 1)])
        # exact spans: equal once edge punctuation, quote marks and spaces go; parts joined
        self.assertEqual(s.span_text({"text": "“the port is shut,”"}), s.span_text({"text": "the port is shut"}))
        self.assertEqual(s.span_text({"text": "The talks,", "parts": [{"text": " were over."}]}), "The talks were over")
        self.assertNotEqual(s.span_text({"text": "the port is shut"}), s.span_text({"text": "port is shut"}))

    def test_attribution_set_gold_as_output_scores_one(self):
        gold = os.path.join(ROOT, "tests", "data", "attribution", "gold")
        dump = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "data", "tools", "gold_to_jsonl.py"), gold],
                              capture_output=True, text=True, check=True).stdout
        perfect = os.path.join(self.dir, "perfect.jsonl")
        with open(perfect, "w", encoding="utf-8") as fh:
            fh.write(dump)
        code, out, err = run(gold, "--system", perfect)
        self.assertEqual(code, 0, err)
        for line in ("content      P 1.000  R 1.000  F 1.000", "indirect     R 1.000", "direct       R 1.000",
                     "source right 1.000", "cue right    1.000", "kind right   1.000",
                     "span         characters P 1.000 R 1.000 F 1.000, exact 1.000"):
            self.assertIn(line, out)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
