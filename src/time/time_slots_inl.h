// The implementation of TimeLexicon::match_piece: whether one token, or one
// piece of a hyphenated token, fills a slot of the pattern language, and what
// it captures. Included by time_lexicon_inl.h.
#pragma once

#include <string_view>

#include "time/calendar.h"
#include "time/time_lexicon.h"

namespace sitrep::timex {

inline bool parse_number(std::string_view s, double& out) {
  if (s.empty() || s[0] < '0' || s[0] > '9') return false;
  double v = 0, scale = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (scale > 0) {
        v += (c - '0') * scale;
        scale /= 10;
      } else {
        v = v * 10 + (c - '0');
      }
    } else if (c == ',' && scale == 0 && s.size() - i > 3) {
      continue;  // a thousands separator: the tokeniser keeps only well-formed groups
    } else if (c == '.' && scale == 0 && i + 1 < s.size()) {
      scale = 0.1;
    } else {
      return false;
    }
  }
  out = v;
  return true;
}

namespace detail {

inline bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

inline int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// "7", "07", "7th", "1st": the number and whether it had an ordinal suffix.
inline bool small_number(std::string_view s, int& value, bool& ordinal) {
  size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  if (n == 0 || n > 2) return false;
  std::string_view suffix = s.substr(n);
  ordinal = !suffix.empty();
  if (ordinal) {
    if (suffix.size() != 2) return false;
    char a = static_cast<char>(suffix[0] | 0x20), b = static_cast<char>(suffix[1] | 0x20);
    if (!((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h')))
      return false;
  }
  value = to_int(s.substr(0, n));
  return true;
}

}  // namespace detail

inline bool TimeLexicon::match_piece(Slot s, std::string_view text, int32_t id, bool upper, Captures& caps) const {
  using detail::all_digits;
  using detail::to_int;
  const Word* w = id == kNoWord ? nullptr : &words_[static_cast<size_t>(id)];
  auto has = [&](WordClass c) { return w && w->has(c); };
  int n = 0;
  bool ordinal = false;
  switch (s) {
    case Slot::kMonth:
    case Slot::kMonthName:
      if (!upper || !(has(WordClass::kMonth) || (s == Slot::kMonth && has(WordClass::kMonthBound)))) return false;
      caps.month = has(WordClass::kMonth) ? w->value(WordClass::kMonth) : w->value(WordClass::kMonthBound);
      return true;
    case Slot::kWeekday:
      if (!upper || !has(WordClass::kWeekday)) return false;
      caps.weekday = w->value(WordClass::kWeekday);
      return true;
    case Slot::kWeekdays:
      if (!upper || !has(WordClass::kWeekdayPlural)) return false;
      caps.weekday = w->value(WordClass::kWeekdayPlural);
      return true;
    case Slot::kDay:
      if (!detail::small_number(text, n, ordinal) || n < 1 || n > 31) return false;
      caps.day = n;
      return true;
    case Slot::kYear:
      if (text.size() != 4 || !all_digits(text) || to_int(text) < 1000 || to_int(text) > 2199) return false;
      caps.year = to_int(text);
      return true;
    case Slot::kYY:
      if (text.size() != 2 || !all_digits(text)) return false;
      caps.year = to_int(text) + (to_int(text) <= 30 ? 2000 : 1900);
      return true;
    case Slot::kDecade:
    case Slot::kDecade2: {
      size_t digits = s == Slot::kDecade ? 4 : 2;
      if (text.size() != digits + 1 || (text.back() | 0x20) != 's' || !all_digits(text.substr(0, digits)) ||
          text[digits - 1] != '0')
        return false;
      int v = to_int(text.substr(0, digits - 1));
      caps.decade = s == Slot::kDecade ? v : v + (v >= 3 ? 190 : 200);
      return true;
    }
    case Slot::kNum: {
      double v;
      if (parse_number(text, v)) {
        caps.num = v;
        return true;
      }
      if (has(WordClass::kNumber)) {
        caps.num = w->value(WordClass::kNumber);
        return true;
      }
      // twenty-five
      size_t dash = text.find('-');
      if (dash == std::string_view::npos) return false;
      int32_t tens = lookup(text.substr(0, dash)), ones = lookup(text.substr(dash + 1));
      if (!word_has(tens, WordClass::kNumber) || !word_has(ones, WordClass::kNumber)) return false;
      int t = word(tens).value(WordClass::kNumber), o = word(ones).value(WordClass::kNumber);
      if (t < 20 || t % 10 != 0 || o < 1 || o > 9) return false;
      caps.num = t + o;
      return true;
    }
    case Slot::kUnit:
    case Slot::kUnit1:
    case Slot::kUnits: {
      bool one = has(WordClass::kUnit), many = has(WordClass::kUnits);
      if (!(s == Slot::kUnit ? one || many : s == Slot::kUnit1 ? one : many)) return false;
      caps.unit = static_cast<Unit>(one ? w->value(WordClass::kUnit) : w->value(WordClass::kUnits));
      return true;
    }
    case Slot::kOrd:
      if (has(WordClass::kOrdinal)) {
        caps.ord = w->value(WordClass::kOrdinal);
        return true;
      }
      if (!detail::small_number(text, n, ordinal) || !ordinal || n < 1) return false;
      caps.ord = n;
      return true;
    case Slot::kSeason:
      if (!has(WordClass::kSeason)) return false;
      caps.season = w->value(WordClass::kSeason);
      return true;
    case Slot::kPod:
      if (!has(WordClass::kPartOfDay)) return false;
      caps.pod = w->value(WordClass::kPartOfDay);
      return true;
    case Slot::kAmPm:
      if (!has(WordClass::kMeridiem)) return false;
      caps.meridiem = w->value(WordClass::kMeridiem);
      return true;
    case Slot::kTz:
      if (!has(WordClass::kTimeZone)) return false;
      caps.time_zone = w->time_zone;
      return true;
    case Slot::kClock: {
      size_t colon = text.find(':');
      if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) return false;
      std::string_view h = text.substr(0, colon), m = text.substr(colon + 1);
      if (!all_digits(h) || !all_digits(m) || to_int(h) > 24 || to_int(m) > 59) return false;
      caps.hour = to_int(h);
      caps.minute = to_int(m);
      return true;
    }
    case Slot::kHour:
      if (text.size() > 2 || !all_digits(text) || to_int(text) < 1 || to_int(text) > 12) return false;
      caps.hour = to_int(text);
      caps.minute = 0;
      return true;
    case Slot::kHhmm:
      if (text.size() != 4 || !all_digits(text) || to_int(text.substr(0, 2)) > 23 || to_int(text.substr(2)) > 59)
        return false;
      caps.hour = to_int(text.substr(0, 2));
      caps.minute = to_int(text.substr(2));
      return true;
    case Slot::kIsoDate: {
      if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
      std::string_view y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
      if (!all_digits(y) || !all_digits(m) || !all_digits(d) || !valid_date(to_int(y), to_int(m), to_int(d)))
        return false;
      caps.year = to_int(y);
      caps.month = to_int(m);
      caps.day = to_int(d);
      return true;
    }
    case Slot::kCountNoun: return has(WordClass::kCountNoun);
    case Slot::kNotYear: return has(WordClass::kNotYearBefore);
    case Slot::kCap: return upper && id == kNoWord && !text.empty() && (text[0] < '0' || text[0] > '9');
    case Slot::kSlashDate: return false;  // several tokens: the matcher reads it
  }
  return false;
}

}  // namespace sitrep::timex
