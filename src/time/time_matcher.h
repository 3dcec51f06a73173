// Matcher: finds the longest pattern of a TimeLexicon that starts at a token,
// by walking the lexicon's trie over the tokens that follow (a slot may take
// several tokens: "two and a half", 10/07/2023).
//
//   Matcher m(lexicon, doc, ids, sentence_end, ctx);
//   Found f;
//   if (m.could_start(i) && m.best_at(i, f)) ... f.span_begin, f.span_end, f.rule, f.caps
#pragma once

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sitrep/document.h"
#include "time/calendar.h"
#include "time/time_lexicon.h"
#include "time/time_value.h"

namespace sitrep::timex {

inline const Captures kNoCaptures{};

// One pattern match: tokens [begin, end), of which [span_begin, span_end) are
// the expression (context words left out).
struct Found {
  uint32_t begin = 0, end = 0, span_begin = 0, span_end = 0;
  uint32_t rule = 0;
  Captures caps;
};

// A hyphen where the first piece of a hyphenated pattern word ends: after
// 1 to 9 bytes (27-year, mid-2011, seventeen-year), with a piece after it.
inline bool has_hyphen(std::string_view w) {
  const size_t last = w.size() < 11 ? w.size() - 1 : 10;
  for (size_t k = 1; k < last; ++k)
    if (w[k] == '-') return true;
  return false;
}

class Matcher {
 public:
  // `ids`: the lexicon word of each token; `sentence_end`: the end token of
  // each token's sentence (a match stays inside one); `ctx`: the publication
  // date, which decides between the readings of 10/07/2023.
  Matcher(const TimeLexicon& lex, const Document& doc, const int32_t* ids, const uint32_t* sentence_end,
          const ValueContext& ctx)
      : lex_(lex), doc_(doc), ids_(ids), sentence_end_(sentence_end), ctx_(ctx),
        and_(lex.lookup("and")), a_(lex.lookup("a")), half_(lex.lookup("half")), slash_(lex.lookup("/")) {}

  // A cheap test that spares best_at the tokens no pattern starts with.
  bool could_start(size_t i) const {
    const Token& t = doc_.tokens[i];
    if (ids_[i] != kNoWord) {
      const TimeLexicon::Start& st = lex_.start(ids_[i]);
      if (st.alone) return true;
      const size_t j = i + 1;
      if (j >= sentence_end_[i] || (st.words == 0 && st.slots == 0)) return false;
      return (ids_[j] != kNoWord && ((st.words >> (ids_[j] & 63)) & 1)) || (st.slots & token_mask(j));
    }
    if (t.kind == TokenKind::kNumber) return true;
    if (t.kind != TokenKind::kWord) return false;
    if (t.has(kUpperInitial) && i + 1 < doc_.tokens.size() && doc_.tokens[i + 1].kind == TokenKind::kNumber)
      return true;
    // A hyphenated word a pattern knows starts with a word of 3 letters or more (one-day, mid-May).
    return t.end - t.begin >= 7 && has_hyphen(i);
  }

  // The slots token j could fill, by its words' classes and its shape.
  uint32_t token_mask(size_t j) const {
    static constexpr uint32_t kNumeric =
        slot_bit(Slot::kDay) | slot_bit(Slot::kYear) | slot_bit(Slot::kYY) | slot_bit(Slot::kDecade) |
        slot_bit(Slot::kDecade2) | slot_bit(Slot::kNum) | slot_bit(Slot::kOrd) | slot_bit(Slot::kClock) |
        slot_bit(Slot::kHour) | slot_bit(Slot::kHhmm) | slot_bit(Slot::kIsoDate) | slot_bit(Slot::kSlashDate);
    const Token& t = doc_.tokens[j];
    const int32_t id = ids_[j];
    uint32_t mask = id != kNoWord ? lex_.slot_mask(id) : 0;
    if (t.kind == TokenKind::kNumber) mask |= kNumeric;
    if (t.kind == TokenKind::kWord && id == kNoWord && t.has(kUpperInitial)) mask |= slot_bit(Slot::kCap);
    if ((t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber) && has_hyphen(j))
      mask |= kCompoundBit | slot_bit(Slot::kNum);
    return mask;
  }

