// sitrep/engine.h: the standard pipeline, built from the lexicons in data/.
//
//   sitrep::Pipeline p = sitrep::build_pipeline(sitrep::locate_data(""));
//   sitrep::Document doc(article);
//   p.run(doc);
#pragma once

#include <string>
#include <vector>

#include "sitrep/pipeline.h"

namespace sitrep {

// The data folder (see --data, $SITREP_DATA); throws std::runtime_error with
// advice when there is none.
std::string locate_data(const std::string& explicit_dir);

// Which sentences get the learnt tagger's UPOS/XPOS and a dependency parse.
enum class ParseScope : uint8_t {
  kNone,  // none (the default, for speed): reported contents end by the clause rules alone
  // Those the later stages need (a speech or attribution cue; see
  // syntax/sentence_selector.h): the speech stage ends reported contents
  // with their clause in the parse. The others have Upos::kX, an empty XPOS
  // and no heads.
  kNeeded,
  kAll,  // every sentence
};

// Where the name finder takes names from (entities/name_finder.h).
enum class NameSource : uint8_t {
  kBoth,   // the lists and the name model, combined
  kLists,  // the lists and rules alone (as before the model), for comparison
  kModel,  // the model's names alone (plus what the model has no type for:
           // demonyms, events, products, descriptions), for comparison
};

struct EngineOptions {
  ParseScope parse = ParseScope::kNone;
  // The user's own name lists (--lexicon), in the columns of
  // data/organizations.tsv, added to the gazetteer beside it.
  std::vector<std::string> lexicons;
  NameSource names = NameSource::kBoth;
};

// Every stage in order. Throws on a missing or malformed lexicon (file:line)
// or model file (learn::ModelError, naming the file).
Pipeline build_pipeline(const std::string& data_dir, const EngineOptions& options = {});

struct SyntaxOptions {
  // Documents arrive tokenised and split into sentences (CoNLL-U): the
  // pipeline starts with the tagger.
  bool from_tags = false;
  // Only the HMM tagger, not the learnt one on top of it: no UPOS, and the
  // parser reads the HMM's tags (for comparisons; it was trained on the
  // learnt tagger's).
  bool hmm_tagger = false;
};

// The stages that give syntax alone: tokeniser, sentence splitter, taggers
// (HMM, then the learnt one), lemmatiser and dependency parser (sitrep parse).
Pipeline build_syntax_pipeline(const std::string& data_dir, const SyntaxOptions& options);

}  // namespace sitrep
