#!/bin/sh
# sitrep parse --input conllu on a CoNLL-U sample written for the tests: the
# output must be well-formed and keep the input's tokens (conllu_wellformed.py).
#   tests/parse_conllu_test.sh SITREP PYTHON SAMPLE
set -eu
sitrep=$1 python=$2 sample=$3
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$sitrep" parse --input conllu "$sample" > "$out"
"$python" "$(dirname "$0")/conllu_wellformed.py" "$sample" "$out"
# A malformed file names its line and fails.
bad=$(mktemp)
printf '1\tword\n' > "$bad"
if "$sitrep" parse --input conllu "$bad" > /dev/null 2> "$out"; then echo "malformed input accepted"; rm -f "$bad"; exit 1; fi
grep -q "$bad:1: expected 10 tab-separated fields" "$out" || { cat "$out"; rm -f "$bad"; exit 1; }
rm -f "$bad"
