#include "serve/reads.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <new>

#include "serve/pg_reads.h"
#include "store/archive.h"
#include "store/query.h"  // SITREP_REPORTED_FORM

namespace sitrep::serve {

namespace {

// Every read below works on the *_rows tables by article key (schema.h), not
// on the version 1 views, whose joins go through the articles' text ids and
// cannot use the indexes.

// The wire copies to leave out: their keys come from the small partial index
// on duplicate_of, because the column itself lies past each article's text (a
// check per row would read the text).
#define SITREP_COPIES_CTE "copies(key) AS (SELECT key FROM articles WHERE duplicate_of IS NOT NULL)"
#define SITREP_COPIES "WITH " SITREP_COPIES_CTE " "

// An item's date when it is a whole day, else its article's.
#define SITREP_DAY(col) "(CASE WHEN length(" col ") = 10 THEN " col " ELSE a.date END)"

}  // namespace

// The pairs that ?1 names, into temp.named (made by each Reader): the
// queries of an entity's page then read them instead of each finding them again.
// SQLite knows nothing of the temp table's size: CROSS JOIN makes it the outer
// loop, rather than a scan of all entity rows.
const char* const kNamedClearSql = "DELETE FROM temp.named";
const char* const kNamedFillSql =
    "INSERT INTO temp.named SELECT article, entity_id FROM entity_rows WHERE name = ?1 COLLATE NOCASE "
    "UNION SELECT article, entity_id FROM mention_rows WHERE text = ?1 COLLATE NOCASE AND kind = 'name'";

const char* const kEntitySummarySql =
    SITREP_COPIES
    "SELECT e.name AS name, e.type AS type, max(e.actor_code) AS actor_code, count(DISTINCT e.article) AS articles, "
    "max(e.title) AS title, max(e.role) AS role, max(e.country) AS country "
    "FROM temp.named n CROSS JOIN entity_rows e ON e.article = n.article AND e.entity_id = n.entity_id "
    "WHERE n.article NOT IN copies "
    "GROUP BY e.name, e.type ORDER BY articles DESC, e.name LIMIT 20";

// How many articles name the entity (temp.named): the mentions and quotes
// of one named in many come from a walk of all articles by date that stops
// at the page (the *ByDateSql), those of one named in few from its articles.
const char* const kNamedArticleCountSql = "SELECT count(DISTINCT article) FROM temp.named";

// The first limit + offset articles (each has a mention of the entity), then
// their mentions: not every mention of an entity named in thousands of articles.
#define SITREP_MENTIONS_OF_PAGE                                                                                  \
  "SELECT p.date AS date, p.id AS article, p.title AS title, m.start AS start, m.\"end\" AS \"end\", "         \
  "m.text AS text, m.kind AS kind "                                                                              \
  "FROM page p JOIN mention_rows m ON m.article = p.article AND m.entity_id = p.entity_id "                      \
  "ORDER BY p.date, p.id, m.start LIMIT ?1 OFFSET ?2"
const char* const kEntityMentionsSql =
    SITREP_COPIES
    ", page(article, entity_id, date, id, title) AS (SELECT n.article, n.entity_id, a.date, a.id, a.title "
    "FROM temp.named n CROSS JOIN articles a ON a.key = n.article WHERE n.article NOT IN copies "
    "ORDER BY a.date, a.id LIMIT ?1 + ?2) " SITREP_MENTIONS_OF_PAGE;
// The page's articles from a walk of articles_date, not a sort of all the
// entity's articles (for Apple, named in 13,600 articles: 1 ms, not 25).
const char* const kEntityMentionsByDateSql =
    SITREP_COPIES
    ", page(article, entity_id, date, id, title) AS (SELECT n.article, n.entity_id, a.date, a.id, a.title "
    "FROM articles a INDEXED BY articles_date JOIN temp.named n ON n.article = a.key "
    "WHERE a.key IN (SELECT article FROM temp.named) AND a.key NOT IN copies "
    "ORDER BY a.date, a.id LIMIT ?1 + ?2) " SITREP_MENTIONS_OF_PAGE;
#undef SITREP_MENTIONS_OF_PAGE

// Mentions counted from each entity row (mention_count), not row by row.
const char* const kEntityTimelineSql =
    SITREP_COPIES
    "SELECT a.date AS date, sum(e.mention_count) AS mentions, count(DISTINCT e.article) AS articles "
    "FROM temp.named n CROSS JOIN entity_rows e ON e.article = n.article AND e.entity_id = n.entity_id "
    "JOIN articles a ON a.key = n.article WHERE n.article NOT IN copies AND a.date IS NOT NULL "
    "GROUP BY a.date ORDER BY a.date";

// Events with the entity as source or target, in their articles' date order:
// the articles_date index walked until the page is full (an entity named in
// thousands of articles needs only the first few), each article looked up in
// temp.named.
const char* const kNamedEventsSql =
    SITREP_COPIES
    "SELECT " SITREP_DAY("ev.date") " AS date, a.id AS article, "
    "CASE WHEN (ev.article, ev.source) IN temp.named THEN 'source' ELSE 'target' "
    "END AS role, s.name AS source, s.actor_code AS source_actor, ev.cameo AS cameo, ev.plover AS plover, "
    "t.name AS target, t.actor_code AS target_actor, ev.negated AS negated, ev.modality AS modality, "
    "ev.text AS trigger "
    "FROM articles a INDEXED BY articles_date JOIN event_rows ev ON ev.article = a.key "
    "LEFT JOIN entity_rows s ON s.article = ev.article AND s.entity_id = ev.source "
    "LEFT JOIN entity_rows t ON t.article = ev.article AND t.entity_id = ev.target "
    "WHERE a.key IN (SELECT article FROM temp.named) AND a.key NOT IN copies "
    "AND ((ev.article, ev.source) IN temp.named OR (ev.article, ev.target) IN temp.named) "
    "AND (?1 = '' OR " SITREP_DAY("ev.date") " >= ?1) AND (?2 = '' OR " SITREP_DAY("ev.date") " <= ?2) "
    "ORDER BY a.date, a.key, ev.seq LIMIT ?3 OFFSET ?4";

// The articles that name the entity, one row each, by date (as kNamedEventsSql).
const char* const kNamedArticlesSql =
    SITREP_COPIES
    "SELECT a.date AS date, a.id AS article, a.title AS title FROM articles a INDEXED BY articles_date "
    "WHERE a.key IN (SELECT article FROM temp.named) AND a.key NOT IN copies "
    "AND (?1 = '' OR a.date >= ?1) AND (?2 = '' OR a.date <= ?2) ORDER BY a.date, a.key LIMIT ?3 OFFSET ?4";

// As src/store/query.cc's quotes of a speaker: quotes and reported speech,
// from the entity's articles.
const char* const kNamedQuotesSql =
    SITREP_COPIES
    "SELECT a.date AS date, a.id AS article, sp.name AS speaker, 'quote' AS form, q.cue AS cue, q.text AS text "
    "FROM quote_rows q JOIN articles a ON a.key = q.article "
    "LEFT JOIN entity_rows sp ON sp.article = q.article AND sp.entity_id = q.speaker "
    "WHERE q.article IN (SELECT article FROM temp.named) AND (q.article, q.speaker) IN temp.named "
    "AND q.article NOT IN copies "
    "UNION ALL SELECT a.date, a.id, sp.name, " SITREP_REPORTED_FORM ", r.cue, r.text FROM reported_rows r "
    "JOIN articles a ON a.key = r.article "
    "LEFT JOIN entity_rows sp ON sp.article = r.article AND sp.entity_id = r.speaker "
    "WHERE r.article IN (SELECT article FROM temp.named) AND (r.article, r.speaker) IN temp.named "
    "AND r.article NOT IN copies "
    "ORDER BY 1, 2 LIMIT ?1 OFFSET ?2";
// The same, each part walking the articles in date order (as kNamedEventsSql)
// and merged by SQLite, stopping at the page: for Apple, named in 13,600
// articles, sorting all its quotes took 100 ms of its page's 230.
const char* const kNamedQuotesByDateSql =
    SITREP_COPIES
    "SELECT a.date AS date, a.id AS article, sp.name AS speaker, 'quote' AS form, q.cue AS cue, q.text AS text "
    "FROM articles a INDEXED BY articles_date JOIN quote_rows q ON q.article = a.key "
    "LEFT JOIN entity_rows sp ON sp.article = q.article AND sp.entity_id = q.speaker "
    "WHERE a.key IN (SELECT article FROM temp.named) AND (q.article, q.speaker) IN temp.named "
    "AND a.key NOT IN copies "
    "UNION ALL SELECT a.date, a.id, sp.name, " SITREP_REPORTED_FORM ", r.cue, r.text "
    "FROM articles a INDEXED BY articles_date JOIN reported_rows r ON r.article = a.key "
    "LEFT JOIN entity_rows sp ON sp.article = r.article AND sp.entity_id = r.speaker "
    "WHERE a.key IN (SELECT article FROM temp.named) AND (r.article, r.speaker) IN temp.named "
    "AND a.key NOT IN copies "
    "ORDER BY 1, 2 LIMIT ?1 OFFSET ?2";

// Every entity: read for the whole archive, kept by AggregateCache.
const char* const kTopEntitiesSql =
    SITREP_COPIES
    "SELECT e.name AS name, e.type AS type, max(e.actor_code) AS actor_code, count(DISTINCT e.article) AS articles "
    "FROM entity_rows e WHERE e.name IS NOT NULL AND e.article NOT IN copies "
    "GROUP BY e.name, e.type ORDER BY articles DESC, e.name";

// Every event that the events per day and actor pair (run_query's by_day)
// count: not negated, not in a wire copy, with its day and its actors, by
// day and article. Kept
// by AggregateCache (a few MB for 45,000 events), read at start-up: the pairs
// and the network are then counted from it for any filter but an entity, in
// a few ms, rather than by a query over every event (250 ms for the first
// request of a server on the 50 MB archive).
const char* const kEventSummarySql =
    SITREP_COPIES
    "SELECT " SITREP_DAY("ev.date") " AS date, ev.article AS article, s.name AS source, "
    "s.actor_code AS source_actor, t.name AS target, t.actor_code AS target_actor, ev.cameo AS cameo, "
    "ev.plover AS plover FROM event_rows ev JOIN articles a ON a.key = ev.article "
    "LEFT JOIN entity_rows s ON s.article = ev.article AND s.entity_id = ev.source "
    "LEFT JOIN entity_rows t ON t.article = ev.article AND t.entity_id = ev.target "
    "WHERE ev.negated = 0 AND ev.article NOT IN copies ORDER BY 1, ev.article, ev.seq";

// The events of the articles in date order (the articles_date index), with
// their actors, between the days ?1 and ?2 (empty: open).
#define SITREP_EVENTS_BY_DATE                                                                                    \
  "SELECT " SITREP_DAY("ev.date") " AS date, a.id AS article, s.name AS source, "                                 \
  "s.actor_code AS source_actor, ev.cameo AS cameo, ev.plover AS plover, t.name AS target, "                     \
  "t.actor_code AS target_actor, ev.negated AS negated, ev.modality AS modality, ev.text AS trigger "             \
  "FROM articles a INDEXED BY articles_date JOIN event_rows ev ON ev.article = a.key "                           \
  "LEFT JOIN entity_rows s ON s.article = ev.article AND s.entity_id = ev.source "                               \
  "LEFT JOIN entity_rows t ON t.article = ev.article AND t.entity_id = ev.target "                               \
  "WHERE a.key NOT IN copies AND (?1 = '' OR " SITREP_DAY("ev.date") " >= ?1) "                                 \
  "AND (?2 = '' OR " SITREP_DAY("ev.date") " <= ?2) "

// Lists without a filter walk the articles in date order (the articles_date
// index) and stop at the page: items are in their article's date order.
const char* const kEventsSql =
    SITREP_COPIES
    SITREP_EVENTS_BY_DATE
    "ORDER BY a.date, a.key, ev.seq LIMIT ?3 OFFSET ?4";

// Events of a type or an actor that many events have: in date order, as
// kEventsSql, stopping at the page. (run_query, which starts from the index
// of the type or the actor and sorts, is quicker for the rare ones.)
const char* const kEventsFilteredSql =
    SITREP_COPIES
    SITREP_EVENTS_BY_DATE
    "AND (?3 = '' OR (ev.cameo >= ?3 AND ev.cameo < ?4)) AND (?5 = '' OR ev.plover = ?5) "
    "AND (?6 = '' OR (s.actor_code >= ?6 AND s.actor_code < ?7) OR (t.actor_code >= ?6 AND t.actor_code < ?7)) "
    "ORDER BY a.date, a.key, ev.seq LIMIT ?8 OFFSET ?9";

// How many rows a filter of kEventsFilteredSql selects, up to 1001.
const char* const kCameoCountSql =
    "SELECT count(*) FROM (SELECT 1 FROM event_rows WHERE cameo >= ?1 AND cameo < ?2 LIMIT 1001)";
const char* const kPloverCountSql = "SELECT count(*) FROM (SELECT 1 FROM event_rows WHERE plover = ?1 LIMIT 1001)";
const char* const kActorCountSql =
    "SELECT count(*) FROM (SELECT 1 FROM entity_rows WHERE actor_code >= ?1 AND actor_code < ?2 LIMIT 1001)";

const char* const kQuotesSql =
    SITREP_COPIES
    "SELECT a.date AS date, a.id AS article, sp.name AS speaker, q.cue AS cue, q.kind AS kind, "
    "q.text AS text FROM articles a INDEXED BY articles_date JOIN quote_rows q ON q.article = a.key "
    "LEFT JOIN entity_rows sp ON sp.article = q.article AND sp.entity_id = q.speaker "
    "WHERE a.key NOT IN copies AND (?1 = '' OR a.date >= ?1) AND (?2 = '' OR a.date <= ?2) "
    "AND (?3 = '' OR q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?3)) "
    "ORDER BY a.date, a.key, q.rowid LIMIT ?4 OFFSET ?5";

const char* const kClaimsSql =
    SITREP_COPIES
    "SELECT " SITREP_DAY("c.date") " AS date, c.kind AS kind, c.value AS value, c.qualifier AS qualifier, "
    "c.unit AS unit, src.name AS source, act.name AS actor, a.id AS article, c.text AS text "
    "FROM articles a INDEXED BY articles_date JOIN claim_rows c ON c.article = a.key "
    "LEFT JOIN entity_rows src ON src.article = c.article AND src.entity_id = c.source "
    "LEFT JOIN entity_rows act ON act.article = c.article AND act.entity_id = c.actor "
    "WHERE a.key NOT IN copies AND (?1 = '' OR " SITREP_DAY("c.date") " >= ?1) "
    "AND (?2 = '' OR " SITREP_DAY("c.date") " <= ?2) "
    "ORDER BY a.date, a.key, c.seq LIMIT ?3 OFFSET ?4";

// From the claim_rows_kind index alone (it holds each row's article too).
const char* const kClaimKindsSql =
    SITREP_COPIES
    "SELECT c.kind AS kind, count(*) AS claims, count(DISTINCT c.article) AS articles "
    "FROM claim_rows c WHERE c.kind IS NOT NULL AND c.article NOT IN copies "
    "GROUP BY c.kind ORDER BY claims DESC, kind";

// Counts from the indexes; min and max walk articles_date from either end.
const char* const kStatsSql =
    SITREP_COPIES
    "SELECT (SELECT count(*) FROM articles) - (SELECT count(*) FROM copies) AS articles, "
    "(SELECT min(date) FROM articles WHERE key NOT IN copies) AS first, "
    "(SELECT max(date) FROM articles WHERE key NOT IN copies) AS last";

const char* const kArticleSql =
    "SELECT id, url, title, date, duplicate_of, text FROM articles WHERE id = ?1";

// A search ranks by BM25 (sitrep_rank, which orders them as FTS5's bm25()
// does) the newest kSearchCandidates matches (FTS5 walks them in rowid order,
// without ranking every match) and gives their keys, best first (ties: the
// newest first); wire copies and articles outside the dates are left out. The page's articles are then read by key
// (kSearchArticleSql), with their text for the snippet (api.cc makes it:
// FTS5's snippet() tokenises each text again and would cost more than the
// rest of the search), so that the text of the other candidates is not read.
#define SITREP_CANDIDATES                                                                                  \
  ", candidates(key, rank) AS (SELECT rowid, sitrep_rank(articles_fts) FROM articles_fts WHERE articles_fts " \
  "MATCH ?1 ORDER BY rowid DESC LIMIT 400) "
static_assert(kSearchCandidates == 400, "SITREP_CANDIDATES's LIMIT is kSearchCandidates");
// Without dates: no article row is read.
const char* const kSearchRankSql =
    SITREP_COPIES SITREP_CANDIDATES
    "SELECT c.key AS key FROM candidates c WHERE c.key NOT IN copies ORDER BY c.rank, c.key DESC";
const char* const kSearchRankDatedSql =
    SITREP_COPIES SITREP_CANDIDATES
    "SELECT c.key AS key FROM candidates c JOIN articles a ON a.key = c.key WHERE c.key NOT IN copies "
    "AND (?2 = '' OR a.date >= ?2) AND (?3 = '' OR a.date <= ?3) ORDER BY c.rank, c.key DESC";
const char* const kSearchArticleSql =
    "SELECT date AS date, id AS article, title AS title, url AS url, text AS text FROM articles WHERE key = ?1";
#undef SITREP_CANDIDATES

#undef SITREP_COPIES_CTE
#undef SITREP_COPIES
#undef SITREP_DAY

namespace {

// What sitrep_rank reads once a query: the average row length in tokens, and
// for each phrase its IDF and (for the row at hand) its frequency.
struct RankData {
  double average_tokens = 1;
  std::vector<double> idf, frequency;
};

int count_row(const Fts5ExtensionApi*, Fts5Context*, void* rows) {
  ++*static_cast<int64_t*>(rows);
  return SQLITE_OK;
}

int read_rank_data(const Fts5ExtensionApi* api, Fts5Context* fts, RankData*& out) {
  auto* data = new (std::nothrow) RankData;
  if (!data) return SQLITE_NOMEM;
  int rc = SQLITE_OK;
  try {
    const size_t phrases = static_cast<size_t>(api->xPhraseCount(fts));
    data->idf.assign(phrases, 1.0);
    data->frequency.assign(phrases, 0.0);
    sqlite3_int64 rows = 0, tokens = 0;
    rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc == SQLITE_OK) data->average_tokens = static_cast<double>(tokens) / static_cast<double>(rows);
    // One phrase: its IDF would scale every row's score alike; 1 orders them the same.
    for (size_t i = 0; phrases > 1 && rc == SQLITE_OK && i < phrases; ++i) {
      int64_t hits = 0;
      rc = api->xQueryPhrase(fts, static_cast<int>(i), &hits, count_row);
      // BM25's IDF, log((N - n + 0.5) / (n + 0.5)), kept above 0 as FTS5 keeps it.
      const double idf = std::log((rows - hits + 0.5) / (hits + 0.5));
      data->idf[i] = idf <= 0.0 ? 1e-6 : idf;
    }
  } catch (const std::bad_alloc&) {
    rc = SQLITE_NOMEM;
  }
  if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, data, [](void* d) { delete static_cast<RankData*>(d); });
  else delete data;  // xSetAuxdata frees it itself when it fails
  out = rc == SQLITE_OK ? data : nullptr;
  return rc;
}

