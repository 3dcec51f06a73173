// Reads of the store that the web API needs and src/store/query.h does not
// give: one article, an entity's page (mentions, timeline, events as source
// or target), the most named entities, unfiltered lists, and the claim kinds.
//
// A Reader is one read-only connection with its prepared statements (the
// constants below, and each distinct SQL of run_query), used by one request at
// a time; a ReaderPool lends them to the server's threads. It reads a SQLite
// store (SqliteReader) or a PostgreSQL archive (PgReader, pg_reads.h). AggregateCache keeps
// the aggregates over the whole archive, which no request should compute.
//
//   ReaderPool pool(path, options);
//   auto reader = pool.acquire(status);
//   reader->rows(kEntityMentionsSql, {Bind("Haliva"), Bind(int64_t{50}), Bind(int64_t{0})}, columns, on_row);
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <string_view>
#include <mutex>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "store/query.h"
#include "store/store.h"
#include "store/story_query.h"

namespace sitrep::serve {

// Adds sitrep_rank(articles_fts) to the connection: BM25 as FTS5's bm25()
// orders the rows, without reading the IDF of a query of one phrase (see
// reads.cc). Returns an SQLite code.
int register_rank(sqlite3* db);

// A value bound to ?1, ?2 ... of a statement.
using Bind = std::variant<std::string, int64_t>;

// Whether an archive keeps stories (stories.h).
enum class StoryKeeping {
  kKept,         // a SQLite store: every article is in a story
  kOlderStore,   // a SQLite store made before stories (its story routes answer 404)
  kNotKept,      // a PostgreSQL archive: no stories (no story routes' rows)
};

// A read backend: one connection to the archive with its prepared statements,
// used by one request at a time. The SQLite store (SqliteReader, below) runs
// the statements below as they are; the PostgreSQL archive (pg_reads.h) runs
// its own form of each. The API reads the archive through this only.
class Reader {
 public:
  virtual ~Reader() = default;

  // Runs `sql` (one of the constants below, or another read of the *_rows
  // tables: statements are cached by their address) with `binds`; `columns`
  // is set before the first row.
  virtual StoreStatus rows(const char* sql, const std::vector<Bind>& binds, std::vector<std::string>& columns,
                           const std::function<void(const QueryRow&)>& row) = 0;
  // run_query's rows (query.h).
  virtual StoreStatus query(const QuerySpec& spec, std::vector<std::string>& columns,
                            const std::function<void(const QueryRow&)>& row) = 0;
  // Changes when an article is added (and grows: the newest article's key, ...).
  virtual int64_t version() = 0;
  // The record of a stored article (Store::record).
  virtual StoreStatus record(std::string_view id, std::string& out) = 0;

  // Stories (story_query.h); an archive that keeps none gives no rows.
  virtual StoryKeeping stories() const = 0;
  virtual StoreStatus story_list(const StoryListSpec& spec, std::vector<std::string>& columns,
                                 const std::function<void(const QueryRow&)>& row) = 0;
  virtual StoreStatus story_articles(int64_t story, int64_t limit, int64_t offset, std::vector<std::string>& columns,
                                     const std::function<void(const QueryRow&)>& row) = 0;
  virtual StoreStatus story_part(int64_t story, StoryPart part, int64_t limit, int64_t offset,
                                 std::vector<std::string>& columns, const std::function<void(const QueryRow&)>& row) = 0;
  virtual StoreStatus story_figures(int64_t story, const std::string& kind, std::vector<std::string>& columns,
                                    const std::function<void(const QueryRow&)>& row) = 0;
};

// The SQLite store's reader: a read-only connection.
class SqliteReader final : public Reader {
 public:
  explicit SqliteReader(std::unique_ptr<Store> store);
  ~SqliteReader() override;
  SqliteReader(const SqliteReader&) = delete;
  SqliteReader& operator=(const SqliteReader&) = delete;

  Store& store() { return *store_; }

