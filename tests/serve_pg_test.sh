#!/usr/bin/env bash
# sitrep serve on a PostgreSQL archive, against a real, throwaway PostgreSQL
# server (tests/pg_fixture.sh):
#   serve_pg_test.sh SITREP PYTHON REPO_DIR CORPUS.jsonl...
# - the seed article and the test articles (the API tests' input:
#   tests/serve_test.cc, tests/serve_fixture.sh) and the corpus, ingested into
#   a SQLite store and into PostgreSQL and each served: every API answer is
#   the same JSON but for what differs by design (tests/serve_compare.py);
# - PostgreSQL stopped under a running server: a request gets 503 with a
#   message that says so, and the server goes on; once PostgreSQL is back,
#   the same request is answered again;
# - an unreachable archive fails at start with a clear message, and
#   --allow-ingest (uploads go to a SQLite store only) is a usage error.
# Skips (77) without the server's programs, except under CI=true.
set -euo pipefail
sitrep=$1 python=$2 repo=$3
shift 3
corpus=("$@")
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/pg_fixture.sh"
work="$(mktemp -d)"
servers=""
cleanup_more() {
  for p in $servers; do kill "$p" 2> /dev/null && wait "$p" 2> /dev/null; done
  rm -rf "$work"
}
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
start_postgres
new_database serve

echo "== the same input into SQLite and into PostgreSQL"
for db in "$work/ref.db" "$pg_url"; do
  "$sitrep" ingest "$repo/examples/haliva-resigns.txt" --date 2024-04-22 --db "$db" -q
  "$sitrep" ingest "$repo/tests/data/articles.jsonl" "${corpus[@]}" --db "$db" -q
done
"$python" "$here/pg_compare.py" "$work/ref.db" "$pg_url" --psql "$pg_bin/psql" > /dev/null || fail "the archives differ"

# serve DB NAME: starts sitrep serve on a free port; sets $url.
serve() {
  "$sitrep" serve --db "$1" --port 0 --threads 4 > "$work/$2.out" 2> "$work/$2.err" &
  servers="$servers $!"
  url=""
  for _ in $(seq 100); do
    url="$(grep -so 'http://127.0.0.1:[0-9]*' "$work/$2.out" || true)"
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  echo "FAIL: serve $2 did not start: $(cat "$work/$2.err")"
  exit 1
}
serve "$work/ref.db" sqlite
sqlite_url=$url
serve "$pg_url" postgres
pg_serve_url=$url

echo "== every API answer is the same on both"
"$python" "$here/serve_compare.py" "$sqlite_url" "$pg_serve_url" || fail "the API answers differ"

# GET PATH from URL: "STATUS BODY".
fetch() {
  "$python" -c "
import sys, urllib.request, urllib.error
try:
    r = urllib.request.urlopen(sys.argv[1], timeout=30); print(r.status, r.read().decode())
except urllib.error.HTTPError as e:
    print(e.code, e.read().decode())" "$1$2"
}

echo "== PostgreSQL goes away under the server, and comes back"
pg_ctl_do() { as_postgres "$pg_bin/pg_ctl" -D "$pg_socket/data" -w -t 60 "$@" > /dev/null; }
pg_ctl_do -m fast stop
answer="$(fetch "$pg_serve_url" '/api/events?limit=3&since=2024-01-01')"
echo "  stopped: ${answer:0:220}"
[[ "$answer" == 503\ * ]] || fail "a request while PostgreSQL is down: not a 503: ${answer:0:200}"
grep -q '"error":"the PostgreSQL archive' <<< "$answer" || fail "the 503 does not say what is wrong: ${answer:0:200}"
answer="$(fetch "$pg_serve_url" '/api/articles/haliva-resigns')"
[[ "$answer" == 503\ * ]] || fail "an article view while PostgreSQL is down: not a 503: ${answer:0:200}"
kill -0 "${servers##* }" || fail "the server died with its database"
pg_ctl_do -l "$pg_socket/server.log" \
  -o "-c listen_addresses='' -k $pg_socket -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start
answer="$(fetch "$pg_serve_url" '/api/events?limit=3&since=2024-01-01')"
[[ "$answer" == 200\ * ]] || fail "PostgreSQL is back, and the request still fails: ${answer:0:200}"
[ "$(fetch "$pg_serve_url" '/api/events?limit=3&since=2024-01-01')" = "$(fetch "$sqlite_url" '/api/events?limit=3&since=2024-01-01' | sed -E 's/"story":[0-9]+/"story":null/g')" ] ||
  fail "PostgreSQL is back, and the answer differs from SQLite's"
answer="$(fetch "$pg_serve_url" '/api/articles/haliva-resigns')"
[[ "$answer" == 200\ *'"Aharon Haliva"'* ]] || fail "PostgreSQL is back, and the article view fails: ${answer:0:200}"
echo "  back: ${answer:0:100}"

echo "== refusals at start"
rc=0
timeout 30 "$sitrep" serve --db "postgresql://nobody@/x?host=/nonexistent&connect_timeout=2" --port 0 \
  > /dev/null 2> "$work/down.err" || rc=$?
[ $rc -eq 1 ] || fail "an unreachable archive: exit code $rc, not 1"
grep -q "cannot connect to the PostgreSQL archive" "$work/down.err" || fail "an unreachable archive: $(cat "$work/down.err")"
echo "  $(head -c 160 "$work/down.err")"
rc=0
"$sitrep" serve --db "$pg_url" --allow-ingest --port 0 > /dev/null 2> "$work/upload.err" || rc=$?
[ $rc -eq 2 ] || fail "--allow-ingest on PostgreSQL: exit code $rc, not 2"
grep -q "SQLite store only" "$work/upload.err" || fail "--allow-ingest on PostgreSQL: $(cat "$work/upload.err")"

echo "$failures failures"
[ $failures -eq 0 ]
