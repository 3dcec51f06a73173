# Sourced by the serve tests (tests/e2e/run_e2e.sh, tests/load/run_load.sh):
#   start_server SITREP REPO NAME [SERVE_ARGS...]
# stores the seed article and tests/data/articles.jsonl in a new store, starts
# `sitrep serve` on a free loopback port and sets $url (http://127.0.0.1:PORT)
# and $port; the server is stopped and the store removed when the shell exits.
work="$(mktemp -d)"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2> /dev/null && wait "$server" 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT
start_server() {
  local sitrep=$1 repo=$2 name=$3
  shift 3
  "$sitrep" ingest "$repo/examples/haliva-resigns.txt" --date 2024-04-22 --db "$work/$name.db" -q
  "$sitrep" ingest "$repo/tests/data/articles.jsonl" --db "$work/$name.db" -q
  "$sitrep" serve --db "$work/$name.db" --port 0 "$@" > "$work/serve.out" 2> "$work/serve.err" &
  server=$!
  url=""
  for _ in $(seq 100); do
    url="$(grep -so 'http://127.0.0.1:[0-9]*' "$work/serve.out" || true)"
    [ -n "$url" ] && break
    kill -0 "$server" 2> /dev/null || { cat "$work/serve.err"; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { echo "serve $name: the server did not start"; cat "$work/serve.err"; exit 1; }
  port="${url##*:}"
}
