#include "serve/server.h"

#include <arpa/inet.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include "serve/api.h"
#include "serve/assets.h"
#include "serve/ingester.h"
#include "serve/reads.h"
#include "sitrep/engine.h"
#include "store/archive.h"
#include "store/pg_archive.h"

namespace sitrep::serve {

struct Server::Impl {
  ServeOptions options;
  std::unique_ptr<ReaderPool> readers;
  std::unique_ptr<AggregateCache> aggregates;
  std::unique_ptr<SearchCache> searches;
  std::unique_ptr<Ingester> ingester;
  ApiContext context;
  HttpServer http;
  std::unique_ptr<Listener> listener;
  int port = -1;
  std::set<std::string> hosts;  // Host names answered (lower case, no port)
  bool any_address = false;     // bound to a wildcard: any address literal is this server
  // WAL checkpoints: a connection that may write, and its thread.
  std::unique_ptr<Store> checkpointer;
  std::thread checkpoints;
  std::thread warm;  // reads the aggregates at start-up (warm_api)
  std::atomic<bool> stop_warming{false};
  std::mutex mu;
  std::condition_variable wake;
  bool stopping = false;

  void checkpoint(int mode);
  void run_checkpoints();
};

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The host of a Host header or an Origin's authority, in lower case, without
// the port or an IPv6 literal's brackets: "[::1]:8080" → "::1".
std::string host_of(std::string_view authority) {
  std::string h(authority);
  if (!h.empty() && h[0] == '[') {
    size_t close = h.find(']');
    return lower(h.substr(1, close == std::string::npos ? std::string::npos : close - 1));
  }
  if (size_t colon = h.find(':'); colon != std::string::npos && h.find(':', colon + 1) == std::string::npos)
    h.resize(colon);
  return lower(h);
}

bool is_address(const std::string& host) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

bool is_loopback(const std::string& host) { return host.rfind("127.", 0) == 0 || host == "::1" || host == "localhost"; }

std::string make_token() {
  std::random_device random;
  std::string token;
  for (int i = 0; i < 8; ++i) {
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(random()));
    token += buf;
  }
  return token;
}

// Compares in time that does not depend on where they differ.
bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// The methods each path takes (api.h), for 405 answers; "" for an unknown path.
const char* allowed_methods(const std::string& path) {
  static const std::vector<std::pair<std::regex, const char*>> kRoutes = [] {
    std::vector<std::pair<std::regex, const char*>> r;
    r.emplace_back(std::regex("/api/articles"), "GET, HEAD, POST");
    r.emplace_back(std::regex("/api/(health|search|articles/.+|entities|entities/.+|events|quotes|claims|claims/kinds|"
                              "aggregates/(pairs|network|figures)|stories|stories/.+)"),
                   "GET, HEAD");
    r.emplace_back(std::regex("/[A-Za-z0-9_.-]*"), "GET, HEAD");
    return r;
  }();
  for (const auto& [pattern, methods] : kRoutes)
    if (std::regex_match(path, pattern)) return methods;
  return "";
}

// The page may load only its own files: no inline scripts, nothing from
// another origin.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

void install_web(httplib::Server& http) {
  http.Get(R"(/([A-Za-z0-9_.-]*))", [](const httplib::Request& req, httplib::Response& res) {
    const Asset* a = find_asset(req.path);
    if (!a) {
      res.status = 404;
      res.set_content(error_json(404, "no page " + req.path), "application/json");
      return;
    }
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Content-Security-Policy", kContentSecurityPolicy);
    res.set_content(a->body.data(), a->body.size(), std::string(a->content_type).c_str());
  });
}

}  // namespace

