#include "store/pg_archive.h"

#include <libpq-fe.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "store/rows.h"
#include "store/schema.h"

namespace sitrep {

using namespace store_internal;

namespace {

// The tables of schema.h, in PostgreSQL's types. Identifiers and codes that
// queries sort or compare by prefix are COLLATE "C", so that they sort and
// range as SQLite's binary collation does whatever the database's locale.
constexpr const char* kPgTablesSql = R"sql(
CREATE TABLE sitrep_meta(key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE articles(
  key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  url text,
  title text,
  date text COLLATE "C",
  text text NOT NULL,
  content_hash text COLLATE "C" NOT NULL,
  duplicate_of text COLLATE "C",
  minhash bytea,
  added text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  -- tsvector holds at most 1 MB: the index covers the first 100,000 characters. Curly apostrophes are
  -- straight ones: PostgreSQL's parser would read "Israel’s" as the word israel’ (pg_tsquery reads queries so).
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig,
    translate(coalesce(title, '') || ' ' || left(text, 100000), '‘’', ''''''))) STORED);
-- Lists walk the articles by date and key, undated first (as SQLite orders NULL).
CREATE INDEX articles_date ON articles(date NULLS FIRST, key);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX articles_tsv ON articles USING gin(tsv);

CREATE TABLE entity_rows(article bigint NOT NULL, seq integer NOT NULL, entity_id text COLLATE "C" NOT NULL,
  type text, name text, actor_code text COLLATE "C", title text, role text, country text,
  mention_count integer NOT NULL DEFAULT 0, PRIMARY KEY(article, entity_id, seq));
-- Covering, as SQLite's are: an entity named in thousands of articles is found in the index alone.
CREATE INDEX entity_rows_name ON entity_rows(lower(name), article, entity_id) INCLUDE (name);
CREATE INDEX entity_rows_actor ON entity_rows(actor_code) WHERE actor_code IS NOT NULL;

CREATE TABLE mention_rows(article bigint NOT NULL, seq integer NOT NULL, entity_id text COLLATE "C" NOT NULL,
  start integer, "end" integer, text text, kind text, PRIMARY KEY(article, seq));
CREATE INDEX mention_rows_name ON mention_rows(lower(text), article, entity_id) INCLUDE (text) WHERE kind = 'name';

CREATE TABLE quote_rows(article bigint NOT NULL, seq integer NOT NULL, start integer, "end" integer, text text,
  speaker text COLLATE "C", cue text, kind text,
  tsv tsvector GENERATED ALWAYS AS
    (to_tsvector('english'::regconfig, translate(coalesce(left(text, 100000), ''), '‘’', ''''''))) STORED,
  PRIMARY KEY(article, seq));
CREATE INDEX quote_rows_tsv ON quote_rows USING gin(tsv);

CREATE TABLE reported_rows(article bigint NOT NULL, seq integer NOT NULL, start integer, "end" integer, text text,
  speaker text COLLATE "C", cue text, kind text, PRIMARY KEY(article, seq));

CREATE TABLE claim_rows(article bigint NOT NULL, seq integer NOT NULL, kind text, value double precision,
  qualifier text, unit text, source text COLLATE "C", actor text COLLATE "C", date text COLLATE "C",
  start integer, "end" integer, text text, PRIMARY KEY(article, seq));
CREATE INDEX claim_rows_kind ON claim_rows(kind);

CREATE TABLE time_rows(article bigint NOT NULL, seq integer NOT NULL, start integer, "end" integer, text text,
  value text, PRIMARY KEY(article, seq));

CREATE TABLE event_rows(article bigint NOT NULL, seq integer NOT NULL, source text COLLATE "C",
  target text COLLATE "C", cameo text COLLATE "C", plover text COLLATE "C", negated integer NOT NULL DEFAULT 0,
  modality text, date text COLLATE "C", start integer, "end" integer, text text, PRIMARY KEY(article, seq));
CREATE INDEX event_rows_cameo ON event_rows(cameo);
CREATE INDEX event_rows_plover ON event_rows(plover);

CREATE TABLE tone_rows(article bigint PRIMARY KEY, tone double precision, positive double precision,
  negative double precision, polarity double precision, activity double precision, self_group double precision,
  words integer);
CREATE TABLE entity_tone_rows(article bigint NOT NULL, entity_id text COLLATE "C" NOT NULL,
  toward double precision, sentences integer, stance double precision, quotes integer,
  PRIMARY KEY(article, entity_id));

)sql";
constexpr const char* kPgQuotesViewSql = R"sql(
CREATE VIEW quotes(article_id, start, "end", text, speaker, cue, kind, seq) AS
  SELECT a.id, q.start, q."end", q.text, q.speaker, q.cue, q.kind, q.seq
  FROM quote_rows q JOIN articles a ON a.key = q.article;
)sql";
constexpr const char* kPgLastViewsSql = R"sql(
CREATE VIEW tones(article_id, tone, positive, negative, polarity, activity, self_group, words) AS
  SELECT a.id, t.tone, t.positive, t.negative, t.polarity, t.activity, t.self_group, t.words
  FROM tone_rows t JOIN articles a ON a.key = t.article;
