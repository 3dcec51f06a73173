// The implementation of time_lexicon.h: loading the lexicons and compiling
// the patterns into a trie (matching a token against a slot is in
// time_slots_inl.h). Kept in headers so that the time stage stays one
// translation unit (time_normalizer.cc).
#pragma once

#include <algorithm>
#include <utility>

#include "time/calendar.h"
#include "time/time_lexicon.h"
#include "time/time_slots_inl.h"

namespace sitrep::timex {

namespace detail {

inline std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) return out;
    start = p + 1;
  }
}

inline std::string fold(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "\xE2\x80\x99") == 0 || s.compare(i, 3, "\xE2\x80\x98") == 0) {
      out += '\'';
      i += 2;
      continue;
    }
    char c = s[i];
    out += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  }
  return out;
}

struct NamedClass {
  std::string_view name;
  WordClass cls;
};
inline constexpr NamedClass kClassNames[] = {
    {"month", WordClass::kMonth},         {"month_bound", WordClass::kMonthBound},
    {"weekday", WordClass::kWeekday},     {"weekday_plural", WordClass::kWeekdayPlural},
    {"number", WordClass::kNumber},       {"ordinal", WordClass::kOrdinal},
    {"unit", WordClass::kUnit},           {"units", WordClass::kUnits},
    {"season", WordClass::kSeason},       {"part_of_day", WordClass::kPartOfDay},
    {"meridiem", WordClass::kMeridiem},   {"time_zone", WordClass::kTimeZone},
    {"tense", WordClass::kTense},         {"be", WordClass::kBe},
    {"not_past", WordClass::kNotPast},    {"determiner", WordClass::kDeterminer},
    {"count_noun", WordClass::kCountNoun}, {"not_year_before", WordClass::kNotYearBefore},
};

inline constexpr std::pair<std::string_view, Slot> kSlotNames[] = {
    {"month", Slot::kMonth},     {"monthname", Slot::kMonthName}, {"weekday", Slot::kWeekday},
    {"weekdays", Slot::kWeekdays}, {"day", Slot::kDay},           {"year", Slot::kYear},
    {"yy", Slot::kYY},           {"decade", Slot::kDecade},       {"decade2", Slot::kDecade2},
    {"num", Slot::kNum},         {"unit", Slot::kUnit},           {"unit1", Slot::kUnit1},
    {"units", Slot::kUnits},     {"ord", Slot::kOrd},             {"season", Slot::kSeason},
    {"pod", Slot::kPod},         {"clock", Slot::kClock},         {"hour", Slot::kHour},
    {"hhmm", Slot::kHhmm},       {"ampm", Slot::kAmPm},           {"tz", Slot::kTz},
    {"isodate", Slot::kIsoDate}, {"slashdate", Slot::kSlashDate}, {"count", Slot::kCountNoun},
    {"notyear", Slot::kNotYear}, {"cap", Slot::kCap},
};

// The value a row of time_words.tsv gives its class, or -1 when malformed.
inline int class_value(WordClass c, std::string_view v) {
  auto index_of = [&](std::initializer_list<std::string_view> names) {
    int i = 0;
    for (std::string_view n : names) {
      if (n == v) return i;
      ++i;
    }
    return -1;
  };
  switch (c) {
    case WordClass::kMonth:
    case WordClass::kMonthBound:
      return all_digits(v) && v.size() <= 2 && to_int(v) >= 1 && to_int(v) <= 12 ? to_int(v) : -1;
    case WordClass::kWeekday:
    case WordClass::kWeekdayPlural:
      return all_digits(v) && v.size() == 1 && to_int(v) >= 1 && to_int(v) <= 7 ? to_int(v) : -1;
    case WordClass::kNumber:
    case WordClass::kOrdinal: return all_digits(v) && v.size() <= 4 ? to_int(v) : -1;
    case WordClass::kUnit:
    case WordClass::kUnits: {
      int u = index_of({"D", "W", "M", "Q", "Y", "DE", "CE", "H", "MIN", "S"});
      return u < 0 ? -1 : u + 1;
    }
    case WordClass::kSeason: {
      int s = index_of({"SP", "SU", "FA", "WI"});
      return s < 0 ? -1 : s + 1;
    }
    case WordClass::kPartOfDay: return index_of({"MO", "AF", "EV", "NI"});
    case WordClass::kMeridiem: {
      int m = index_of({"AM", "PM"});
      return m < 0 ? -1 : m + 1;
    }
    case WordClass::kTense: {
      int t = index_of({"past", "future", "future_adjacent", "infinitive", "before_to"});
      return t < 0 ? -1 : t + 1;
    }
    case WordClass::kTimeZone: return v.empty() ? -1 : 0;
    default: return 0;
  }
}

