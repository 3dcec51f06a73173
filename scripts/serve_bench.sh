#!/usr/bin/env bash
# Times every API route of `sitrep serve` on a realistic archive (issue 19).
#
#   scripts/serve_bench.sh [SITREP] [DB]
#
# Without DB (or when DB does not exist yet) it builds the archive first:
# scripts/make_bench_corpus.py --mb $MB (default 50: about 26,000 articles
# from ../shared/dev) ingested by `sitrep ingest --threads $(nproc)` into DB
# (default /tmp/sitrep-serve-bench/a$MB.db, kept for the next run). Then it
# serves DB and, for each route (the story route takes the latest story of 200
# articles or more, the largest of the benchmark archive):
#   - one request alone, $SINGLES times in a row on one connection (curl):
#     p50 and p99 (with 30 samples p99 is the slowest);
#   - wrk with $CONNECTIONS connections (default 64) for $DURATION seconds
#     (default 20, --timeout 5s): requests/s, p99, timeouts and errors
#     (non-2xx answers and socket errors).
# ROUTES="search article" times only those (names as in the table).
# DB may be a PostgreSQL archive's connection string (postgresql://...), made
# beforehand: it is served as it is (scripts/serve_bench_pg.sh makes one), and
# the story page, which it has none of, is left out.
# Needs curl and wrk (setup.sh installs both).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sitrep=${1:-$here/../build/sitrep}
mb=${MB:-50}
db=${2:-/tmp/sitrep-serve-bench/a$mb.db}
duration=${DURATION:-20} connections=${CONNECTIONS:-64} singles=${SINGLES:-30}
for tool in curl wrk; do
  command -v $tool > /dev/null || { echo "serve_bench: $tool is missing (apt-get install $tool; setup.sh does)"; exit 1; }
done

postgres=""
case "$db" in postgresql://* | postgres://*) postgres=1 ;; esac
if [ -z "$postgres" ] && [ ! -f "$db" ]; then
  mkdir -p "$(dirname "$db")"
  corpus="$(dirname "$db")/corpus$mb.jsonl"
  [ -f "$corpus" ] || python3 "$here/make_bench_corpus.py" --mb "$mb" --out "$corpus"
  start=$(date +%s)
  "$sitrep" ingest "$corpus" --db "$db" --threads "$(nproc)" -q
  echo "serve_bench: built $db from $corpus in $(($(date +%s) - start)) s"
fi

. "$here/../tests/serve_fixture.sh"
# shellcheck disable=SC2086  # SERVE_ARGS: several options
serve_store "$sitrep" "$db" ${SERVE_ARGS:-}
articles="$(curl -sf "$url/api/health" | sed -E 's/.*"articles":([0-9]+).*/\1/')"
# An article in the middle of the archive, for the article view.
id="$(curl -sf "$url/api/articles?since=2008-01-01&limit=1" | sed -E 's/.*"article":"([^"]+)".*/\1/')"
# A story of many articles (the latest with 200 or more, else the latest), for the story page.
story="$(curl -sf "$url/api/stories?min_articles=200&limit=1" | sed -nE 's/.*"story":([0-9]+).*/\1/p')"
[ -n "$story" ] || story="$(curl -sf "$url/api/stories?limit=1" | sed -nE 's/.*"story":([0-9]+).*/\1/p')"
size="$([ -n "$postgres" ] && echo PostgreSQL || echo "$(du -m "$db" | cut -f1) MB")"
echo "serve_bench: $db ($articles articles, $size), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

routes=(
  "health /api/health"
  "search /api/search?q=%22stock%20market%22"
  "search-word /api/search?q=oil"
  "articles /api/articles?since=2008-01-01"
  "articles-entity /api/articles?entity=Airbus"
  "article /api/articles/$id"
  "entities /api/entities"
  "entities-prefix /api/entities?q=Ste"
  "entity /api/entities/Apple"
  "entity-person /api/entities/Steve%20Jobs"
  "events /api/events"
  "events-type /api/events?event=AGREE"
  "events-actor /api/events?actor=USA"
  "events-entity /api/events?entity=Boeing"
  "quotes /api/quotes"
  "quotes-text /api/quotes?q=market"
  "quotes-speaker /api/quotes?speaker=Steve%20Jobs"
  "claims /api/claims"
  "claims-kind /api/claims?kind=killed"
  "claim-kinds /api/claims/kinds"
  "pairs /api/aggregates/pairs?actor=USA"
  "network /api/aggregates/network"
  "figures /api/aggregates/figures?kind=killed"
  "stories /api/stories"
  "stories-entity /api/stories?entity=Apple"
  "stories-since /api/stories?since=2010-01-01&until=2010-12-31&min_articles=3"
  "story /api/stories/$story"
)

to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'
}
printf '%-16s %9s %9s %10s %9s %8s %6s  %s\n' route "p50 ms" "p99 ms" "wrk req/s" "p99 ms" timeouts errors path
for r in "${routes[@]}"; do
  name=${r%% *} path=${r#* }
  if [ -n "${ROUTES:-}" ] && ! grep -qw -- "$name" <<< "$ROUTES"; then continue; fi
  [ "$name" = story ] && [ -z "$story" ] && continue  # an archive without stories
  status="$(curl -s -o "$work/body" -w '%{http_code}' "$url$path")"
  [ "$status" = 200 ] || { echo "serve_bench: $name $path answered $status: $(head -c 300 "$work/body")"; exit 1; }
  # One connection, $singles requests one after another.
  args=()
  for _ in $(seq "$singles"); do args+=(-o /dev/null "$url$path"); done
  read -r p50 p99 < <(curl -s -w '%{time_total}\n' "${args[@]}" | sort -g |
    awk '{ v[NR] = $1 * 1000 } END { i50 = int((NR + 1) / 2); i99 = int(NR * 0.99 + 0.999); if (i99 > NR) i99 = NR;
                                      printf "%.1f %.1f\n", v[i50], v[i99] }')
  rps="-" wp99="-" timeouts="-" errors="-"
  if [ "$duration" != 0 ]; then
    out="$(timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" --timeout 5s --latency "$url$path")"
    rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<< "$out")"
    wp99="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<< "$out")")"
    timeouts="$(sed -nE 's/.*timeout ([0-9]+).*/\1/p' <<< "$out")"
    timeouts=${timeouts:-0}
    non2xx="$(sed -nE 's/.*Non-2xx or 3xx responses: ([0-9]+).*/\1/p' <<< "$out")"
    sockerr="$(sed -nE 's/.*Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+).*/\1 \2 \3/p' <<< "$out" |
      awk '{ print $1 + $2 + $3 }')"
    errors=$((${non2xx:-0} + ${sockerr:-0}))
  fi
  printf '%-16s %9s %9s %10s %9s %8s %6s  %s\n' "$name" "$p50" "$p99" "$rps" "$wp99" "$timeouts" "$errors" "$path"
done