CREATE VIEW entity_tones(article_id, entity_id, toward, sentences, stance, quotes) AS
  SELECT a.id, t.entity_id, t.toward, t.sentences, t.stance, t.quotes
  FROM entity_tone_rows t JOIN articles a ON a.key = t.article;
)sql";

// The schema of a new PostgreSQL archive: the tables, then the views (those
// of the layers as the SQLite store declares them, schema.h).
std::string pg_schema_sql() {
  return std::string(kPgTablesSql) + kEntityViewsSql + kPgQuotesViewSql + kLayerViewsSql + kPgLastViewsSql;
}

// Any number that the schema check's advisory lock is taken on ("sitrep" in ASCII).
constexpr const char* kSchemaLock = "SELECT pg_advisory_xact_lock(115105116114101112)";

// The columns of a layer's PostgreSQL table after `article`: quote_rows has a seq.
std::string pg_columns(int layer) {
  return layer == kQuotes ? std::string("seq, ") + kLayerColumns[layer] : std::string(kLayerColumns[layer]);
}

// COPY's text format: backslash escapes for the separators; NUL, which a
// PostgreSQL text cannot hold, and bytes that are not UTF-8 become U+FFFD.
void append_copy_text(std::string& out, std::string_view s) {
  static constexpr const char kReplacement[] = "\xEF\xBF\xBD";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case 0: out += kReplacement; break;
        default: out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // A whole, shortest-form UTF-8 sequence of U+0080 to U+10FFFF other than a surrogate, or U+FFFD for its first byte.
    size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) ok = (p[i + k] & 0xC0) == 0x80;
    if (ok && len == 3) ok = !(c == 0xE0 && p[i + 1] < 0xA0) && !(c == 0xED && p[i + 1] >= 0xA0);
    if (ok && len == 4) ok = !(c == 0xF0 && p[i + 1] < 0x90) && !(c == 0xF4 && p[i + 1] >= 0x90);
    if (ok) {
      out.append(s.data() + i, len);
      i += len;
    } else {
      out += kReplacement;
      ++i;
    }
  }
}

void append_copy_value(std::string& out, const StoredArticle::Rows::Value& v) {
  using Type = StoredArticle::Rows::Value::Type;
  char buf[32];
  switch (v.type) {
    case Type::kNull: out += "\\N"; return;
    case Type::kInteger: {
      auto r = std::to_chars(buf, buf + sizeof buf, v.integer);
      out.append(buf, r.ptr);
      return;
    }
    case Type::kReal: {
      // The shortest form that reads back as the same double ("65" for 65.0).
      auto r = std::to_chars(buf, buf + sizeof buf, v.real);
      out.append(buf, r.ptr);
      return;
    }
    case Type::kText: append_copy_text(out, v.text); return;
  }
}

void append_copy_integer(std::string& out, int64_t n) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, r.ptr);
}

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

struct Result {
  explicit Result(PGresult* r) : res(r) {}
  ~Result() { PQclear(res); }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  PGresult* res;
  ExecStatusType status() const { return PQresultStatus(res); }
};

}  // namespace

std::string pg_tsquery(const std::string& text) {
  // As the tsvector columns of kPgTablesSql read the text.
  return "websearch_to_tsquery('english', translate(" + text + ", '‘’', ''''''))";
}

