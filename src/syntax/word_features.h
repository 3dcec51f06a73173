// WordFeatures: what the tagger and the parser know of a token by itself,
// hashed once per token (learn/feature_hash.h) so that their feature
// templates only combine numbers.
//
// The word is normalised first, the same way in training and at run time,
// so that treebank and news spellings meet: ASCII letters lower-cased (the
// case goes to the shape), curly quotes and apostrophes straight (’s → 's),
// PTB quotes `` '' as ", and every digit 0 (1990 → 0000). A hyphenated word
// also gives its last part ("Hamas-run" → "run"): the pipeline keeps
// "well-known" one token where GUM splits it, and the last part is what
// decides how such a word behaves.
//
//   std::vector<WordFeatures> words(tokens.size());
//   for (size_t i = 0; i < tokens.size(); ++i) words[i] = word_features(text, tokens[i]);
#pragma once

#include <cstdint>
#include <string_view>

#include "sitrep/document.h"

namespace sitrep {

struct WordFeatures {
  uint64_t lower = 0;      // normalised, lower case
  uint64_t form = 0;       // normalised, case kept
  uint64_t prefix[3] = {}; // first 1, 2, 3 bytes of `lower`
  uint64_t suffix[4] = {}; // last 1, 2, 3, 4 bytes of `lower`
  uint64_t shape = 0;      // Xxx, xx, dd, X.X., with the token kind and quote side
  uint64_t last_part = 0;  // `lower` after its last inner hyphen, else `lower`
  uint8_t length = 0;      // normalised bytes, at most 255
};

// With `affixes` false, prefix, suffix and last_part stay 0 (cheaper, for
// tokens whose affixes no feature reads).
WordFeatures word_features(std::string_view text, const Token& token, bool affixes = true);
// WordFeatures::lower of a word given as a string (lexicon entries).
uint64_t lower_key(std::string_view word);

// The hash values of positions outside a sentence.
inline constexpr uint64_t kBeforeSentence = 0x5354415254ull;  // "START"
inline constexpr uint64_t kAfterSentence = 0x454e44ull;       // "END"
inline constexpr uint64_t kNoValue = 0x4e4f4e45ull;           // "NONE"

}  // namespace sitrep
