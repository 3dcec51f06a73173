#include "serve/listener.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "serve/api.h"

namespace sitrep::serve {

namespace {

using Clock = std::chrono::steady_clock;

enum class State {
  kHead,     // reading the request line and headers
  kBody,     // reading the body
  kBusy,     // a worker has it
  kIdle,     // keep-alive, waiting for the next request
  kClosing,  // answered by the listener; the rest of the request is read and dropped until the peer closes
};

struct Connection {
  int fd = -1;
  std::string client, local;  // addresses
  int client_port = 0, local_port = 0;
  std::string in;      // bytes read and not yet consumed by a request
  size_t scanned = 0;  // bytes of `in` searched already for the head's end
  size_t need = 0;     // head and body, once the head is in
  State state = State::kHead;
  Clock::time_point deadline;
  int requests = 0;
  bool peer_closed = false;  // the client shut its side: answer what came, then close
  bool counted = true;       // counts towards the limits (no longer once refused)
  bool close = false;        // set by the worker: close after its answer
};

// A request already read, for httplib: reads come from `in`, the answer is
// gathered and sent in one piece by flush().
class BufferStream : public httplib::Stream {
 public:
  BufferStream(Connection& c, Clock::time_point write_deadline) : c_(c), write_deadline_(write_deadline) {}
  bool is_readable() const override { return at_ < c_.in.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    size = std::min(size, c_.in.size() - at_);
    std::memcpy(ptr, c_.in.data() + at_, size);
    at_ += size;
    return static_cast<ssize_t>(size);
  }
  ssize_t write(const char* ptr, size_t size) override {
    out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.client;
    port = c_.client_port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.local;
    port = c_.local_port;
  }
  socket_t socket() const override { return c_.fd; }
  size_t consumed() const { return at_; }

