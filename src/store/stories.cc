#include "store/stories.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <unordered_set>

#include "ingest/date.h"
#include "learn/feature_hash.h"

namespace sitrep {

namespace {

// How many of an article's most frequent content words are keys.
constexpr size_t kWordKeys = 12;
// Of the stories that hold a key, the most recent this many are candidates:
// a key as common as a country's name is held by thousands of stories.
constexpr size_t kCandidatesPerKey = 200;
constexpr double kKindWeight[] = {2, 2, 1, 1};  // entity, place, event, word

uint64_t key(StoryKeyKind kind, std::string_view prefix, std::string_view s) {
  return (static_cast<uint64_t>(kind) << 62) | (learn::hash_text(s, learn::hash_text(prefix)) >> 2);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view string_member(const JsonValue& o, std::string_view name) {
  const JsonValue* v = o.find(name);
  return v && v->is_string() ? std::string_view(v->string) : std::string_view();
}

// English function words of five letters or more, which would otherwise be
// an article's most frequent words; shorter words are never keys.
bool function_word(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "about", "above", "after", "again", "against", "along", "already", "also", "although", "among", "another",
      "because", "been", "before", "being", "below", "between", "both", "could", "during", "either", "every",
      "found", "further", "having", "however", "including", "itself", "little", "might", "never", "other",
      "others", "rather", "really", "should", "since", "still", "their", "theirs", "themselves", "there",
      "these", "those", "though", "three", "through", "today", "told", "under", "until", "where", "whether",
      "which", "while", "whose", "within", "without", "would", "years", "yesterday", "said", "says", "saying"};
  return kWords.count(w) > 0;
}

}  // namespace

int32_t day_number(std::string_view date) {
  if (date.size() < 10 || !is_valid_date(date.substr(0, 10))) return kNoDay;
  const int y0 = std::stoi(std::string(date.substr(0, 4))), m = std::stoi(std::string(date.substr(5, 2)));
  const int d = std::stoi(std::string(date.substr(8, 2)));
  // Days from civil (Howard Hinnant's algorithm).
  const int y = m <= 2 ? y0 - 1 : y0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::vector<uint64_t> story_keys(const JsonValue& record, std::string_view text) {
  std::vector<uint64_t> keys;
  std::unordered_map<std::string, std::string> entity_key;  // record id -> key text
  if (const JsonValue* entities = record.find("entities"); entities && entities->type == JsonValue::Type::kArray)
    for (const JsonValue& e : entities->array) {
      const std::string_view type = string_member(e, "type");
      const bool place = type == "GPE" || type == "LOC" || type == "FAC";
      if (!place && type != "PERSON" && type != "ORG" && type != "NORP" && type != "EVENT") continue;
      std::string k = lower(string_member(e, "actor_code"));
      if (k.empty() || (!place && k.size() == 3)) k = lower(string_member(e, "name"));  // "ISR" alone is a place
      if (k.empty()) continue;
      entity_key[std::string(string_member(e, "id"))] = k;
      keys.push_back(key(place ? StoryKeyKind::kPlace : StoryKeyKind::kEntity, "", k));
    }
  if (const JsonValue* events = record.find("events"); events && events->type == JsonValue::Type::kArray)
    for (const JsonValue& ev : events->array) {
      const std::string_view cameo = string_member(ev, "cameo");
      const JsonValue* negated = ev.find("negated");
      if (cameo.size() < 2 || (negated && negated->type == JsonValue::Type::kBool && negated->boolean)) continue;
      for (const char* role : {"source", "target"}) {
        auto it = entity_key.find(std::string(string_member(ev, role)));
        if (it != entity_key.end()) keys.push_back(key(StoryKeyKind::kEvent, cameo.substr(0, 2), it->second));
      }
    }
  // Content words: lower-case words of five letters or more, by frequency.
  std::unordered_map<std::string, std::pair<uint32_t, uint32_t>> words;  // word -> (count, first place)
  uint32_t place = 0;
  for (size_t i = 0; i < text.size();) {
    if (!(text[i] >= 'a' && text[i] <= 'z') || (i > 0 && std::isalpha(static_cast<unsigned char>(text[i - 1])))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && ((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z'))) ++j;
    const std::string_view w = text.substr(i, j - i);
    if (w.size() >= 5 && !function_word(w)) {
      auto [it, fresh] = words.try_emplace(std::string(w), 0, place++);
      ++it->second.first;
    }
    i = j;
  }
  std::vector<std::pair<std::string_view, std::pair<uint32_t, uint32_t>>> ranked(words.begin(), words.end());
  const size_t n = std::min(kWordKeys, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(n), ranked.end(),
                    [](const auto& a, const auto& b) {
                      return a.second.first != b.second.first ? a.second.first > b.second.first
                                                              : a.second.second < b.second.second;
                    });
  for (size_t i = 0; i < n; ++i) keys.push_back(key(StoryKeyKind::kWord, "", ranked[i].first));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

bool StoryIndex::in_window(const Story& s, int32_t day) const {
  if (day == kNoDay || s.first_day == kNoDay) return true;
  return day >= s.first_day - options_.window_days && day <= s.last_day + options_.window_days;
}

double StoryIndex::weight(uint64_t k) const {
  auto it = documents_with_.find(k);
  const double df = it == documents_with_.end() ? 0 : it->second;
  return kKindWeight[static_cast<int>(story_key_kind(k))] * std::log((documents_ + 1.0) / (df + 1.0) + 1.0);
}

int64_t StoryIndex::assign(const std::vector<uint64_t>& keys, int32_t day) const {
  double total = 0;
  for (uint64_t k : keys) total += weight(k);
  if (total <= 0) return next_story_;
  std::vector<int64_t> candidates;
  for (uint64_t k : keys) {
    const StoryKeyKind kind = story_key_kind(k);
    if (kind != StoryKeyKind::kEntity && kind != StoryKeyKind::kPlace) continue;
    auto it = postings_.find(k);
    if (it == postings_.end()) continue;
    const std::vector<int64_t>& p = it->second;
    for (size_t i = p.size(), seen = 0; i-- > 0 && seen < kCandidatesPerKey; ++seen) candidates.push_back(p[i]);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  int64_t best = next_story_;
  double best_score = options_.threshold;
  for (int64_t id : candidates) {
    const Story& s = stories_.at(id);
    if (!in_window(s, day)) continue;
    double covered = 0;
    for (uint64_t k : keys) {
      auto it = s.keys.find(k);
      // A key counts in full when at least half of the story's articles have it.
      if (it != s.keys.end()) covered += weight(k) * std::min(1.0, 2.0 * it->second / s.articles);
    }
    const double score = covered / total;
    if (score >= best_score + (best == next_story_ ? 0 : 1e-12)) {
      best_score = score;
      best = id;
    }
  }
  return best;
}

void StoryIndex::add(int64_t story, const std::vector<uint64_t>& keys, int32_t day) {
  Story& s = stories_[story];
  if (day != kNoDay) {
    s.first_day = s.first_day == kNoDay ? day : std::min(s.first_day, day);
    s.last_day = s.last_day == kNoDay ? day : std::max(s.last_day, day);
  }
  ++s.articles;
  for (uint64_t k : keys) {
    if (s.keys[k]++ == 0) {
      const StoryKeyKind kind = story_key_kind(k);
      if (kind == StoryKeyKind::kEntity || kind == StoryKeyKind::kPlace) postings_[k].push_back(story);
    }
    ++documents_with_[k];
  }
  ++documents_;
  next_story_ = std::max(next_story_, story + 1);
}

std::string encode_story_keys(const std::vector<uint64_t>& keys) {
  std::string out(keys.size() * 8, '\0');
  for (size_t i = 0; i < keys.size(); ++i)
    for (int b = 0; b < 8; ++b) out[i * 8 + b] = static_cast<char>((keys[i] >> (8 * b)) & 0xff);
  return out;
}

std::vector<uint64_t> decode_story_keys(std::string_view blob) {
  std::vector<uint64_t> keys(blob.size() / 8);
  for (size_t i = 0; i < keys.size(); ++i)
    for (int b = 0; b < 8; ++b)
      keys[i] |= static_cast<uint64_t>(static_cast<unsigned char>(blob[i * 8 + b])) << (8 * b);
  return keys;
}

}  // namespace sitrep