std::string redact_conninfo(std::string_view conninfo) {
  std::string s(conninfo);
  if (s.starts_with("postgresql://") || s.starts_with("postgres://")) {
    // scheme://user:password@host...
    const size_t start = s.find("://") + 3;
    const size_t at = s.find('@', start);
    const size_t colon = s.find(':', start);
    if (at != std::string::npos && colon != std::string::npos && colon < at) s.replace(colon + 1, at - colon - 1, "***");
    for (size_t p = s.find("password="); p != std::string::npos; p = s.find("password=", p + 1)) {
      const size_t end = s.find('&', p);
      s.replace(p + 9, (end == std::string::npos ? s.size() : end) - p - 9, "***");
    }
    return s;
  }
  for (size_t p = s.find("password"); p != std::string::npos; p = s.find("password", p + 1)) {
    size_t v = p + 8;
    while (v < s.size() && (s[v] == ' ' || s[v] == '=')) ++v;
    size_t end = v;
    if (end < s.size() && s[end] == '\'') {
      for (++end; end < s.size() && s[end] != '\''; ++end)
        if (s[end] == '\\') ++end;
      if (end < s.size()) ++end;
    } else {
      while (end < s.size() && s[end] != ' ') ++end;
    }
    s.replace(v, end - v, "***");
  }
  return s;
}

PgArchive::~PgArchive() {
  if (conn_) {
    if (PQtransactionStatus(conn_) == PQTRANS_INTRANS || PQtransactionStatus(conn_) == PQTRANS_INERROR)
      PQclear(PQexec(conn_, "ROLLBACK"));
    PQfinish(conn_);
  }
}

StoreStatus PgArchive::failure(std::string_view doing, const PGresult* res) const {
  StoreStatus s;
  s.code = StoreStatus::Code::kError;
  const std::string where = "the archive " + name_ + ": " + std::string(doing) + ": ";
  std::string detail = trimmed(res ? PQresultErrorMessage(res) : nullptr);
  if (detail.empty()) detail = trimmed(PQerrorMessage(conn_));
  // One line: libpq's messages span several.
  std::string flat;
  for (char c : detail) {
    if (c == '\n' || c == '\t') c = ' ';
    if (c != ' ' || (!flat.empty() && flat.back() != ' ')) flat += c;
  }
  detail = std::move(flat);
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view code = state ? state : "";
  // No SQLSTATE: libpq's own error, the connection; class 08: connection; 57P: the server shut down.
  if (!conn_ || PQstatus(conn_) == CONNECTION_BAD || code.empty() || code.starts_with("08") ||
      code.starts_with("57P")) {
    s.code = StoreStatus::Code::kUnavailable;
    s.message = where + "the connection to the database was lost (" + detail +
                "); what was committed stays: run the same command again once the server is back";
    return s;
  }
  if (code == "53100") {
    s.code = StoreStatus::Code::kFull;
    s.message = where + "the database server's disk is full (" + detail + "); free some space and run it again";
  } else if (code == "42501" || code == "25006") {
    s.code = StoreStatus::Code::kReadOnly;
    s.message = where + "this user may not write here (" + detail +
                "); connect as a user that may create tables and insert in this database";
  } else if (code == "40P01" || code == "40001" || code == "55P03") {
    s.code = StoreStatus::Code::kBusy;
    s.message = where + "another writer holds the rows this batch needs (" + detail + "); run it again";
  } else {
    s.message = where + detail;
  }
  return s;
}

StoreStatus PgArchive::exec(const std::string& sql, std::string_view doing) {
  Result r(PQexec(conn_, sql.c_str()));
  if (r.status() != PGRES_COMMAND_OK && r.status() != PGRES_TUPLES_OK) return failure(doing, r.res);
  return {};
}

