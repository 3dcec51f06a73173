// The archive: the store, its queries and exports, the corpus readers, and
// ingest surviving a kill.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "ingest/corpus_reader.h"
#include "ingest/html_reader.h"
#include "ingest/warc_reader.h"
#include "ingest/compressed_stream.h"
#include "sitrep/engine.h"
#include "store/export.h"
#include "store/fault_vfs.h"
#include "store/query.h"
#include "store/store.h"
#include "temp_dir.h"
#include "test_files.h"

namespace sitrep {
namespace {

using testing::CliRun;
using testing::gzip;
using testing::sitrep_cli;
using testing::slurp;
using testing::TempDir;

const Pipeline& pipeline() {
  static const Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  return p;
}

std::unique_ptr<Store> open_store(const std::string& path, StoreOptions options = {}) {
  std::unique_ptr<Store> s;
  StoreStatus st = Store::open(path, options, s);
  EXPECT_TRUE(st.ok()) << st.message;
  return s;
}

int64_t scalar(Store& store, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(store.handle(), sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
  int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  return v;
}

// A record made by hand: every layer, nulls, attributes, a fractional figure and tone.
const char* kRecord = R"({"id":"a1","title":"Strike on Rafah","date":"2024-05-06","entities":[)"
                      R"({"id":"e1","type":"GPE","name":"Israel","actor_code":"ISR","attributes":{"country":"ISR"},)"
                      R"("mentions":[{"start":0,"end":6,"text":"Israel","kind":"name"},{"start":40,"end":56,"text":"the Jewish state","kind":"nominal"}]},)"
                      R"({"id":"e2","type":"GPE","name":"Rafah","actor_code":null,"attributes":{},"mentions":[{"start":17,"end":22,"text":"Rafah","kind":"name"}]},)"
                      R"({"id":"e3","type":"PERSON","name":"Aharon Haliva","actor_code":"ISRMIL","attributes":{"title":"Major General","role":"head of intelligence"},)"
                      R"("mentions":[{"start":60,"end":73,"text":"Aharon Haliva","kind":"name"},{"start":90,"end":96,"text":"Haliva","kind":"name"}],)"
                      R"("tone":{"toward":-0.25,"sentences":2,"stance":0.1234,"quotes":1}}],)"
                      R"("quotes":[{"start":100,"end":120,"text":"we will not stop now","speaker":"e3","cue":"said","kind":"direct"},)"
                      R"({"start":130,"end":135,"text":"grave","speaker":null,"cue":null,"kind":"partial"}],)"
                      R"("reported":[{"start":140,"end":160,"text":"the talks had failed","speaker":"e3","cue":"claimed","kind":"assertion"}],)"
                      R"("claims":[{"kind":"killed","value":34.5,"qualifier":"over","unit":"people","source":"e3","actor":"e1",)"
                      R"("date":"2024-05-05","start":170,"end":190,"text":"over 34.5 people"},)"
                      R"({"kind":"displaced","value":1100,"qualifier":"about","unit":null,"source":null,"actor":null,"date":null,"start":1,"end":2,"text":"x"}],)"
                      R"("times":[{"start":200,"end":206,"text":"Sunday","value":"2024-05-05"}],)"
                      R"("events":[{"source":"e1","target":"e2","cameo":"190","plover":"ASSAULT","negated":false,"modality":"asserted",)"
                      R"("date":"2024-05-05","trigger":{"start":7,"end":13,"text":"struck"}},)"
                      R"({"source":"e3","target":null,"cameo":"0871","plover":null,"negated":true,"modality":"intended","date":null,)"
                      R"("trigger":{"start":80,"end":86,"text":"resign"}}],)"
                      R"("tone":{"tone":-2.5,"positive":1.25,"negative":3.75,"polarity":5,"activity":10.5,)"
                      R"("self_group":1.25,)"
                      R"("words":80}})";

Article article(std::string id, std::string date, std::string text) {
  Article a;
  a.id = std::move(id);
  a.date = std::move(date);
  a.text = std::move(text);
  return a;
}

// A record for `text` with one entity named `name` and one event of `cameo`.
StoredArticle simple(const std::string& id, const std::string& date, const std::string& name,
                     const std::string& cameo, const std::string& text) {
  std::string rec = R"({"id":")" + id + R"(","title":"T","date":")" + date +
                    R"(","entities":[{"id":"e1","type":"GPE","name":")" + name +
                    R"(","actor_code":"XYZ","attributes":{},"mentions":[{"start":0,"end":3,"text":")" + name +
                    R"(","kind":"name"}]}],"quotes":[],"reported":[],"claims":[],"times":[],"events":[{"source":"e1",)"
                    R"("target":null,"cameo":")" + cameo + R"(","plover":"X","negated":false,"modality":"asserted","date":null,)"
                    R"("trigger":{"start":0,"end":1,"text":"a"}}]})";
  return prepare_article(article(id, date, text), rec);
}

std::string story(int seed) {
  static const char* kWords[] = {"minister", "council", "harbour", "rebels", "senate", "budget", "border", "flood",
                                 "market", "strike", "court", "village", "airport", "election", "union", "bridge"};
  std::string s;
  unsigned x = static_cast<unsigned>(seed) * 2654435761u + 1;
  for (int i = 0; i < 300; ++i) {
    x = x * 1664525u + 1013904223u;
    s += kWords[(x >> 16) % 16];
    s += i % 12 == 11 ? ". " : " ";
  }
  return s;
}

// A record as the store gives it back: ending with the article's story.
std::string with_story(std::string record, int story) {
  record.pop_back();
  return record + ",\"story\":" + std::to_string(story) + "}";
}

// A record the store gave back without its story, and the story (0: none).
std::pair<std::string, int> split_story(std::string record) {
  const size_t at = record.rfind(",\"story\":");
  if (at == std::string::npos) return {record, 0};
  const int story = std::atoi(record.c_str() + at + 9);
  return {record.erase(at, record.size() - 1 - at), story};
}

TEST(Store, RecordRoundTripsExactly) {
  TempDir dir;
  auto store = open_store(dir.path() + "/a.db");
  ASSERT_TRUE(store->add(prepare_article(article("a1", "2024-05-06", std::string(300, 'x')), kRecord), nullptr).ok());
  std::string back;
  ASSERT_TRUE(store->record("a1", back).ok());
  EXPECT_EQ(back, with_story(kRecord, 1));
  EXPECT_EQ(store->record("nope", back).code, StoreStatus::Code::kNotFound);
}

TEST(Store, PipelineRecordsRoundTrip) {
  // Every gold article through the real pipeline: the store gives back what extract writes.
  TempDir dir;
  auto store = open_store(dir.path() + "/a.db");
  CorpusReader reader({std::string(SITREP_SOURCE_DATA_DIR) + "/../tests/data/articles.jsonl"}, {});
  Article a;
  int n = 0;
  ASSERT_TRUE(store->begin().ok());
  std::vector<std::pair<std::string, std::string>> expected;
  while (reader.next(a)) {
    Document doc(a);
    pipeline().run(doc);
    std::string json;
    write_record(doc, json, RecordStyle::kCompact);
    expected.emplace_back(a.id, json);
    ASSERT_TRUE(store->add(prepare_article(doc, {}), nullptr).ok());
    ++n;
  }
  ASSERT_TRUE(store->commit().ok());
  ASSERT_GE(n, 10);
  for (const auto& [id, json] : expected) {
    std::string back;
    ASSERT_TRUE(store->record(id, back).ok());
    const auto [record, story] = split_story(back);
    EXPECT_EQ(record, json) << id;
    EXPECT_GE(story, 1) << id;
  }
}

TEST(Store, ReingestAddsNothing) {
  TempDir dir;
  const std::string path = dir.path() + "/a.db";
  auto store = open_store(path);
  StoredArticle a = prepare_article(article("a1", "2024-05-06", "text"), kRecord);
  AddResult r;
  ASSERT_TRUE(store->add(a, &r).ok());
  EXPECT_TRUE(r.added);
  const int64_t entities = scalar(*store, "SELECT count(*) FROM entities");
  store.reset();
  store = open_store(path);  // and again after reopening
  ASSERT_TRUE(store->add(a, &r).ok());
  EXPECT_FALSE(r.added);
  EXPECT_EQ(store->article_count(), 1);
  EXPECT_EQ(scalar(*store, "SELECT count(*) FROM entities"), entities);
  EXPECT_EQ(scalar(*store, "SELECT count(*) FROM mentions"), 5);
}

TEST(Store, LinksWireCopies) {
  TempDir dir;
  auto store = open_store(dir.path() + "/a.db");
  const std::string original = story(1);
  std::string edited = "GAZA (Reuters) - " + original;  // a dateline and two words changed
  edited.replace(edited.find("minister"), 8, "premier");
  edited.replace(edited.rfind("border"), 6, "frontier");
  EXPECT_GE(similarity(minhash(original), minhash(edited)), kNearDuplicateSimilarity);
  EXPECT_LT(similarity(minhash(original), minhash(story(2))), 0.2);
  AddResult r;
  ASSERT_TRUE(store->add(simple("wire-1", "2024-01-01", "Gaza", "190", original), &r).ok());
  EXPECT_EQ(r.duplicate_of, "");
  ASSERT_TRUE(store->add(simple("wire-2", "2024-01-01", "Gaza", "190", edited), &r).ok());
  EXPECT_EQ(r.duplicate_of, "wire-1");
  ASSERT_TRUE(store->add(simple("wire-3", "2024-01-02", "Gaza", "190", original), &r).ok());
  EXPECT_EQ(r.duplicate_of, "wire-1");  // an exact copy
  ASSERT_TRUE(store->add(simple("other", "2024-01-02", "Gaza", "190", story(2)), &r).ok());
  EXPECT_EQ(r.duplicate_of, "");
  EXPECT_TRUE(minhash("too short to compare").empty());

  // Queries count the story once unless copies are asked for.
  QuerySpec q;
  q.event = "19";
  std::vector<std::string> cols;
  int rows = 0;
  ASSERT_TRUE(run_query(*store, q, cols, [&](const QueryRow&) { ++rows; }).ok());
  EXPECT_EQ(rows, 2);
  q.include_duplicates = true;
  rows = 0;
  ASSERT_TRUE(run_query(*store, q, cols, [&](const QueryRow&) { ++rows; }).ok());
  EXPECT_EQ(rows, 4);
}

// The rows of `sql`, each row's columns joined by '|'.
std::vector<std::string> rows_of(Store& store, const std::string& sql) {
  std::vector<std::string> out;
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(store.handle(), sql.c_str(), -1, &st, nullptr), SQLITE_OK)
      << sql << ": " << sqlite3_errmsg(store.handle());
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      if (c) row += '|';
      const unsigned char* t = sqlite3_column_text(st, c);
      row += t ? reinterpret_cast<const char*>(t) : "NULL";
    }
    out.push_back(row);
  }
  sqlite3_finalize(st);
  return out;
}

