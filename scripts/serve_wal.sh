#!/usr/bin/env bash
# The WAL of a served store during a large ingest (issue 19): `sitrep serve`
# answers searches and article views under wrk while `sitrep ingest` writes
# the first N articles of a corpus into the same store; the -wal file's size
# is sampled every half second. Prints the largest and the final size, and
# fails when the largest reaches LIMIT_MB (default 64).
#
#   scripts/make_bench_corpus.py --mb 50 --out /tmp/corpus50.jsonl
#   scripts/serve_wal.sh build/sitrep /tmp/corpus50.jsonl [N=12000]
set -euo pipefail
sitrep=$1 corpus=$2 n=${3:-12000} limit=${LIMIT_MB:-64}
command -v wrk > /dev/null || { echo "serve_wal: wrk is missing (apt-get install wrk; setup.sh does)"; exit 1; }
. "$(dirname "$0")/../tests/serve_fixture.sh"
head -n 1 "$corpus" > "$work/first.jsonl"
head -n "$n" "$corpus" > "$work/part.jsonl"
db="$work/served.db"
"$sitrep" ingest "$work/first.jsonl" --db "$db" -q
# shellcheck disable=SC2086  # SERVE_ARGS: several options
serve_store "$sitrep" "$db" ${SERVE_ARGS:-}
id="$(sed -E 's/^\{"id": *"([^"]+)".*/\1/' "$work/first.jsonl")"
# Readers all along: each keeps the WAL in use while it reads.
wrk -t1 -c8 -d3600s --timeout 5s "$url/api/search?q=market" > /dev/null 2>&1 &
load="$!"
wrk -t1 -c8 -d3600s --timeout 5s "$url/api/articles/$id" > /dev/null 2>&1 &
load="$load $!"
"$sitrep" ingest "$work/part.jsonl" --db "$db" --threads "$(nproc)" -q &
ingest=$!
largest=0 samples=0
while kill -0 "$ingest" 2> /dev/null; do
  size=$(stat -c %s "$db-wal" 2> /dev/null || echo 0)
  [ "$size" -gt "$largest" ] && largest=$size
  samples=$((samples + 1))
  sleep 0.5
done
wait "$ingest"
kill $load 2> /dev/null || true
load=""
stored="$(curl -sf "$url/api/health" | sed -E 's/.*"articles":([0-9]+).*/\1/')"
after=$(stat -c %s "$db-wal" 2> /dev/null || echo 0)
kill "$server"
wait "$server" 2> /dev/null || true
server=""
final=$(stat -c %s "$db-wal" 2> /dev/null || echo 0)
awk -v l="$largest" -v a="$after" -v f="$final" -v n="$n" -v s="$stored" -v k="$samples" 'BEGIN {
  printf "serve_wal: %d articles ingested into a served store (%s served after): WAL at most %.1f MB over %d samples, %.1f MB at the end of the ingest, %.1f MB after serve stopped\n",
    n, s, l / 1048576, k, a / 1048576, f / 1048576 }'
awk -v l="$largest" -v m="$limit" 'BEGIN { exit !(l >= m * 1048576) }' && { echo "serve_wal: the WAL reached $limit MB"; exit 1; }
exit 0
