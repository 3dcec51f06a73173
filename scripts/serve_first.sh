#!/usr/bin/env bash
# The first request to each route of a freshly started `sitrep serve` (issue 19):
# what a user meets before anything is kept (serve_bench.sh times the routes
# after one request).
#
#   scripts/serve_first.sh SITREP DB [PATH...]
#
# Starts a server on DB, waits $WAIT seconds (default 5: its start-up reading),
# then asks for each PATH once, in order, and prints the time of each; $RUNS
# times (default 3), each with a new server. Without PATHs: an entity's page,
# the network, the pairs of an actor, a smaller entity's page and a second page
# of mentions.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sitrep=$1 db=$2
shift 2
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(/api/entities/Apple /api/aggregates/network "/api/aggregates/pairs?actor=USA"
  /api/entities/Toyota "/api/entities/Apple?offset=100")
command -v curl > /dev/null || { echo "serve_first: curl is missing (apt-get install curl)"; exit 1; }
. "$here/../tests/serve_fixture.sh"
for run in $(seq "${RUNS:-3}"); do
  serve_store "$sitrep" "$db"
  sleep "${WAIT:-5}"
  echo "run $run (load $(cut -d' ' -f1-3 /proc/loadavg))"
  for p in "${paths[@]}"; do curl -s -o /dev/null -w "  %{http_code} %{time_total} s  $p\n" "$url$p"; done
  kill "$server" && wait "$server" 2> /dev/null || true
  server=""
done