StoreStatus PgArchive::open(const std::string& conninfo, const PgOptions& options, std::unique_ptr<PgArchive>& out) {
  std::unique_ptr<PgArchive> a(new PgArchive);
  a->name_ = redact_conninfo(conninfo);
  a->read_only_ = options.read_only;
  // Keywords are read in order, later ones overriding: the connection string
  // (dbname, expanded) overrides the default timeout; UTF-8 is not negotiable.
  const char* env_timeout = std::getenv("PGCONNECT_TIMEOUT");
  const std::string timeout = env_timeout && *env_timeout ? env_timeout : std::to_string(options.connect_timeout_s);
  // The archive's look-ups are index probes into pages that are mostly cached:
  // PostgreSQL's default random_page_cost (4, for spinning disks) has the
  // planner read whole tables instead. The usual setting for SSDs, unless the
  // connection string's options say otherwise.
  // TCP keepalives: a server that vanishes mid-batch (a network cut, no reset) is noticed within about a
  // minute instead of the system's two hours.
  const char* keys[] = {"connect_timeout", "application_name", "options", "keepalives_idle", "keepalives_interval",
                        "keepalives_count", "dbname", "client_encoding", nullptr};
  const char* values[] = {timeout.c_str(), "sitrep", "-c random_page_cost=1.1", "30", "10", "3", conninfo.c_str(),
                          "UTF8", nullptr};
  a->conn_ = PQconnectdbParams(keys, values, 1);
  if (!a->conn_ || PQstatus(a->conn_) != CONNECTION_OK) {
    StoreStatus s;
    s.code = StoreStatus::Code::kUnavailable;
    s.message = "cannot connect to the PostgreSQL archive " + a->name_ + ": " +
                trimmed(a->conn_ ? PQerrorMessage(a->conn_) : "out of memory") +
                " (is the server running and reachable, and are host, port, user, password and dbname right? "
                "A connection attempt gives up after connect_timeout seconds: " +
                (conninfo.find("connect_timeout") != std::string::npos
                     ? std::string("as the connection string sets it")
                     : timeout + " here; set connect_timeout in the connection string for another") + ")";
    return s;
  }
  if (PQserverVersion(a->conn_) < 120000) {
    StoreStatus s;
    s.code = StoreStatus::Code::kError;
    s.message = "the PostgreSQL archive " + a->name_ + ": the server is version " +
                std::to_string(PQserverVersion(a->conn_) / 10000) +
                ", and sitrep needs PostgreSQL 12 or later (generated columns)";
    return s;
  }
  // Warnings (NOTICE) are the server's business, not the user's.
  PQsetNoticeProcessor(a->conn_, [](void*, const char*) {}, nullptr);
  if (StoreStatus s = a->check_schema(options.read_only); !s.ok()) return s;
  if (!options.read_only)
    if (StoreStatus s = a->prepare_writer(); !s.ok()) return s;
  Result has(PQprepare(a->conn_, "has_article", "SELECT 1 FROM articles WHERE id = $1", 1, nullptr));
  if (has.status() != PGRES_COMMAND_OK) return a->failure("preparing a look-up", has.res);
  out = std::move(a);
  return {};
}

StoreStatus PgArchive::check_schema(bool read_only) {
  // One process creates the tables; the others wait for it on the lock, then see them.
  if (StoreStatus s = exec("BEGIN", "checking the schema"); !s.ok()) return s;
  auto fail = [&](StoreStatus s) {
    PQclear(PQexec(conn_, "ROLLBACK"));
    return s;
  };
  if (!read_only)
    if (StoreStatus s = exec(kSchemaLock, "locking the schema"); !s.ok()) return fail(s);
  Result tables(PQexec(conn_, "SELECT to_regclass('sitrep_meta') IS NOT NULL, to_regclass('articles') IS NOT NULL"));
  if (tables.status() != PGRES_TUPLES_OK) return fail(failure("checking the schema", tables.res));
  const bool has_meta = PQgetvalue(tables.res, 0, 0)[0] == 't';
  const bool has_articles = PQgetvalue(tables.res, 0, 1)[0] == 't';
  StoreStatus refused;
  if (has_meta) {
    Result v(PQexec(conn_, "SELECT value FROM sitrep_meta WHERE key = 'schema'"));
    if (v.status() != PGRES_TUPLES_OK) return fail(failure("reading the schema version", v.res));
    const std::string version = PQntuples(v.res) ? PQgetvalue(v.res, 0, 0) : "";
    if (version != std::to_string(kSchemaVersion)) {
      refused.code = StoreStatus::Code::kVersion;
      const bool older = !version.empty() && std::strtol(version.c_str(), nullptr, 10) < kSchemaVersion;
      refused.message = "the archive " + name_ + " has schema version " + (version.empty() ? "(none)" : version) +
                        ", and this sitrep reads version " + std::to_string(kSchemaVersion) + ": " +
                        (older ? "it was made by an older sitrep. Ingest the corpus again into a new database; the "
                                 "old one is left as it is"
                               : "it was made by a newer sitrep; use that one");
      return fail(refused);
    }
  } else if (has_articles) {
    refused.code = StoreStatus::Code::kCorrupt;
    refused.message = "the database " + name_ +
                      " has a table 'articles' but no sitrep_meta: it is not a sitrep archive (use another database "
                      "or schema, e.g. ?options=-csearch_path%3Dsitrep)";
    return fail(refused);
  } else if (read_only) {
    refused.code = StoreStatus::Code::kNotFound;
    refused.message = "no sitrep archive in the database " + name_ + " (make one with sitrep ingest --db " + name_ + ")";
    return fail(refused);
  } else {
    if (StoreStatus s = exec(pg_schema_sql().c_str(), "creating the tables"); !s.ok()) return fail(s);
    const std::string meta = "INSERT INTO sitrep_meta VALUES ('schema', '" + std::to_string(kSchemaVersion) +
                             "'), ('backend', 'postgresql')";
    if (StoreStatus s = exec(meta, "creating the tables"); !s.ok()) return fail(s);
  }
  return exec("COMMIT", "creating the tables");
}