  // Sends the answer; false when the client does not take it in time.
  bool flush() {
    size_t sent = 0;
    while (sent < out_.size()) {
      ssize_t n = ::send(c_.fd, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);
      if (n > 0) {
        sent += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(write_deadline_ - Clock::now());
        if (left.count() <= 0) return false;
        pollfd p{c_.fd, POLLOUT, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
        continue;
      }
      return false;
    }
    return true;
  }

 private:
  Connection& c_;
  Clock::time_point write_deadline_;
  size_t at_ = 0;
  std::string out_;
};

const char* reason(int status) {
  switch (status) {
    case 100: return "Continue";
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

// The value of header `name` (lower case) in `head`, or npos in `found`.
std::string_view header(std::string_view head, std::string_view name, bool& found) {
  found = false;
  size_t at = head.find("\r\n");
  while (at != std::string_view::npos && at + 2 < head.size()) {
    const size_t start = at + 2, end = head.find("\r\n", start);
    std::string_view line = head.substr(start, (end == std::string_view::npos ? head.size() : end) - start);
    if (line.size() > name.size() && line[name.size()] == ':' &&
        std::equal(name.begin(), name.end(), line.begin(),
                   [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
      found = true;
      std::string_view v = line.substr(name.size() + 1);
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
      return v;
    }
    at = end;
  }
  return {};
}

std::string address_of(const sockaddr_storage& sa, int& port) {
  char buf[INET6_ADDRSTRLEN] = "";
  if (sa.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&sa);
    inet_ntop(AF_INET, &in->sin_addr, buf, sizeof buf);
    port = ntohs(in->sin_port);
  } else if (sa.ss_family == AF_INET6) {
    const auto* in = reinterpret_cast<const sockaddr_in6*>(&sa);
    inet_ntop(AF_INET6, &in->sin6_addr, buf, sizeof buf);
    port = ntohs(in->sin6_port);
  }
  return buf;
}

std::string seconds(std::chrono::milliseconds d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", static_cast<double>(d.count()) / 1000);
  return buf;
}

}  // namespace

std::string listener_answer(int status, const std::string& message, int retry_after_seconds) {
  const std::string body = error_json(status, message);
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) +
                    "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                    "\r\nConnection: close\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n";
  if (retry_after_seconds > 0) out += "Retry-After: " + std::to_string(retry_after_seconds) + "\r\n";
  return out + "\r\n" + body;
}

struct Listener::Impl {
  HttpServer& http;
  ConnectionLimits limits;
  int listen_fd = -1, epoll_fd = -1, wake_fd = -1;
  std::atomic<bool> stopping{false};
  bool accept_paused = false;
  Clock::time_point accept_resume;

  // The loop thread's own: every connection, by socket, and how many each client has open.
  std::unordered_map<int, std::unique_ptr<Connection>> connections;
  std::unordered_map<std::string, int> per_client;
  int open = 0;  // connections that count towards the limits: all but those refused and closing

  // Shared with the workers.
  std::mutex mu;
  std::condition_variable work;
  std::deque<Connection*> ready;      // requests read, waiting for a worker
  std::vector<Connection*> returned;  // answered by a worker, back to the loop
  std::vector<std::thread> workers;

  Impl(HttpServer& h, const ConnectionLimits& l) : http(h), limits(l) {}

  void arm(Connection& c) {
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
    ev.data.fd = c.fd;
    epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c.fd, &ev);
  }

  // A refused connection no longer counts towards the limits: the client may
  // open another once it has its answer.
  void uncount(Connection& c) {
    if (!c.counted) return;
    c.counted = false;
    --open;
    if (auto it = per_client.find(c.client); it != per_client.end() && --it->second <= 0) per_client.erase(it);
  }

  void close_connection(Connection& c) {
    const int fd = c.fd;
    uncount(c);
    ::close(fd);
    connections.erase(fd);
  }

  // Answers by itself and closes once the client has gone (or after a
  // second): closing with the request unread would reset the connection and
  // could lose the answer.
  void refuse(Connection& c, int status, const std::string& message, int retry_after = 0) {
    const std::string answer = listener_answer(status, message, retry_after);
    ssize_t n;
    do n = ::send(c.fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    while (n < 0 && errno == EINTR);
    ::shutdown(c.fd, SHUT_WR);
    c.in.clear();
    c.state = State::kClosing;
    c.deadline = Clock::now() + std::chrono::seconds(1);
    uncount(c);
    // Under a flood of refusals, the closing ones are not kept either.
    if (c.peer_closed || static_cast<int>(connections.size()) - open > limits.max_connections)
      return close_connection(c);
    arm(c);
  }

  void accept_all() {
    for (;;) {
      sockaddr_storage sa{};
      socklen_t len = sizeof sa;
      const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&sa), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
          // Out of sockets: leave the rest in the kernel's queue for a moment.
          epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
          accept_paused = true;
          accept_resume = Clock::now() + std::chrono::milliseconds(100);
        }
        return;
      }
      int yes = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
      auto owned = std::make_unique<Connection>();
      Connection& c = *owned;
      c.fd = fd;
      c.client = address_of(sa, c.client_port);
      sockaddr_storage local{};
      len = sizeof local;
      if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len) == 0) c.local = address_of(local, c.local_port);
      c.deadline = Clock::now() + limits.header_timeout;
      connections[fd] = std::move(owned);
      ++open;
      const int mine = ++per_client[c.client];
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
      ev.data.fd = fd;
      epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev);
      const int retry = limits.retry_after_seconds;
      if (open > limits.max_connections || fd >= FD_SETSIZE) {
        refuse(c, 503, "the server is at its limit of " + std::to_string(limits.max_connections) +
                           " open connections (--max-connections); try again shortly", retry);
      } else if (mine > limits.max_client_connections) {
        refuse(c, 503, "this client has " + std::to_string(limits.max_client_connections) +
                           " connections open already, its limit (--max-client-connections); reuse one or try "
                           "again shortly", retry);
      }
    }
  }

  void on_readable(Connection& c) {
    char buf[16384];
    bool eof = false;
    for (;;) {
      ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
      if (n > 0) {
        if (c.state != State::kClosing) c.in.append(buf, static_cast<size_t>(n));
        if (static_cast<size_t>(n) < sizeof buf) break;
        if (c.in.size() > limits.max_head_bytes + limits.max_body_bytes + sizeof buf) break;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      eof = true;  // closed by the client, or an error
      break;
    }
    if (c.state == State::kClosing) {
      if (eof) return close_connection(c);
      return arm(c);
    }
    if (eof) {
      c.peer_closed = true;
      if (c.in.empty() || c.state == State::kIdle) return close_connection(c);
    }
    if (c.state == State::kIdle) {
      c.state = State::kHead;
      c.deadline = Clock::now() + limits.header_timeout;
    }
    advance(c);
  }

  // Moves a connection on with what it has read: to a worker once the
  // request is whole.
  void advance(Connection& c) {
    if (c.state == State::kHead) {
      const size_t from = c.scanned > 3 ? c.scanned - 3 : 0;
      const size_t end = c.in.find("\r\n\r\n", from);
      if (end == std::string::npos || end + 4 > limits.max_head_bytes) {
        c.scanned = c.in.size();
        if (c.in.size() > limits.max_head_bytes || end != std::string::npos)
          return refuse(c, 431, "the request line and headers are larger than " +
                                    std::to_string(limits.max_head_bytes) + " bytes");
        if (c.peer_closed) return close_connection(c);
        return arm(c);
      }
      const size_t head_end = end + 4;
      std::string_view head(c.in.data(), head_end);
      bool found = false;
      header(head, "transfer-encoding", found);
      if (found) return refuse(c, 411, "send the body with a Content-Length (chunked bodies are not taken)");
      std::string_view length = header(head, "content-length", found);
      size_t body = 0;
      if (found) {
        if (length.empty() || length.size() > 15 ||
            !std::all_of(length.begin(), length.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
          return refuse(c, 400, "the Content-Length is not a number");
        body = std::stoull(std::string(length));
        if (body > limits.max_body_bytes)
          return refuse(c, 413, "the upload is larger than the server takes (see --max-upload-kb)");
      }
      std::string_view expect = header(head, "expect", found);
      if (found && body > 0 && c.in.size() < head_end + body) {
        // Asks for the body now rather than after the client's wait (curl waits a second).
        if (expect.size() == 12 && strncasecmp(expect.data(), "100-continue", 12) == 0)
          ::send(c.fd, "HTTP/1.1 100 Continue\r\n\r\n", 25, MSG_NOSIGNAL | MSG_DONTWAIT);
      }
      if (found) {
        // httplib would answer "100 Continue" again: the header has been dealt with.
        const size_t at = static_cast<size_t>(expect.data() - c.in.data());
        const size_t line = c.in.rfind("\r\n", at) + 2, line_end = c.in.find("\r\n", at) + 2;
        c.in.erase(line, line_end - line);
        c.need = head_end - (line_end - line) + body;
      } else {
        c.need = head_end + body;
      }
      c.state = State::kBody;
      c.deadline = Clock::now() + limits.body_timeout;
    }
    if (c.state == State::kBody) {
      if (c.in.size() < c.need) {
        if (c.peer_closed) return close_connection(c);
        return arm(c);
      }
      dispatch(c);
    }
  }

  void dispatch(Connection& c) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (static_cast<int>(ready.size()) < limits.max_queue) {
        c.state = State::kBusy;
        ready.push_back(&c);
        work.notify_one();
        return;
      }
    }
    refuse(c, 503,
           "the server is busy (" + std::to_string(limits.max_queue) + " requests are waiting); try again shortly",
           limits.retry_after_seconds);
  }

  void take_back() {
    uint64_t n;
    while (::read(wake_fd, &n, sizeof n) < 0 && errno == EINTR) {
    }
    std::vector<Connection*> back;
    {
      std::lock_guard<std::mutex> lock(mu);
      back.swap(returned);
    }
    for (Connection* c : back) {
      if (c->close || c->peer_closed || stopping) {
        close_connection(*c);
        continue;
      }
      c->scanned = 0;
      c->need = 0;
      if (!c->in.empty()) {
        // A pipelined request came with the last one.
        c->state = State::kHead;
        c->deadline = Clock::now() + limits.header_timeout;
        advance(*c);
      } else {
        c->state = State::kIdle;
        c->deadline = Clock::now() + limits.idle_timeout;
        arm(*c);
      }
    }
  }

  void sweep() {
    const auto now = Clock::now();
    std::vector<Connection*> late;
    for (auto& [fd, c] : connections)
      if (c->state != State::kBusy && c->deadline <= now) late.push_back(c.get());
    for (Connection* c : late) {
      switch (c->state) {
        case State::kHead:
          refuse(*c, 408, "the request's line and headers did not arrive within " + seconds(limits.header_timeout));
          break;
        case State::kBody:
          refuse(*c, 408, "the request's body did not arrive within " + seconds(limits.body_timeout));
          break;
        default: close_connection(*c);
      }
    }
    if (accept_paused && now >= accept_resume) {
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.fd = listen_fd;
      epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &ev);
      accept_paused = false;
    }
  }

  void worker() {
    for (;;) {
      Connection* c;
      {
        std::unique_lock<std::mutex> lock(mu);
        work.wait(lock, [&] { return stopping || !ready.empty(); });
        if (ready.empty()) return;
        c = ready.front();
        ready.pop_front();
      }
      ++c->requests;
      const bool last = c->requests >= limits.max_requests || c->peer_closed || stopping;
      BufferStream stream(*c, Clock::now() + limits.write_timeout);
      bool closed = false;
      bool ok = false;
      try {
        ok = http.serve_request(stream, last, closed);
      } catch (...) {
      }
      ok = stream.flush() && ok;
      c->in.erase(0, std::max(stream.consumed(), std::min(c->need, c->in.size())));
      c->close = !ok || closed || last;
      bool wake;
      {
        std::lock_guard<std::mutex> lock(mu);
        wake = returned.empty();
        returned.push_back(c);
      }
      if (wake) {
        const uint64_t one = 1;
        while (::write(wake_fd, &one, sizeof one) < 0 && errno == EINTR) {
        }
      }
    }
  }
};

