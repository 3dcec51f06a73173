// Lemmatizer: the lemma of every token (Document::lemmas), guided by its tag.
//
// WordNet's morphy: a tagged form is looked up in the irregular forms of its
// part of speech (said → say, better/JJR → good), then the detachment rules
// of that part of speech are tried in order (resigned → resign, militants →
// militant, planned → plan), and a candidate counts only when WordNet knows it
// as a lemma of that part of speech. Otherwise the lemma is the word itself in
// lower case. Which words get which treatment:
//   NNS                 noun rules        VBD VBG VBN VBZ  verb rules
//   JJR JJS             adjective rules   RBR RBS          adverb forms, then adjective rules
//   VB VBP MD           irregular forms only ('re → be, ca → can, wo → will)
//   NNP                 the word as written; NNPS loses its plural ending (Palestinians → Palestinian)
//   POS CD PUNCT, URLs  the token text as it is (’s stays ’s)
//
// A lemma is a view into the article text when it is a prefix of the token
// (militants → militant), else into this object's storage. A capitalised word
// whose lower-case form is in no lexicon (a name mis-tagged NN) keeps its case:
// there is nowhere to put the lower-case copy without allocating per document.
//
//   pipeline.add(Lemmatizer::load(data_dir));  // after the tagger; throws TsvError
//   doc.lemmas[i] == "resign"
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/tsv.h"
#include "text/string_map.h"
#include "sitrep/document.h"
#include "sitrep/pipeline.h"

namespace sitrep {

class Lemmatizer : public Stage {
 public:
  // Reads lemma_exceptions.tsv, wordnet_lemmas.tsv, morphy_rules.tsv and the
  // words of pos_lexicon.tsv (the lower-case forms of words WordNet lacks, such
  // as "the") from `data_dir`; throws TsvError naming file:line.
  static std::unique_ptr<Lemmatizer> load(const std::string& data_dir);
  Lemmatizer(const TsvTable& exceptions, const TsvTable& lemmas, const TsvTable& rules, const TsvTable& vocabulary);

  std::string_view name() const override { return "lemmatizer"; }
  LayerSet requires_layers() const override { return kTokensLayer | kTagsLayer; }
  LayerSet assigns_layers() const override { return kTagsLayer; }
  // Fills doc.lemmas, one per token. Without tags (doc.pos empty) every word
  // is its own lemma, in lower case.
  void run(Document& doc) const override;

  // The lemma of `word` (one token) tagged `tag`: a view into `word` or into
  // this object's storage.
  std::string_view lemma(std::string_view word, Pos tag) const;

 private:
  enum PartOfSpeech : uint8_t { kNoun, kVerb, kAdjective, kAdverb, kPartsOfSpeech };
  template <typename V>
  using Map = StringMap<V>;
  struct Rule {
    std::string suffix;  // without the leading "*"
    std::string ending;
    bool undouble;       // one of a doubled consonant before the suffix goes too
  };

  std::string_view morphy(std::string_view word, std::string_view lower, PartOfSpeech pos) const;
  std::string_view lower_case(std::string_view word, std::string_view lower) const;
  std::string_view exception(std::string_view lower, PartOfSpeech pos) const;
  std::string_view known(std::string_view word, std::string_view candidate, PartOfSpeech pos) const;

  Map<uint8_t> words_;  // every lower-case word and lemma -> WordNet parts of speech (bit set)
  std::array<Map<std::string_view>, kPartsOfSpeech> exceptions_;  // form -> lemma (a key of words_)
  std::array<std::vector<Rule>, kPartsOfSpeech> rules_;
};

}  // namespace sitrep
