// The rows a stored article adds to each layer table, shared by the archive
// backends (SQLite: store.cc, PostgreSQL: pg_archive.cc) so that both store the
// same values. Private to src/store.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"

namespace sitrep {

namespace store_internal {

// The layer tables, their columns after `article` in the order that
// prepare_article fills them. The tone layers come last: a read-only SQLite
// store made before them has none.
enum Layer { kEntities, kMentions, kQuotes, kReported, kClaims, kTimes, kEvents, kEntityTones, kTone, kLayers };
inline constexpr Layer kFirstToneLayer = kEntityTones;
inline constexpr const char* kLayerTable[kLayers] = {"entity_rows", "mention_rows",     "quote_rows", "reported_rows",
                                                     "claim_rows",  "time_rows",        "event_rows", "entity_tone_rows",
                                                     "tone_rows"};
inline constexpr const char* kLayerColumns[kLayers] = {
    "seq, entity_id, type, name, actor_code, title, role, country, mention_count",
    "seq, entity_id, start, \"end\", text, kind",
    "start, \"end\", text, speaker, cue, kind",
    "seq, start, \"end\", text, speaker, cue, kind",
    "seq, kind, value, qualifier, unit, source, actor, date, start, \"end\", text",
    "seq, start, \"end\", text, value",
    "seq, source, target, cameo, plover, negated, modality, date, start, \"end\", text",
    "entity_id, toward, sentences, stance, quotes",
    "tone, positive, negative, polarity, activity, self_group, words"};
inline constexpr int kLayerWidth[kLayers] = {9, 6, 6, 7, 11, 5, 11, 5, 7};
inline constexpr int kQuoteTextColumn = 2;  // of quote_rows' values: the full-text index takes it

}  // namespace store_internal

// Values to bind, made on a worker thread: the writer neither walks the JSON
// tree nor copies a string (it binds them in place).
struct StoredArticle::Rows {
  struct Value {
    enum class Type : uint8_t { kNull, kInteger, kReal, kText };
    Type type = Type::kNull;
    int64_t integer = 0;
    double real = 0;
    std::string text;
  };
  Value title, date;
  std::array<std::vector<Value>, store_internal::kLayers> layers;  // kLayerWidth[layer] values a row
};

namespace store_internal {
// The rows of a record (prepare_article's, for an article made without it).
std::shared_ptr<const StoredArticle::Rows> rows_of(const JsonValue& record);
}  // namespace store_internal

}  // namespace sitrep