Listener::Listener(HttpServer& http, const ConnectionLimits& limits) : impl_(std::make_unique<Impl>(http, limits)) {}

Listener::~Listener() {
  Impl& s = *impl_;
  if (s.listen_fd >= 0) ::close(s.listen_fd);
  if (s.epoll_fd >= 0) ::close(s.epoll_fd);
  if (s.wake_fd >= 0) ::close(s.wake_fd);
}

int Listener::bind(const std::string& host, int port, std::string& error) {
  Impl& s = *impl_;
  addrinfo hints{}, *found = nullptr;
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  const std::string service = std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    error = "cannot resolve '" + host + "': " + gai_strerror(rc);
    return -1;
  }
  int fd = -1;
  for (addrinfo* ai = found; ai; ai = ai->ai_next) {
    fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    // SO_REUSEADDR allows a quick restart; not SO_REUSEPORT, which would let a
    // second server bind a port that one is serving already.
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (ai->ai_family == AF_INET6) {
      int no = 0;
      setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &no, sizeof no);
    }
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, s.limits.backlog) == 0) break;
    error = std::strerror(errno);
    ::close(fd);
    fd = -1;
  }
  freeaddrinfo(found);
  if (fd < 0) return -1;
  sockaddr_storage sa{};
  socklen_t len = sizeof sa;
  getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);
  int bound = 0;
  address_of(sa, bound);
  s.listen_fd = fd;
  return bound;
}

