#!/usr/bin/env python3
"""scripts/ner_score.py on hand-made records whose scores are known, on a tiny IOB file
read through a stand-in for sitrep, and on the names test set's own gold (a perfect record).

usage: ner_score_test.py [PROJECT_ROOT]      (run by CTest as ner_score_unit)
"""
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else \
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORER = os.path.join(ROOT, "scripts", "ner_score.py")
sys.dont_write_bytecode = True


def mention(text, words, nth=0, kind=None):
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    m = {"start": start, "end": start + len(words), "text": words}
    if kind:
        m["kind"] = kind
    return m


def entity(eid, etype, *mentions):
    return {"id": eid, "type": etype, "name": mentions[0]["text"], "mentions": list(mentions)}


A = "Japanese striker Kenji Tanaka joined Valencia from Osaka. Tanaka scored twice."
B = "Scott Sullivan left WorldCom. Mr Sullivan denied it in Paris."
C = "Floods hit Lagos."

GOLD = [
    {"id": "a", "title": A, "date": "2025-01-01", "entities": [
        entity("japanese", "NORP", mention(A, "Japanese")),
        entity("tanaka", "PERSON", mention(A, "Kenji Tanaka"), mention(A, "Tanaka", 1)),
        entity("valencia", "ORG", mention(A, "Valencia")),
        entity("osaka", "GPE", mention(A, "Osaka"))]},
    {"id": "b", "title": B, "date": "2025-01-01", "entities": [
        entity("sullivan", "PERSON", mention(B, "Scott Sullivan"), mention(B, "Sullivan", 1)),
        entity("worldcom", "ORG", mention(B, "WorldCom")),
        entity("paris", "GPE", mention(B, "Paris"))]},
    {"id": "c", "title": C, "date": "2025-01-01", "entities": [
        entity("lagos", "GPE", mention(C, "Lagos"))]},
]

# a: Japanese and Kenji Tanaka right (Kenji Tanaka twice, counted once), Valencia typed as a
#    place (a false LOC and a missed ORG), Osaka right, the later Tanaka typed ORG (a false ORG
#    and a missed PER), a nominal mention that must be ignored; b: Scott Sullivan right,
#    "Mr Sullivan" with its title (a false PER and a missed PER), WorldCom right, Paris as FAC
#    (class LOC, right); c: no record at all (Lagos missed).
SYSTEM = [
    {"id": "a", "entities": [
        entity("e1", "NORP", mention(A, "Japanese", kind="name")),
        entity("e2", "PERSON", mention(A, "Kenji Tanaka", kind="name"), mention(A, "striker", kind="nominal")),
        entity("e3", "PERSON", mention(A, "Kenji Tanaka")),
        entity("e4", "GPE", mention(A, "Valencia", kind="name")),
        entity("e5", "GPE", mention(A, "Osaka", kind="name")),
        entity("e6", "ORG", mention(A, "Tanaka", 1, kind="name"))]},
    {"id": "b", "entities": [
        entity("e1", "PERSON", mention(B, "Scott Sullivan", kind="name"), mention(B, "Mr Sullivan", kind="name")),
        entity("e2", "ORG", mention(B, "WorldCom", kind="name")),
        entity("e3", "FAC", mention(B, "Paris", kind="name"))]},
]

EXPECTED = """\
PER          P 0.667  R 0.500  F 0.571   (2 right, 3 output, 4 gold)
ORG          P 0.500  R 0.500  F 0.500   (1 right, 2 output, 2 gold)
LOC          P 0.667  R 0.667  F 0.667   (2 right, 3 output, 3 gold)
MISC         P 1.000  R 1.000  F 1.000   (1 right, 1 output, 1 gold)
PER+ORG+LOC  P 0.625  R 0.556  F 0.588   (5 right, 8 output, 9 gold)
"""

IOB = textwrap.dedent("""\
    -DOCSTART- O

    John I-PER
    Smith I-PER
    visited O
    Paris I-LOC
    . O

    Acme B-ORG
    Corp I-ORG
    fell O

    -DOCSTART- O

    Paris B-LOC
    Hilton B-PER
    """)

# stands in for `sitrep extract -q --input jsonl -`: names "John Smith" PERSON and every
# "Paris" GPE, and checks the arguments it is given
FAKE_SITREP = textwrap.dedent("""\
    import json, re, sys
    assert sys.argv[1:] == ["extract", "-q", "--input", "jsonl", "-"], sys.argv
    for line in sys.stdin:
        doc = json.loads(line)
        ents = []
        for words, etype in (("John Smith", "PERSON"), ("Paris", "GPE")):
            ms = [{"start": m.start(), "end": m.end(), "text": words, "kind": "name"}
                  for m in re.finditer(words, doc["text"])]
            if ms:
                ents.append({"id": etype, "type": etype, "mentions": ms})
        print(json.dumps({"id": doc["id"], "entities": ents}))
    """)


