#!/usr/bin/env bash
# An article's record does not depend on which articles were read before it,
# nor on how they were shared among threads: the stages keep per-thread caches
# across articles (the name model's scores), and they must hold only what is a
# function of their key. The project's own article sets, in order and in
# reverse, on one thread and on two, give the same records.
# usage: order_independence_test.sh SITREP PROJECT_DIR
set -euo pipefail
sitrep=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$root"/tests/data/articles.jsonl "$root"/tests/data/heldout/articles.jsonl "$root"/tests/data/speech/articles.jsonl \
  "$root"/tests/data/attribution/articles.jsonl "$root"/tests/data/stories/articles.jsonl > "$tmp/in.jsonl"
tac "$tmp/in.jsonl" > "$tmp/reversed.jsonl"
"$sitrep" extract -q --threads 1 --input jsonl "$tmp/in.jsonl" | sort > "$tmp/forward"
"$sitrep" extract -q --threads 1 --input jsonl "$tmp/reversed.jsonl" | sort > "$tmp/backward"
"$sitrep" extract -q --threads 2 --input jsonl "$tmp/reversed.jsonl" | sort > "$tmp/two"
n=$(wc -l < "$tmp/forward")
[ "$n" -gt 100 ] || { echo "only $n records"; exit 1; }
cmp "$tmp/forward" "$tmp/backward" || { echo "records differ when the articles come in reverse order"; exit 1; }
cmp "$tmp/forward" "$tmp/two" || { echo "records differ on two threads"; exit 1; }
echo "$n records, the same in order, in reverse and on two threads"