inline bool value_is_valid(std::string_view v, std::string& why) {
  static constexpr std::string_view kFields[] = {"month", "day", "year", "weekday", "num", "unit", "ord",
                                                 "season", "pod", "clock", "tz", "decade"};
  static constexpr std::string_view kFunctions[] = {"t", "prev", "next", "wd", "rel", "ago", "shift", "ref", "dur",
                                                    "sday", "WE"};
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '{') {
      size_t close = v.find('}', i);
      std::string_view name = close == std::string_view::npos ? "" : v.substr(i + 1, close - i - 1);
      if (std::find(std::begin(kFields), std::end(kFields), name) == std::end(kFields)) {
        why = "unknown field {" + std::string(name) + "} in the value";
        return false;
      }
      i = close;
    } else if (v[i] == '$') {
      size_t open = v.find('(', i), close = v.find(')', i);
      std::string_view name = open == std::string_view::npos ? "" : v.substr(i + 1, open - i - 1);
      if (close == std::string_view::npos ||
          std::find(std::begin(kFunctions), std::end(kFunctions), name) == std::end(kFunctions)) {
        why = "unknown function or missing parenthesis at '" + std::string(v.substr(i)) + "' in the value";
        return false;
      }
      i = close;
    }
  }
  return true;
}

}  // namespace detail

inline TimeLexicon TimeLexicon::load(const std::string& data_dir) {
  return TimeLexicon(load_tsv(data_dir + "/time_words.tsv"), load_tsv(data_dir + "/time_patterns.tsv"));
}

inline int32_t TimeLexicon::intern(std::string_view folded) {
  for (size_t id = 0; id < keys_.size(); ++id)  // start-up only: a few hundred words
    if (keys_[id] == folded) return static_cast<int32_t>(id);
  keys_.emplace_back(folded);
  words_.emplace_back();
  return static_cast<int32_t>(keys_.size() - 1);
}

inline void TimeLexicon::build_table() {
  size_t capacity = 64;
  while (capacity < keys_.size() * 4) capacity *= 2;  // few collisions: a miss mostly meets an empty bucket
  table_.assign(capacity, Bucket{});
  mask_ = capacity - 1;
  for (size_t id = 0; id < keys_.size(); ++id) {
    const std::string& key = keys_[id];
    // A key that starts with an apostrophe ('ll) may come as ’ll, two bytes longer.
    max_length_ = std::max(max_length_, key.size() + (!key.empty() && key[0] == '\'' ? 2 : 0));
    uint64_t k = 0;
    std::memcpy(&k, key.data(), std::min<size_t>(key.size(), 8));
    const size_t h = mix(k, key.size());
    filter_[(h >> 6) & (kFilterWords - 1)] |= uint64_t{1} << (h & 63);
    size_t slot = h & mask_;
    while (table_[slot].id != kNoWord) slot = (slot + 1) & mask_;
    table_[slot] = {k, static_cast<uint32_t>(key.size()), static_cast<int32_t>(id)};
  }
}