def run(*args):
    out = subprocess.run([sys.executable, SCORER, *args], capture_output=True, text=True)
    return out.returncode, out.stdout, out.stderr


class NerScoreTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return path

    def gold_dir(self):
        gold = os.path.join(self.dir, "gold")
        os.mkdir(gold)
        for g in GOLD:
            with open(os.path.join(gold, g["id"] + ".gold.json"), "w", encoding="utf-8") as fh:
                json.dump(g, fh)
        return gold

    def test_known_scores_per_class(self):
        system = self.write("out.jsonl", "".join(json.dumps(r) + "\n" for r in SYSTEM))
        code, out, err = run(self.gold_dir(), "--system", system)
        self.assertEqual(code, 0, err)
        self.assertEqual(out, EXPECTED)
        self.assertIn("no output for c", err)

    def test_verbose_lists_misses_and_false_names_per_article(self):
        system = self.write("out.jsonl", "".join(json.dumps(r) + "\n" for r in SYSTEM))
        code, out, _ = run(self.gold_dir(), "--system", system, "-v")
        self.assertEqual(code, 0)
        lines = out.splitlines()
        a = lines[lines.index("[a]") + 1:lines.index("[b]")]
        self.assertEqual(sorted(a), sorted([
            "  missed 'Valencia' ORG", "  missed 'Tanaka' PER",
            "  false  'Valencia' LOC", "  false  'Tanaka' ORG"]))
        b = lines[lines.index("[b]") + 1:lines.index("[c]")]
        self.assertEqual(b, ["  missed 'Sullivan' PER", "  false  'Mr Sullivan' PER"])
        self.assertEqual(lines[lines.index("[c]") + 1], "  missed 'Lagos' LOC")
        self.assertTrue(out.endswith(EXPECTED))

    def test_one_json_record_as_system(self):
        system = self.write("one.json", json.dumps(SYSTEM[1]))
        gold = self.gold_dir()
        code, out, _ = run(os.path.join(gold, "b.gold.json"), "--system", system)
        self.assertEqual(code, 0)
        self.assertIn("PER+ORG+LOC  P 0.750  R 0.750  F 0.750   (3 right, 4 output, 4 gold)", out)

    def test_iob_documents_and_sitrep_output(self):
        sys.path.insert(0, os.path.dirname(SCORER))
        import ner_score
        path = self.write("tiny.iob", IOB)
        docs = [ner_score.iob_document(d) for d in ner_score.read_iob(path)]
        text0, gold0 = docs[0]
        self.assertEqual(text0, "John Smith visited Paris .\nAcme Corp fell")
        self.assertEqual(sorted((text0[a:b], t) for a, b, t in gold0),
                         [("Acme Corp", "ORG"), ("John Smith", "PER"), ("Paris", "LOC")])
        text1, gold1 = docs[1]
        self.assertEqual(sorted((text1[a:b], t) for a, b, t in gold1), [("Hilton", "PER"), ("Paris", "LOC")])
        fake = self.write("fake_sitrep", "#!" + sys.executable + "\n" + FAKE_SITREP)
        os.chmod(fake, 0o755)
        code, out, err = run("--iob", path, "--sitrep", fake)
        self.assertEqual(code, 0, err)
        self.assertIn("PER          P 1.000  R 0.500  F 0.667   (1 right, 1 output, 2 gold)", out)
        self.assertIn("ORG          P 0.000  R 0.000  F 0.000   (0 right, 0 output, 1 gold)", out)
        self.assertIn("LOC          P 1.000  R 1.000  F 1.000   (2 right, 2 output, 2 gold)", out)
        self.assertIn("PER+ORG+LOC  P 1.000  R 0.600  F 0.750   (3 right, 3 output, 5 gold)", out)

    def test_uner_numbered_tokens(self):
        sys.path.insert(0, os.path.dirname(SCORER))
        import ner_score
        path = self.write("uner.iob2", "# newdoc id = x\n# text = Ana met Bo\n1\tAna\tB-PER\t-\t-\n"
                                       "2\tmet\tO\t-\t-\n3\tBo\tB-PER\t-\t-\n")
        (text, gold), = [ner_score.iob_document(d) for d in ner_score.read_iob(path)]
        self.assertEqual(text, "Ana met Bo")
        self.assertEqual(sorted(gold), [(0, 3, "PER"), (8, 10, "PER")])

    def test_names_set_gold_as_output_scores_one(self):
        names = os.path.join(ROOT, "tests", "data", "names")
        perfect = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "data", "tools", "gold_to_jsonl.py"),
                                  os.path.join(names, "gold")], capture_output=True, text=True, check=True).stdout
        system = self.write("perfect.jsonl", perfect)
        code, out, err = run(os.path.join(names, "gold"), "--system", system)
        self.assertEqual(code, 0, err)
        self.assertRegex(out, r"PER\+ORG\+LOC  P 1\.000  R 1\.000  F 1\.000   \((\d+) right, \1 output, \1 gold\)")
        self.assertNotIn("(0 right", out.splitlines()[-1])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
