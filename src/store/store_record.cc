// Store::record: a stored article's record, rebuilt from the tables in the
// order and form that write_record gives it, so that the store round-trips;
// it ends with the article's story ("story": 12), which the store adds.
#include <sqlite3.h>

#include <optional>
#include <unordered_map>
#include <vector>

#include "output/json_writer.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace sitrep {

using store_internal::Statement;

namespace {

void write_text_or_null(JsonWriter& w, const Statement& st, int col) {
  if (st.is_null(col)) {
    w.null();
  } else {
    w.value(st.text(col));
  }
}

void write_span(JsonWriter& w, const Statement& st, int first) {
  w.key("start");
  w.value(st.integer(first));
  w.key("end");
  w.value(st.integer(first + 1));
  w.key("text");
  write_text_or_null(w, st, first + 2);
}

}  // namespace

StoreStatus Store::record(std::string_view id, std::string& out) {
  Statement a(db_, "SELECT id, title, date, key FROM articles WHERE id = ?1");
  a.bind(1, id);
  int rc = a.step();
  if (rc == SQLITE_DONE) {
    StoreStatus s;
    s.code = StoreStatus::Code::kNotFound;
    s.message = "no article '" + std::string(id) + "' in " + path_;
    return s;
  }
  if (rc != SQLITE_ROW) return status(rc, "reading an article");
  const int64_t article_key = a.integer(3);
  JsonWriter w(out, false);
  w.begin_object();
  w.key("id");
  w.value(a.text(0));
  w.key("title");
  write_text_or_null(w, a, 1);
  w.key("date");
  write_text_or_null(w, a, 2);

  // Mentions grouped by entity, in the order they were stored.
  struct StoredMention {
    int64_t start, end;
    std::optional<std::string> text, kind;
  };
  std::unordered_map<std::string, std::vector<StoredMention>> mentions_of;
  Statement m(db_, "SELECT entity_id, start, \"end\", text, kind FROM mention_rows WHERE article = ?1 ORDER BY seq");
  m.bind(1, article_key);
  auto opt = [](const Statement& st, int col) {
    return st.is_null(col) ? std::nullopt : std::optional<std::string>(st.text(col));
  };
  while (m.step() == SQLITE_ROW)
    mentions_of[std::string(m.text(0))].push_back({m.integer(1), m.integer(2), opt(m, 3), opt(m, 4)});
  auto text_or_null = [&](const std::optional<std::string>& s) { s ? w.value(*s) : w.null(); };
  // A JSON number, or null, from a column.
  auto number = [&](const Statement& st, int col) {
    if (st.is_null(col)) {
      w.null();
    } else {
      w.value(st.real(col));
    }
  };

  // The tone toward each entity, by entity id (tone_scorer.h).
  struct StoredTone {
    std::optional<double> values[4];
  };
  std::unordered_map<std::string, StoredTone> tone_of;
  if (has_tone_) {
    Statement t(db_, "SELECT entity_id, toward, sentences, stance, quotes FROM entity_tone_rows WHERE article = ?1");
    t.bind(1, article_key);
    while (t.step() == SQLITE_ROW) {
      StoredTone& stored = tone_of[std::string(t.text(0))];
      for (int c = 0; c < 4; ++c)
        if (!t.is_null(c + 1)) stored.values[c] = t.real(c + 1);
    }
  }

  Statement e(db_,
              "SELECT entity_id, type, name, actor_code, title, role, country FROM entity_rows WHERE article = ?1 "
              "ORDER BY seq");
  e.bind(1, article_key);
  w.key("entities");
  w.begin_array();
  while (e.step() == SQLITE_ROW) {
    w.begin_object();
    w.key("id");
    w.value(e.text(0));
    w.key("type");
    write_text_or_null(w, e, 1);
    w.key("name");
    write_text_or_null(w, e, 2);
    w.key("actor_code");
    write_text_or_null(w, e, 3);
    w.key("attributes");
    w.begin_object();
    for (int col : {4, 5, 6}) {
      if (e.is_null(col)) continue;
      w.key(e.column_name(col));
      w.value(e.text(col));
    }
    w.end_object();
    w.key("mentions");
    w.begin_array();
    for (const StoredMention& sm : mentions_of[std::string(e.text(0))]) {
      w.begin_object();
      w.key("start");
      w.value(sm.start);
      w.key("end");
      w.value(sm.end);
      w.key("text");
      text_or_null(sm.text);
      w.key("kind");
      text_or_null(sm.kind);
      w.end_object();
    }
    w.end_array();
    if (auto it = tone_of.find(std::string(e.text(0))); it != tone_of.end()) {
      static constexpr const char* kKeys[] = {"toward", "sentences", "stance", "quotes"};
      w.key("tone");
      w.begin_object();
      for (int c = 0; c < 4; ++c) {
        w.key(kKeys[c]);
        it->second.values[c] ? w.value(*it->second.values[c]) : w.null();
      }
      w.end_object();
    }
    w.end_object();
  }
  w.end_array();

  auto layer = [&](const char* key, const char* sql, auto&& write_row) {
    Statement st(db_, sql);
    st.bind(1, article_key);
    w.key(key);
    w.begin_array();
    while (st.step() == SQLITE_ROW) {
      w.begin_object();
      write_row(st);
      w.end_object();
    }
    w.end_array();
  };
  auto field = [&](const Statement& st, const char* key, int col) {
    w.key(key);
    write_text_or_null(w, st, col);
  };
  layer("quotes", "SELECT start, \"end\", text, speaker, cue, kind FROM quote_rows WHERE article = ?1 ORDER BY rowid",
        [&](const Statement& st) {
          write_span(w, st, 0);
          field(st, "speaker", 3);
          field(st, "cue", 4);
          field(st, "kind", 5);
        });
  layer("reported", "SELECT start, \"end\", text, speaker, cue, kind FROM reported_rows WHERE article = ?1 ORDER BY seq",
        [&](const Statement& st) {
          write_span(w, st, 0);
          field(st, "speaker", 3);
          field(st, "cue", 4);
          field(st, "kind", 5);
        });
  layer("claims",
        "SELECT kind, value, qualifier, unit, source, actor, date, start, \"end\", text FROM claim_rows "
        "WHERE article = ?1 ORDER BY seq",
        [&](const Statement& st) {
          field(st, "kind", 0);
          w.key("value");
          if (st.is_null(1)) {
            w.null();
          } else {
            w.value(st.real(1));
          }
          field(st, "qualifier", 2);
          field(st, "unit", 3);
          field(st, "source", 4);
          field(st, "actor", 5);
          field(st, "date", 6);
          write_span(w, st, 7);
        });
  layer("times", "SELECT start, \"end\", text, value FROM time_rows WHERE article = ?1 ORDER BY seq",
        [&](const Statement& st) {
          write_span(w, st, 0);
          field(st, "value", 3);
        });
  layer("events",
        "SELECT source, target, cameo, plover, negated, modality, date, start, \"end\", text FROM event_rows "
        "WHERE article = ?1 ORDER BY seq",
        [&](const Statement& st) {
          field(st, "source", 0);
          field(st, "target", 1);
          field(st, "cameo", 2);
          field(st, "plover", 3);
          w.key("negated");
          w.value(st.integer(4) != 0);
          field(st, "modality", 5);
          field(st, "date", 6);
          w.key("trigger");
          w.begin_object();
          write_span(w, st, 7);
          w.end_object();
        });
  if (has_tone_) {
    Statement t(db_,
                "SELECT tone, positive, negative, polarity, activity, self_group, words FROM tone_rows "
                "WHERE article = ?1");
    t.bind(1, article_key);
    if (t.step() == SQLITE_ROW) {
      w.key("tone");
      w.begin_object();
      for (int c = 0; c < t.columns(); ++c) {
        w.key(t.column_name(c));
        number(t, c);
      }
      w.end_object();
    }
  }
  // The story the article joined at ingest (stories.h): a field beyond
  // SCHEMA.md, left out where the store has no stories or the article none.
  if (has_stories_) {
    Statement s(db_, "SELECT story FROM article_story_rows WHERE article = ?1");
    s.bind(1, article_key);
    if (s.step() == SQLITE_ROW) {
      w.key("story");
      w.value(s.integer(0));
    }
  }
  w.end_object();
  return {};
}

}  // namespace sitrep
