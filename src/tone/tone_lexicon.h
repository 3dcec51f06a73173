// The tone stage's words: VADER's lexicon (data/tone_lexicon.tsv: a valence
// from -4 to +4 per word) and its negation words and degree adverbs
// (data/tone_modifiers.tsv), in one hash map keyed on the lower-case word, so
// that a token costs one look-up.
//
//   auto lex = ToneLexicon::load(data_dir);
//   if (const ToneWord* w = lex->find("excellent")) ... w->valence ...
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

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
    auto it = words_.find(word);
    return it == words_.end() ? nullptr : &it->second;
  }
  size_t size() const { return words_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, ToneWord, Hash, std::equal_to<>> words_;
};

}  // namespace sitrep