// sitrep_rank(articles_fts): the BM25 score of FTS5's bm25() (k1 1.2, b 0.75,
// every column weighted 1; lower is better), but that a query of one phrase
// (a word, or one quoted phrase) takes 1 for its IDF. Its rows then order as
// under bm25(), whose score is this one times the phrase's IDF, and the IDF
// is not read: FTS5 finds it by a walk of every row that matches the phrase
// ("stock market": 7,900 rows of the 50 MB archive, 1.2 ms of the 2.2 ms
// that ranking its newest 400 matches took). Queries of several phrases get
// bm25()'s score, computed the same way.
void rank_function(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int, sqlite3_value**) {
  constexpr double k1 = 1.2, b = 0.75;
  auto* data = static_cast<RankData*>(api->xGetAuxdata(fts, 0));
  int rc = data ? SQLITE_OK : read_rank_data(api, fts, data);
  int hits = 0, tokens = 0;
  if (rc == SQLITE_OK) {
    std::fill(data->frequency.begin(), data->frequency.end(), 0.0);
    rc = api->xInstCount(fts, &hits);
  }
  for (int i = 0; rc == SQLITE_OK && i < hits; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK) data->frequency[static_cast<size_t>(phrase)] += 1.0;
  }
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &tokens);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  const double length = k1 * (1 - b + b * static_cast<double>(tokens) / data->average_tokens);
  double score = 0.0;
  for (size_t i = 0; i < data->idf.size(); ++i)
    score += data->idf[i] * ((data->frequency[i] * (k1 + 1.0)) / (data->frequency[i] + length));
  sqlite3_result_double(ctx, -1.0 * score);
}

}  // namespace

