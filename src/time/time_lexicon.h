// TimeLexicon: the words and patterns of temporal expressions, read from
// data/time_words.tsv and data/time_patterns.tsv (see their headers for the
// pattern language), compiled once into a word table and a trie of pattern
// elements that the Matcher (time_matcher.h) walks.
//
//   TimeLexicon lex = TimeLexicon::load(data_dir);     // throws TsvError naming file:line
//   int32_t id = lex.lookup("Oct.");                    // folded: "oct."
//   lex.word(id).has(WordClass::kMonthBound)            // true; lex.word(id).value(...) == 10
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/tsv.h"

namespace sitrep::timex {

enum class WordClass : uint8_t {
  kMonth, kMonthBound, kWeekday, kWeekdayPlural, kNumber, kOrdinal, kUnit, kUnits, kSeason, kPartOfDay,
  kMeridiem, kTimeZone, kTense, kBe, kNotPast, kDeterminer, kCountNoun, kNotYearBefore,
};
inline constexpr size_t kWordClasses = static_cast<size_t>(WordClass::kNotYearBefore) + 1;

// Unit codes of time_words.tsv (D W M Q Y DE CE H MIN S).
enum class Unit : uint8_t { kNone, kDay, kWeek, kMonth, kQuarter, kYear, kDecade, kCentury, kHour, kMinute, kSecond };
inline std::string_view unit_code(Unit u) {
  constexpr std::string_view kCodes[] = {"", "D", "W", "M", "Q", "Y", "DE", "CE", "H", "MIN", "S"};
  return kCodes[static_cast<size_t>(u)];
}

enum class TenseCue : uint8_t { kNone, kPast, kFuture, kFutureAdjacent, kInfinitive, kBeforeTo };

struct Word {
  uint32_t classes = 0;
  std::array<int16_t, kWordClasses> values{};  // month 1-12, weekday 1-7, number, Unit, TenseCue, season 1-4 ...
  std::string time_zone;                       // the TIMEX3 suffix of a time zone: Z, -05:00
  uint32_t slot_mask = 0;                      // slot_bit() of the slots its classes can fill

  bool has(WordClass c) const { return (classes >> static_cast<unsigned>(c)) & 1u; }
  int value(WordClass c) const { return values[static_cast<size_t>(c)]; }
};

// Pattern slots, matched by shape or by word class (the list in time_patterns.tsv).
enum class Slot : uint8_t {
  kMonth, kMonthName, kWeekday, kWeekdays, kDay, kYear, kYY, kDecade, kDecade2, kNum, kUnit, kUnit1, kUnits,
  kOrd, kSeason, kPod, kClock, kHour, kHhmm, kAmPm, kTz, kIsoDate, kSlashDate, kCountNoun, kNotYear, kCap,
};
inline constexpr size_t kSlots = static_cast<size_t>(Slot::kCap) + 1;
// One bit per slot, and one for hyphenated words, for quick tests of what a
// token could fill before trying the slots one by one.
constexpr uint32_t slot_bit(Slot s) { return 1u << static_cast<unsigned>(s); }
inline constexpr uint32_t kCompoundBit = 1u << kSlots;

struct Element {
  enum class Kind : uint8_t { kWords, kSlot, kCompound };
  Kind kind = Kind::kWords;
  bool context = false;          // must match, but stays out of the span
  Slot slot = Slot::kMonth;
  std::vector<int32_t> words;    // kWords: alternative word ids
  std::vector<Element> parts;    // kCompound: one element per hyphen-separated piece
};

inline constexpr size_t kMaxPatternElements = 15;

struct Rule {
  std::vector<Element> elements;
  std::string value;
  std::string where;         // file:line, for messages
  bool suppress = false;     // value "-": the words are no temporal expression
  uint8_t span_first = 0;    // the elements [span_first, span_end) are the expression
  uint8_t span_end = 0;
};

// A trie over pattern elements: each path from the root spells one rule
// (alternatives expanded), so rules that share a beginning test it once.
struct TrieNode {
  std::vector<std::pair<int32_t, uint32_t>> words;  // (word id * 2 + context) → child, sorted
  std::vector<std::pair<Element, uint32_t>> others;  // slots and hyphenated words → child
  uint32_t others_mask = 0;                          // slot_bit() of every one of them
  uint64_t word_sig = 0;                             // bit (id % 64) of every word child
  int32_t rule = -1;                                 // the earliest rule that ends here

