#include "serve/pg_reads.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <regex>
#include <unordered_map>
#include <utility>

#include "store/pg_archive.h"
#include "store/stored_record.h"

namespace sitrep::serve {

namespace {

// The entity's pairs (kNamedFillSql): lower() for NOCASE, which the
// archive's indexes on lower(name) and lower(text) serve.
const char* const kPgNamedFillSql =
    "INSERT INTO pg_temp.named SELECT article, entity_id FROM entity_rows WHERE lower(name) = lower($1) "
    "UNION SELECT article, entity_id FROM mention_rows WHERE lower(text) = lower($1) AND kind = 'name'";

// A search (kSearchRankSql): the newest kSearchCandidates matches, as on
// SQLite, ranked by ts_rank_cd (cover density, divided by 1 + the log of the
// article's length, as BM25 weighs long articles down), the best first (ties:
// the newest first). PostgreSQL's own ranking: its order differs from BM25's.
static_assert(kSearchCandidates == 400, "search_sql's LIMIT is kSearchCandidates");
std::string search_sql(bool dated) {
  std::string sql =
      "WITH copies(key) AS (SELECT key FROM articles WHERE duplicate_of IS NOT NULL), "
      "q(q) AS (SELECT " + pg_tsquery("$1") + "), "
      "candidates(key) AS (SELECT a.key FROM articles a, q WHERE a.tsv @@ q.q ORDER BY a.key DESC LIMIT 400), "
      "ranked(key, rank) AS (SELECT c.key, ts_rank_cd(a.tsv, q.q, 1) FROM candidates c JOIN articles a ON "
      "a.key = c.key, q WHERE c.key NOT IN (SELECT key FROM copies)) ";
  if (!dated) return sql + "SELECT key FROM ranked ORDER BY rank DESC, key DESC";
  return sql +
         "SELECT r.key AS key FROM ranked r JOIN articles a ON a.key = r.key WHERE ($2 = '' OR a.date >= $2) "
         "AND ($3 = '' OR a.date <= $3) ORDER BY r.rank DESC, r.key DESC";
}

// Grows when an article is added: the newest key, and the articles inserted
// (which counts those that a concurrent writer commits under an older key).
const char* const kPgVersionSql =
    "SELECT coalesce(max(key), 0) + pg_stat_get_tuples_inserted('articles'::regclass) FROM articles";

// A reader's session: its table of an entity's pairs (temp.named); and a plan
// for each run of a statement, made for its values, not a generic one (whose
// guess at an entity's rows and a page's LIMIT walked all of an entity's
// events for a page of 20: 134 ms instead of 17 for Boeing on the 50 MB archive).
constexpr const char* kSessionSql =
    "CREATE TEMP TABLE IF NOT EXISTS named(article bigint NOT NULL, entity_id text COLLATE \"C\" NOT NULL, "
    "PRIMARY KEY(article, entity_id)); SET plan_cache_mode = force_custom_plan";

// A row of a record's part (stored_record.h), figures as PostgreSQL writes them.
struct PgCells {
  const QueryRow& row;
  bool is_null(int col) const { return row[static_cast<size_t>(col)].type == QueryCell::Type::kNull; }
  std::string_view text(int col) const { return row[static_cast<size_t>(col)].text; }
  int64_t integer(int col) const { return std::strtoll(row[static_cast<size_t>(col)].text.c_str(), nullptr, 10); }
  double real(int col) const { return std::strtod(row[static_cast<size_t>(col)].text.c_str(), nullptr); }
};

class PgReader final : public Reader {
 public:
  explicit PgReader(std::unique_ptr<PgArchive> archive) : archive_(std::move(archive)) {}