int register_rank(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr);
  if (rc == SQLITE_OK) {
    sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(st);
    rc = sqlite3_finalize(st);
  }
  if (rc != SQLITE_OK) return rc;
  if (!api) return SQLITE_ERROR;
  return api->xCreateFunction(api, "sitrep_rank", nullptr, rank_function, nullptr);
}

SqliteReader::SqliteReader(std::unique_ptr<Store> store) : store_(std::move(store)) {
  // The search's rank (kSearchRankSql); without it, a search fails with "no such function".
  register_rank(store_->handle());
  // The entity a page is about (kNamedFillSql); in memory, this connection's own.
  sqlite3_exec(store_->handle(),
               "PRAGMA temp_store = MEMORY; CREATE TEMP TABLE IF NOT EXISTS named(article INTEGER NOT NULL, "
               "entity_id TEXT NOT NULL, PRIMARY KEY(article, entity_id)) WITHOUT ROWID",
               nullptr, nullptr, nullptr);
}

SqliteReader::~SqliteReader() {
  for (auto& [sql, st] : statements_) sqlite3_finalize(st);
  for (auto& [sql, st] : queries_) sqlite3_finalize(st);
}

StoreStatus SqliteReader::query(const QuerySpec& spec, std::vector<std::string>& columns,
                                const std::function<void(const QueryRow&)>& row) {
  const BuiltQuery q = build_query(spec);
  auto it = queries_.find(q.sql);
  if (it == queries_.end()) {
    // The SQL varies with the filters given, and each limit: keep a bounded number.
    if (queries_.size() >= 256) {
      for (auto& [sql, st] : queries_) sqlite3_finalize(st);
      queries_.clear();
    }
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v3(store_->handle(), q.sql.c_str(), static_cast<int>(q.sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK) return store_->status(rc, "preparing the query");
    it = queries_.emplace(q.sql, st).first;
  }
  return run_prepared_query(*store_, spec, q, it->second, columns, row);
}

int64_t SqliteReader::version() {
  std::vector<std::string> columns;
  int64_t v = 0;
  rows("SELECT max(key) FROM articles", {}, columns, [&](const QueryRow& r) {
    if (!r.empty() && r[0].type == QueryCell::Type::kInteger) v = std::stoll(r[0].text);
  });
  return v;
}

StoreStatus AggregateCache::get(Reader& reader, const std::string& key, const Compute& compute,
                                std::shared_ptr<const Result>& out) {
  const int64_t version = reader.version();
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.result &&
        (it->second.version == version || it->second.reading || now - it->second.read_at < max_age_)) {
      out = it->second.result;
      return {};
    }
    if (it == entries_.end() && entries_.size() >= 128) {
      auto oldest = entries_.begin();
      for (auto e = entries_.begin(); e != entries_.end(); ++e)
        if (!e->second.reading && e->second.read_at < oldest->second.read_at) oldest = e;
      entries_.erase(oldest);
    }
    entries_[key].reading = true;
  }
  auto result = std::make_shared<Result>();
  StoreStatus s = compute(*result);
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[key];
  e.reading = false;
  if (!s.ok()) return s;
  e.result = result;
  e.version = version;
  e.read_at = now;
  out = std::move(result);
  return {};
}

