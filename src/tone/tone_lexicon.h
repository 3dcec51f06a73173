// The tone stage's words: VADER's lexicon (data/tone_lexicon.tsv: a valence
// from -4 to +4 per word) and its negation words and degree adverbs
// (data/tone_modifiers.tsv), in one flat table keyed on the lower-case word's
// hash, so that a token costs one look-up.
//
//   auto lex = ToneLexicon::load(data_dir);
//   if (const ToneWord* w = lex->find("excellent")) ... w->valence ...
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "learn/feature_hash.h"
#include "learn/key_table.h"

namespace sitrep {

struct ToneWord {
  float valence = 0;      // VADER's mean rating; 0 with in_lexicon false when only a modifier
  float boost = 0;        // a degree adverb's step (+0.293 booster, -0.293 dampener), else 0
  bool in_lexicon = false;
  bool negation = false;  // "not", "never", "without" ...
};

class ToneLexicon {
 public:
  // Throws TsvError naming file:line for a malformed file, a valence that is
  // not a number, or an unknown modifier kind.
  static std::shared_ptr<const ToneLexicon> load(const std::string& data_dir);
  // The same over the files' text (tests); the paths name them in messages.
  static std::shared_ptr<const ToneLexicon> parse(std::string_view lexicon, const std::string& lexicon_path,
                                                  std::string_view modifiers, const std::string& modifiers_path);

  // `word` lower case.
  const ToneWord* find(std::string_view word) const {
    const uint16_t* i = table_.find(key(word));
    return i ? &words_[*i] : nullptr;
  }
  size_t size() const { return words_.size(); }

 private:
  // Words are looked up by a 64-bit hash in one flat table: no string
  // compared and no pointer followed per token (two words sharing a hash
  // would be one; with 7,600 words that is a chance of about 1 in 10^12).
  static uint64_t key(std::string_view word) { return learn::mix64(learn::hash_text(word)) | 1; }

  std::vector<ToneWord> words_;
  learn::KeyTable table_;
};

}  // namespace sitrep
