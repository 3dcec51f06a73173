#!/usr/bin/env bash
# The PostgreSQL archive against a real, throwaway PostgreSQL server (tests/pg_fixture.sh):
#   pg_archive_test.sh SITREP PYTHON CORPUS.jsonl...
# - the corpus ingested into PostgreSQL and into SQLite holds the same rows in
#   every table (counts and content hashes, tests/pg_compare.py);
# - ingesting it again adds nothing; nor do two processes ingesting it at once
#   into a new database (no article and no child row twice);
# - sitrep query gives the same entity, event, claim and figures rows on both;
#   a full-text query finds the articles that hold the word;
# - a database of another schema version is refused, and so is one with a
#   table 'articles' that is not sitrep's, each with a message that says so;
# - an unreachable server fails fast (connect_timeout) with a clear message.
# Skips (77) without the server's programs, except under CI=true.
set -euo pipefail
sitrep=$1 python=$2
shift 2
corpus=("$@")
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/pg_fixture.sh"
work="$(mktemp -d)"
cleanup_more() { rm -rf "$work"; }
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
start_postgres
compare() {
  "$python" "$here/pg_compare.py" "$1" "$2" --psql "$pg_bin/psql" || fail "$3: the archives differ"
}
count() { psql_do "$1" -At -c "SELECT count(*) FROM $2"; }

echo "== the corpus into SQLite and into PostgreSQL"
"$sitrep" ingest "${corpus[@]}" --db "$work/ref.db" -q
new_database one
"$sitrep" ingest "${corpus[@]}" --db "$pg_url" -q || fail "ingest into PostgreSQL: exit code $?"
compare "$work/ref.db" "$pg_url" "one ingest"
pg_one="$pg_url"
articles=$(count "$pg_url" articles) mentions=$(count "$pg_url" mention_rows)
[ "$articles" -gt 100 ] || fail "only $articles articles stored"

echo "== ingest again: nothing is added"
"$sitrep" ingest "${corpus[@]}" --db "$pg_url" 2> "$work/again.err" || fail "ingest again: exit code $?"
grep -q "stored 0 articles" "$work/again.err" || fail "ingest again stored something: $(cat "$work/again.err")"
[ "$(count "$pg_url" articles)" = "$articles" ] && [ "$(count "$pg_url" mention_rows)" = "$mentions" ] ||
  fail "ingest again changed the counts"
compare "$work/ref.db" "$pg_url" "ingest again"

echo "== two processes ingesting the same corpus at once into a new database"
new_database two
"$sitrep" ingest "${corpus[@]}" --db "$pg_url" -q --threads 1 --batch 7 &
first=$!
"$sitrep" ingest "${corpus[@]}" --db "$pg_url" -q --threads 1 --batch 5 || fail "the second concurrent ingest failed"
wait $first || fail "the first concurrent ingest failed"
compare "$work/ref.db" "$pg_url" "two concurrent ingests"

echo "== queries give the same rows on both"
pg_url="$pg_one"
for q in "--entity Obama" "--event 19" "--event ASSAULT" "--claim killed" "--figures killed" "--by day" "--speaker Obama"; do
  # --duplicates: the PostgreSQL archive does not link wire copies.
  "$sitrep" query --db "$work/ref.db" $q --format jsonl --duplicates > "$work/sqlite.jsonl"
  "$sitrep" query --db "$pg_url" $q --format jsonl --duplicates > "$work/pg.jsonl" || fail "query $q: exit code $?"
  [ -s "$work/pg.jsonl" ] || fail "query $q: no rows"
  # The order within group_concat (types, units) is SQLite's arbitrary one; string_agg sorts.
  sed -i -E 's/,"(units|types)":"[^"]*"//' "$work/sqlite.jsonl" "$work/pg.jsonl"
  # Stories are found by the SQLite store only; a PostgreSQL row's story is null.
  grep -q '"story":[0-9]' "$work/pg.jsonl" && fail "query $q: a PostgreSQL row has a story"
  sed -i -E 's/,"story":(null|[0-9]+)//' "$work/sqlite.jsonl" "$work/pg.jsonl"
  # A speaker's quotes are ordered by date and article only: within an article, in either database's order.
  if [ "$q" = "--speaker Obama" ]; then
    sort -o "$work/sqlite.jsonl" "$work/sqlite.jsonl"
    sort -o "$work/pg.jsonl" "$work/pg.jsonl"
  fi
  cmp -s "$work/sqlite.jsonl" "$work/pg.jsonl" || fail "query $q: the rows differ: $(diff "$work/sqlite.jsonl" "$work/pg.jsonl" | head -4)"
  echo "  $q: $(wc -l < "$work/pg.jsonl") rows, the same"
