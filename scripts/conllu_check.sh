#!/bin/sh
# A second, independent count of UPOS, XPOS, UAS and LAS for two CoNLL-U files
# with the same tokens (as `sitrep parse --input conllu` writes them), to check
# scripts/conllu_eval.py: written apart, in awk, pairing words line by line
# rather than aligning characters. Every word counts, punctuation included.
#
#   scripts/conllu_check.sh GOLD.conllu SYSTEM.conllu [FIRST_SENTENCE LAST_SENTENCE]
set -eu
gold=$1 system=$2 first=${3:-1} last=${4:-999999999}
words() {  # sentence number, then the word's fields; multiword tokens and empty nodes dropped
  awk -F'\t' '/^[ \t]*$/ { if (seen) n++; seen = 0; next } /^#/ { next }
              $1 ~ /^[0-9]+$/ { if (!seen) { seen = 1 }; print n + 1 "\t" $0 }' "$1"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
words "$gold" > "$tmp/g"
words "$system" > "$tmp/s"
if [ "$(wc -l < "$tmp/g")" -ne "$(wc -l < "$tmp/s")" ]; then
  echo "the files hold different numbers of words" >&2
  exit 1
fi
paste "$tmp/g" "$tmp/s" | awk -F'\t' -v first="$first" -v last="$last" '
  $1 < first || $1 > last { next }
  $3 != $14 { print "word " NR ": forms differ: " $3 " / " $14 > "/dev/stderr"; bad = 1; exit 1 }
  { n++; upos += ($5 == $16); xpos += ($6 == $17)
    if ($8 == $19) { uas++; las += ($9 == $20) } }
  END { if (bad) exit 1
        printf "words %d\nUPOS %.4f\nXPOS %.4f\nUAS %.4f\nLAS %.4f\n", n, upos / n, xpos / n, uas / n, las / n }'
