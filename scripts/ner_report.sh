#!/usr/bin/env bash
# Names, measured everywhere issue 16 names a figure, in one table.
#
# usage: [NAMES=both|lists|model] scripts/ner_report.sh [SITREP] [--dev-only]
#
# Test sets (measure, never tune): UNER English-EWT test and wikigold
# (PER+ORG+LOC exact span and type, scripts/ner_score.py), the held-out
# articles (tests/data/heldout, score.py's entities line) and the names test set
# (tests/data/names, PER+ORG+LOC). Development sets: the seed, MEANTIME
# (../shared/dev/meantime), the project's own articles (tests/data), GUM dev
# (its names, through scripts/ner_data.py) and UNER dev (trained on: a check).
# --dev-only leaves the test sets out.
set -euo pipefail
cd "$(dirname "$0")/.."
sitrep=${1:-build/sitrep}
names=${NAMES:-both}  # NAMES=lists|model|both: sitrep extract --names
dev_only=${2:-}
shared=../shared
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
f_of() { grep "^$1 " | grep -oE 'F [0-9.]+' | head -1 | cut -d' ' -f2; }
row() { printf '%-34s %s\n' "$1" "$2"; }

"$sitrep" extract --names "$names" --date 2024-04-22 examples/haliva-resigns.txt > "$tmp/seed.jsonl" 2> /dev/null
row "seed entities (dev)" "$(python3 $shared/tools/score.py $shared/gold --system "$tmp/seed.jsonl" | f_of entities)"
"$sitrep" extract --names "$names" --input jsonl $shared/dev/meantime.jsonl > "$tmp/mt.jsonl" 2> /dev/null
row "MEANTIME entities (dev)" "$(python3 $shared/tools/score.py $shared/dev/meantime --system "$tmp/mt.jsonl" | f_of entities)"
"$sitrep" extract --names "$names" --input jsonl tests/data/articles.jsonl > "$tmp/own.jsonl" 2> /dev/null
row "own articles entities (dev)" "$(python3 $shared/tools/score.py tests/data/gold --system "$tmp/own.jsonl" | f_of entities)"
row "own articles PER+ORG+LOC (dev)" "$(python3 scripts/ner_score.py tests/data/gold --system "$tmp/own.jsonl" | f_of PER+ORG+LOC)"
python3 scripts/ner_data.py $shared/corpora "$tmp/gum-dev.bio" --sets gum-dev
row "GUM dev names PER+ORG+LOC (dev)" "$(python3 scripts/ner_score.py --iob "$tmp/gum-dev.bio" --sitrep "$sitrep" --extract-args "--names $names" | f_of PER+ORG+LOC)"
row "UNER dev (trained on)" "$(python3 scripts/ner_score.py --iob $shared/corpora/uner-ewt/en_ewt-ud-dev.iob2 --sitrep "$sitrep" --extract-args "--names $names" | f_of PER+ORG+LOC)"
[[ $dev_only == --dev-only ]] && exit 0
row "UNER EWT test PER+ORG+LOC (test)" "$(python3 scripts/ner_score.py --iob $shared/corpora/uner-ewt/en_ewt-ud-test.iob2 --sitrep "$sitrep" --extract-args "--names $names" | f_of PER+ORG+LOC)"
row "wikigold PER+ORG+LOC (test)" "$(python3 scripts/ner_score.py --iob $shared/corpora/ner/wikigold/wikigold.conll.txt --sitrep "$sitrep" --extract-args "--names $names" | f_of PER+ORG+LOC)"
"$sitrep" extract --names "$names" --input jsonl tests/data/heldout/articles.jsonl > "$tmp/ho.jsonl" 2> /dev/null
row "held-out entities (test)" "$(python3 $shared/tools/score.py tests/data/heldout/gold --system "$tmp/ho.jsonl" | f_of entities)"
"$sitrep" extract --names "$names" --input jsonl tests/data/names/articles.jsonl > "$tmp/names.jsonl" 2> /dev/null
row "names set PER+ORG+LOC (test)" "$(python3 scripts/ner_score.py tests/data/names/gold --system "$tmp/names.jsonl" | f_of PER+ORG+LOC)"