done
"$sitrep" query --db "$pg_url" --text displaced --format jsonl > "$work/text.jsonl" || fail "query --text: exit code $?"
n=$(wc -l < "$work/text.jsonl")
[ "$n" -gt 0 ] || fail "query --text displaced: no rows"
[ "$(grep -c '\[displaced\]' "$work/text.jsonl")" = "$n" ] || fail "query --text: a snippet without the word"
echo "  --text displaced: $n articles, each snippet marks the word"

echo "== a database of another schema version is refused"
psql_do "$pg_url" -c "UPDATE sitrep_meta SET value = '99' WHERE key = 'schema'"
for cmd in "ingest ${corpus[0]}" "query --entity Obama"; do
  if "$sitrep" $cmd --db "$pg_url" > /dev/null 2> "$work/version.err"; then fail "$cmd: a version 99 archive was not refused"; fi
  grep -q "schema version 99" "$work/version.err" || fail "$cmd: the refusal does not name the version: $(cat "$work/version.err")"
done
echo "  $(head -1 "$work/version.err")"

echo "== a database that is not a sitrep archive"
new_database other
psql_do "$pg_url" -c "CREATE TABLE articles(x int)"
if "$sitrep" ingest "${corpus[0]}" --db "$pg_url" -q 2> "$work/other.err"; then fail "a foreign 'articles' table was written to"; fi
grep -q "not a sitrep archive" "$work/other.err" || fail "no clear message for a foreign database: $(cat "$work/other.err")"
new_database empty
if "$sitrep" query --db "$pg_url" --entity Obama 2> "$work/empty.err"; then fail "query on an empty database succeeded"; fi
grep -q "no sitrep archive" "$work/empty.err" || fail "no clear message for an empty database: $(cat "$work/empty.err")"

echo "== an unreachable server fails fast"
# A port that takes connections and never answers: only connect_timeout ends the wait.
"$python" -c "
import socket, sys, time
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(8)
open(sys.argv[1], 'w').write(str(s.getsockname()[1])); time.sleep(120)" "$work/port" &
silent=$!
cleanup_more() { kill $silent 2> /dev/null || true; rm -rf "$work"; }
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
for url in "postgresql://nobody@127.0.0.1:1/x?connect_timeout=2" "host=/nonexistent dbname=x connect_timeout=2" \
           "postgresql://nobody@127.0.0.1:$(cat "$work/port")/x?connect_timeout=2"; do
  start=$(date +%s)
  rc=0
  timeout 30 "$sitrep" ingest "${corpus[0]}" --db "$url" -q 2> "$work/down.err" || rc=$?
  secs=$(($(date +%s) - start))
  [ $rc -ne 0 ] && [ $rc -ne 124 ] || fail "$url: exit code $rc (expected a failure, not a hang)"
  [ $secs -le 10 ] || fail "$url: took $secs s"
  grep -q "cannot connect to the PostgreSQL archive" "$work/down.err" || fail "$url: unclear message: $(cat "$work/down.err")"
  echo "  $url: exit $rc in ${secs}s: $(head -c 160 "$work/down.err")"
done

echo "$failures failures"
[ $failures -eq 0 ]
