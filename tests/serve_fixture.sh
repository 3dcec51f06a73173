# Sourced by the serve tests (tests/e2e/run_e2e.sh, tests/load/run_load.sh) and
# scripts/serve_bench.sh and serve_wal.sh:
#   start_server SITREP REPO NAME [SERVE_ARGS...]
# stores the seed article and tests/data/articles.jsonl in a new store, starts
# `sitrep serve` on a free loopback port and sets $url (http://127.0.0.1:PORT)
# and $port; the server is stopped and the store removed when the shell exits.
#   serve_store SITREP DB [SERVE_ARGS...]
# serves an existing store the same way (scripts/serve_bench.sh, serve_wal.sh).
# A caller's background $load processes (wrk) are stopped on exit too.
#   new_archive NAME
# sets $db to a new archive to ingest into: $work/NAME.db, or with
# SERVE_BACKEND=postgres a database of a throwaway PostgreSQL server
# (tests/pg_fixture.sh, started at the first call; skips the test without it).
work="$(mktemp -d)"
server=""
load=""
cleanup() {
  [ -n "$load" ] && kill $load 2> /dev/null
  [ -n "$server" ] && kill "$server" 2> /dev/null && wait "$server" 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT
serve_store() {
  local sitrep=$1 db=$2
  shift 2
  "$sitrep" serve --db "$db" --port 0 "$@" > "$work/serve.out" 2> "$work/serve.err" &
  server=$!
  url=""
  for _ in $(seq 100); do
    url="$(grep -so 'http://127.0.0.1:[0-9]*' "$work/serve.out" || true)"
    [ -n "$url" ] && break
    kill -0 "$server" 2> /dev/null || { cat "$work/serve.err"; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { echo "serve $db: the server did not start"; cat "$work/serve.err"; exit 1; }
  port="${url##*:}"
}
new_archive() {
  if [ "${SERVE_BACKEND:-sqlite}" != postgres ]; then
    db="$work/$1.db"
    return
  fi
  if [ -z "${pg_server:-}" ]; then
    . "$(dirname "${BASH_SOURCE[0]}")/pg_fixture.sh"
    # pg_fixture.sh's exit trap stops the server after this file's clean-up.
    cleanup_more() { cleanup; }
    start_postgres
  fi
  new_database "$1"
  db=$pg_url
}
start_server() {
  local sitrep=$1 repo=$2 name=$3
  shift 3
  new_archive "$name"
  "$sitrep" ingest "$repo/examples/haliva-resigns.txt" --date 2024-04-22 --db "$db" -q
  "$sitrep" ingest "$repo/tests/data/articles.jsonl" --db "$db" -q
  serve_store "$sitrep" "$db" "$@"
}
