// Store: the archive of article records in one SQLite file.
//
// Tables (offsets are code points, as in the record of SCHEMA.md):
//   articles(id, url, title, date, text, content_hash, duplicate_of, minhash, added, key)
//   entities(article_id, entity_id, type, name, actor_code, country, title, role)
//   mentions(article_id, entity_id, start, end, text, kind)
//   quotes(article_id, start, end, text, speaker, cue, kind)
//   reported(article_id, start, end, text, speaker, cue)
//   claims(article_id, kind, value, qualifier, unit, source, actor, date, start, end, text)
//   times(article_id, start, end, text, value)
//   events(article_id, source, target, cameo, plover, negated, modality, date, start, end, text)
//   tones(article_id, tone, positive, negative, polarity, activity, self_group, words)
//   entity_tones(article_id, entity_id, toward, sentences, stance, quotes)
//   stories(story, first_date, last_date, articles, title), article_stories(article_id, story):
//     the story each article was assigned to as it was added (stories.h); a wire copy
//     is in the story of the article it copies
//   articles_fts(title, text), quotes_fts(text): FTS5 indexes over articles and quotes.
//   minhash_bands(key, article): the LSH index of wire copies (minhash.h).
// Entity references (speaker, source, actor, event source/target) are the
// record's entity ids ("e4") of the same article. The layers are views over
// tables keyed by the article's integer key (entity_rows(article, ...) and so
// on; schema.h), which the store's own queries read directly. A store of
// another schema version is refused with a message (StoreStatus::Code::kVersion).
//
// Writing is idempotent: an article whose id is stored already is skipped, so
// a corpus can be ingested again after a crash and only the rest is added. The
// database runs in WAL mode and commits in batches; a crash loses at most the
// batch in flight. After a commit that leaves the WAL over 16 MB, the writer
// waits a moment for readers to leave it and empties it (restart_wal), so that
// the WAL stays small while `sitrep serve` reads the store all the time. Wire copies of one story are linked: an article whose text
// is the same as, or nearly the same as (MinHash over word shingles), one
// stored before gets duplicate_of = that article's id.
//
// All file I/O goes through SQLite's VFS, which is the one seam for faults:
// tests open the store on the fault-injecting VFS of fault_vfs.h.
//
//   std::unique_ptr<Store> store;
//   StoreStatus s = Store::open("sitrep.db", {}, store);
//   if (!s.ok()) fail(s.message);
//   s = store->begin();
//   for (auto& a : batch) s = store->add(prepare_article(doc, {}), nullptr);
//   s = store->commit();
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/json.h"
#include "sitrep/document.h"
#include "sitrep/record.h"
#include "store/minhash.h"
#include "store/stories.h"

struct sqlite3;

namespace sitrep {

struct StoreStatus {
  // kUnavailable: a database server that cannot be reached, or went away (pg_archive.h).
  enum class Code { kOk, kBusy, kReadOnly, kFull, kCorrupt, kNotFound, kError, kVersion, kUnavailable };
  Code code = Code::kOk;
  std::string message;  // what went wrong and what to do, for the user
  bool ok() const { return code == Code::kOk; }
};

struct StoreOptions {
  bool read_only = false;
  // How long to wait for another process's write lock before giving up.
  int busy_timeout_ms = 5000;
  // A registered SQLite VFS name ("" for the default); tests inject faults here.
  std::string vfs;
};

// What the store keeps of one article. Made by prepare_article on a worker
// thread, so the single writer only binds values and inserts.
struct StoredArticle {
  struct Rows;  // the rows of every layer, ready to bind (store.cc)
  Article article;
  JsonValue record;          // the record of SCHEMA.md, parsed (the writer reads `rows`, not this)
  std::string content_hash;  // of the text, for exact copies
  MinHash minhash;           // of its word shingles, for near copies
  std::vector<uint64_t> story_keys;  // what its story is found by (stories.h)
  std::shared_ptr<const Rows> rows;
};

StoredArticle prepare_article(const Document& doc, const RecordOptions& options);
// The same from a record that was written already (its text is the article's).
StoredArticle prepare_article(Article article, std::string_view record_json);

struct AddResult {
  bool added = false;        // false: the id was stored already
  std::string duplicate_of;  // the article this one copies, or ""
  int64_t story = 0;         // the story it joined (0 in a store without stories)
};

class Store {
 public:
  // Opens (and creates, unless read-only) the store at `path`.
  static StoreStatus open(const std::string& path, const StoreOptions& options, std::unique_ptr<Store>& out);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  bool has_article(std::string_view id);
  int64_t article_count();

  // A write transaction; add() outside one commits each article alone.
  StoreStatus begin();
  StoreStatus add(const StoredArticle& a, AddResult* result);
  StoreStatus commit();
  void rollback();

  // The record of a stored article, as write_record writes it (compact).
  StoreStatus record(std::string_view id, std::string& out);

  const std::string& path() const { return path_; }
  // Whether the store has the tone tables (a read-only store made before them has not).
  bool has_tone() const { return has_tone_; }
  // Whether the store has the story tables (a read-only store made before them has not).
  bool has_stories() const { return has_stories_; }
  sqlite3* handle() const { return db_; }

  // The status of SQLite result `rc`, with advice for the user.
  StoreStatus status(int rc, std::string_view doing) const;

 private:
  struct Statements;
  Store() = default;
  StoreStatus create_schema();
  StoreStatus check_version();
  StoreStatus find_duplicate(const StoredArticle& a, std::string& canonical);
  void restart_wal();

  std::string path_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<Statements> st_;
  bool in_transaction_ = false;
  int busy_timeout_ms_ = 0;
  bool has_tone_ = false;
  bool has_stories_ = false;
  // The stories of the articles stored, loaded at the first add; dropped on
  // a rollback (it would hold the articles rolled back) and loaded again.
  std::unique_ptr<StoryIndex> story_index_;
  StoreStatus load_stories();
  StoreStatus add_to_story(const StoredArticle& a, int64_t key, const std::string& canonical, AddResult* result);
};

}  // namespace sitrep
