// sitrep serve: the JSON API over a real server on loopback (a free port),
// with a store made from the seed article and the test articles.
#include <gtest/gtest.h>
#include <httplib.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "ingest/article_reader.h"
#include "ingest/json.h"
#include "serve/pg_reads.h"
#include "serve/reads.h"
#include "serve/server.h"
#include "sitrep/engine.h"
#include "store/store.h"
#include "store/story_query.h"
#include "temp_dir.h"
#include "text/utf8.h"

namespace sitrep::serve {
namespace {

using sitrep::testing::TempDir;

// A running server and a client for it; stopped when it goes out of scope.
class Running {
 public:
  explicit Running(ServeOptions options) {
    options.bind = "127.0.0.1";
    options.port = 0;
    if (options.threads == ServeOptions().threads) options.threads = 8;
    options.data_dir = SITREP_SOURCE_DATA_DIR;
    StoreStatus s = Server::create(options, server_);
    if (!s.ok()) throw std::runtime_error(s.message);
    port_ = server_->bind();
    if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
    thread_ = std::thread([this] { server_->run(); });
  }
  ~Running() {
    server_->stop();
    thread_.join();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }
  // A client that sends the upload token.
  httplib::Client uploader() const {
    httplib::Client c = client();
    c.set_bearer_token_auth(server_->token().c_str());
    return c;
  }
  int port() const { return port_; }
  const std::string& token() const { return server_->token(); }

 private:
  std::unique_ptr<Server> server_;
  int port_ = -1;
  std::thread thread_;
};

JsonValue parse(const std::string& body) {
  JsonValue v;
  std::string error;
  EXPECT_TRUE(parse_json(body, v, error)) << error << ": " << body.substr(0, 300);
  return v;
}

const JsonValue& at(const JsonValue& v, std::string_view key) {
  static const JsonValue kNull;
  const JsonValue* m = v.find(key);
  return m ? *m : kNull;
}
std::string str(const JsonValue& v, std::string_view key) { return at(v, key).string; }
const std::vector<JsonValue>& rows(const JsonValue& v) { return at(v, "rows").array; }

// The code points [start, end) of `text`, as the record's offsets count.
std::string slice(const std::string& text, int64_t start, int64_t end) {
  size_t i = 0, from = std::string::npos;
  int64_t cp = 0;
  while (i <= text.size()) {
    if (cp == start) from = i;
    if (cp == end) return text.substr(from, i - from);
    if (i == text.size()) break;
    uint32_t c;
    i += decode_utf8(text, i, c);
    ++cp;
  }
  return "<out of range>";
}

// A raw connection to the server: bytes exactly as given, answers as they come.
class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawClient() { ::close(fd_); }
  bool connected() const { return connected_; }
  bool send(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  // What arrives within `ms` milliseconds, until the server closes or `until` is in it.
  std::string receive(int ms, const std::string& until = "") {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
      pollfd p{fd_, POLLIN, 0};
      if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) break;
      char buf[4096];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buf, static_cast<size_t>(n));
      if (!until.empty() && out.find(until) != std::string::npos) break;
    }
    return out;
  }
  bool closed() const { return closed_; }

 private:
  int fd_ = -1;
  bool connected_ = false, closed_ = false;
};

// The HTTP status of a raw answer ("HTTP/1.1 503 ..."), or 0.
int status_of(const std::string& answer) {
  return answer.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(answer.c_str() + 9) : 0;
}

std::string get_request(const std::string& path, const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    db_ = dir_->path() + "/serve.db";
    std::unique_ptr<Store> store;
    StoreStatus s = Store::open(db_, {}, store);
    ASSERT_TRUE(s.ok()) << s.message;
    Pipeline pipeline = build_pipeline(SITREP_SOURCE_DATA_DIR);
    ReaderOptions options;
    options.default_date = "2024-04-22";
    ArticleReader reader({SITREP_EXAMPLES_DIR "/haliva-resigns.txt", SITREP_TEST_DATA_DIR "/articles.jsonl"}, options);
    Article a;
    ASSERT_TRUE(store->begin().ok());
    while (reader.next(a)) {
      Document doc(std::move(a));
      pipeline.run(doc);
      ASSERT_TRUE(store->add(prepare_article(doc, {}), nullptr).ok());
      ++articles_;
    }
    ASSERT_TRUE(store->commit().ok());
    ServeOptions serve;
    serve.db_path = db_;
    server_ = new Running(serve);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  // GET `path`: the status, and the body parsed as JSON.
  static std::pair<int, JsonValue> get(const std::string& path) {
    auto res = server_->client().Get(path);
    if (!res) return {0, {}};
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << path;
    return {res->status, parse(res->body)};
  }
  // A 400 answer that says what is wrong.
  static void expect_bad(const std::string& path, const std::string& words) {
    auto [status, body] = get(path);
    EXPECT_EQ(status, 400) << path;
    EXPECT_EQ(at(body, "status").number, 400) << path;
    EXPECT_NE(str(body, "error").find(words), std::string::npos) << path << ": " << str(body, "error");
  }

  static TempDir* dir_;
  static std::string db_;
  static Running* server_;
  static int articles_;
};
TempDir* ServeTest::dir_ = nullptr;
std::string ServeTest::db_;
Running* ServeTest::server_ = nullptr;
int ServeTest::articles_ = 0;

TEST_F(ServeTest, HealthCountsTheArticles) {
  auto [status, body] = get("/api/health");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(str(body, "status"), "ok");
  EXPECT_EQ(at(body, "articles").number, articles_);
  EXPECT_GT(articles_, 10);
  EXPECT_EQ(at(body, "ingest").boolean, false);
}

TEST_F(ServeTest, ArticleViewGivesTheTextAndItsRecord) {
  auto [status, body] = get("/api/articles/haliva-resigns");
  ASSERT_EQ(status, 200);
  const JsonValue& article = at(body, "article");
  const JsonValue& record = at(body, "record");
  EXPECT_EQ(str(article, "date"), "2024-04-22");
  EXPECT_NE(str(article, "title").find("military intelligence chief resigns"), std::string::npos);
  const std::string& text = str(article, "text");
  std::ifstream f(SITREP_EXAMPLES_DIR "/haliva-resigns.txt", std::ios::binary);
  std::stringstream file;
  file << f.rdbuf();
  EXPECT_EQ(text, file.str());
  // Every offset points at its words in the text served with it.
  std::map<std::string, std::string> type_of, name_of;
  for (const JsonValue& e : at(record, "entities").array) {
    type_of[str(e, "name")] = str(e, "type");
    name_of[str(e, "id")] = str(e, "name");
    for (const JsonValue& m : at(e, "mentions").array)
      EXPECT_EQ(slice(text, static_cast<int64_t>(at(m, "start").number), static_cast<int64_t>(at(m, "end").number)),
                str(m, "text"));
  }
  EXPECT_EQ(type_of["Aharon Haliva"], "PERSON");
  EXPECT_EQ(type_of["Hamas"], "ORG");
  EXPECT_EQ(type_of["Israel"], "GPE");
  bool debacle = false;
  for (const JsonValue& q : at(record, "quotes").array) {
    EXPECT_EQ(slice(text, static_cast<int64_t>(at(q, "start").number), static_cast<int64_t>(at(q, "end").number)),
              str(q, "text"));
    if (str(q, "text").rfind("This debacle will be investigated", 0) == 0) {
      debacle = true;
      EXPECT_EQ(name_of[str(q, "speaker")], "Benjamin Netanyahu");
    }
  }
  EXPECT_TRUE(debacle);
  EXPECT_GE(at(record, "claims").array.size(), 2u);
  EXPECT_GE(at(record, "events").array.size(), 5u);
}

TEST_F(ServeTest, UnknownArticleEntityAndRouteAre404s) {
  for (const char* path : {"/api/articles/no-such-article", "/api/entities/Nobody%20At%20All", "/api/nothing", "/nothing.js"}) {
    auto [status, body] = get(path);
    EXPECT_EQ(status, 404) << path;
    EXPECT_EQ(at(body, "status").number, 404) << path;
    EXPECT_FALSE(str(body, "error").empty()) << path;
  }
}

// Bytes from the URL that are not UTF-8 were echoed raw into the error,
// which was then not valid JSON.
TEST_F(ServeTest, ErrorsAreValidUtf8WhateverTheUrlHolds) {
  auto res = server_->client().Get("/api/entities/%ff%fe");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_TRUE(is_valid_utf8(res->body)) << res->body;
  EXPECT_NE(res->body.find("'\xef\xbf\xbd\xef\xbf\xbd'"), std::string::npos) << res->body;
}

TEST_F(ServeTest, SearchFindsArticlesAndEntities) {
  auto [status, body] = get("/api/search?q=Haliva");
  ASSERT_EQ(status, 200);
  const auto& articles = rows(at(body, "articles"));
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(str(articles[0], "article"), "haliva-resigns");
  EXPECT_NE(str(articles[0], "snippet").find("[Haliva]"), std::string::npos);
  auto [status2, body2] = get("/api/search?q=Aharon");
  ASSERT_EQ(status2, 200);
  ASSERT_FALSE(at(body2, "entities").array.empty());
  EXPECT_EQ(str(at(body2, "entities").array[0], "name"), "Aharon Haliva");
  auto [status3, body3] = get("/api/search?q=%22military%20intelligence%22%20AND%20resign*");
  ASSERT_EQ(status3, 200);
  EXPECT_EQ(rows(at(body3, "articles")).size(), 1u);
}

// The snippet: about a dozen words around the first hit, the hits in
// brackets, "…" where the text goes on either side; the first words of the
// text when the hit is in its first few.
TEST_F(ServeTest, SnippetsSurroundTheFirstHit) {
  auto [status, body] = get("/api/search?q=Isfahan");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(rows(at(body, "articles")).size(), 1u);
  // "Isfahan" is the text's 74th word, and again near its end.
  EXPECT_EQ(str(rows(at(body, "articles"))[0], "snippet"),
            "…Iranian city of [Isfahan], had shipped components worth more than $85 million…");
  auto [status2, body2] = get("/api/search?q=Vantor");
  ASSERT_EQ(status2, 200);
  ASSERT_EQ(rows(at(body2, "articles")).size(), 1u);
  const std::string& first = str(rows(at(body2, "articles"))[0], "snippet");
  EXPECT_EQ(first.rfind("[Vantor] ", 0), 0u) << first;
  EXPECT_EQ(first.rfind("…", 0), std::string::npos) << first;
  EXPECT_EQ(std::count(first.begin(), first.end(), ' '), 11) << first;
  EXPECT_EQ(first.substr(first.size() - 3), "…") << first;
}

