#!/usr/bin/env bash
# The end-to-end test of `sitrep serve` (a CTest test): stores the seed
# article, the test articles and the story articles, serves them on a free
# loopback port, and runs article_view.mjs and story_view.mjs in headless
# Chromium against it (SERVE_BACKEND=postgres: a PostgreSQL archive, the
# article view only).
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
. "$here/../serve_fixture.sh"
# The seed article and the test articles, and three articles of one story
# (story_articles.jsonl, for story_view.mjs).
# With SERVE_BACKEND=postgres, into a throwaway PostgreSQL archive, which
# keeps no stories: the article view only.
new_archive e2e
"$sitrep" ingest "$repo/examples/haliva-resigns.txt" --date 2024-04-22 --db "$db" -q
# The story articles first: ingest assigns stories in input order, which should be date order,
# and the test articles include a later Congo article that must not take the ferry story's place.
"$sitrep" ingest "$here/story_articles.jsonl" "$repo/tests/data/articles.jsonl" --db "$db" -q
serve_store "$sitrep" "$db"
rc=0
timeout 120 node "$here/article_view.mjs" "$url" "$out" || rc=1
if [ "${SERVE_BACKEND:-sqlite}" != postgres ]; then
  timeout 120 node "$here/story_view.mjs" "$url" "$out" || rc=1
fi
exit $rc
