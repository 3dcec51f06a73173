// SentenceSelector: which sentences the later stages need parsed, so that
// the engine can run the learnt tagger and the parser on those alone
// (EngineOptions::parse). A sentence is needed when it holds an event
// trigger (a verb lemma of data/event_verbs.tsv or a noun of
// data/event_nouns.tsv) or a speech cue (a form of data/speech_cues.tsv, the
// first word of a phrase): where the events and speech stages ask who did or
// said what to whom. Reads the lemmas layer; one hash probe per token.
//
//   auto selector = SentenceSelector::load(data_dir);  // throws TsvError
//   DependencyParser parser(file, [selector](const Document& d, const Sentence& s) { return (*selector)(d, s); });
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "learn/key_table.h"
#include "sitrep/document.h"

namespace sitrep {

// Which sentences a stage works on; empty: every sentence.
using SentenceFilter = std::function<bool(const Document&, const Sentence&)>;

class SentenceSelector {
 public:
  static std::shared_ptr<const SentenceSelector> load(const std::string& data_dir);
  bool operator()(const Document& doc, const Sentence& sentence) const;

 private:
  learn::KeyTable words_;  // hashes of lemmas and lower-case forms
};

}  // namespace sitrep