// sitrep_rank orders the matches as FTS5's bm25() does: the same score for
// a query of several phrases, and for one phrase the score divided by the
// phrase's IDF (the same for every row), so the same order.
TEST_F(ServeTest, TheSearchRankOrdersAsBm25) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  ASSERT_EQ(register_rank(db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT rowid, bm25(articles_fts), sitrep_rank(articles_fts) FROM articles_fts "
                               "WHERE articles_fts MATCH ?1 ORDER BY rowid DESC",
                               -1, &st, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  struct Case {
    const char* query;
    bool one_phrase;
  };
  for (const Case& c : {Case{"said", true}, Case{"\"said on\"", true}, Case{"police", true},
                        Case{"said police", false}, Case{"Israel OR Hamas OR killed", false},
                        Case{"said NOT police", false}, Case{"kill* government", false}}) {
    sqlite3_bind_text(st, 1, c.query, -1, SQLITE_STATIC);
    std::vector<std::tuple<double, int64_t>> by_bm25, by_rank;
    double ratio = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
      const int64_t key = sqlite3_column_int64(st, 0);
      const double bm25 = sqlite3_column_double(st, 1), rank = sqlite3_column_double(st, 2);
      by_bm25.emplace_back(bm25, -key);
      by_rank.emplace_back(rank, -key);
      if (!c.one_phrase) {
        EXPECT_EQ(rank, bm25) << c.query;
      } else {
        ASSERT_LT(rank, 0) << c.query;
        if (ratio == 0) ratio = bm25 / rank;
        EXPECT_NEAR(bm25 / rank, ratio, 1e-9 * ratio) << c.query;
      }
    }
    EXPECT_EQ(sqlite3_reset(st), SQLITE_OK) << c.query << ": " << sqlite3_errmsg(db);
    EXPECT_GE(by_bm25.size(), 3u) << c.query;
    std::sort(by_bm25.begin(), by_bm25.end());
    std::sort(by_rank.begin(), by_rank.end());
    std::vector<int64_t> order_bm25, order_rank;
    for (auto& [score, key] : by_bm25) order_bm25.push_back(-key);
    for (auto& [score, key] : by_rank) order_rank.push_back(-key);
    EXPECT_EQ(order_rank, order_bm25) << c.query;
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
}

// The entities of a name prefix (search, and /api/entities?q=) come from the
// kept list of every entity: those whose name starts with the prefix in any
// case of its ASCII letters, counted as the store counts them, most named
// first, paged.
TEST_F(ServeTest, EntitiesByPrefixAreThoseTheStoreCounts) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT name, type, count(DISTINCT article) FROM entity_rows WHERE name LIKE ?1 || '%' "
                               "AND (?2 = '' OR type = ?2) AND article NOT IN "
                               "(SELECT key FROM articles WHERE duplicate_of IS NOT NULL) GROUP BY name, type",
                               -1, &st, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  struct Case {
    std::string prefix, type;
  };
  for (const Case& c : {Case{"Ha", ""}, Case{"ha", ""}, Case{"ISRAEL", ""}, Case{"S", ""}, Case{"s", "PERSON"},
                        Case{"Ah", "PERSON"}, Case{"Zzz", ""}}) {
    std::multiset<std::tuple<std::string, std::string, int64_t>> expected;
    sqlite3_bind_text(st, 1, c.prefix.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, c.type.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW)
      expected.emplace(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                       reinterpret_cast<const char*>(sqlite3_column_text(st, 1)), sqlite3_column_int64(st, 2));
    sqlite3_reset(st);
    // Every page of 3.
    std::multiset<std::tuple<std::string, std::string, int64_t>> got;
    std::vector<std::tuple<std::string, std::string, int64_t>> in_order;
    for (int offset = 0;; offset += 3) {
      auto [status, body] =
          get("/api/entities?limit=3&offset=" + std::to_string(offset) + "&q=" + c.prefix + "&type=" + c.type);
      ASSERT_EQ(status, 200);
      for (const JsonValue& e : rows(body)) {
        in_order.emplace_back(str(e, "name"), str(e, "type"), static_cast<int64_t>(at(e, "articles").number));
        got.insert(in_order.back());
      }
      if (!at(body, "more").boolean) break;
      ASSERT_EQ(rows(body).size(), 3u) << c.prefix;
    }
    EXPECT_EQ(got, expected) << c.prefix << " " << c.type;
    // Most named first; among as many, by name.
    for (size_t i = 1; i < in_order.size(); ++i) {
      const auto& [n0, t0, a0] = in_order[i - 1];
      const auto& [n1, t1, a1] = in_order[i];
      EXPECT_TRUE(a0 > a1 || (a0 == a1 && n0 <= n1)) << c.prefix << ": " << n0 << " before " << n1;
    }
  }
  EXPECT_FALSE(rows(get("/api/entities?q=Ha").second).empty());
  // Search lists the first 10 of them.
  auto [status, body] = get("/api/search?q=ha");
  ASSERT_EQ(status, 200);
  auto [status2, list] = get("/api/entities?q=ha&limit=10");
  ASSERT_EQ(status2, 200);
  ASSERT_EQ(at(body, "entities").array.size(), rows(list).size());
  for (size_t i = 0; i < rows(list).size(); ++i)
    EXPECT_EQ(str(at(body, "entities").array[i], "name"), str(rows(list)[i], "name"));
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_F(ServeTest, ParametersAreValidated) {
  expect_bad("/api/articles?limit=0", "'limit' must be from 1 to 200");
  expect_bad("/api/articles?limit=201", "'limit' must be from 1 to 200");
  expect_bad("/api/articles?limit=ten", "'limit' must be a whole number");
  expect_bad("/api/articles?limit=-1", "'limit' must be a whole number");
  expect_bad("/api/articles?offset=99999999999", "'offset' must be");
  expect_bad("/api/events?since=2024-02-30", "'since' must be a date YYYY-MM-DD");
  expect_bad("/api/events?until=yesterday", "'until' must be a date YYYY-MM-DD");
  expect_bad("/api/articles?colour=red", "unknown parameter 'colour'");
  expect_bad("/api/articles?limit=1&limit=2", "given more than once");
  expect_bad("/api/search", "'q'");
  expect_bad("/api/search?q=%22unterminated", "not a full-text query");
  expect_bad("/api/quotes?q=AND%20AND", "not a full-text query");
  expect_bad("/api/events?event=DROP%20TABLE", "'event' must be a CAMEO code");
  expect_bad("/api/events?actor=IS%27R", "'actor' must be");
  expect_bad("/api/aggregates/figures", "'kind'");
  expect_bad("/api/claims?entity=Gaza", "needs 'kind'");
  expect_bad("/api/articles?q=" + std::string(300, 'a'), "longer than 200 bytes");
  expect_bad("/api/articles?q=%01", "control characters");
  expect_bad("/api/articles?q=%ff", "not valid UTF-8");
}

TEST_F(ServeTest, ListsArePaged) {
  std::set<std::string> seen;
  int pages = 0;
  for (int offset = 0;; offset += 4) {
    auto [status, body] = get("/api/articles?limit=4&offset=" + std::to_string(offset));
    ASSERT_EQ(status, 200);
    EXPECT_EQ(at(body, "offset").number, offset);
    EXPECT_LE(rows(body).size(), 4u);
    for (const JsonValue& r : rows(body)) EXPECT_TRUE(seen.insert(str(r, "article")).second) << str(r, "article");
    ++pages;
    if (!at(body, "more").boolean) break;
    ASSERT_EQ(rows(body).size(), 4u);
  }
  EXPECT_EQ(static_cast<int>(seen.size()), articles_);
  EXPECT_EQ(pages, (articles_ + 3) / 4);
  auto [status, past] = get("/api/articles?offset=1000");
  EXPECT_EQ(status, 200);
  EXPECT_TRUE(rows(past).empty());
  EXPECT_FALSE(at(past, "more").boolean);
}

TEST_F(ServeTest, EntityPageHasMentionsQuotesEventsAndTimeline) {
  auto [status, body] = get("/api/entities/Haliva");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(str(at(body, "entity"), "name"), "Aharon Haliva");
  EXPECT_EQ(str(at(body, "entity"), "type"), "PERSON");
  const auto& mentions = rows(at(body, "mentions"));
  ASSERT_GE(mentions.size(), 3u);
  for (const JsonValue& m : mentions) {
    EXPECT_EQ(str(m, "article"), "haliva-resigns");
    EXPECT_TRUE(str(m, "text").find("Haliva") != std::string::npos || str(m, "kind") != "name") << str(m, "text");
  }
  bool quote = false;
  for (const JsonValue& q : at(body, "quotes").array) {
    EXPECT_EQ(str(q, "speaker"), "Aharon Haliva");
    quote |= str(q, "text").find("The intelligence directorate under my command") != std::string::npos;
  }
  EXPECT_TRUE(quote);
  ASSERT_FALSE(at(body, "events").array.empty());
  for (const JsonValue& e : at(body, "events").array) {
    const std::string role = str(e, "role");
    EXPECT_EQ(str(e, role), "Aharon Haliva") << role;
  }
  ASSERT_EQ(at(body, "timeline").array.size(), 1u);
  EXPECT_EQ(str(at(body, "timeline").array[0], "date"), "2024-04-22");
  EXPECT_EQ(static_cast<size_t>(at(at(body, "timeline").array[0], "mentions").number), mentions.size());
  // Names with spaces and non-ASCII letters come percent-encoded.
  auto [status2, body2] = get("/api/entities/Benjamin%20Netanyahu");
  ASSERT_EQ(status2, 200);
  EXPECT_EQ(str(at(body2, "entity"), "name"), "Benjamin Netanyahu");
}

TEST_F(ServeTest, EventQuoteAndClaimFiltersHold) {
  auto [s1, assault] = get("/api/events?event=ASSAULT&limit=200");
  ASSERT_EQ(s1, 200);
  ASSERT_FALSE(rows(assault).empty());
  for (const JsonValue& r : rows(assault)) EXPECT_EQ(str(r, "plover"), "ASSAULT");
  auto [s2, isr] = get("/api/events?actor=ISR&since=2023-01-01&until=2024-12-31&limit=200");
  ASSERT_EQ(s2, 200);
  ASSERT_FALSE(rows(isr).empty());
  for (const JsonValue& r : rows(isr)) {
    EXPECT_TRUE(str(r, "source_actor").rfind("ISR", 0) == 0 || str(r, "target_actor").rfind("ISR", 0) == 0);
    EXPECT_GE(str(r, "date"), "2023-01-01");
    EXPECT_LE(str(r, "date"), "2024-12-31");
  }
  auto [s3, hamas] = get("/api/events?entity=Hamas&limit=200");
  ASSERT_EQ(s3, 200);
  ASSERT_FALSE(rows(hamas).empty());
  for (const JsonValue& r : rows(hamas)) EXPECT_TRUE(str(r, "source") == "Hamas" || str(r, "target") == "Hamas");
  auto [s4, quotes] = get("/api/quotes?speaker=Netanyahu");
  ASSERT_EQ(s4, 200);
  ASSERT_GE(rows(quotes).size(), 2u);
  for (const JsonValue& r : rows(quotes)) EXPECT_EQ(str(r, "speaker"), "Benjamin Netanyahu");
  auto [s5, killed] = get("/api/claims?kind=killed&limit=200");
  ASSERT_EQ(s5, 200);
  ASSERT_FALSE(rows(killed).empty());
  for (const JsonValue& r : rows(killed)) EXPECT_EQ(str(r, "kind"), "killed");
  auto [s6, figures] = get("/api/aggregates/figures?kind=killed");
  ASSERT_EQ(s6, 200);
  bool ministry = false;
  for (const JsonValue& r : rows(figures))
    if (str(r, "source") == "Gaza Health Ministry") {
      ministry = true;
      EXPECT_EQ(at(r, "high").number, 34000);
      EXPECT_EQ(str(r, "date"), "2024-04-22");
    }
  EXPECT_TRUE(ministry);
  auto [s7, kinds] = get("/api/claims/kinds");
  ASSERT_EQ(s7, 200);
  std::set<std::string> kind_names;
  for (const JsonValue& r : rows(kinds)) kind_names.insert(str(r, "kind"));
  EXPECT_TRUE(kind_names.count("killed") && kind_names.count("hostages"));
}

TEST_F(ServeTest, AggregatesGiveActorPairsAndANetwork) {
  auto [s1, pairs] = get("/api/aggregates/pairs?actor=ISR");
  ASSERT_EQ(s1, 200);
  ASSERT_FALSE(rows(pairs).empty());
  for (const JsonValue& r : rows(pairs)) EXPECT_GT(at(r, "events").number, 0);
  auto [s2, net] = get("/api/aggregates/network?limit=10");
  ASSERT_EQ(s2, 200);
  const auto& edges = at(net, "edges").array;
  ASSERT_FALSE(edges.empty());
  EXPECT_LE(edges.size(), 10u);
  std::set<std::string> nodes;
  for (const JsonValue& n : at(net, "nodes").array) nodes.insert(str(n, "id"));
  for (size_t i = 0; i < edges.size(); ++i) {
    EXPECT_TRUE(nodes.count(str(edges[i], "source")) && nodes.count(str(edges[i], "target")));
    if (i) {
      EXPECT_LE(at(edges[i], "events").number, at(edges[i - 1], "events").number) << "heaviest first";
    }
  }
}

// The pairs are counted from the kept events (not a query per request): the
// same rows as sitrep query --by day for each filter but an entity, which is
// read from the store (group_concat's types in any order).
TEST_F(ServeTest, PairsAreTheRowsOfQueryByDay) {
  std::unique_ptr<Store> store;
  StoreOptions read_only;
  read_only.read_only = true;
  ASSERT_TRUE(Store::open(db_, read_only, store).ok());
  auto types_of = [](std::string t) {
    std::set<std::string> out;
    for (size_t at = 0; at <= t.size() && !t.empty();) {
      size_t comma = t.find(',', at);
      if (comma == std::string::npos) comma = t.size();
      out.insert(t.substr(at, comma - at));
      at = comma + 1;
    }
    return out;
  };
  struct Filter {
    std::string query;
    QuerySpec spec;
  };
  std::vector<Filter> filters(7);
  filters[1] = {"actor=isr", {}};
  filters[1].spec.actor = "isr";
  filters[2] = {"event=ASSAULT", {}};
  filters[2].spec.event = "ASSAULT";
  filters[3] = {"event=1", {}};
  filters[3].spec.event = "1";
  filters[4] = {"since=2024-01-01&until=2024-12-31&actor=IS", {}};
  filters[4].spec.since = "2024-01-01";
  filters[4].spec.until = "2024-12-31";
  filters[4].spec.actor = "IS";
  filters[5] = {"entity=Hamas", {}};
  filters[5].spec.entity = "Hamas";
  filters[6] = {"event=request&until=2024-06-30", {}};
  filters[6].spec.event = "request";
  filters[6].spec.until = "2024-06-30";
  size_t nonempty = 0;
  for (Filter& f : filters) {
    f.spec.by_day = true;
    std::vector<std::string> columns;
    std::vector<QueryRow> expected;
    ASSERT_TRUE(run_query(*store, f.spec, columns, [&](const QueryRow& r) { expected.push_back(r); }).ok());
    auto [status, body] = get("/api/aggregates/pairs?" + f.query);
    ASSERT_EQ(status, 200) << f.query;
    const auto& got = rows(body);
    ASSERT_EQ(got.size(), expected.size()) << f.query;
    nonempty += !expected.empty();
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(str(got[i], "date"), expected[i][0].text) << f.query << " row " << i;
      EXPECT_EQ(str(got[i], "source"), expected[i][1].text) << f.query << " row " << i;
      EXPECT_EQ(str(got[i], "target"), expected[i][2].text) << f.query << " row " << i;
      EXPECT_EQ(at(got[i], "events").number, std::stod(expected[i][3].text)) << f.query << " row " << i;
      EXPECT_EQ(at(got[i], "articles").number, std::stod(expected[i][4].text)) << f.query << " row " << i;
      EXPECT_EQ(types_of(str(got[i], "types")), types_of(expected[i][5].text)) << f.query << " row " << i;
    }
  }
  EXPECT_GE(nonempty, 5u) << "the filters select rows";
  // The network's edges: each pair of two known, different actors with all its events.
  std::vector<std::string> columns;
  std::map<std::pair<std::string, std::string>, double> events;
  QuerySpec by_day;
  by_day.by_day = true;
  ASSERT_TRUE(run_query(*store, by_day, columns, [&](const QueryRow& r) {
                if (r[1].text != "-" && r[2].text != "-" && r[1].text != r[2].text)
                  events[{r[1].text, r[2].text}] += std::stod(r[3].text);
              }).ok());
  auto [status, net] = get("/api/aggregates/network?limit=500");
  ASSERT_EQ(status, 200);
  std::map<std::pair<std::string, std::string>, double> edges;
  for (const JsonValue& e : at(net, "edges").array)
    edges[{str(e, "source"), str(e, "target")}] = at(e, "events").number;
  EXPECT_EQ(edges, events);
}

