#!/usr/bin/env bash
# The end-to-end test of `sitrep serve` (a CTest test): stores the seed
# article and the test articles, serves them on a free loopback port, and
# runs article_view.mjs in headless Chromium against it.
#   run_e2e.sh SITREP_BINARY REPO_DIR OUT_DIR
# Skips (exit 77) when Chromium or playwright-core is missing, except under
# CI, where setup.sh installs both and a missing one is a failure.
set -euo pipefail
sitrep=$1 repo=$2 out=$3
here="$(cd "$(dirname "$0")" && pwd)"
missing=""
[ -x /usr/bin/chromium ] || missing="/usr/bin/chromium (apt-get install chromium)"
command -v node > /dev/null || missing="node"
[ -d "$here/node_modules/playwright-core" ] || missing="playwright-core (cd tests/e2e && npm ci)"
if [ -n "$missing" ]; then
  echo "serve e2e: missing $missing; run ./setup.sh"
  [ "${CI:-}" = true ] && exit 1
  exit 77
fi
mkdir -p "$out"
work="$(mktemp -d)"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2> /dev/null && wait "$server" 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT
"$sitrep" ingest "$repo/examples/haliva-resigns.txt" --date 2024-04-22 --db "$work/e2e.db" -q
"$sitrep" ingest "$repo/tests/data/articles.jsonl" --db "$work/e2e.db" -q
"$sitrep" serve --db "$work/e2e.db" --port 0 > "$work/serve.out" 2> "$work/serve.err" &
server=$!
url=""
for _ in $(seq 100); do
  url="$(grep -so 'http://127.0.0.1:[0-9]*' "$work/serve.out" || true)"
  [ -n "$url" ] && break
  kill -0 "$server" 2> /dev/null || { cat "$work/serve.err"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "serve e2e: the server did not start"; cat "$work/serve.err"; exit 1; }
timeout 120 node "$here/article_view.mjs" "$url" "$out"
