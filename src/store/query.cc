#include "store/query.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "store/pg_archive.h"
#include "store/sqlite.h"

namespace sitrep {

std::string plover_name(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  if (s == "REQUEST") return "DEMAND";
  if (s == "ACCUSE") return "DISAPPROVE";
  return s;
}

namespace {

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// (article, entity_id) pairs of the entities that :NAME names: by their
// canonical name or by any mention ("Haliva" for Aharon Haliva). `article` is
// the article's key: the queries read the *_rows tables, not the views.
std::string entities_named(const std::string& param, bool pg) {
  if (pg)
    return "(SELECT article, entity_id FROM entity_rows WHERE lower(name) = lower(" + param +
           ") UNION SELECT article, entity_id FROM mention_rows WHERE lower(text) = lower(" + param +
           ") AND kind = 'name')";
  return "(SELECT article, entity_id FROM entity_rows WHERE name = " + param +
         " COLLATE NOCASE UNION SELECT article, entity_id FROM mention_rows WHERE text = " + param +
         " COLLATE NOCASE AND kind = 'name')";
}

// `column` starts with `prefix`, as a range that an index can serve (LIKE is
// case-insensitive and so cannot use the plain indexes on codes).
std::string starts_with(const std::string& column, const std::string& lo, const std::string& hi) {
  return "(" + column + " >= " + lo + " AND " + column + " < " + hi + ")";
}

}  // namespace

std::string prefix_end(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

namespace {

// A date of the item when it is a whole day, else the article's.
std::string day_of(const std::string& column) {
  return "(CASE WHEN length(" + column + ") = 10 THEN " + column + " ELSE a.date END)";
}

class QueryBuilder {
 public:
  QueryBuilder(const QuerySpec& spec, SqlDialect dialect) : spec_(spec), pg_(dialect == SqlDialect::kPostgres) {}

  std::string build(const std::string& view) {
    if (view == "events" || view == "by-day") events(view == "by-day");
    else if (view == "claims" || view == "figures") claims(view == "figures");
    else if (view == "quotes") quotes();
    else if (view == "entities") entities();
    else articles();
    // SQLite sorts NULL first, PostgreSQL last: the date (column 1) is NULL for undated articles.
    if (pg_)
      for (size_t at = sql_.find(" ORDER BY 1, "); at != std::string::npos; at = sql_.find(" ORDER BY 1, ", at + 1))
        sql_.insert(at + 11, " NULLS FIRST");
    if (spec_.limit > 0) sql_ += " LIMIT " + std::to_string(spec_.limit);
    return sql_;
  }
  const std::map<std::string, std::string>& params() const { return params_; }

 private:
  std::string param(const std::string& name, const std::string& value) {
    params_[":" + name] = value;
    return ":" + name;
  }
  // Filters on the article `a` and the date expression of the item.
  void article_filters(const std::string& date) {
    // Wire copies by the small partial index on duplicate_of: the column lies
    // past each article's text, which a check per row would read.
    // (PostgreSQL keeps a long text out of line, so there the column is read at no cost.)
    if (!spec_.include_duplicates)
      where(pg_ ? "a.duplicate_of IS NULL" : "a.key NOT IN (SELECT key FROM articles WHERE duplicate_of IS NOT NULL)");
    if (!spec_.since.empty()) where(date + " >= " + param("since", spec_.since));
    if (!spec_.until.empty()) where(date + " <= " + param("until", spec_.until));
    if (!spec_.text.empty() && !text_on_quotes_)
      where(pg_ ? "a.tsv @@ " + pg_tsquery(param("text", spec_.text))
                : "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH " + param("text", spec_.text) + ")");
  }
  void where(const std::string& condition) {
    where_ += where_.empty() ? " WHERE " : " AND ";
    where_ += condition;
  }

  void events(bool by_day) {
    const std::string date = day_of("ev.date");
    std::string inner = "SELECT " + date +
                        " AS date, a.id AS article, " + story() + " AS story, s.name AS source, s.actor_code AS source_actor, "
                        "ev.cameo AS cameo, ev.plover AS plover, t.name AS target, t.actor_code AS target_actor, "
                        "ev.negated AS negated, ev.modality AS modality, ev.text AS trigger "
                        "FROM event_rows ev JOIN articles a ON a.key = ev.article "
                        "LEFT JOIN entity_rows s ON s.article = ev.article AND s.entity_id = ev.source "
                        "LEFT JOIN entity_rows t ON t.article = ev.article AND t.entity_id = ev.target";
    article_filters(date);
    if (!spec_.event.empty()) {
      if (all_digits(spec_.event))
        where(starts_with("ev.cameo", param("event", spec_.event), param("event_end", prefix_end(spec_.event))));
      else where("ev.plover = " + param("event", plover_name(spec_.event)));
    }
    if (!spec_.actor.empty()) {
      std::string code = spec_.actor;
      std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::toupper(c); });
      const std::string lo = param("actor", code), hi = param("actor_end", prefix_end(code));
      where("(" + starts_with("s.actor_code", lo, hi) + " OR " + starts_with("t.actor_code", lo, hi) + ")");
      // Lets the planner start from the articles that have such an actor.
      where("ev.article IN (SELECT article FROM entity_rows WHERE " + starts_with("actor_code", lo, hi) + ")");
    }
    if (!spec_.entity.empty()) {
      const std::string named = entities_named(param("entity", spec_.entity));
      where("((ev.article, ev.source) IN " + named + " OR (ev.article, ev.target) IN " + named + ")");
      where("ev.article IN (SELECT article FROM " + named + alias() + ")");
    }
    inner += where_;
    if (!by_day) {
      sql_ = inner + " ORDER BY 1, a.id, ev.seq";
      return;
    }
    // Actor codes where known, else names, so that one pair is one row.
    sql_ = "SELECT date, coalesce(source_actor, source, '-') AS source, coalesce(target_actor, target, '-') AS target, "
           "count(*) AS events, count(DISTINCT article) AS articles, " + group_concat("plover") + " AS types FROM (" +
           inner + " AND negated = 0) AS pairs GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC, 2, 3";
    if (where_.empty()) sql_.replace(sql_.find(" AND negated = 0"), 16, " WHERE negated = 0");
  }

  void claims(bool figures) {
    const std::string date = day_of("c.date");
    const std::string kind = figures ? spec_.figures : spec_.claim;
    std::string inner = "SELECT " + date +
                        " AS date, c.kind AS kind, c.value AS value, c.qualifier AS qualifier, c.unit AS unit, "
                        "src.name AS source, act.name AS actor, a.id AS article, " + story() + " AS story, c.text AS text "
                        "FROM claim_rows c JOIN articles a ON a.key = c.article "
                        "LEFT JOIN entity_rows src ON src.article = c.article AND src.entity_id = c.source "
                        "LEFT JOIN entity_rows act ON act.article = c.article AND act.entity_id = c.actor";
    article_filters(date);
    if (!kind.empty()) where("c.kind = " + param("claim", kind));
    if (!spec_.entity.empty()) {
      const std::string named = entities_named(param("entity", spec_.entity));
      where("((c.article, c.source) IN " + named + " OR (c.article, c.actor) IN " + named + ")");
      where("c.article IN (SELECT article FROM " + named + alias() + ")");
    }
    if (!spec_.speaker.empty())
      where("(c.article, c.source) IN " + entities_named(param("speaker", spec_.speaker)));
    inner += where_;
    if (!figures) {
      sql_ = inner + " ORDER BY 1, a.id, c.seq";
      return;
    }
    // One row per day and source: the range of figures reported and by how many articles.
    sql_ = "SELECT date, coalesce(source, '(the article)') AS source, min(value) AS low, max(value) AS high, "
           "count(DISTINCT article) AS articles, " + group_concat("unit") + " AS units FROM (" +
           inner + ") AS figures GROUP BY 1, 2 ORDER BY 1, 2";
  }

  void quotes() {
    text_on_quotes_ = true;
    const std::string named = entities_named(param("speaker", spec_.speaker));
    std::string quotes_sql =
        "SELECT a.date AS date, a.id AS article, " + story() + " AS story, sp.name AS speaker, 'quote' AS form, q.cue AS cue, "
        "q.text AS text FROM quote_rows q JOIN articles a ON a.key = q.article "
        "LEFT JOIN entity_rows sp ON sp.article = q.article AND sp.entity_id = q.speaker";
    article_filters("a.date");
    where("(q.article, q.speaker) IN " + named);
    if (!spec_.text.empty())
      where(pg_ ? "q.tsv @@ " + pg_tsquery(param("text", spec_.text))
                : "q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH " + param("text", spec_.text) + ")");
    if (!spec_.entity.empty())
      where("q.article IN (SELECT article FROM " + entities_named(param("entity", spec_.entity)) + alias() + ")");
    quotes_sql += where_;
    if (!spec_.text.empty()) {
      sql_ = quotes_sql + " ORDER BY 1, 2";
      return;
    }
    // Reported speech has no text index; without a text query it joins the quotes.
    where_.clear();
    std::string reported_sql =
        "SELECT a.date, a.id, " + story() + ", sp.name, " SITREP_REPORTED_FORM ", r.cue, r.text FROM reported_rows r "
        "JOIN articles a ON a.key = r.article "
        "LEFT JOIN entity_rows sp ON sp.article = r.article AND sp.entity_id = r.speaker";
    article_filters("a.date");
    where("(r.article, r.speaker) IN " + named);
    if (!spec_.entity.empty())
      where("r.article IN (SELECT article FROM " + entities_named(param("entity", spec_.entity)) + alias() + ")");
    sql_ = quotes_sql + " UNION ALL " + reported_sql + where_ + " ORDER BY 1, 2";
  }

  void entities() {
    // From the few entities named to their articles (CROSS JOIN keeps that
    // order), not from every article to its entities.
    std::string sql =
        "SELECT a.date AS date, a.id AS article, " + story() + " AS story, e.name AS name, e.type AS type, "
        "e.actor_code AS actor_code, "
        "e.mention_count AS mentions, a.title AS title FROM " + entities_named(param("entity", spec_.entity)) +
        (pg_ ? " n CROSS JOIN LATERAL (SELECT * FROM entity_rows e WHERE e.article = n.article AND e.entity_id = "
               "n.entity_id OFFSET 0) e CROSS JOIN articles a"  // OFFSET 0: PostgreSQL keeps that order too
             : " n CROSS JOIN entity_rows e CROSS JOIN articles a");
    where(pg_ ? "a.key = n.article" : "e.article = n.article AND e.entity_id = n.entity_id AND a.key = n.article");
    article_filters("a.date");
    sql_ = sql + where_ + " ORDER BY 1, 2";
  }

  void articles() {
    std::string sql = "SELECT a.date AS date, a.id AS article, " + story() + " AS story, a.title AS title, a.url AS url";
    if (spec_.include_duplicates) sql += ", a.duplicate_of AS duplicate_of";
    if (!spec_.text.empty()) {
      // The best-matching passage, with the hits in brackets.
      if (pg_)
        sql += ", ts_headline('english', a.text, " + pg_tsquery(param("text", spec_.text)) +
               ", 'StartSel=[, StopSel=], MaxWords=12, MinWords=6, MaxFragments=1, FragmentDelimiter=…') AS snippet";
      else
        sql += ", (SELECT snippet(articles_fts, 1, '[', ']', '…', 12) FROM articles_fts WHERE articles_fts MATCH " +
               param("text", spec_.text) + " AND rowid = a.rowid) AS snippet";
    }
    sql += " FROM articles a";
    article_filters("a.date");
    if (!spec_.entity.empty())
      where("a.key IN (SELECT article FROM " + entities_named(param("entity", spec_.entity)) + alias() + ")");
    sql_ = sql + where_ + " ORDER BY 1, 2";
  }

  std::string entities_named(const std::string& param) const { return sitrep::entities_named(param, pg_); }
  // A subquery in FROM needs a name in PostgreSQL (before 16).
  std::string alias() const { return pg_ ? " AS named" : ""; }
  // The article's story (stories.h); a PostgreSQL archive has no stories yet.
  std::string story() const {
    return pg_ ? "CAST(NULL AS bigint)" : "(SELECT story FROM article_story_rows WHERE article = a.key)";
  }
  std::string group_concat(const std::string& column) const {
    return pg_ ? "string_agg(DISTINCT " + column + ", ',')" : "group_concat(DISTINCT " + column + ")";
  }

  const QuerySpec& spec_;
  const bool pg_;
  std::string sql_, where_;
  bool text_on_quotes_ = false;
  std::map<std::string, std::string> params_;
};

}  // namespace

