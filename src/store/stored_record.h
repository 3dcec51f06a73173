// A stored article's record, rebuilt from the archive's rows in the order and
// form that write_record gives it, whichever database holds the rows: the
// SQLite store (Store::record) and the PostgreSQL archive (sitrep serve's
// PostgreSQL reader) both write it here, from the rows of the same queries.
//
//   struct MyRows { StoreStatus rows(RecordPart, std::string_view id, int64_t key, auto&& row); };
//   std::string json;
//   StoreStatus s = write_stored_record("haliva-resigns", my_rows, {true, false, "news.db"}, json);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "output/json_writer.h"
#include "store/store.h"

namespace sitrep {

// The parts of a record, each one query (record_part_sql).
enum class RecordPart {
  kArticle,      // ?1 the article's id → id, title, date, key
  kMentions,     // ?1 the article's key, here and below
  kEntityTones,  // (a store with the tone tables)
  kEntities,
  kQuotes,
  kReported,
  kClaims,
  kTimes,
  kEvents,
  kTone,   // (a store with the tone tables)
  kStory,  // (a store with the story tables)
  kParts,
};

// The SQL of a part in SQLite's dialect (?1; quotes ordered by rowid).
const char* record_part_sql(RecordPart part);

struct StoredRecordOptions {
  bool tone = false;      // the store has the tone tables
  bool stories = false;   // the store has the story tables
  std::string archive;    // its name, for the message when there is no such article
};

// The record of article `id`, compact; kNotFound when there is none. `source`
// gives the rows of each part:
//   StoreStatus rows(RecordPart part, std::string_view id, int64_t key, Row&& row)
// hands each row of `part` to `row`, of the article `id` (kArticle) or of the
// article whose key is `key` (the others), as an object with is_null(col),
// text(col) (a string_view), integer(col) and real(col). (A template: the
// SQLite store's rows are its statements, read without a call through a
// pointer per cell.)
template <typename Source>
StoreStatus write_stored_record(std::string_view id, Source& source, const StoredRecordOptions& options,
                                std::string& out) {
  int64_t article_key = -1;
  JsonWriter w(out, false);
  StoreStatus s = source.rows(RecordPart::kArticle, id, 0, [&](const auto& a) {
    if (article_key >= 0) return;
    article_key = a.integer(3);
    w.begin_object();
    w.key("id");
    w.value(a.text(0));
    for (int col : {1, 2}) {
      w.key(col == 1 ? "title" : "date");
      a.is_null(col) ? w.null() : w.value(a.text(col));
    }
  });
  if (!s.ok()) return s;
  if (article_key < 0) {
    s.code = StoreStatus::Code::kNotFound;
    s.message = "no article '" + std::string(id) + "' in " + options.archive;
    return s;
  }
  auto each = [&](RecordPart part, auto&& row) {
    if (s.ok()) s = source.rows(part, id, article_key, row);
  };
  auto text_or_null = [&](const std::optional<std::string>& v) { v ? w.value(*v) : w.null(); };
  auto field = [&](const auto& st, const char* key, int col) {
    w.key(key);
    st.is_null(col) ? w.null() : w.value(st.text(col));
  };
  auto span = [&](const auto& st, int first) {
    w.key("start");
    w.value(st.integer(first));
    w.key("end");
    w.value(st.integer(first + 1));
    field(st, "text", first + 2);
  };
  auto opt = [](const auto& st, int col) {
    return st.is_null(col) ? std::nullopt : std::optional<std::string>(std::string(st.text(col)));
  };

  // Mentions grouped by entity, in the order they were stored.
  struct StoredMention {
    int64_t start, end;
    std::optional<std::string> text, kind;
  };
  std::unordered_map<std::string, std::vector<StoredMention>> mentions_of;
  each(RecordPart::kMentions, [&](const auto& m) {
    mentions_of[std::string(m.text(0))].push_back({m.integer(1), m.integer(2), opt(m, 3), opt(m, 4)});
  });
  // The tone toward each entity, by entity id (tone_scorer.h).
  struct StoredTone {
    std::optional<double> values[4];
  };
  std::unordered_map<std::string, StoredTone> tone_of;
  if (options.tone)
    each(RecordPart::kEntityTones, [&](const auto& t) {
      StoredTone& stored = tone_of[std::string(t.text(0))];
      for (int c = 0; c < 4; ++c)
        if (!t.is_null(c + 1)) stored.values[c] = t.real(c + 1);
    });

  w.key("entities");
  w.begin_array();
  each(RecordPart::kEntities, [&](const auto& e) {
    w.begin_object();
    w.key("id");
    w.value(e.text(0));
    field(e, "type", 1);
    field(e, "name", 2);
    field(e, "actor_code", 3);
    w.key("attributes");
    w.begin_object();
    static constexpr const char* kAttributes[] = {"title", "role", "country"};
    for (int col : {4, 5, 6})
      if (!e.is_null(col)) field(e, kAttributes[col - 4], col);
    w.end_object();
    w.key("mentions");
    w.begin_array();
    for (const StoredMention& sm : mentions_of[std::string(e.text(0))]) {
      w.begin_object();
      for (auto [key, offset] : {std::pair{"start", sm.start}, {"end", sm.end}}) {
        w.key(key);
        w.value(offset);
      }
      for (auto [key, text] : {std::pair{"text", &sm.text}, {"kind", &sm.kind}}) {
        w.key(key);
        text_or_null(*text);
      }
      w.end_object();
    }
    w.end_array();
    if (auto it = tone_of.find(std::string(e.text(0))); it != tone_of.end()) {
      static constexpr const char* kKeys[] = {"toward", "sentences", "stance", "quotes"};
      w.key("tone");
      w.begin_object();
      for (int c = 0; c < 4; ++c) {
        w.key(kKeys[c]);
        it->second.values[c] ? w.value(*it->second.values[c]) : w.null();
      }
      w.end_object();
    }
    w.end_object();
  });
  w.end_array();

  auto layer = [&](const char* key, RecordPart part, auto&& write_row) {
    w.key(key);
    w.begin_array();
    each(part, [&](const auto& st) {
      w.begin_object();
      write_row(st);
      w.end_object();
    });
    w.end_array();
  };
  auto speech = [&](const auto& st) {
    span(st, 0);
    field(st, "speaker", 3);
    field(st, "cue", 4);
    field(st, "kind", 5);
  };
  layer("quotes", RecordPart::kQuotes, speech);
  layer("reported", RecordPart::kReported, speech);
  layer("claims", RecordPart::kClaims, [&](const auto& st) {
    field(st, "kind", 0);
    w.key("value");
    st.is_null(1) ? w.null() : w.value(st.real(1));
    field(st, "qualifier", 2);
    field(st, "unit", 3);
    field(st, "source", 4);
    field(st, "actor", 5);
    field(st, "date", 6);
    span(st, 7);
  });
  layer("times", RecordPart::kTimes, [&](const auto& st) {
    span(st, 0);
    field(st, "value", 3);
  });
  layer("events", RecordPart::kEvents, [&](const auto& st) {
    field(st, "source", 0);
    field(st, "target", 1);
    field(st, "cameo", 2);
    field(st, "plover", 3);
    w.key("negated");
    w.value(st.integer(4) != 0);
    field(st, "modality", 5);
    field(st, "date", 6);
    w.key("trigger");
    w.begin_object();
    span(st, 7);
    w.end_object();
  });
  // The first row of a part that has one row at most.
  auto first = [&](RecordPart part, auto&& row) {
    bool seen = false;
    each(part, [&](const auto& st) {
      if (!seen) row(st);
      seen = true;
    });
  };
  if (options.tone)
    first(RecordPart::kTone, [&](const auto& t) {
      static constexpr const char* kKeys[] = {"tone", "positive", "negative", "polarity", "activity", "self_group",
                                              "words"};
      w.key("tone");
      w.begin_object();
      for (int c = 0; c < 7; ++c) {
        w.key(kKeys[c]);
        t.is_null(c) ? w.null() : w.value(t.real(c));
      }
      w.end_object();
    });
  // The story the article joined at ingest (stories.h): a field beyond
  // SCHEMA.md, left out where the store has no stories or the article none.
  if (options.stories)
    first(RecordPart::kStory, [&](const auto& st) {
      w.key("story");
      w.value(st.integer(0));
    });
  if (!s.ok()) return s;
  w.end_object();
  return {};
}

}  // namespace sitrep
