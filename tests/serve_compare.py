#!/usr/bin/env python3
"""Compares the JSON API of two `sitrep serve` servers of the same input: a SQLite store and a PostgreSQL archive.

usage: serve_compare.py SQLITE_URL POSTGRES_URL

Asks both for every route of src/serve/api.h with the parameters that the API tests use (tests/serve_test.cc,
tests/e2e, tests/load): lists with and without each filter and page, every article's view, the pages of the most
named entities, the aggregates, and the errors (400, 404). The answers must be the same JSON, but for what differs by
design (README, "A shared archive: PostgreSQL"):
  - a PostgreSQL archive keeps no stories: the `story` of a row or a record is left out of both answers, health's
    `stories` too; its story list must be empty and each story a 404 that says why;
  - a search ranks by ts_rank_cd, not BM25: the same articles (with the same snippets) and entities, in any order;
  - /api/articles?q= gives each database's own snippet (FTS5's snippet(), ts_headline): the rows without it.
Prints each difference (the first few lines of each) and exits 1 when there is any; first checks that it tells two
different answers apart, so that it cannot pass by comparing nothing.
"""
import json
import sys
import urllib.error
import urllib.parse
import urllib.request


def get(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=60) as r:
            return r.status, json.loads(r.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read().decode("utf-8"))


def without_story(v):
    """The answer without stories (`story` keys, and health's `stories`); the lists of `units` and `types` (SQLite's
    group_concat gives them in the order met, PostgreSQL's string_agg sorted) as sorted lists."""
    if isinstance(v, dict):
        return {k: (",".join(sorted(x.split(","))) if k in ("units", "types") and isinstance(x, str) else
                    without_story(x)) for k, x in v.items() if k not in ("story", "stories")}
    if isinstance(v, list):
        return [without_story(x) for x in v]
    return v


def quotes_by_article(rows):
    """Quotes in date and article order; within one article in no set order (api.h): sorted for the comparison.
    The order of articles is kept, and compared."""
    return sorted(rows, key=lambda r: (r.get("date") or "", r.get("article") or "", json.dumps(r, sort_keys=True)))


def quotes_normalised(body):
    if isinstance(body.get("quotes"), list):
        body = {**body, "quotes": quotes_by_article(body["quotes"]),
                "quote_articles": [(r.get("date"), r.get("article")) for r in body["quotes"]]}
    if isinstance(body.get("rows"), list):
        body = {**body, "rows": quotes_by_article(body["rows"]),
                "row_articles": [(r.get("date"), r.get("article")) for r in body["rows"]]}
    return body


