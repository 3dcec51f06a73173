// The lexicon of the claims stage (see claim_finder.h): what the data files
// data/number_words.tsv and data/claim_*.tsv hold, compiled into hash maps and
// phrase tables keyed on lower-cased tokens.
//
//   auto lex = claims::ClaimLexicon::load(data_dir);
//   claims::Words words(doc);                 // the document's tokens, lower-cased
//   const Qualifier* hedge = nullptr;   // "more than" before token i?
//   uint32_t n = lex->hedges_before.backward(words, sentence.first_token, i, &hedge);
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sitrep/document.h"

namespace sitrep::claims {

struct WordHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class T>
using WordMap = std::unordered_map<std::string, T, WordHash, std::equal_to<>>;

inline void lower_ascii(std::string& s) {
  for (char& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
}

// number_words.tsv classes.
enum NumberClass : uint8_t { kUnitWord, kTensWord, kScaleWord, kSuffixWord, kCountWord, kArticleWord, kVagueWord };
struct NumberWord {
  int64_t value = 0;
  NumberClass cls = kUnitWord;
};

// claim_kinds.tsv patterns: where a figure stands relative to the word.
enum KindPattern : uint16_t {
  kActive = 1 << 0,
  kPassive = 1 << 1,
  kIntrans = 1 << 2,
  kBare = 1 << 3,
  kMod = 1 << 4,
  kNoun = 1 << 5,
  kOf = 1 << 6,
  kToll = 1 << 7,
  kFrom = 1 << 8,
  kSingular = 1 << 9,
};
struct KindWord {
  std::string kind;
  uint16_t patterns = 0;
  std::vector<std::string> overrides;
};

// claim_units.tsv classes.
enum UnitClass : uint8_t { kCurrency, kPercent, kMeasure, kCount, kDuration };
struct UnitWord {
  UnitClass cls = kCount;
  std::string code;
};

// claim_words.tsv roles.
enum Role : uint16_t {
  kStop = 1 << 0,
  kObject = 1 << 1,
  kBe = 1 << 2,
  kHave = 1 << 3,
  kSkip = 1 << 4,
  kRelative = 1 << 5,
  kCue = 1 << 6,
  kAccording = 1 << 7,
  kPerson = 1 << 8,
  kMonth = 1 << 9,
  kPrep = 1 << 10,
  kEstimate = 1 << 11,
  kLabel = 1 << 12,
  kAttack = 1 << 13,
  kModal = 1 << 14,
};

// Words worth a look while scanning every token.
enum Trigger : uint8_t { kStartsNumber = 1, kSingularVerb = 2 };

// The article text lower-cased (ASCII), so that tokens compare with lexicon
// words as views, without a copy per token.
class Words {
 public:
  explicit Words(const Document& doc) : doc_(doc), lower_(doc.text()) { lower_ascii(lower_); }
  std::string_view operator[](uint32_t i) const {
    const Token& t = doc_.tokens[i];
    return std::string_view(lower_).substr(t.begin, t.end - t.begin);
  }
  // Token i follows the one before it with no space between ("A" "$" in A$20).
  bool glued(uint32_t i) const { return !doc_.tokens[i].has(kSpaceBefore); }

 private:
  const Document& doc_;
  std::string lower_;
};

// Phrases of one or more tokens, matched ignoring case, longest first.
template <class T>
class PhraseTable {
 public:
  // `glued` marks the words written with no space before them ("$" in "A$"),
  // which must be glued in the text too.
  void add(std::vector<std::string> words, T value, std::vector<bool> glued = {}) {
    glued.resize(words.size(), false);
    entries_.push_back({std::move(words), std::move(value), std::move(glued)});
  }
  void index() {
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const Entry& a, const Entry& b) { return a.words.size() > b.words.size(); });
    for (size_t k = 0; k < entries_.size(); ++k) {
      by_first_[entries_[k].words.front()].push_back(k);
      by_last_[entries_[k].words.back()].push_back(k);
    }
  }
  // The longest phrase starting at token i and ending before `limit`: its
  // length in tokens (0 when none) and its value.
  uint32_t forward(const Words& w, uint32_t i, uint32_t limit, const T** out) const {
    if (i >= limit) return 0;
    auto it = by_first_.find(w[i]);
    if (it == by_first_.end()) return 0;
    for (size_t k : it->second) {
      const Entry& e = entries_[k];
      if (i + e.words.size() > limit) continue;
      bool ok = true;
      for (size_t j = 1; j < e.words.size() && ok; ++j) {
        auto t = i + static_cast<uint32_t>(j);
        ok = w[t] == e.words[j] && (!e.glued[j] || w.glued(t));
      }
      if (ok) {
        *out = &e.value;
        return static_cast<uint32_t>(e.words.size());
      }
    }
    return 0;
  }
  // The longest phrase ending just before token `end`, starting at or after `begin`.
  uint32_t backward(const Words& w, uint32_t begin, uint32_t end, const T** out) const {
    if (end <= begin) return 0;
    auto it = by_last_.find(w[end - 1]);
    if (it == by_last_.end()) return 0;
    for (size_t k : it->second) {
      const Entry& e = entries_[k];
      if (end - begin < e.words.size()) continue;
      uint32_t start = end - static_cast<uint32_t>(e.words.size());
      bool ok = true;
      for (size_t j = 0; j < e.words.size() && ok; ++j) {
        auto t = start + static_cast<uint32_t>(j);
        ok = (j + 1 == e.words.size() || w[t] == e.words[j]) && (!e.glued[j] || w.glued(t));
      }
      if (ok) {
        *out = &e.value;
        return static_cast<uint32_t>(e.words.size());
      }
    }
    return 0;
  }
 private:
  struct Entry {
    std::vector<std::string> words;
    T value;
    std::vector<bool> glued;
  };
  std::vector<Entry> entries_;
  WordMap<std::vector<size_t>> by_first_, by_last_;
};

