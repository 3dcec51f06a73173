#include "store/store.h"

#include <sqlite3.h>

#include <cstring>
#include <stdexcept>
#include <vector>

#include "ingest/article_reader.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace sitrep {

using store_internal::Statement;

namespace store_internal {

Statement::Statement(sqlite3* db, std::string_view sql) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &st_, nullptr) !=
      SQLITE_OK)
    throw std::logic_error("sitrep store: bad SQL (" + std::string(sqlite3_errmsg(db)) + "): " + std::string(sql));
}

}  // namespace store_internal

namespace {

const JsonValue* member(const JsonValue& o, std::string_view key) { return o.find(key); }

int64_t int_of(const JsonValue* v) {
  return v && v->type == JsonValue::Type::kNumber ? static_cast<int64_t>(v->number) : 0;
}

// JSON null (or a missing member) is stored as SQL NULL, a string as text, so
// that the record comes back exactly as it went in.
void bind_json(Statement& st, int i, const JsonValue* v) {
  if (!v || v->is_null()) return st.bind_null(i);
  if (v->is_string()) return st.bind(i, v->string);
  if (v->type == JsonValue::Type::kNumber) return st.bind(i, v->number);
  if (v->type == JsonValue::Type::kBool) return st.bind(i, int64_t{v->boolean});
  st.bind_null(i);
}

void bind_span(Statement& st, int first, const JsonValue& o) {
  st.bind(first, int_of(member(o, "start")));
  st.bind(first + 1, int_of(member(o, "end")));
  bind_json(st, first + 2, member(o, "text"));
}

const std::vector<JsonValue>& array_of(const JsonValue& o, std::string_view key) {
  static const std::vector<JsonValue> kEmpty;
  const JsonValue* v = o.find(key);
  return v && v->type == JsonValue::Type::kArray ? v->array : kEmpty;
}

}  // namespace

StoredArticle prepare_article(const Document& doc, const RecordOptions& options) {
  RecordOptions compact = options;
  compact.style = RecordStyle::kCompact;
  std::string json;
  write_record(doc, json, compact);
  return prepare_article(doc.article, json);
}

StoredArticle prepare_article(Article article, std::string_view record_json) {
  StoredArticle out;
  std::string error;
  if (!parse_json(record_json, out.record, error))
    throw std::logic_error("sitrep store: the record writer wrote invalid JSON: " + error);
  out.content_hash = hash_id(article.text);
  out.minhash = minhash(article.text);
  out.article = std::move(article);
  return out;
}

