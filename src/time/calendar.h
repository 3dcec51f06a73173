// Calendar arithmetic for TIMEX3 values: days of the proleptic Gregorian
// calendar, ISO weeks, and points at a grain (a day, a week, a quarter ...)
// that can be moved, compared and written as TIMEX3 values.
//
//   TimePoint dct = TimePoint::ymd(2024, 4, 22);
//   TimePoint w;  shift(dct, -1, Grain::kWeek, Grain::kWeek, w);  format(w)   // "2024-W16"
//   TimePoint p;  parse_point("2024-Q4", p);                // p.grain == Grain::kQuarter
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sitrep::timex {

// Days since 1970-01-01 (H. Hinnant's civil-calendar algorithms).
constexpr int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Ymd {
  int y = 0, m = 0, d = 0;
};

constexpr Ymd civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

// ISO weekday, 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday).
constexpr int iso_weekday(int64_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7) + 1; }

constexpr bool leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
constexpr int days_in_month(int y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap_year(y) ? 29 : kDays[m - 1];
}
constexpr bool valid_date(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

// The ISO week of a day: the week (Monday to Sunday) belongs to the year of its Thursday.
struct IsoWeek {
  int year = 0, week = 0;
};
constexpr IsoWeek iso_week(int64_t days) {
  const int64_t thursday = days - iso_weekday(days) + 4;
  const Ymd t = civil_from_days(thursday);
  return {t.y, static_cast<int>((thursday - days_from_civil(t.y, 1, 1)) / 7) + 1};
}
constexpr int64_t iso_week_monday(int year, int week) {
  const int64_t jan4 = days_from_civil(year, 1, 4);
  return jan4 - (iso_weekday(jan4) - 1) + int64_t{week - 1} * 7;
}

// Coarsest last, so that "finer than" is "less than".
enum class Grain : uint8_t { kDay, kWeekend, kWeek, kMonth, kSeason, kQuarter, kHalf, kYear, kDecade, kCentury };

// A calendar point at a grain. `index` is the month (1-12), ISO week, season
// (1 spring ... 4 winter, which takes the year of its December), quarter or
// half; `year` is the ISO year for weeks and weekends.
struct TimePoint {
  Grain grain = Grain::kDay;
  int year = 0;
  int index = 0;
  int day = 0;

  static TimePoint day_of(int64_t days) {
    Ymd c = civil_from_days(days);
    return {Grain::kDay, c.y, c.m, c.d};
  }
  static TimePoint ymd(int y, int m, int d) { return {Grain::kDay, y, m, d}; }
};

// The first day of a point.
inline int64_t first_day(const TimePoint& p) {
  switch (p.grain) {
    case Grain::kDay: return days_from_civil(p.year, p.index, p.day);
    case Grain::kWeek: return iso_week_monday(p.year, p.index);
    case Grain::kWeekend: return iso_week_monday(p.year, p.index) + 5;
    case Grain::kMonth: return days_from_civil(p.year, p.index, 1);
    case Grain::kSeason: return days_from_civil(p.year, p.index * 3, 1);
    case Grain::kQuarter: return days_from_civil(p.year, p.index * 3 - 2, 1);
    case Grain::kHalf: return days_from_civil(p.year, p.index * 6 - 5, 1);
    case Grain::kYear: return days_from_civil(p.year, 1, 1);
    case Grain::kDecade: return days_from_civil(p.year / 10 * 10, 1, 1);
    case Grain::kCentury: return days_from_civil(p.year / 100 * 100, 1, 1);
  }
  return 0;
}

// A day well inside the point, so that moving it by a unit lands inside the
// moved point (a year moved by a week stays in its year).
inline int64_t middle_day(const TimePoint& p) {
  switch (p.grain) {
    case Grain::kDay: return first_day(p);
    case Grain::kWeek: return first_day(p) + 3;
    case Grain::kWeekend: return first_day(p);
    case Grain::kMonth: return first_day(p) + 14;
    case Grain::kSeason:
    case Grain::kQuarter: return first_day(p) + 45;
    case Grain::kHalf: return first_day(p) + 90;
    case Grain::kYear: return first_day(p) + 182;
    case Grain::kDecade: return days_from_civil(p.year / 10 * 10 + 5, 7, 1);
    case Grain::kCentury: return days_from_civil(p.year / 100 * 100 + 50, 7, 1);
  }
  return 0;
}

// The point of the given grain that holds a day.
inline TimePoint point_at(int64_t days, Grain g) {
  Ymd c = civil_from_days(days);
  switch (g) {
    case Grain::kDay: return {g, c.y, c.m, c.d};
    case Grain::kWeek:
    case Grain::kWeekend: {
      // A weekend is the one of the day's ISO week.
      IsoWeek w = iso_week(days);
      return {g, w.year, w.week, 0};
    }
    case Grain::kMonth: return {g, c.y, c.m, 0};
    case Grain::kSeason:
      if (c.m <= 2) return {g, c.y - 1, 4, 0};
      return {g, c.y, c.m / 3, 0};
    case Grain::kQuarter: return {g, c.y, (c.m + 2) / 3, 0};
    case Grain::kHalf: return {g, c.y, c.m <= 6 ? 1 : 2, 0};
    case Grain::kYear:
    case Grain::kDecade:
    case Grain::kCentury: return {g, c.y, 0, 0};
  }
  return {};
}

// Moves a day by n units of a grain: days and weeks by days, the others by
// whole months with the day of month kept where the month has it. Far moves
// leave the writable years (see writable()); callers check.
inline int64_t add_units(int64_t days, int n, Grain unit) {
  int months = 0;
  switch (unit) {
    case Grain::kDay: return days + n;
    case Grain::kWeek:
    case Grain::kWeekend: return days + int64_t{n} * 7;
    case Grain::kMonth: months = n; break;
    case Grain::kSeason:
    case Grain::kQuarter: months = 3 * n; break;
    case Grain::kHalf: months = 6 * n; break;
    case Grain::kYear: months = 12 * n; break;
    case Grain::kDecade: months = 120 * n; break;
    case Grain::kCentury: months = 1200 * n; break;
  }
  Ymd c = civil_from_days(days);
  const int64_t total = int64_t{c.y} * 12 + (c.m - 1) + months;
  const int64_t y = total >= 0 ? total / 12 : (total - 11) / 12;
  const int m = static_cast<int>(total - y * 12) + 1;
  const int yy = static_cast<int>(y < -100000 ? -100000 : y > 100000 ? 100000 : y);
  const int d = c.d < days_in_month(yy, m) ? c.d : days_in_month(yy, m);
  return days_from_civil(yy, m, d);
}

// Whether a day lies in the years TIMEX3 writes with four digits (0001-9999).
inline bool writable(int64_t days) { return days >= days_from_civil(1, 1, 1) && days <= days_from_civil(9999, 12, 31); }

// `p` moved by n units, at grain `out`; false when that leaves the writable years.
inline bool shift(const TimePoint& p, int n, Grain unit, Grain out, TimePoint& moved) {
  const int64_t day = add_units(middle_day(p), n, unit);
  if (!writable(day)) return false;
  moved = point_at(day, out);
  return true;
}

// Appends v with at least `width` digits (zero-padded); v >= 0.
inline void append_number(std::string& out, int v, int width) {
  char buf[12];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0 && n < 11);
  while (n < width) buf[n++] = '0';
  while (n > 0) out += buf[--n];
}

