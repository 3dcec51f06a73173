#include "store/export.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "store/sqlite.h"

namespace sitrep {

using store_internal::Statement;

namespace {

StoreStatus io_error(const std::string& path) {
  StoreStatus s;
  s.code = StoreStatus::Code::kError;
  s.message = "cannot write " + path + ": " + std::strerror(errno);
  return s;
}

const char* kTables[] = {"articles", "entities", "mentions", "quotes", "reported", "claims", "times", "events",
                         "entity_tones"};

// GDELT's QuadClass from the CAMEO root: verbal and material cooperation,
// verbal and material conflict.
const char* quad_class(std::string_view cameo) {
  if (cameo.size() < 2) return "";
  int root = (cameo[0] - '0') * 10 + (cameo[1] - '0');
  if (root >= 1 && root <= 4) return "1";
  if (root >= 5 && root <= 8) return "2";
  if (root >= 9 && root <= 13) return "3";
  if (root >= 14 && root <= 20) return "4";
  return "";
}

std::string tsv_field(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

}  // namespace

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

StoreStatus export_store(Store& store, ExportFormat format, const std::string& dir, bool include_duplicates,
                         size_t& rows) {
  rows = 0;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    StoreStatus s;
    s.code = StoreStatus::Code::kError;
    s.message = "cannot create the folder " + dir + ": " + ec.message();
    return s;
  }
  sqlite3* db = store.handle();
  // One read transaction, so that an ingest running meanwhile does not make the files disagree.
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  struct EndRead {
    sqlite3* db;
    ~EndRead() { sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr); }
  } end_read{db};
  const std::string keep = include_duplicates ? "1" : "a.duplicate_of IS NULL";
  // The article's tone (GDELT's V1.5TONE fields), where the store has it.
  const std::string tone_columns =
      store.has_tone() ? ", tn.tone, tn.positive, tn.negative, tn.polarity, tn.activity, tn.self_group, tn.words" : "";
  const std::string tone_join = store.has_tone() ? " LEFT JOIN tone_rows tn ON tn.article = a.key" : "";
  // And its story (stories.h).
  const std::string story_column = store.has_stories() ? ", st.story" : "";
  const std::string story_join = store.has_stories() ? " LEFT JOIN article_story_rows st ON st.article = a.key" : "";
  std::string buf;

  if (format == ExportFormat::kJsonl) {
    const std::string path = dir + "/records.jsonl";
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return io_error(path);
    Statement ids(db, "SELECT id FROM articles a WHERE " + keep + " ORDER BY rowid");
    while (ids.step() == SQLITE_ROW) {
      buf.clear();
      if (StoreStatus s = store.record(ids.text(0), buf); !s.ok()) return s;
      buf += '\n';
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      ++rows;
    }
    if (!out.flush()) return io_error(path);
    return {};
  }

  if (format == ExportFormat::kCsv) {
    for (const char* table : kTables) {
      const bool tone_table = std::string(table) == "entity_tones";
      if (tone_table && !store.has_tone()) continue;
      const std::string path = dir + "/" + table + ".csv";
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      if (!out) return io_error(path);
      const std::string sql =
          std::string(table) == "articles"
              ? "SELECT id, url, title, date, text, content_hash, duplicate_of, added" + tone_columns + story_column +
                    " FROM articles a" + tone_join + story_join + " WHERE " + keep + " ORDER BY a.key"
          : tone_table
              // With the entity's name, so that the file reads on its own.
              ? "SELECT a.id AS article_id, t.entity_id, e.name, t.toward, t.sentences, t.stance, t.quotes "
                "FROM entity_tone_rows t JOIN articles a ON a.key = t.article LEFT JOIN entity_rows e ON "
                "e.article = t.article AND e.entity_id = t.entity_id WHERE " + keep + " ORDER BY a.key, e.seq"
          : std::string(table) == "quotes"
              // The view's rowid column is for the full-text index, not for the file.
              ? "SELECT t.article_id, t.start, t.\"end\", t.text, t.speaker, t.cue, t.kind FROM quotes t JOIN articles "
                "a ON a.id = t.article_id WHERE " + keep + " ORDER BY t.rowid"
              : "SELECT t.* FROM " + std::string(table) + " t JOIN articles a ON a.id = t.article_id WHERE " + keep +
                    " ORDER BY a.rowid, t.seq";
      Statement st(db, sql);
      buf.clear();
      for (int c = 0; c < st.columns(); ++c) {
        if (c) buf += ',';
        buf += st.column_name(c);
      }
      buf += "\r\n";
      while (st.step() == SQLITE_ROW) {
        for (int c = 0; c < st.columns(); ++c) {
          if (c) buf += ',';
          if (sqlite3_column_type(st.get(), c) == SQLITE_FLOAT) {
            char num[32];
            std::snprintf(num, sizeof num, "%.15g", st.real(c));
            buf += num;
          } else {
            append_csv_field(buf, st.text(c));
          }
        }
        buf += "\r\n";
        ++rows;
        if (buf.size() > (1 << 20)) {
          out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
          buf.clear();
        }
      }
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      if (!out.flush()) return io_error(path);
    }
    return {};
  }

