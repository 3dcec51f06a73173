#!/usr/bin/python3
"""Runs sitrep over many machines with Dask: ingest into one PostgreSQL archive, or extract to sharded JSONL.

usage: sitrep_dask.py INPUT... (--db postgresql://... | --extract-to DIR)
                      [--scheduler ADDRESS | --workers N] [--sitrep PATH] [--lines N] [--retries N] [--batch N]

INPUT is a JSON Lines file (.jsonl, .ndjson, also .gz), a WARC file (.warc, .warc.gz) or any other input
sitrep reads (text, HTML, .zst, a folder). JSON Lines files are split into partitions of --lines articles
(default 500) and WARC files into partitions of --lines records, sent to the workers with the task, so the
workers need no shared filesystem (the driver reads the inputs: that suits some GB a run); any other input
is one partition named by its path, which each worker must be able to read at that path (a shared
filesystem).

Each partition runs one `sitrep ingest - --input jsonl --db URL` (--input warc for WARC records) (or `sitrep extract --input jsonl -`, whose
records go to DIR/part-NNNNN.jsonl, written whole or not at all) on a worker. Ingest into PostgreSQL is keyed
on the article id, so a partition run twice adds nothing: a partition whose worker dies is run again on
another worker (Dask reschedules it; its sitrep process dies with the worker), and one whose sitrep fails
(exit code other than 0 or 1) is retried --retries times (default 3). The result is the one a single
`sitrep ingest` of all inputs gives (article keys aside). Progress goes to stderr.

Without --scheduler, a LocalCluster of --workers processes (default 2) on this machine runs it; with
--scheduler tcp://HOST:8786, the cluster started there (dask-scheduler, and dask-worker on each machine).
Run it with Debian's /usr/bin/python3 (python3-distributed); a python3 of its own (pyenv) does not see it.
Exit codes: 0 every partition done, 1 some partition failed or had bad input (each reported), 2 usage.
"""
import argparse
import gzip
import os
import signal
import subprocess
import sys
import time

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")


class Partition:
    """A slice of the input: JSON Lines (its bytes travel with the task) or a path the workers read."""

    def __init__(self, name, data=None, path=None, articles=0, input_format="jsonl"):
        self.name, self.data, self.path, self.articles = name, data, path, articles
        self.input_format = input_format