inline std::string format(const TimePoint& p) {
  std::string out;
  switch (p.grain) {
    case Grain::kDecade: append_number(out, p.year / 10, 3); return out;
    case Grain::kCentury: append_number(out, p.year / 100, 2); return out;
    default: append_number(out, p.year, 4); break;
  }
  switch (p.grain) {
    case Grain::kDay:
      out += '-';
      append_number(out, p.index, 2);
      out += '-';
      append_number(out, p.day, 2);
      break;
    case Grain::kWeek:
    case Grain::kWeekend:
      out += "-W";
      append_number(out, p.index, 2);
      if (p.grain == Grain::kWeekend) out += "-WE";
      break;
    case Grain::kMonth:
      out += '-';
      append_number(out, p.index, 2);
      break;
    case Grain::kSeason: {
      static constexpr std::string_view kSeasons[] = {"SP", "SU", "FA", "WI"};
      out += '-';
      out += kSeasons[(p.index + 3) % 4];
      break;
    }
    case Grain::kQuarter:
    case Grain::kHalf:
      out += p.grain == Grain::kQuarter ? "-Q" : "-H";
      append_number(out, p.index, 1);
      break;
    default: break;
  }
  return out;
}

namespace detail {
inline bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}
}  // namespace detail

// Reads a resolved TIMEX3 point (a time of day after T is ignored). Returns
// false for anything else: durations, PRESENT_REF, values with X.
inline bool parse_point(std::string_view v, TimePoint& out) {
  if (size_t t = v.find('T'); t != std::string_view::npos) v = v.substr(0, t);
  int y = 0, a = 0, b = 0;
  using detail::digits;
  if (v.size() == 3 && digits(v, 0, 3, y)) return out = {Grain::kDecade, y * 10, 0, 0}, true;
  if (v.size() == 2 && digits(v, 0, 2, y)) return out = {Grain::kCentury, y * 100, 0, 0}, true;
  if (v.size() < 4 || !digits(v, 0, 4, y)) return false;
  if (v.size() == 4) return out = {Grain::kYear, y, 0, 0}, true;
  if (v[4] != '-') return false;
  std::string_view rest = v.substr(5);
  if (rest.size() == 2 && digits(rest, 0, 2, a) && a >= 1 && a <= 12) return out = {Grain::kMonth, y, a, 0}, true;
  if (rest.size() == 5 && digits(rest, 0, 2, a) && rest[2] == '-' && digits(rest, 3, 2, b) && valid_date(y, a, b))
    return out = {Grain::kDay, y, a, b}, true;
  if (rest.size() >= 3 && rest[0] == 'W' && digits(rest, 1, 2, a) && a >= 1 && a <= 53) {
    if (rest.size() == 3) return out = {Grain::kWeek, y, a, 0}, true;
    if (rest.substr(3) == "-WE") return out = {Grain::kWeekend, y, a, 0}, true;
    return false;
  }
  if (rest.size() == 2 && rest[0] == 'Q' && digits(rest, 1, 1, a) && a >= 1 && a <= 4)
    return out = {Grain::kQuarter, y, a, 0}, true;
  if (rest.size() == 2 && rest[0] == 'H' && digits(rest, 1, 1, a) && a >= 1 && a <= 2)
    return out = {Grain::kHalf, y, a, 0}, true;
  static constexpr std::string_view kSeasons[] = {"SP", "SU", "FA", "WI"};
  for (int s = 0; s < 4; ++s)
    if (rest == kSeasons[s]) return out = {Grain::kSeason, y, s + 1, 0}, true;
  return false;
}

}  // namespace sitrep::timex
