#!/usr/bin/env bash
# Ingest into PostgreSQL with 1 and with 2 processes, and the query latency of
# store_benchmark's queries on PostgreSQL and on SQLite, on a throwaway server
# (tests/pg_fixture.sh: Unix socket; fsync off, as a test server).
#   scripts/bench_pg.sh SITREP CORPUS.jsonl [RUNS]
# Each figure is the median of RUNS runs (default 3). Two processes split the
# corpus in two halves by line (the Dask driver's partitions, without Dask),
# each `sitrep ingest --threads 1`; one process is `--threads 1` over it all.
set -euo pipefail
sitrep=$(realpath "$1")
corpus=$(realpath "$2")
runs=${3:-3}
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../tests/pg_fixture.sh"
work="$(mktemp -d)"
cleanup_more() { rm -rf "$work"; }
start_postgres
lines=$(wc -l < "$corpus")
head -n $((lines / 2)) "$corpus" > "$work/a.jsonl"
tail -n +$((lines / 2 + 1)) "$corpus" > "$work/b.jsonl"
now() { date +%s.%N; }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
n=0
for procs in 1 2; do
  for r in $(seq "$runs"); do
    n=$((n + 1))
    new_database "bench$n"
    t0=$(now)
    if [ $procs = 1 ]; then
      "$sitrep" ingest "$corpus" --db "$pg_url" --threads 1 -q
    else
      "$sitrep" ingest "$work/a.jsonl" --db "$pg_url" --threads 1 -q &
      "$sitrep" ingest "$work/b.jsonl" --db "$pg_url" --threads 1 -q
      wait $!
    fi
    echo "$(now) - $t0" | bc >> "$work/ingest$procs"
  done
  articles=$(psql_do "$pg_url" -At -c "SELECT count(*) FROM articles")
  echo "ingest, $procs process(es) x --threads 1: median $(median < "$work/ingest$procs") s for $articles articles" \
       "(runs: $(tr '\n' ' ' < "$work/ingest$procs"))"
done
one=$(median < "$work/ingest1") two=$(median < "$work/ingest2")
echo "speed-up with 2 processes: $(echo "scale=2; $one / $two" | bc)x"

# The same corpus in SQLite, for the query latencies.
"$sitrep" ingest "$corpus" --db "$work/ref.db" --threads 2 -q
echo "queries (median of 9 runs of sitrep query, process start and connection included):"
for q in "--entity Boeing" "--event 19" "--event ASSAULT" "--text airtanker"; do
  for db in "$work/ref.db" "$pg_url"; do
    rm -f "$work/q"
    for _ in $(seq 9); do
      t0=$(now)
      rows=$("$sitrep" query --db "$db" $q --format jsonl --limit 0 | wc -l)
      echo "$(now) - $t0" | bc >> "$work/q"
    done
    printf '  %-18s %-10s %6d rows  %.1f ms\n' "$q" "$([ "$db" = "$pg_url" ] && echo postgres || echo sqlite)" \
           "$rows" "$(echo "$(median < "$work/q") * 1000" | bc)"
  done
done
