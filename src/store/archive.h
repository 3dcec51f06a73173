// ArchiveWriter: what `sitrep ingest` writes through, whichever database holds
// the archive. A plain path is the embedded SQLite store (store.h); a
// PostgreSQL connection string is the shared archive of pg_archive.h, which any
// number of ingest processes on any number of machines may write at once.
//
//   std::unique_ptr<ArchiveWriter> archive;
//   StoreStatus s = open_archive("postgresql://sitrep@db/news", {}, archive);
//   s = archive->begin();
//   for (auto& a : batch) s = archive->add(prepare_article(doc, {}), nullptr);
//   s = archive->commit();  // the whole batch, or nothing
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "store/store.h"

namespace sitrep {

class ArchiveWriter {
 public:
  virtual ~ArchiveWriter() = default;
  // Whether an article of this id is stored (committed) already.
  virtual bool has_article(std::string_view id) = 0;
  virtual int64_t article_count() = 0;  // -1 when it cannot be read (a database server gone)
  // A batch: add() stores an article unless its id is stored already; a
  // backend may hold the batch until commit(), which stores all or nothing.
  virtual StoreStatus begin() = 0;
  virtual StoreStatus add(const StoredArticle& a, AddResult* result) = 0;
  virtual StoreStatus commit() = 0;
  virtual void rollback() = 0;
  // The archive as the user named it (a password in it is masked), for messages.
  virtual const std::string& name() const = 0;
};

// Whether --db names a PostgreSQL database rather than a SQLite file: a URI
// (postgresql://, postgres://) or a libpq key=value string with host= or dbname=.
bool is_postgres_url(std::string_view db);

// Opens the archive `db` for writing (options.read_only: for has_article and
// article_count only); on failure, a status whose message says what to do.
StoreStatus open_archive(const std::string& db, const StoreOptions& options, std::unique_ptr<ArchiveWriter>& out);

}  // namespace sitrep