  StoreStatus rows(const char* sql, const std::vector<Bind>& binds, std::vector<std::string>& columns,
                   const std::function<void(const QueryRow&)>& row) override;
  // run_query, with the statement kept for the next query of the same SQL.
  StoreStatus query(const QuerySpec& spec, std::vector<std::string>& columns,
                    const std::function<void(const QueryRow&)>& row) override;
  // The newest article's key.
  int64_t version() override;
  StoreStatus record(std::string_view id, std::string& out) override { return store_->record(id, out); }

  StoryKeeping stories() const override {
    return store_->has_stories() ? StoryKeeping::kKept : StoryKeeping::kOlderStore;
  }
  StoreStatus story_list(const StoryListSpec& spec, std::vector<std::string>& columns,
                         const std::function<void(const QueryRow&)>& row) override {
    return sitrep::story_list(*store_, spec, columns, row);
  }
  StoreStatus story_articles(int64_t story, int64_t limit, int64_t offset, std::vector<std::string>& columns,
                             const std::function<void(const QueryRow&)>& row) override {
    return sitrep::story_query(*store_, story, limit, columns, row, offset);
  }
  StoreStatus story_part(int64_t story, StoryPart part, int64_t limit, int64_t offset,
                         std::vector<std::string>& columns, const std::function<void(const QueryRow&)>& row) override {
    return sitrep::story_part(*store_, story, part, limit, offset, columns, row);
  }
  StoreStatus story_figures(int64_t story, const std::string& kind, std::vector<std::string>& columns,
                            const std::function<void(const QueryRow&)>& row) override {
    return sitrep::story_figures(*store_, story, kind, columns, row);
  }

 private:
  std::unique_ptr<Store> store_;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;
  std::unordered_map<std::string, sqlite3_stmt*> queries_;
};

// Opens a reader of `db`: a PostgreSQL archive when it is a connection string
// (archive.h's is_postgres_url), else the SQLite store at that path.
StoreStatus open_reader(const std::string& db, const StoreOptions& options, std::unique_ptr<Reader>& out);

// Aggregates (every entity and its article count, the claim kinds, events
// per day and actor pair, an entity's page with its timeline) read once and kept: read again when an article has
// been added since and the kept rows are older than `max_age` (so that an
// ingest does not make every request read them). At most 128 are kept; the
// oldest goes first.
class AggregateCache {
 public:
  explicit AggregateCache(std::chrono::seconds max_age) : max_age_(max_age) {}
  struct Result {
    std::vector<std::string> columns;
    std::vector<QueryRow> rows;
    bool more = false;
    std::string json;  // or a whole answer (an entity's page)
    std::vector<size_t> order;  // the rows in another order, when one is kept with them (the entities by name)
  };
  using Compute = std::function<StoreStatus(Result&)>;
  // The rows kept under `key`, or those of `compute` (run on `reader`'s connection).
  StoreStatus get(Reader& reader, const std::string& key, const Compute& compute, std::shared_ptr<const Result>& out);
  // The rows of `sql`, a statement without parameters.
  StoreStatus get(Reader& reader, const char* sql, std::shared_ptr<const Result>& out);

 private:
  struct Entry {
    std::shared_ptr<const Result> result;
    int64_t version = -1;
    std::chrono::steady_clock::time_point read_at;
    bool reading = false;
  };
  std::chrono::seconds max_age_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

// The ranked article keys of recent searches (kSearchRankSql), by their
// query, kept while no article has been added (Reader::version: the store
// only ever gains articles): a search asked again, or another page of it,
// only reads the page's articles. At most `capacity` are kept (0: none); the
// least recently asked goes first.
class SearchCache {
 public:
  explicit SearchCache(size_t capacity) : capacity_(capacity) {}
  using Keys = std::vector<int64_t>;
  // The keys kept for `query` at `version`, or null. A newer version drops every kept search.
  std::shared_ptr<const Keys> find(const std::string& query, int64_t version);
  // Keeps `keys`, read at `version`, unless a newer version has been seen since.
  void put(const std::string& query, int64_t version, std::shared_ptr<const Keys> keys);
  size_t size();