StoreStatus Server::create(const ServeOptions& options, std::unique_ptr<Server>& out) {
  std::unique_ptr<Server> server(new Server);
  server->impl_ = std::make_unique<Impl>();
  Impl& s = *server->impl_;
  s.options = options;
  const bool postgres = is_postgres_url(options.db_path);
  if (postgres && options.allow_ingest) {
    StoreStatus st;
    st.code = StoreStatus::Code::kError;
    st.message = "uploads (--allow-ingest) go into a SQLite store only; add articles to the PostgreSQL archive " +
                 redact_conninfo(options.db_path) + " with sitrep ingest --db";
    return st;
  }
  StoreOptions store_options;
  store_options.read_only = true;
  store_options.busy_timeout_ms = options.busy_timeout_ms;
  s.readers = std::make_unique<ReaderPool>(options.db_path, store_options);
  {
    // Open one reader now, so that a missing or foreign file is a start-up error.
    StoreStatus status;
    auto reader = s.readers->acquire(status);
    if (!reader) return status;
    std::vector<std::string> columns;
    status = reader->rows(kStatsSql, {}, columns, [](const QueryRow&) {});
    if (!status.ok()) return status;
  }
  if (options.allow_ingest) {
    StoreOptions writer_options;
    writer_options.busy_timeout_ms = options.busy_timeout_ms;
    std::unique_ptr<Store> writer;
    if (StoreStatus st = Store::open(options.db_path, writer_options, writer); !st.ok()) return st;
    try {
      s.ingester = std::make_unique<Ingester>(std::move(writer), build_pipeline(locate_data(options.data_dir)),
                                              options.max_upload_articles);
    } catch (const std::exception& e) {
      StoreStatus st;
      st.code = StoreStatus::Code::kError;
      st.message = e.what();
      return st;
    }
  }
  // A reader per thread, opened now; the aggregates kept for 30 s at least.
  if (StoreStatus status = s.readers->reserve(static_cast<size_t>(std::max(1, options.threads))); !status.ok())
    return status;
  s.aggregates = std::make_unique<AggregateCache>(std::chrono::seconds(30));
  s.context.readers = s.readers.get();
  s.context.aggregates = s.aggregates.get();
  s.searches = std::make_unique<SearchCache>(static_cast<size_t>(std::max(0, options.search_cache)));
  s.context.searches = s.searches.get();
  s.context.ingester = s.ingester.get();

  if (options.allow_ingest) s.options.token = options.token.empty() ? make_token() : options.token;
  s.hosts.insert(host_of(options.bind));
  if (is_loopback(host_of(options.bind))) s.hosts.insert("localhost");
  for (const std::string& h : options.allow_hosts) s.hosts.insert(host_of(h));
  s.any_address = options.bind == "0.0.0.0" || options.bind == "::" || options.bind == "[::]";
  if (options.checkpoint_seconds > 0 && !postgres) {
    // Checkpoints need a connection that may write; a store this user may
    // only read is served without them.
    StoreOptions writer_options;
    writer_options.busy_timeout_ms = 0;
    if (!Store::open(options.db_path, writer_options, s.checkpointer).ok()) s.checkpointer.reset();
  }

  HttpServer& http = s.http;
  s.options.limits.threads = std::max(1, options.threads);
  s.options.limits.max_body_bytes = options.max_upload_bytes;
  s.listener = std::make_unique<Listener>(http, s.options.limits);
  http.set_payload_max_length(options.max_upload_bytes);
  // What the Keep-Alive header of each answer says.
  http.set_keep_alive_max_count(static_cast<size_t>(std::max(1, s.options.limits.max_requests)));
  http.set_keep_alive_timeout(std::max<time_t>(1, s.options.limits.idle_timeout.count() / 1000));
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Cache-Control", "no-store"}});
  // Checks that come before any route: the Host (DNS rebinding), the Origin
  // (cross-origin requests), the method, and an upload's token.
  http.set_pre_routing_handler([&s](const httplib::Request& req, httplib::Response& res) {
    auto refuse = [&](int status, const std::string& message) {
      res.status = status;
      res.set_content(error_json(status, message), "application/json");
      return httplib::Server::HandlerResponse::Handled;
    };
    const std::string host_header = req.get_header_value("Host");
    if (host_header.empty()) return refuse(400, "the request has no Host header");
    const std::string host = host_of(host_header);
    if (!s.hosts.count(host) && !(s.any_address && is_address(host)))
      return refuse(403, "this server does not answer for the host '" + host_header.substr(0, 100) +
                             "' (start it with --allow-host NAME to answer for another name)");
    const bool has_origin = req.has_header("Origin");
    const bool own_origin = has_origin && lower(req.get_header_value("Origin")) == "http://" + lower(host_header);
    if (has_origin && !own_origin)
      return refuse(403, "cross-origin requests are refused (Origin '" + req.get_header_value("Origin").substr(0, 100) +
                             "' is not this server's)");
    if (req.method != "GET" && req.method != "HEAD") {
      const char* allow = allowed_methods(req.path);
      if (*allow && (std::string(", ") + allow + ",").find(" " + req.method + ",") == std::string::npos) {
        res.set_header("Allow", allow);
        return refuse(405, "method " + req.method.substr(0, 20) + " is not allowed on " + req.path.substr(0, 200) +
                               " (allowed: " + allow + ")");
      }
      if (req.method == "POST" && s.ingester && !own_origin) {
        std::string token = req.get_header_value("X-Sitrep-Token");
        if (const std::string auth = req.get_header_value("Authorization"); auth.rfind("Bearer ", 0) == 0)
          token = auth.substr(7);
        if (!same_secret(token, s.options.token)) {
          res.set_header("WWW-Authenticate", "Bearer");
          return refuse(401, token.empty() ? "an upload needs this server's token: send the header 'Authorization: "
                                             "Bearer TOKEN' (sitrep serve prints the token at start-up; --token "
                                             "sets it)"
                                           : "the upload's token is not this server's");
        }
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  install_api(http, s.context);
  install_web(http);
  // Every error is JSON, also those httplib answers itself (404 for an
  // unknown route, 413 for an upload over the limit, 400 for a bad request).
  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string message = res.status == 404   ? "no such route (see /api/health and the API in src/serve/api.h)"
                           : res.status == 413 ? "the upload is larger than the server takes (see --max-upload-kb)"
                           : res.status == 405 ? "method not allowed"
                                               : "HTTP error " + std::to_string(res.status);
    res.set_content(error_json(res.status, message), "application/json");
    return httplib::Server::HandlerResponse::Handled;
  }));
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string message = "internal error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      message += std::string(": ") + e.what();
    } catch (...) {
    }
    res.status = 500;
    res.set_content(error_json(500, message), "application/json");
  });
  if (options.log_requests) {
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "sitrep serve: %s %s %d %zu bytes\n", req.method.c_str(), req.target.c_str(), res.status,
                   res.body.size());
    });
  }
  out = std::move(server);
  return {};
}

