// Reading figures: numbers in digits or words, with their hedges, ranges,
// currencies and units ("more than 1,100 people", "between 20 and 30", "$4.2
// billion").
#include <cstdint>
#include <string_view>

#include "claims/claim_scan.h"

namespace sitrep::claims {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

// Reads a number at token i: digits ("1,100", "3.5", "34K", "100-plus"),
// words ("three", "twenty-five", "a dozen", "two million", "one hundred and
// twenty") or a vague plural ("dozens", "tens of thousands").
bool Scan::read_number(uint32_t i, uint32_t limit, Number& n) const {
  n = Number{};
  uint32_t j = i;
  if (kind(i) == TokenKind::kNumber) {
    std::string_view s = w_[i];
    size_t k = 0;
    while (k < s.size() && (is_digit(s[k]) || (s[k] == ',' && k + 1 < s.size() && is_digit(s[k + 1])))) {
      if (s[k] != ',') {
        if (n.mantissa > 100000000000000LL) return false;
        n.mantissa = n.mantissa * 10 + (s[k] - '0');
      }
      ++k;
    }
    if (k < s.size() && s[k] == '.' && k + 1 < s.size() && is_digit(s[k + 1])) {
      for (++k; k < s.size() && is_digit(s[k]); ++k) {
        if (n.decimals >= 6) return false;
        n.mantissa = n.mantissa * 10 + (s[k] - '0');
        ++n.decimals;
      }
    }
    if (k < s.size()) {
      // Only a scale (34K, 2bn) or a hedge (100-plus) may be written onto the
      // digits; 19-member, 3rd, 10:30 and 2023-10-07 are no counts.
      std::string key = "#" + std::string(s.substr(k));
      const NumberWord* suffix = lex_.number(key);
      if (!suffix) return false;
      if (suffix->cls == kSuffixWord) {
        n.times(suffix->value);
        n.scale = suffix->value;
      } else {
        n.post_hedge = static_cast<int>(suffix->value);
      }
    }
    n.digits = true;
    j = i + 1;
  } else {
    const NumberWord* phrase = nullptr;
    uint32_t len = lex_.number_phrases.forward(w_, i, limit, &phrase);
    if (len > 0 && (phrase->cls == kVagueWord || phrase->cls == kCountWord)) {
      n.mantissa = phrase->value;
      n.vague = phrase->cls == kVagueWord;
      j = i + len;
    } else {
      // Words, as in "two hundred and fifty thousand".
      int64_t total = 0, current = 0;
      bool any = false, last_small = false;
      for (; j < limit; ++j) {
        std::string_view word = w_[j];
        const NumberWord* nw = lex_.number(word);
        if (!nw && kind(j) == TokenKind::kWord) {
          size_t dash = word.find('-');  // twenty-five
          if (dash != std::string_view::npos && !last_small) {
            const NumberWord* tens = lex_.number(word.substr(0, dash));
            const NumberWord* unit = lex_.number(word.substr(dash + 1));
            if (tens && unit && tens->cls == kTensWord && unit->cls == kUnitWord && unit->value > 0) {
              current += tens->value + unit->value;
              any = last_small = true;
              continue;
            }
          }
        }
        if (!nw) {
          if (any && word == "and" && j + 1 < limit && !last_small) {
            const NumberWord* next = lex_.number(w_[j + 1]);
            if (next && (next->cls == kUnitWord || next->cls == kTensWord)) continue;
          }
          break;
        }
        if (nw->cls == kUnitWord || nw->cls == kTensWord) {
          if (last_small && !(nw->cls == kUnitWord && current % 100 >= 20 && current % 10 == 0)) break;
          current += nw->value;
          any = last_small = true;
        } else if (nw->cls == kArticleWord) {
          if (any || j + 1 >= limit) break;
          const NumberWord* next = lex_.number(w_[j + 1]);
          if (!next || (next->cls != kScaleWord && next->cls != kCountWord)) break;
          current = 1;
          any = true;
          last_small = false;
        } else if (nw->cls == kScaleWord) {
          if (!any) break;
          if (nw->value == 100) {
            current = (current == 0 ? 1 : current) * 100;
          } else {
            total += (current == 0 ? 1 : current) * nw->value;
            current = 0;
          }
          n.scale = nw->value;
          last_small = false;
        } else if (nw->cls == kCountWord) {
          if (!any) break;
          current = (current == 0 ? 1 : current) * nw->value;
          last_small = false;
        } else if (nw->cls == kVagueWord && !any) {
          n.mantissa = nw->value;
          n.vague = true;
          ++j;
          break;
        } else {
          break;
        }
      }
      if (!n.vague) {
        if (!any) return false;
        n.mantissa = total + current;
      }
    }
  }
  // Scales after the digits or words: "1.2 million", "3 hundred thousand".
  if (!n.vague) {
    while (j < limit) {
      const NumberWord* nw = lex_.number(w_[j]);
      if (!nw || nw->cls != kScaleWord) break;
      if (!n.digits && nw->value <= n.scale) break;  // words already took their scales
      if (n.mantissa > 1000000000000LL) return false;
      n.times(nw->value);
      n.scale = nw->value;
      ++j;
    }
  }
  n.end = j;
  return j > i;
}

// A figure at token i, or false when the number there is a date, a label, an
// age, a score or a duration.
bool Scan::read_figure(uint32_t i, const Sentence& s, Figure& f) const {
  Number n;
  if (!read_number(i, s.end_token, n)) return false;
  f = Figure{};
  f.num_begin = i;
  f.num_end = n.end;
  f.value = n.value();
  f.vague = n.vague;
  f.digits = n.digits;
  for (uint32_t t = i; t < n.end; ++t)
    if (time_at_[t] != kNone || mention_at_[t] != kNone) return false;
  if (n.digits) {
    auto month = [&](uint32_t t) { return (role(t) & kMonth) && doc_.tokens[t].has(kUpperInitial); };
    if ((i > s.first_token && month(i - 1)) || (n.end < s.end_token && month(n.end))) return false;
    // A bare four-digit year: "in 2023", "since 1961".
    std::string_view text = w_[i];
    if (n.end == i + 1 && text.size() == 4 && n.decimals == 0 && f.value >= 1800 && f.value <= 2100) {
      const UnitWord* before = nullptr;
      if (lex_.units_before.backward(w_, s.first_token, i, &before) == 0) {
        const UnitWord* after = nullptr;
        if (lex_.units_after.forward(w_, n.end, s.end_token, &after) == 0 || after->cls == kDuration) return false;
      }
    }
  }
  if (i > s.first_token && (role(i - 1) & kLabel)) return false;
  if (i > s.first_token && is(i - 1, "no")) return false;  // "no one was hurt"
  // '11 is a year, as in "iLife '11".
  if (n.digits && i > s.first_token && kind(i - 1) == TokenKind::kQuote && w_.glued(i)) return false;

  // Before the number: a currency, "between", a hedge.
  uint32_t b = i;
  const UnitWord* unit = nullptr;
  if (uint32_t len = lex_.units_before.backward(w_, s.first_token, b, &unit)) {
    f.unit = unit;
    b -= len;
  }
  bool between = b > s.first_token && is(b - 1, "between");
  if (between) --b;
  const Qualifier* hedge = nullptr;
  if (!between) {
    if (uint32_t len = lex_.hedges_before.backward(w_, s.first_token, b, &hedge)) {
      f.qualifier = *hedge;
      f.hedged = true;
      b -= len;
    }
  }
  f.begin = b;

  // After it: a range ("20-30", "between 20 and 30", "three to four"), a hedge, a unit.
  uint32_t e = n.end;
  if (e + 1 < s.end_token) {
    bool dash = kind(e) == TokenKind::kDash || (kind(e) == TokenKind::kPunct && w_[e] == "-");
    // "rose from 20 to 30" is a change, not a range.
    bool to = (is(e, "to") || is(e, "or")) && !(b > s.first_token && is(b - 1, "from"));
    bool and_ = between && is(e, "and");
    if (dash || to || and_) {
      uint32_t k = e + 1;
      const UnitWord* u2 = nullptr;
      if (uint32_t len = lex_.units_before.forward(w_, k, s.end_token, &u2)) k += len;
      Number m;
      if (read_number(k, s.end_token, m) && m.vague == n.vague) {
        if (m.scale > 1 && n.scale == 1 && n.mantissa * m.scale <= m.mantissa * 1) n.times(m.scale);
        double lo = n.value(), hi = m.value();
        if (hi > lo) {
          f.value = lo;
          f.max = hi;
          if (!f.hedged) f.qualifier = Qualifier::kOver;
          f.hedged = true;
          e = m.end;
        } else if (dash) {
          return false;  // a score: "beat Ghana 2-1"
        }
      }
    }
  }
  if (n.post_hedge >= 0) {
    f.qualifier = static_cast<Qualifier>(n.post_hedge);
    f.hedged = true;
  }
  if (uint32_t len = lex_.hedges_after.forward(w_, e, s.end_token, &hedge)) {
    f.qualifier = *hedge;
    f.hedged = true;
    e += len;
  }
  if (!f.hedged && f.vague) {
    f.qualifier = Qualifier::kOver;  // "dozens": the least the word implies
    f.hedged = true;
  }
  if (uint32_t len = lex_.units_after.forward(w_, e, s.end_token, &unit)) {
    if (unit->cls == kDuration) return false;
    if (!f.unit) f.unit = unit;
    e += len;
  }
  f.end = e;
  return true;
}

}  // namespace sitrep::claims