  // GDELT 1.0 event columns, the ones sitrep can fill, in GDELT's order.
  const std::string path = dir + "/events.tsv";
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return io_error(path);
  out << "GLOBALEVENTID\tSQLDATE\tActor1Code\tActor1Name\tActor1CountryCode\tActor2Code\tActor2Name\t"
         "Actor2CountryCode\tIsRootEvent\tEventCode\tEventBaseCode\tEventRootCode\tQuadClass\tGoldsteinScale\t"
         "NumMentions\tNumSources\tNumArticles\tAvgTone\tDATEADDED\tSOURCEURL\tPLOVER\tArticleID\tTrigger\tStoryID\n";
  Statement st(db,
               "SELECT a.rowid * 1000 + ev.seq, CASE WHEN length(ev.date) = 10 THEN ev.date ELSE a.date END, s.actor_code, s.name, "
               "s.country, t.actor_code, t.name, t.country, ev.cameo, a.added, coalesce(a.url, ''), ev.plover, "
               "a.id, ev.text, " + std::string(store.has_tone() ? "tn.tone" : "NULL") +
               (store.has_stories() ? ", st.story" : ", NULL") +
               " FROM event_rows ev JOIN articles a ON a.key = ev.article" + tone_join + story_join + " "
               "LEFT JOIN entity_rows s ON s.article = ev.article AND s.entity_id = ev.source "
               "LEFT JOIN entity_rows t ON t.article = ev.article AND t.entity_id = ev.target "
               "WHERE ev.negated = 0 AND " + keep + " ORDER BY a.rowid, ev.seq");
  while (st.step() == SQLITE_ROW) {
    auto day = [](std::string_view d) {
      std::string out;
      for (char c : d)
        if (c != '-') out += c;
      return out.size() == 8 ? out : std::string();
    };
    std::string_view cameo = st.text(8);
    buf.clear();
    buf += std::to_string(st.integer(0));
    buf += '\t' + day(st.text(1));
    for (int c : {2, 3, 4, 5, 6, 7}) buf += '\t' + tsv_field(st.text(c));
    buf += "\t1\t";
    buf += cameo;
    buf += '\t';
    buf += cameo.substr(0, 3);
    buf += '\t';
    buf += cameo.substr(0, 2);
    buf += '\t';
    buf += quad_class(cameo);
    buf += "\t\t1\t1\t1\t";
    // AvgTone: GDELT averages the tone of the articles that report the
    // event; here there is one article.
    if (!st.is_null(14)) {
      char num[32];
      std::snprintf(num, sizeof num, "%.15g", st.real(14));
      buf += num;
    }
    buf += '\t';
    buf += day(st.text(9).substr(0, 10));
    buf += '\t' + tsv_field(st.text(10));
    buf += '\t' + tsv_field(st.text(11));
    buf += '\t' + tsv_field(st.text(12));
    buf += '\t' + tsv_field(st.text(13));
    // StoryID (after sitrep's own columns): the article's story, empty where it has none.
    buf += '\t';
    if (!st.is_null(15)) buf += std::to_string(st.integer(15));
    buf += '\n';
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    ++rows;
  }
  if (!out.flush()) return io_error(path);
  return {};
}

}  // namespace sitrep