// A passive checkpoint copies what it can and never waits. Under a steady
// stream of requests it may not let the WAL start over, though: the writer
// can start it over only when no reader is inside it. So once the WAL is over
// 16 MB, a TRUNCATE checkpoint waits (up to 3 s, holding off the writer, never
// the readers: new ones read the store itself once the WAL is copied) for the
// readers in the WAL to finish, and empties it. The same at the end.
//
// Its wait looks every millisecond: `sitrep ingest` holds the write lock for
// a batch at a time and lets go of it only for a moment between batches,
// which SQLite's busy timeout (sleeps of up to 100 ms) would mostly miss.
void Server::Impl::checkpoint(int mode) {
  if (!checkpointer) return;
  sqlite3* db = checkpointer->handle();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  if (mode != SQLITE_CHECKPOINT_PASSIVE) {
    sqlite3_busy_handler(
        db,
        [](void* until, int) {
          if (std::chrono::steady_clock::now() > *static_cast<std::chrono::steady_clock::time_point*>(until)) return 0;
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
          return 1;
        },
        &deadline);
  }
  int log = 0, done = 0;
  sqlite3_wal_checkpoint_v2(db, nullptr, mode, &log, &done);
  sqlite3_busy_timeout(db, 0);
}

void Server::Impl::run_checkpoints() {
  constexpr off_t kWalLimit = off_t{16} << 20;
  const std::string wal = options.db_path + "-wal";
  std::unique_lock<std::mutex> lock(mu);
  while (!wake.wait_for(lock, std::chrono::seconds(options.checkpoint_seconds), [this] { return stopping; })) {
    checkpoint(SQLITE_CHECKPOINT_PASSIVE);
    struct stat st;
    if (::stat(wal.c_str(), &st) == 0 && st.st_size > kWalLimit) checkpoint(SQLITE_CHECKPOINT_TRUNCATE);
  }
}

Server::~Server() {
  stop();
  if (impl_ && impl_->checkpoints.joinable()) impl_->checkpoints.join();
}

int Server::bind() {
  Impl& s = *impl_;
  std::string error;
  s.port = s.listener->bind(s.options.bind, s.options.port, error);
  return s.port;
}

bool Server::run() {
  Impl& s = *impl_;
  if (s.checkpointer && s.options.checkpoint_seconds > 0 && !s.checkpoints.joinable())
    s.checkpoints = std::thread([&s] { s.run_checkpoints(); });
  // The whole-archive aggregates, and the answers whose first request would
  // read much of the archive, are read before anyone asks for them, while the
  // server answers.
  s.warm = std::thread([&s] { warm_api(s.context, s.stop_warming); });
  const bool ok = s.listener->run();
  s.stop_warming = true;
  s.warm.join();
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.stopping = true;
  }
  s.wake.notify_all();
  if (s.checkpoints.joinable()) s.checkpoints.join();
  s.checkpoint(SQLITE_CHECKPOINT_TRUNCATE);
  return ok;
}

void Server::stop() {
  if (impl_ && impl_->listener) impl_->listener->stop();
}

const std::string& Server::token() const { return impl_->options.token; }

}  // namespace sitrep::serve