// An entity's mentions and quotes are read by a walk of the articles by date
// when it is named in many articles, else from its own articles: the same rows.
TEST_F(ServeTest, AnEntitysPagesReadByDateAreTheSame) {
  ReaderPool pool(db_, {});
  StoreStatus status;
  auto reader = pool.acquire(status);
  ASSERT_TRUE(reader) << status.message;
  auto read = [&](const char* sql, std::vector<Bind> binds) {
    std::vector<std::string> columns;
    std::vector<std::string> out;
    StoreStatus s = reader->rows(sql, binds, columns, [&](const QueryRow& r) {
      std::string line;
      for (const QueryCell& c : r) line += c.text + "|";
      out.push_back(line);
    });
    EXPECT_TRUE(s.ok()) << s.message;
    return out;
  };
  for (const char* name : {"Netanyahu", "Hamas", "Israel", "Aharon Haliva"}) {
    read(kNamedClearSql, {});
    read(kNamedFillSql, {std::string(name)});
    for (auto [limit, offset] : {std::pair<int64_t, int64_t>{200, 0}, {3, 0}, {2, 3}}) {
      const auto by_articles = read(kEntityMentionsSql, {limit, offset});
      EXPECT_EQ(read(kEntityMentionsByDateSql, {limit, offset}), by_articles) << name << " " << limit << " " << offset;
      EXPECT_FALSE(by_articles.empty() && offset == 0) << name;
      // Quotes of one day and article come in no set order: compared as sets.
      auto quotes = read(kNamedQuotesSql, {limit, offset}), by_date = read(kNamedQuotesByDateSql, {limit, offset});
      if (limit == 200) {
        std::sort(quotes.begin(), quotes.end());
        std::sort(by_date.begin(), by_date.end());
      }
      EXPECT_EQ(by_date.size(), quotes.size()) << name;
      if (limit == 200) {
        EXPECT_EQ(by_date, quotes) << name;
      }
    }
  }
}

