// sitrep serve's request parameters, through the real server on loopback over
// a small store: any path and query string gets an answer, and every JSON
// answer (errors included) is valid JSON with a status the server may give.
// The input's first line is the request target ("/api/events?q=..."); a
// target without a leading '/' is put under /api/.
#include <unistd.h>

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "fuzz_common.h"
#include "ingest/article_reader.h"
#include "ingest/json.h"
#include "serve/server.h"
#include "sitrep/engine.h"
#include "store/store.h"
#include "text/utf8.h"

namespace {

struct Fixture {
  std::string dir, db;
  std::unique_ptr<sitrep::serve::Server> server;
  std::thread thread;
  int port = -1;

  Fixture() {
    dir = std::filesystem::temp_directory_path() / ("sitrep-fuzz-serve-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    db = dir + "/fuzz.db";
    std::unique_ptr<sitrep::Store> store;
    FUZZ_CHECK(sitrep::Store::open(db, {}, store).ok(), "the store opens");
    const sitrep::Pipeline pipeline = sitrep::build_pipeline(fuzz_data_dir());
    sitrep::ReaderOptions options;
    sitrep::ArticleReader reader({fuzz_data_dir() + "/../tests/data/articles.jsonl"}, options);
    FUZZ_CHECK(store->begin().ok(), "a transaction");
    sitrep::Article a;
    for (int n = 0; n < 6 && reader.next(a); ++n) {
      sitrep::Document doc(std::move(a));
      pipeline.run(doc);
      FUZZ_CHECK(store->add(sitrep::prepare_article(doc, {}), nullptr).ok(), "articles are stored");
    }
    FUZZ_CHECK(store->commit().ok(), "a commit");
    store.reset();
    sitrep::serve::ServeOptions o;
    o.db_path = db;
    o.port = 0;
    o.threads = 2;
    FUZZ_CHECK(sitrep::serve::Server::create(o, server).ok(), "the server starts");
    port = server->bind();
    FUZZ_CHECK(port > 0, "the server listens");
    thread = std::thread([this] { server->run(); });
  }
  ~Fixture() {
    server->stop();
    thread.join();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

Fixture* fixture = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static Fixture f;
  fixture = &f;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string target(as_text(data, size).substr(0, as_text(data, size).find('\n')));
  if (target.size() > 4000) target.resize(4000);
  // A request line cannot hold these; the client would refuse them.
  for (char& c : target)
    if (c == ' ' || c == '\r' || c == '\0' || c == '#') c = '+';
  if (target.empty() || target[0] != '/') target = "/api/" + target;
  httplib::Client client("127.0.0.1", fixture->port);
  client.set_read_timeout(10, 0);
  auto res = client.Get(target);
  FUZZ_CHECK(res, "every request is answered");
  FUZZ_CHECK(res->status == 200 || res->status == 400 || res->status == 404 || res->status == 405 ||
                 res->status == 414 || res->status == 503,
             "a status the API may give");
  if (res->get_header_value("Content-Type").find("json") != std::string::npos) {
    sitrep::JsonValue v;
    std::string error;
    FUZZ_CHECK(sitrep::parse_json(res->body, v, error), "every JSON answer is valid JSON");
    FUZZ_CHECK(sitrep::is_valid_utf8(res->body), "every JSON answer is valid UTF-8");
  }
  return 0;
}
