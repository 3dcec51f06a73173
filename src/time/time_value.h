// Turning a pattern's value into a TIMEX3 value: the {slot} fields are filled
// from a match, then the $functions of time_patterns.tsv are evaluated against
// the publication date (DCT), the tense around the expression and the referent
// (the latest point the article named before it).
//
//   std::string v = fill_fields("$t({month}-{day})", caps);     // "$t(10-07)"
//   ValueContext ctx;  ctx.has_dct = true;  ctx.dct = days_from_civil(2024, 4, 22);
//   ctx.tense = Tense::kPast;
//   evaluate(v, ctx)                                               // "2023-10-07"
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "time/calendar.h"
#include "time/time_lexicon.h"

namespace sitrep::timex {

enum class Tense : uint8_t { kUnknown, kPast, kFuture };

struct ValueContext {
  bool has_dct = false;
  int64_t dct = 0;  // days since 1970-01-01
  Tense tense = Tense::kUnknown;
  // The points the article named so far, in text order (the referents).
  const std::vector<TimePoint>* history = nullptr;
  bool has_sentence_day = false;
  int64_t sentence_day = 0;
};

namespace detail {

inline std::string format_number(double v) {
  std::string out;
  if (v == std::floor(v) && v >= 0 && v < 1e9) {
    append_number(out, static_cast<int>(v), 1);
    return out;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// The grain of a unit code (D W WE M Q Y DE CE); false for hours, minutes
// and seconds, which are no calendar points.
inline bool grain_of(std::string_view code, Grain& g) {
  static constexpr std::pair<std::string_view, Grain> kGrains[] = {
      {"D", Grain::kDay},      {"W", Grain::kWeek}, {"WE", Grain::kWeekend}, {"M", Grain::kMonth},
      {"Q", Grain::kQuarter},  {"Y", Grain::kYear}, {"DE", Grain::kDecade},  {"CE", Grain::kCentury},
  };
  for (auto [c, grain] : kGrains)
    if (c == code) return g = grain, true;
  return false;
}

// The value of a point that only the publication date could have told.
inline std::string unknown_at(Grain g) {
  switch (g) {
    case Grain::kDay: return "XXXX-XX-XX";
    case Grain::kWeek: return "XXXX-WXX";
    case Grain::kWeekend: return "XXXX-WXX-WE";
    case Grain::kMonth: return "XXXX-XX";
    case Grain::kSeason: return "XXXX-XX";
    case Grain::kQuarter: return "XXXX-QX";
    case Grain::kHalf: return "XXXX-HX";
    case Grain::kYear: return "XXXX";
    case Grain::kDecade: return "XXX";
    case Grain::kCentury: return "XX";
  }
  return "";
}

// An order on points of one grain, in units of that grain.
inline int64_t order_key(const TimePoint& p) {
  switch (p.grain) {
    case Grain::kDay: return first_day(p);
    case Grain::kMonth: return int64_t{p.year} * 12 + p.index;
    case Grain::kSeason:
    case Grain::kQuarter: return int64_t{p.year} * 4 + p.index;
    case Grain::kHalf: return int64_t{p.year} * 2 + p.index;
    default: return first_day(p);
  }
}

// A point without its year ("10-07", "10", "Q4", "H2", "SP"), read into `p`
// with year 0.
inline bool parse_yearless(std::string_view x, TimePoint& p) {
  int a = 0, b = 0;
  if (x.size() == 5 && x[2] == '-' && digits(x, 0, 2, a) && digits(x, 3, 2, b)) return p = {Grain::kDay, 0, a, b}, true;
  if (x.size() == 2 && digits(x, 0, 2, a)) return p = {Grain::kMonth, 0, a, 0}, true;
  if (x.size() == 2 && x[0] == 'Q' && digits(x, 1, 1, a) && a >= 1 && a <= 4) return p = {Grain::kQuarter, 0, a, 0}, true;
  if (x.size() == 2 && x[0] == 'H' && digits(x, 1, 1, a) && a >= 1 && a <= 2) return p = {Grain::kHalf, 0, a, 0}, true;
  static constexpr std::string_view kSeasons[] = {"SP", "SU", "FA", "WI"};
  for (int s = 0; s < 4; ++s)
    if (x == kSeasons[s]) return p = {Grain::kSeason, 0, s + 1, 0}, true;
  return false;
}

// How a yearless point picks its year around the DCT.
enum class Pick { kByTense, kBefore, kAfter };

inline std::string resolve_yearless(std::string_view x, Pick pick, const ValueContext& ctx) {
  TimePoint p;
  if (!parse_yearless(x, p)) return "";
  if (!ctx.has_dct) return "XXXX-" + std::string(x);
  const TimePoint now = point_at(ctx.dct, p.grain);
  const int64_t now_key = order_key(now);
  const int y0 = civil_from_days(ctx.dct).y;
  bool found = false;
  TimePoint best;
  int64_t best_key = 0;
  for (int y = y0 - 1; y <= y0 + 1; ++y) {
    if (y < 1 || y > 9999) continue;
    TimePoint c = p;
    c.year = y;
    if (c.grain == Grain::kDay && !valid_date(y, c.index, c.day)) continue;
    const int64_t k = order_key(c);
    bool better = false;
    switch (pick) {
      case Pick::kBefore: better = k < now_key && (!found || k > best_key); break;
      case Pick::kAfter: better = k > now_key && (!found || k < best_key); break;
      case Pick::kByTense:
        if (ctx.tense == Tense::kPast)
          better = k <= now_key && (!found || k > best_key);
        else if (ctx.tense == Tense::kFuture)
          better = k >= now_key && (!found || k < best_key);
        else  // the nearest; on a tie the earlier, as news mostly reports what happened
          better = !found || std::llabs(k - now_key) < std::llabs(best_key - now_key);
        break;
    }
    if (better) {
      found = true;
      best = c;
      best_key = k;
    }
  }
  return found ? format(best) : "";
}

inline std::string weekday_value(int n, int direction, const ValueContext& ctx) {
  if (n < 1 || n > 7) return "";
  if (!ctx.has_dct) return "XXXX-WXX-" + std::string(1, static_cast<char>('0' + n));
  const int today = iso_weekday(ctx.dct);
  int64_t day;
  if (direction < 0) {
    int back = (today - n + 7) % 7;
    day = ctx.dct - (back == 0 ? 7 : back);
  } else if (direction > 0) {
    int ahead = (n - today + 7) % 7;
    day = ctx.dct + (ahead == 0 ? 7 : ahead);
  } else if (ctx.tense == Tense::kFuture) {
    day = ctx.dct + (n - today + 7) % 7;
  } else {
    // A weekday in past-tense narration, or with no tense to go by, is the
    // latest such day on or before publication.
    day = ctx.dct - (today - n + 7) % 7;
  }
  return format(TimePoint::day_of(day));
}

// "over the weekend" in past narration is the latest weekend that has begun
// by publication; in the future the next one that has not ended.
inline std::string weekend_value(int direction, const ValueContext& ctx) {
  if (!ctx.has_dct) return "XXXX-WXX-WE";
  const int today = iso_weekday(ctx.dct);
  int64_t day;
  if (direction < 0)
    day = ctx.dct - (today == 7 ? 7 : today);  // the Sunday of the weekend before this one
  else if (direction > 0)
    day = ctx.dct + ((6 - today + 7) % 7 == 0 ? 7 : (6 - today + 7) % 7);
  else if (ctx.tense == Tense::kFuture)
    day = ctx.dct + (7 - today) % 7;
  else
    day = ctx.dct - (today - 6 + 7) % 7;
  return format(point_at(day, Grain::kWeekend));
}

inline std::string duration_value(std::string_view n, std::string_view unit) {
  const bool vague = n == "X";
  double v = vague ? 0 : std::atof(std::string(n).c_str());
  auto amount = [&](double factor) { return vague ? std::string("X") : format_number(v * factor); };
  if (unit == "D" || unit == "W" || unit == "M" || unit == "Q" || unit == "Y") return "P" + amount(1) + std::string(unit);
  if (unit == "DE") return vague ? "PXDE" : "P" + amount(10) + "Y";
  if (unit == "CE") return vague ? "PXCE" : "P" + amount(100) + "Y";
  if (unit == "H") return "PT" + amount(1) + "H";
  if (unit == "MIN") return "PT" + amount(1) + "M";
  if (unit == "S") return "PT" + amount(1) + "S";
  return "";
}

// What an anaphoric expression refers to: the latest point named before it
// that is at least as fine as `finest` ("the same day" wants a day, not the
// month named last), else the publication day, else the latest point at all.
inline bool base_point(const ValueContext& ctx, Grain finest, TimePoint& base) {
  if (ctx.history)
    for (auto it = ctx.history->rbegin(); it != ctx.history->rend(); ++it)
      if (it->grain <= finest) return base = *it, true;
  if (ctx.has_dct) return base = TimePoint::day_of(ctx.dct), true;
  if (ctx.history && !ctx.history->empty()) return base = ctx.history->back(), true;
  return false;
}

// A count argument ("-1", "3", "2.5"), rounded and kept within ±100,000 units.
inline int count_of(std::string_view s) {
  const double v = std::atof(std::string(s).c_str());
  return static_cast<int>(std::lround(v < -1e5 ? -1e5 : v > 1e5 ? 1e5 : v));
}

inline std::string moved(const TimePoint& p, int n, Grain unit, Grain out) {
  TimePoint m;
  return shift(p, n, unit, out, m) ? format(m) : "";
}

// One $function with its arguments; empty when it has no value.
inline std::string call(std::string_view name, std::string_view a, std::string_view b, const ValueContext& ctx) {
  const int ai = count_of(a), bi = count_of(b);
  Grain g = Grain::kDay;
  if (name == "t") return resolve_yearless(a, Pick::kByTense, ctx);
  if (name == "prev") return resolve_yearless(a, Pick::kBefore, ctx);
  if (name == "next") return resolve_yearless(a, Pick::kAfter, ctx);
  if (name == "wd") return weekday_value(ai, bi, ctx);
  if (name == "WE") return weekend_value(ai, ctx);
  if (name == "dur") return duration_value(a, b);
  if (name == "sday") {
    if (ctx.has_sentence_day) return format(TimePoint::day_of(ctx.sentence_day));
    return ctx.has_dct ? format(TimePoint::day_of(ctx.dct)) : unknown_at(Grain::kDay);
  }
  if (name == "rel") {
    if (!grain_of(a, g)) return "";
    if (g == Grain::kWeekend) return weekend_value(bi, ctx);
    if (!ctx.has_dct) return unknown_at(g);
    return moved(point_at(ctx.dct, g), bi, g, g);
  }
  if (name == "ago") {
    // N days or weeks ago is a day; N months ago a month, and so on.
    bool known = grain_of(b, g);
    Grain out = !known || g == Grain::kWeek ? Grain::kDay : g;
    if (!ctx.has_dct) return unknown_at(out);
    return known ? moved(TimePoint::day_of(ctx.dct), -ai, g, out) : format(TimePoint::day_of(ctx.dct));
  }
  if (name == "shift" || name == "ref") {
    TimePoint base;
    if (name == "shift") {
      if (!grain_of(b, g)) return "";
      if (!base_point(ctx, Grain::kCentury, base)) return unknown_at(g);
      return moved(base, ai, g, base.grain);
    }
    bool keep = a == "=";
    if (!keep && !grain_of(a, g)) return "";
    if (!base_point(ctx, keep ? Grain::kCentury : g, base)) return unknown_at(keep ? Grain::kDay : g);
    if (keep || g < base.grain) g = base.grain;  // no finer than what the referent tells
    return moved(point_at(middle_day(base), g), bi, g, g);
  }
  return "";
}

}  // namespace detail

// Fills the {fields} of a pattern value from what its match captured.
inline std::string fill_fields(std::string_view value, const Captures& c) {
  std::string out;
  out.reserve(value.size() + 8);
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '{') {
      out += value[i];
      continue;
    }
    size_t close = value.find('}', i);
    std::string_view f = value.substr(i + 1, close - i - 1);
    i = close;
    if (f == "month") append_number(out, c.month, 2);
    else if (f == "day") append_number(out, c.day, 2);
    else if (f == "year") append_number(out, c.year, 4);
    else if (f == "weekday") append_number(out, c.weekday, 1);
    else if (f == "num") out += c.num < 0 ? std::string("X") : detail::format_number(c.num);
    else if (f == "unit") out += unit_code(c.unit);
    else if (f == "ord") append_number(out, c.ord, 1);
    else if (f == "season") out += c.season >= 1 && c.season <= 4 ? std::string("SPSUFAWI").substr(static_cast<size_t>(c.season - 1) * 2, 2) : "";
    else if (f == "pod") out += c.pod >= 0 && c.pod <= 3 ? std::string("MOAFEVNI").substr(static_cast<size_t>(c.pod) * 2, 2) : "";
    else if (f == "tz") out += c.time_zone;
    else if (f == "decade") append_number(out, c.decade, 3);
    else if (f == "clock") {
      int h = c.hour;
      if (c.meridiem == 2 && h < 12) h += 12;
      if (c.meridiem == 1 && h == 12) h = 0;
      append_number(out, h, 2);
      out += ':';
      append_number(out, c.minute, 2);
    }
  }
  return out;
}

// Evaluates the $functions of a filled value; empty when one has no value
// (an hour is no calendar unit: "this hour").
inline std::string evaluate(std::string_view filled, const ValueContext& ctx) {
  std::string out;
  for (size_t i = 0; i < filled.size(); ++i) {
    if (filled[i] != '$') {
      out += filled[i];
      continue;
    }
    size_t open = filled.find('(', i), close = filled.find(')', open);
    std::string_view name = filled.substr(i + 1, open - i - 1);
    std::string_view args = filled.substr(open + 1, close - open - 1);
    size_t comma = args.find(',');
    std::string_view a = args.substr(0, comma);
    std::string_view b = comma == std::string_view::npos ? std::string_view() : args.substr(comma + 1);
    std::string v = detail::call(name, a, b, ctx);
    if (v.empty()) return "";
    out += v;
    i = close;
  }
  return out;
}

}  // namespace sitrep::timex
