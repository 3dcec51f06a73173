// The claims stage's reading of one document (claim_finder.cc): a Scan
// reads figures (claim_figures.cc), decides what they count, and finds who
// claims them (claim_finder.cc). Private to src/claims.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claims/claim_lexicon.h"
#include "sitrep/document.h"

namespace sitrep::claims {


// A number as read: value = mantissa / 10^decimals, kept exact for "4.2 billion".
struct Number {
  uint32_t end = 0;  // the token after it
  int64_t mantissa = 0;
  int decimals = 0;
  int64_t scale = 1;      // the last scale applied (million)
  bool vague = false;     // dozens, thousands
  bool digits = false;    // written in digits
  int post_hedge = -1;    // a Qualifier written onto the digits: 100-plus, 40-odd
  double value() const {
    // One division of exact integers: the same double as parsing "38.62".
    int64_t divisor = 1;
    for (int d = 0; d < decimals; ++d) divisor *= 10;
    return static_cast<double>(mantissa) / static_cast<double>(divisor);
  }
  void times(int64_t factor) {
    while (decimals > 0 && factor % 10 == 0) {
      factor /= 10;
      --decimals;
    }
    mantissa *= factor;
  }
};

// A figure: a number with its hedge, currency, range and unit.
struct Figure {
  uint32_t begin = 0, end = 0;          // all of it, hedges included
  uint32_t num_begin = 0, num_end = 0;  // the (first) number
  double value = 0, max = 0;
  Qualifier qualifier = Qualifier::kExact;
  bool hedged = false;
  bool vague = false;
  bool digits = false;
  const UnitWord* unit = nullptr;
};

// What decided a figure's kind, for its span, actor and date.
struct Reading {
  std::string kind;
  std::string unit;
  uint32_t first = 0, last = 0;  // span tokens, inclusive
  uint32_t verb_begin = 0, verb_end = 0;
  bool active = false;     // the figure is the verb's object: look for its subject
  bool after_verb = false; // passive or intransitive: look for "by X" after it
  bool current = false;    // present perfect: the figure stands at publication
};

class Scan {
 public:
  Scan(const Document& doc, const ClaimLexicon& lex)
      : doc_(doc),
        lex_(lex),
        w_(doc),
        mention_at_(doc.tokens.size(), kNone),
        time_at_(doc.tokens.size(), kNone),
        roles_(doc.tokens.size(), kUnknownRole) {
    // The longest mention over a token wins: "Gaza health authorities" over "Gaza".
    for (size_t m = 0; m < doc.mentions.size(); ++m) {
      const Mention& mm = doc.mentions[m];
      for (uint32_t t = mm.first_token; t < mm.end_token && t < doc.tokens.size(); ++t) {
        int32_t& slot = mention_at_[t];
        if (slot == kNone || doc.mentions[slot].end_token - doc.mentions[slot].first_token < mm.end_token - mm.first_token)
          slot = static_cast<int32_t>(m);
      }
    }
    for (size_t k = 0; k < doc.times.size(); ++k) mark_time(doc.times[k].span, static_cast<int32_t>(k));
    title_end_ = doc.headline_end();
  }

  struct Found {
    Claim claim;
    bool in_title = false;
  };

  void sentence(const Sentence& s, std::vector<Found>& out);

 private:
  void mark_time(ByteSpan span, int32_t k) {
    auto it = std::lower_bound(doc_.tokens.begin(), doc_.tokens.end(), span.begin,
                               [](const Token& t, uint32_t b) { return t.end <= b; });
    for (; it != doc_.tokens.end() && it->begin < span.end; ++it) time_at_[it - doc_.tokens.begin()] = k;
  }

  // Roles are looked up once per token, and only around figures.
  uint16_t role(uint32_t i) const {
    uint16_t& r = roles_[i];
    if (r == kUnknownRole) r = lex_.role(w_[i]);
    return r;
  }
  static constexpr uint16_t kUnknownRole = 0xFFFF;
  bool is(uint32_t i, std::string_view word) const { return w_[i] == word; }
  TokenKind kind(uint32_t i) const { return doc_.tokens[i].kind; }
  bool adverb(uint32_t i) const {
    std::string_view s = w_[i];
    return kind(i) == TokenKind::kWord && s.size() > 4 && s.substr(s.size() - 2) == "ly" &&
           !doc_.tokens[i].has(kUpperInitial);
  }
  // With part-of-speech tags, whether token i can stand in a counted noun
  // phrase (nouns, adjectives, participles before a noun); without, any word.
  bool noun_like(uint32_t i) const {
    if (doc_.pos.size() != doc_.tokens.size()) return true;
    switch (doc_.pos[i]) {
      case Pos::kNN: case Pos::kNNS: case Pos::kNNP: case Pos::kNNPS: case Pos::kJJ: case Pos::kJJR:
      case Pos::kJJS: case Pos::kCD: case Pos::kFW: case Pos::kUnknown:
        return true;
      case Pos::kVBN: case Pos::kVBG: {
        if (i + 1 >= doc_.tokens.size()) return false;
        Pos next = doc_.pos[i + 1];
        return next == Pos::kNN || next == Pos::kNNS || next == Pos::kNNP || next == Pos::kNNPS || next == Pos::kJJ;
      }
      default:
        return false;
    }
  }
  bool wordlike(uint32_t i) const {
    TokenKind k = kind(i);
    return k == TokenKind::kWord || k == TokenKind::kAbbrev;
  }
  int32_t entity_at(uint32_t i) const {
    int32_t m = mention_at_[i];
    return m == kNone ? kNone : doc_.mentions[m].entity;
  }

  bool read_number(uint32_t i, uint32_t limit, Number& n) const;
  bool read_figure(uint32_t i, const Sentence& s, Figure& f) const;
  bool kind_of(const Figure& f, const Sentence& s, Reading& r) const;
  bool singular(uint32_t i, const Sentence& s, Figure& f, Reading& r) const;
  int32_t source_of(ByteSpan span, uint32_t first, uint32_t last, const Sentence& s) const;
  int32_t cue_subject(uint32_t cue, const Sentence& s, bool& parenthetical) const;
  int32_t actor_of(const Reading& r, const Sentence& s) const;
  int32_t subject_before(uint32_t verb, const Sentence& s) const;
  std::string date_of(const Reading& r, const Sentence& s) const;
  int32_t speech_around(ByteSpan span) const;
  struct SpeechSpan {
    uint32_t begin, end;
    int32_t speaker;
    int rank;  // 0 reported speech, 1 quote
  };
  mutable std::vector<SpeechSpan> speech_;
  mutable bool speech_indexed_ = false;
  void emit(const Figure& f, const Reading& r, const Sentence& s, std::vector<Found>& out) const;

  const Document& doc_;
  const ClaimLexicon& lex_;
  Words w_;
  std::vector<int32_t> mention_at_;
  std::vector<int32_t> time_at_;
  mutable std::vector<uint16_t> roles_;
  uint32_t title_end_ = 0;
};

}  // namespace sitrep::claims
