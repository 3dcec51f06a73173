// Abbreviations and sentence starters, loaded from data/abbreviations.tsv and
// data/sentence_starters.tsv. The tokeniser uses them to keep "Gen." or
// "Jan." whole; the sentence splitter to decide whether a period after an
// abbreviation also ends the sentence.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace sitrep {

enum class AbbrevClass : uint8_t {
  kNone,     // not an abbreviation
  kTitle,    // Gen. Mr. Sen.: a name follows; never ends a sentence
  kMonth,    // Jan. Sept.: a day number usually follows
  kWeekday,  // Mon. Tues.
  kNumber,   // No. Vol.: an abbreviation only before a digit
  kGeneral,  // Inc. Jr. etc.: may end a sentence
  kInitial,  // J. (one capital letter)
  kLetters,  // U.S. a.m. e.g. (letter-period sequences)
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class Abbreviations {
 public:
  // Loads both files from `data_dir`; throws TsvError on a malformed file.
  static Abbreviations load(const std::string& data_dir);

  void add(std::string_view abbreviation, AbbrevClass cls);
  void add_sentence_starter(std::string_view word);

  // The class of `word` written without its final period.
  AbbrevClass lookup(std::string_view word) const {
    auto it = table_.find(word);
    return it == table_.end() ? AbbrevClass::kNone : it->second;
  }
  bool is_sentence_starter(std::string_view word) const { return starters_.find(word) != starters_.end(); }
  size_t size() const { return table_.size(); }

 private:
  std::unordered_map<std::string, AbbrevClass, StringHash, std::equal_to<>> table_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> starters_;
};

}  // namespace sitrep
