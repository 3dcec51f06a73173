#include "store/archive.h"

#include "store/pg_archive.h"

namespace sitrep {

namespace {

// The SQLite store behind the writer interface.
class SqliteArchive final : public ArchiveWriter {
 public:
  explicit SqliteArchive(std::unique_ptr<Store> store) : store_(std::move(store)) {}
  bool has_article(std::string_view id) override { return store_->has_article(id); }
  int64_t article_count() override { return store_->article_count(); }
  StoreStatus begin() override { return store_->begin(); }
  StoreStatus add(const StoredArticle& a, AddResult* result) override { return store_->add(a, result); }
  StoreStatus commit() override { return store_->commit(); }
  void rollback() override { store_->rollback(); }
  const std::string& name() const override { return store_->path(); }

 private:
  std::unique_ptr<Store> store_;
};

}  // namespace

bool is_postgres_url(std::string_view db) {
  if (db.starts_with("postgresql://") || db.starts_with("postgres://")) return true;
  // A key=value string: "host=db1 dbname=news user=sitrep".
  auto has_key = [&](std::string_view key) {
    for (size_t at = db.find(key); at != std::string_view::npos; at = db.find(key, at + 1))
      if (at == 0 || db[at - 1] == ' ' || db[at - 1] == '\t') return true;
    return false;
  };
  return has_key("host=") || has_key("dbname=");
}

StoreStatus open_archive(const std::string& db, const StoreOptions& options, std::unique_ptr<ArchiveWriter>& out) {
  if (is_postgres_url(db)) {
    std::unique_ptr<PgArchive> pg;
    PgOptions pg_options;
    pg_options.read_only = options.read_only;
    if (StoreStatus s = PgArchive::open(db, pg_options, pg); !s.ok()) return s;
    out = std::move(pg);
    return {};
  }
  std::unique_ptr<Store> store;
  if (StoreStatus s = Store::open(db, options, store); !s.ok()) return s;
  out = std::make_unique<SqliteArchive>(std::move(store));
  return {};
}

}  // namespace sitrep