TEST_F(ServeTest, TheWebViewIsServedFromTheBinary) {
  auto res = server_->client().Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(res->body.find("<script src=\"/app.js\">"), std::string::npos);
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  auto js = server_->client().Get("/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_NE(js->body.find("function renderMarks"), std::string::npos);
}

TEST_F(ServeTest, AReadOnlyServerRefusesWrites) {
  auto res = server_->client().Post("/api/articles", "Title\n\nSome text.", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_NE(parse(res->body).find("error")->string.find("--allow-ingest"), std::string::npos);
  auto [status, body] = get("/api/health");
  EXPECT_EQ(at(body, "articles").number, articles_);
}

TEST_F(ServeTest, ConcurrentClientsGetTheSameAnswers) {
  const std::string expected = server_->client().Get("/api/articles/haliva-resigns")->body;
  std::atomic<int> bad{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 6; ++t)
    clients.emplace_back([&, t] {
      httplib::Client c = server_->client();
      for (int i = 0; i < 30; ++i) {
        auto res = (i + t) % 2 ? c.Get("/api/articles/haliva-resigns") : c.Get("/api/search?q=Haliva");
        if (!res || res->status != 200 || ((i + t) % 2 && res->body != expected)) ++bad;
      }
    });
  for (auto& c : clients) c.join();
  EXPECT_EQ(bad, 0);
}

// Stories: a store of records written for these tests, so that every story's
// articles and figures are known. Gaza (story 1): Israel says 10 killed on
// May 1, then 25 on May 3 when Hamas says 40; a wire copy of the first
// article. Nairobi floods (story 2): 5 killed on May 2, and a follow-up on May 4.
class ServeStories : public ::testing::Test {
 protected:
  struct E {
    const char* type;
    const char* name;
    const char* code;
  };
  // A killed figure attributed to entity `source` ("e1") or to the article (null).
  static std::string killed(int value, const char* source) {
    return R"({"kind":"killed","value":)" + std::to_string(value) +
           R"(,"qualifier":"exact","unit":"people","source":)" +
           (source ? "\"" + std::string(source) + "\"" : std::string("null")) +
           R"(,"actor":null,"date":null,"start":0,"end":1,"text":"x"})";
  }
  // An article with these entities (e1, e2 ...), events ("e1>e3:190") and claims (JSON items).
  static StoredArticle article(const std::string& id, const std::string& date, const std::string& text,
                               const std::vector<E>& entities, const std::vector<std::string>& events,
                               const std::string& claims) {
    std::string r = R"({"id":")" + id + R"(","title":"Title of )" + id + R"(","date":")" + date + R"(","entities":[)";
    for (size_t i = 0; i < entities.size(); ++i) {
      r += (i ? "," : "") + std::string(R"({"id":"e)") + std::to_string(i + 1) + R"(","type":")" + entities[i].type +
           R"(","name":")" + entities[i].name + R"(","actor_code":)" +
           (entities[i].code[0] ? "\"" + std::string(entities[i].code) + "\"" : std::string("null")) +
           R"(,"attributes":{},"mentions":[]})";
    }
    r += R"(],"quotes":[],"reported":[],"claims":[)" + claims + R"(],"times":[],"events":[)";
    for (size_t i = 0; i < events.size(); ++i)
      r += (i ? "," : "") + std::string(R"({"source":")") + events[i].substr(0, 2) + R"(","target":")" +
           events[i].substr(3, 2) + R"(","cameo":")" + events[i].substr(6) +
           R"(","plover":"ASSAULT","negated":false,"modality":"asserted","date":null,)"
           R"("trigger":{"start":0,"end":1,"text":"x"}})";
    r += "]}";
    Article a;
    a.id = id;
    a.date = date;
    a.text = text;
    a.title = "Title of " + id;
    return prepare_article(a, r);
  }
  static void fill(Store& store) {
    const std::vector<E> gaza = {{"GPE", "Israel", "ISR"}, {"ORG", "Hamas", "PSEHMS"}, {"GPE", "Gaza", ""}};
    const std::vector<E> kenya = {{"GPE", "Kenya", "KEN"}, {"GPE", "Nairobi", ""}, {"ORG", "Kenya Red Cross", ""}};
    const std::string strike = "Israeli aircraft struck targets across southern Gaza overnight as ceasefire "
                               "negotiations stalled, and rescuers searched collapsed buildings for survivors.";
    AddResult r;
    ASSERT_TRUE(store.add(article("a1", "2024-05-01", strike, gaza, {"e1>e3:190"}, killed(10, "e1")), &r).ok());
    ASSERT_TRUE(store.add(article("k1", "2024-05-02", "Floodwaters swept through low-lying neighbourhoods of "
                                  "Nairobi after days of torrential rains, and rescuers evacuated families.",
                                  kenya, {}, killed(5, nullptr)), &r).ok());
    ASSERT_TRUE(store.add(article("a2", "2024-05-03", "Rescuers in southern Gaza pulled more survivors from collapsed "
                                  "buildings after the overnight strikes, while ceasefire negotiations stalled.",
                                  gaza, {"e1>e3:190"}, killed(25, "e1") + "," + killed(40, "e2")), &r).ok());
    ASSERT_EQ(r.story, 1);
    ASSERT_TRUE(store.add(article("a1-copy", "2024-05-01", strike, gaza, {"e1>e3:190"}, killed(10, "e1")), &r).ok());
    ASSERT_EQ(r.duplicate_of, "a1");
    ASSERT_TRUE(store.add(article("k2", "2024-05-04", "Nairobi families stranded by the floodwaters returned home as "
                                  "rains eased and rescuers evacuated the last rooftops.", kenya, {}, ""), &r).ok());
    ASSERT_EQ(r.story, 2);
  }
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    db_ = dir_->path() + "/stories.db";
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::open(db_, {}, store).ok());
    fill(*store);
    store.reset();
    ServeOptions serve;
    serve.db_path = db_;
    server_ = new Running(serve);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static std::pair<int, JsonValue> get(const std::string& path) {
    auto res = server_->client().Get(path);
    if (!res) return {0, {}};
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << path;
    return {res->status, parse(res->body)};
  }
  // The stories a list gives, by number.
  static std::vector<int> listed(const std::string& path) {
    auto [status, body] = get(path);
    EXPECT_EQ(status, 200) << path;
    std::vector<int> out;
    for (const JsonValue& r : rows(body)) out.push_back(static_cast<int>(at(r, "story").number));
    return out;
  }
  static TempDir* dir_;
  static std::string db_;
  static Running* server_;
};
TempDir* ServeStories::dir_ = nullptr;
std::string ServeStories::db_;
Running* ServeStories::server_ = nullptr;

TEST_F(ServeStories, TheListGivesTheLatestFirstWithFiltersAndPages) {
  auto [status, body] = get("/api/stories");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(rows(body).size(), 2u);
  const JsonValue& floods = rows(body)[0];
  EXPECT_EQ(at(floods, "story").number, 2);
  EXPECT_EQ(str(floods, "first_date"), "2024-05-02");
  EXPECT_EQ(str(floods, "last_date"), "2024-05-04");
  EXPECT_EQ(at(floods, "articles").number, 2);
  EXPECT_EQ(str(floods, "title"), "Title of k1");
  EXPECT_EQ(at(rows(body)[1], "articles").number, 3);  // with the wire copy
  EXPECT_FALSE(at(body, "more").boolean);
  EXPECT_EQ(listed("/api/stories?since=2024-05-04"), std::vector<int>{2});
  EXPECT_EQ(listed("/api/stories?until=2024-05-01"), std::vector<int>{1});
  EXPECT_EQ(listed("/api/stories?since=2024-05-03&until=2024-05-03"), (std::vector<int>{2, 1}));
  EXPECT_EQ(listed("/api/stories?entity=hamas"), std::vector<int>{1});
  EXPECT_EQ(listed("/api/stories?entity=Nairobi"), std::vector<int>{2});
  EXPECT_EQ(listed("/api/stories?entity=Nobody"), std::vector<int>{});
  EXPECT_EQ(listed("/api/stories?min_articles=3"), std::vector<int>{1});
  auto [s1, first] = get("/api/stories?limit=1");
  ASSERT_EQ(s1, 200);
  ASSERT_EQ(rows(first).size(), 1u);
  EXPECT_TRUE(at(first, "more").boolean);
  EXPECT_EQ(listed("/api/stories?limit=1&offset=1"), std::vector<int>{1});
}

TEST_F(ServeStories, AStoryPageHasItsArticlesActorsEventsAndFigures) {
  auto [status, body] = get("/api/stories/1");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(at(at(body, "story"), "story").number, 1);
  EXPECT_EQ(str(at(body, "story"), "title"), "Title of a1");
  // Its articles over time: by day (the copy counted apart), and by date.
  const auto& days = rows(at(body, "days"));
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(str(days[0], "date"), "2024-05-01");
  EXPECT_EQ(at(days[0], "articles").number, 2);
  EXPECT_EQ(at(days[0], "copies").number, 1);
  EXPECT_EQ(str(days[1], "date"), "2024-05-03");
  std::vector<std::string> ids;
  for (const JsonValue& a : rows(at(body, "articles"))) ids.push_back(str(a, "article_id"));
  EXPECT_EQ(ids, (std::vector<std::string>{"a1", "a1-copy", "a2"}));
  EXPECT_EQ(str(rows(at(body, "articles"))[1], "duplicate_of"), "a1");
  // Its actors and events, wire copies left out.
  std::map<std::string, int> entities;
  for (const JsonValue& e : rows(at(body, "entities")))
    entities[str(e, "name")] = static_cast<int>(at(e, "articles").number);
  EXPECT_EQ(entities, (std::map<std::string, int>{{"Gaza", 2}, {"Hamas", 2}, {"Israel", 2}}));
  ASSERT_EQ(rows(at(body, "event_codes")).size(), 1u);
  EXPECT_EQ(str(rows(at(body, "event_codes"))[0], "root"), "19");
  EXPECT_EQ(at(rows(at(body, "event_codes"))[0], "events").number, 2);
  ASSERT_EQ(rows(at(body, "pairs")).size(), 1u);
  EXPECT_EQ(str(rows(at(body, "pairs"))[0], "source"), "ISR");
  EXPECT_EQ(str(rows(at(body, "pairs"))[0], "target"), "Gaza");
  EXPECT_EQ(str(rows(at(body, "pairs"))[0], "last_date"), "2024-05-03");
  EXPECT_EQ(rows(at(body, "events")).size(), 2u);
  // Its figures, within the story only (the flood's 5 is not here), marked as they change.
  ASSERT_EQ(rows(at(body, "claim_kinds")).size(), 1u);
  EXPECT_EQ(at(rows(at(body, "claim_kinds"))[0], "claims").number, 3);
  ASSERT_EQ(at(body, "figures").array.size(), 1u);
  const JsonValue& killed = at(body, "figures").array[0];
  EXPECT_EQ(str(killed, "kind"), "killed");
  std::vector<std::string> seen;
  for (const JsonValue& r : rows(killed))
    seen.push_back(str(r, "date") + " " + str(r, "source") + " " +
                   std::to_string(static_cast<int>(at(r, "high").number)) + " " +
                   (at(r, "change").type == JsonValue::Type::kNull ? "-" : str(r, "change")));
  EXPECT_EQ(seen, (std::vector<std::string>{"2024-05-01 Israel 10 -", "2024-05-03 Hamas 40 disputed",
                                            "2024-05-03 Israel 25 revised up, disputed"}));
  // The same rows as sitrep query --story 1 --figures killed.
  std::unique_ptr<Store> store;
  StoreOptions read_only;
  read_only.read_only = true;
  ASSERT_TRUE(Store::open(db_, read_only, store).ok());
  std::vector<std::string> columns;
  std::vector<QueryRow> expected;
  ASSERT_TRUE(story_figures(*store, 1, "killed", columns, [&](const QueryRow& r) { expected.push_back(r); }).ok());
  ASSERT_EQ(expected.size(), rows(killed).size());
  for (size_t i = 0; i < expected.size(); ++i)
    for (size_t c = 0; c < columns.size(); ++c) {
      const JsonValue& v = at(rows(killed)[i], columns[c]);
      const QueryCell& e = expected[i][c];
      if (e.type == QueryCell::Type::kNull) EXPECT_TRUE(v.is_null()) << columns[c];
      else if (v.type == JsonValue::Type::kNumber) EXPECT_EQ(v.number, std::stod(e.text)) << columns[c];
      else EXPECT_EQ(v.string, e.text) << columns[c];
    }
  auto [s2, floods] = get("/api/stories/2");
  ASSERT_EQ(s2, 200);
  ASSERT_EQ(at(floods, "figures").array.size(), 1u);
  ASSERT_EQ(rows(at(floods, "figures").array[0]).size(), 1u);
  EXPECT_EQ(str(rows(at(floods, "figures").array[0])[0], "source"), "(the article)");
  EXPECT_EQ(at(rows(at(floods, "figures").array[0])[0], "high").number, 5);
  // Its articles are paged.
  auto [s3, paged] = get("/api/stories/1?limit=2&offset=1");
  ASSERT_EQ(s3, 200);
  ASSERT_EQ(rows(at(paged, "articles")).size(), 2u);
  EXPECT_EQ(str(rows(at(paged, "articles"))[0], "article_id"), "a1-copy");
  EXPECT_FALSE(at(at(paged, "articles"), "more").boolean);
  auto [s4, first] = get("/api/stories/1?limit=1");
  EXPECT_TRUE(at(at(first, "articles"), "more").boolean);
}