def first_difference(a, b, where="$"):
    if type(a) is not type(b):
        return f"{where}: {json.dumps(a)[:200]} != {json.dumps(b)[:200]}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{where}.{k}: only on {'SQLite' if k in a else 'PostgreSQL'}"
            d = first_difference(a[k], b[k], f"{where}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
        if len(a) != len(b):
            return f"{where}: {len(a)} items on SQLite, {len(b)} on PostgreSQL"
        return None
    return None if a == b else f"{where}: {json.dumps(a)[:200]} != {json.dumps(b)[:200]}"


class Compare:
    def __init__(self, sqlite, postgres):
        self.sqlite, self.postgres = sqlite, postgres
        self.compared, self.failures = 0, []

    def fetch(self, path):
        s_status, s_body = get(self.sqlite, path)
        p_status, p_body = get(self.postgres, path)
        return (s_status, without_story(s_body)), (p_status, without_story(p_body))

    def check(self, path, normalise=lambda body: body):
        (s_status, s_body), (p_status, p_body) = self.fetch(path)
        self.compared += 1
        if s_status != p_status:
            self.failures.append(f"{path}: status {s_status} on SQLite, {p_status} on PostgreSQL: "
                                 f"{json.dumps(p_body)[:200]}")
            return s_body
        d = first_difference(normalise(s_body), normalise(p_body))
        if d:
            self.failures.append(f"{path}: {d}")
        return s_body


def search_normalised(body):
    """A search: the same articles and entities; their order is each database's ranking."""
    if "articles" not in body:
        return body
    out = dict(body)
    arts = dict(body["articles"])
    arts["rows"] = sorted(arts["rows"], key=lambda r: r["article"])
    out["articles"] = arts
    return out


def without_snippet(body):
    if "rows" in body:
        return {**body, "rows": [{k: v for k, v in r.items() if k != "snippet"} for r in body["rows"]]}
    return body


def q(path, **params):
    return path + ("?" + urllib.parse.urlencode(params) if params else "")


def main():
    sqlite, postgres = sys.argv[1].rstrip("/"), sys.argv[2].rstrip("/")
    # The comparison tells different answers apart: a page of 5 events is not one of 6.
    a, b = get(sqlite, q("/api/events", limit=5))[1], get(postgres, q("/api/events", limit=6))[1]
    if first_difference(without_story(a), without_story(b)) is None:
        print("FAIL: the comparison finds no difference between two different pages")
        return 1
    c = Compare(sqlite, postgres)

    c.check("/api/health")
    # Every article (the list, paged), and each one's view: its text and record.
    ids, offset = [], 0
    while True:
        page = c.check(q("/api/articles", limit=200, offset=offset))
        ids += [r["article"] for r in page.get("rows", [])]
        if not page.get("more"):
            break
        offset += 200
    for article in ids:
        c.check("/api/articles/" + urllib.parse.quote(article, safe=""))
    for params in [dict(limit=7), dict(limit=7, offset=7), dict(since="2024-10-01"), dict(until="2024-10-01"),
                   dict(since="2024-06-01", until="2025-01-31", limit=5), dict(entity="Hamas"),
                   dict(entity="Israel", since="2024-01-01"), dict(entity="no such entity")]:
        c.check(q("/api/articles", **params))
    for text in ["military intelligence", '"military intelligence"', "killed", "resigned OR resignation"]:
        c.check(q("/api/articles", q=text), without_snippet)

    # Entities: the list, prefixes, types; the pages of the most named, with pages of their mentions.
    top = c.check(q("/api/entities", limit=200))
    for params in [dict(limit=5, offset=3), dict(type="PERSON"), dict(type="GPE", limit=50), dict(q="Is"),
                   dict(q="ha", type="PERSON"), dict(q="zzz")]:
        c.check(q("/api/entities", **params))
    names = [r["name"] for r in top.get("rows", [])][:40] + ["Haliva", "aharon haliva", "Netanyahu"]
    for name in names:
        c.check("/api/entities/" + urllib.parse.quote(name, safe=""), quotes_normalised)
    for name in names[:5]:
        c.check(q("/api/entities/" + urllib.parse.quote(name, safe=""), limit=3, offset=2), quotes_normalised)

    # Search: the same articles, snippets and entities (in each database's ranking), pages and dates.
    # (All of them: a page of a few would be another few in another ranking.)
    for params in [dict(q='"military intelligence"'), dict(q="Haliva"), dict(q="hostages"), dict(q="drone"),
                   dict(q="election"), dict(q="killed"), dict(q="killed", since="2024-10-01"),
                   dict(q="Israel", until="2024-12-31"), dict(q="nosuchwordanywhere"), dict(q="company OR airline")]:
        c.check(q("/api/search", limit=200, **params), search_normalised)
    # A page: as many articles, and whether there are more.
    for params in [dict(q="killed", limit=5), dict(q="killed", limit=5, offset=5), dict(q="said", limit=200)]:
        c.check(q("/api/search", **params), lambda b: {"n": len(b.get("articles", {}).get("rows", [])),
                                                      "more": b.get("articles", {}).get("more"),
                                                      "entities": b.get("entities")})

    # Events, quotes, claims: unfiltered (paged), and each filter.
    for params in [dict(), dict(limit=200), dict(limit=50, offset=50), dict(event="19"), dict(event="ASSAULT"),
                   dict(event="1"), dict(event="request"), dict(actor="ISR"), dict(actor="usa"),
                   dict(entity="Hamas"), dict(entity="Israel", since="2024-06-01", until="2025-03-01"),
                   dict(event="19", actor="ISR"), dict(event="ASSAULT", entity="Israel"),
                   dict(since="2025-01-01", limit=100)]:
        c.check(q("/api/events", **params))
    for params in [dict(), dict(limit=200), dict(limit=30, offset=30), dict(q="hostages"), dict(q='"ceasefire"'),
                   dict(since="2025-01-01")]:
        c.check(q("/api/quotes", **params))
    for params in [dict(speaker="Netanyahu"), dict(speaker="Haliva"), dict(speaker="Obama", q="war"),
                   dict(speaker="Apple", limit=200)]:
        c.check(q("/api/quotes", **params), quotes_normalised)
    for params in [dict(), dict(limit=200), dict(kind="killed"), dict(kind="killed", entity="Hamas"),
                   dict(kind="hostages"), dict(since="2024-09-01", until="2025-02-01")]:
        c.check(q("/api/claims", **params))
    c.check("/api/claims/kinds")

    # Aggregates.
    for params in [dict(), dict(event="19"), dict(actor="ISR"), dict(entity="Hamas"), dict(since="2024-10-01"),
                   dict(event="ASSAULT", until="2025-01-01")]:
        c.check(q("/api/aggregates/pairs", **params))
        c.check(q("/api/aggregates/network", **params))
    c.check(q("/api/aggregates/network", limit=5))
    for params in [dict(kind="killed"), dict(kind="killed", entity="Hamas"), dict(kind="hostages"),
                   dict(kind="injured", since="2024-06-01")]:
        c.check(q("/api/aggregates/figures", **params))

    # Errors: the same status and message.
    for path in ["/api/articles/no-such-article", "/api/entities/No%20Such%20Entity", "/api/nowhere",
                 q("/api/events", event="x1"), q("/api/events", limit=0), q("/api/search"),
                 q("/api/claims", entity="Hamas"), q("/api/articles", since="yesterday"), q("/api/health", x="1"),
                 q("/api/aggregates/figures"), "/api/stories/0", "/api/stories/abc"]:
        c.check(path)

    # Stories: none on PostgreSQL, said plainly.
    status, body = get(postgres, "/api/stories")
    c.compared += 1
    if status != 200 or body.get("rows") != [] or body.get("more") is not False:
        c.failures.append(f"/api/stories on PostgreSQL: {status} {json.dumps(body)[:200]} (want an empty list)")
    status, body = get(postgres, "/api/stories/1")
    c.compared += 1
    if status != 404 or "keeps no stories" not in body.get("error", ""):
        c.failures.append(f"/api/stories/1 on PostgreSQL: {status} {json.dumps(body)[:200]} (want a 404 that says why)")
    status, body = get(postgres, "/api/health")
    if body.get("stories") is not False:
        c.failures.append(f"/api/health on PostgreSQL: stories {body.get('stories')} (want false)")

    for f in c.failures[:40]:
        print("DIFFERS:", f)
    print(f"{c.compared} requests compared ({len(ids)} articles), {len(c.failures)} differ")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