  uint32_t word_child(int32_t id, bool context) const {
    const int32_t key = id * 2 + (context ? 1 : 0);
    auto it = std::lower_bound(words.begin(), words.end(), std::pair<int32_t, uint32_t>(key, 0));
    return it != words.end() && it->first == key ? it->second : 0;
  }
  // The children for a word as itself and as context, in one search; 0 where none.
  void word_children(int32_t id, uint32_t& plain, uint32_t& context) const {
    auto it = std::lower_bound(words.begin(), words.end(), std::pair<int32_t, uint32_t>(id * 2, 0));
    plain = context = 0;
    if (it != words.end() && it->first == id * 2) plain = (it++)->second;
    if (it != words.end() && it->first == id * 2 + 1) context = it->second;
  }
};

// What a match read from its slots.
struct Captures {
  int month = 0, day = 0, year = 0, weekday = 0, ord = 0, season = 0, pod = -1, decade = -1;
  double num = -1;  // negative: none
  Unit unit = Unit::kNone;
  int hour = -1, minute = 0, meridiem = 0;  // meridiem 1 a.m., 2 p.m.
  std::string_view time_zone;
};

inline constexpr int32_t kNoWord = -1;

class TimeLexicon {
 public:
  static TimeLexicon load(const std::string& data_dir);
  TimeLexicon(const TsvTable& words, const TsvTable& patterns);

  // The id of a token's text folded to lower case (curly apostrophes as '),
  // or kNoWord. This runs for every token, so it allocates nothing: the first
  // 8 bytes, folded eight at a time, and the length find the bucket of an
  // open-addressing table; longer words compare their rest byte by byte.
  // `readable`: how many bytes from text.data() may be read (at least
  // text.size()); with 8 or more the key is one unaligned load.
  int32_t lookup(std::string_view text, size_t readable = 0) const {
    size_t n = text.size();
    if (n == 0 || n > max_length_) return kNoWord;
    const char* p = text.data();
    uint64_t k = 0;
    if (n >= 3 && static_cast<unsigned char>(p[0]) == 0xE2 && p[1] == '\x80' && (p[2] == '\x99' || p[2] == '\x98')) {
      if (n > 10) return kNoWord;  // ’ll: an apostrophe and up to 7 bytes
      std::memcpy(&k, p + 3, n - 3);
      k = (fold8(k) << 8) | '\'';
      n -= 2;
    } else if (readable >= 8) {
      std::memcpy(&k, p, 8);
      if (n < 8) k &= (uint64_t{1} << (8 * n)) - 1;
      k = fold8(k);
    } else {
      std::memcpy(&k, p, n < 8 ? n : 8);
      k = fold8(k);
    }
    // A 1 KB bit filter, which stays in cache between the other stages'
    // lexicons, turns away most words that are no key before the table is read.
    const size_t h = mix(k, n);
    if (!((filter_[(h >> 6) & (kFilterWords - 1)] >> (h & 63)) & 1)) return kNoWord;
    // Written so that the usual outcomes (a short word found, or an empty
    // bucket) take no unpredictable branch.
    for (size_t slot = h & mask_;; slot = (slot + 1) & mask_) {
      const Bucket& b = table_[slot];
      const bool same = (b.key == k) & (b.length == n);
      const int32_t result = same ? b.id : kNoWord;
      if (same ? n <= 8 : b.id == kNoWord) return result;
      if (same && same_rest(keys_[static_cast<size_t>(b.id)], text)) return b.id;
    }
  }
  // What may follow a word for a pattern to start with it (as itself or
  // through its classes): `alone` when it is a whole match by itself; else a
  // next word must have a bit in `words` (bit id % 64) or fill a slot in `slots`.
  struct Start {
    bool alone = false;
    uint64_t words = 0;
    uint32_t slots = 0;
  };
  const Start& start(int32_t id) const { return starts_[static_cast<size_t>(id)]; }
  // Whether a pattern can start with the word at all.
  bool may_start(int32_t id) const { return may_start_[static_cast<size_t>(id)] != 0; }
  // The slots a word's classes can fill (slot_bit()s).
  uint32_t slot_mask(int32_t id) const { return slot_masks_[static_cast<size_t>(id)]; }
  const Word& word(int32_t id) const { return words_[static_cast<size_t>(id)]; }
  bool word_has(int32_t id, WordClass c) const { return id != kNoWord && words_[static_cast<size_t>(id)].has(c); }

