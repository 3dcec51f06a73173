#!/bin/bash
# Ingest throughput with one and two worker threads, median of RUNS runs each.
#
#   scripts/make_bench_corpus.py --mb 50 --out /tmp/corpus50.jsonl
#   scripts/bench_ingest.sh build/sitrep /tmp/corpus50.jsonl [RUNS] [DATA_DIR]
#
# Three set-ups, run in turn so that a change in the machine's load falls on
# all of them alike:
#   t1      --threads 1: one worker, plus the reader and the writer threads,
#           which the OS may put on the other core
#   t1-pin  --threads 1 under taskset -c 0: every thread on one core
#   t2      --threads 2 on both cores (taskset -c 0,1)
# Each run starts from an empty store. Prints each run (articles/s and MB/s as
# sitrep reports them, CPU seconds, peak RSS from /usr/bin/time -v, the load
# average before it) and then the medians.
set -euo pipefail
sitrep=$1 corpus=$2 runs=${3:-3} data=${4:-$(dirname "$0")/../data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
declare -A rate mbs rss
run() {  # NAME PREFIX... -- ARGS...
  local name=$1; shift
  local prefix=()
  while [ "$1" != "--" ]; do prefix+=("$1"); shift; done
  shift
  rm -f "$work"/s.db*
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  "${prefix[@]}" /usr/bin/time -v "$sitrep" ingest "$corpus" --db "$work/s.db" --data "$data" "$@" 2> "$work/log"
  local line; line=$(grep -E '^sitrep ingest: stored' "$work/log")
  local a m k u s
  a=$(sed -E 's/.*MB\/s, ([0-9.]+) articles\/s.*/\1/' <<< "$line")
  m=$(sed -E 's/.*s \(([0-9.]+) MB\/s.*/\1/' <<< "$line")
  k=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/log")
  u=$(awk -F': ' '/User time/ {print $2}' "$work/log")
  s=$(awk -F': ' '/System time/ {print $2}' "$work/log")
  printf '%-7s %6s articles/s %5s MB/s  user %6ss sys %5ss  peak RSS %4d MB  (load before %s)\n' \
    "$name" "$a" "$m" "$u" "$s" $((k / 1024)) "$load"
  rate[$name]+="$a "; mbs[$name]+="$m "; rss[$name]+="$((k / 1024)) "
}
median() { tr ' ' '\n' <<< "$1" | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
for r in $(seq "$runs"); do
  run t1 env -- --threads 1
  run t1-pin taskset -c 0 -- --threads 1
  run t2 taskset -c 0,1 -- --threads 2
done
echo "medians of $runs runs:"
for name in t1 t1-pin t2; do
  printf '%-7s %6s articles/s %5s MB/s  peak RSS %s MB\n' "$name" "$(median "${rate[$name]}")" \
    "$(median "${mbs[$name]}")" "$(median "${rss[$name]}")"
done
t1=$(median "${rate[t1]}") pin=$(median "${rate[t1-pin]}") t2=$(median "${rate[t2]}")
awk -v a="$t1" -v p="$pin" -v b="$t2" 'BEGIN { printf "t2 / t1 = %.2fx, t2 / t1-pin = %.2fx\n", b / a, b / p }'
