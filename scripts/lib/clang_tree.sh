# Sourced by scripts/fuzz.sh and scripts/sanitize.sh: configures, on first use,
# the clang build tree $build with libFuzzer coverage, AddressSanitizer, UBSan
# and checked element access (-DSITREP_FUZZ=ON), at -O1 with line tables only,
# which builds about twice as fast as -O2 -g and still names file:line in
# every report. Exits 77 (skip) without clang, or 1 under CI, which must run it.
clang=$(command -v clang++ || command -v clang++-14 || true)
if [[ -z $clang ]]; then
  echo "$(basename "$0"): clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2
  [[ ${CI:-} == true ]] && exit 1
  exit 77
fi
if [[ ! -f $build/CMakeCache.txt ]]; then
  mkdir -p "$build"
  cmake -S . -B "$build" -DCMAKE_CXX_COMPILER="$clang" -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" \
    -DSITREP_FUZZ=ON -DSITREP_BUILD_TESTS=OFF -DSITREP_BUILD_BENCH=OFF > "$build/configure.log" 2>&1 ||
    { cat "$build/configure.log" >&2; exit 1; }
fi
