#include "sitrep/engine.h"

#include <cstdlib>
#include <cstring>
#include <future>
#include <memory>
#include <stdexcept>

#include "core/data_dir.h"
#include "entities/actor_countries.h"
#include "entities/coreference.h"
#include "entities/entity_linker.h"
#include "entities/name_finder.h"
#include "entities/name_model.h"
#include "entities/name_lexicon.h"
#include "entities/speaker_pronouns.h"
#include "events/event_coder.h"
#include "events/event_dictionary.h"
#include "claims/claim_finder.h"
#include "lexicon/gazetteer.h"
#include "lexicon/lemmatizer.h"
#include "lexicon/phoenix_actors.h"
#include "lexicon/tagger.h"
#include "speech/quote_finder.h"
#include "syntax/dependency_parser.h"
#include "syntax/perceptron_tagger.h"
#include "syntax/sentence_selector.h"
#include "time/time_normalizer.h"
#include "tone/tone_lexicon.h"
#include "tone/tone_scorer.h"
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

Pipeline build_pipeline(const std::string& data_dir, const EngineOptions& options) {
  auto abbreviations = std::make_shared<const Abbreviations>(Abbreviations::load(data_dir));
  Tokenizer tokenizer(abbreviations);
  // The large lexicons load on their own threads: start-up is the slowest of
  // them, not their sum. A failure (TsvError) comes out of get().
  auto gazetteer = std::async(std::launch::async, [&] { return Gazetteer::load(data_dir, tokenizer, options.lexicons); });
  SentenceFilter filter;
  if (options.parse == ParseScope::kNeeded) {
    filter = [selector = SentenceSelector::load(data_dir)](const Document& d, const Sentence& s) {
      return (*selector)(d, s);
    };
  }
  const std::string models = data_dir + "/models/";
  auto tagger = std::async(std::launch::async, [&] { return Tagger::load(data_dir); });
  // The learnt tagger and the parser only when asked for: no later stage
  // reads their layers yet, and they cost most of the pipeline's time.
  const bool parse = options.parse != ParseScope::kNone;
  std::future<std::unique_ptr<PerceptronTagger>> learnt_tagger;
  std::future<std::unique_ptr<DependencyParser>> parser;
  if (parse) {
    learnt_tagger = std::async(std::launch::async, [&] { return PerceptronTagger::load(models + "tagger.model", filter); });
    parser = std::async(std::launch::async, [&] { return DependencyParser::load(models + "parser.model", filter); });
  }
  auto events = std::async(std::launch::async, [&] { return EventDictionary::load(data_dir); });
  auto phoenix = std::async(std::launch::async, [&] { return PhoenixActors::load(data_dir + "/phoenix_actors.tsv"); });
  auto lemmatizer = Lemmatizer::load(data_dir);
  auto names = NameLexicon::load(data_dir, tokenizer);
  auto places = gazetteer.get();
  std::future<std::unique_ptr<NameModel>> name_model;
  if (options.names != NameSource::kLists)
    name_model = std::async(std::launch::async, [&] { return NameModel::load(models + "names.model", places, names); });
  Pipeline p;
  p.add(std::make_unique<Tokenizer>(abbreviations));
  p.add(std::make_unique<SentenceSplitter>(abbreviations));
  p.add(tagger.get());
  p.add(std::move(lemmatizer));  // before the learnt tagger: the sentence filter reads lemmas
  if (parse) {
    p.add(learnt_tagger.get());
    p.add(parser.get());
  }
  if (options.names != NameSource::kLists) p.add(name_model.get());
  p.add(std::make_unique<NameFinder>(places, names, abbreviations, options.names));
  p.add(std::make_unique<EntityLinker>(places, names));
  p.add(std::make_unique<Coreference>(places, names, data_dir, phoenix.get()));
  p.add(std::make_unique<TimeNormalizer>(data_dir));
  p.add(std::make_unique<QuoteFinder>(data_dir));
  p.add(std::make_unique<SpeakerPronouns>());
  p.add(std::make_unique<ClaimFinder>(data_dir));
  p.add(std::make_unique<EventCoder>(events.get(), places));
  p.add(std::make_unique<ActorCountries>(places));
  // Last: the event coder may add entities, and each gets its tone.
  p.add(std::make_unique<ToneScorer>(ToneLexicon::load(data_dir)));
  if (const char* fault = std::getenv("SITREP_TEST_FAULT"); fault && std::strchr(fault, ':')) {
    const std::string spec(fault);
    p.inject_fault(spec.substr(0, spec.find(':')), spec.substr(spec.find(':') + 1));
  }
  return p;
}

Pipeline build_syntax_pipeline(const std::string& data_dir, const SyntaxOptions& options) {
  const std::string models = data_dir + "/models/";
  auto parser = std::async(std::launch::async, [&] { return DependencyParser::load(models + "parser.model"); });
  auto tagger = std::async(std::launch::async, [&] { return Tagger::load(data_dir); });
  std::unique_ptr<Stage> learnt_tagger;
  if (!options.hmm_tagger) learnt_tagger = PerceptronTagger::load(models + "tagger.model");
  Pipeline p(options.from_tags ? kTokensLayer | kSentencesLayer : 0);
  if (!options.from_tags) {
    auto abbreviations = std::make_shared<const Abbreviations>(Abbreviations::load(data_dir));
    p.add(std::make_unique<Tokenizer>(abbreviations));
    p.add(std::make_unique<SentenceSplitter>(abbreviations));
  }
  p.add(tagger.get());
  p.add(Lemmatizer::load(data_dir));
  if (learnt_tagger) p.add(std::move(learnt_tagger));
  p.add(parser.get());
  return p;
}

}  // namespace sitrep
