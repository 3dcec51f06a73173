#!/bin/sh
# The record of the example article must be accepted by the project's scorer.
# usage: golden_score_test.sh SITREP EXAMPLE SHARED_DIR PYTHON
set -eu
sitrep=$1 example=$2 shared=$3 python=$4
if [ ! -f "$shared/tools/score.py" ] || [ ! -d "$shared/gold" ]; then
  echo "skipped: $shared/tools/score.py not found"
  exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$sitrep" extract --date 2024-04-22 "$example" > "$out"
"$python" "$shared/tools/score.py" "$shared/gold" --system "$out" | tee /dev/stderr | grep -q '^overall: '
"$python" "$shared/tools/score.py" "$shared/gold" --system "$out" | grep -q '^no output for' && { echo "scorer found no record for the example"; exit 1; }
exit 0