StoreStatus PgArchive::prepare_writer() {
  // Staging tables of this session, emptied at each commit.
  std::string sql =
      "CREATE TEMP TABLE stage_articles(seq integer NOT NULL, id text NOT NULL, url text, title text, date text, "
      "text text NOT NULL, content_hash text NOT NULL) ON COMMIT DELETE ROWS;"
      "CREATE TEMP TABLE stage_keys(stage_seq integer PRIMARY KEY, stage_key bigint NOT NULL) ON COMMIT DELETE ROWS;";
  // Articles inserted in id order: writers that meet the same ids lock them in
  // one order. Their keys are drawn in input order (nextval after the sort by
  // seq), as the SQLite store numbers them, so that lists ordered by date and
  // key (sitrep serve's) order articles of one day alike on both.
  move_sql_ =
      "WITH ins AS (INSERT INTO articles(key, id, url, title, date, text, content_hash) OVERRIDING SYSTEM VALUE "
      "SELECT key, id, url, title, date, text, content_hash FROM (SELECT *, "
      "nextval(pg_get_serial_sequence('articles', 'key')) AS key FROM stage_articles ORDER BY seq) drawn ORDER BY id "
      "ON CONFLICT (id) DO NOTHING RETURNING key, id) "
      "INSERT INTO stage_keys(stage_seq, stage_key) SELECT s.seq, ins.key FROM ins JOIN stage_articles s ON s.id = ins.id;";
  for (int l = 0; l < kLayers; ++l) {
    const std::string table = kLayerTable[l], columns = pg_columns(l);
    sql += "CREATE TEMP TABLE stage_" + table + " (LIKE " + table + ") ON COMMIT DELETE ROWS;";
    move_sql_ += "INSERT INTO " + table + "(article, " + columns + ") SELECT k.stage_key, " + columns + " FROM stage_" +
                 table + " s JOIN stage_keys k ON k.stage_seq = s.article;";
  }
  layer_copy_.assign(kLayers, std::string());
  return exec(sql, "creating the staging tables");
}

bool PgArchive::has_article(std::string_view id) {
  const std::string key(id);
  const char* values[] = {key.c_str()};
  Result r(PQexecPrepared(conn_, "has_article", 1, values, nullptr, nullptr, 0));
  return r.status() == PGRES_TUPLES_OK && PQntuples(r.res) > 0;
}

int64_t PgArchive::article_count() {
  Result r(PQexec(conn_, "SELECT count(*) FROM articles"));
  return r.status() == PGRES_TUPLES_OK ? std::strtoll(PQgetvalue(r.res, 0, 0), nullptr, 10) : -1;
}

void PgArchive::clear_batch() {
  articles_copy_.clear();
  for (std::string& s : layer_copy_) s.clear();
  batch_ids_.clear();
  staged_ = 0;
}

StoreStatus PgArchive::begin() {
  clear_batch();
  return {};
}

