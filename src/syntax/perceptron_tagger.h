// PerceptronTagger: universal (UPOS) and Penn (XPOS) part-of-speech tags for
// every token, from a greedy left-to-right averaged perceptron trained on UD
// English EWT and GUM (data/models/tagger.model; scripts/train_models.sh).
// It is stacked on the HMM tagger (lexicon/tagger.h): the HMM's tag of each
// word and its neighbours is a feature, so the HMM runs first.
//
// Each token gets one class, a UPOS|XPOS pair seen in the treebanks
// ("AUX|VBZ", "PROPN|NNP"), so the two tags never disagree. Features
// (tagger_features) are the word, its affixes and shape, the words two
// either side, the tags the treebanks gave them (ambiguity classes), and the
// two tags already given to its left. Frequent words
// that the treebanks always tag one way take that tag from a dictionary.
//
// Document::upos and Document::xpos get the treebank tags. Document::pos
// keeps the HMM's tags: the rule stages were tuned on them, and lose a
// little with the learnt ones (headlines above all: "chief resigns"),
// though these are more accurate on news (see data/README.md). TagClass::pos
// gives the learnt tag as sitrep's Pos for a caller that wants it.
//
//   auto tagger = PerceptronTagger::load("data/models/tagger.model");  // throws ModelError
//   pipeline.add(std::move(tagger));  // after the tokenizer and sentences
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "learn/key_table.h"
#include "learn/linear_model.h"
#include "learn/model_file.h"
#include "sitrep/document.h"
#include "sitrep/pipeline.h"
#include "syntax/sentence_selector.h"
#include "syntax/word_features.h"

namespace sitrep {

// The feature set's name and version, written in the model's header; a
// change to tagger_features or word_features must bump the version.
inline constexpr std::string_view kTaggerFeatureSet = "tagger-greedy-2x2-ambiguity-wsj-hmm 4";

// The features of position i of a sentence of n words, given the classes of
// the two words before it (kNoClass outside the sentence) and each word's
// ambiguity class: the set of classes the training data gave it, as a
// number (kUnseenWord for a word it did not have often enough), and the
// set of Penn tags a lexicon of the Wall Street Journal treebank gives it
// (data/pos_lexicon.tsv, baked into the model when it is trained). Writes at
// most kMaxTaggerFeatures keys to `out`; returns how many.
inline constexpr uint32_t kNoClass = 0xffff;
inline constexpr uint16_t kUnseenWord = 0xffff;
inline constexpr size_t kMaxTaggerFeatures = 56;  // 49 at most today
struct TaggerWords {
  const WordFeatures* words;
  const uint16_t* ambiguity;  // treebank ambiguity classes
  const uint16_t* lexicon;    // WSJ lexicon tag sets
  const Pos* hmm;             // the HMM tagger's tags (Document::pos), or null
  size_t n;
};
size_t tagger_features(const TaggerWords& s, size_t i, uint32_t prev1, uint32_t prev2, uint32_t* out);

struct TagClass {
  Upos upos = Upos::kX;
  Pos pos = Pos::kUnknown;
  std::string xpos;
};

// "UPOS|XPOS" -> its tags; false when either is unknown.
bool parse_tag_class(std::string_view name, TagClass& out);
// sitrep's Pos of a treebank Penn tag: punctuation tags, $ and # are kPunct;
// HYPH and NFP punctuation; ADD (addresses) NN; AFX JJ; GW and XX FW.
Pos pos_of_xpos(std::string_view xpos);

class PerceptronTagger : public Stage {
 public:
  // Throws learn::ModelError naming the file when it is missing, truncated,
  // corrupt, of another version or malformed.
  // `filter` chooses the sentences to tag (SentenceSelector); the others get
  // Upos::kX and an empty XPOS.
  static std::unique_ptr<PerceptronTagger> load(const std::string& path, SentenceFilter filter = {});
  explicit PerceptronTagger(const learn::ModelFile& file, SentenceFilter filter = {});

  std::string_view name() const override { return "perceptron tagger"; }
  LayerSet requires_layers() const override { return kTokensLayer | kSentencesLayer | kTagsLayer; }
  LayerSet assigns_layers() const override { return kTagsLayer; }
  // Fills doc.upos and doc.xpos, one per token, sentence by sentence (a token
  // outside every sentence is tagged as a sentence of its own); doc.pos, the
  // HMM tagger's, stays as it is.
  void run(Document& doc) const override;

  // The classes of tokens [first, end) of one sentence of `doc`, into
  // out[first..end); doc.pos, when filled, holds the HMM tagger's tags.
  void tag(const Document& doc, size_t first, size_t end, std::span<uint16_t> out) const;
  const std::vector<TagClass>& classes() const { return classes_; }

 private:
  learn::LinearModel weights_;
  learn::KeyTable dictionary_;  // normalised form (WordFeatures::form) -> class
  learn::KeyTable ambiguity_;   // lower-case form (WordFeatures::lower) -> ambiguity class
  learn::KeyTable lexicon_;     // lower-case form -> WSJ lexicon tag set
  std::vector<TagClass> classes_;
  SentenceFilter filter_;
};

}  // namespace sitrep
