// Server: `sitrep serve`, the HTTP JSON API over a store and the web view.
//
// Read-only unless started with allow_ingest: the store is opened read-only
// (each worker thread borrows its own connection, with a busy timeout so
// that a concurrent `sitrep ingest` does not fail a request), and the only
// write, POST /api/articles, exists only with allow_ingest. Routes and their
// parameters are in api.h; connections are handled by listener.h.
//
// Every request must name this server in its Host header (the bound address,
// "localhost" when that is a loopback address, any address literal when it is
// a wildcard, or an allow_hosts name), so that a DNS rebinding page cannot
// reach it; a request with an Origin other than the server's own is refused.
// An upload must also carry the token ("Authorization: Bearer TOKEN" or
// "X-Sitrep-Token: TOKEN") or come from the server's own page (its Origin).
//
// A connection that may write checkpoints the WAL every checkpoint_seconds
// (passive; over 16 MB one that waits briefly for readers and empties it) and
// once more at the end, so that the WAL does not grow while `sitrep ingest`
// or uploads write.
//
//   ServeOptions o; o.db_path = "news.db"; o.port = 0;   // 0: any free port
//   std::unique_ptr<Server> server;
//   if (StoreStatus s = Server::create(o, server); !s.ok()) fail(s.message);
//   int port = server->bind();
//   std::thread t([&] { server->run(); });  ...  server->stop(); t.join();
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "serve/listener.h"
#include "store/store.h"

namespace sitrep::serve {

struct ServeOptions {
  std::string db_path;
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::bind)
  // Worker threads: requests run at once (an idle connection holds none).
  // Twice the cores, at least 4: more only queue on the cores and stretch
  // every request's latency (on 2 cores, 4 threads answer search with p99
  // 208 ms where 16 took 216 ms, and articles 11 ms where 16 took 26 ms).
  int threads = default_threads();
  static int default_threads() {
    const unsigned cores = std::thread::hardware_concurrency();
    return static_cast<int>(std::clamp(2 * cores, 4u, 64u));
  }
  int busy_timeout_ms = 5000;
  bool allow_ingest = false;
  std::string token;                     // the upload token ("": one is made at start-up; see Server::token)
  std::vector<std::string> allow_hosts;  // Host names answered besides the bound address
  ConnectionLimits limits;               // its threads and max_body_bytes are set from the fields here
  int checkpoint_seconds = 10;           // 0: no checkpoints while serving
  int search_cache = 256;                // searches kept until an article is added (SearchCache; 0: none)
  size_t max_upload_bytes = size_t{4} << 20;
  size_t max_upload_articles = 100;
  std::string data_dir;  // lexicons for the pipeline of uploads ("" for the default)
  bool log_requests = false;  // one line per request on stderr
};

class Server {
 public:
  // Opens and checks the store; with allow_ingest also builds the pipeline
  // and a writer connection. A bad store or missing lexicons come back as a
  // status.
  static StoreStatus create(const ServeOptions& options, std::unique_ptr<Server>& out);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; the port (the chosen one for port 0), or -1.
  int bind();
  // Serves until stop(); false when it could not listen.
  bool run();
  void stop();
  // The token an upload must carry (with allow_ingest).
  const std::string& token() const;

 private:
  struct Impl;
  Server() = default;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep::serve
