// The record of a stored article (stored_record.h), rebuilt from the tables
// in the order and form that write_record gives it, so that the store
// round-trips; it ends with the article's story ("story": 12) where the
// store has stories. Store::record reads the rows from SQLite.
#include <sqlite3.h>

#include <iterator>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "output/json_writer.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "store/stored_record.h"

namespace sitrep {

using store_internal::Statement;

const char* record_part_sql(RecordPart part) {
  // Each part's columns, table and order (by seq; quotes by rowid, as they were stored).
  struct Part {
    const char *columns, *table, *order;
  };
  static constexpr Part kParts[] = {
      {"id, title, date, key", "articles", ""},
      {"entity_id, start, \"end\", text, kind", "mention_rows", "seq"},
      {"entity_id, toward, sentences, stance, quotes", "entity_tone_rows", ""},
      {"entity_id, type, name, actor_code, title, role, country", "entity_rows", "seq"},
      {"start, \"end\", text, speaker, cue, kind", "quote_rows", "rowid"},
      {"start, \"end\", text, speaker, cue, kind", "reported_rows", "seq"},
      {"kind, value, qualifier, unit, source, actor, date, start, \"end\", text", "claim_rows", "seq"},
      {"start, \"end\", text, value", "time_rows", "seq"},
      {"source, target, cameo, plover, negated, modality, date, start, \"end\", text", "event_rows", "seq"},
      {"tone, positive, negative, polarity, activity, self_group, words", "tone_rows", ""},
      {"story", "article_story_rows", ""},
  };
  static_assert(std::size(kParts) == static_cast<size_t>(RecordPart::kParts));
  static const std::vector<std::string> kSql = [] {
    std::vector<std::string> sql;
    for (const Part& p : kParts)
      sql.push_back(std::string("SELECT ") + p.columns + " FROM " + p.table + " WHERE " +
                    (std::string_view(p.table) == "articles" ? "id" : "article") + " = ?1" +
                    (*p.order ? std::string(" ORDER BY ") + p.order : std::string()));
    return sql;
  }();
  const auto at = static_cast<size_t>(part);
  return at < kSql.size() ? kSql[at].c_str() : "";
}

StoreStatus write_stored_record(std::string_view id, RecordSource& source, const StoredRecordOptions& options,
                                std::string& out) {
  int64_t article_key = -1;
  std::string head;
  JsonWriter w(out, false);
  StoreStatus s = source.rows(RecordPart::kArticle, id, 0, [&](const StoredCells& a) {
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
  auto each = [&](RecordPart part, const std::function<void(const StoredCells&)>& row) {
    if (s.ok()) s = source.rows(part, id, article_key, row);
  };
  auto text_or_null = [&](const std::optional<std::string>& v) { v ? w.value(*v) : w.null(); };
  auto field = [&](const StoredCells& st, const char* key, int col) {
    w.key(key);
    st.is_null(col) ? w.null() : w.value(st.text(col));
  };
  auto span = [&](const StoredCells& st, int first) {
    w.key("start");
    w.value(st.integer(first));
    w.key("end");
    w.value(st.integer(first + 1));
    field(st, "text", first + 2);
  };
  auto opt = [](const StoredCells& st, int col) {
    return st.is_null(col) ? std::nullopt : std::optional<std::string>(std::string(st.text(col)));
  };

  // Mentions grouped by entity, in the order they were stored.
  struct StoredMention {
    int64_t start, end;
    std::optional<std::string> text, kind;
  };
  std::unordered_map<std::string, std::vector<StoredMention>> mentions_of;
  each(RecordPart::kMentions, [&](const StoredCells& m) {
    mentions_of[std::string(m.text(0))].push_back({m.integer(1), m.integer(2), opt(m, 3), opt(m, 4)});
  });
  // The tone toward each entity, by entity id (tone_scorer.h).
  struct StoredTone {
    std::optional<double> values[4];
  };
  std::unordered_map<std::string, StoredTone> tone_of;
  if (options.tone)
    each(RecordPart::kEntityTones, [&](const StoredCells& t) {
      StoredTone& stored = tone_of[std::string(t.text(0))];
      for (int c = 0; c < 4; ++c)
        if (!t.is_null(c + 1)) stored.values[c] = t.real(c + 1);
    });

  w.key("entities");
  w.begin_array();
  each(RecordPart::kEntities, [&](const StoredCells& e) {
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
      w.key("start");
      w.value(sm.start);
      w.key("end");
      w.value(sm.end);
      w.key("text");
      text_or_null(sm.text);
      w.key("kind");
      text_or_null(sm.kind);
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

  auto layer = [&](const char* key, RecordPart part, const std::function<void(const StoredCells&)>& write_row) {
    w.key(key);
    w.begin_array();
    each(part, [&](const StoredCells& st) {
      w.begin_object();
      write_row(st);
      w.end_object();
    });
    w.end_array();
  };
  auto speech = [&](const StoredCells& st) {
    span(st, 0);
    field(st, "speaker", 3);
    field(st, "cue", 4);
    field(st, "kind", 5);
  };
  layer("quotes", RecordPart::kQuotes, speech);
  layer("reported", RecordPart::kReported, speech);
  layer("claims", RecordPart::kClaims, [&](const StoredCells& st) {
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
  layer("times", RecordPart::kTimes, [&](const StoredCells& st) {
    span(st, 0);
    field(st, "value", 3);
  });
  layer("events", RecordPart::kEvents, [&](const StoredCells& st) {
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
  auto first = [&](RecordPart part, const std::function<void(const StoredCells&)>& row) {
    bool seen = false;
    each(part, [&](const StoredCells& st) {
      if (!seen) row(st);
      seen = true;
    });
  };
  if (options.tone)
    first(RecordPart::kTone, [&](const StoredCells& t) {
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
    first(RecordPart::kStory, [&](const StoredCells& st) {
      w.key("story");
      w.value(st.integer(0));
    });
  if (!s.ok()) return s;
  w.end_object();
  return {};
}

namespace {

// The rows of the SQLite store: each part's statement prepared for the call.
class SqliteRecordSource final : public RecordSource, private StoredCells {
 public:
  SqliteRecordSource(sqlite3* db, const Store& store) : db_(db), store_(store) {}
  StoreStatus rows(RecordPart part, std::string_view id, int64_t key,
                   const std::function<void(const StoredCells&)>& row) override {
    st_ = Statement(db_, record_part_sql(part));
    if (part == RecordPart::kArticle) {
      st_.bind(1, id);
    } else {
      st_.bind(1, key);
    }
    int rc;
    while ((rc = st_.step()) == SQLITE_ROW) row(*this);
    return rc == SQLITE_DONE ? StoreStatus() : store_.status(rc, "reading an article");
  }

 private:
  bool is_null(int col) const override { return st_.is_null(col); }
  std::string_view text(int col) const override { return st_.text(col); }
  int64_t integer(int col) const override { return st_.integer(col); }
  double real(int col) const override { return st_.real(col); }

  sqlite3* db_;
  const Store& store_;
  Statement st_;
};

}  // namespace

StoreStatus Store::record(std::string_view id, std::string& out) {
  SqliteRecordSource source(db_, *this);
  return write_stored_record(id, source, {has_tone_, has_stories_, path_}, out);
}

}  // namespace sitrep
