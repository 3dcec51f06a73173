// PgReader: sitrep serve's reads (reads.h) on a PostgreSQL archive
// (store/pg_archive.h), for `sitrep serve --db postgresql://...`.
//
// Each read of reads.h is run in PostgreSQL's form: pg_read_sql rewrites the
// SQLite statement (?N → $N, temp.named → pg_temp.named, a pair IN it → an
// EXISTS probe of its key, no INDEXED BY or CROSS JOIN, dates ordered NULLS
// FIRST and names COLLATE "C" as SQLite orders them, the quotes' full text by
// quote_rows.tsv), and the few that differ in substance are written apart:
// the entity's pairs (lower() for NOCASE; emptied by TRUNCATE), and the search
// (the newest kSearchCandidates matches of pg_tsquery over articles.tsv,
// ranked by ts_rank_cd). Each statement is prepared once per connection and
// planned for its values at each run. A connection that is lost (the server
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