TEST(Store, Version1TablesReadAsViews) {
  // SQL written for the version 1 tables (as sitrep serve's) reads the same
  // columns and rows from the views over the keyed tables.
  TempDir dir;
  auto store = open_store(dir.path() + "/v.db");
  ASSERT_TRUE(store->add(prepare_article(article("a1", "2024-05-06", "Israel struck Rafah"), kRecord), nullptr).ok());
  ASSERT_TRUE(store->add(simple("b1", "2024-03-01", "Kenya", "141", story(3)), nullptr).ok());
  const std::vector<std::pair<std::string, std::string>> kColumns = {
      {"entities", "article_id,seq,entity_id,type,name,actor_code,title,role,country"},
      {"mentions", "article_id,seq,entity_id,start,end,text,kind"},
      {"quotes", "article_id,start,end,text,speaker,cue,kind,rowid"},
      {"reported", "article_id,seq,start,end,text,speaker,cue,kind"},
      {"claims", "article_id,seq,kind,value,qualifier,unit,source,actor,date,start,end,text"},
      {"times", "article_id,seq,start,end,text,value"},
      {"events", "article_id,seq,source,target,cameo,plover,negated,modality,date,start,end,text"}};
  for (const auto& [view, columns] : kColumns) {
    std::string names;
    for (const std::string& c : rows_of(*store, "SELECT name FROM pragma_table_info('" + view + "')"))
      names += (names.empty() ? "" : ",") + c;
    EXPECT_EQ(names, columns) << view;
  }
  EXPECT_EQ(rows_of(*store, "SELECT article_id, entity_id, name FROM entities WHERE name = 'israel' COLLATE NOCASE "
                            "UNION SELECT article_id, entity_id, text FROM mentions WHERE text = 'HALIVA' COLLATE "
                            "NOCASE AND kind = 'name'"),
            (std::vector<std::string>{"a1|e1|Israel", "a1|e3|Haliva"}));
  EXPECT_EQ(rows_of(*store, "SELECT seq, start, \"end\", text, kind FROM mentions WHERE article_id = 'a1' ORDER BY seq"),
            (std::vector<std::string>{"0|0|6|Israel|name", "1|40|56|the Jewish state|nominal", "2|17|22|Rafah|name",
                                      "3|60|73|Aharon Haliva|name", "4|90|96|Haliva|name"}));
  EXPECT_EQ(rows_of(*store, "SELECT q.article_id, q.text, q.speaker FROM quotes q WHERE q.rowid IN "
                            "(SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'stop')"),
            (std::vector<std::string>{"a1|we will not stop now|e3"}));
  EXPECT_EQ(rows_of(*store, "SELECT c.value, s.name FROM claims c JOIN entities s ON s.article_id = c.article_id AND "
                            "s.entity_id = c.source WHERE c.kind = 'killed'"),
            (std::vector<std::string>{"34.5|Aharon Haliva"}));
  EXPECT_EQ(rows_of(*store, "SELECT article_id, cameo, negated FROM events ORDER BY article_id, seq"),
            (std::vector<std::string>{"a1|190|0", "a1|0871|1", "b1|141|0"}));
  EXPECT_EQ(rows_of(*store, "SELECT count(*) FROM times WHERE article_id = 'a1'"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(rows_of(*store, "SELECT speaker, cue FROM reported"), (std::vector<std::string>{"e3|claimed"}));
  // The name look-ups of the views use the indexes of the keyed tables, not a scan.
  for (const std::string& plan :
       rows_of(*store, "EXPLAIN QUERY PLAN SELECT article_id, entity_id FROM entities WHERE name = 'x' COLLATE NOCASE "
                       "UNION SELECT article_id, entity_id FROM mentions WHERE text = 'x' COLLATE NOCASE AND kind = "
                       "'name'"))
    EXPECT_EQ(plan.find("SCAN"), std::string::npos) << plan;
  // An event's actors are read by key, not found among all the article's entities.
  bool by_key = false;
  for (const std::string& plan :
       rows_of(*store, "EXPLAIN QUERY PLAN SELECT s.name FROM events ev LEFT JOIN entities s ON "
                       "s.article_id = ev.article_id AND s.entity_id = ev.source WHERE ev.cameo = '190'"))
    by_key |= plan.find("entity_id=?") != std::string::npos;
  EXPECT_TRUE(by_key);
}

TEST(Store, KeysSurviveVacuum) {
  // The layers, the LSH bands and the full-text index refer to articles.key;
  // it is the declared rowid, so VACUUM keeps it.
  TempDir dir;
  const std::string path = dir.path() + "/vac.db";
  auto store = open_store(path);
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(store->add(simple("v" + std::to_string(i), "2024-01-01", "Kenya", "141", story(i)), nullptr).ok());
  ASSERT_EQ(sqlite3_exec(store->handle(), "DELETE FROM articles WHERE id = 'v1'; VACUUM", nullptr, nullptr, nullptr),
            SQLITE_OK);
  std::string back;
  ASSERT_TRUE(store->record("v4", back).ok());
  EXPECT_NE(back.find("\"name\":\"Kenya\""), std::string::npos) << back;
  EXPECT_EQ(rows_of(*store, "SELECT a.id FROM articles a JOIN entity_rows e ON e.article = a.key WHERE a.id = 'v4'"),
            (std::vector<std::string>{"v4"}));
  AddResult r;
  ASSERT_TRUE(store->add(simple("copy", "2024-01-02", "Kenya", "141", story(3)), &r).ok());
  EXPECT_EQ(r.duplicate_of, "v3");
}

TEST(Store, RefusesAnotherSchemaVersion) {
  TempDir dir;
  for (const char* version : {"1", "4"}) {
    const std::string path = dir.path() + "/v" + version + ".db";
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const std::string sql = std::string("CREATE TABLE sitrep_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL); "
                                        "INSERT INTO sitrep_meta VALUES ('schema', '") + version + "'); "
                            "CREATE TABLE articles(id TEXT PRIMARY KEY, text TEXT NOT NULL); "
                            "CREATE TABLE entities(article_id TEXT NOT NULL, seq INTEGER NOT NULL);";
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    for (bool read_only : {false, true}) {
      std::unique_ptr<Store> s;
      StoreOptions options;
      options.read_only = read_only;
      StoreStatus st = Store::open(path, options, s);
      EXPECT_EQ(st.code, StoreStatus::Code::kVersion) << st.message;
      EXPECT_NE(st.message.find(std::string("schema version ") + version), std::string::npos) << st.message;
      EXPECT_NE(st.message.find(version[0] == '1' ? "older sitrep" : "newer sitrep"), std::string::npos) << st.message;
    }
  }
}

// A version 2 store (no kind for reported items) is upgraded in place when
// its file can be written, whether opened for reading or writing.
TEST(Store, UpgradesASchemaVersion2StoreInPlace) {
  TempDir dir;
  const std::string path = dir.path() + "/v2.db";
  {
    auto store = open_store(path);
    Document doc(Article{.id = "a1", .text = "Tomas Reyes said the bridge had collapsed."});
    pipeline().run(doc);
    ASSERT_TRUE(store->begin().ok());
    ASSERT_TRUE(store->add(prepare_article(doc, {}), nullptr).ok());
    ASSERT_TRUE(store->commit().ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP VIEW reported; ALTER TABLE reported_rows DROP COLUMN kind; "
                         "CREATE VIEW reported(article_id, seq, start, \"end\", text, speaker, cue) AS "
                         "SELECT a.id, r.seq, r.start, r.\"end\", r.text, r.speaker, r.cue "
                         "FROM reported_rows r JOIN articles a ON a.key = r.article; "
                         "UPDATE sitrep_meta SET value = '2' WHERE key = 'schema';",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  {
    // A file that cannot be written: refused, with advice.
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::group_read);
    if (geteuid() != 0) {  // root writes any file
      std::unique_ptr<Store> s;
      StoreOptions options;
      options.read_only = true;
      StoreStatus st = Store::open(path, options, s);
      EXPECT_EQ(st.code, StoreStatus::Code::kVersion) << st.message;
      EXPECT_NE(st.message.find("could not upgrade it in place"), std::string::npos) << st.message;
    }
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  {
    // Opened for reading (serve, query), a writable file is upgraded too.
    std::unique_ptr<Store> s;
    StoreOptions options;
    options.read_only = true;
    StoreStatus st = Store::open(path, options, s);
    ASSERT_TRUE(st.ok()) << st.message;
    std::string json;
    ASSERT_TRUE(s->record("a1", json).ok());
    EXPECT_NE(json.find("\"cue\":\"said\",\"kind\":null"), std::string::npos) << json;
  }
  auto store = open_store(path);
  std::string json;
  ASSERT_TRUE(store->record("a1", json).ok());
  EXPECT_NE(json.find("\"cue\":\"said\",\"kind\":null"), std::string::npos) << json;
  Document doc(Article{.id = "a2", .text = "Karin Sorensen believes the talks will fail."});
  pipeline().run(doc);
  ASSERT_TRUE(store->begin().ok());
  ASSERT_TRUE(store->add(prepare_article(doc, {}), nullptr).ok());
  ASSERT_TRUE(store->commit().ok());
  ASSERT_TRUE(store->record("a2", json).ok());
  EXPECT_NE(json.find("\"kind\":\"belief\""), std::string::npos) << json;
}

class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_store(dir_.path() + "/q.db");
    ASSERT_TRUE(store_->begin().ok());
    ASSERT_TRUE(store_->add(prepare_article(article("a1", "2024-05-06", "Israel struck Rafah as ceasefire talks "
                                                                          "stalled in Cairo"), kRecord), nullptr).ok());
    ASSERT_TRUE(store_->add(simple("b1", "2024-03-01", "Kenya", "141", "Protesters marched in Nairobi " + story(3)),
                            nullptr).ok());
    ASSERT_TRUE(store_->add(simple("c1", "2024-07-01", "Kenya", "0234", "Nairobi appeals for food aid " + story(4)),
                            nullptr).ok());
    ASSERT_TRUE(store_->commit().ok());
  }
  std::vector<QueryRow> query(const QuerySpec& q) {
    std::vector<QueryRow> rows;
    StoreStatus s = run_query(*store_, q, columns_, [&](const QueryRow& r) { rows.push_back(r); });
    EXPECT_TRUE(s.ok()) << s.message;
    return rows;
  }
  std::string cell(const QueryRow& row, const std::string& column) {
    auto it = std::find(columns_.begin(), columns_.end(), column);
    return it == columns_.end() ? "<no column>" : row[static_cast<size_t>(it - columns_.begin())].text;
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::vector<std::string> columns_;
};

TEST_F(QueryTest, ByEntityNameOrMention) {
  QuerySpec q;
  q.entity = "haliva";  // a mention, in another case
  auto rows = query(q);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(cell(rows[0], "name"), "Aharon Haliva");
  EXPECT_EQ(cell(rows[0], "mentions"), "2");
  q.entity = "Kenya";
  EXPECT_EQ(query(q).size(), 2u);
}

TEST_F(QueryTest, ByEventTypeActorAndDates) {
  QuerySpec q;
  q.event = "19";
  auto rows = query(q);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(cell(rows[0], "source"), "Israel");
  EXPECT_EQ(cell(rows[0], "target"), "Rafah");
  EXPECT_EQ(cell(rows[0], "date"), "2024-05-05");  // the event's own day
  q.event = "assault";
  EXPECT_EQ(query(q).size(), 1u);
  q.event = "14";
  EXPECT_EQ(query(q).size(), 1u);
  q.event = "";
  q.actor = "ISR";
  EXPECT_EQ(query(q).size(), 2u);  // the asserted strike and the negated resignation
  q.actor = "";
  q.event = "0";
  q.since = "2024-04-01";
  q.until = "2024-06-30";
  rows = query(q);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(cell(rows[0], "cameo"), "0871");
  EXPECT_EQ(cell(rows[0], "negated"), "1");
}

TEST_F(QueryTest, FullTextAndSpeakers) {
  QuerySpec q;
  q.text = "NEAR(ceasefire talks, 2)";
  auto rows = query(q);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(cell(rows[0], "article"), "a1");
  q.text = "appeal";  // stemmed: "appeals"
  rows = query(q);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(cell(rows[0], "article"), "c1");
  q.text = "";
  q.speaker = "Haliva";
  rows = query(q);
  ASSERT_EQ(rows.size(), 2u);  // a quote and reported speech
  q.text = "stop";
  EXPECT_EQ(query(q).size(), 1u);
  q = {};
  q.text = "\"unbalanced";
  std::vector<std::string> cols;
  StoreStatus s = run_query(*store_, q, cols, [](const QueryRow&) {});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message.find("--text"), std::string::npos) << s.message;
}

// --speaker lists reported items with what they attribute.
TEST(Store, SpeakerQueryShowsTheKindOfReportedItems) {
  TempDir dir;
  auto store = open_store(dir.path() + "/k.db");
  Document doc(Article{.id = "k1", .date = "2024-05-06",
                       .text = "Karin Sorensen believes the talks will fail. Karin Sorensen said the bridge was shut."});
  pipeline().run(doc);
  ASSERT_TRUE(store->begin().ok());
  ASSERT_TRUE(store->add(prepare_article(doc, {}), nullptr).ok());
  ASSERT_TRUE(store->commit().ok());
  QuerySpec q;
  q.speaker = "Karin Sorensen";
  std::vector<std::string> columns, forms;
  ASSERT_TRUE(run_query(*store, q, columns, [&](const QueryRow& r) {
                auto it = std::find(columns.begin(), columns.end(), "form");
                forms.push_back(it == columns.end() ? "<no form>" : r[static_cast<size_t>(it - columns.begin())].text);
              }).ok());
  std::sort(forms.begin(), forms.end());
  EXPECT_EQ(forms, (std::vector<std::string>{"reported", "reported (belief)"}));
}

TEST_F(QueryTest, AggregateViews) {
  QuerySpec q;
  q.by_day = true;
  auto rows = query(q);
  ASSERT_EQ(rows.size(), 3u);  // the negated event is left out
  EXPECT_EQ(cell(rows[0], "date"), "2024-03-01");
  EXPECT_EQ(cell(rows[1], "source"), "ISR");
  EXPECT_EQ(cell(rows[1], "target"), "Rafah");
  q = {};
  q.figures = "killed";
  rows = query(q);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(cell(rows[0], "source"), "Aharon Haliva");
  EXPECT_EQ(cell(rows[0], "high"), "34.5");
}

TEST_F(QueryTest, Exports) {
  size_t n = 0;
  const std::string out = dir_.path() + "/export";
  ASSERT_TRUE(export_store(*store_, ExportFormat::kJsonl, out, false, n).ok());
  EXPECT_EQ(n, 3u);
  const std::string first = with_story(kRecord, 1);
  EXPECT_EQ(slurp(out + "/records.jsonl").substr(0, first.size()), first);
  ASSERT_TRUE(export_store(*store_, ExportFormat::kCsv, out, false, n).ok());
  EXPECT_NE(slurp(out + "/events.csv").find("a1,0,e1,e2,190,ASSAULT,0,asserted,2024-05-05,7,13,struck"),
            std::string::npos);
  const std::string articles = slurp(out + "/articles.csv");
  EXPECT_EQ(articles.substr(0, articles.find('\r')),
            "id,url,title,date,text,content_hash,duplicate_of,added,tone,positive,negative,polarity,activity,"
            "self_group,words,story");
  EXPECT_NE(articles.find(",-2.5,1.25,3.75,5,10.5,1.25,80,1\r\n"), std::string::npos);
  EXPECT_NE(slurp(out + "/entity_tones.csv").find("a1,e3,Aharon Haliva,-0.25,2,0.1234,1\r\n"), std::string::npos);
  ASSERT_TRUE(export_store(*store_, ExportFormat::kGdelt, out, false, n).ok());
  EXPECT_EQ(n, 3u);
  // AvgTone is the article's tone; the articles without one leave it empty.
  const std::string events = slurp(out + "/events.tsv");
  EXPECT_NE(events.find("\t20240505\tISR\tIsrael\tISR\t\tRafah\t\t1\t190\t190\t19\t4\t\t1\t1\t1\t-2.5\t"),
            std::string::npos);
  EXPECT_NE(events.find("\t141\t141\t14\t4\t\t1\t1\t1\t\t"), std::string::npos);
  // StoryID, after sitrep's own columns: the article's story.
  EXPECT_EQ(events.substr(0, events.find('\n')).substr(events.find("\tTrigger")), "\tTrigger\tStoryID");
  EXPECT_NE(events.find("\ta1\tstruck\t1\n"), std::string::npos) << events;
}

TEST(Store, AStoreMadeBeforeToneReadsAndGainsTheTables) {
  TempDir dir;
  const std::string path = dir.path() + "/old.db";
  {
    auto store = open_store(path);
    ASSERT_TRUE(store->add(prepare_article(article("a1", "2024-05-06", std::string(300, 'x')), kRecord), nullptr).ok());
    // As a store made before the tone tables were.
    ASSERT_EQ(sqlite3_exec(store->handle(), "DROP VIEW tones; DROP VIEW entity_tones; DROP TABLE tone_rows; "
                           "DROP TABLE entity_tone_rows;", nullptr, nullptr, nullptr), SQLITE_OK);
  }
  std::string expected(kRecord);
  const std::string entity_tone = R"(,"tone":{"toward":-0.25,"sentences":2,"stance":0.1234,"quotes":1})";
  expected.erase(expected.find(entity_tone), entity_tone.size());
  expected.erase(expected.rfind(R"(,"tone":{)"), std::string::npos);
  expected += ",\"story\":1}";
  {
    StoreOptions read_only;
    read_only.read_only = true;
    auto store = open_store(path, read_only);
    EXPECT_FALSE(store->has_tone());
    std::string back;
    ASSERT_TRUE(store->record("a1", back).ok());
    EXPECT_EQ(back, expected);
    size_t n = 0;
    ASSERT_TRUE(export_store(*store, ExportFormat::kGdelt, dir.path() + "/out", false, n).ok());
    ASSERT_TRUE(export_store(*store, ExportFormat::kCsv, dir.path() + "/out", false, n).ok());
  }
  auto store = open_store(path);
  EXPECT_TRUE(store->has_tone());
  ASSERT_TRUE(store->add(prepare_article(article("a2", "2024-05-07", std::string(200, 'y')), kRecord), nullptr).ok());
  EXPECT_EQ(scalar(*store, "SELECT count(*) FROM tones"), 1);
}

TEST(Store, FullDiskLosesOnlyTheBatchInFlight) {
  TempDir dir;
  const std::string path = dir.path() + "/full.db";
  FaultVfs& vfs = FaultVfs::install();
  StoreOptions options;
  options.vfs = FaultVfs::kName;
  {
    auto store = open_store(path, options);
    ASSERT_TRUE(store->begin().ok());
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(store->add(simple("ok" + std::to_string(i), "2024-01-01", "A", "01", story(i)), nullptr).ok());
    ASSERT_TRUE(store->commit().ok());
    vfs.fail_writes_after(16 << 10);
    StoreStatus s = store->begin();
    for (int i = 0; s.ok() && i < 200; ++i) s = store->add(simple("lost" + std::to_string(i), "2024-01-01", "A", "01", story(100 + i)), nullptr);
    if (s.ok()) s = store->commit();
    vfs.fail_writes_after(FaultVfs::kNever);
    ASSERT_EQ(s.code, StoreStatus::Code::kFull) << s.message;
    EXPECT_NE(s.message.find("disk is full"), std::string::npos);
    store->rollback();
    EXPECT_GT(vfs.failed_writes(), 0);
  }
  auto store = open_store(path);
  EXPECT_EQ(scalar(*store, "SELECT count(*) FROM articles"), 20);
  EXPECT_EQ(scalar(*store, "SELECT count(*) FROM events"), 20);
  EXPECT_EQ(scalar(*store, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
}

TEST(Store, ReadOnlyAndLockedStoresSaySo) {
  TempDir dir;
  const std::string path = dir.path() + "/ro.db";
  open_store(path).reset();
  StoreOptions ro;
  ro.read_only = true;
  auto reader = open_store(path, ro);
  StoreStatus s = reader->add(simple("x", "2024-01-01", "A", "01", story(1)), nullptr);
  EXPECT_EQ(s.code, StoreStatus::Code::kReadOnly) << s.message;
  EXPECT_NE(s.message.find("read-only"), std::string::npos);
  if (geteuid() != 0) {  // root writes read-only files anyway
    chmod(path.c_str(), 0444);
    std::unique_ptr<Store> w;
    s = Store::open(path, {}, w);
    EXPECT_EQ(s.code, StoreStatus::Code::kReadOnly) << s.message;
    chmod(path.c_str(), 0644);
  }
  // Another writer holds the lock: a short wait, then a clear message.
  auto holder = open_store(path);
  ASSERT_TRUE(holder->begin().ok());
  StoreOptions quick;
  quick.busy_timeout_ms = 50;
  auto other = open_store(path, quick);
  s = other->begin();
  EXPECT_EQ(s.code, StoreStatus::Code::kBusy);
  EXPECT_NE(s.message.find("locked by another process"), std::string::npos);
  holder->rollback();
  EXPECT_TRUE(other->begin().ok());
  other->rollback();
  std::unique_ptr<Store> junk;
  TempDir d2;
  std::string not_db = d2.write("junk.db", std::string(4096, 'j'));
  EXPECT_EQ(Store::open(not_db, {}, junk).code, StoreStatus::Code::kCorrupt);
}

std::string jsonl(int from, int to) {
  std::string s;
  for (int i = from; i < to; ++i)
    s += R"({"id":"n)" + std::to_string(i) + R"(","date":"2024-01-02","text":")" + story(i) + "\"}\n";
  return s;
}

std::vector<Article> read_all(CorpusReader& r, std::vector<InputProblem>& problems) {
  std::vector<Article> out;
  Article a;
  while (r.next(a)) out.push_back(a);
  for (auto& p : r.take_problems()) problems.push_back(p);
  return out;
}

TEST(CorpusReader, CompressedJsonLines) {
  TempDir dir;
  const std::string data = jsonl(0, 40);
  dir.write("a.jsonl.gz", gzip(data.substr(0, 2000)) + gzip(data.substr(2000)));  // two gzip members
  std::string zst(ZSTD_compressBound(data.size()), '\0');
  zst.resize(ZSTD_compress(zst.data(), zst.size(), data.data(), data.size(), 3));
  dir.write("b.jsonl.zst", zst);
  CorpusReader r({dir.path()}, {});
  std::vector<InputProblem> problems;
  auto articles = read_all(r, problems);
  EXPECT_TRUE(problems.empty()) << problems[0].where << ": " << problems[0].message;
  ASSERT_EQ(articles.size(), 80u);
  EXPECT_EQ(articles[39].id, "n39");
  EXPECT_EQ(articles[39].date, "2024-01-02");
  EXPECT_EQ(r.bytes_read(), r.total_bytes());
}

TEST(CorpusReader, CorruptGzipKeepsWhatCameBefore) {
  TempDir dir;
  std::string gz = gzip(jsonl(0, 200));
  for (size_t i = gz.size() / 2; i < gz.size() / 2 + 64; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  const std::string path = dir.write("bad.jsonl.gz", gz);
  dir.write("good.jsonl", jsonl(500, 503));
  CorpusReader r({path, dir.path() + "/good.jsonl"}, {});
  std::vector<InputProblem> problems;
  auto articles = read_all(r, problems);
  EXPECT_GT(articles.size(), 3u);    // the lines before the damage
  EXPECT_LT(articles.size(), 203u);  // but not the damaged ones
  EXPECT_EQ(articles.back().id, "n502");
  ASSERT_FALSE(problems.empty());
  bool said = false;
  for (const auto& p : problems) said |= p.where == path && p.message.find("corrupt gzip data") != std::string::npos;
  EXPECT_TRUE(said) << problems[0].where << ": " << problems[0].message;
  EXPECT_GE(r.failures(), 1u);
}

TEST(CorpusReader, LineThatIsNotJson) {
  TempDir dir;
  const std::string path = dir.write("x.jsonl.gz", gzip(jsonl(0, 1) + "{not json\n" + jsonl(1, 2)));
  CorpusReader r({path}, {});
  std::vector<InputProblem> problems;
  auto articles = read_all(r, problems);
  EXPECT_EQ(articles.size(), 2u);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where, path + ":2");
  EXPECT_NE(problems[0].message.find("not valid JSON"), std::string::npos);
}

// A news page with the usual furniture around the story (tests/data/archive).
const std::string kPage = slurp(std::string(SITREP_SOURCE_DATA_DIR) + "/../tests/data/archive/lagos-floods.html");

TEST(HtmlReader, FindsTheStoryAndLeavesTheFurniture) {
  HtmlPage p = read_html(kPage);
  EXPECT_EQ(p.title, "Floods hit Lagos");
  EXPECT_EQ(p.byline, "Ada Obi");
  EXPECT_EQ(p.date, "2024-06-03");
  EXPECT_EQ(p.url, "https://example.org/lagos-floods");
  EXPECT_TRUE(p.text.starts_with("Floods hit Lagos\n\nHeavy rain flooded")) << p.text;
  EXPECT_NE(p.text.find("trapped.”\n"), std::string::npos);
  for (const char* furniture : {"Home", "Share on", "Related", "©", "var x", "By Ada", "Daily Paper"})
    EXPECT_EQ(p.text.find(furniture), std::string::npos) << furniture;
  // Latin-1 bytes are read as such.
  HtmlPage latin = read_html("<html><body><p>Caf\xe9 au lait in S\xe3o Paulo</p></body></html>");
  EXPECT_NE(latin.text.find("Café au lait in São Paulo"), std::string::npos) << latin.text;
}

std::string warc_record(const std::string& type, const std::string& uri, const std::string& block) {
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2024-06-04T10:00:00Z\r\nContent-Type: application/http; msgtype=" + type +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

TEST(WarcReader, EachHtmlResponseIsAnArticle) {
  TempDir dir;
  const std::string html = kPage;
  std::string chunked = std::to_string(0) + "\r\n";  // placeholder replaced below
  char size[16];
  std::snprintf(size, sizeof size, "%zx", html.size());
  chunked = std::string(size) + "\r\n" + html + "\r\n0\r\n\r\n";
  std::string warc = gzip(warc_record("request", "https://example.org/lagos-floods", "GET / HTTP/1.1\r\n\r\n")) +
                     gzip(warc_record("response", "https://example.org/lagos-floods",
                                      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                                      "Transfer-Encoding: chunked\r\n\r\n" + chunked)) +
                     gzip(warc_record("response", "https://example.org/logo.png",
                                      "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG")) +
                     gzip(warc_record("response", "https://example.org/gone",
                                      "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>"));
  const std::string path = dir.write("crawl.warc.gz", warc);
  CorpusReader r({path}, {});
  std::vector<InputProblem> problems;
  auto articles = read_all(r, problems);
  EXPECT_TRUE(problems.empty()) << problems[0].message;
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].url, "https://example.org/lagos-floods");
  EXPECT_EQ(articles[0].id, hash_id("https://example.org/lagos-floods"));
  EXPECT_EQ(articles[0].date, "2024-06-03");  // the page's date, not the crawl's
  EXPECT_TRUE(articles[0].text.starts_with("Floods hit Lagos\n\n"));
}

TEST(Ingest, ReportsBadInputsAndStoresTheRest) {
  TempDir dir;
  std::string gz = gzip(jsonl(0, 40));
  for (size_t i = gz.size() / 2; i < gz.size() / 2 + 64; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  dir.write("corpus/a.jsonl.gz", gz);
  dir.write("corpus/b.jsonl", jsonl(300, 302) + "not json at all\n" + jsonl(302, 303));
  const std::string db = dir.path() + "/c.db";
  CliRun r = sitrep_cli(dir, "ingest " + dir.path() + "/corpus --db " + db + " --data " SITREP_SOURCE_DATA_DIR " -q");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("a.jsonl.gz: corrupt gzip data"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("b.jsonl:3: not valid JSON"), std::string::npos) << r.err;
  {
    auto store = open_store(db);
    EXPECT_GT(store->article_count(), 3);
    EXPECT_TRUE(store->has_article("n302"));
  }
  r = sitrep_cli(dir, "query --db " + db + " --text minister --format jsonl --limit 2");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2) << r.out;
  EXPECT_EQ(r.out.rfind("{\"date\":\"2024-01-02\",\"article\":", 0), 0u) << r.out;
  r = sitrep_cli(dir, "ingest " + dir.path() + "/corpus/b.jsonl --db " + dir.path() + "/no/such/dir/x.db");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot open the file"), std::string::npos) << r.err;
}

TEST(Ingest, RefusesAStoreOfAnOlderVersion) {
  TempDir dir;
  const std::string old_store = dir.path() + "/v1.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(old_store.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE sitrep_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL); "
                             "INSERT INTO sitrep_meta VALUES ('schema', '1');", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const std::string before = slurp(old_store);
  const std::string input = dir.write("one.jsonl", jsonl(0, 1));
  CliRun r = sitrep_cli(dir, "ingest " + input + " --db " + old_store + " --data " SITREP_SOURCE_DATA_DIR " -q");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("older sitrep"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(old_store), before);  // left as it was
  r = sitrep_cli(dir, "query --db " + old_store + " --entity Kenya");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("schema version 1"), std::string::npos) << r.err;
}

// Runs `sitrep ARGS` in a child process; returns its pid.
pid_t spawn(const std::vector<std::string>& args, const std::string& log) {
  pid_t pid = fork();
  if (pid == 0) {
    FILE* f = std::freopen(log.c_str(), "w", stderr);
    (void)f;
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(SITREP_BINARY));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(SITREP_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

TEST(Ingest, SurvivesAKillAndResumes) {
  TempDir dir;
  std::string corpus;
  // Enough articles that the run cannot finish between two probes, even on a busy machine.
  constexpr int kArticles = 2000;
  for (int i = 0; i < kArticles; ++i)
    corpus += R"({"id":"k)" + std::to_string(i) + R"(","date":"2024-02-0)" + std::to_string(1 + i % 9) +
              R"(","text":"Officials in Nairobi said on Monday that )" + std::to_string(i + 3) +
              R"( people were killed when rebels attacked a village near the border. The minister condemned the attack."})" + "\n";
  const std::string input = dir.write("corpus.jsonl", corpus);
  const std::string db = dir.path() + "/k.db";
  const std::vector<std::string> args = {"ingest", input, "--db", db, "--threads", "2", "--batch", "10",
                                         "--data", SITREP_SOURCE_DATA_DIR};
  pid_t pid = spawn(args, dir.path() + "/log1");
  // Kill it once some batches are committed, in the middle of the run.
  int64_t seen = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (seen < 50 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    sqlite3* probe = nullptr;
    if (sqlite3_open_v2(db.c_str(), &probe, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(probe, "SELECT count(*) FROM articles", -1, &st, nullptr) == SQLITE_OK &&
          sqlite3_step(st) == SQLITE_ROW)
        seen = sqlite3_column_int64(st, 0);
      sqlite3_finalize(st);
    }
    sqlite3_close(probe);
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the ingest finished before it could be killed";
  {
    auto store = open_store(db);
    const int64_t stored = store->article_count();
    EXPECT_GE(stored, 50);
    EXPECT_LT(stored, kArticles);
    EXPECT_EQ(scalar(*store, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
    // Whole articles only: no rows of an article that is not stored.
    EXPECT_EQ(scalar(*store, "SELECT count(*) FROM entities WHERE article_id NOT IN (SELECT id FROM articles)"), 0);
    EXPECT_EQ(scalar(*store, "SELECT count(DISTINCT article_id) FROM mentions"), stored);
  }
  pid = spawn(args, dir.path() + "/log2");
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << slurp(dir.path() + "/log2");
  EXPECT_NE(slurp(dir.path() + "/log2").find("already stored"), std::string::npos);
  auto store = open_store(db);
  EXPECT_EQ(store->article_count(), kArticles);
  EXPECT_EQ(scalar(*store, "SELECT count(DISTINCT article_id) FROM mentions"), kArticles);
  EXPECT_EQ(scalar(*store, "SELECT count(*) FROM (SELECT article_id, entity_id FROM entities GROUP BY 1, 2 "
                           "HAVING count(*) > 1)"), 0);
  EXPECT_EQ(scalar(*store, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Nairobi'"), kArticles);
}

}  // namespace
}  // namespace sitrep
