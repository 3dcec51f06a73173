#!/usr/bin/env bash
# The latency of sitrep serve's routes on a SQLite store and on a PostgreSQL
# archive of the same corpus (issue 20).
#
#   scripts/serve_bench_pg.sh [SITREP] [RUNS]
#
# Builds the 50 MB benchmark corpus and its SQLite store as
# scripts/serve_bench.sh does (kept in /tmp/sitrep-serve-bench/), ingests the
# corpus into a throwaway PostgreSQL server (tests/pg_fixture.sh: Unix socket,
# fsync off) and ANALYZEs it, then runs serve_bench.sh's single requests
# (SINGLES, default 30, one after another on one connection; no wrk) RUNS
# times (default 3) on each, alternating, and prints each route's p50 and p99
# (medians of the runs) on both, and PostgreSQL's p50 over SQLite's.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sitrep=$(realpath "${1:-$here/../build/sitrep}")
runs=${2:-3}
mb=${MB:-50}
dir=/tmp/sitrep-serve-bench
corpus=$dir/corpus$mb.jsonl db=$dir/a$mb.db
mkdir -p "$dir"
[ -f "$corpus" ] || python3 "$here/make_bench_corpus.py" --mb "$mb" --out "$corpus"
[ -f "$db" ] || "$sitrep" ingest "$corpus" --db "$db" --threads "$(nproc)" -q
source "$here/../tests/pg_fixture.sh"
work="$(mktemp -d)"
cleanup_more() { rm -rf "$work"; }
start_postgres
new_database bench
start=$(date +%s)
"$sitrep" ingest "$corpus" --db "$pg_url" --threads "$(nproc)" -q
psql_do "$pg_url" -c "VACUUM ANALYZE" > /dev/null
echo "serve_bench_pg: ingested $corpus into PostgreSQL in $(($(date +%s) - start)) s"
for r in $(seq "$runs"); do
  for backend in sqlite postgres; do
    target=$([ $backend = sqlite ] && echo "$db" || echo "$pg_url")
    DURATION=0 "$here/serve_bench.sh" "$sitrep" "$target" > "$work/$backend.$r"
    head -1 "$work/$backend.$r"
  done
done
# route p50 p99 per run → medians.
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf '%-16s %12s %12s %12s %12s %8s\n' route "sqlite p50" "sqlite p99" "pg p50" "pg p99" "pg/sqlite"
for route in $(awk 'NR > 2 { print $1 }' "$work/sqlite.1"); do
  declare -A m=()
  for backend in sqlite postgres; do
    for col in 2 3; do
      m[$backend$col]=$(for r in $(seq "$runs"); do awk -v n="$route" -v c="$col" '$1 == n { print $c }' "$work/$backend.$r"; done |
                        median)
    done
  done
  [ -n "${m[postgres2]}" ] || continue
  printf '%-16s %12s %12s %12s %12s %7.1fx\n' "$route" "${m[sqlite2]}" "${m[sqlite3]}" "${m[postgres2]}" "${m[postgres3]}" \
    "$(awk -v a="${m[postgres2]}" -v b="${m[sqlite2]}" 'BEGIN { print (b > 0 ? a / b : 0) }')"
done
