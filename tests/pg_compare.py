#!/usr/bin/env python3
"""Compares a PostgreSQL archive with a SQLite store of the same input, table by table.

usage: pg_compare.py SQLITE_DB POSTGRES_URL [--psql PATH]

For articles and every layer table (entities, mentions, quotes, reported speech,
claims, times, events, tones, entity tones) it counts the rows and hashes their
content, with each row's article key replaced by the article's id (keys are
local to a database) and quotes numbered within their article (SQLite orders
them by rowid, PostgreSQL by seq). Columns that differ by design are left out:
the article key, `added`, and the wire-copy link (duplicate_of, minhash), which
the PostgreSQL archive does not keep. Reads PostgreSQL through psql (COPY ...
TO STDOUT), so it needs nothing beyond the standard library.

Prints one line per table and exits 1 when any count or hash differs; also
usable as a module (digest_sqlite, digest_postgres).
"""
import argparse
import hashlib
import sqlite3
import subprocess
import sys

INT, REAL, TEXT = "int", "real", "text"
# table: [(column, type)] after the article's id; "ord" is the quote's place in its article.
TABLES = {
    "articles": [("url", TEXT), ("title", TEXT), ("date", TEXT), ("text", TEXT), ("content_hash", TEXT)],
    "entity_rows": [("seq", INT), ("entity_id", TEXT), ("type", TEXT), ("name", TEXT), ("actor_code", TEXT),
                    ("title", TEXT), ("role", TEXT), ("country", TEXT), ("mention_count", INT)],
    "mention_rows": [("seq", INT), ("entity_id", TEXT), ("start", INT), ('"end"', INT), ("text", TEXT),
                     ("kind", TEXT)],
    "quote_rows": [("ord", INT), ("start", INT), ('"end"', INT), ("text", TEXT), ("speaker", TEXT), ("cue", TEXT),
                   ("kind", TEXT)],
    "reported_rows": [("seq", INT), ("start", INT), ('"end"', INT), ("text", TEXT), ("speaker", TEXT),
                      ("cue", TEXT), ("kind", TEXT)],
    "claim_rows": [("seq", INT), ("kind", TEXT), ("value", REAL), ("qualifier", TEXT), ("unit", TEXT),
                   ("source", TEXT), ("actor", TEXT), ("date", TEXT), ("start", INT), ('"end"', INT),
                   ("text", TEXT)],
    "time_rows": [("seq", INT), ("start", INT), ('"end"', INT), ("text", TEXT), ("value", TEXT)],
    "event_rows": [("seq", INT), ("source", TEXT), ("target", TEXT), ("cameo", TEXT), ("plover", TEXT),
                   ("negated", INT), ("modality", TEXT), ("date", TEXT), ("start", INT), ('"end"', INT),
                   ("text", TEXT)],
    "tone_rows": [("tone", REAL), ("positive", REAL), ("negative", REAL), ("polarity", REAL), ("activity", REAL),
                  ("self_group", REAL), ("words", INT)],
    "entity_tone_rows": [("entity_id", TEXT), ("toward", REAL), ("sentences", INT), ("stance", REAL),
                         ("quotes", INT)],
}


def select(table, backend):
    cols = TABLES[table]
    if table == "articles":
        return "SELECT id, " + ", ".join(c for c, _ in cols) + " FROM articles"
    names = []
    for c, _ in cols:
        if c == "ord":
            order = "t.rowid" if backend == "sqlite" else "t.seq"
            names.append(f"row_number() OVER (PARTITION BY t.article ORDER BY {order}) - 1")
        else:
            names.append("t." + c)
    return f"SELECT a.id, {', '.join(names)} FROM {table} t JOIN articles a ON a.key = t.article"


def typed(value, kind):
    if value is None:
        return None
    if kind == INT:
        return int(value)
    if kind == REAL:
        return float(value)
    return str(value)


def summarise(rows_by_table):
    out = {}
    for table, rows in rows_by_table.items():
        rows.sort(key=repr)
        out[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()[:16])
    return out


def digest_sqlite(path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    result = {}
    for table, cols in TABLES.items():
        kinds = [TEXT] + [k for _, k in cols]
        result[table] = [tuple(typed(v, k) for v, k in zip(r, kinds)) for r in con.execute(select(table, "sqlite"))]
    con.close()
    return summarise(result)


def unescape_copy(field):
    if field == "\\N":
        return None
    if "\\" not in field:
        return field
    out, i = [], 0
    escapes = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\", "b": "\b", "f": "\f", "v": "\v"}
    while i < len(field):
        c = field[i]
        if c == "\\" and i + 1 < len(field):
            out.append(escapes.get(field[i + 1], field[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def digest_postgres(url, psql="psql"):
    result = {}
    for table, cols in TABLES.items():
        kinds = [TEXT] + [k for _, k in cols]
        p = subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c",
                            f"COPY ({select(table, 'postgres')}) TO STDOUT"],
                           capture_output=True, timeout=600)
        if p.returncode != 0:
            raise RuntimeError(f"psql failed on {table}: {p.stderr.decode(errors='replace')}")
        rows = []
        for line in p.stdout.decode("utf-8").split("\n"):
            if not line:
                continue
            fields = [unescape_copy(f) for f in line.split("\t")]
            rows.append(tuple(typed(v, k) for v, k in zip(fields, kinds)))
        result[table] = rows
    return summarise(result)


def compare(a, b, name_a="sqlite", name_b="postgres", out=sys.stdout):
    same = True
    for table in TABLES:
        ok = a[table] == b[table]
        same &= ok
        print(f"  {table:17} {name_a} {a[table][0]:7} rows {a[table][1]}  {name_b} {b[table][0]:7} rows "
              f"{b[table][1]}  {'same' if ok else 'DIFFERENT'}", file=out)
    return same


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sqlite_db")
    ap.add_argument("postgres_url")
    ap.add_argument("--psql", default="psql")
    args = ap.parse_args()
    same = compare(digest_sqlite(args.sqlite_db), digest_postgres(args.postgres_url, args.psql))
    print("same content" if same else "the archives differ")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
