// Stories: each article the store takes is assigned, online and in the order
// it arrives, to a story, one real-world event or issue followed over days or
// weeks; a wire copy joins the story of the article it copies.
//
// An article is described by keys: its entities (actor code, else name), its
// places, its events (CAMEO root with the source's and with the target's key)
// and its most frequent content words. A story holds the keys of its articles
// with how many of them have each. An article joins the story that covers the
// most of its keys, weighted by kind (entities and places 2, events and words 1)
// and by how rare each key is among the articles seen so far (IDF), among the
// stories whose articles lie within `window_days` of its date, when that
// share reaches `threshold` and at least one entity or place is shared; else
// it opens a new story. The window, threshold and kind weights were chosen on
// the development sets tests/data/stories-dev and tests/data/stories-dev2
// (scripts/story_replay.py; the second has gaps of up to six weeks inside
// stories); tests/data/stories is held out to measure them.
//
//   StoryIndex index;
//   int64_t story = index.assign(keys, day_number("2024-04-22"));
//   index.add(story, keys, day);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/json.h"

namespace sitrep {

// The kind of a story key, in its top two bits.
enum class StoryKeyKind : uint8_t { kEntity = 0, kPlace = 1, kEvent = 2, kWord = 3 };
inline StoryKeyKind story_key_kind(uint64_t key) { return static_cast<StoryKeyKind>(key >> 62); }

// The keys of one article, from its record (SCHEMA.md) and its text; sorted, distinct.
std::vector<uint64_t> story_keys(const JsonValue& record, std::string_view text);

// Days since 1970-01-01 of a date YYYY-MM-DD, or kNoDay.
inline constexpr int32_t kNoDay = INT32_MIN;
int32_t day_number(std::string_view date);

struct StoryOptions {
  int32_t window_days = 42;  // a story takes articles up to this many days after (or before) its others
  double threshold = 0.175;  // the share of the article's weighted keys the story must cover
};

class StoryIndex {
 public:
  explicit StoryIndex(StoryOptions options = {}) : options_(options) {}

  // The story an article with these keys and this day (kNoDay: any day)
  // joins: an existing story, or next_story() for a new one.
  int64_t assign(const std::vector<uint64_t>& keys, int32_t day) const;
  // Records the article in `story` (assign's answer, or the story of the
  // article it copies).
  void add(int64_t story, const std::vector<uint64_t>& keys, int32_t day);
  int64_t next_story() const { return next_story_; }
  size_t stories() const { return stories_.size(); }

 private:
  struct Story {
    int32_t first_day = kNoDay, last_day = kNoDay;
    uint32_t articles = 0;
    std::unordered_map<uint64_t, uint32_t> keys;  // key -> articles that have it
  };
  bool in_window(const Story& s, int32_t day) const;
  double weight(uint64_t key) const;

  StoryOptions options_;
  std::unordered_map<int64_t, Story> stories_;
  // The stories that hold each entity or place key (candidates for an article).
  std::unordered_map<uint64_t, std::vector<int64_t>> postings_;
  std::unordered_map<uint64_t, uint32_t> documents_with_;  // key -> articles that have it
  uint32_t documents_ = 0;
  int64_t next_story_ = 1;
};

// Keys as stored (article_story_rows.keys): 8 bytes each, little-endian.
// (Story queries, on a Store, are in story_query.h.)
std::string encode_story_keys(const std::vector<uint64_t>& keys);
std::vector<uint64_t> decode_story_keys(std::string_view blob);

}  // namespace sitrep
