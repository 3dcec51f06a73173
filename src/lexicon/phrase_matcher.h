// PhraseMatcher: finds the longest lexicon phrase that starts at a token.
//
// Phrases are token sequences, tokenised with the article tokeniser so that
// "U.S.", "Côte d’Ivoire" or "Standard & Poor's 500" split exactly as text
// does. Lookup hashes the first token (a string_view, no allocation) and
// checks the candidates that start with it, longest first. Curly and straight
// apostrophes match each other; a matcher built case-insensitive folds ASCII
// case ("prime minister" matches "Prime Minister").
//
//   PhraseMatcher m(/*fold_case=*/false);
//   m.add(tokenizer, "Gaza Strip", 7);
//   PhraseMatcher::Match hit = m.longest(doc, i, end);   // hit.length tokens, hit.payloads
#pragma once

#include <cstdint>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include "sitrep/document.h"
#include "text/string_map.h"
#include "text/tokenizer.h"

namespace sitrep {

class PhraseMatcher {
 public:
  explicit PhraseMatcher(bool fold_case) : fold_case_(fold_case) {}

  // Adds `phrase` with a caller-defined payload (an index into the caller's
  // table). The same phrase may carry several payloads. Empty phrases are ignored.
  void add(const Tokenizer& tokenizer, std::string_view phrase, uint32_t payload);

  struct Match {
    uint32_t length = 0;  // in tokens; 0 when nothing matched
    std::span<const uint32_t> payloads;
    explicit operator bool() const { return length != 0; }
  };
  // The longest phrase that starts at token `i` and ends by token `end`.
  Match longest(const Document& doc, size_t i, size_t end) const;
  // Every phrase length that matches at `i` (longest first), for callers that
  // need to choose among overlapping readings.
  void all(const Document& doc, size_t i, size_t end, std::vector<Match>& out) const;

  size_t size() const { return phrases_.size(); }

 private:
  struct Phrase {
    uint32_t first_word;  // into words_: the phrase's tokens, normalised
    uint32_t length;      // in tokens
    std::vector<uint32_t> payloads;
  };
  std::string_view normalise(std::string_view token, std::string& buffer) const;
  bool matches_rest(const Document& doc, const Phrase& p, size_t i, std::string& buffer) const;
  bool token_equals(const Document& doc, size_t i, std::string_view phrase_token, std::string& buffer) const;

  // A bit per hash of a first token (a Bloom filter with one hash, 32 KB):
  // most tokens begin no phrase, and the filter says so without a lookup in
  // by_first_ (hashing, a division and a bucket walk).
  static constexpr size_t kFilterLog = 18;
  static constexpr size_t kFilterBits = size_t{1} << kFilterLog;
  static constexpr uint64_t kFirstHashBasis = 0xcbf29ce484222325ULL, kFirstHashPrime = 0x100000001b3ULL;
  static uint64_t first_hash(std::string_view w) {
    uint64_t h = kFirstHashBasis;
    for (unsigned char c : w) h = (h ^ c) * kFirstHashPrime;
    return h;
  }
  // normalise(token) == normalised, without making the normalised form.
  bool equals_normalised(std::string_view token, std::string_view normalised) const;
  // first_hash(normalise(token)), without making the normalised form.
  uint64_t normalised_hash(std::string_view token) const;
  bool may_begin(uint64_t hash) const {
    const uint64_t bit = hash >> (64 - kFilterLog);
    return (filter_[bit >> 6] >> (bit & 63)) & 1;
  }
  const std::vector<uint32_t>* starting_with(std::string_view w) const {
    if (!may_begin(first_hash(w))) return nullptr;
    return by_first_.find(w);
  }
  const std::vector<uint32_t>* candidates(const Document& doc, size_t i, std::string& buffer) const;

  bool fold_case_;
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(kFilterBits / 64);
  std::vector<Phrase> phrases_;
  std::vector<std::string_view> words_;  // every phrase's tokens, in words_arena_
  StringArena words_arena_;
  // First token → phrases that start with it, longest first.
  StringMap<std::vector<uint32_t>> by_first_;
  StringMap<uint32_t> phrase_ids_;  // joined tokens → phrase
};

}  // namespace sitrep