bool Listener::run() {
  Impl& s = *impl_;
  if (s.listen_fd < 0) return false;
  s.epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  s.wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (s.epoll_fd < 0 || s.wake_fd < 0) return false;
  for (int fd : {s.listen_fd, s.wake_fd}) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    epoll_ctl(s.epoll_fd, EPOLL_CTL_ADD, fd, &ev);
  }
  for (int i = 0; i < std::max(1, s.limits.threads); ++i) s.workers.emplace_back([&s] { s.worker(); });
  std::vector<epoll_event> events(256);
  auto next_sweep = Clock::now();
  while (!s.stopping) {
    const int n = epoll_wait(s.epoll_fd, events.data(), static_cast<int>(events.size()), 100);
    for (int i = 0; i < n; ++i) {
      const int fd = events[static_cast<size_t>(i)].data.fd;
      if (fd == s.listen_fd) {
        s.accept_all();
      } else if (fd == s.wake_fd) {
        s.take_back();
      } else if (auto it = s.connections.find(fd); it != s.connections.end()) {
        s.on_readable(*it->second);
      }
    }
    if (const auto now = Clock::now(); now >= next_sweep) {
      s.sweep();
      next_sweep = now + std::chrono::milliseconds(100);
    }
  }
  // Stop: no new connections; the requests being run finish, the others close.
  ::close(s.listen_fd);
  s.listen_fd = -1;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.ready.clear();
  }
  s.work.notify_all();
  for (std::thread& t : s.workers) t.join();
  s.workers.clear();
  for (auto& [fd, c] : s.connections) ::close(fd);
  s.connections.clear();
  s.per_client.clear();
  s.open = 0;
  s.returned.clear();
  return true;
}

void Listener::stop() {
  Impl& s = *impl_;
  s.stopping = true;
  s.work.notify_all();
  if (s.wake_fd >= 0) {
    const uint64_t one = 1;
    ssize_t r = ::write(s.wake_fd, &one, sizeof one);
    (void)r;
  }
}

}  // namespace sitrep::serve
