#include "serve/reads.h"

#include <cstdio>

namespace sitrep::serve {

namespace {

// The (article_id, entity_id) pairs that ?1 names; the same rule as
// src/store/query.cc's --entity.
#define SITREP_NAMED                                                                            \
  "WITH named(article_id, entity_id) AS (SELECT article_id, entity_id FROM entities WHERE name = ?1 " \
  "COLLATE NOCASE UNION SELECT article_id, entity_id FROM mentions WHERE text = ?1 COLLATE NOCASE "  \
  "AND kind = 'name') "

// An item's date when it is a whole day, else its article's.
#define SITREP_DAY(col) "(CASE WHEN length(" col ") = 10 THEN " col " ELSE a.date END)"

}  // namespace

const char* const kEntitySummarySql =
    SITREP_NAMED
    "SELECT e.name AS name, e.type AS type, max(e.actor_code) AS actor_code, count(DISTINCT e.article_id) AS articles, "
    "max(e.title) AS title, max(e.role) AS role, max(e.country) AS country "
    "FROM named n JOIN entities e ON e.article_id = n.article_id AND e.entity_id = n.entity_id "
    "JOIN articles a ON a.id = e.article_id WHERE a.duplicate_of IS NULL "
    "GROUP BY e.name, e.type ORDER BY articles DESC, e.name LIMIT 20";

const char* const kEntityMentionsSql =
    SITREP_NAMED
    "SELECT a.date AS date, m.article_id AS article, a.title AS title, m.start AS start, m.\"end\" AS \"end\", "
    "m.text AS text, m.kind AS kind "
    "FROM named n JOIN mentions m ON m.article_id = n.article_id AND m.entity_id = n.entity_id "
    "JOIN articles a ON a.id = m.article_id WHERE a.duplicate_of IS NULL "
    "ORDER BY a.date, m.article_id, m.start LIMIT ?2 OFFSET ?3";

const char* const kEntityTimelineSql =
    SITREP_NAMED
    "SELECT a.date AS date, count(*) AS mentions, count(DISTINCT m.article_id) AS articles "
    "FROM named n JOIN mentions m ON m.article_id = n.article_id AND m.entity_id = n.entity_id "
    "JOIN articles a ON a.id = m.article_id WHERE a.duplicate_of IS NULL AND a.date IS NOT NULL "
    "GROUP BY a.date ORDER BY a.date";

const char* const kEntityEventsSql =
    SITREP_NAMED
    "SELECT " SITREP_DAY("ev.date") " AS date, ev.article_id AS article, "
    "CASE WHEN (ev.article_id, ev.source) IN (SELECT article_id, entity_id FROM named) THEN 'source' ELSE 'target' "
    "END AS role, s.name AS source, s.actor_code AS source_actor, ev.cameo AS cameo, ev.plover AS plover, "
    "t.name AS target, t.actor_code AS target_actor, ev.negated AS negated, ev.modality AS modality, "
    "ev.text AS trigger "
    "FROM events ev JOIN articles a ON a.id = ev.article_id "
    "LEFT JOIN entities s ON s.article_id = ev.article_id AND s.entity_id = ev.source "
    "LEFT JOIN entities t ON t.article_id = ev.article_id AND t.entity_id = ev.target "
    "WHERE ev.article_id IN (SELECT article_id FROM named) AND a.duplicate_of IS NULL "
    "AND ((ev.article_id, ev.source) IN (SELECT article_id, entity_id FROM named) "
    "OR (ev.article_id, ev.target) IN (SELECT article_id, entity_id FROM named)) "
    "ORDER BY 1, ev.article_id, ev.seq LIMIT ?2 OFFSET ?3";

const char* const kTopEntitiesSql =
    "SELECT e.name AS name, e.type AS type, max(e.actor_code) AS actor_code, count(DISTINCT e.article_id) AS articles "
    "FROM entities e JOIN articles a ON a.id = e.article_id "
    "WHERE a.duplicate_of IS NULL AND e.name IS NOT NULL "
    "AND (?1 = '' OR e.name LIKE replace(replace(replace(?1, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' ESCAPE '\\') "
    "AND (?2 = '' OR e.type = ?2) "
    "GROUP BY e.name, e.type ORDER BY articles DESC, e.name LIMIT ?3 OFFSET ?4";

const char* const kEventsSql =
    "SELECT " SITREP_DAY("ev.date") " AS date, ev.article_id AS article, s.name AS source, "
    "s.actor_code AS source_actor, ev.cameo AS cameo, ev.plover AS plover, t.name AS target, "
    "t.actor_code AS target_actor, ev.negated AS negated, ev.modality AS modality, ev.text AS trigger "
    "FROM events ev JOIN articles a ON a.id = ev.article_id "
    "LEFT JOIN entities s ON s.article_id = ev.article_id AND s.entity_id = ev.source "
    "LEFT JOIN entities t ON t.article_id = ev.article_id AND t.entity_id = ev.target "
    "WHERE a.duplicate_of IS NULL AND (?1 = '' OR " SITREP_DAY("ev.date") " >= ?1) "
    "AND (?2 = '' OR " SITREP_DAY("ev.date") " <= ?2) "
    "ORDER BY 1, ev.article_id, ev.seq LIMIT ?3 OFFSET ?4";

const char* const kQuotesSql =
    "SELECT a.date AS date, q.article_id AS article, sp.name AS speaker, q.cue AS cue, q.kind AS kind, "
    "q.text AS text FROM quotes q JOIN articles a ON a.id = q.article_id "
    "LEFT JOIN entities sp ON sp.article_id = q.article_id AND sp.entity_id = q.speaker "
    "WHERE a.duplicate_of IS NULL AND (?1 = '' OR a.date >= ?1) AND (?2 = '' OR a.date <= ?2) "
    "AND (?3 = '' OR q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?3)) "
    "ORDER BY a.date, q.article_id, q.rowid LIMIT ?4 OFFSET ?5";

const char* const kClaimsSql =
    "SELECT " SITREP_DAY("c.date") " AS date, c.kind AS kind, c.value AS value, c.qualifier AS qualifier, "
    "c.unit AS unit, src.name AS source, act.name AS actor, c.article_id AS article, c.text AS text "
    "FROM claims c JOIN articles a ON a.id = c.article_id "
    "LEFT JOIN entities src ON src.article_id = c.article_id AND src.entity_id = c.source "
    "LEFT JOIN entities act ON act.article_id = c.article_id AND act.entity_id = c.actor "
    "WHERE a.duplicate_of IS NULL AND (?1 = '' OR " SITREP_DAY("c.date") " >= ?1) "
    "AND (?2 = '' OR " SITREP_DAY("c.date") " <= ?2) "
    "ORDER BY 1, c.article_id, c.seq LIMIT ?3 OFFSET ?4";

const char* const kClaimKindsSql =
    "SELECT c.kind AS kind, count(*) AS claims, count(DISTINCT c.article_id) AS articles "
    "FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.duplicate_of IS NULL AND c.kind IS NOT NULL "
    "GROUP BY c.kind ORDER BY claims DESC, kind";

const char* const kStatsSql =
    "SELECT count(*) AS articles, min(date) AS first, max(date) AS last FROM articles WHERE duplicate_of IS NULL";

const char* const kArticleSql =
    "SELECT id, url, title, date, duplicate_of, text FROM articles WHERE id = ?1";

#undef SITREP_NAMED
#undef SITREP_DAY

Reader::~Reader() {
  for (auto& [sql, st] : statements_) sqlite3_finalize(st);
}

StoreStatus Reader::rows(const char* sql, const std::vector<Bind>& binds, std::vector<std::string>& columns,
                         const std::function<void(const QueryRow&)>& row) {
  sqlite3* db = store_->handle();
  sqlite3_stmt*& st = statements_[sql];
  if (!st) {
    int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK) {
      StoreStatus s = store_->status(rc, "preparing a query");
      statements_.erase(sql);
      return s;
    }
  }
  for (size_t i = 0; i < binds.size(); ++i) {
    const int at = static_cast<int>(i) + 1;
    if (const auto* s = std::get_if<std::string>(&binds[i])) {
      sqlite3_bind_text(st, at, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
    } else {
      sqlite3_bind_int64(st, at, std::get<int64_t>(binds[i]));
    }
  }
  const int rc = step_rows(st, columns, row);
  StoreStatus s;
  if (rc != SQLITE_DONE) {
    s = store_->status(rc, "running a query");
    // A malformed full-text query is the client's mistake, not the store's.
    if ((rc & 0xff) == SQLITE_ERROR) s.message = sqlite3_errmsg(db);
  }
  // Reset at once: a statement left on a row would hold a read transaction
  // open and keep WAL checkpoints of a concurrent ingest from finishing.
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return s;
}

ReaderPool::Lease ReaderPool::acquire(StoreStatus& status) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_.empty()) {
      Reader* r = free_.back().release();
      free_.pop_back();
      return Lease(r, Return{this});
    }
  }
  std::unique_ptr<Store> store;
  status = Store::open(path_, options_, store);
  if (!status.ok()) return Lease(nullptr, Return{this});
  return Lease(new Reader(std::move(store)), Return{this});
}

void ReaderPool::give_back(Reader* r) {
  if (!r) return;
  std::lock_guard<std::mutex> lock(mu_);
  free_.emplace_back(r);
}

}  // namespace sitrep::serve
