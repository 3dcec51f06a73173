#!/usr/bin/python3
"""The Dask driver (integrations/dask/sitrep_dask.py) on a LocalCluster of 2 worker processes, one killed mid-run.

usage: dask_test.py SITREP POSTGRES_URL PSQL CORPUS.jsonl...

Ingests the corpus, and a WARC file made of the test articles, into the PostgreSQL archive through Dask in
small partitions (small batches too, so that
a killed partition has committed some of its articles), and kills (SIGKILL) a worker process while it runs a
partition. Then checks that the archive holds exactly what one `sitrep ingest` of the corpus into SQLite
holds: every table's count and content hash (tests/pg_compare.py): 0 articles lost, 0 duplicated, no child
row twice. Then runs the extract mode (sharded JSONL) and checks one record per article, none twice.
Run with /usr/bin/python3 (Debian's python3-distributed).
"""
import gzip
import html
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "integrations", "dask"))
sys.path.insert(0, here)
import pg_compare  # noqa: E402
import sitrep_dask  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402


def write_warc(path, articles_jsonl):
    """Each article as an HTML page in a WARC response record, one gzip member a record."""
    with open(path, "wb") as out:
        for n, line in enumerate(open(articles_jsonl, encoding="utf-8")):
            a = json.loads(line)
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in a["text"].split("\n") if p.strip())
            page = (f"<html><head><title>{html.escape(a.get('title') or '')}</title>"
                    f"<meta property=\"article:published_time\" content=\"{a.get('date') or ''}\"></head>"
                    f"<body><article>{paragraphs}</article></body></html>").encode()
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
            head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/{a['id']}\r\n"
                    f"WARC-Date: 2024-04-22T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
                    f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
            out.write(gzip.compress(head.encode() + http + b"\r\n\r\n"))


def warc_count(path):
    return sum(1 for _ in sitrep_dask.warc_records(path))


def main():
    sitrep, url, psql, corpus = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    failures = []
    with tempfile.TemporaryDirectory() as work:
        # The corpus with each id once: an id given twice with different texts is stored as the first one
        # read, and which is first depends on the order partitions run (the driver warns of such ids).
        seen, unique = set(), os.path.join(work, "corpus.jsonl")
        with open(unique, "w", encoding="utf-8") as out:
            for path in corpus:
                for line in open(path, encoding="utf-8"):
                    if line.strip() and json.loads(line)["id"] not in seen:
                        seen.add(json.loads(line)["id"])
                        out.write(line if line.endswith("\n") else line + "\n")
        corpus = [unique]
        # A web archive too (gzip member per record, as crawlers write them), made of the test articles as
        # HTML pages, split by the driver into groups of records.
        warc = os.path.join(work, "pages.warc.gz")
        write_warc(warc, os.path.join(here, "data", "articles.jsonl"))
        ref = os.path.join(work, "ref.db")
        subprocess.run([sitrep, "ingest", *corpus, warc, "--db", ref, "-q"], check=True)
        parts = sitrep_dask.partitions(corpus, 15) + sitrep_dask.partitions([warc], 5)
        warc_parts = [p for p in parts if p.input_format == "warc"]
        print(f"{len(parts)} partitions of {sum(p.articles for p in parts)} lines and WARC records")
        if len(warc_parts) < 2 or sum(p.articles for p in warc_parts) != warc_count(warc):
            failures.append(f"the WARC file was not split by record: {[p.name for p in warc_parts]}")
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        killed = {}

        def kill_one(done):
            # After the first partition is done, kill a worker that is running one.
            if killed or done < 1:
                return
            pids = client.run(os.getpid)
            for worker, keys in client.processing().items():
                if keys and worker in pids:
                    os.kill(pids[worker], signal.SIGKILL)
                    killed[worker] = (pids[worker], list(keys))
                    print(f"killed worker {worker} (pid {pids[worker]}) while it ran {list(keys)}", flush=True)
                    return

        start = time.time()
        done, problems = sitrep_dask.run(client, parts, sitrep, db=url, retries=3, batch=4, on_done=kill_one)
        print(f"ingest through Dask: {len(done)} partitions in {time.time() - start:.1f} s")
        if not killed:
            failures.append("no worker was killed while it ran a partition")
        if problems:
            failures.append(f"partitions failed: {problems}")
        if len(done) != len(parts):
            failures.append(f"{len(done)} of {len(parts)} partitions done")
        a = pg_compare.digest_sqlite(ref)
        b = pg_compare.digest_postgres(url, psql)
        if not pg_compare.compare(a, b, "sqlite", "dask+pg"):
            failures.append("the PostgreSQL archive differs from the SQLite ingest")

        # Extract to sharded JSONL: one record per article, none lost, none twice.
        shards = os.path.join(work, "records")
        parts = [p for p in parts if p.input_format == "jsonl"]
        done, problems = sitrep_dask.run(client, parts, sitrep, extract_to=shards)
        ids = []
        for name in sorted(os.listdir(shards)):
            if not name.endswith(".jsonl"):
                failures.append(f"a partial shard was left: {name}")
                continue
            with open(os.path.join(shards, name), encoding="utf-8") as f:
                ids += [json.loads(line)["id"] for line in f]
        lines = [json.loads(line)["id"] for path in corpus for line in open(path, encoding="utf-8") if line.strip()]
        if problems or sorted(ids) != sorted(lines):
            failures.append(f"extract: {len(ids)} records for {len(lines)} articles; problems: {problems}")
        else:
            print(f"extract through Dask: {len(ids)} records in {len(os.listdir(shards))} shards, one per article")
        client.close()
        cluster.close()
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
