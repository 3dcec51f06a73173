// Training the PerceptronTagger from CoNLL-U treebanks (sitrep train tagger).
//
//   TaggerTrainOptions o;
//   o.header = {{"corpora", "..."}, {"licence", "..."}};
//   learn::ModelFile m = train_tagger(train, dev, o);
//   m.write("data/models/tagger.model");
//
// Deterministic: the same sentences and options give the same bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "learn/model_file.h"
#include "lexicon/tagger.h"
#include "syntax/conllu.h"
#include "syntax/perceptron_tagger.h"

namespace sitrep {

struct TaggerTrainOptions {
  int epochs = 12;
  uint64_t seed = 1;
  // Averaged weights smaller than this are dropped (model size; see learn::AverageOptions).
  float min_weight = 0.0f;
  // A UPOS|XPOS pair seen fewer times is folded into its XPOS's commonest pair.
  size_t min_class_count = 3;
  // A word seen at least this often, with one class at least this share of
  // the time, takes that class from the dictionary.
  size_t dictionary_min_count = 20;
  double dictionary_min_share = 0.97;
  // A word seen at least this often has an ambiguity class.
  uint32_t ambiguity_min_count = 5;
  // A sitrep data folder whose WSJ lexicon (pos_lexicon.tsv,
  // pos_lexicon_wordnet.tsv, tag counts from pos_trigrams.tsv) gives each
  // word its likely Penn tags, a feature baked into the model; "" for none.
  std::string lexicon_dir;
  // A lexicon reading with less than this share of a word's probability is dropped.
  double lexicon_min_share = 0.05;
  // The HMM tagger whose tags are features (the one of `lexicon_dir`, loaded
  // by train_tagger when this is null).
  std::shared_ptr<const Tagger> hmm;
  // Header lines besides kind, features and labels: corpora, licence, ...
  std::vector<std::pair<std::string, std::string>> header;
  std::ostream* log = nullptr;  // progress and dev accuracy per epoch
};

learn::ModelFile train_tagger(const std::vector<ConlluSentence>& train, const std::vector<ConlluSentence>& dev,
                              const TaggerTrainOptions& options);

// The Document of a sentence (document_of) with the HMM tagger's tags in
// Document::pos, as the PerceptronTagger sees it in the pipeline.
Document hmm_tagged(const ConlluSentence& s, const Tagger& hmm);

struct TagAccuracy {
  size_t words = 0, upos = 0, xpos = 0;
};
// Tags the sentences' words and counts agreements with their gold tags.
TagAccuracy evaluate_tagger(const PerceptronTagger& tagger, const Tagger& hmm,
                            const std::vector<ConlluSentence>& sentences);

// Jackknifing: splits `train` into `folds` consecutive parts, trains a tagger
// on all parts but one and tags that one, and returns every sentence with
// predicted UPOS and XPOS (heads and relations kept), so that the parser
// learns from tags as good as it will get.
std::vector<ConlluSentence> jackknife_tags(const std::vector<ConlluSentence>& train, size_t folds,
                                           const TaggerTrainOptions& options);

// The sentences with UPOS and XPOS replaced by the tagger's.
void retag(const PerceptronTagger& tagger, const Tagger& hmm, std::vector<ConlluSentence>& sentences);

}  // namespace sitrep
