#include "serve/server.h"

#include <httplib.h>

#include <sys/socket.h>

#include <cstdio>

#include "serve/api.h"
#include "serve/assets.h"
#include "serve/ingester.h"
#include "serve/reads.h"
#include "sitrep/engine.h"

namespace sitrep::serve {

struct Server::Impl {
  ServeOptions options;
  std::unique_ptr<ReaderPool> readers;
  std::unique_ptr<Ingester> ingester;
  ApiContext context;
  httplib::Server http;
};

namespace {

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
  s.context.readers = s.readers.get();
  s.context.ingester = s.ingester.get();

  httplib::Server& http = s.http;
  const int threads = std::max(1, options.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_payload_max_length(options.max_upload_bytes);
  // Clients such as load generators reuse one connection for many requests.
  http.set_keep_alive_max_count(10000);
  http.set_keep_alive_timeout(2);
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's
  // algorithm holds the body back for the client's delayed ACK (40 ms).
  http.set_tcp_nodelay(true);
  // httplib's default, SO_REUSEPORT, would let a second server bind a port
  // that one is serving already; SO_REUSEADDR only allows a quick restart.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  http.set_read_timeout(10, 0);
  http.set_write_timeout(10, 0);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Cache-Control", "no-store"}});
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

Server::~Server() { stop(); }

int Server::bind() {
  Impl& s = *impl_;
  if (s.options.port == 0) return s.http.bind_to_any_port(s.options.bind);
  return s.http.bind_to_port(s.options.bind, s.options.port) ? s.options.port : -1;
}

bool Server::run() { return impl_->http.listen_after_bind(); }

void Server::stop() {
  if (impl_) impl_->http.stop();
}

}  // namespace sitrep::serve