// The claims stage's data files, compiled: number words, claim kinds, hedges,
// units and the closed-class words read around a figure.
struct ClaimLexicon {
  // Loads data_dir/number_words.tsv and data_dir/claim_{kinds,hedges,units,words}.tsv
  // (and abbreviations.tsv, to split phrases as article text is split);
  // throws TsvError naming file:line on a malformed entry.
  static std::shared_ptr<const ClaimLexicon> load(const std::string& data_dir);

  // One-word numbers (three, million, dozens); what may be written onto digits
  // is keyed with a leading '#': "#k" (34K), "#bn" (2bn), "#-odd" (40-odd).
  WordMap<NumberWord> number_words;
  PhraseTable<NumberWord> number_phrases;  // vague and counted phrases: tens of thousands, half a dozen
  PhraseTable<KindWord> kinds;
  PhraseTable<Qualifier> hedges_before, hedges_after;
  PhraseTable<UnitWord> units_before, units_after;
  WordMap<uint16_t> roles;
  WordMap<uint8_t> triggers;
  // The first three letters of every trigger, as a bit set over a-z: most
  // tokens are ruled out without hashing them.
  std::vector<bool> trigger_prefixes = std::vector<bool>(26 * 26 * 26, false);

  static int prefix_index(std::string_view w) {
    if (w.size() < 3) return -1;
    int k = 0;
    for (int j = 0; j < 3; ++j) {
      if (w[j] < 'a' || w[j] > 'z') return -1;
      k = k * 26 + (w[j] - 'a');
    }
    return k;
  }
  uint8_t trigger(std::string_view w) const {
    int k = prefix_index(w);
    if (k >= 0 && !trigger_prefixes[k]) return 0;
    auto it = triggers.find(w);
    return it == triggers.end() ? 0 : it->second;
  }

  uint16_t role(std::string_view w) const {
    auto it = roles.find(w);
    return it == roles.end() ? 0 : it->second;
  }
  const NumberWord* number(std::string_view w) const {
    auto it = number_words.find(w);
    return it == number_words.end() ? nullptr : &it->second;
  }
};

}  // namespace sitrep::claims