  const std::vector<Rule>& rules() const { return rules_; }
  const TrieNode& node(uint32_t n) const { return nodes_[n]; }  // node 0 is the root
  // The root's child for a word as itself or as context; 0 when none.
  uint32_t root_child(int32_t id, bool context) const { return root_children_[static_cast<size_t>(id) * 2 + context]; }
  // The root's edges for a slot, and for hyphenated words (indices into node(0).others).
  const std::vector<uint32_t>& root_edges(Slot s) const { return root_by_slot_[static_cast<size_t>(s)]; }
  const std::vector<uint32_t>& root_compound_edges() const { return root_compound_; }
  // The slots that rules start with and that a word's classes can fill.
  const std::vector<Slot>& start_slots(int32_t word_id) const { return start_slots_[static_cast<size_t>(word_id)]; }

  // Matches one token, or one hyphen-separated piece of a token, against a
  // single-token slot. `upper`: the text starts with a capital letter.
  bool match_piece(Slot s, std::string_view text, int32_t id, bool upper, Captures& caps) const;

 private:
  static constexpr size_t kMaxWord = 32;
  int32_t intern(std::string_view folded);
  Element parse_element(std::string_view token, const std::string& where, bool allow_compound);
  void insert(uint32_t node, uint32_t rule, size_t k);
  uint32_t new_node();

  // ASCII upper case to lower case in all eight bytes at once (bytes of
  // UTF-8 sequences, with their high bit set, stay as they are).
  static uint64_t fold8(uint64_t k) {
    constexpr uint64_t kOnes = 0x0101010101010101ull;
    const uint64_t low7 = k & (0x7F * kOnes);
    const uint64_t above_z = low7 + (0x7F - 'Z') * kOnes;   // high bit set where byte > 'Z'
    const uint64_t from_a = low7 + (0x80 - 'A') * kOnes;    // high bit set where byte >= 'A'
    const uint64_t upper = from_a & ~above_z & ~k & (0x80 * kOnes);
    return k | (upper >> 2);
  }
  static size_t mix(uint64_t k, size_t n) {
    return static_cast<size_t>(((k ^ (uint64_t{n} << 58)) * 0x9E3779B97F4A7C15ull) >> 40);
  }
  // Bytes 8 on of a long word against its folded key.
  static bool same_rest(const std::string& key, std::string_view text) {
    for (size_t i = 8; i < text.size(); ++i) {
      char c = text[i];
      if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c) != key[i]) return false;
    }
    return true;
  }

  struct Bucket {
    uint64_t key = 0;  // the first 8 bytes, folded
    uint32_t length = 0;
    int32_t id = kNoWord;
  };
  void build_table();

  std::vector<std::string> keys_;  // the folded text of each word id
  std::vector<Bucket> table_;
  size_t mask_ = 0;
  static constexpr size_t kFilterWords = 128;  // 8192 bits
  std::array<uint64_t, kFilterWords> filter_{};
  size_t max_length_ = 0;
  std::vector<Start> starts_;
  std::vector<uint8_t> may_start_;
  std::vector<uint32_t> slot_masks_;  // compact copies for the token loop
  std::vector<uint32_t> root_children_;
  std::vector<Word> words_;
  std::vector<Rule> rules_;
  std::vector<TrieNode> nodes_;
  std::array<std::vector<uint32_t>, kSlots> root_by_slot_;
  std::vector<uint32_t> root_compound_;
  std::vector<std::vector<Slot>> start_slots_;
};

// Reads digits with thousands commas and one decimal point ("1,100", "2.5");
// false for anything else.
inline bool parse_number(std::string_view s, double& out);

}  // namespace sitrep::timex

#include "time/time_lexicon_inl.h"
