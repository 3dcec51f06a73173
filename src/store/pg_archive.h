// PgArchive: the archive in a PostgreSQL database (libpq), for many ingest
// processes on many machines writing one archive that several analysts query.
//
// `--db postgresql://user@host/dbname` (or postgres://..., or a libpq
// key=value string with host= or dbname=) selects it; a plain path stays the
// SQLite store. It keeps the tables of schema.h with the same columns and the
// same rows (both backends take them from prepare_article's Rows), and views
// of the version 1 names (entities, events, ... with article_id). Differences:
//   - the key of articles is an identity column; quote_rows has a seq (SQLite
//     orders quotes by rowid);
//   - full-text search is a tsvector column (articles.tsv over the title and
//     the first 100,000 characters of the text, quote_rows.tsv), each with a
//     GIN index, with curly apostrophes read as straight ones; queries read
//     --text with websearch_to_tsquery ('english'; pg_tsquery);
//   - wire copies are not linked (duplicate_of stays NULL, no minhash_bands)
//     and articles are not assigned to stories: both depend on the order in
//     which one writer sees the articles, which concurrent writers do not have.
//
// Writing: add() only appends the rows to COPY buffers; commit() copies them
// into session-local staging tables and moves them into place in one
// transaction, keyed on the article id: INSERT ... ON CONFLICT (id) DO NOTHING
// RETURNING key, and only the articles inserted so get their layer rows. So
// any number of writers may ingest overlapping inputs at once, and a re-run
// or a retried partition adds nothing. A batch that deadlocks with another
// writer's is retried (articles are inserted in id order, so this is rare).
//
// The connection gives up after connect_timeout seconds (10 unless the
// connection string or PGCONNECT_TIMEOUT says otherwise). A database whose
// archive has another schema version is refused, as the SQLite store does.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "store/archive.h"
#include "store/query.h"

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace sitrep {

struct PgOptions {
  // Reads only: no table is created, and a database without an archive is refused.
  bool read_only = false;
  // Seconds, when neither the connection string nor PGCONNECT_TIMEOUT sets one.
  int connect_timeout_s = 10;
};

class PgArchive final : public ArchiveWriter {
 public:
  static StoreStatus open(const std::string& conninfo, const PgOptions& options, std::unique_ptr<PgArchive>& out);
  ~PgArchive() override;
  PgArchive(const PgArchive&) = delete;
  PgArchive& operator=(const PgArchive&) = delete;

  bool has_article(std::string_view id) override;
  int64_t article_count() override;
  StoreStatus begin() override;
  StoreStatus add(const StoredArticle& a, AddResult* result) override;
  StoreStatus commit() override;
  void rollback() override;
  const std::string& name() const override { return name_; }

  PGconn* handle() const { return conn_; }
  // The status of a failed command (`res`, or the connection's last error).
  StoreStatus failure(std::string_view doing, const PGresult* res) const;
  // Reads the results of the command just sent on handle() (PQsend...):
  // `columns`, then each row as cells (integers, and figures as "%.15g" as
  // the SQLite store's queries give them; `exact`: figures as PostgreSQL
  // writes them, which read back as the same double).
  StoreStatus read_rows(std::string_view doing, std::vector<std::string>& columns,
                        const std::function<void(const QueryRow&)>& row, bool exact = false);
  // A connection that was lost (a server restarted or gone) is opened again;
  // true when it is up. Prepared statements and temporary tables are gone then.
  bool reconnect();

 private:
  PgArchive() = default;
  StoreStatus check_schema(bool read_only);
  StoreStatus prepare_writer();
  StoreStatus send_batch();
  StoreStatus exec(const std::string& sql, std::string_view doing);
  StoreStatus copy(const std::string& target, const std::string& data, std::string_view doing);
  void clear_batch();

  std::string name_;
  PGconn* conn_ = nullptr;
  bool read_only_ = false;
  // The batch: COPY text for stage_articles and each layer's staging table.
  std::string articles_copy_;
  std::vector<std::string> layer_copy_;
  std::unordered_set<std::string> batch_ids_;
  int64_t staged_ = 0;
  std::string move_sql_;  // staging tables into place
};

// The full-text query of `text` (an SQL expression: a parameter) as the
// archive's tsvector columns read their text: websearch_to_tsquery over
// English, with curly apostrophes and quotes made straight ones ("Israel’s"
// is the word israel, as SQLite's FTS5 reads it, and not "israel’").
std::string pg_tsquery(const std::string& text);

// `conninfo` with its password masked, for messages.
std::string redact_conninfo(std::string_view conninfo);

// sitrep query's filtered views (query.h) on a PostgreSQL archive: events,
// entities, articles (with --text), claims, quotes, by day and figures.
StoreStatus run_pg_query(PgArchive& archive, const QuerySpec& spec, std::vector<std::string>& columns,
                         const std::function<void(const QueryRow&)>& row);

}  // namespace sitrep
