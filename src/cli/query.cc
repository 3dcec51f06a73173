// sitrep query: rows of one layer of a store, two aggregate views, and
// exports of the whole store. The SQL lives in src/store; this file parses
// flags and formats rows.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli/batch.h"
#include "cli/commands.h"
#include "ingest/date.h"
#include "output/json_writer.h"
#include "store/export.h"
#include "store/pg_archive.h"
#include "store/query.h"
#include "store/story_query.h"
#include "text/utf8.h"

namespace sitrep::cli {

const char* const kQueryHelp = R"(Usage: sitrep query --db PATH [FILTERS] [--format table|jsonl|csv] [--limit N]
       sitrep query --db PATH --by day [FILTERS]
       sitrep query --db PATH --figures KIND [FILTERS]
       sitrep query --db PATH --export jsonl|csv|gdelt --out DIR

Searches a store that `sitrep ingest` filled: a SQLite file, or a PostgreSQL
archive (--db postgresql://USER@HOST/DB; there --text is read by PostgreSQL's
websearch_to_tsquery: words, "exact phrase", OR, -word; --export and the story
views read a SQLite store only). The filters say which rows come back:
  --event CODE          events: a CAMEO code prefix (19 = fight, 190, 1823) or a
                        PLOVER type (ASSAULT, PROTEST, DEMAND ...)
  --actor CODE          events whose source or target has this actor code
                        prefix (ISR matches ISRMIL, ISRGOV)
  --claim KIND          claimed figures: killed, injured, hostages, arrested ...
  --speaker NAME        direct quotes and reported speech of this speaker
  --entity NAME         articles naming this entity (by its name or any of its
                        mentions: "Haliva" finds "Aharon Haliva"); with the
                        filters above, only rows where it is an actor/source
  --text QUERY          full text (SQLite FTS5, stemmed): words, "exact phrase",
                        OR, NOT, prefix*; over quotes when --speaker is given
  --since YYYY-MM-DD    on or after this day (the item's own date when it is a
  --until YYYY-MM-DD    whole day, else the article's publication date)
  --duplicates          include wire copies of articles already counted

Views:
  --by day              events per day per actor pair (source → target), with
                        the number of events, of articles and the PLOVER types;
                        negated events are left out
  --figures KIND        the figures claimed for KIND over time: per day and
                        source, the lowest and highest figure and how many
                        articles reported them

Output:
  --format FORMAT       table (the default on a terminal), jsonl (otherwise)
                        or csv. Each row of events, claims, quotes, entities
                        and articles has its article's `story` (see --story;
                        empty on a PostgreSQL archive, which has no stories)
  --limit N             at most N rows (default: 50 in a table, all otherwise;
                        0 for all)
  --stories             the stories (articles on one event or issue, found as
                        they were ingested): number, dates, size, title
  --story N             the articles of story N, by date; with --figures KIND,
                        the figures claimed for KIND within the story, per day
                        and source, each marked revised up, revised down (from
                        the source's previous figure) or disputed (another
                        source's figure differs that day)
  --export FORMAT       the whole store into --out DIR: jsonl (records.jsonl,
                        one record per article as extract writes them), csv
                        (one file per table; articles.csv ends with the
                        article's tone, entity_tones.csv the tone toward each
                        entity), gdelt (events.tsv in the GDELT 1.0 event
                        column order, AvgTone the article's tone)

Examples:
  sitrep query --db news.db --entity "Aharon Haliva"
  sitrep query --db news.db --event ASSAULT --since 2023-10-01 --until 2023-10-31
  sitrep query --db news.db --actor ISR --by day --format csv > pairs.csv
  sitrep query --db news.db --figures killed --entity Gaza
  sitrep query --db news.db --speaker Netanyahu --text ceasefire
  sitrep query --db news.db --text '"prime minister" AND resign*'
  sitrep query --db news.db --export gdelt --out export/

Exit codes: 0 ok (also when nothing matches), 1 the store could not be read,
2 usage error.
)";

namespace {

int usage_error(const std::string& message) { return cli::usage_error("query", message); }

// Display width of a cell, counting code points (good enough for news text).
size_t width(std::string_view s) { return count_codepoints(s); }

// Cuts `s` to at most `w` code points, with an ellipsis.
std::string fit(std::string_view s, size_t w) {
  std::string flat(s);
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  if (width(flat) <= w) return flat;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < flat.size() && n + 1 < w;) {
    uint32_t cp;
    size_t len = decode_utf8(flat, i, cp);
    out.append(flat, i, len);
    i += len;
    ++n;
  }
  return out + "…";
}

void print_table(const std::vector<std::string>& columns, const std::vector<QueryRow>& rows) {
  // Columns as wide as their content, up to a cap; long text columns are cut.
  std::vector<size_t> w(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    w[c] = width(columns[c]);
    for (const auto& r : rows) w[c] = std::max(w[c], width(r[c].text));
    w[c] = std::min<size_t>(w[c], columns[c] == "text" || columns[c] == "snippet" || columns[c] == "trigger" ? 70 : 40);
  }
  auto line = [&](auto&& cell) {
    std::string out;
    for (size_t c = 0; c < columns.size(); ++c) {
      std::string s = fit(cell(c), w[c]);
      out += s;
      if (c + 1 < columns.size()) out += std::string(w[c] - width(s) + 2, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    std::puts(out.c_str());
  };
  line([&](size_t c) { return columns[c]; });
  line([&](size_t c) { return std::string(w[c], '-'); });
  for (const auto& r : rows) line([&](size_t c) { return r[c].type == QueryCell::Type::kNull ? std::string("-") : r[c].text; });
}

std::string jsonl_row(const std::vector<std::string>& columns, const QueryRow& row) {
  std::string out;
  JsonWriter w(out, false);
  write_query_row(w, columns, row);
  out += '\n';
  return out;
}

std::string csv_row(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t c = 0; c < cells.size(); ++c) {
    if (c) out += ',';
    append_csv_field(out, cells[c]);
  }
  out += "\r\n";
  return out;
}

}  // namespace

int run_query(const std::vector<std::string>& args) {
  static const std::vector<FlagSpec> kFlags = {
      {"--db", "", true},      {"--entity", "", true},  {"--event", "", true},    {"--actor", "", true},
      {"--since", "", true},   {"--until", "", true},   {"--claim", "", true},    {"--speaker", "", true},
      {"--text", "", true},    {"--format", "", true},  {"--limit", "", true},    {"--by", "", true},
      {"--figures", "", true}, {"--export", "", true},  {"--out", "", true},      {"--duplicates", "", false},
      {"--story", "", true},   {"--stories", "", false}, {"--help", "-h", false},
  };
  ParsedArgs a;
  if (auto done = parse_command("query", args, kFlags, kQueryHelp, a)) return *done;
  if (!a.positional.empty()) return usage_error("unexpected argument '" + a.positional[0] + "'");
  const std::string db = a.get("--db");
  if (db.empty()) return usage_error("name the store with --db PATH");
  const bool postgres = is_postgres_url(db);
  std::error_code ec;
  if (!postgres && !std::filesystem::exists(db, ec))
    return usage_error("no store at '" + db + "' (make one with sitrep ingest)");

  QuerySpec spec;
  spec.entity = a.get("--entity");
  spec.event = a.get("--event");
  spec.actor = a.get("--actor");
  spec.since = a.get("--since");
  spec.until = a.get("--until");
  spec.claim = a.get("--claim");
  spec.speaker = a.get("--speaker");
  spec.text = a.get("--text");
  spec.figures = a.get("--figures");
  spec.include_duplicates = a.has("--duplicates");
  for (const char* flag : {"--since", "--until"})
    if (a.has(flag) && !is_valid_date(a.get(flag)))
      return usage_error(std::string(flag) + ": '" + a.get(flag) + "' is not a date of the form YYYY-MM-DD");
  if (a.has("--by")) {
    if (a.get("--by") != "day") return usage_error("--by takes 'day' (events per day per actor pair)");
    spec.by_day = true;
  }
  if (spec.by_day && !spec.figures.empty()) return usage_error("--by day and --figures are separate views; pick one");

  // A PostgreSQL archive (pg_archive.h) answers the filtered views; the story
  // views and the exports read the SQLite store only, for now.
  std::unique_ptr<PgArchive> pg;
  if (postgres) {
    for (const char* flag : {"--export", "--stories", "--story"})
      if (a.has(flag))
        return usage_error(std::string(flag) + " reads a SQLite store only; a PostgreSQL archive answers the filtered "
                                               "views (--entity, --event, --text, --claim, --speaker, --by, --figures)");
    PgOptions pg_options;
    pg_options.read_only = true;
    if (StoreStatus s = PgArchive::open(db, pg_options, pg); !s.ok()) {
      std::fprintf(stderr, "sitrep query: %s\n", s.message.c_str());
      return kExitInputFailed;
    }
  }
  std::unique_ptr<Store> store;
  StoreOptions options;
  options.read_only = true;
  if (StoreStatus s = postgres ? StoreStatus{} : Store::open(db, options, store); !s.ok()) {
    std::fprintf(stderr, "sitrep query: %s\n", s.message.c_str());
    return kExitInputFailed;
  }

  if (a.has("--export")) {
    const std::string f = a.get("--export");
    ExportFormat format;
    if (f == "jsonl") format = ExportFormat::kJsonl;
    else if (f == "csv") format = ExportFormat::kCsv;
    else if (f == "gdelt") format = ExportFormat::kGdelt;
    else return usage_error("--export must be jsonl, csv or gdelt, not '" + f + "'");
    if (!a.has("--out")) return usage_error("--export needs --out DIR, the folder for the files");
    size_t rows = 0;
    if (StoreStatus s = export_store(*store, format, a.get("--out"), spec.include_duplicates, rows); !s.ok()) {
      std::fprintf(stderr, "sitrep query: %s\n", s.message.c_str());
      return kExitInputFailed;
    }
    std::fprintf(stderr, "sitrep query: wrote %zu %s to %s\n", rows,
                 format == ExportFormat::kJsonl ? "records" : format == ExportFormat::kCsv ? "rows" : "events",
                 a.get("--out").c_str());
    return kExitOk;
  }

  const bool tty = isatty(STDOUT_FILENO) != 0;
  const std::string format = a.get("--format", tty ? "table" : "jsonl");
  if (format != "table" && format != "jsonl" && format != "csv")
    return usage_error("--format must be table, jsonl or csv, not '" + format + "'");
  spec.limit = format == "table" ? 50 : 0;
  if (a.has("--limit")) {
    const std::string v = a.get("--limit");
    char* end = nullptr;
    long long n = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end || n < 0) return usage_error("--limit must be a number (0 for all), not '" + v + "'");
    spec.limit = n;
  }

  // --stories lists the stories, --story N one story's articles (story_query.h).
  int64_t story = 0;
  if (a.has("--story")) {
    const std::string v = a.get("--story");
    char* end = nullptr;
    long long n = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end || n < 1) return usage_error("--story takes a story number (see --stories), not '" + v + "'");
    story = n;
  }
  const bool stories = a.has("--stories") || story > 0;