StoreStatus AggregateCache::get(Reader& reader, const char* sql, std::shared_ptr<const Result>& out) {
  return get(
      reader, sql,
      [&](Result& r) { return reader.rows(sql, {}, r.columns, [&](const QueryRow& row) { r.rows.push_back(row); }); },
      out);
}

std::shared_ptr<const SearchCache::Keys> SearchCache::find(const std::string& query, int64_t version) {
  std::lock_guard<std::mutex> lock(mu_);
  if (version != version_) {
    // Articles were added (or this is the first search): every kept search may have changed.
    if (version > version_) {
      lru_.clear();
      index_.clear();
      version_ = version;
    }
    return nullptr;
  }
  auto it = index_.find(query);
  if (it == index_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

void SearchCache::put(const std::string& query, int64_t version, std::shared_ptr<const Keys> keys) {
  std::lock_guard<std::mutex> lock(mu_);
  if (capacity_ == 0 || version != version_) return;
  if (auto it = index_.find(query); it != index_.end()) {
    it->second->second = std::move(keys);
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  if (lru_.size() >= capacity_) {
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
  lru_.emplace_front(query, std::move(keys));
  index_.emplace(lru_.front().first, lru_.begin());
}

size_t SearchCache::size() {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

StoreStatus SqliteReader::rows(const char* sql, const std::vector<Bind>& binds, std::vector<std::string>& columns,
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

StoreStatus open_reader(const std::string& db, const StoreOptions& options, std::unique_ptr<Reader>& out) {
  if (is_postgres_url(db)) return open_pg_reader(db, out);
  std::unique_ptr<Store> store;
  if (StoreStatus s = Store::open(db, options, store); !s.ok()) return s;
  out = std::make_unique<SqliteReader>(std::move(store));
  return {};
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
  std::unique_ptr<Reader> reader;
  status = open_reader(path_, options_, reader);
  return Lease(status.ok() ? reader.release() : nullptr, Return{this});
}

StoreStatus ReaderPool::reserve(size_t n) {
  std::vector<Lease> opened;
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (free_.size() + opened.size() >= n) break;
    }
    std::unique_ptr<Reader> reader;
    if (StoreStatus s = open_reader(path_, options_, reader); !s.ok()) return s;
    opened.emplace_back(reader.release(), Return{this});
  }
  return {};
}

void ReaderPool::give_back(Reader* r) {
  if (!r) return;
  std::lock_guard<std::mutex> lock(mu_);
  free_.emplace_back(r);
}

}  // namespace sitrep::serve