 private:
  using Lru = std::list<std::pair<std::string, std::shared_ptr<const Keys>>>;
  size_t capacity_;
  std::mutex mu_;
  int64_t version_ = -1;
  Lru lru_;  // most recently asked first
  std::unordered_map<std::string, Lru::iterator> index_;
};

class ReaderPool {
 public:
  ReaderPool(std::string path, StoreOptions options) : path_(std::move(path)), options_(std::move(options)) {
    options_.read_only = true;
  }
  struct Return {
    ReaderPool* pool;
    void operator()(Reader* r) const { pool->give_back(r); }
  };
  using Lease = std::unique_ptr<Reader, Return>;
  // A free reader, or a new connection; null with `status` set when the
  // store cannot be opened.
  Lease acquire(StoreStatus& status);
  // Opens readers up to `n` (one per server thread), so that no request waits for one.
  StoreStatus reserve(size_t n);

 private:
  void give_back(Reader* r);
  std::string path_;
  StoreOptions options_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Reader>> free_;
};

// An entity's page: kNamedFillSql (after kNamedClearSql) puts the pairs
// (article, entity_id) that ?1 names into the connection's temp.named, matched
// as src/store/query.cc matches --entity: by the canonical name or by any name
// mention, case-insensitively. The others read temp.named.
extern const char* const kNamedClearSql;
extern const char* const kNamedFillSql;       // ?1 name
extern const char* const kEntitySummarySql;   // → name, type, actor_code, articles, title, role, country
extern const char* const kNamedArticleCountSql;     // → the articles that name the entity
extern const char* const kEntityMentionsSql;        // ?1 limit, ?2 offset
extern const char* const kEntityMentionsByDateSql;  // the same, for an entity named in many articles
extern const char* const kEntityTimelineSql;  // → date, mentions, articles
extern const char* const kNamedEventsSql;     // ?1 since, ?2 until, ?3 limit, ?4 offset: events with it as source
                                              // or target
extern const char* const kNamedQuotesSql;     // ?1 limit, ?2 offset: its quotes and reported speech
extern const char* const kNamedQuotesByDateSql;  // the same, for an entity named in many articles
extern const char* const kNamedArticlesSql;   // ?1 since, ?2 until, ?3 limit, ?4 offset → date, article, title
extern const char* const kTopEntitiesSql;     // every entity: name, type, actor_code, articles (AggregateCache)
extern const char* const kEventSummarySql;    // every event the pairs and the network count: date, article,
                                              // source, source_actor, target, target_actor, cameo, plover
                                              // (AggregateCache)
extern const char* const kEventsSql;          // ?1 since, ?2 until ('' for open), ?3 limit, ?4 offset
extern const char* const kEventsFilteredSql;  // ?1 since, ?2 until, ?3 CAMEO prefix, ?4 past it, ?5 PLOVER type,
                                              // ?6 actor code prefix, ?7 past it ('' for none), ?8 limit, ?9 offset
extern const char* const kCameoCountSql;      // ?1 CAMEO prefix, ?2 past it → rows, up to 1001
extern const char* const kPloverCountSql;     // ?1 PLOVER type → rows, up to 1001
extern const char* const kActorCountSql;      // ?1 actor code prefix, ?2 past it → entity rows, up to 1001
extern const char* const kQuotesSql;          // ?1 since, ?2 until, ?3 FTS query or '', ?4 limit, ?5 offset
extern const char* const kClaimsSql;          // ?1 since, ?2 until, ?3 limit, ?4 offset
extern const char* const kClaimKindsSql;      // → kind, claims, articles
extern const char* const kStatsSql;           // → articles, first, last
extern const char* const kArticleSql;         // ?1 id → id, url, title, date, duplicate_of, text
// A search ranks this many of the newest matches (kSearchRankSql).
inline constexpr int64_t kSearchCandidates = 400;
extern const char* const kSearchRankSql;      // ?1 FTS query → key: the candidates, best first
extern const char* const kSearchRankDatedSql;  // ?1 FTS query, ?2 since, ?3 until ('' for open) → key
extern const char* const kSearchArticleSql;    // ?1 key → date, article, title, url, text

}  // namespace sitrep::serve
