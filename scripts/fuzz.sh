#!/usr/bin/env bash
# Fuzzes sitrep's readers and stages with libFuzzer.
#
# usage: scripts/fuzz.sh SECONDS [--build DIR] [--jobs N] [HARNESS...]
#
# Builds the harnesses of tests/fuzz with clang, libFuzzer, AddressSanitizer and
# UBSan into DIR (default build-fuzz; configured on first use), then runs each
# harness (default: all) for SECONDS, N at a time (default: the number of
# cores). Each starts from its committed corpus, tests/fuzz/corpus/NAME, copied
# so that the source tree is not written; an input that runs over 10 seconds
# is a timeout and one that needs over 2 GB an out-of-memory finding. Prints
# the executions of each harness. Inputs a harness failed on are kept in
# DIR/findings/NAME/: add them to tests/fuzz/corpus/NAME/ with the fix, so
# that CTest replays them ever after. Exit status 1 if any harness failed.
#
# Needs Debian's clang and libclang-rt-dev (setup.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

if (($# < 1)) || ! [[ $1 =~ ^[0-9]+$ ]]; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
seconds=$1
shift
build=build-fuzz
jobs=$(nproc)
harnesses=()
while (($#)); do
  case $1 in
    --build) build=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    *) harnesses+=("$1"); shift ;;
  esac
done
if ((${#harnesses[@]} == 0)); then
  harnesses=(json jsonl html warc compressed text pipeline tsv serve)
fi

source "$(dirname "$0")/lib/clang_tree.sh"
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
echo "fuzz.sh: building ${targets[*]} in $build"
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" > "$build/build.log" 2>&1 ||
  { tail -40 "$build/build.log" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_one() {
  local h=$1
  mkdir -p "$work/$h" "$build/findings/$h"
  cp -r "tests/fuzz/corpus/$h/." "$work/$h/"
  "$build/fuzz/fuzz_$h" "$work/$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build/findings/$h/" -print_final_stats=1 > "$work/$h.log" 2>&1
}
failed=0
pids=()
names=()
for h in "${harnesses[@]}"; do
  run_one "$h" &
  pids+=($!)
  names+=("$h")
  if ((${#pids[@]} >= jobs)); then
    wait "${pids[0]}" || true
    pids=("${pids[@]:1}")
  fi
done
wait || true
printf '%-12s %12s %10s  %s\n' harness executions exec/s result
for h in "${harnesses[@]}"; do
  log=$work/$h.log
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  if grep -qE '^==[0-9]+==ERROR|^SUMMARY: |fuzz check failed|ERROR: libFuzzer|runtime error:' "$log"; then
    result="FAILED: $(grep -m1 -oE 'ERROR: [A-Za-z]+: [a-z-]+|libFuzzer: [a-z-]+|fuzz check failed: .*|runtime error: .*' "$log" | head -1)"
    failed=1
    cp "$log" "$build/findings/$h/last.log"
  else
    result=ok
  fi
  printf '%-12s %12s %10s  %s\n' "$h" "$execs" "$rate" "$result"
done
if ((failed)); then
  echo "fuzz.sh: failing inputs and logs are in $build/findings/" >&2
  exit 1
fi
