// NounPhrases: base noun phrases of a sentence, chunked over part-of-speech
// tags, for the descriptions that coreference resolves ("the US automobile
// manufacturer", "most economic analysts", "its shares", "Stock markets").
//
// A base noun phrase is an optional determiner (article, demonstrative,
// possessive pronoun or quantifier such as "most", "several", a number), then
// premodifiers (adjectives, participles, nouns, names) and a common-noun head:
// the last common noun of the run. A possessive ’s closes the phrase before
// it, and the phrase after it takes the possessor as its determiner, so "the
// firm's chief executive officer" is "the firm" + "chief executive officer".
// Phrases do not cross punctuation, so the work is linear in the sentence.
//
//   for (const NounPhrase& np : chunk_noun_phrases(doc, s.first_token, s.end_token)) ...
#pragma once

#include <cstdint>
#include <vector>

#include "sitrep/document.h"

namespace sitrep {

enum class Determiner : uint8_t {
  kBare,           // "markets", "Automobile manufacturer"
  kDefinite,       // "the company"
  kDemonstrative,  // "this company", "those shares"
  kIndefinite,     // "a prototype", "an airline", "another plane"
  kPossessive,     // "its shares", "Ford's profits", "the world's largest automaker"
  kQuantified,     // "most analysts", "several banks", "500 people", "all stock markets"
};

struct NounPhrase {
  uint32_t first = 0;  // tokens [first, end); end is one past the head
  uint32_t head = 0;   // the head noun
  uint32_t end = 0;
  // The first token of the possessor chain ("the world" in "the world's
  // largest automaker"): where the whole phrase begins in its clause.
  uint32_t outer_first = 0;
  Determiner determiner = Determiner::kBare;
  bool plural = false;
  bool has_name = false;  // a name among the premodifiers: "the US automobile manufacturer"
};

// The base noun phrases of tokens [first, end), in text order. Needs the tags
// layer (Document::pos).
// `common_noun`, when given (one entry per token), marks the nouns the caller
// knows: 1 for a capitalised token that is a common noun all the same
// ("Markets" in a title-case headline), 2 for another known noun.
std::vector<NounPhrase> chunk_noun_phrases(const Document& doc, uint32_t first, uint32_t end,
                                           const std::vector<char>* common_noun = nullptr);

}  // namespace sitrep
