#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz harnesses into tests/fuzz/corpus/NAME/.

usage: python3 scripts/fuzz_seeds.py      (from the project root)

Seeds come from tests/data (articles, the archived page, lexicons) and are
small, so the fuzzers start from well-formed input of every kind and CTest
replays them quickly. Output is deterministic. Inputs that a fuzzer once failed
on are added to the same folders by hand (named crash-*, timeout-*, oom-*) and
are kept: this script only writes seed-* files.
"""
import glob
import gzip
import io
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus")


def write(harness, name, data):
    d = os.path.join(OUT, harness)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as g:
        g.write(data)
    return buf.getvalue()


def zstd(data):
    # The zstd command (Debian's zstd) when present; else no zstd seed.
    try:
        return subprocess.run(["zstd", "-q", "-c", "-3"], input=data, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def warc_record(kind, uri, block, length=None):
    length = len(block) if length is None else length
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-06-04T10:00:00Z\r\n"
            f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {length}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def main():
    articles = sorted(glob.glob(os.path.join(ROOT, "tests", "data", "articles", "*.txt")))[:4]
    lines = read("tests/data/articles.jsonl").splitlines(keepends=True)
    page = read("tests/data/archive/lagos-floods.html")

    # JSON: records, arrays, numbers, escapes.
    write("json", "article", lines[0])
    write("json", "values", '[1, -0.5e3, 1234567890123456789, "\\u00e9\\ud83d\\ude00", true, false, null, {"a": [{}]}]')
    write("json", "nested", "[" * 20 + "]" * 20)

    # JSON Lines: a few articles, a bad line, a blank line, numbers as ids.
    write("jsonl", "articles", b"".join(lines[:3]))
    write("jsonl", "mixed", b'{"id": 12345678901234567890, "text": "Rain in Lagos."}\n\n{not json}\n'
                            b'{"text": "x", "date": "2024-13-40"}\n{"title": "no text"}\n')

    # HTML: the archived news page, and small shapes.
    write("html", "page", page)
    write("html", "shapes", "<html><head><title>T</title><meta property='og:title' content='O'></head><body>"
                            "<article><h1>H</h1><p>One <b>two <i>three</p><table><tr><td>x<td>y</table>"
                            "<script>var a = '</p>';</script><!-- c --><p>Caf\u00e9</article></body></html>")

    # WARC: a request, an HTML response (plain, chunked, gzip), an image, a 404.
    resp = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
    chunked = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" +
               b"%x\r\n" % len(page) + page + b"\r\n0\r\n\r\n")
    gzipped = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + gz(page)
    warc = (warc_record("request", "https://example.org/a", b"GET /a HTTP/1.1\r\n\r\n") +
            warc_record("response", "https://example.org/a", resp) +
            warc_record("response", "https://example.org/b", chunked) +
            warc_record("response", "https://example.org/c", gzipped) +
            warc_record("response", "https://example.org/logo.png", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG") +
            warc_record("response", "https://example.org/gone", b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>no</p>"))
    write("warc", "crawl", warc)
    write("warc", "bad-length", warc_record("response", "https://example.org/x", resp, length=len(resp) + 900) +
          warc_record("response", "https://example.org/y", resp))

    # Compressed streams: gzip (two members), zstd, and plain text.
    text = b"".join(lines[:2])
    write("compressed", "gzip", gz(text[:500]) + gz(text[500:]))
    z = zstd(text)
    if z:
        write("compressed", "zstd", z)
    write("compressed", "plain", text[:800])

    # Text and the whole pipeline: articles, and text that ends abruptly.
    for path in articles:
        name = os.path.splitext(os.path.basename(path))[0]
        body = read(os.path.relpath(path, ROOT))
        write("text", name, body)
        write("pipeline", name, b"\x02" + body)
    write("pipeline", "bracket-end", b"\x01Match report\n\nIreland beat Scotland on Saturday. "
                                     b"The referee was Joel Jutge (France)")
    write("text", "quotes", "\u201cWe will not leave,\u201d he said. \u2018Yes\u2019 \u2014 U.S. Maj. Gen. J. Smith\u2026 "
                            "34,000 people; 2023-10-07 10:30 http://example.org/x?y=1 \U0001F600")

    # TSV lexicons: small files of data/.
    for name in ("pronouns", "abbreviations", "event_light_verbs", "claim_hedges"):
        write("tsv", name, read(f"data/{name}.tsv"))

    # serve: one request target per route.
    for i, target in enumerate([
            "/api/health", "/api/search?q=%22military%20intelligence%22", "/api/articles?q=rain&limit=5&offset=2",
            "/api/articles/congo-m23-butembo", "/api/entities?q=Ke&type=GPE", "/api/entities/Kenya",
            "/api/events?event=ASSAULT&since=2023-10-01&until=2025-01-01&limit=50", "/api/quotes?speaker=x&q=said",
            "/api/claims?kind=killed&entity=Sudan", "/api/claims/kinds", "/api/aggregates/pairs?by=day",
            "/api/aggregates/network?event=19", "/api/aggregates/figures?kind=killed", "/api/nope?x=%ff%fe",
            "/app.js"]):
        write("serve", f"route-{i:02d}", target + "\n")


if __name__ == "__main__":
    main()
