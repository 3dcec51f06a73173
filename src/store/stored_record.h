// A stored article's record, rebuilt from the archive's rows in the order and
// form that write_record gives it, whichever database holds the rows: the
// SQLite store (Store::record) and the PostgreSQL archive (sitrep serve's
// PostgreSQL reader) both write it here, from the rows of the same queries.
//
//   class MyRows : public RecordSource { ... rows(part, id, key, sink) ... };
//   std::string json;
//   StoreStatus s = write_stored_record("haliva-resigns", rows, {true, false, "news.db"}, json);
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "store/store.h"

namespace sitrep {

// One row of a part, as the database gives it.
class StoredCells {
 public:
  virtual bool is_null(int col) const = 0;
  virtual std::string_view text(int col) const = 0;
  virtual int64_t integer(int col) const = 0;
  virtual double real(int col) const = 0;

 protected:
  ~StoredCells() = default;
};

// The parts of a record, each one query (record_part_sql).
enum class RecordPart {
  kArticle,      // ?1 the article's id → id, title, date, key
  kMentions,     // ?1 the article's key, here and below
  kEntityTones,  // (a store with the tone tables)
  kEntities,
  kQuotes,
  kReported,
  kClaims,
  kTimes,
  kEvents,
  kTone,   // (a store with the tone tables)
  kStory,  // (a store with the story tables)
  kParts,
};

// The SQL of a part in SQLite's dialect (?1; quotes ordered by rowid).
const char* record_part_sql(RecordPart part);

class RecordSource {
 public:
  // Hands each row of `part` to `row`: of the article `id` (kArticle), or of
  // the article whose key is `key` (the others).
  virtual StoreStatus rows(RecordPart part, std::string_view id, int64_t key,
                           const std::function<void(const StoredCells&)>& row) = 0;

 protected:
  ~RecordSource() = default;
};

struct StoredRecordOptions {
  bool tone = false;      // the store has the tone tables
  bool stories = false;   // the store has the story tables
  std::string archive;    // its name, for the message when there is no such article
};

// The record of article `id`, compact; kNotFound when there is none.
StoreStatus write_stored_record(std::string_view id, RecordSource& source, const StoredRecordOptions& options,
                                std::string& out);

}  // namespace sitrep