StoreStatus PgArchive::add(const StoredArticle& a, AddResult* result) {
  if (result) *result = AddResult{};
  if (read_only_) {
    StoreStatus s;
    s.code = StoreStatus::Code::kReadOnly;
    s.message = "the archive " + name_ + " was opened for reading";
    return s;
  }
  const Article& art = a.article;
  // An id twice in one batch: the first is the one stored, as in SQLite.
  if (!batch_ids_.insert(art.id).second) return {};
  const std::shared_ptr<const StoredArticle::Rows> own_rows = a.rows ? a.rows : rows_of(a.record);
  const StoredArticle::Rows& rows = *own_rows;
  const int64_t seq = staged_++;
  std::string& out = articles_copy_;
  append_copy_integer(out, seq);
  out += '\t';
  append_copy_text(out, art.id);
  out += '\t';
  if (art.url.empty()) {
    out += "\\N";
  } else {
    append_copy_text(out, art.url);
  }
  out += '\t';
  append_copy_value(out, rows.title);
  out += '\t';
  append_copy_value(out, rows.date);
  out += '\t';
  append_copy_text(out, art.text);
  out += '\t';
  append_copy_text(out, a.content_hash);
  out += '\n';
  for (int l = 0; l < kLayers; ++l) {
    const auto& values = rows.layers[l];
    const size_t width = static_cast<size_t>(kLayerWidth[l]);
    std::string& lo = layer_copy_[l];
    int64_t row_seq = 0;
    for (size_t row = 0; row + width <= values.size(); row += width) {
      append_copy_integer(lo, seq);
      if (l == kQuotes) {
        lo += '\t';
        append_copy_integer(lo, row_seq++);
      }
      for (size_t c = 0; c < width; ++c) {
        lo += '\t';
        append_copy_value(lo, values[row + c]);
      }
      lo += '\n';
    }
  }
  if (result) result->added = true;  // unless another writer commits it first
  return {};
}

StoreStatus PgArchive::copy(const std::string& target, const std::string& data, std::string_view doing) {
  {
    Result r(PQexec(conn_, ("COPY " + target + " FROM STDIN").c_str()));
    if (r.status() != PGRES_COPY_IN) return failure(doing, r.res);
  }
  constexpr size_t kChunk = size_t{1} << 20;
  bool ok = true;
  for (size_t at = 0; ok && at < data.size(); at += kChunk) {
    const size_t n = std::min(kChunk, data.size() - at);
    ok = PQputCopyData(conn_, data.data() + at, static_cast<int>(n)) == 1;
  }
  PQputCopyEnd(conn_, ok ? nullptr : "sitrep: the copy was cut short");
  StoreStatus s;
  while (PGresult* res = PQgetResult(conn_)) {
    Result r(res);
    if (s.ok() && r.status() != PGRES_COMMAND_OK) s = failure(doing, r.res);
  }
  return s;
}

StoreStatus PgArchive::send_batch() {
  if (StoreStatus s = exec("BEGIN", "starting a batch"); !s.ok()) return s;
  if (StoreStatus s = copy("stage_articles(seq, id, url, title, date, text, content_hash)", articles_copy_,
                           "copying a batch of articles");
      !s.ok())
    return s;
  for (int l = 0; l < kLayers; ++l) {
    if (layer_copy_[l].empty()) continue;
    const std::string target = std::string("stage_") + kLayerTable[l] + "(article, " + pg_columns(l) + ")";
    if (StoreStatus s = copy(target, layer_copy_[l], std::string("copying a batch of ") + kLayerTable[l]); !s.ok())
      return s;
  }
  if (StoreStatus s = exec(move_sql_, "storing a batch"); !s.ok()) return s;
  return exec("COMMIT", "committing a batch");
}

StoreStatus PgArchive::commit() {
  if (staged_ == 0) return {};
  StoreStatus s;
  for (int attempt = 0; attempt < 5; ++attempt) {
    s = send_batch();
    if (s.ok()) break;
    if (PQstatus(conn_) == CONNECTION_OK) PQclear(PQexec(conn_, "ROLLBACK"));
    // A deadlock or serialisation failure with another writer: the batch again.
    if (s.code != StoreStatus::Code::kBusy) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50 << attempt));
  }
  clear_batch();
  return s;
}

