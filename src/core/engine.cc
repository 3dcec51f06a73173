#include "sitrep/engine.h"

#include <cstdlib>
#include <cstring>
#include <future>
#include <memory>
#include <stdexcept>

#include "core/data_dir.h"
#include "entities/coreference.h"
#include "entities/entity_linker.h"
#include "entities/name_finder.h"
#include "entities/name_lexicon.h"
#include "entities/speaker_pronouns.h"
#include "events/event_coder.h"
#include "events/event_dictionary.h"
#include "claims/claim_finder.h"
#include "lexicon/gazetteer.h"
#include "lexicon/lemmatizer.h"
#include "lexicon/tagger.h"
#include "speech/quote_finder.h"
#include "time/time_normalizer.h"
#include "text/abbreviations.h"
#include "text/sentences.h"
#include "text/tokenizer.h"

namespace sitrep {

std::string locate_data(const std::string& explicit_dir) {
  std::string dir = find_data_dir(explicit_dir);
  if (dir.empty()) {
    throw std::runtime_error(
        explicit_dir.empty()
            ? "cannot find sitrep's lexicon folder (data/ with abbreviations.tsv) beside the executable; "
              "name it with --data DIR or the SITREP_DATA environment variable"
            : "'" + explicit_dir + "' is not a sitrep lexicon folder (it has no abbreviations.tsv)");
  }
  return dir;
}

Pipeline build_pipeline(const std::string& data_dir, const std::vector<std::string>& lexicons) {
  auto abbreviations = std::make_shared<const Abbreviations>(Abbreviations::load(data_dir));
  Tokenizer tokenizer(abbreviations);
  // The large lexicons load on their own threads: start-up is the slowest of
  // them, not their sum. A failure (TsvError) comes out of get().
  auto gazetteer = std::async(std::launch::async, [&] { return Gazetteer::load(data_dir, tokenizer, lexicons); });
  auto tagger = std::async(std::launch::async, [&] { return Tagger::load(data_dir); });
  auto events = std::async(std::launch::async, [&] { return EventDictionary::load(data_dir); });
  auto lemmatizer = Lemmatizer::load(data_dir);
  auto names = NameLexicon::load(data_dir, tokenizer);
  auto places = gazetteer.get();
  Pipeline p;
  p.add(std::make_unique<Tokenizer>(abbreviations));
  p.add(std::make_unique<SentenceSplitter>(abbreviations));
  p.add(tagger.get());
  p.add(std::move(lemmatizer));
  p.add(std::make_unique<NameFinder>(places, names, abbreviations));
  p.add(std::make_unique<EntityLinker>(places, names));
  p.add(std::make_unique<Coreference>(places, names, data_dir));
  p.add(std::make_unique<TimeNormalizer>(data_dir));
  p.add(std::make_unique<QuoteFinder>(data_dir));
  p.add(std::make_unique<SpeakerPronouns>());
  p.add(std::make_unique<ClaimFinder>(data_dir));
  p.add(std::make_unique<EventCoder>(events.get(), places));
  if (const char* fault = std::getenv("SITREP_TEST_FAULT"); fault && std::strchr(fault, ':')) {
    const std::string spec(fault);
    p.inject_fault(spec.substr(0, spec.find(':')), spec.substr(spec.find(':') + 1));
  }
  return p;
}

}  // namespace sitrep