inline TimeLexicon::TimeLexicon(const TsvTable& words, const TsvTable& patterns) {
  const size_t word_col = words.column("word"), classes_col = words.column("classes"),
               values_col = words.column("values");
  for (size_t r = 0; r < words.rows.size(); ++r) {
    const auto& row = words.rows[r];
    std::string where = words.path + ":" + std::to_string(words.line_numbers[r]) + ": ";
    if (row[word_col].empty() || row[word_col].size() > kMaxWord)
      throw TsvError(where + "a word must have 1 to " + std::to_string(kMaxWord) + " bytes");
    const auto classes = detail::split(row[classes_col], '|'), values = detail::split(row[values_col], '|');
    if (classes.size() != values.size())
      throw TsvError(where + "a value for each class: " + std::to_string(classes.size()) + " classes, " +
                     std::to_string(values.size()) + " values");
    const int32_t id = intern(detail::fold(row[word_col]));
    for (size_t c = 0; c < classes.size(); ++c) {
      const detail::NamedClass* nc = nullptr;
      for (const auto& named : detail::kClassNames)
        if (named.name == classes[c]) nc = &named;
      if (!nc) throw TsvError(where + "unknown class '" + std::string(classes[c]) + "'");
      int v = detail::class_value(nc->cls, values[c]);
      if (v < 0) throw TsvError(where + "'" + std::string(values[c]) + "' is no value for class " + std::string(classes[c]));
      Word& w = words_[static_cast<size_t>(id)];
      if (w.has(nc->cls)) throw TsvError(where + "'" + row[word_col] + "' has class " + std::string(classes[c]) + " twice");
      w.classes |= 1u << static_cast<unsigned>(nc->cls);
      w.values[static_cast<size_t>(nc->cls)] = static_cast<int16_t>(v);
      if (nc->cls == WordClass::kTimeZone) w.time_zone = values[c];
    }
  }

  const size_t pattern_col = patterns.column("pattern"), pvalue_col = patterns.column("value");
  for (size_t r = 0; r < patterns.rows.size(); ++r) {
    const auto& row = patterns.rows[r];
    std::string where = patterns.path + ":" + std::to_string(patterns.line_numbers[r]) + ": ";
    Rule rule;
    rule.where = where.substr(0, where.size() - 2);
    for (std::string_view token : detail::split(row[pattern_col], ' ')) {
      if (token.empty()) throw TsvError(where + "two spaces in a row in the pattern");
      bool context = token.size() > 2 && token.front() == '(' && token.back() == ')';
      if (context) token = token.substr(1, token.size() - 2);
      Element e = parse_element(token, where, true);
      e.context = context;
      rule.elements.push_back(std::move(e));
    }
    if (rule.elements.size() > kMaxPatternElements)
      throw TsvError(where + "a pattern has at most " + std::to_string(kMaxPatternElements) + " tokens");
    size_t first = 0, last = rule.elements.size();
    while (first < last && rule.elements[first].context) ++first;
    while (last > first && rule.elements[last - 1].context) --last;
    if (first == last) throw TsvError(where + "the pattern has no token outside parentheses");
    for (size_t k = first; k < last; ++k)
      if (rule.elements[k].context) throw TsvError(where + "context in parentheses goes only at either end");
    rule.span_first = static_cast<uint8_t>(first);
    rule.span_end = static_cast<uint8_t>(last);
    std::string why;
    if (row[pvalue_col].empty() || !detail::value_is_valid(row[pvalue_col], why)) throw TsvError(where + why);
    rule.value = row[pvalue_col];
    rule.suppress = rule.value == "-";
    rules_.push_back(std::move(rule));
  }

  // Words the matcher reads by itself: "two and a half", 10/07/2023.
  for (std::string_view w : {"and", "a", "half", "/"}) intern(w);
  new_node();
  for (uint32_t r = 0; r < rules_.size(); ++r) insert(0, r, 0);
  const auto& root_others = nodes_[0].others;
  for (uint32_t e = 0; e < root_others.size(); ++e) {
    if (root_others[e].first.kind == Element::Kind::kCompound) root_compound_.push_back(e);
    else root_by_slot_[static_cast<size_t>(root_others[e].first.slot)].push_back(e);
  }
  start_slots_.resize(words_.size());
  build_table();
  static constexpr std::pair<WordClass, Slot> kFills[] = {
      {WordClass::kMonth, Slot::kMonth},         {WordClass::kMonth, Slot::kMonthName},
      {WordClass::kMonthBound, Slot::kMonth},    {WordClass::kWeekday, Slot::kWeekday},
      {WordClass::kWeekdayPlural, Slot::kWeekdays}, {WordClass::kNumber, Slot::kNum},
      {WordClass::kOrdinal, Slot::kOrd},         {WordClass::kUnit, Slot::kUnit},
      {WordClass::kUnit, Slot::kUnit1},          {WordClass::kUnits, Slot::kUnit},
      {WordClass::kUnits, Slot::kUnits},         {WordClass::kSeason, Slot::kSeason},
      {WordClass::kPartOfDay, Slot::kPod},       {WordClass::kMeridiem, Slot::kAmPm},
      {WordClass::kTimeZone, Slot::kTz},         {WordClass::kCountNoun, Slot::kCountNoun},
      {WordClass::kNotYearBefore, Slot::kNotYear},
  };
  for (size_t id = 0; id < words_.size(); ++id)
    for (auto [cls, slot] : kFills) {
      auto& slots = start_slots_[id];
      if (words_[id].has(cls) && !root_by_slot_[static_cast<size_t>(slot)].empty() &&
          std::find(slots.begin(), slots.end(), slot) == slots.end())
        slots.push_back(slot);
    }
  for (auto& nd : nodes_) {
    for (const auto& [e, child] : nd.others)
      nd.others_mask |= e.kind == Element::Kind::kCompound ? kCompoundBit : slot_bit(e.slot);
    for (const auto& [key, child] : nd.words) nd.word_sig |= uint64_t{1} << ((key / 2) & 63);
  }
  for (auto& w : words_)
    for (auto [cls, slot] : kFills)
      if (w.has(cls)) w.slot_mask |= slot_bit(slot);
  root_children_.assign(words_.size() * 2, 0);
  for (const auto& [key, child] : nodes_[0].words) root_children_[static_cast<size_t>(key)] = child;
  starts_.resize(words_.size());
  auto add = [&](Start& st, uint32_t child) {
    st.alone |= nodes_[child].rule >= 0;
    st.words |= nodes_[child].word_sig;
    st.slots |= nodes_[child].others_mask;
  };
  for (size_t id = 0; id < words_.size(); ++id) {
    Start& st = starts_[id];
    for (uint32_t child : {root_children_[id * 2], root_children_[id * 2 + 1]})
      if (child) add(st, child);
    for (Slot slot : start_slots_[id])
      for (uint32_t e : root_by_slot_[static_cast<size_t>(slot)]) add(st, nodes_[0].others[e].second);
    // A number word may go on as "two and a half", inside its slot.
    if (std::find(start_slots_[id].begin(), start_slots_[id].end(), Slot::kNum) != start_slots_[id].end())
      st.words |= uint64_t{1} << (intern("and") & 63);
    may_start_.push_back(st.alone || st.words != 0 || st.slots != 0);
    slot_masks_.push_back(words_[id].slot_mask);
  }
}

