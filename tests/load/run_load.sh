#!/usr/bin/env bash
# The load test of `sitrep serve` (a CTest test): wrk on loopback, bounded in
# time, against a search and an article view. Prints requests/s and the 99th
# percentile latency of each and fails below a floor (or on any error, or
# when the answers are not the expected ones). Then 64 slow clients, each
# sending one header line every 9 s, must leave /api/health answering in
# under 100 ms (SLOW_CLIENTS, SLOW_LIMIT_MS).
#   run_load.sh SITREP_BINARY REPO_DIR
# Environment: RUNS (default 1; the median is reported), DURATION (seconds
# per run, default 3), CONNECTIONS (default 8), FLOOR_RPS (default 500),
# SERVE_BACKEND (sqlite, or postgres: a throwaway PostgreSQL archive).
# Skips (exit 77) without wrk or curl, except under CI, where setup.sh installs them.
set -euo pipefail
sitrep=$1 repo=$2
runs=${RUNS:-1} duration=${DURATION:-3} connections=${CONNECTIONS:-8} floor=${FLOOR_RPS:-500}
for tool in wrk curl; do
  if ! command -v $tool > /dev/null; then
    echo "serve load: $tool is missing (apt-get install $tool); run ./setup.sh"
    [ "${CI:-}" = true ] && exit 1
    exit 77
  fi
done
. "$(dirname "$0")/../serve_fixture.sh"
start_server "$sitrep" "$repo" load --threads 16

# One plain HTTP/1.0 request (no curl needed): the body.
fetch() {
  exec 3<> "/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
  sed '1,/^\r$/d' <&3
  exec 3<&-
}
search='/api/search?q=%22military%20intelligence%22'
article='/api/articles/haliva-resigns'
fetch "$search" | grep -q '"article":"haliva-resigns"' || { echo "serve load: the search does not find the seed article"; exit 1; }
fetch "$article" | grep -q '"name":"Aharon Haliva"' || { echo "serve load: the article view lacks Aharon Haliva"; exit 1; }

# wrk's latency percentile as milliseconds ("1.23ms", "850.00us", "1.02s").
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
failed=0
for name in search article; do
  path=${!name}
  rps_all="" p99_all=""
  for _ in $(seq "$runs"); do
    out="$(timeout $((duration + 20)) wrk -t2 -c"$connections" -d"${duration}s" --timeout 5s --latency "http://127.0.0.1:$port$path")"
    if grep -q -E 'Non-2xx|Socket errors' <<< "$out"; then
      echo "$out"
      echo "serve load: $name: errors under load"
      failed=1
    fi
    rps_all+="$(awk '/^Requests\/sec:/ { print $2 }' <<< "$out")"$'\n'
    p99_all+="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<< "$out")")"$'\n'
  done
  rps="$(printf '%s' "$rps_all" | median)" p99="$(printf '%s' "$p99_all" | median)"
  printf 'serve load: %-7s %s  %10.0f requests/s  p99 %7.2f ms  (wrk -t2 -c%s -d%ss, median of %s)\n' \
    "$name" "$path" "$rps" "$p99" "$connections" "$duration" "$runs"
  if awk -v r="$rps" -v f="$floor" 'BEGIN { exit !(r < f) }'; then
    echo "serve load: $name: $rps requests/s is below the floor of $floor"
    failed=1
  fi
done

# Slow clients: each opens a connection and sends its request one header line
# every 9 s. None of them may hold up anyone else.
slow=${SLOW_CLIENTS:-64} limit_ms=${SLOW_LIMIT_MS:-100}
slow_pids=()
for i in $(seq "$slow"); do
  (
    exec 3<> "/dev/tcp/127.0.0.1/$port"
    printf 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n' >&3
    for line in 1 2; do
      sleep 9
      printf 'X-Slow-%s: %s\r\n' "$line" "$i" >&3 2> /dev/null || exit 0
    done
    cat <&3 > /dev/null
  ) &
  slow_pids+=($!)
done
sleep 1
worst=0
for round in 1 2; do
  for _ in $(seq 10); do
    t="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 5 "http://127.0.0.1:$port/api/health" || true)"
    worst="$(awk -v a="$worst" -v b="${t#* }" 'BEGIN { b *= 1000; print (b > a ? b : a) }')"
    if [ "${t%% *}" != 200 ]; then
      echo "serve load: /api/health answered '${t%% *}' beside $slow slow clients (no answer within 5 s: 000)"
      failed=1
      break 2
    fi
  done
  # Again after each slow client has sent its second line.
  [ "$round" = 1 ] && sleep 9
done
kill "${slow_pids[@]}" 2> /dev/null || true
wait "${slow_pids[@]}" 2> /dev/null || true
printf 'serve load: /api/health beside %s slow clients: slowest of 20 requests %.1f ms (limit %s ms)\n' "$slow" "$worst" "$limit_ms"
if awk -v w="$worst" -v l="$limit_ms" 'BEGIN { exit !(w >= l) }'; then
  echo "serve load: /api/health took $worst ms beside $slow slow clients"
  failed=1
fi
exit $failed
