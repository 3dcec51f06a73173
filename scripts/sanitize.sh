#!/usr/bin/env bash
# Runs sitrep, built with AddressSanitizer and UBSan, over real text.
#
# usage: scripts/sanitize.sh [--sample N] [--build DIR] [--corpora DIR]
#
# Builds the sitrep of the fuzz tree DIR (default build-fuzz: clang with both
# sanitizers and checked element access; configured on first use, as
# scripts/fuzz.sh does) and runs `sitrep extract` with 2 threads, with
# --mentions names and with --mentions all, then `sitrep parse` (the learnt
# tagger and the parser), over:
#   - every article of tests/data (the development, held-out, names, speech and
#     PETRARCH sets) and of ../shared/dev;
#   - the same articles cut short at 20 points each (text that ends inside a
#     sentence, a quotation or brackets);
#   - the open corpora of ../shared/corpora (or DIR) rebuilt as articles, each
#     also in capitals and without line breaks (scripts/corpus_articles.py
#     --variants): about 1.8 million words.
# --sample N keeps every Nth corpus article (CI runs a sample). Fails on any
# sanitizer report, any article the engine fails on, or a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
sample=1
build=build-fuzz
corpora=../shared/corpora
while (($#)); do
  case $1 in
    --sample) sample=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --corpora) corpora=$2; shift 2 ;;
    *) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
source "$(dirname "$0")/lib/clang_tree.sh"
echo "sanitize.sh: building sitrep in $build"
cmake --build "$build" -j"$(nproc)" --target sitrep > "$build/build-sitrep.log" 2>&1 ||
  { tail -40 "$build/build-sitrep.log" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=(tests/data/articles.jsonl tests/data/heldout/articles.jsonl)
for f in tests/data/names/articles.jsonl tests/data/petrarch/records.jsonl ../shared/dev/*.jsonl; do
  [[ -f $f ]] && inputs+=("$f")
done
speech=$(ls tests/data/speech/*.jsonl 2>/dev/null | head -1 || true)
[[ -n $speech ]] && inputs+=("$speech")
# Every article cut short at 20 points.
python3 - "${inputs[@]}" > "$work/cuts.jsonl" <<'PY'
import json, sys
for path in sys.argv[1:]:
    for n, line in enumerate(open(path, encoding="utf-8")):
        if not line.strip():
            continue
        a = json.loads(line)
        text = a.get("text") or ""
        for k in range(1, 21):
            cut = text[: len(text) * k // 21]
            if cut.strip():
                print(json.dumps({"id": f"{a.get('id', n)}:cut{k}", "text": cut}, ensure_ascii=False))
PY
inputs+=("$work/cuts.jsonl")
if [[ -d $corpora ]]; then
  python3 scripts/corpus_articles.py "$corpora" --variants --sample "$sample" --out "$work/corpora.jsonl"
  inputs+=("$work/corpora.jsonl")
else
  echo "sanitize.sh: no corpora at $corpora; running over tests/data only" >&2
fi
words=$(cat "${inputs[@]}" | wc -w)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for mentions in names all; do
  start=$(date +%s)
  if ! "$build/sitrep" extract --input jsonl --threads 2 --mentions "$mentions" -q --date 2024-06-01 \
      "${inputs[@]}" > "$work/out.jsonl" 2> "$work/err.log"; then
    status=1
  fi
  if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|internal error in' "$work/err.log"; then status=1; fi
  records=$(wc -l < "$work/out.jsonl")
  echo "sanitize.sh: --mentions $mentions: $records records, about $words words, $(($(date +%s) - start)) s"
  if ((status)); then
    echo "sanitize.sh: FAILED; the first report:" >&2
    grep -m1 -A30 -E 'ERROR: |runtime error:|internal error in|^sitrep' "$work/err.log" >&2 || tail -30 "$work/err.log" >&2
    exit 1
  fi
done
# The learnt tagger and the dependency parser are off in extract: `sitrep
# parse` runs them (and the punctuation rule) over the same text.
start=$(date +%s)
if ! "$build/sitrep" parse "${inputs[@]}" > "$work/out.conllu" 2> "$work/err.log"; then status=1; fi
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|internal error in' "$work/err.log"; then status=1; fi
echo "sanitize.sh: parse: $(grep -c '^# sent_id' "$work/out.conllu" || true) sentences, $(($(date +%s) - start)) s"
if ((status)); then
  echo "sanitize.sh: FAILED; the first report:" >&2
  grep -m1 -A30 -E 'ERROR: |runtime error:|internal error in|^sitrep' "$work/err.log" >&2 || tail -30 "$work/err.log" >&2
  exit 1
fi
echo "sanitize.sh: no sanitizer report"