  StoreStatus rows(const char* sql, const std::vector<Bind>& binds, std::vector<std::string>& columns,
                   const std::function<void(const QueryRow&)>& row) override {
    return run(sql, binds, columns, row, false);
  }
  StoreStatus query(const QuerySpec& spec, std::vector<std::string>& columns,
                    const std::function<void(const QueryRow&)>& row) override {
    if (StoreStatus s = connect(); !s.ok()) return s;
    return said(run_pg_query(*archive_, spec, columns, row));
  }
  int64_t version() override {
    int64_t v = -1;
    std::vector<std::string> columns;
    rows(kPgVersionSql, {}, columns, [&](const QueryRow& r) { v = std::strtoll(r.at(0).text.c_str(), nullptr, 10); });
    return v;
  }
  StoreStatus record(std::string_view id, std::string& out) override {
    return write_stored_record(id, *this, {true, false, archive_->name()}, out);
  }
  // The rows of a record's part (write_stored_record's source).
  template <typename Row>
  StoreStatus rows(RecordPart part, std::string_view id, int64_t key, Row&& row) {
    std::vector<std::string> columns;
    const std::vector<Bind> binds = {part == RecordPart::kArticle ? Bind(std::string(id)) : Bind(key)};
    return run(record_part_sql(part), binds, columns, [&](const QueryRow& r) { row(PgCells{r}); }, true);
  }

  // No stories: no rows.
  StoryKeeping stories() const override { return StoryKeeping::kNotKept; }
  StoreStatus story_list(const StoryListSpec&, std::vector<std::string>& columns,
                         const std::function<void(const QueryRow&)>&) override {
    return none(columns);
  }
  StoreStatus story_articles(int64_t, int64_t, int64_t, std::vector<std::string>& columns,
                             const std::function<void(const QueryRow&)>&) override {
    return none(columns);
  }
  StoreStatus story_part(int64_t, StoryPart, int64_t, int64_t, std::vector<std::string>& columns,
                         const std::function<void(const QueryRow&)>&) override {
    return none(columns);
  }
  StoreStatus story_figures(int64_t, const std::string&, std::vector<std::string>& columns,
                            const std::function<void(const QueryRow&)>&) override {
    return none(columns);
  }

  // Runs `sql` in PostgreSQL's form (pg_read_sql), prepared once on this connection.
  StoreStatus run(const char* sql, const std::vector<Bind>& binds, std::vector<std::string>& columns,
                  const std::function<void(const QueryRow&)>& row, bool exact) {
    if (StoreStatus s = connect(); !s.ok()) return s;
    PGconn* conn = archive_->handle();
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      const std::string name = "r" + std::to_string(prepared_.size());
      std::vector<Oid> types;
      for (const Bind& b : binds) types.push_back(std::holds_alternative<int64_t>(b) ? 20 : 25);  // int8, text
      const std::string text = pg_read_sql(sql);
      PGresult* res = PQprepare(conn, name.c_str(), text.c_str(), static_cast<int>(types.size()), types.data());
      const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
      StoreStatus s = ok ? StoreStatus() : said(archive_->failure("preparing a read", res));
      PQclear(res);
      if (!ok) return s;
      it = prepared_.emplace(sql, name).first;
    }
    std::vector<std::string> values;
    values.reserve(binds.size());
    for (const Bind& b : binds)
      values.push_back(std::holds_alternative<int64_t>(b) ? std::to_string(std::get<int64_t>(b)) : std::get<std::string>(b));
    std::vector<const char*> params;
    for (const std::string& v : values) params.push_back(v.c_str());
    if (!PQsendQueryPrepared(conn, it->second.c_str(), static_cast<int>(params.size()), params.data(), nullptr,
                             nullptr, 0))
      return said(archive_->failure("reading the archive", nullptr));
    return said(archive_->read_rows("reading the archive", columns, row, exact));
  }

 private:
  // A lost connection, said for a request: the next request connects again.
  StoreStatus said(StoreStatus s) const {
    if (s.code != StoreStatus::Code::kUnavailable) return s;
    // libpq's message, on one line.
    std::string why;
    for (const char* c = PQerrorMessage(archive_->handle()); *c; ++c) {
      const bool space = *c == ' ' || *c == '\n' || *c == '\t';
      if (!space) why += *c;
      else if (!why.empty() && why.back() != ' ') why += ' ';
    }
    if (!why.empty() && why.back() == ' ') why.pop_back();
    s.message = "the PostgreSQL archive " + archive_->name() + " cannot be reached (" + why +
                "); is its server running? Try again once it is";
    return s;
  }

  static StoreStatus none(std::vector<std::string>& columns) {
    columns.clear();
    return {};
  }