// The article view's record carries the story the article joined at ingest.
TEST_F(ServeStories, AnArticlesRecordNamesItsStory) {
  for (auto [id, story] : {std::pair{"a1", 1}, {"a1-copy", 1}, {"a2", 1}, {"k1", 2}, {"k2", 2}}) {
    auto [status, body] = get(std::string("/api/articles/") + id);
    ASSERT_EQ(status, 200) << id;
    EXPECT_EQ(at(at(body, "record"), "story").number, story) << id;
  }
}

TEST_F(ServeStories, BadAndUnknownStoriesAreAnswered) {
  for (const char* path : {"/api/stories/0", "/api/stories/x", "/api/stories/-1", "/api/stories/1.5",
                           "/api/stories/99999999999999999999", "/api/stories/007"}) {
    auto [status, body] = get(path);
    EXPECT_EQ(status, 400) << path;
    EXPECT_NE(str(body, "error").find("a story is a number"), std::string::npos) << path << ": " << str(body, "error");
  }
  auto [status, body] = get("/api/stories/99");
  EXPECT_EQ(status, 404);
  EXPECT_EQ(str(body, "error"), "no story 99 in the store");
  for (const char* path : {"/api/stories?min_articles=0", "/api/stories?since=May", "/api/stories?colour=red",
                           "/api/stories?limit=500", "/api/stories/1?limit=0", "/api/stories/1?kind=killed"}) {
    auto [s, b] = get(path);
    EXPECT_EQ(s, 400) << path;
    EXPECT_EQ(at(b, "status").number, 400) << path;
  }
  auto res = server_->client().Post("/api/stories/1", "x", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(res->get_header_value("Allow"), "GET, HEAD");
}

// A store made before stories: the story routes say so; the rest is served.
TEST(ServeStoriesMissing, AStoreWithoutStoriesSaysSo) {
  TempDir dir;
  const std::string db = dir.path() + "/old.db";
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::open(db, {}, store).ok());
    Article a;
    a.id = "old";
    a.date = "2024-05-01";
    a.text = "Protesters in Paris demanded a ceasefire.";
    ASSERT_TRUE(store->add(prepare_article(a, R"({"id":"old","title":null,"date":"2024-05-01","entities":[],)"
                                              R"("quotes":[],"reported":[],"claims":[],"times":[],"events":[]})"),
                           nullptr).ok());
    ASSERT_EQ(sqlite3_exec(store->handle(),
                           "DROP VIEW stories; DROP VIEW article_stories; DROP TABLE story_rows; "
                           "DROP TABLE article_story_rows",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  // Its readers open it read-only, and without checkpoints nothing opens it
  // for writing, which would add the tables again.
  ServeOptions options;
  options.db_path = db;
  options.checkpoint_seconds = 0;
  Running server(options);
  httplib::Client c = server.client();
  for (const char* path : {"/api/stories", "/api/stories/1"}) {
    auto res = c.Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_NE(str(parse(res->body), "error").find("this store has no stories"), std::string::npos) << res->body;
  }
  auto health = c.Get("/api/health");
  ASSERT_TRUE(health);
  EXPECT_FALSE(at(parse(health->body), "stories").boolean);
  auto article = c.Get("/api/articles/old");
  ASSERT_TRUE(article);
  EXPECT_EQ(article->status, 200);
  EXPECT_TRUE(at(at(parse(article->body), "record"), "story").is_null()) << "no story field without stories";
}

TEST(ServeIngest, UploadsAreValidatedExtractedAndStored) {
  TempDir dir;
  const std::string db = dir.path() + "/upload.db";
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::open(db, {}, store).ok());
  }
  ServeOptions options;
  options.db_path = db;
  options.allow_ingest = true;
  options.max_upload_bytes = 64 << 10;
  Running server(options);
  httplib::Client c = server.uploader();
  std::ifstream f(SITREP_EXAMPLES_DIR "/haliva-resigns.txt", std::ios::binary);
  std::stringstream text;
  text << f.rdbuf();

  auto res = c.Post("/api/articles?date=2024-04-22&id=haliva", text.str(), "text/plain");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  JsonValue body = parse(res->body);
  const JsonValue& added = at(body, "articles").array.at(0);
  EXPECT_EQ(str(added, "id"), "haliva");
  EXPECT_TRUE(at(added, "added").boolean);
  EXPECT_GE(at(added, "entities").number, 8);
  EXPECT_GE(at(added, "quotes").number, 5);

  auto view = c.Get("/api/articles/haliva");
  ASSERT_TRUE(view);
  ASSERT_EQ(view->status, 200);
  EXPECT_EQ(str(at(parse(view->body), "article"), "date"), "2024-04-22");
  auto health = c.Get("/api/health");
  EXPECT_EQ(at(parse(health->body), "ingest").boolean, true);

  // The same id again is not stored twice.
  res = c.Post("/api/articles?id=haliva", text.str(), "text/plain");
  ASSERT_EQ(res->status, 201);
  EXPECT_FALSE(at(at(parse(res->body), "articles").array.at(0), "added").boolean);

  // JSON Lines, several articles in one upload.
  res = c.Post("/api/articles",
               "{\"id\": \"a1\", \"date\": \"2024-05-01\", \"text\": \"Israel said on Monday that Hamas fired rockets.\"}\n"
               "{\"id\": \"a2\", \"text\": \"Protesters in Paris demanded a ceasefire.\"}\n",
               "application/x-ndjson");
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(at(parse(res->body), "articles").array.size(), 2u);

  auto expect_error = [&](const httplib::Result& r, int status, const std::string& words) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, status) << r->body;
    JsonValue e = parse(r->body);
    EXPECT_EQ(at(e, "status").number, status);
    EXPECT_NE(str(e, "error").find(words), std::string::npos) << str(e, "error");
  };
  expect_error(c.Post("/api/articles", std::string(65 << 10, 'a'), "text/plain"), 413, "larger than");
  expect_error(c.Post("/api/articles", "<p>hi</p>", "text/html"), 415, "text/plain");
  expect_error(c.Post("/api/articles", "{\"id\": \"x\", \"text\": ", "application/x-ndjson"), 400, "line");
  expect_error(c.Post("/api/articles", "", "text/plain"), 400, "empty");
  expect_error(c.Post("/api/articles?date=2024-99-01", "T\n\ntext", "text/plain"), 400, "'date'");
  expect_error(c.Post("/api/articles?id=../x", "T\n\ntext", "text/plain"), 400, "'id'");
  // Nothing of the refused uploads was stored.
  EXPECT_EQ(at(parse(c.Get("/api/health")->body), "articles").number, 3);
}

// An article the pipeline fails on is named in "failed"; the others of the
// upload are stored (SITREP_TEST_FAULT makes a stage throw on a marker).
TEST(ServeIngest, AnArticleThePipelineFailsOnIsNamedAndTheRestStored) {
  TempDir dir;
  const std::string db = dir.path() + "/fault.db";
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::open(db, {}, store).ok());
  }
  ::setenv("SITREP_TEST_FAULT", "events:EXPLODE", 1);
  ServeOptions options;
  options.db_path = db;
  options.allow_ingest = true;
  Running server(options);
  ::unsetenv("SITREP_TEST_FAULT");
  httplib::Client c = server.uploader();
  auto res = c.Post("/api/articles",
                    R"({"id": "ok1", "text": "Israel said on Monday that Hamas fired rockets."})" "\n"
                    R"({"id": "bad", "text": "Rebels EXPLODE a bridge near Goma."})" "\n"
                    R"({"id": "ok2", "text": "Protesters in Paris demanded a ceasefire."})" "\n",
                    "application/x-ndjson");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  JsonValue body = parse(res->body);
  EXPECT_EQ(at(body, "articles").array.size(), 2u);
  ASSERT_EQ(at(body, "failed").array.size(), 1u);
  EXPECT_EQ(at(body, "failed").array[0].string, "line 2: internal error in events: injected fault (SITREP_TEST_FAULT)");
  EXPECT_EQ(at(parse(c.Get("/api/health")->body), "articles").number, 2);
  // An upload whose only article fails stores nothing and says why.
  res = c.Post("/api/articles", "Title\n\nRebels EXPLODE a bridge.", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_NE(str(parse(res->body), "error").find("internal error in events"), std::string::npos) << res->body;
}

