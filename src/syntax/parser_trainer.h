// Training the DependencyParser from CoNLL-U treebanks (sitrep train parser).
//
// The move classifier learns with the arc-hybrid dynamic oracle (Goldberg
// and Nivre 2013): at each step every move that loses no more gold arcs than
// the best one is right, and after the first epochs the trainer follows its
// own prediction most of the time, mistakes included, so that it learns to
// recover from them as it must at run time. The relation classifier learns
// on the gold arcs the parser makes. Non-projective trees (a few percent)
// are made projective first by lifting each crossing arc to the head's head.
//
// Deterministic: the same sentences and options give the same bytes.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "learn/model_file.h"
#include "syntax/conllu.h"
#include "syntax/dependency_parser.h"

namespace sitrep {

struct ParserTrainOptions {
  int epochs = 15;
  uint64_t seed = 1;
  float min_weight = 0.0f;
  // From this epoch on, follow the model's own move with this probability.
  int explore_from = 2;
  double explore = 0.9;
  std::vector<std::pair<std::string, std::string>> header;
  std::ostream* log = nullptr;
};

// `train` should carry predicted tags (jackknife_tags), `dev` too (retag).
learn::ModelFile train_parser(const std::vector<ConlluSentence>& train, const std::vector<ConlluSentence>& dev,
                              const ParserTrainOptions& options);

struct ParseAccuracy {
  size_t words = 0, heads = 0, labelled = 0;
};
// Parses the sentences with their own XPOS tags and counts agreements with
// their gold heads and relations (every word, punctuation included).
ParseAccuracy evaluate_parser(const DependencyParser& parser, const std::vector<ConlluSentence>& sentences);

// Gold heads as word indices (n for the root) made projective by lifting.
std::vector<int32_t> projective_heads(const ConlluSentence& s);

}  // namespace sitrep
