// Reads of the store that the web API needs and src/store/query.h does not
// give: one article, an entity's page (mentions, timeline, events as source
// or target), the most named entities, unfiltered lists, and the claim kinds.
//
// A Reader is one read-only connection with its prepared statements, used by
// one request at a time; a ReaderPool lends them to the server's threads.
//
//   ReaderPool pool(path, options);
//   auto reader = pool.acquire(status);
//   reader->rows(kEntityMentionsSql, {Bind("Haliva"), Bind(int64_t{50}), Bind(int64_t{0})}, columns, on_row);
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "store/query.h"
#include "store/store.h"

namespace sitrep::serve {

// A value bound to ?1, ?2 ... of a statement.
using Bind = std::variant<std::string, int64_t>;

class Reader {
 public:
  explicit Reader(std::unique_ptr<Store> store) : store_(std::move(store)) {}
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  Store& store() { return *store_; }

  // Runs `sql` (one of the constants below: statements are cached by their
  // address) with `binds`; `columns` is set before the first row.
  StoreStatus rows(const char* sql, const std::vector<Bind>& binds, std::vector<std::string>& columns,
                   const std::function<void(const QueryRow&)>& row);

 private:
  std::unique_ptr<Store> store_;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;
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

 private:
  void give_back(Reader* r);
  std::string path_;
  StoreOptions options_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Reader>> free_;
};

// ?1: an entity name, matched as src/store/query.cc matches --entity: by the
// canonical name or by any name mention, case-insensitively.
extern const char* const kEntitySummarySql;   // ?1 name → name, type, actor_code, articles, mentions
extern const char* const kEntityMentionsSql;  // ?1 name, ?2 limit, ?3 offset
extern const char* const kEntityTimelineSql;  // ?1 name → date, mentions, articles, quotes, events
extern const char* const kEntityEventsSql;    // ?1 name, ?2 limit, ?3 offset: events with it as source or target
extern const char* const kTopEntitiesSql;     // ?1 name prefix ('' for all), ?2 type ('' for all), ?3 limit, ?4 offset
extern const char* const kEventsSql;          // ?1 since, ?2 until ('' for open), ?3 limit, ?4 offset
extern const char* const kQuotesSql;          // ?1 since, ?2 until, ?3 FTS query or '', ?4 limit, ?5 offset
extern const char* const kClaimsSql;          // ?1 since, ?2 until, ?3 limit, ?4 offset
extern const char* const kClaimKindsSql;      // → kind, claims, articles
extern const char* const kStatsSql;           // → articles, first, last
extern const char* const kArticleSql;         // ?1 id → id, url, title, date, duplicate_of, text

}  // namespace sitrep::serve