inline Element TimeLexicon::parse_element(std::string_view token, const std::string& where, bool allow_compound) {
  Element e;
  if (token.size() > 2 && token.front() == '<' && token.back() == '>' &&
      token.find('<', 1) == std::string_view::npos) {
    std::string_view name = token.substr(1, token.size() - 2);
    for (auto [n, slot] : detail::kSlotNames)
      if (n == name) {
        e.kind = Element::Kind::kSlot;
        e.slot = slot;
        return e;
      }
    throw TsvError(where + "unknown slot <" + std::string(name) + ">");
  }
  if (token.find('<') != std::string_view::npos) {
    if (!allow_compound || token.find('-') == std::string_view::npos)
      throw TsvError(where + "a slot inside '" + std::string(token) + "' must be a whole hyphen-separated piece");
    e.kind = Element::Kind::kCompound;
    for (std::string_view piece : detail::split(token, '-')) {
      Element part = parse_element(piece, where, false);
      if (part.kind == Element::Kind::kSlot && (part.slot == Slot::kSlashDate))
        throw TsvError(where + "<slashdate> cannot be part of a hyphenated word");
      e.parts.push_back(std::move(part));
    }
    return e;
  }
  for (std::string_view alt : detail::split(token, '|')) {
    if (alt.empty()) throw TsvError(where + "an empty alternative in '" + std::string(token) + "'");
    e.words.push_back(intern(detail::fold(alt)));
  }
  return e;
}

inline uint32_t TimeLexicon::new_node() {
  nodes_.emplace_back();
  return static_cast<uint32_t>(nodes_.size() - 1);
}

namespace detail {
inline bool same_element(const Element& a, const Element& b) {
  if (a.kind != b.kind || a.context != b.context || a.slot != b.slot || a.words != b.words ||
      a.parts.size() != b.parts.size())
    return false;
  for (size_t i = 0; i < a.parts.size(); ++i)
    if (!same_element(a.parts[i], b.parts[i])) return false;
  return true;
}
}  // namespace detail

// Adds rule `rule` from its element k on, below `node`. Rules go in in file
// order, so a node keeps the earliest rule that ends there.
inline void TimeLexicon::insert(uint32_t node, uint32_t rule, size_t k) {
  const Rule& r = rules_[rule];
  if (k == r.elements.size()) {
    if (nodes_[node].rule < 0) nodes_[node].rule = static_cast<int32_t>(rule);
    return;
  }
  const Element& e = r.elements[k];
  if (e.kind == Element::Kind::kWords) {
    for (int32_t id : e.words) {
      uint32_t child = nodes_[node].word_child(id, e.context);
      if (child == 0) {
        child = new_node();
        auto& words = nodes_[node].words;
        std::pair<int32_t, uint32_t> entry(id * 2 + (e.context ? 1 : 0), child);
        words.insert(std::lower_bound(words.begin(), words.end(), entry), entry);
      }
      insert(child, rule, k + 1);
    }
    return;
  }
  uint32_t child = 0;
  for (const auto& [other, c] : nodes_[node].others)
    if (detail::same_element(other, e)) child = c;
  if (child == 0) {
    child = new_node();
    nodes_[node].others.emplace_back(e, child);
  }
  insert(child, rule, k + 1);
}

}  // namespace sitrep::timex
