#include "store/store.h"

#include <sqlite3.h>

#include <sys/stat.h>

#include <array>
#include <chrono>
#include <tuple>
#include <cstring>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <vector>

#include "ingest/article_reader.h"
#include "store/rows.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace sitrep {

using store_internal::Statement;
using namespace store_internal;

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

const std::vector<JsonValue>& array_of(const JsonValue& o, std::string_view key) {
  static const std::vector<JsonValue> kEmpty;
  const JsonValue* v = o.find(key);
  return v && v->type == JsonValue::Type::kArray ? v->array : kEmpty;
}

// One row a statement. An insert of several rows would save the fixed cost
// of each run, but it opens a statement savepoint, and at each savepoint FTS5
// writes out its pending terms: the writer ran 59% more instructions so.
std::string layer_insert(Layer layer) {
  std::string sql = std::string("INSERT INTO ") + kLayerTable[layer] + "(article, " + kLayerColumns[layer] +
                    ") VALUES (?1";
  for (int i = 0; i < kLayerWidth[layer]; ++i) sql += ", ?" + std::to_string(i + 2);
  return sql + ")";
}

}  // namespace

namespace {

using Value = StoredArticle::Rows::Value;

// JSON null (or a missing member) is stored as SQL NULL, a string as text, so
// that the record comes back exactly as it went in.
Value value_of(const JsonValue* v) {
  Value out;
  if (!v || v->is_null()) return out;
  if (v->is_string()) {
    out.type = Value::Type::kText;
    out.text = v->string;
  } else if (v->type == JsonValue::Type::kNumber) {
    out.type = Value::Type::kReal;
    out.real = v->number;
  } else if (v->type == JsonValue::Type::kBool) {
    out.type = Value::Type::kInteger;
    out.integer = v->boolean;
  }
  return out;
}

Value integer_value(int64_t n) {
  Value out;
  out.type = Value::Type::kInteger;
  out.integer = n;
  return out;
}

void add_span(std::vector<Value>& row, const JsonValue& o) {
  row.push_back(integer_value(int_of(member(o, "start"))));
  row.push_back(integer_value(int_of(member(o, "end"))));
  row.push_back(value_of(member(o, "text")));
}

}  // namespace

std::shared_ptr<const StoredArticle::Rows> store_internal::rows_of(const JsonValue& r) {
  auto rows = std::make_shared<StoredArticle::Rows>();
  rows->title = value_of(member(r, "title"));
  rows->date = value_of(member(r, "date"));
  int64_t seq = 0, mention_seq = 0;
  const JsonValue no_attributes;
  for (const JsonValue& e : array_of(r, "entities")) {
    auto& row = rows->layers[kEntities];
    const auto& mentions = array_of(e, "mentions");
    const JsonValue* attrs = member(e, "attributes");
    if (!attrs) attrs = &no_attributes;
    row.push_back(integer_value(seq++));
    row.push_back(value_of(member(e, "id")));
    row.push_back(value_of(member(e, "type")));
    row.push_back(value_of(member(e, "name")));
    row.push_back(value_of(member(e, "actor_code")));
    row.push_back(value_of(attrs->find("title")));
    row.push_back(value_of(attrs->find("role")));
    row.push_back(value_of(attrs->find("country")));
    row.push_back(integer_value(static_cast<int64_t>(mentions.size())));
    if (const JsonValue* tone = member(e, "tone"); tone && tone->type == JsonValue::Type::kObject) {
      auto& trow = rows->layers[kEntityTones];
      trow.push_back(value_of(member(e, "id")));
      for (const char* key : {"toward", "sentences", "stance", "quotes"}) trow.push_back(value_of(tone->find(key)));
    }
    for (const JsonValue& m : mentions) {
      auto& mrow = rows->layers[kMentions];
      mrow.push_back(integer_value(mention_seq++));
      mrow.push_back(value_of(member(e, "id")));
      add_span(mrow, m);
      mrow.push_back(value_of(member(m, "kind")));
    }
  }
  for (const JsonValue& q : array_of(r, "quotes")) {
    auto& row = rows->layers[kQuotes];
    add_span(row, q);
    row.push_back(value_of(member(q, "speaker")));
    row.push_back(value_of(member(q, "cue")));
    row.push_back(value_of(member(q, "kind")));
  }
  seq = 0;
  for (const JsonValue& q : array_of(r, "reported")) {
    auto& row = rows->layers[kReported];
    row.push_back(integer_value(seq++));
    add_span(row, q);
    row.push_back(value_of(member(q, "speaker")));
    row.push_back(value_of(member(q, "cue")));
    row.push_back(value_of(member(q, "kind")));
  }
  seq = 0;
  for (const JsonValue& c : array_of(r, "claims")) {
    auto& row = rows->layers[kClaims];
    row.push_back(integer_value(seq++));
    for (const char* key : {"kind", "value", "qualifier", "unit", "source", "actor", "date"})
      row.push_back(value_of(member(c, key)));
    add_span(row, c);
  }
  seq = 0;
  for (const JsonValue& t : array_of(r, "times")) {
    auto& row = rows->layers[kTimes];
    row.push_back(integer_value(seq++));
    add_span(row, t);
    row.push_back(value_of(member(t, "value")));
  }
  seq = 0;
  for (const JsonValue& ev : array_of(r, "events")) {
    auto& row = rows->layers[kEvents];
    row.push_back(integer_value(seq++));
    for (const char* key : {"source", "target", "cameo", "plover", "negated", "modality", "date"})
      row.push_back(value_of(member(ev, key)));
    const JsonValue* trigger = member(ev, "trigger");
    const JsonValue none;
    add_span(row, trigger ? *trigger : none);
  }
  if (const JsonValue* tone = member(r, "tone"); tone && tone->type == JsonValue::Type::kObject)
    for (const char* key : {"tone", "positive", "negative", "polarity", "activity", "self_group", "words"})
      rows->layers[kTone].push_back(value_of(tone->find(key)));
  return rows;
}