// Requests are answered while an ingest holds the store's write lock: WAL
// readers see the last commit, and then the new one.
TEST(ServeWhileIngesting, ReadersSeeCommittedArticlesOnly) {
  TempDir dir;
  const std::string db = dir.path() + "/live.db";
  std::unique_ptr<Store> writer;
  ASSERT_TRUE(Store::open(db, {}, writer).ok());
  Pipeline pipeline = build_pipeline(SITREP_SOURCE_DATA_DIR);
  auto add = [&](const std::string& id, const std::string& text) {
    Article a;
    a.id = id;
    a.text = text;
    a.date = "2024-05-01";
    Document doc(std::move(a));
    pipeline.run(doc);
    ASSERT_TRUE(writer->add(prepare_article(doc, {}), nullptr).ok());
  };
  ASSERT_TRUE(writer->begin().ok());
  add("first", "Israel said on Monday that Hamas fired rockets at Tel Aviv.");
  ASSERT_TRUE(writer->commit().ok());
  ServeOptions options;
  options.db_path = db;
  Running server(options);
  httplib::Client c = server.client();
  ASSERT_TRUE(writer->begin().ok());
  add("second", "Protesters in Paris demanded a ceasefire in Gaza on Sunday.");
  auto during = c.Get("/api/health");
  ASSERT_TRUE(during);
  EXPECT_EQ(during->status, 200);
  EXPECT_EQ(at(parse(during->body), "articles").number, 1);
  EXPECT_EQ(c.Get("/api/articles/second")->status, 404);
  ASSERT_TRUE(writer->commit().ok());
  EXPECT_EQ(at(parse(c.Get("/api/health")->body), "articles").number, 2);
  EXPECT_EQ(c.Get("/api/articles/second")->status, 200);
}

// Every error is valid JSON in UTF-8, whatever bytes the URL holds: a path,
// a parameter's name or value, a method.
TEST_F(ServeTest, ErrorsAreValidJsonWhateverTheRequestHolds) {
  for (const char* path : {"/api/entities/%ff%fe", "/api/articles?%ff%fe=1", "/api/articles?q=%c3%28",
                           "/%ff.js", "/api/nothing%ff", "/api/articles/%ff%00x"}) {
    auto res = server_->client().Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_GE(res->status, 400) << path;
    EXPECT_TRUE(is_valid_utf8(res->body)) << path << ": " << res->body;
    JsonValue v = parse(res->body);
    EXPECT_EQ(at(v, "status").number, res->status) << path;
  }
  RawClient raw(server_->port());
  ASSERT_TRUE(raw.send("GET /api/entities/\xff\xc0 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
  const std::string answer = raw.receive(5000);
  const std::string body = answer.substr(std::min(answer.size(), answer.find("\r\n\r\n") + 4));
  EXPECT_TRUE(is_valid_utf8(body)) << body;
  parse(body);
}

// A known path with a method it does not take is 405 with Allow; an unknown
// path stays 404.
TEST_F(ServeTest, AWrongMethodIs405WithAllow) {
  httplib::Client c = server_->client();
  auto put = c.Put("/api/articles", "x", "text/plain");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
  EXPECT_EQ(put->get_header_value("Allow"), "GET, HEAD, POST");
  EXPECT_EQ(at(parse(put->body), "status").number, 405);
  auto del = c.Delete("/api/health");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  EXPECT_EQ(del->get_header_value("Allow"), "GET, HEAD");
  auto post = c.Post("/api/articles/haliva-resigns", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
  auto unknown = c.Put("/api/nothing", "x", "text/plain");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

// DNS rebinding: a page from elsewhere reaches the server under its own host
// name. Only the bound address (and localhost for a loopback one) is served.
TEST_F(ServeTest, AForeignHostIsRefused) {
  httplib::Client c = server_->client();
  auto evil = c.Get("/api/health", {{"Host", "evil.example"}});
  ASSERT_TRUE(evil);
  EXPECT_EQ(evil->status, 403);
  EXPECT_NE(str(parse(evil->body), "error").find("--allow-host"), std::string::npos) << evil->body;
  auto evil_port = c.Get("/api/articles/haliva-resigns", {{"Host", "evil.example:" + std::to_string(server_->port())}});
  ASSERT_TRUE(evil_port);
  EXPECT_EQ(evil_port->status, 403);
  EXPECT_EQ(evil_port->body.find("Haliva"), std::string::npos);
  for (std::string host : {"localhost", "LOCALHOST:8080", "127.0.0.1"}) {
    auto ok = c.Get("/api/health", {{"Host", host}});
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200) << host;
  }
  RawClient raw(server_->port());
  ASSERT_TRUE(raw.send("GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n"));
  EXPECT_EQ(status_of(raw.receive(5000)), 400);
}

TEST(ServeHosts, AllowHostAddsANameAndAWildcardBindTakesAddresses) {
  TempDir dir;
  const std::string db = dir.path() + "/hosts.db";
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::open(db, {}, store).ok());
  }
  ServeOptions options;
  options.db_path = db;
  options.allow_hosts = {"news.example.org"};
  Running server(options);
  httplib::Client c = server.client();
  EXPECT_EQ(c.Get("/api/health", {{"Host", "news.example.org:8080"}})->status, 200);
  EXPECT_EQ(c.Get("/api/health", {{"Host", "News.Example.Org"}})->status, 200);
  EXPECT_EQ(c.Get("/api/health", {{"Host", "other.example.org"}})->status, 403);
  EXPECT_EQ(c.Get("/api/health", {{"Host", "10.1.2.3"}})->status, 403) << "bound to 127.0.0.1 only";
}

TEST_F(ServeTest, CrossOriginRequestsAreRefused) {
  httplib::Client c = server_->client();
  auto foreign = c.Get("/api/articles/haliva-resigns", {{"Origin", "http://evil.example"}});
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 403);
  EXPECT_EQ(foreign->body.find("Haliva"), std::string::npos);
  EXPECT_NE(str(parse(foreign->body), "error").find("cross-origin"), std::string::npos);
  EXPECT_EQ(c.Get("/api/health", {{"Origin", "null"}})->status, 403);
  const std::string own = "http://127.0.0.1:" + std::to_string(server_->port());
  EXPECT_EQ(c.Get("/api/health", {{"Origin", own}})->status, 200);
  auto preflight = c.Options("/api/articles", {{"Origin", "http://evil.example"}});
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 403);
  EXPECT_FALSE(preflight->has_header("Access-Control-Allow-Origin"));
}

// With --allow-ingest, a write needs the token or the server's own page:
// any other page in the user's browser could otherwise write into the store.
TEST(ServeIngest, UploadsNeedTheTokenOrTheServersOwnOrigin) {
  TempDir dir;
  const std::string db = dir.path() + "/token.db";
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::open(db, {}, store).ok());
  }
  ServeOptions options;
  options.db_path = db;
  options.allow_ingest = true;
  Running server(options);
  ASSERT_GE(server.token().size(), 32u);
  httplib::Client c = server.client();
  const std::string text = "Title\n\nIsrael said on Monday that Hamas fired rockets.";
  auto none = c.Post("/api/articles?id=none", text, "text/plain");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_NE(str(parse(none->body), "error").find("Authorization: Bearer"), std::string::npos) << none->body;
  auto wrong = c.Post("/api/articles?id=wrong", {{"Authorization", "Bearer " + std::string(32, '0')}}, text,
                      "text/plain");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  // A form from another page: a simple request that browsers send without asking.
  auto cross = c.Post("/api/articles?id=cross", {{"Origin", "http://evil.example"}}, text, "text/plain");
  ASSERT_TRUE(cross);
  EXPECT_EQ(cross->status, 403);
  auto cross_token = server.uploader().Post("/api/articles?id=cross2", {{"Origin", "http://evil.example"}}, text,
                                            "text/plain");
  ASSERT_TRUE(cross_token);
  EXPECT_EQ(cross_token->status, 403);
  EXPECT_EQ(at(parse(c.Get("/api/health")->body), "articles").number, 0) << "nothing refused was stored";

  EXPECT_EQ(server.uploader().Post("/api/articles?id=bearer", text, "text/plain")->status, 201);
  const std::string text2 = "Title\n\nProtesters in Paris demanded a ceasefire in Gaza on Sunday.";
  EXPECT_EQ(c.Post("/api/articles?id=header", {{"X-Sitrep-Token", server.token()}}, text2, "text/plain")->status, 201);
  const std::string own = "http://127.0.0.1:" + std::to_string(server.port());
  const std::string text3 = "Title\n\nThe Kenyan parliament passed the budget on Tuesday after a long debate.";
  EXPECT_EQ(c.Post("/api/articles?id=page", {{"Origin", own}}, text3, "text/plain")->status, 201);
  EXPECT_EQ(at(parse(c.Get("/api/health")->body), "articles").number, 3);
}

TEST(ServeIngest, TheTokenCanBeSet) {
  TempDir dir;
  const std::string db = dir.path() + "/set.db";
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::open(db, {}, store).ok());
  }
  ServeOptions options;
  options.db_path = db;
  options.allow_ingest = true;
  options.token = "a-token-chosen-by-the-user";
  Running server(options);
  EXPECT_EQ(server.token(), options.token);
  httplib::Client c = server.client();
  const std::string text = "Title\n\nProtesters in Paris demanded a ceasefire.";
  EXPECT_EQ(c.Post("/api/articles", {{"X-Sitrep-Token", "a-token-chosen-by-the-use"}}, text, "text/plain")->status, 401);
  EXPECT_EQ(c.Post("/api/articles", {{"X-Sitrep-Token", options.token}}, text, "text/plain")->status, 201);
}