struct Store::Statements {
  explicit Statements(sqlite3* db)
      : has_article(db, "SELECT 1 FROM articles WHERE id = ?1"),
        count(db, "SELECT count(*) FROM articles"),
        begin(db, "BEGIN IMMEDIATE"),
        commit(db, "COMMIT"),
        rollback(db, "ROLLBACK"),
        by_hash(db, "SELECT id, duplicate_of FROM articles WHERE content_hash = ?1 ORDER BY rowid LIMIT 1"),
        by_band(db,
                "SELECT id, duplicate_of, minhash FROM articles WHERE rowid IN (SELECT article FROM minhash_bands "
                "WHERE key IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
                "?20) LIMIT 512) ORDER BY rowid"),
        band(db, "INSERT INTO minhash_bands(key, article) VALUES (?1, ?2)"),
        article(db,
                "INSERT INTO articles(id, url, title, date, text, content_hash, duplicate_of, minhash) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        article_fts(db, "INSERT INTO articles_fts(rowid, title, text) VALUES (?1, ?2, ?3)"),
        entity(db,
               "INSERT INTO entities(article_id, entity_id, type, name, actor_code, country, title, role, seq) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
        mention(db,
                "INSERT INTO mentions(article_id, entity_id, start, \"end\", text, kind, seq) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        quote(db,
              "INSERT INTO quotes(article_id, start, \"end\", text, speaker, cue, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        quote_fts(db, "INSERT INTO quotes_fts(rowid, text) VALUES (?1, ?2)"),
        reported(db,
                 "INSERT INTO reported(article_id, start, \"end\", text, speaker, cue, seq) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        claim(db,
              "INSERT INTO claims(article_id, kind, value, qualifier, unit, source, actor, date, start, \"end\", text, "
              "seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
        time(db, "INSERT INTO times(article_id, start, \"end\", text, value, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        event(db,
              "INSERT INTO events(article_id, source, target, cameo, plover, negated, modality, date, start, \"end\", "
              "text, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)") {}

  Statement has_article, count, begin, commit, rollback, by_hash, by_band, band;
  Statement article, article_fts, entity, mention, quote, quote_fts, reported, claim, time, event;
};

Store::~Store() {
  if (in_transaction_) rollback();
  st_.reset();
  sqlite3_close_v2(db_);
}

StoreStatus Store::status(int rc, std::string_view doing) const {
  StoreStatus s;
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return s;
  const std::string where = "the store " + path_ + ": " + std::string(doing) + ": ";
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      s.code = StoreStatus::Code::kBusy;
      s.message = where + "the database is locked by another process (is another sitrep ingest writing to it?)";
      break;
    case SQLITE_READONLY:
      s.code = StoreStatus::Code::kReadOnly;
      s.message = where + "the database is read-only (check the permissions of the file and its folder)";
      break;
    case SQLITE_CANTOPEN:
      s.code = StoreStatus::Code::kReadOnly;
      s.message = where + "cannot open the file (does its folder exist, and may it be written?)";
      break;
    case SQLITE_FULL:
      s.code = StoreStatus::Code::kFull;
      s.message = where + "the disk is full; free some space and run the same command again";
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      s.code = StoreStatus::Code::kCorrupt;
      s.message = where + "not a sitrep store, or a damaged one (" + sqlite3_errstr(rc) + ")";
      break;
    default:
      s.code = StoreStatus::Code::kError;
      s.message = where + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
  }
  return s;
}

StoreStatus Store::open(const std::string& path, const StoreOptions& options, std::unique_ptr<Store>& out) {
  std::unique_ptr<Store> s(new Store);
  s->path_ = path;
  int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX;  // one connection per thread
  int rc = sqlite3_open_v2(path.c_str(), &s->db_, flags, options.vfs.empty() ? nullptr : options.vfs.c_str());
  if (rc != SQLITE_OK) return s->status(rc, "opening");
  sqlite3_extended_result_codes(s->db_, 1);
  sqlite3_busy_timeout(s->db_, options.busy_timeout_ms);
  if (!options.read_only && sqlite3_db_readonly(s->db_, "main") == 1)
    return s->status(SQLITE_READONLY, "opening for writing");
  if (StoreStatus st = s->create_schema(); !st.ok()) return st;
  s->st_ = std::make_unique<Statements>(s->db_);
  out = std::move(s);
  return {};
}

StoreStatus Store::create_schema() {
  auto exec = [&](const char* sql, std::string_view doing) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    sqlite3_free(err);
    return status(rc, doing);
  };
  // Is this a sitrep store, an empty file, or something else?
  int rc = sqlite3_exec(db_, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return status(rc, "reading");
  bool has_meta = false, has_tables = false;
  {
    Statement q(db_, "SELECT name FROM sqlite_schema WHERE type = 'table'");
    while (q.step() == SQLITE_ROW) {
      has_tables = true;
      if (q.text(0) == "sitrep_meta") has_meta = true;
    }
  }
  if (has_tables && !has_meta) {
    StoreStatus s;
    s.code = StoreStatus::Code::kCorrupt;
    s.message = "the store " + path_ + ": an SQLite database, but not a sitrep store (no sitrep_meta table)";
    return s;
  }
  if (sqlite3_db_readonly(db_, "main") == 1) {
    if (!has_meta) return status(SQLITE_READONLY, "creating the tables");
    return {};
  }
  // WAL lets queries read while an ingest writes; NORMAL sync is durable at
  // each checkpoint and loses at most the last commits on a power cut.
  if (StoreStatus s = exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", "setting up the journal"); !s.ok())
    return s;
  // A larger page cache (up to 64 MB, taken as used) keeps the indexes that
  // every article touches in memory instead of re-reading them from the OS.
  exec("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;", "setting up the cache");
  if (has_meta) return {};
  return exec(kSchemaSql, "creating the tables");
}

bool Store::has_article(std::string_view id) {
  // Each look-up resets its statement at once: a statement left on a row
  // holds a read transaction, and an open reader stops WAL checkpoints, so
  // the WAL (and every look-up in it) would grow for the whole ingest.
  Statement& st = st_->has_article;
  st.bind(1, id);
  const bool found = st.step() == SQLITE_ROW;
  st.reset();
  return found;
}

int64_t Store::article_count() {
  Statement& st = st_->count;
  const int64_t n = st.step() == SQLITE_ROW ? st.integer(0) : 0;
  st.reset();
  return n;
}

StoreStatus Store::begin() {
  st_->begin.reset();
  int rc = st_->begin.step();
  if (rc == SQLITE_DONE) in_transaction_ = true;
  return status(rc, "starting a batch");
}

StoreStatus Store::commit() {
  st_->commit.reset();
  int rc = st_->commit.step();
  if (rc == SQLITE_DONE) in_transaction_ = false;
  return status(rc, "committing a batch");
}

void Store::rollback() {
  if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  in_transaction_ = false;
}

StoreStatus Store::find_duplicate(const StoredArticle& a, std::string& canonical) {
  canonical.clear();
  auto root = [](const Statement& st) { return std::string(st.is_null(1) ? st.text(0) : st.text(1)); };
  Statement& h = st_->by_hash;
  h.reset();
  h.bind(1, a.content_hash);
  int rc = h.step();
  if (rc == SQLITE_ROW) canonical = root(h);
  h.reset();
  if (rc == SQLITE_ROW) return {};
  if (rc != SQLITE_DONE) return status(rc, "looking for copies");
  if (a.minhash.empty()) return {};
  Statement& b = st_->by_band;
  b.reset();
  for (int i = 0; i < kMinHashBands; ++i) b.bind(i + 1, minhash_band_key(a.minhash, i));
  double best = kNearDuplicateSimilarity;
  while ((rc = b.step()) == SQLITE_ROW) {
    MinHash other;
    const void* blob = sqlite3_column_blob(b.get(), 2);
    if (!blob || sqlite3_column_bytes(b.get(), 2) != static_cast<int>(sizeof other.values)) continue;
    std::memcpy(other.values.data(), blob, sizeof other.values);
    other.valid = true;
    // The most similar earlier article; the first of equals.
    double sim = similarity(a.minhash, other);
    if (sim >= best + (canonical.empty() ? 0 : 1e-9)) {
      best = sim;
      canonical = root(b);
    }
  }
  b.reset();
  return status(rc, "looking for copies");
}

StoreStatus Store::add(const StoredArticle& a, AddResult* result) {
  if (result) *result = AddResult{};
  if (!in_transaction_) {
    if (StoreStatus s = begin(); !s.ok()) return s;
    StoreStatus s = add(a, result);
    if (!s.ok()) {
      rollback();
      return s;
    }
    return commit();
  }
  const Article& art = a.article;
  if (has_article(art.id)) return {};
  std::string canonical;
  if (StoreStatus s = find_duplicate(a, canonical); !s.ok()) return s;

  const JsonValue& r = a.record;
  int rc;
  auto done = [&](Statement& st, std::string_view doing) -> StoreStatus {
    rc = st.step();
    st.reset();
    return status(rc, doing);
  };
#define SITREP_STEP(st, doing) \
  if (StoreStatus s = done(st, doing); !s.ok()) return s

  Statement& ins = st_->article;
  ins.reset();
  ins.bind(1, art.id);
  ins.bind_or_null(2, art.url);
  bind_json(ins, 3, member(r, "title"));
  bind_json(ins, 4, member(r, "date"));
  ins.bind(5, art.text);
  ins.bind(6, a.content_hash);
  ins.bind_or_null(7, canonical);
  if (a.minhash.empty()) {
    ins.bind_null(8);
  } else {
    sqlite3_bind_blob(ins.get(), 8, a.minhash.values.data(), sizeof a.minhash.values, SQLITE_TRANSIENT);
  }
  SITREP_STEP(ins, "adding an article");
  const int64_t rowid = static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  if (!a.minhash.empty()) {
    for (int i = 0; i < kMinHashBands; ++i) {
      Statement& band = st_->band;
      band.bind(1, minhash_band_key(a.minhash, i));
      band.bind(2, rowid);
      SITREP_STEP(band, "indexing an article");
    }
  }
  Statement& fts = st_->article_fts;
  fts.bind(1, rowid);
  bind_json(fts, 2, member(r, "title"));
  fts.bind(3, art.text);
  SITREP_STEP(fts, "indexing an article");

  int64_t seq = 0, mention_seq = 0;
  for (const JsonValue& e : array_of(r, "entities")) {
    Statement& st = st_->entity;
    st.bind(9, seq++);
    st.bind(1, art.id);
    bind_json(st, 2, member(e, "id"));
    bind_json(st, 3, member(e, "type"));
    bind_json(st, 4, member(e, "name"));
    bind_json(st, 5, member(e, "actor_code"));
    const JsonValue no_attributes;
    const JsonValue* attrs = member(e, "attributes");
    if (!attrs) attrs = &no_attributes;
    bind_json(st, 6, attrs->find("country"));
    bind_json(st, 7, attrs->find("title"));
    bind_json(st, 8, attrs->find("role"));
    SITREP_STEP(st, "adding an entity");
    for (const JsonValue& m : array_of(e, "mentions")) {
      Statement& ms = st_->mention;
      ms.bind(1, art.id);
      ms.bind(7, mention_seq++);
      bind_json(ms, 2, member(e, "id"));
      bind_span(ms, 3, m);
      bind_json(ms, 6, member(m, "kind"));
      SITREP_STEP(ms, "adding a mention");
    }
  }
  for (const JsonValue& q : array_of(r, "quotes")) {
    Statement& st = st_->quote;
    st.bind(1, art.id);
    bind_span(st, 2, q);
    bind_json(st, 5, member(q, "speaker"));
    bind_json(st, 6, member(q, "cue"));
    bind_json(st, 7, member(q, "kind"));
    SITREP_STEP(st, "adding a quote");
    Statement& qf = st_->quote_fts;
    qf.bind(1, static_cast<int64_t>(sqlite3_last_insert_rowid(db_)));
    bind_json(qf, 2, member(q, "text"));
    SITREP_STEP(qf, "indexing a quote");
  }
  seq = 0;
  for (const JsonValue& q : array_of(r, "reported")) {
    Statement& st = st_->reported;
    st.bind(7, seq++);
    st.bind(1, art.id);
    bind_span(st, 2, q);
    bind_json(st, 5, member(q, "speaker"));
    bind_json(st, 6, member(q, "cue"));
    SITREP_STEP(st, "adding reported speech");
  }
  seq = 0;
  for (const JsonValue& c : array_of(r, "claims")) {
    Statement& st = st_->claim;
    st.bind(12, seq++);
    st.bind(1, art.id);
    bind_json(st, 2, member(c, "kind"));
    bind_json(st, 3, member(c, "value"));
    bind_json(st, 4, member(c, "qualifier"));
    bind_json(st, 5, member(c, "unit"));
    bind_json(st, 6, member(c, "source"));
    bind_json(st, 7, member(c, "actor"));
    bind_json(st, 8, member(c, "date"));
    bind_span(st, 9, c);
    SITREP_STEP(st, "adding a claim");
  }
  seq = 0;
  for (const JsonValue& t : array_of(r, "times")) {
    Statement& st = st_->time;
    st.bind(6, seq++);
    st.bind(1, art.id);
    bind_span(st, 2, t);
    bind_json(st, 5, member(t, "value"));
    SITREP_STEP(st, "adding a time");
  }
  seq = 0;
  for (const JsonValue& e : array_of(r, "events")) {
    Statement& st = st_->event;
    st.bind(12, seq++);
    st.bind(1, art.id);
    bind_json(st, 2, member(e, "source"));
    bind_json(st, 3, member(e, "target"));
    bind_json(st, 4, member(e, "cameo"));
    bind_json(st, 5, member(e, "plover"));
    bind_json(st, 6, member(e, "negated"));
    bind_json(st, 7, member(e, "modality"));
    bind_json(st, 8, member(e, "date"));
    const JsonValue* trigger = member(e, "trigger");
    const JsonValue none;
    bind_span(st, 9, trigger ? *trigger : none);
    SITREP_STEP(st, "adding an event");
  }
#undef SITREP_STEP
  if (result) {
    result->added = true;
    result->duplicate_of = canonical;
  }
  return {};
}

}  // namespace sitrep
