#!/usr/bin/env python3
"""`sitrep ingest` killed with SIGKILL five times at random moments, then resumed.

usage: kill_resume_test.py SITREP DATA_DIR CORPUS.jsonl... [--corpora DIR] [--kills N] [--seed S]

Builds a reference store with one uninterrupted run, then ingests the same
corpus into a second store, killing the process N times (default 5) after a
random delay each, and runs it once more to the end. After every kill the store
must pass PRAGMA integrity_check and hold whole articles only (no layer row of
an article that is not stored); at the end it must hold exactly what the
reference holds: the same article ids, no article twice, the same rows in every
table (articles with their text, duplicate links and records, entities,
mentions, quotes, reported speech, claims, times, events, MinHash bands,
full-text rows). Prints the delays and counts; exit 1 on any difference.
The seed of the delays is printed; pass it with --seed to repeat a run.
With --corpora, the open corpora there (scripts/corpus_articles.py, about 2,200
articles) are ingested too, so that a run lasts long enough to be cut often.
"""
import argparse
import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time

TABLES = ["entity_rows", "mention_rows", "quote_rows", "reported_rows", "claim_rows", "time_rows", "event_rows",
          "minhash_bands", "tone_rows", "entity_tone_rows", "article_story_rows", "story_rows"]


def digest(db):
    con = sqlite3.connect(db)
    out = {}
    # Articles by id (keys may differ between runs only if order differed).
    rows = con.execute("SELECT id, url, title, date, text, content_hash, duplicate_of FROM articles ORDER BY id").fetchall()
    out["articles"] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    key_to_id = dict(con.execute("SELECT key, id FROM articles"))
    for t in TABLES:
        cols = [c[1] for c in con.execute(f"PRAGMA table_info({t})")]
        art = "article" if "article" in cols else None
        rows = con.execute(f"SELECT * FROM {t}").fetchall()
        if art:
            i = cols.index(art)
            rows = [tuple(key_to_id.get(v, v) if j == i else v for j, v in enumerate(r)) for r in rows]
        rows.sort(key=repr)
        out[t] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    out["articles_fts"] = con.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    con.close()
    return out


def check_whole(db):
    con = sqlite3.connect(db)
    ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    orphans = 0
    for t in TABLES:
        cols = [c[1] for c in con.execute(f"PRAGMA table_info({t})")]
        if "article" in cols:
            orphans += con.execute(f"SELECT count(*) FROM {t} WHERE article NOT IN (SELECT key FROM articles)").fetchone()[0]
    n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    return ok, orphans, n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sitrep")
    ap.add_argument("data")
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--corpora")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    print(f"seed {args.seed}")
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpora and os.path.isdir(args.corpora):
            extra = os.path.join(tmp, "corpora.jsonl")
            script = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts",
                                  "corpus_articles.py")
            subprocess.run([sys.executable, script, args.corpora, "--out", extra], check=True)
            args.corpus.append(extra)
        def ingest(db):
            return [args.sitrep, "ingest", *args.corpus, "--db", db, "--threads", "2", "--batch", "25",
                    "--data", args.data, "-q"]

        ref = os.path.join(tmp, "ref.db")
        start = time.monotonic()
        r = subprocess.run(ingest(ref), capture_output=True, text=True)
        full = time.monotonic() - start
        if r.returncode not in (0, 1):
            sys.exit(f"the reference run failed ({r.returncode}): {r.stderr[-2000:]}")
        print(f"uninterrupted run: {full:.2f} s, exit {r.returncode}")

        db = os.path.join(tmp, "killed.db")
        failures = 0
        total = digest(ref)["articles"][0]
        stored = 0
        for k in range(args.kills):
            # A random moment within what is left of the run (start-up included).
            delay = rng.uniform(0.1, 0.9) * full * (1 - stored / max(1, total)) + 0.1

            p = subprocess.Popen(ingest(db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            killed = p.poll() is None
            if killed:
                p.kill()
            p.wait()
            if os.path.exists(db):
                ok, orphans, n = check_whole(db)
            else:
                ok, orphans, n = "ok", 0, 0
            stored = n
            print(f"kill {k + 1}: after {delay:.2f} s{'' if killed else ' (the run had ended)'}: "
                  f"{n} articles, integrity {ok}, {orphans} orphan rows")
            if ok != "ok" or orphans:
                failures += 1
        r = subprocess.run(ingest(db), capture_output=True, text=True)
        print(f"resumed run: exit {r.returncode}")
        want, got = digest(ref), digest(db)
        for key in want:
            same = want[key] == got[key]
            print(f"  {key:14} reference {want[key] if isinstance(want[key], int) else want[key][0]:>7}  "
                  f"resumed {got[key] if isinstance(got[key], int) else got[key][0]:>7}  {'same' if same else 'DIFFERENT'}")
            failures += not same
        ok, orphans, _ = check_whole(db)
        failures += ok != "ok" or orphans > 0
        if failures:
            sys.exit(f"kill_resume_test: {failures} problems (seed {args.seed})")
        print("kill_resume_test: ok")


if __name__ == "__main__":
    main()