// Errors never echo the upload, and binary uploads are not stored.
TEST(ServeIngest, BinaryUploadsAreRefusedAndErrorsDoNotEchoTheBody) {
  TempDir dir;
  const std::string db = dir.path() + "/binary.db";
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::open(db, {}, store).ok());
  }
  ServeOptions options;
  options.db_path = db;
  options.allow_ingest = true;
  Running server(options);
  httplib::Client c = server.uploader();
  const std::string secret = "the-secret-words-of-the-body";
  for (const char* type : {"application/x-www-form-urlencoded", "image/png"}) {
    auto res = c.Post("/api/articles", secret + "=1&x=" + secret, type);
    ASSERT_TRUE(res) << type;
    EXPECT_EQ(res->status, 415) << type;
    EXPECT_EQ(res->body.find("secret"), std::string::npos) << type << ": " << res->body;
  }
  // No Content-Type at all.
  RawClient raw(server.port());
  const std::string body = secret + "=1";
  ASSERT_TRUE(raw.send("POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.token() +
                       "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body));
  const std::string untyped = raw.receive(5000, "}");
  EXPECT_EQ(status_of(untyped), 415) << untyped;
  EXPECT_EQ(untyped.find("secret"), std::string::npos) << untyped;
  auto bad_json = c.Post("/api/articles", "{\"id\": \"" + secret + "\", \"text\": ", "application/x-ndjson");
  ASSERT_TRUE(bad_json);
  EXPECT_EQ(bad_json->status, 400);
  EXPECT_EQ(bad_json->body.find("secret"), std::string::npos) << bad_json->body;

  auto nul = c.Post("/api/articles", std::string(1000, '\0'), "text/plain");
  ASSERT_TRUE(nul);
  EXPECT_EQ(nul->status, 415);
  EXPECT_NE(str(parse(nul->body), "error").find("NUL"), std::string::npos) << nul->body;
  std::string binary;
  std::mt19937 random(19);
  for (int i = 0; i < 4000; ++i) binary += static_cast<char>(random() % 255 + 1);
  auto bin = c.Post("/api/articles", binary, "text/plain");
  ASSERT_TRUE(bin);
  EXPECT_EQ(bin->status, 415);
  EXPECT_TRUE(is_valid_utf8(bin->body));
  // Latin-1 text (every accented letter a bad byte) over the share is refused too.
  std::string latin1 = "Title\n\n";
  for (int i = 0; i < 200; ++i) latin1 += "caf\xe9 ";
  EXPECT_EQ(c.Post("/api/articles", latin1, "text/plain")->status, 415);
  EXPECT_EQ(at(parse(c.Get("/api/health")->body), "articles").number, 0);
  // A stray bad byte in a long text is repaired with a warning, and stored.
  std::string text = "Title\n\n";
  for (int i = 0; i < 40; ++i) text += "Israel said on Monday that Hamas fired rockets. ";
  text += "caf\xe9.";
  auto ok = c.Post("/api/articles", text, "text/plain");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201) << ok->body;
  EXPECT_FALSE(at(parse(ok->body), "warnings").array.empty());
}