std::string query_view(const QuerySpec& spec) {
  if (spec.by_day) return "by-day";
  if (!spec.figures.empty()) return "figures";
  if (!spec.event.empty() || !spec.actor.empty()) return "events";
  if (!spec.claim.empty()) return "claims";
  if (!spec.speaker.empty()) return "quotes";
  if (!spec.entity.empty() && spec.text.empty()) return "entities";
  return "articles";
}

void write_query_cell(JsonWriter& w, const std::string& column, const QueryCell& cell) {
  switch (cell.type) {
    case QueryCell::Type::kNull: w.null(); break;
    case QueryCell::Type::kInteger:
      if (column == "negated") {
        w.value(cell.text != "0");
      } else {
        w.value(static_cast<int64_t>(std::stoll(cell.text)));
      }
      break;
    case QueryCell::Type::kReal: w.value(std::stod(cell.text)); break;
    case QueryCell::Type::kText: w.value(cell.text); break;
  }
}

void write_query_row(JsonWriter& w, const std::vector<std::string>& columns, const QueryRow& row) {
  w.begin_object();
  for (size_t c = 0; c < columns.size(); ++c) {
    w.key(columns[c]);
    write_query_cell(w, columns[c], row[c]);
  }
  w.end_object();
}

int step_rows(sqlite3_stmt* st, std::vector<std::string>& columns, const std::function<void(const QueryRow&)>& row) {
  const int n = sqlite3_column_count(st);
  columns.clear();
  for (int c = 0; c < n; ++c) columns.emplace_back(sqlite3_column_name(st, c));
  QueryRow cells(static_cast<size_t>(n));
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    for (int c = 0; c < n; ++c) {
      QueryCell& cell = cells[static_cast<size_t>(c)];
      switch (sqlite3_column_type(st, c)) {
        case SQLITE_NULL: cell.type = QueryCell::Type::kNull; break;
        case SQLITE_INTEGER: cell.type = QueryCell::Type::kInteger; break;
        case SQLITE_FLOAT: cell.type = QueryCell::Type::kReal; break;
        default: cell.type = QueryCell::Type::kText;
      }
      if (cell.type == QueryCell::Type::kReal) {
        // Figures print as the record does: whole numbers without a fraction.
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.15g", sqlite3_column_double(st, c));
        cell.text = buf;
      } else {
        const unsigned char* p = sqlite3_column_text(st, c);
        cell.text.assign(p ? reinterpret_cast<const char*>(p) : "", static_cast<size_t>(sqlite3_column_bytes(st, c)));
      }
    }
    row(cells);
  }
  return rc;
}

