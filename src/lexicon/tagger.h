// Tagger: Penn Treebank part-of-speech tags for every token (Document::pos).
//
// A second-order hidden Markov model decoded with Viterbi, as in TnT (Brants
// 2000), built from Festival's WSJ models (data/pos_lexicon.tsv,
// data/pos_trigrams.tsv, data/pos_suffixes.tsv; see data/build/poslex.py) and
// the common WordNet words they lack (data/pos_lexicon_wordnet.tsv):
// - transitions: tag trigram counts, smoothed by deleted interpolation with the
//   bigram and unigram counts;
// - emissions: ln P(word | tag) from the lexicon, looked up in lower case (the
//   lexicon is case-folded), so the word's shape enters as a separate factor:
//   a capitalised word inside a sentence is far likelier a proper noun (or a
//   nationality adjective, data/proper_adjectives.tsv) than anything else, while
//   the first word of a sentence, and every word of a title-case headline, tells
//   nothing by its capital;
// - unknown words: P(tag | suffix) learnt from the lexicon's rare words, with a
//   table of its own for hyphenated words;
// - a sentence ending in a full stop gets a finite verb: when the best path has
//   none, its first VBN that could be VBD becomes VBD ("Police arrested ...");
// - the token kind decides where the tokeniser already knows: numbers are CD
//   (ordinals JJ), URLs NN, punctuation PUNCT; a clitic is looked up ('s → POS
//   or VBZ, n't → RB, 'll → MD ...).
// Each word allows only the tags it was seen with (or the suffix model's likely
// ones), so the Viterbi lattice stays small. The model is immutable after
// load(); run() keeps its scratch space per thread.
//
//   pipeline.add(Tagger::load(data_dir));      // after tokenizer and sentences;
//                                              // throws TsvError on a bad file
//   doc.pos[i] == Pos::kNNP
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/tsv.h"
#include "text/string_map.h"
#include "sitrep/document.h"
#include "sitrep/pipeline.h"

namespace sitrep {

// Writes `word` as the lexicons spell it: ASCII and Latin-1 capitals lowered,
// ’ as '. Returns the length written, or 0 when it does not fit in `cap`.
size_t fold_for_lookup(std::string_view word, char* out, size_t cap);

class Tagger : public Stage {
 public:
  static constexpr size_t kTags = static_cast<size_t>(Pos::kPunct) + 1;

  // Reads pos_lexicon.tsv, pos_lexicon_wordnet.tsv, pos_lexicon_events.tsv,
  // pos_trigrams.tsv, pos_suffixes.tsv and proper_adjectives.tsv from
  // `data_dir`; throws TsvError naming file:line.
  static std::unique_ptr<Tagger> load(const std::string& data_dir);
  // The same from tables already parsed (tests build small ones). A word in
  // several lexicons takes its readings from the first; `supplements` add
  // readings to the ones a word has ("boycott" as a verb besides a noun).
  Tagger(std::span<const TsvTable> lexicons, const TsvTable& trigrams, const TsvTable& suffixes,
         const TsvTable& proper_adjectives, std::span<const TsvTable> supplements = {});

  std::string_view name() const override { return "tagger"; }
  LayerSet requires_layers() const override { return kTokensLayer | kSentencesLayer; }
  LayerSet assigns_layers() const override { return kTagsLayer; }
  // Fills doc.pos, one tag per token, sentence by sentence; a token outside
  // every sentence is tagged as a sentence of its own.
  void run(Document& doc) const override;

  // Tags tokens [first, end) of `tokens`, one sentence over `text`, into out[first..end).
  void tag_sentence(std::string_view text, std::span<const Token> tokens, size_t first, size_t end,
                    std::span<Pos> out) const;

  // Parses a Penn tag name ("NNP", "PRP$", "PUNCT"); Pos::kUnknown when not one.
  static Pos parse_tag(std::string_view name);

 private:
  struct Reading {
    Pos tag;
    float logprob;
  };
  struct Candidate {
    uint8_t tag;
    float score;
  };
  struct Range {
    uint32_t first = 0;
    uint32_t count = 0;
  };
  using Index = StringMap<Range>;

  void load_lexicons(std::span<const TsvTable> lexicons, std::span<const TsvTable> supplements);
  void load_trigrams(const TsvTable& t);
  void load_suffixes(const TsvTable& t);
  static const Reading* find(const Index& index, const std::vector<Reading>& readings, std::string_view key,
                             size_t& count);
  void candidates(std::string_view text, std::span<const Token> tokens, size_t i, bool initial,
                  bool headline, std::vector<Candidate>& out) const;
  void unknown_word(std::string_view lower, bool hyphenated, std::vector<Candidate>& out) const;

  Index words_;                       // lower-cased word -> its readings_
  std::vector<Reading> readings_;     // ln P(word | tag), most likely first
  Index suffixes_[2];                 // [0] all words, [1] hyphenated words -> suffix_readings_
  std::vector<Reading> suffix_readings_;  // ln P(tag | suffix) - ln P(tag)
  StringMap<char> proper_adjectives_;  // lower-cased
  std::vector<float> trans_;          // ln P(t3 | t1, t2), kTags^3
  std::array<float, kTags> tag_log_prior_{};  // ln P(tag)
  std::array<float, kTags> tag_count_{};      // N(tag) in the treebank
  std::array<float, kTags> unseen_reading_{}; // ln P(word | tag) of a word seen once: for NNP added to capitals
  float unknown_proper_ = 0;  // the suffix model's NNP score for any unknown word
  size_t suffix_max_len_ = 0;
};

}  // namespace sitrep
