// Training the NameModel (sitrep train names) from BIO files: one token and
// its tag a line ("Lagos<TAB>B-LOC"), a blank line after each sentence, a
// "-DOCSTART-" line before each document (scripts/ner_data.py writes them
// from the open corpora). Tags are O and B-/I- of PER, ORG and LOC; other
// types are read as O.
//
//   std::vector<NameDocument> train = read_bio("train.bio", stages);
//   learn::ModelFile m = train_names(train, dev, stages, options);
//   m.write("data/models/names.model");
//
// Deterministic: the same files and options give the same bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "entities/name_model.h"
#include "lexicon/tagger.h"

namespace sitrep {

// What the features are computed with: the HMM tagger and the lexicons of a
// data folder, as the pipeline has them.
struct NameStages {
  std::shared_ptr<const Tagger> hmm;
  std::shared_ptr<const Gazetteer> gazetteer;
  std::shared_ptr<const NameLexicon> lexicon;
  static NameStages load(const std::string& data_dir);
};

// A document with its gold labels (BILOU, one per token).
struct NameDocument {
  Document doc;
  std::vector<uint8_t> gold;
};

// Reads a BIO file; the documents come tagged by the HMM tagger, as the name
// model sees them in the pipeline. Throws std::runtime_error "FILE:LINE:
// what" on a malformed line (a tag that is not O, B-X or I-X).
std::vector<NameDocument> read_bio(const std::string& path, const NameStages& stages);

struct NameTrainOptions {
  int epochs = 10;
  uint64_t seed = 1;
  // Averaged weights smaller than this are dropped (model size).
  float min_weight = 0.0f;
  // Every Nth training document is also read with its first sentence in
  // capitals, and every Mth with another one, so that the model learns to
  // read headlines and datelines in capitals (0: none).
  int capitals_every = 3;
  // Unlabelled CoNLL-U files whose text (with the training documents') gives
  // each word's share of capitals (NameEvidence::Token::capitals).
  std::vector<std::string> unlabeled;
  // Header lines besides kind, features and labels: corpora, licence, ...
  std::vector<std::pair<std::string, std::string>> header;
  std::ostream* log = nullptr;  // progress and dev scores per epoch
};

learn::ModelFile train_names(const std::vector<NameDocument>& train, const std::vector<NameDocument>& dev,
                             const NameStages& stages, const NameTrainOptions& options);

// Exact-span scores of the model's names against the gold ones.
struct NameScore {
  size_t gold[kNameTypes] = {}, found[kNameTypes] = {}, right[kNameTypes] = {};
  double f(int type = -1) const;  // -1: all types
};
NameScore evaluate_names(const NameModel& model, const std::vector<NameDocument>& docs);

}  // namespace sitrep
