// DependencyParser: a dependency tree with Universal Dependencies relations
// for every sentence (Document::heads, Document::relations), from a greedy
// transition-based parser trained on UD English EWT and GUM
// (data/models/parser.model; scripts/train_models.sh).
//
// Moves follow the arc-hybrid system (syntax/arc_hybrid.h), chosen by an
// averaged perceptron over the configuration's features
// (syntax/parser_features.h); each arc's relation is chosen by a second
// perceptron when the arc is made, from the two words, their tags and the
// dependents they have so far. Greedy: 2n moves for n words, one
// classification each, nothing to search.
//
// Reads the tags layer: Document::xpos (the PerceptronTagger's tags, which
// the parser was trained on), else Document::pos. A sentence longer than
// kMaxWords is parsed in pieces of kMaxWords, each with its own root, so
// time and memory stay linear in the input.
//
//   auto parser = DependencyParser::load("data/models/parser.model");  // throws ModelError
//   pipeline.add(std::move(parser));  // after the tagger
//   doc.heads[i], doc.relations[i]
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "learn/linear_model.h"
#include "learn/model_file.h"
#include "sitrep/document.h"
#include "sitrep/pipeline.h"
#include "syntax/sentence_selector.h"

namespace sitrep {

class DependencyParser : public Stage {
 public:
  static constexpr size_t kMaxWords = 250;

  // Throws learn::ModelError naming the file when it is missing, truncated,
  // corrupt, of another version or malformed. `filter` chooses the sentences
  // to parse; the others are left flat (heads kNone, relations kDep).
  static std::unique_ptr<DependencyParser> load(const std::string& path, SentenceFilter filter = {});
  explicit DependencyParser(const learn::ModelFile& file, SentenceFilter filter = {});

  std::string_view name() const override { return "parser"; }
  LayerSet requires_layers() const override { return kTokensLayer | kSentencesLayer | kTagsLayer; }
  LayerSet assigns_layers() const override { return kSyntaxLayer; }
  void run(Document& doc) const override;

  // How a move's score adds up: the single-word features once per word and
  // position of the sentence (fast), or every feature at every move (the
  // plain reference the fast path is tested against). Both give the same
  // scores.
  enum class Scoring : uint8_t { kPrecomputed, kPerMove };
  // Parses tokens [first, end) of `doc` as one sentence (end - first <=
  // kMaxWords) into doc.heads and doc.relations, which must have a slot per
  // token.
  void parse(Document& doc, size_t first, size_t end, Scoring scoring = Scoring::kPrecomputed) const;

  const std::vector<DepRel>& relations() const { return relations_; }

 private:
  learn::LinearModel moves_;
  learn::LinearModel labels_;
  std::vector<DepRel> relations_;  // label index -> relation
  uint8_t root_label_ = 0;
  SentenceFilter filter_;
};

}  // namespace sitrep
