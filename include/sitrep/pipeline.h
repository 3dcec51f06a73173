// sitrep/pipeline.h: stages and the pipeline that runs them in order.
//
// A Stage reads the layers that earlier stages filled and fills its own. It is
// immutable after construction, so one Pipeline serves every thread. Each stage
// declares the layers it requires and assigns; Pipeline::add checks the order
// before any text runs, so a statistical stage can replace a rule stage behind
// the same interface as long as it assigns the same layers.
//
//   sitrep::Pipeline p;
//   p.add(std::make_unique<sitrep::Tokenizer>(abbreviations));
//   p.add(std::make_unique<sitrep::SentenceSplitter>(abbreviations));
//   p.run(doc);
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/document.h"

namespace sitrep {

// Layers of a Document, as a bit set, for stage ordering checks.
enum Layer : uint32_t {
  kTokensLayer = 1u << 0,
  kSentencesLayer = 1u << 1,   // sentences and paragraphs
  kTagsLayer = 1u << 2,        // part of speech, lemmas
  kMentionsLayer = 1u << 3,
  kEntitiesLayer = 1u << 4,
  kTimesLayer = 1u << 5,
  kQuotesLayer = 1u << 6,
  kReportedLayer = 1u << 7,
  kClaimsLayer = 1u << 8,
  kEventsLayer = 1u << 9,
  kSyntaxLayer = 1u << 10,     // dependency heads and relations
  kNameTagsLayer = 1u << 11,   // the name model's label of each token
  kToneLayer = 1u << 12,       // the article's tone and the tone toward each entity
};
using LayerSet = uint32_t;

// Names the layers in a set, for messages: "tokens, sentences".
std::string describe_layers(LayerSet layers);

class Stage {
 public:
  virtual ~Stage() = default;
  virtual std::string_view name() const = 0;
  virtual LayerSet requires_layers() const { return 0; }
  virtual LayerSet assigns_layers() const = 0;
  virtual void run(Document& doc) const = 0;
};

// What Pipeline::run throws when a stage fails on a document: the stage's name
// and what went wrong, as "internal error in coreference: vector::_M_range_check".
// The document is then incomplete and should be skipped; the pipeline itself
// is unharmed (stages keep no state), so the next document runs as usual.
class StageError : public std::runtime_error {
 public:
  StageError(std::string_view stage, std::string_view what);
  const std::string& stage() const { return stage_; }

 private:
  std::string stage_;
};

class Pipeline {
 public:
  // `given`: the layers documents arrive with, e.g. tokens and sentences read
  // from CoNLL-U, so that a pipeline can start with the tagger.
  explicit Pipeline(LayerSet given = 0) : assigned_(given) {}

  // Throws std::logic_error when the stage needs a layer that no earlier stage
  // assigns: a wrongly built pipeline is a programmer error, found at start-up.
  void add(std::unique_ptr<Stage> stage);
  // Runs every stage in order; throws StageError when one throws (an
  // exception, or std::bad_alloc when memory runs out).
  void run(Document& doc) const;

  const std::vector<std::unique_ptr<Stage>>& stages() const { return stages_; }
  LayerSet assigned() const { return assigned_; }

  // For tests of the failure paths: the stage named `stage` throws on every
  // document whose text holds `marker`. build_pipeline sets it from the
  // environment variable SITREP_TEST_FAULT=STAGE:MARKER.
  void inject_fault(std::string stage, std::string marker) {
    fault_stage_ = std::move(stage);
    fault_marker_ = std::move(marker);
  }

 private:
  std::vector<std::unique_ptr<Stage>> stages_;
  LayerSet assigned_ = 0;
  std::string fault_stage_, fault_marker_;
};

}  // namespace sitrep
