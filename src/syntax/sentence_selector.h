// SentenceSelector: which sentences the later stages need parsed, so that
// the engine can run the learnt tagger and the parser on those alone
// (EngineOptions::parse, --parse needed). The stage that reads the parse is
// the speech stage, where a reported content ends (quote_finder.cc,
// parsed_end), so a sentence is needed when it holds a cue of speech or
// attribution: a form of data/speech_cues.tsv or data/attribution_cues.tsv,
// for a phrase its longest word ("according", "view"). (The event coder was
// measured with the parse and did better without it, so event triggers no
// longer select a sentence.) One hash probe per token.
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
