// Queries over a store: filtered rows of one layer, and two aggregate views.
//
// Which rows come back follows from the filters given: events when an event
// type or an actor is asked for, claims for a claim kind, quotes for a speaker,
// entity rows for an entity alone, and articles otherwise. Every view honours
// the date range, the entity and the full-text query, and leaves out wire
// copies (articles with duplicate_of) unless asked to keep them.
//
//   QuerySpec q;
//   q.event = "19";            // CAMEO 19x, or a PLOVER type such as ASSAULT
//   q.since = "2024-01-01";
//   std::vector<std::string> columns;
//   run_query(store, q, columns, [](const std::vector<QueryCell>& row) { ... });
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "output/json_writer.h"
#include "store/store.h"

struct sqlite3_stmt;

// The form of a reported row in a speaker's quotes (the alias r is
// reported_rows): "reported", or with what it attributes beyond an assertion,
// "reported (belief)". Shared by sitrep query and sitrep serve.
#define SITREP_REPORTED_FORM \
  "'reported' || CASE WHEN r.kind IS NULL OR r.kind = 'assertion' THEN '' ELSE ' (' || r.kind || ')' END"

namespace sitrep {

struct QuerySpec {
  std::string entity;   // a name or any mention of it ("Haliva"), case-insensitive
  std::string event;    // a CAMEO code prefix ("19", "190") or a PLOVER type ("ASSAULT")
  std::string actor;    // an actor code prefix ("ISR" matches ISRMIL), source or target
  std::string since;    // YYYY-MM-DD, inclusive
  std::string until;    // YYYY-MM-DD, inclusive
  std::string claim;    // a claim kind: killed, injured, hostages ...
  std::string speaker;  // quotes and reported speech of this entity
  std::string text;     // an FTS5 query over article text (or quote text, with speaker)
  bool by_day = false;  // events per day per actor pair
  std::string figures;  // a claim kind: its figures over time, by source
  bool include_duplicates = false;
  int64_t limit = 0;  // 0: no limit
};

struct QueryCell {
  enum class Type { kNull, kInteger, kReal, kText } type = Type::kNull;
  std::string text;  // the value as text (numbers too)
};
using QueryRow = std::vector<QueryCell>;

// Steps a prepared statement to its end: sets `columns`, then hands each row
// to `row` as cells (numbers as text, whole figures without a fraction).
// Returns the last sqlite3_step code (SQLITE_DONE when all went well).
int step_rows(sqlite3_stmt* st, std::vector<std::string>& columns, const std::function<void(const QueryRow&)>& row);

// Writes one cell or row as JSON: integers and figures as numbers, "negated"
// as a boolean, NULL as null.
void write_query_cell(JsonWriter& w, const std::string& column, const QueryCell& cell);
void write_query_row(JsonWriter& w, const std::vector<std::string>& columns, const QueryRow& row);

// A PLOVER type as the store keeps it: upper case, with the 16-type manual's
// names for two of the gold records' types ("request" → DEMAND).
std::string plover_name(std::string s);
// The least string greater than every string that starts with `prefix`.
std::string prefix_end(std::string prefix);

// Names the view a spec selects: "events", "claims", "quotes", "entities",
// "articles", "by-day" or "figures".
std::string query_view(const QuerySpec& spec);

// The SQL of a query and the values of its named parameters (":since" ...),
// for callers that keep prepared statements (one per distinct SQL).
struct BuiltQuery {
  std::string sql;
  std::map<std::string, std::string> params;
};
// kPostgres: the same query for the PostgreSQL archive (pg_archive.h): lower()
// for NOCASE, tsvector matches for FTS5, string_agg for group_concat.
enum class SqlDialect { kSqlite, kPostgres };
BuiltQuery build_query(const QuerySpec& spec, SqlDialect dialect = SqlDialect::kSqlite);

// Binds `query`'s parameters to `st` (prepared from query.sql), steps it to
// its end and resets it; the status as run_query gives it.
StoreStatus run_prepared_query(Store& store, const QuerySpec& spec, const BuiltQuery& query, sqlite3_stmt* st,
                               std::vector<std::string>& columns, const std::function<void(const QueryRow&)>& row);

// Runs the query; `columns` is set before the first row. A bad FTS query or
// a bad value comes back as a status with a message.
StoreStatus run_query(Store& store, const QuerySpec& spec, std::vector<std::string>& columns,
                      const std::function<void(const QueryRow&)>& row);

}  // namespace sitrep