namespace {

void bind_value(Statement& st, int i, const Value& v) {
  switch (v.type) {
    case Value::Type::kNull: return st.bind_null(i);
    case Value::Type::kInteger: return st.bind(i, v.integer);
    case Value::Type::kReal: return st.bind(i, v.real);
    case Value::Type::kText: return st.bind_static(i, v.text);
  }
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
  out.rows = rows_of(out.record);
  out.story_keys = story_keys(out.record, article.text);
  out.content_hash = hash_id(article.text);
  out.minhash = minhash(article.text);
  out.article = std::move(article);
  return out;
}

struct Store::Statements {
  Statements(sqlite3* db, bool has_tone, bool has_stories)
      : has_article(db, "SELECT 1 FROM articles WHERE id = ?1"),
        count(db, "SELECT count(*) FROM articles"),
        begin(db, "BEGIN IMMEDIATE"),
        commit(db, "COMMIT"),
        rollback(db, "ROLLBACK"),
        by_hash(db, "SELECT id, duplicate_of FROM articles WHERE content_hash = ?1 ORDER BY key LIMIT 1"),
        by_band(db,
                "SELECT id, duplicate_of, minhash FROM articles WHERE key IN (SELECT article FROM minhash_bands "
                "WHERE key IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
                "?20) LIMIT 512) ORDER BY key"),
        band(db, "INSERT OR IGNORE INTO minhash_bands(key, article) VALUES (?1, ?2)"),
        article(db,
                "INSERT INTO articles(id, url, title, date, text, content_hash, duplicate_of, minhash) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        article_fts(db, "INSERT INTO articles_fts(rowid, title, text) VALUES (?1, ?2, ?3)"),
        quote_fts(db, "INSERT INTO quotes_fts(rowid, text) VALUES (?1, ?2)") {
    if (has_stories) {
      story_of = Statement(db, "SELECT s.story FROM article_story_rows s JOIN articles a ON a.key = s.article "
                               "WHERE a.id = ?1");
      article_story = Statement(db, "INSERT INTO article_story_rows(article, story, keys) VALUES (?1, ?2, ?3)");
      // A story's dates span its articles'; its title is its first titled article's.
      story = Statement(db,
                        "INSERT INTO story_rows(story, first_date, last_date, articles, title) "
                        "VALUES (?1, ?2, ?2, 1, ?3) "
                        "ON CONFLICT(story) DO UPDATE SET articles = articles + 1, "
                        "title = coalesce(title, excluded.title), "
                        "first_date = CASE WHEN first_date IS NULL OR excluded.first_date < first_date "
                        "THEN coalesce(excluded.first_date, first_date) ELSE first_date END, "
                        "last_date = CASE WHEN last_date IS NULL OR excluded.last_date > last_date "
                        "THEN coalesce(excluded.last_date, last_date) ELSE last_date END");
    }
    for (int l = 0; l < (has_tone ? kLayers : kFirstToneLayer); ++l)
      layer[l] = Statement(db, layer_insert(static_cast<Layer>(l)));
  }

  Statement has_article, count, begin, commit, rollback, by_hash, by_band, band;
  Statement article, article_fts, quote_fts;
  Statement story_of, article_story, story;  // when the store has stories
  Statement layer[kLayers];
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
  // SQLite's memory statistics take a global mutex on every allocation, and
  // nothing here reads them. Only possible before SQLite starts; later calls
  // fail harmlessly.
  static const int kNoMemoryStatistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kNoMemoryStatistics;
  std::unique_ptr<Store> s(new Store);
  s->path_ = path;
  int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX;  // one connection per thread
  int rc = sqlite3_open_v2(path.c_str(), &s->db_, flags, options.vfs.empty() ? nullptr : options.vfs.c_str());
  if (rc != SQLITE_OK) return s->status(rc, "opening");
  sqlite3_extended_result_codes(s->db_, 1);
  sqlite3_busy_timeout(s->db_, options.busy_timeout_ms);
  s->busy_timeout_ms_ = options.busy_timeout_ms;
  if (!options.read_only && sqlite3_db_readonly(s->db_, "main") == 1)
    return s->status(SQLITE_READONLY, "opening for writing");
  if (StoreStatus st = s->create_schema(); !st.ok()) return st;
  {
    Statement q(s->db_, "SELECT 1 FROM sqlite_schema WHERE name = 'entity_tone_rows'");
    s->has_tone_ = q.step() == SQLITE_ROW;
  }
  {
    Statement q(s->db_, "SELECT 1 FROM sqlite_schema WHERE name = 'article_story_rows'");
    s->has_stories_ = q.step() == SQLITE_ROW;
  }
  s->st_ = std::make_unique<Statements>(s->db_, s->has_tone_, s->has_stories_);
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
  if (has_meta) {
    if (StoreStatus s = check_version(); !s.ok()) return s;
  }
  if (sqlite3_db_readonly(db_, "main") == 1) {
    if (!has_meta) return status(SQLITE_READONLY, "creating the tables");
    // A query that lists thousands of articles reads their rows from all over
    // the file: mapped, they are not copied page by page into the cache.
    exec("PRAGMA mmap_size = 268435456;", "mapping the store");
    return {};
  }
  // WAL lets queries read while an ingest writes; NORMAL sync is durable at
  // each checkpoint and loses at most the last commits on a power cut.
  if (StoreStatus s = exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", "setting up the journal"); !s.ok())
    return s;
  // A larger page cache (up to 64 MB, taken as used) keeps the indexes that
  // every article touches in memory instead of re-reading them from the OS.
  exec("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;", "setting up the cache");
  if (!has_meta)
    if (StoreStatus s = exec(schema_sql().c_str(), "creating the tables"); !s.ok()) return s;
  // Tables added to version 2 later, created where they are missing.
  for (auto [table, sql, doing] : {std::tuple{"entity_tone_rows", kToneSchemaSql, "creating the tone tables"},
                                   std::tuple{"article_story_rows", kStorySchemaSql, "creating the story tables"}}) {
    bool present = false;
    {
      Statement q(db_, std::string("SELECT 1 FROM sqlite_schema WHERE name = '") + table + "'");
      present = q.step() == SQLITE_ROW;
    }
    if (!present)
      if (StoreStatus s = exec(sql, doing); !s.ok()) return s;
  }
  return {};
}

StoreStatus Store::check_version() {
  std::string version;
  {
    Statement q(db_, "SELECT value FROM sitrep_meta WHERE key = 'schema'");
    int rc = q.step();
    if (rc == SQLITE_ROW) version = std::string(q.text(0));
    else if (rc != SQLITE_DONE) return status(rc, "reading the schema version");
  }
  if (version == std::to_string(kSchemaVersion)) return {};
  // Version 2 lacks only the kind of reported items: a store whose file can
  // be written is upgraded in place (its reported items get no kind: null),
  // also when opened for reading (serve, query), through a second connection.
  if (version == "2") {
    sqlite3* rw = db_;
    if (sqlite3_db_readonly(db_, "main") == 1 &&
        sqlite3_open_v2(path_.c_str(), &rw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      sqlite3_close(rw);
      rw = nullptr;
    }
    if (rw) {
      sqlite3_busy_timeout(rw, 5000);
      char* err = nullptr;
      const int rc = sqlite3_exec(rw, kUpgrade2To3Sql, nullptr, nullptr, &err);
      sqlite3_free(err);
      if (rc != SQLITE_OK) sqlite3_exec(rw, "ROLLBACK", nullptr, nullptr, nullptr);
      if (rw != db_) sqlite3_close(rw);
      if (rc == SQLITE_OK) return {};
      if (rw == db_) return status(rc, "upgrading the store from schema version 2 to 3");
    }
  }
  StoreStatus s;
  s.code = StoreStatus::Code::kVersion;
  const bool older = !version.empty() && std::strtol(version.c_str(), nullptr, 10) < kSchemaVersion;
  s.message = "the store " + path_ + " has schema version " + (version.empty() ? "(none)" : version) +
              ", and this sitrep reads version " + std::to_string(kSchemaVersion) + ": " +
              (version == "2" ? "it was made by an older sitrep, and this one could not upgrade it in place (the "
                                "file cannot be written); copy it somewhere writable and open it there once"
               : older ? "it was made by an older sitrep. Ingest the corpus again into a new store (--db NEW.db); "
                         "the old file is left as it is"
                     : "it was made by a newer sitrep; use that one");
  return s;
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
  if (rc == SQLITE_DONE) {
    in_transaction_ = false;
    restart_wal();
  }
  return status(rc, "committing a batch");
}

// SQLite's automatic checkpoints (passive, after a commit) copy the WAL into
// the store, but the WAL starts over only when no reader is inside it: with
// readers all the time (sitrep serve under load) it would grow for the whole
// ingest. Between two batches the writer holds no lock and can wait a moment
// for the readers: past 16 MB, a TRUNCATE checkpoint that waits up to a
// second, looking every millisecond, empties the WAL.
void Store::restart_wal() {
  constexpr off_t kWalRestartBytes = off_t{16} << 20;
  const char* db_file = sqlite3_db_filename(db_, "main");
  struct stat st;
  if (!db_file || !*db_file || ::stat((std::string(db_file) + "-wal").c_str(), &st) != 0 ||
      st.st_size < kWalRestartBytes)
    return;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  sqlite3_busy_handler(
      db_,
      [](void* until, int) {
        if (std::chrono::steady_clock::now() > *static_cast<std::chrono::steady_clock::time_point*>(until)) return 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return 1;
      },
      &deadline);
  sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  sqlite3_busy_timeout(db_, busy_timeout_ms_);
}

void Store::rollback() {
  if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  in_transaction_ = false;
  story_index_.reset();
}

StoreStatus Store::load_stories() {
  auto index = std::make_unique<StoryIndex>();
  Statement st(db_,
               "SELECT s.story, a.date, s.keys FROM article_story_rows s JOIN articles a ON a.key = s.article "
               "ORDER BY s.article");
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) {
    const void* blob = sqlite3_column_blob(st.get(), 2);
    const std::string_view keys(static_cast<const char*>(blob), blob ? sqlite3_column_bytes(st.get(), 2) : 0);
    index->add(st.integer(0), decode_story_keys(keys), st.is_null(1) ? kNoDay : day_number(st.text(1)));
  }
  if (rc != SQLITE_DONE) return status(rc, "reading the stories");
  story_index_ = std::move(index);
  return {};
}

StoreStatus Store::add_to_story(const StoredArticle& a, int64_t key, const std::string& canonical, AddResult* result) {
  if (!story_index_)
    if (StoreStatus s = load_stories(); !s.ok()) return s;
  int64_t story = 0;
  if (!canonical.empty()) {
    Statement& of = st_->story_of;
    of.bind(1, canonical);
    if (of.step() == SQLITE_ROW) story = of.integer(0);
    of.reset();
  }
  const std::string& date = a.rows && a.rows->date.type == StoredArticle::Rows::Value::Type::kText ? a.rows->date.text
                                                                                                   : a.article.date;
  const int32_t day = day_number(date);
  if (story == 0) story = story_index_->assign(a.story_keys, day);
  story_index_->add(story, a.story_keys, day);
  const std::string keys = encode_story_keys(a.story_keys);
  Statement& as = st_->article_story;
  as.bind(1, key);
  as.bind(2, story);
  sqlite3_bind_blob(as.get(), 3, keys.data(), static_cast<int>(keys.size()), SQLITE_STATIC);
  int rc = as.step();
  as.reset();
  if (StoreStatus s = status(rc, "adding an article to its story"); !s.ok()) return s;
  Statement& st = st_->story;
  st.bind(1, story);
  day == kNoDay ? st.bind_null(2) : st.bind_static(2, date);
  a.article.title.empty() ? st.bind_null(3) : st.bind_static(3, a.article.title);
  rc = st.step();
  st.reset();
  if (result) result->story = story;
  return status(rc, "adding a story");
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

  // An article made without prepare_article has its record only.
  const std::shared_ptr<const StoredArticle::Rows> own_rows = a.rows ? a.rows : rows_of(a.record);
  const StoredArticle::Rows& rows = *own_rows;
  int rc;
  auto done = [&](Statement& st, std::string_view doing) -> StoreStatus {
    rc = st.step();
    st.reset();
    return status(rc, doing);
  };
#define SITREP_STEP(st, doing) \
  if (StoreStatus s = done(st, doing); !s.ok()) return s

  Statement& ins = st_->article;
  ins.bind_static(1, art.id);
  art.url.empty() ? ins.bind_null(2) : ins.bind_static(2, art.url);
  bind_value(ins, 3, rows.title);
  bind_value(ins, 4, rows.date);
  ins.bind_static(5, art.text);
  ins.bind_static(6, a.content_hash);
  canonical.empty() ? ins.bind_null(7) : ins.bind_static(7, canonical);
  if (a.minhash.empty()) {
    ins.bind_null(8);
  } else {
    sqlite3_bind_blob(ins.get(), 8, a.minhash.values.data(), sizeof a.minhash.values, SQLITE_STATIC);
  }
  SITREP_STEP(ins, "adding an article");
  const int64_t key = static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  if (!a.minhash.empty()) {
    Statement& band = st_->band;
    for (int i = 0; i < kMinHashBands; ++i) {
      band.bind(1, minhash_band_key(a.minhash, i));
      band.bind(2, key);
      SITREP_STEP(band, "indexing an article");
    }
  }
  Statement& fts = st_->article_fts;
  fts.bind(1, key);
  bind_value(fts, 2, rows.title);
  fts.bind_static(3, art.text);
  SITREP_STEP(fts, "indexing an article");

  static constexpr const char* kDoing[kLayers] = {"adding an entity", "adding a mention", "adding a quote",
                                                  "adding reported speech", "adding a claim", "adding a time",
                                                  "adding an event", "adding an entity's tone",
                                                  "adding the article's tone"};
  for (int l = 0; l < (has_tone_ ? kLayers : kFirstToneLayer); ++l) {
    const std::vector<Value>& values = rows.layers[l];
    const size_t width = static_cast<size_t>(kLayerWidth[l]);
    Statement& st = st_->layer[l];
    for (size_t row = 0; row + width <= values.size(); row += width) {
      st.bind(1, key);
      for (size_t c = 0; c < width; ++c) bind_value(st, static_cast<int>(c) + 2, values[row + c]);
      SITREP_STEP(st, kDoing[l]);
      if (l == kQuotes) {
        Statement& qf = st_->quote_fts;
        qf.bind(1, static_cast<int64_t>(sqlite3_last_insert_rowid(db_)));
        bind_value(qf, 2, values[row + kQuoteTextColumn]);
        SITREP_STEP(qf, "indexing a quote");
      }
    }
  }
#undef SITREP_STEP
  if (has_stories_)
    if (StoreStatus s = add_to_story(a, key, canonical, result); !s.ok()) return s;
  if (result) {
    result->added = true;
    result->duplicate_of = canonical;
  }
  return {};
}

}  // namespace sitrep
