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

namespace {

// The rows of the SQLite store: each part's statement prepared for the call,
// its rows handed on as they are (Statement has the cells' accessors). The
// article's statement is held on its row until the record is written, so
// that every part is read in its one read transaction: one snapshot, and
// the lock taken once (a transaction per part cost 8% more CPU a record).
struct SqliteRecordRows {
  sqlite3* db;
  const Store& store;
  Statement article;
  template <typename Row>
  StoreStatus rows(RecordPart part, std::string_view id, int64_t key, Row&& row) {
    const bool first = part == RecordPart::kArticle;
    Statement st(db, record_part_sql(part));
    if (first) {
      st.bind(1, id);
    } else {
      st.bind(1, key);
    }
    int rc = st.step();
    // The article: one row (ids are unique), its statement kept on it.
    for (; rc == SQLITE_ROW; rc = first ? SQLITE_DONE : st.step()) row(std::as_const(st));
    if (first) article = std::move(st);
    return rc == SQLITE_DONE ? StoreStatus() : store.status(rc, "reading an article");
  }
};

}  // namespace

StoreStatus Store::record(std::string_view id, std::string& out) {
  SqliteRecordRows rows{db_, *this, {}};
  return write_stored_record(id, rows, {has_tone_, has_stories_, path_}, out);
}

}  // namespace sitrep
