#!/usr/bin/env python3
"""`sitrep extract --input jsonl -` as a streaming mapper (Hadoop Streaming, Spark's rdd.pipe()).

usage: stream_contract_test.py SITREP CORPUS.jsonl...

Feeds real articles (the CORPUS files, one JSON object a line) on standard
input, with bad lines mixed in, and checks the contract the README states:
  - one record a line on stdout for each good article in, in input order
    (also with --threads 2), each a JSON object whose id is the article's;
  - nothing else on stdout: every problem goes to stderr as `<stdin>:LINE: what`,
    naming the line of the bad input;
  - a bad line (not JSON, no text) gives no record and does not stop the rest;
  - exit code 0 when every line was good, 1 when some line was bad, 2 for a
    usage error (and then nothing on stdout).
Exit 1 with the differences on any breach.
"""
import json
import subprocess
import sys

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(sitrep, args, data):
    p = subprocess.run([sitrep, "extract", *args], input=data, capture_output=True, timeout=600)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    sitrep, corpora = sys.argv[1], sys.argv[2:]
    good = []
    for path in corpora:
        with open(path, encoding="utf-8") as f:
            good += [line.rstrip("\n") for line in f if line.strip()]
    check(len(good) >= 10, f"at least 10 articles of input (got {len(good)})")
    ids = [json.loads(line)["id"] for line in good]

    # All good: one record per article, in order, exit 0, no error on stderr.
    for threads in ("1", "2"):
        rc, out, err = run(sitrep, ["--input", "jsonl", "--threads", threads, "-"], ("\n".join(good) + "\n").encode())
        records = [json.loads(line) for line in out.splitlines()]
        check(rc == 0, f"--threads {threads}: exit code {rc} on good input (expected 0); stderr: {err[:500]}")
        check([r["id"] for r in records] == ids, f"--threads {threads}: the records' ids are the input's, in order")
        check(all("entities" in r and "events" in r for r in records), "each output line is a whole record")
        check("<stdin>:" not in err, f"--threads {threads}: no problem reported on good input: {err[:500]}")

    # Bad lines mixed in: not JSON (line 3), JSON without text (line 6), an
    # empty article (line 9), a truncated object (the last line, no newline).
    lines = list(good)
    lines.insert(2, "this is not json")
    lines.insert(5, '{"id": "no-text", "title": "a title only"}')
    lines.insert(8, '{"id": "empty", "text": ""}')
    lines.append('{"id": "cut", "text": "Israel said')
    bad_lines = {3, 6, 9, len(lines)}
    rc, out, err = run(sitrep, ["--input", "jsonl", "--threads", "2", "-"], "\n".join(lines).encode())
    out_ids = [json.loads(line)["id"] for line in out.splitlines()]
    check(rc == 1, f"exit code {rc} with bad lines (expected 1)")
    check(out_ids == ids, f"with bad lines: one record per good article, in order (got {len(out_ids)} records, "
                          f"expected {len(ids)})")
    for n in sorted(bad_lines):
        check(f"<stdin>:{n}:" in err, f"stderr names bad line {n}: {err[:800]}")
    reported = {int(part.split(":")[2]) for part in err.splitlines() if part.startswith("sitrep: <stdin>:")
                and part.split(":")[2].isdigit()}
    check(reported == bad_lines, f"exactly the bad lines are reported: {sorted(reported)} vs {sorted(bad_lines)}")

    # A usage error: exit 2, nothing on stdout.
    rc, out, err = run(sitrep, ["--input", "jsonl", "--format", "nonsense", "-"], ("\n".join(good) + "\n").encode())
    check(rc == 2 and out == "", f"usage error: exit code {rc} (expected 2) and no output ({len(out)} bytes)")
    check("--format" in err, f"the usage error names the flag: {err[:300]}")

    print(f"{len(good)} articles in; {len(ids)} records out in order; bad lines {sorted(bad_lines)} reported; "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