def warc_records(path):
    """The records of a WARC file (gzipped or not), uncompressed, each whole; ValueError where one is damaged."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        while True:
            line = f.readline()
            if not line:
                return
            if not line.strip():
                continue
            if not line.startswith(b"WARC/"):
                raise ValueError("not a WARC record header")
            header, length = [line], None
            while True:
                h = f.readline()
                if not h:
                    raise ValueError("truncated WARC header")
                header.append(h)
                if not h.strip():
                    break
                if h.lower().startswith(b"content-length:"):
                    length = int(h.split(b":", 1)[1])
            if length is None:
                raise ValueError("a WARC record without Content-Length")
            body = f.read(length)
            if len(body) != length:
                raise ValueError("truncated WARC record")
            yield b"".join(header) + body + b"\r\n\r\n"


def repeated_ids(parts):
    """Ids that more than one JSON line carries: which of them is stored depends on the order partitions run."""
    import json
    seen, repeated = set(), set()
    for part in parts:
        if part.input_format != "jsonl":
            continue
        for line in (part.data or b"").splitlines():
            try:
                id_ = json.loads(line).get("id")
            except (ValueError, AttributeError):
                continue
            if id_ is not None:
                (repeated if id_ in seen else seen).add(id_)
    return repeated


def partitions(inputs, lines_per_partition):
    out = []
    for path in inputs:
        if path.endswith(JSONL_SUFFIXES) and os.path.isfile(path):
            opener = gzip.open if path.endswith(".gz") else open
            chunk, first, n = [], 1, 0
            with opener(path, "rb") as f:
                for n, line in enumerate(f, 1):
                    if not line.strip():
                        continue
                    chunk.append(line if line.endswith(b"\n") else line + b"\n")
                    if len(chunk) == lines_per_partition:
                        out.append(Partition(f"{path}:{first}-{n}", data=b"".join(chunk), articles=len(chunk)))
                        chunk, first = [], n + 1
            if chunk:
                out.append(Partition(f"{path}:{first}-{n}", data=b"".join(chunk), articles=len(chunk)))
        elif path.endswith(WARC_SUFFIXES) and os.path.isfile(path):
            # Records in groups of lines_per_partition (an article's id is a hash of its URL, wherever it is
            # read); a file that cannot be split so is one partition, and sitrep reports what is wrong in it.
            try:
                chunk, first, split = [], 1, []
                for n, record in enumerate(warc_records(path), 1):
                    chunk.append(record)
                    if len(chunk) == lines_per_partition:
                        split.append(Partition(f"{path}: records {first}-{n}", data=b"".join(chunk),
                                               articles=len(chunk), input_format="warc"))
                        chunk, first = [], n + 1
                if chunk:
                    split.append(Partition(f"{path}: records {first}-{first + len(chunk) - 1}", data=b"".join(chunk),
                                           articles=len(chunk), input_format="warc"))
                out += split
            except (ValueError, OSError, EOFError):
                out.append(Partition(path, path=os.path.abspath(path)))
        else:
            out.append(Partition(path, path=os.path.abspath(path)))
    return out


def _die_with_parent():
    # The sitrep process is killed when its worker dies, so that a rescheduled
    # partition does not run twice at once (harmless, but wasteful).
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def run_partition(index, part, sitrep, db, extract_to, batch):
    """Runs on a worker: one sitrep process over one partition. Returns a summary; raises to be retried."""
    start = time.time()
    source = ["-", "--input", part.input_format] if part.data is not None else [part.path]
    if extract_to:
        cmd = [sitrep, "extract", "--threads", "1", "--format", "jsonl", *source]
    else:
        cmd = [sitrep, "ingest", *source, "--db", db, "--threads", "1", "-q"]
        if batch:
            cmd += ["--batch", str(batch)]
    out_path = None
    stdout = subprocess.DEVNULL
    if extract_to:
        out_path = os.path.join(extract_to, f"part-{index:05d}.jsonl")
        stdout = open(out_path + f".tmp-{os.getpid()}", "wb")
    try:
        p = subprocess.run(cmd, input=part.data, stdout=stdout, stderr=subprocess.PIPE, preexec_fn=_die_with_parent)
    finally:
        if out_path:
            stdout.close()
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode not in (0, 1):
        if out_path:
            os.unlink(stdout.name)
        raise RuntimeError(f"{part.name}: sitrep exited with {p.returncode}: {err.strip()[-2000:]}")
    if out_path:
        os.replace(stdout.name, out_path)  # whole or not at all: a retry overwrites, never appends
    return {"index": index, "name": part.name, "rc": p.returncode, "stderr": err, "seconds": time.time() - start,
            "articles": part.articles}


def run(client, parts, sitrep, db=None, extract_to=None, retries=3, batch=0, on_done=None, out=sys.stderr):
    """Submits every partition, shows progress, returns (done summaries, failures)."""
    from distributed import as_completed
    if extract_to:
        os.makedirs(extract_to, exist_ok=True)
    futures = [client.submit(run_partition, i, part, sitrep, db, extract_to, batch, key=f"sitrep-partition-{i}",
                             retries=retries, pure=False) for i, part in enumerate(parts)]
    done, failures, start, finished = [], [], time.time(), 0
    for future in as_completed(futures):
        try:
            r = future.result()
            done.append(r)
            if r["rc"] != 0:
                failures.append(f"{r['name']}: some input was bad:\n{r['stderr'].strip()}")
        except Exception as e:  # retries spent, or the partition killed its workers (KilledWorker)
            failures.append(f"{future.key}: {type(e).__name__}: {e}")
        finished += 1
        articles = sum(r["articles"] for r in done)
        print(f"sitrep_dask: {finished}/{len(parts)} partitions, {articles} articles, {time.time() - start:.1f} s",
              file=out, flush=True)
        if on_done:
            on_done(len(done))
    return done, failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], usage=__doc__.split("\n\n")[1])
    ap.add_argument("inputs", nargs="+")
    target = ap.add_mutually_exclusive_group(required=True)
    target.add_argument("--db", help="the PostgreSQL archive (postgresql://USER@HOST/DB)")
    target.add_argument("--extract-to", help="a folder for the records, one part-NNNNN.jsonl per partition")
    ap.add_argument("--scheduler", help="the address of a running Dask scheduler (tcp://HOST:8786)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes of the local cluster (default 2)")
    ap.add_argument("--sitrep", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../build/sitrep"),
                    help="the sitrep program, at the same path on every worker (default: this checkout's build/)")
    ap.add_argument("--lines", type=int, default=500, help="articles per JSON Lines partition (default 500)")
    ap.add_argument("--retries", type=int, default=3, help="runs of a failed partition after the first (default 3)")
    ap.add_argument("--batch", type=int, default=0, help="sitrep ingest --batch (default: sitrep's)")
    args = ap.parse_args()
    if args.db and not (args.db.startswith(("postgresql://", "postgres://")) or "dbname=" in args.db
                        or "host=" in args.db):
        ap.error("--db must name a PostgreSQL database (postgresql://USER@HOST/DB): many workers cannot write "
                 "one SQLite file; use --extract-to for files")
    if args.lines < 1:
        ap.error("--lines must be at least 1")
    if args.extract_to and any(p.endswith(WARC_SUFFIXES + (".html", ".htm")) for p in args.inputs):
        ap.error("sitrep extract reads text and JSON Lines only: ingest WARC and HTML inputs with --db, or "
                 "export them from a SQLite store (sitrep query --export jsonl)")
    missing = [p for p in args.inputs if not os.path.exists(p)]
    if missing:
        ap.error("no such input: " + ", ".join(missing))
    sitrep = os.path.abspath(args.sitrep)
    if not args.scheduler and not os.access(sitrep, os.X_OK):
        ap.error(f"no sitrep program at {sitrep} (build it, or give --sitrep PATH)")
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("sitrep_dask: no Dask here: apt-get install python3-distributed, and run this with /usr/bin/python3",
              file=sys.stderr)
        return 2
    parts = partitions(args.inputs, args.lines)
    repeated = repeated_ids(parts)
    if repeated:
        print(f"sitrep_dask: warning: {len(repeated)} article ids occur more than once (e.g. "
              f"{sorted(repeated)[0]!r}); one of each is stored, and which one depends on the order the partitions "
              f"run, unless their texts are the same", file=sys.stderr)
    if args.scheduler:
        client = Client(args.scheduler, timeout=30)
    else:
        client = Client(LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                     dashboard_address=None))
    with client:
        done, failures = run(client, parts, sitrep, args.db, args.extract_to and os.path.abspath(args.extract_to),
                             args.retries, args.batch)
    for f in failures:
        print(f"sitrep_dask: {f}", file=sys.stderr)
    print(f"sitrep_dask: {len(done)} of {len(parts)} partitions done, {len(failures)} with problems",
          file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