  bool has_hyphen(size_t i) const { return timex::has_hyphen(text(i)); }

  // The longest match that starts at token i (the earlier rule on a tie).
  bool best_at(size_t i, Found& best) const {
    bool found = false;
    Walk w;  // pos is written before it is read
    w.start = i;
    w.lim = limit(i);
    w.best = &best;
    w.found = &found;
    const Token& t = doc_.tokens[i];
    const int32_t id = ids_[i];
    w.pos[0] = static_cast<uint32_t>(i);
    if (id != kNoWord) {
      if (uint32_t plain = lex_.root_child(id, false)) walk(plain, 1, i + 1, kNoCaptures, w);
      if (uint32_t context = lex_.root_child(id, true)) walk(context, 1, i + 1, kNoCaptures, w);
      for (Slot s : lex_.start_slots(id)) try_root_edges(lex_.root_edges(s), w);
    } else if (t.kind == TokenKind::kWord && t.has(kUpperInitial)) {
      try_root_edges(lex_.root_edges(Slot::kCap), w);
    }
    if (t.kind == TokenKind::kNumber) {
      static constexpr Slot kNumeric[] = {Slot::kDay,  Slot::kYear,  Slot::kYY,    Slot::kDecade,  Slot::kDecade2,
                                          Slot::kNum,  Slot::kOrd,   Slot::kClock, Slot::kHour,    Slot::kHhmm,
                                          Slot::kIsoDate, Slot::kSlashDate};
      for (Slot s : kNumeric) try_root_edges(lex_.root_edges(s), w);
    }
    if ((t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber) && has_hyphen(i)) {
      try_root_edges(lex_.root_compound_edges(), w);
      if (id == kNoWord && t.kind == TokenKind::kWord) try_root_edges(lex_.root_edges(Slot::kNum), w);
    }
    return found;
  }

 private:
  struct Walk {
    size_t start, lim;
    std::array<uint32_t, kMaxPatternElements + 1> pos;  // the token each element starts at
    Found* best;
    bool* found;
  };

  std::string_view text(size_t j) const { return doc_.text_of(doc_.tokens[j]); }
  size_t limit(size_t i) const { return sentence_end_[i]; }

  void try_root_edges(const std::vector<uint32_t>& edges, Walk& w) const {
    const auto& others = lex_.node(0).others;
    for (uint32_t e : edges) follow(others[e].first, others[e].second, 0, w.start, kNoCaptures, w);
  }

  // Matches element `e` at token j and walks on to `child`.
  void follow(const Element& e, uint32_t child, size_t depth, size_t j, const Captures& caps, Walk& w) const {
    Captures c = caps;
    switch (e.kind) {
      case Element::Kind::kWords: return;  // words are keyed edges, not tested here
      case Element::Kind::kCompound:
        if (compound(e, j, c)) walk(child, depth + 1, j + 1, c, w);
        return;
      case Element::Kind::kSlot:
        if (e.slot == Slot::kSlashDate) {
          if (slash_date(j, w.lim, c)) walk(child, depth + 1, j + 5, c, w);
          return;
        }
        if (e.slot == Slot::kNum && and_a_half(j, w.lim, c)) walk(child, depth + 1, j + 4, c, w);
        c = caps;
        if (lex_.match_piece(e.slot, text(j), ids_[j], doc_.tokens[j].has(kUpperInitial), c))
          walk(child, depth + 1, j + 1, c, w);
        return;
    }
  }