void PgArchive::rollback() {
  if (conn_ && PQtransactionStatus(conn_) != PQTRANS_IDLE) PQclear(PQexec(conn_, "ROLLBACK"));
  clear_batch();
}

namespace {

// :name parameters of a built query as $1, $2 ... (outside string literals).
std::string numbered_params(const BuiltQuery& q, std::vector<std::string>& values) {
  std::string out;
  std::vector<std::string> names;
  const std::string& sql = q.sql;
  bool in_string = false;
  for (size_t i = 0; i < sql.size();) {
    const char c = sql[i];
    if (c == '\'') in_string = !in_string;
    if (!in_string && c == ':' && i + 1 < sql.size() && (std::isalpha(static_cast<unsigned char>(sql[i + 1])) ||
                                                         sql[i + 1] == '_')) {
      size_t end = i + 1;
      while (end < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_')) ++end;
      const std::string name = sql.substr(i, end - i);
      if (auto it = q.params.find(name); it != q.params.end()) {
        size_t k = 0;
        while (k < names.size() && names[k] != name) ++k;
        if (k == names.size()) {
          names.push_back(name);
          values.push_back(it->second);
        }
        out += "$" + std::to_string(k + 1);
        i = end;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace

StoreStatus run_pg_query(PgArchive& archive, const QuerySpec& spec, std::vector<std::string>& columns,
                         const std::function<void(const QueryRow&)>& row) {
  const BuiltQuery query = build_query(spec, SqlDialect::kPostgres);
  std::vector<std::string> values;
  const std::string sql = numbered_params(query, values);
  std::vector<const char*> params;
  for (const std::string& v : values) params.push_back(v.c_str());
  PGconn* conn = archive.handle();
  if (!PQsendQueryParams(conn, sql.c_str(), static_cast<int>(params.size()), nullptr, params.data(), nullptr, nullptr,
                         0))
    return archive.failure("running the query", nullptr);
  return archive.read_rows("running the query", columns, row);
}

bool PgArchive::reconnect() {
  if (PQstatus(conn_) == CONNECTION_OK) return true;
  PQreset(conn_);
  return PQstatus(conn_) == CONNECTION_OK;
}

StoreStatus PgArchive::read_rows(std::string_view doing, std::vector<std::string>& columns,
                                 const std::function<void(const QueryRow&)>& row, bool exact) {
  PGconn* conn = conn_;
  // Row by row, rather than the whole result in memory first.
  PQsetSingleRowMode(conn);
  StoreStatus s;
  QueryRow cells;
  std::vector<QueryCell::Type> types;
  bool have_columns = false;
  while (PGresult* res = PQgetResult(conn)) {
    Result r(res);
    const ExecStatusType st = r.status();
    if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      if (s.ok()) s = failure(doing, r.res);
      continue;
    }
    if (st == PGRES_COMMAND_OK) continue;
    if (!have_columns) {
      const int n = PQnfields(res);
      columns.clear();
      types.clear();
      for (int c = 0; c < n; ++c) {
        columns.emplace_back(PQfname(res, c));
        const Oid t = PQftype(res, c);
        types.push_back(t == 20 || t == 21 || t == 23   ? QueryCell::Type::kInteger
                        : t == 700 || t == 701 || t == 1700 ? QueryCell::Type::kReal
                                                            : QueryCell::Type::kText);
      }
      cells.assign(static_cast<size_t>(n), QueryCell{});
      have_columns = true;
    }
    for (int i = 0; i < PQntuples(res); ++i) {
      for (size_t c = 0; c < cells.size(); ++c) {
        QueryCell& cell = cells[c];
        const int col = static_cast<int>(c);
        if (PQgetisnull(res, i, col)) {
          cell.type = QueryCell::Type::kNull;
          cell.text.clear();
          continue;
        }
        cell.type = types[c];
        if (cell.type == QueryCell::Type::kReal && !exact) {
          // Figures print as the SQLite store's queries print them.
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.15g", std::strtod(PQgetvalue(res, i, col), nullptr));
          cell.text = buf;
        } else {
          cell.text.assign(PQgetvalue(res, i, col), static_cast<size_t>(PQgetlength(res, i, col)));
        }
      }
      if (s.ok()) row(cells);
    }
  }
  return s;
}

}  // namespace sitrep