  // The connection, opened again when it was lost; with this session's temp.named.
  StoreStatus connect() {
    PGconn* conn = archive_->handle();
    if (PQstatus(conn) != CONNECTION_OK) {
      ready_ = false;
      if (!archive_->reconnect()) {
        StoreStatus s;
        s.code = StoreStatus::Code::kUnavailable;
        return said(s);
      }
    }
    if (ready_) return {};
    // A new session: no statement is prepared in it yet.
    prepared_.clear();
    PGresult* res = PQexec(conn, kSessionSql);
    const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    StoreStatus s = ok ? StoreStatus() : archive_->failure("starting a reader's session", res);
    PQclear(res);
    ready_ = ok;
    return s;
  }

  std::unique_ptr<PgArchive> archive_;
  std::unordered_map<const char*, std::string> prepared_;  // statement → its name on this connection
  bool ready_ = false;
};

}  // namespace

std::string pg_read_sql(const char* sqlite_sql) {
  if (sqlite_sql == kNamedFillSql) return kPgNamedFillSql;
  // Emptied by TRUNCATE: DELETE would leave its rows dead (nothing vacuums a
  // temporary table), and the table, growing at each entity's page, would be
  // read ever more slowly (10 s a page of Boeing's events after 40 requests).
  if (sqlite_sql == kNamedClearSql) return "TRUNCATE pg_temp.named";
  if (sqlite_sql == kSearchRankSql) return search_sql(false);
  if (sqlite_sql == kSearchRankDatedSql) return search_sql(true);
  // SQLite's forms, rewritten in order.
  static const std::vector<std::pair<std::regex, std::string>> kRewrites = [] {
    std::vector<std::pair<std::regex, std::string>> r;
    auto add = [&](const char* from, const char* to) { r.emplace_back(std::regex(from), to); };
    add(R"(\?(\d+))", "$$$1");
    add(R"( INDEXED BY \w+)", "");
    add(R"(\bCROSS JOIN\b)", "JOIN");
    // A probe of the table's key: a tuple IN a table that PostgreSQL may not hash is a scan of it per row.
    add(R"(\(([\w.]+), ([\w.]+)\) IN temp\.named\b)",
        "EXISTS (SELECT 1 FROM pg_temp.named named_pair WHERE named_pair.article = $1 AND named_pair.entity_id = $2)");
    add(R"(\btemp\.named\b)", "pg_temp.named");
    add(R"(\bIN copies\b)", "IN (SELECT key FROM copies)");
    // SQLite sorts NULL first; PostgreSQL's articles_date index is (date NULLS FIRST, key).
    add(R"(ORDER BY (\w+\.date|1)\b)", "ORDER BY $1 NULLS FIRST");
    // Names sort and compare as SQLite's binary collation, whatever the database's locale.
    add(R"(\bmax\((e\.\w+)\))", "max($1 COLLATE \"C\")");
    add(R"(ORDER BY articles DESC, e\.name\b)", "ORDER BY articles DESC, e.name COLLATE \"C\"");
    add(R"(ORDER BY claims DESC, kind\b)", "ORDER BY claims DESC, c.kind COLLATE \"C\"");
    // Mentions at one offset (one inside another) in the order stored, as SQLite's sort of them leaves them.
    add(R"(ORDER BY p\.date NULLS FIRST, p\.id, m\.start\b)", "ORDER BY p.date NULLS FIRST, p.id, m.start, m.seq");
    // A subquery in FROM needs a name.
    add(R"(LIMIT 1001\))", "LIMIT 1001) AS counted");
    // Quotes: full text by quote_rows.tsv; in their article's order (seq; SQLite's rowid).
    add(R"(q\.rowid IN \(SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH (\$\d+)\))",
        ("q.tsv @@ " + pg_tsquery("$1")).c_str());
    add(R"(\bq\.rowid\b)", "q.seq");
    add(R"(ORDER BY rowid\b)", "ORDER BY seq");
    return r;
  }();
  std::string sql = sqlite_sql;
  for (const auto& [from, to] : kRewrites) sql = std::regex_replace(sql, from, to);
  return sql;
}

StoreStatus open_pg_reader(const std::string& conninfo, std::unique_ptr<Reader>& out) {
  std::unique_ptr<PgArchive> archive;
  PgOptions options;
  options.read_only = true;
  if (StoreStatus s = PgArchive::open(conninfo, options, archive); !s.ok()) return s;
  out = std::make_unique<PgReader>(std::move(archive));
  return {};
}

}  // namespace sitrep::serve