  // At `node` after `depth` elements, the next token being j.
  void walk(uint32_t node, size_t depth, size_t j, const Captures& caps, Walk& w) const {
    const TrieNode& nd = lex_.node(node);
    if (nd.rule >= 0) {
      Found& best = *w.best;
      const uint32_t r = static_cast<uint32_t>(nd.rule);
      if (!*w.found || j > best.end || (j == best.end && r < best.rule)) {
        const Rule& rule = lex_.rules()[r];
        w.pos[depth] = static_cast<uint32_t>(j);
        best = {static_cast<uint32_t>(w.start), static_cast<uint32_t>(j), w.pos[rule.span_first],
                w.pos[rule.span_end], r, caps};
        *w.found = true;
      }
    }
    if (j >= w.lim || depth >= kMaxPatternElements) return;
    w.pos[depth] = static_cast<uint32_t>(j);
    if (ids_[j] != kNoWord && ((nd.word_sig >> (ids_[j] & 63)) & 1)) {
      uint32_t plain, context;
      nd.word_children(ids_[j], plain, context);
      if (plain) walk(plain, depth + 1, j + 1, caps, w);
      if (context) walk(context, depth + 1, j + 1, caps, w);
    }
    if ((nd.others_mask & token_mask(j)) == 0) return;
    for (const auto& [e, child] : nd.others) {
      w.pos[depth] = static_cast<uint32_t>(j);
      follow(e, child, depth, j, caps, w);
    }
  }

  // A hyphenated word whose pieces match the element's parts: three-day, mid-2011.
  bool compound(const Element& e, size_t j, Captures& c) const {
    std::string_view s = text(j);
    size_t start = 0;
    for (size_t p = 0; p < e.parts.size(); ++p) {
      size_t dash = s.find('-', start);
      bool last = p + 1 == e.parts.size();
      if (last != (dash == std::string_view::npos)) return false;
      std::string_view piece = s.substr(start, last ? std::string_view::npos : dash - start);
      if (piece.empty()) return false;
      const Element& part = e.parts[p];
      int32_t id = lex_.lookup(piece);
      if (part.kind == Element::Kind::kWords) {
        if (std::find(part.words.begin(), part.words.end(), id) == part.words.end()) return false;
      } else if (!lex_.match_piece(part.slot, piece, id, piece[0] >= 'A' && piece[0] <= 'Z', c)) {
        return false;
      }
      start = dash + 1;
    }
    return true;
  }

  // "two and a half" as one number.
  bool and_a_half(size_t j, size_t lim, Captures& c) const {
    if (and_ == kNoWord || j + 4 > lim || ids_[j + 1] != and_ || ids_[j + 2] != a_ || ids_[j + 3] != half_) return false;
    if (!lex_.match_piece(Slot::kNum, text(j), ids_[j], false, c)) return false;
    c.num += 0.5;
    return true;
  }

  // 10/07/2023, 7/8/07: month first as in US news unless the numbers say
  // otherwise; when both readings are dates, the one nearer the publication date.
  bool slash_date(size_t j, size_t lim, Captures& c) const {
    if (j + 5 > lim) return false;
    for (size_t k = j + 1; k < j + 5; ++k)
      if (doc_.tokens[k].has(kSpaceBefore)) return false;
    if (slash_ == kNoWord || ids_[j + 1] != slash_ || ids_[j + 3] != slash_) return false;
    std::string_view a = text(j), b = text(j + 2), y = text(j + 4);
    auto number = [](std::string_view s, size_t max_len, int& v) {
      if (s.empty() || s.size() > max_len) return false;
      v = 0;
      for (char ch : s) {
        if (ch < '0' || ch > '9') return false;
        v = v * 10 + (ch - '0');
      }
      return true;
    };
    int first = 0, second = 0, year = 0;
    if (!number(a, 2, first) || !number(b, 2, second) || !number(y, 4, year)) return false;
    if (y.size() == 2) year += year <= 30 ? 2000 : 1900;
    else if (y.size() != 4) return false;
    bool md = valid_date(year, first, second), dm = valid_date(year, second, first);
    if (!md && !dm) return false;
    bool month_first = md;
    if (md && dm && first != second && ctx_.has_dct) {
      int64_t d_md = days_from_civil(year, first, second), d_dm = days_from_civil(year, second, first);
      month_first = std::llabs(d_md - ctx_.dct) <= std::llabs(d_dm - ctx_.dct);
    }
    c.year = year;
    c.month = month_first ? first : second;
    c.day = month_first ? second : first;
    return true;
  }

  const TimeLexicon& lex_;
  const Document& doc_;
  const int32_t* ids_;
  const uint32_t* sentence_end_;
  const ValueContext& ctx_;
  const int32_t and_, a_, half_, slash_;  // the words of "two and a half" and of 10/07/2023
};

}  // namespace sitrep::timex