// Connections: a slow client holds no worker, limits are answered with 503
// and Retry-After, late requests with 408, keep-alive is bounded.
class ServeConnections : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.path() + "/conn.db";
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::open(db_, {}, store).ok());
  }
  ServeOptions options(int threads) {
    ServeOptions o;
    o.db_path = db_;
    o.threads = threads;
    o.limits.header_timeout = std::chrono::milliseconds(1500);
    o.limits.body_timeout = std::chrono::milliseconds(1500);
    o.limits.idle_timeout = std::chrono::milliseconds(1000);
    return o;
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(ServeConnections, SlowClientsHoldNoThread) {
  Running server(options(2));
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 16; ++i) {
    slow.push_back(std::make_unique<RawClient>(server.port()));
    ASSERT_TRUE(slow.back()->connected());
    ASSERT_TRUE(slow.back()->send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  }
  // A half-sent body holds no thread either.
  RawClient body(server.port());
  ASSERT_TRUE(body.send("POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                        "Content-Length: 100\r\n\r\nTitle"));
  httplib::Client c = server.client();
  for (int i = 0; i < 5; ++i) {
    const auto start = std::chrono::steady_clock::now();
    auto res = c.Get("/api/health");
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_LT(ms, 500) << "with 2 threads and 17 slow clients";
  }
  // Their time runs out: 408, and the connection is closed.
  const std::string late = slow[0]->receive(4000);
  EXPECT_EQ(status_of(late), 408) << late;
  EXPECT_NE(late.find("did not arrive within 1.5 s"), std::string::npos) << late;
  EXPECT_TRUE(slow[0]->receive(2000).empty() && slow[0]->closed());
  const std::string late_body = body.receive(4000);
  EXPECT_EQ(status_of(late_body), 408) << late_body;
  EXPECT_NE(late_body.find("body"), std::string::npos) << late_body;
}

TEST_F(ServeConnections, TooManyConnectionsGet503WithRetryAfter) {
  ServeOptions o = options(2);
  o.limits.max_client_connections = 4;
  Running server(o);
  std::vector<std::unique_ptr<RawClient>> open;
  for (int i = 0; i < 4; ++i) {
    open.push_back(std::make_unique<RawClient>(server.port()));
    ASSERT_TRUE(open.back()->send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    ASSERT_EQ(status_of(open.back()->receive(3000, "\"ok\"")), 200);
  }
  RawClient fifth(server.port());
  ASSERT_TRUE(fifth.send(get_request("/api/health")));
  const std::string refused = fifth.receive(3000);
  EXPECT_EQ(status_of(refused), 503) << refused;
  EXPECT_NE(refused.find("Retry-After: 1\r\n"), std::string::npos) << refused;
  EXPECT_NE(refused.find("--max-client-connections"), std::string::npos) << refused;
  // One closes, and there is room again.
  open.pop_back();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  RawClient again(server.port());
  ASSERT_TRUE(again.send(get_request("/api/health")));
  EXPECT_EQ(status_of(again.receive(3000, "\"ok\"")), 200);

  ServeOptions total = options(2);
  total.limits.max_connections = 2;
  Running small(total);
  RawClient a(small.port()), b(small.port()), c(small.port());
  ASSERT_TRUE(c.send(get_request("/api/health")));
  const std::string third = c.receive(3000);
  EXPECT_EQ(status_of(third), 503) << third;
  EXPECT_NE(third.find("Retry-After:"), std::string::npos);
  EXPECT_NE(third.find("--max-connections"), std::string::npos) << third;
}

TEST_F(ServeConnections, AFullQueueGets503) {
  ServeOptions o = options(2);
  o.limits.max_queue = 0;
  Running server(o);
  RawClient raw(server.port());
  ASSERT_TRUE(raw.send(get_request("/api/health")));
  const std::string answer = raw.receive(3000);
  EXPECT_EQ(status_of(answer), 503) << answer;
  EXPECT_NE(answer.find("Retry-After: 1\r\n"), std::string::npos) << answer;
}

TEST_F(ServeConnections, KeepAliveIsBoundedInRequestsAndIdleTime) {
  ServeOptions o = options(2);
  o.limits.max_requests = 3;
  Running server(o);
  RawClient raw(server.port());
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(raw.send(get_request("/api/health")));
    const std::string answer = raw.receive(3000, "}");
    EXPECT_EQ(status_of(answer), 200) << i;
    EXPECT_EQ(answer.find("Connection: close") != std::string::npos, i == 3) << i << ": " << answer;
  }
  EXPECT_TRUE(raw.receive(2000).empty() && raw.closed()) << "closed after its third request";
  // Pipelined requests are answered in turn.
  RawClient piped(server.port());
  ASSERT_TRUE(piped.send(get_request("/api/health") + get_request("/api/nothing")));
  const std::string two = piped.receive(3000, "no such route");
  EXPECT_EQ(status_of(two), 200);
  EXPECT_NE(two.find("HTTP/1.1 404"), std::string::npos) << two;
  // Idle for longer than the idle timeout: closed.
  RawClient idle(server.port());
  ASSERT_TRUE(idle.send(get_request("/api/health")));
  EXPECT_EQ(status_of(idle.receive(3000, "}")), 200);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(idle.receive(4000).empty() && idle.closed());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2500));
}

TEST_F(ServeConnections, OversizedAndChunkedRequestsAreAnswered) {
  Running server(options(2));
  RawClient big(server.port());
  ASSERT_TRUE(big.send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(20000, 'a')));
  EXPECT_EQ(status_of(big.receive(3000)), 431);
  RawClient chunked(server.port());
  ASSERT_TRUE(chunked.send("POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
  EXPECT_EQ(status_of(chunked.receive(3000)), 411);
  RawClient huge(server.port());
  ASSERT_TRUE(huge.send("POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999999\r\n\r\n"));
  const std::string too_large = huge.receive(3000);
  EXPECT_EQ(status_of(too_large), 413) << too_large;
  EXPECT_NE(too_large.find("--max-upload-kb"), std::string::npos);
}

// The WAL does not grow while the server holds the store open: a periodic
// checkpoint lets the writer start the WAL over, and stopping empties it.
// The searches kept: found at the version they were read at, dropped at a
// newer one, the least recently asked dropped first.
// PgReader runs each of these in PostgreSQL's form: nothing of SQLite's own
// syntax may be left in it (the test serve_pg_same_answers runs them).
TEST(PgReads, EveryReadIsRewrittenWithoutSqlitesSyntax) {
  const char* const reads[] = {
      kNamedClearSql, kNamedFillSql, kEntitySummarySql, kNamedArticleCountSql, kEntityMentionsSql,
      kEntityMentionsByDateSql, kEntityTimelineSql, kNamedEventsSql, kNamedQuotesSql, kNamedQuotesByDateSql,
      kNamedArticlesSql, kTopEntitiesSql, kEventSummarySql, kEventsSql, kEventsFilteredSql, kCameoCountSql,
      kPloverCountSql, kActorCountSql, kQuotesSql, kClaimsSql, kClaimKindsSql, kStatsSql, kArticleSql,
      kSearchRankSql, kSearchRankDatedSql, kSearchArticleSql};
  for (const char* sql : reads) {
    const std::string pg = pg_read_sql(sql);
    for (const char* sqlite_only : {"?", "INDEXED BY", "CROSS JOIN", " temp.named", "IN temp", "IN copies", "NOCASE",
                                    "_fts", "MATCH", "rowid", "sitrep_rank", "DELETE FROM temp"})
      EXPECT_EQ(pg.find(sqlite_only), std::string::npos) << sqlite_only << " in " << pg;
    // Dates sort as SQLite sorts NULL: first.
    if (pg.find("ORDER BY a.date") != std::string::npos) {
      EXPECT_NE(pg.find("ORDER BY a.date NULLS FIRST"), std::string::npos) << pg;
    }
  }
  EXPECT_EQ(pg_read_sql("SELECT x FROM t WHERE a = ?1 AND b = ?12"), "SELECT x FROM t WHERE a = $1 AND b = $12");
}

TEST(SearchCache, KeepsSearchesUntilANewerVersion) {
  SearchCache cache(2);
  auto keys = [](std::initializer_list<int64_t> k) { return std::make_shared<const SearchCache::Keys>(k); };
  EXPECT_EQ(cache.find("oil", 7), nullptr);
  cache.put("oil", 7, keys({3, 2}));
  cache.put("gas", 7, keys({5}));
  ASSERT_NE(cache.find("oil", 7), nullptr);
  EXPECT_EQ(*cache.find("oil", 7), SearchCache::Keys({3, 2}));
  // "gas" is now the least recently asked: it goes for a third.
  cache.put("coal", 7, keys({9}));
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.find("gas", 7), nullptr);
  EXPECT_NE(cache.find("oil", 7), nullptr);
  EXPECT_NE(cache.find("coal", 7), nullptr);
  // An article added: every search is dropped, and one read before is not kept.
  EXPECT_EQ(cache.find("oil", 8), nullptr);
  EXPECT_EQ(cache.size(), 0u);
  cache.put("oil", 7, keys({3, 2}));
  EXPECT_EQ(cache.find("oil", 8), nullptr);
  EXPECT_EQ(cache.find("oil", 7), nullptr);
  cache.put("oil", 8, keys({4, 3, 2}));
  EXPECT_EQ(*cache.find("oil", 8), SearchCache::Keys({4, 3, 2}));
  SearchCache none(0);
  EXPECT_EQ(none.find("oil", 1), nullptr);
  none.put("oil", 1, keys({1}));
  EXPECT_EQ(none.find("oil", 1), nullptr);
}

// A search ranks the newest 400 matches: its pages end there (more is false
// on the last), and older matches are not found. An article added while the
// store is served is found by the next search, though the same search was
// kept before; a server that keeps no search gives the same answers.
TEST(ServeSearch, PagesEndAtTheNewest400AndAddedArticlesAreFound) {
  TempDir dir;
  const std::string db = dir.path() + "/many.db";
  std::unique_ptr<Store> writer;
  ASSERT_TRUE(Store::open(db, {}, writer).ok());
  std::mt19937 random(19);
  auto add = [&](int n, int zebras) {
    Article a;
    a.id = "z" + std::to_string(n);
    a.date = "2024-05-01";
    // Words unlike those of the other articles, so that none is a copy of another.
    for (int w = 0; w < 40; ++w) a.text += "w" + std::to_string(random() % 5000) + " ";
    for (int z = 0; z < zebras; ++z) a.text += "zebra ";
    Document doc(std::move(a));
    ASSERT_TRUE(writer->add(prepare_article(doc, {}), nullptr).ok());
  };
  ASSERT_TRUE(writer->begin().ok());
  for (int n = 1; n <= 420; ++n) add(n, 1 + n % 3);
  ASSERT_TRUE(writer->commit().ok());
  ServeOptions options;
  options.db_path = db;
  Running server(options);
  options.search_cache = 0;
  Running uncached(options);
  httplib::Client c = server.client(), u = uncached.client();
  auto page = [&](httplib::Client& client, const std::string& query) {
    auto res = client.Get("/api/search?q=" + query);
    EXPECT_TRUE(res && res->status == 200) << query;
    return res ? res->body : std::string();
  };
  std::set<std::string> found;
  for (int offset = 0; offset <= 400; offset += 200) {
    const std::string query = "zebra&limit=200&offset=" + std::to_string(offset);
    JsonValue body = parse(page(c, query));
    const auto& articles = rows(at(body, "articles"));
    EXPECT_EQ(articles.size(), offset < 400 ? 200u : 0u) << offset;
    EXPECT_EQ(at(at(body, "articles"), "more").boolean, offset == 0) << offset;
    for (const JsonValue& a : articles) EXPECT_TRUE(found.insert(str(a, "article")).second) << str(a, "article");
    EXPECT_EQ(page(u, query), page(c, query)) << query;
  }
  EXPECT_EQ(found.size(), 400u);
  for (int n = 1; n <= 20; ++n) EXPECT_EQ(found.count("z" + std::to_string(n)), 0u) << n;
  for (const char* query : {"zebra", "%20zebra%20%20", "zebra&offset=390", "w17%20OR%20zebra", "zebra&since=2024-05-02"})
    EXPECT_EQ(page(u, query), page(c, query)) << query;
  EXPECT_EQ(page(c, "%20zebra%20%20"), page(c, "zebra"));

  // The best match, added now, is first in the next search (the kept one is dropped).
  const std::string before = page(c, "zebra");
  ASSERT_TRUE(writer->begin().ok());
  add(421, 12);
  ASSERT_TRUE(writer->commit().ok());
  const std::string after = page(c, "zebra");
  EXPECT_NE(after, before);
  EXPECT_EQ(str(rows(at(parse(after), "articles")).at(0), "article"), "z421");
  EXPECT_EQ(after, page(u, "zebra"));
}

TEST(ServeWhileIngesting, TheWalIsCheckpointedWhileServingAndAtTheEnd) {
  TempDir dir;
  const std::string db = dir.path() + "/wal.db";
  std::unique_ptr<Store> writer;
  ASSERT_TRUE(Store::open(db, {}, writer).ok());
  // No checkpoints of the writer's own: only the server's count here.
  sqlite3_exec(writer->handle(), "PRAGMA wal_autocheckpoint = 0", nullptr, nullptr, nullptr);
  Pipeline pipeline = build_pipeline(SITREP_SOURCE_DATA_DIR);
  int serial = 0;
  auto batch = [&] {
    ASSERT_TRUE(writer->begin().ok());
    for (int i = 0; i < 20; ++i, ++serial) {
      Article a;
      a.id = "a" + std::to_string(serial);
      a.text = "Israel said on Monday that Hamas fired " + std::to_string(serial) + " rockets at Tel Aviv.";
      Document doc(std::move(a));
      pipeline.run(doc);
      ASSERT_TRUE(writer->add(prepare_article(doc, {}), nullptr).ok());
    }
    ASSERT_TRUE(writer->commit().ok());
  };
  auto wal_size = [&] { return std::filesystem::file_size(db + "-wal"); };
  batch();
  const auto first = wal_size();
  ASSERT_GT(first, 0u);
  batch();
  const auto grown = wal_size();
  ASSERT_GT(grown, first) << "without a checkpoint the WAL grows";
  const auto step = grown - first;  // one batch
  {
    ServeOptions options;
    options.db_path = db;
    options.checkpoint_seconds = 1;
    Running server(options);
    httplib::Client c = server.client();
    EXPECT_EQ(at(parse(c.Get("/api/health")->body), "articles").number, 40);
    std::this_thread::sleep_for(std::chrono::milliseconds(1600));
    batch();
    batch();
    EXPECT_LT(wal_size(), grown + step) << "the server's checkpoint let the writer start the WAL over";
    EXPECT_EQ(at(parse(c.Get("/api/health")->body), "articles").number, 80);
  }
  EXPECT_EQ(wal_size(), 0u) << "stopping the server checkpoints and empties the WAL";
}

// `sitrep serve` itself: help, usage errors, a store that is not one.
TEST(ServeCli, HelpAndUsageErrors) {
  auto run = [](const std::string& args, std::string* out = nullptr) {
    std::string cmd = std::string(SITREP_BINARY) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::string text;
    char buf[4096];
    while (size_t n = fread(buf, 1, sizeof buf, p)) text.append(buf, n);
    int status = pclose(p);
    if (out) *out = text;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  std::string help;
  EXPECT_EQ(run("help serve", &help), 0);
  EXPECT_NE(help.find("--allow-ingest"), std::string::npos);
  EXPECT_NE(help.find("Examples:"), std::string::npos);
  std::string top;
  run("--help", &top);
  EXPECT_NE(top.find("serve "), std::string::npos);
  std::string err;
  EXPECT_EQ(run("serve", &err), 2);
  EXPECT_NE(err.find("--db"), std::string::npos);
  EXPECT_EQ(run("serve --db /nonexistent/x.db", &err), 2);
  EXPECT_EQ(run("serve --db /dev/null --port 70000", &err), 2);
  EXPECT_EQ(run("serve --db x.db --frobnicate", &err), 2);
  TempDir dir;
  const std::string not_a_store = dir.write("junk.db", "not a database at all, just text\n");
  EXPECT_EQ(run("serve --db " + not_a_store + " --port 0", &err), 1);
  EXPECT_NE(err.find("not a sitrep store"), std::string::npos) << err;
  EXPECT_EQ(run("serve --db " + not_a_store + " --token 0123456789abcdef", &err), 2);
  EXPECT_NE(err.find("--token is the upload token: it needs --allow-ingest"), std::string::npos) << err;
  EXPECT_EQ(run("serve --db " + not_a_store + " --allow-ingest --token short", &err), 2);
  EXPECT_EQ(run("serve --db " + not_a_store + " --header-timeout 0", &err), 2);
  EXPECT_NE(err.find("--header-timeout must be a number of seconds"), std::string::npos) << err;
  EXPECT_EQ(run("serve --db " + not_a_store + " --max-client-connections many", &err), 2);
  EXPECT_NE(help.find("--search-cache N"), std::string::npos);
  EXPECT_EQ(run("serve --db " + not_a_store + " --search-cache -1", &err), 2);
  EXPECT_NE(err.find("--search-cache must be a number from 0 to 100000"), std::string::npos) << err;
}

}  // namespace
}  // namespace sitrep::serve
