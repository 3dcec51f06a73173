// Listener: the connections of `sitrep serve`, fair and bounded.
//
// One thread waits on every socket (epoll) and reads each request whole (its
// head within one deadline, its body within another) before a worker thread
// takes it; httplib then parses, routes and answers it from memory. A slow
// client or an idle keep-alive connection therefore holds no worker thread:
// the workers only ever run requests that have arrived. Each connection
// serves at most `max_requests` requests and is closed after `idle_timeout`
// without one. A client over its share of connections, a server over its
// total, and requests beyond the queue are answered at once with 503 and
// Retry-After, never with silence; a request whose head or body is late gets
// 408, a head too large 431, a body over the limit 413, a chunked body 411.
//
//   HttpServer http;  http.Get(...);            // routes as with httplib
//   Listener listener(http, limits);
//   int port = listener.bind("127.0.0.1", 0, error);
//   std::thread t([&] { listener.run(); });  ...  listener.stop(); t.join();
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace sitrep::serve {

struct ConnectionLimits {
  int threads = 16;                 // worker threads (requests run at once)
  int max_connections = 512;        // open connections in all
  int max_client_connections = 128; // open connections from one client address
  int max_queue = 512;              // requests read and waiting for a worker
  int max_requests = 1000;          // requests on one keep-alive connection
  std::chrono::milliseconds header_timeout{10000};  // from the first byte (or the connection) to the head's end
  std::chrono::milliseconds body_timeout{30000};    // from the head's end to the body's end
  std::chrono::milliseconds idle_timeout{5000};     // a keep-alive connection without a request
  std::chrono::milliseconds write_timeout{10000};   // to send one answer
  int backlog = 1024;               // the listen queue of the kernel
  size_t max_head_bytes = 16384;    // the request line and headers
  size_t max_body_bytes = size_t{4} << 20;
  int retry_after_seconds = 1;
};

// httplib's request parsing, routing and answering, run on a stream that the
// Listener gives (process_request is protected in httplib::Server).
class HttpServer : public httplib::Server {
 public:
  bool serve_request(httplib::Stream& stream, bool close_connection, bool& connection_closed) {
    return process_request(stream, close_connection, connection_closed, nullptr);
  }
};

class Listener {
 public:
  Listener(HttpServer& http, const ConnectionLimits& limits);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Binds `host`:`port` (0: any free port) and listens; the port, or -1 with
  // `error` set.
  int bind(const std::string& host, int port, std::string& error);
  // Serves until stop(); false when not bound.
  bool run();
  // From any thread: stops accepting, lets the requests being run finish and
  // closes every connection; run() then returns.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The answer the Listener gives by itself (503, 408, 413 ...): JSON, and the
// connection closed after it.
std::string listener_answer(int status, const std::string& message, int retry_after_seconds = 0);

}  // namespace sitrep::serve
