// PgReader: sitrep serve's reads (reads.h) on a PostgreSQL archive
// (store/pg_archive.h), for `sitrep serve --db postgresql://...`.
//
// Each read of reads.h is run in PostgreSQL's form: pg_read_sql rewrites the
// SQLite statement (?N → $N, temp.named → pg_temp.named, tuples IN a table →
// IN a SELECT, no INDEXED BY, dates ordered NULLS FIRST and names COLLATE "C"
// as SQLite orders them), and the few that differ in substance are written
// apart: the entity's pairs (lower() for NOCASE), the search (the newest
// kSearchCandidates matches of websearch_to_tsquery over articles.tsv, ranked
// by ts_rank_cd) and the quotes' full text (quote_rows.tsv). Each statement is
// prepared once per connection. A connection that is lost (the server
// restarted or gone) gives 503 for the request at hand and is opened again by
// the next one. The archive keeps no stories: the story reads give no rows.
#pragma once

#include <memory>
#include <string>

#include "serve/reads.h"

namespace sitrep::serve {

// Opens a read-only reader of the archive `conninfo`.
StoreStatus open_pg_reader(const std::string& conninfo, std::unique_ptr<Reader>& out);

// PostgreSQL's form of one of reads.h's statements.
std::string pg_read_sql(const char* sqlite_sql);

}  // namespace sitrep::serve