BuiltQuery build_query(const QuerySpec& spec, SqlDialect dialect) {
  QueryBuilder builder(spec, dialect);
  BuiltQuery q;
  q.sql = builder.build(query_view(spec));
  q.params = builder.params();
  return q;
}

StoreStatus run_prepared_query(Store& store, const QuerySpec& spec, const BuiltQuery& query, sqlite3_stmt* st,
                               std::vector<std::string>& columns, const std::function<void(const QueryRow&)>& row) {
  sqlite3* db = store.handle();
  for (const auto& [name, value] : query.params) {
    int i = sqlite3_bind_parameter_index(st, name.c_str());
    if (i > 0) sqlite3_bind_text(st, i, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  const int rc = step_rows(st, columns, row);
  StoreStatus s;
  if (rc != SQLITE_DONE) {
    // An FTS5 syntax error is the user's: say so plainly.
    std::string msg = sqlite3_errmsg(db);
    s = store.status(rc, "running the query");
    if (!spec.text.empty() && (rc & 0xff) == SQLITE_ERROR) {
      s.code = StoreStatus::Code::kError;
      s.message = "--text '" + spec.text + "' is not a full-text query SQLite understands (" + msg +
                  "); quote phrases: '\"prime minister\"'";
    }
  }
  // Reset at once: a statement left on a row holds a read transaction open.
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return s;
}

StoreStatus run_query(Store& store, const QuerySpec& spec, std::vector<std::string>& columns,
                      const std::function<void(const QueryRow&)>& row) {
  const BuiltQuery query = build_query(spec);
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(store.handle(), query.sql.c_str(), static_cast<int>(query.sql.size()), &st, nullptr);
  if (rc != SQLITE_OK) return store.status(rc, "preparing the query");
  StoreStatus s = run_prepared_query(store, spec, query, st, columns, row);
  sqlite3_finalize(st);
  return s;
}

}  // namespace sitrep