  std::vector<std::string> columns;
  std::vector<QueryRow> table;
  bool header_done = false;
  auto emit = [&](const QueryRow& row) {
    if (format == "table") {
      table.push_back(row);
      return;
    }
    std::string out;
    if (format == "csv") {
      if (!header_done) out = csv_row(columns);
      std::vector<std::string> cells;
      for (const auto& c : row) cells.push_back(c.text);
      out += csv_row(cells);
    } else {
      out = jsonl_row(columns, row);
    }
    header_done = true;
    std::fwrite(out.data(), 1, out.size(), stdout);
  };
  StoreStatus s = pg                                    ? run_pg_query(*pg, spec, columns, emit)
                   : !stories                            ? run_query(*store, spec, columns, emit)
                   : story > 0 && !spec.figures.empty() ? story_figures(*store, story, spec.figures, columns, emit)
                                                        : story_query(*store, story, spec.limit, columns, emit);
  if (!s.ok()) {
    std::fprintf(stderr, "sitrep query: %s\n", s.message.c_str());
    return kExitInputFailed;
  }
  if (format == "csv" && !header_done) std::fputs(csv_row(columns).c_str(), stdout);
  if (format == "table") {
    if (table.empty()) {
      std::fprintf(stderr, "sitrep query: nothing matches (%s view)\n", stories ? "stories" : query_view(spec).c_str());
      return kExitOk;
    }
    print_table(columns, table);
    if (spec.limit > 0 && static_cast<int64_t>(table.size()) == spec.limit)
      std::fprintf(stderr, "(the first %lld rows; --limit 0 shows all)\n", static_cast<long long>(spec.limit));
  }
  return kExitOk;
}

}  // namespace sitrep::cli
