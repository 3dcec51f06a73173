// NameLexicon: what the name finder knows besides the gazetteer: titles and
// roles (titles.tsv), given names with gender (given_names.tsv), popular
// forenames and surnames of 107 countries (world_names.tsv) and the cue words
// that shape names (name_cues.tsv).
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "lexicon/phrase_matcher.h"
#include "text/string_map.h"

namespace sitrep {

// Classes of cue words (a word may have several).
enum NameCue : uint16_t {
  kOrgHead = 1 << 0,       // "... Ministry" names an organisation
  kGpeHead = 1 << 1,       // "... Province"
  kLocHead = 1 << 2,       // "... River"
  kFacHead = 1 << 3,       // "... Airport"
  kEventHead = 1 << 4,     // "... Summit"
  kPersonParticle = 1 << 5,  // bin, al, van, de inside person names
  kNameConnector = 1 << 6,   // of, for, and, & inside organisation names
  kPeopleNoun = 1 << 7,    // officials, troops: a demonym before one names an actor
  kTimeWord = 1 << 8,      // Monday, October: never a name
  kNotName = 1 << 9,       // I, Mr., OK
  kEventPrefix = 1 << 10,  // "Typhoon ...", "Operation ..."
  kLocPrefix = 1 << 11,    // "Lake ...", "Mount ..."
  kLocative = 1 << 12,     // in, near: an unknown single name after one is a place
  kPlaceNoun = 1 << 13,    // village, town: "the village of X" names a place
  kOrgNoun = 1 << 14,      // airline, carmaker: "airline Aer Lingus" names an organisation
};

// What world_names.tsv says of a word (bits).
enum WorldName : uint8_t {
  kWorldForename = 1 << 0,
  kWorldSurname = 1 << 1,
};

struct Title {
  std::string phrase;
  bool is_title = true;  // "Major General" (a title before a name) or a role ("spokesman")
  std::string sector;    // GOV, MIL, OPP ...
  char gender = 0;
};

class NameLexicon {
 public:
  static std::shared_ptr<const NameLexicon> load(const std::string& data_dir, const Tokenizer& tokenizer);

  uint16_t cues(std::string_view word) const {
    const uint16_t* bits = cues_.find(word);
    return bits ? *bits : 0;
  }
  // 'm', 'f', 'u' for a known given name, else 0.
  char given_name(std::string_view word) const {
    const char* gender = given_.find(word);
    return gender ? *gender : 0;
  }
  // kWorldForename and kWorldSurname bits for a word of world_names.tsv (in
  // the case it has there), else 0.
  uint8_t world_name(std::string_view word) const {
    const uint8_t* bits = world_.find(word);
    return bits ? *bits : 0;
  }
  // Whether a word, in lower case, is a closed-class word of
  // data/function_words.tsv ("and", "to", "said"): no column label, nor part
  // of a name read in capitals.
  bool function_word(std::string_view lower) const { return function_words_.find(lower) != nullptr; }
  // The longest title or role at token i, or kNone; `length` gets its tokens.
  int32_t title_at(const Document& doc, size_t i, size_t end, uint32_t& length) const;
  const Title& title(int32_t i) const { return titles_[static_cast<size_t>(i)]; }

 private:
  StringMap<uint16_t> cues_;
  StringMap<char> given_;
  StringMap<uint8_t> world_;
  StringMap<char> function_words_;
  std::vector<Title> titles_;
  PhraseMatcher title_matcher_{true};
};

}  // namespace sitrep
