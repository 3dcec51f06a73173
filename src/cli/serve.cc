// sitrep serve: the HTTP JSON API and the web view over a store. This file
// parses flags and handles signals; the server is src/serve/.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "cli/commands.h"
#include "cli/options.h"
#include "serve/server.h"
#include "store/pg_archive.h"

namespace sitrep::cli {

const char* const kServeHelp = R"(Usage: sitrep serve --db PATH|postgresql://... [--port 8080] [--bind 127.0.0.1] [OPTIONS]

Serves a store that `sitrep ingest` filled: a JSON API and a web view, both
from this one program (the page is built into it; nothing is fetched from
the network). Open http://127.0.0.1:8080/ in a browser to search the
articles, read one with its entities, quotes, claims and events marked in the
text, follow an entity, and chart events by actor pair, the network of actors
and a claimed figure over time.

The store is opened read-only, and no request can change it, unless the
server is started with --allow-ingest. Every request must name this server
in its Host header (the --bind address, "localhost" when that is a loopback
address, any address when it is 0.0.0.0, or an --allow-host name), which
keeps DNS rebinding pages out; requests from another origin (an Origin header
other than the server's own) are refused.

Options:
  --db PATH             the store to serve (required): a SQLite store's path,
                        or a PostgreSQL archive's connection string
                        (postgresql://user@host/dbname, or libpq's
                        "host=... dbname=..."). A PostgreSQL archive gives the
                        same answers as a SQLite store of the same input, but
                        that search ranks by PostgreSQL's ts_rank_cd (and reads
                        its query as websearch_to_tsquery does: words, "a
                        phrase", OR, -word; no prefix*), a snippet of
                        /api/articles?q= is ts_headline's, and it keeps no
                        stories (their list is empty, each story a 404) and
                        no wire-copy links; it takes no uploads, and a lost
                        connection is a 503 until the server is back
  --port N              the TCP port (default 8080; 0 picks a free one, which
                        is printed)
  --bind ADDRESS        the address to listen on (default 127.0.0.1: this
                        machine only; 0.0.0.0 for every interface)
  --allow-host NAME     answer requests whose Host is NAME too (a name by which
                        clients reach the server, such as news.example.org);
                        may be given more than once
  --threads N           worker threads: requests run at once (default: twice
                        the cores, at least 4; more only queue on the cores). A
                        request reaches a thread only once it has arrived
                        whole, so slow or idle clients hold none
  --wait SECONDS        how long a request waits for an ingest's lock on the
                        store before it fails with 503 (default 5)
  --allow-ingest        accept POST /api/articles: a text/plain article (title
                        on the first line) or application/x-ndjson lines of
                        {"id", "title", "date", "text", "url"}, extracted and
                        stored; ?date=YYYY-MM-DD dates articles that carry none.
                        Each upload must carry the server's token, as the header
                        'Authorization: Bearer TOKEN' (or X-Sitrep-Token), or
                        come from the server's own web page. Malformed input
                        stores nothing (400); text that is not UTF-8 (NUL bytes,
                        or over 1% bad bytes) gets 415; an article the pipeline
                        fails on is listed in "failed" and the others are stored
  --token TOKEN         the upload token (default: a random one, printed at
                        start-up)
  --max-upload-kb N     the largest upload taken (default 4096); larger ones
                        get 413
  --data DIR            the lexicon folder for uploads (default: data/ beside
                        the program)
  --search-cache N      recent searches kept (default 256; 0: none): a search
                        asked again, or another page of it, reads only its
                        page's articles, until an article is added
  --log                 one line per request on stderr
  -h, --help            show this help

Connections (each limit reached is answered, never silent: 503 with
Retry-After for too many connections or requests waiting, 408 for a late
request):
  --max-connections N   open connections in all (default 512)
  --max-client-connections N
                        open connections from one client address (default 128)
  --header-timeout S    seconds for a request's line and headers (default 10)
  --body-timeout S      seconds for a request's body after its headers
                        (default 30)
  --idle-timeout S      seconds a keep-alive connection may wait for its next
                        request (default 5)
  --max-requests N      requests on one keep-alive connection (default 1000)
  --checkpoint S        checkpoint the store's WAL every S seconds while
                        serving (default 10; 0: never), and once at the end,
                        so that it stays small while an ingest writes: a
                        passive checkpoint, and over 16 MB one that waits up
                        to 3 s for the readers in the WAL (holding off the
                        writer, not the readers) and empties it

API (JSON; errors are {"error": "...", "status": N}; lists take limit 1-200
and offset, and dates YYYY-MM-DD):
  GET /api/health                      articles and date range
  GET /api/search?q=WORDS              articles (full text, best first: BM25
                                       among the newest 400 matches, so no
                                       page past them; with a snippet) and
                                       entities whose name starts so
  GET /api/articles?entity=&since=&until=&q=
  GET /api/articles/ID                 the text and its record (SCHEMA.md, and
                                       its story)
  GET /api/entities?q=PREFIX&type=     the most named entities
  GET /api/entities/NAME               mentions, timeline, quotes, events
  GET /api/events?event=&actor=&entity=&since=&until=
  GET /api/quotes?speaker=&q=          GET /api/claims?kind=&entity=
  GET /api/claims/kinds                GET /api/aggregates/figures?kind=
  GET /api/aggregates/pairs?...        events per day per actor pair
  GET /api/aggregates/network?...      actors and the events between them
  GET /api/stories?entity=&since=&until=&min_articles=   stories, latest first
  GET /api/stories/N                   a story: its articles over time, actors,
                                       events, and figures by day and source
                                       (revised up/down, disputed)
Aggregates (entity and story pages, counts, pairs, network, figures, and the
entities that search and /api/entities?q= list) are kept and read again when
articles were added and the kept copy is over 30 s old.

Examples:
  sitrep ingest news/ --db news.db && sitrep serve --db news.db
  sitrep serve --db postgresql://sitrep@db1/news --port 8080
  curl 'http://127.0.0.1:8080/api/search?q=resign*'
  curl 'http://127.0.0.1:8080/api/events?event=ASSAULT&since=2023-10-01'
  sitrep serve --db news.db --allow-ingest --port 9000 --token "$TOKEN" &
  curl --data-binary @article.txt -H 'Content-Type: text/plain' \
       -H "Authorization: Bearer $TOKEN" 'http://127.0.0.1:9000/api/articles?date=2024-04-22'

Ctrl-C stops the server. Exit codes: 0 stopped, 1 the port could not be
bound or the store could not be read, 2 usage error.
)";

namespace {

int usage_error(const std::string& message) { return cli::usage_error("serve", message); }

// A whole number from lo to hi, or false.
bool parse_number(const std::string& v, long lo, long hi, long& out) {
  char* end = nullptr;
  out = std::strtol(v.c_str(), &end, 10);
  return !v.empty() && !*end && out >= lo && out <= hi;
}

}  // namespace

int run_serve(const std::vector<std::string>& args) {
  static const std::vector<FlagSpec> kFlags = {
      {"--db", "", true},           {"--port", "", true},          {"--bind", "", true},
      {"--threads", "", true},      {"--wait", "", true},          {"--allow-ingest", "", false},
      {"--max-upload-kb", "", true}, {"--data", "", true},         {"--log", "", false},
      {"--token", "", true},        {"--allow-host", "", true},    {"--max-connections", "", true},
      {"--max-client-connections", "", true}, {"--header-timeout", "", true}, {"--body-timeout", "", true},
      {"--idle-timeout", "", true}, {"--max-requests", "", true},  {"--checkpoint", "", true},
      {"--search-cache", "", true}, {"--help", "-h", false},
  };
  ParsedArgs a;
  if (auto done = parse_command("serve", args, kFlags, kServeHelp, a)) return *done;
  if (!a.positional.empty()) return usage_error("unexpected argument '" + a.positional[0] + "'");
  serve::ServeOptions options;
  options.db_path = a.get("--db");
  if (options.db_path.empty()) return usage_error("name the store with --db PATH");
  const bool postgres = is_postgres_url(options.db_path);
  std::error_code ec;
  if (!postgres && !std::filesystem::is_regular_file(options.db_path, ec))
    return usage_error("no store at '" + options.db_path + "' (make one with sitrep ingest)");
  long n = 0;
  if (a.has("--port")) {
    if (!parse_number(a.get("--port"), 0, 65535, n)) return usage_error("--port must be a number from 0 to 65535");
    options.port = static_cast<int>(n);
  }
  if (a.has("--bind")) {
    options.bind = a.get("--bind");
    if (options.bind.empty()) return usage_error("--bind needs an address, such as 127.0.0.1");
  }
  if (a.has("--threads")) {
    if (!parse_number(a.get("--threads"), 1, 256, n)) return usage_error("--threads must be a number from 1 to 256");
    options.threads = static_cast<int>(n);
  }
  if (a.has("--wait")) {
    if (!parse_number(a.get("--wait"), 0, 3600, n)) return usage_error("--wait must be a number of seconds (0-3600)");
    options.busy_timeout_ms = static_cast<int>(n * 1000);
  }
  if (a.has("--max-upload-kb")) {
    if (!parse_number(a.get("--max-upload-kb"), 1, 1 << 20, n))
      return usage_error("--max-upload-kb must be a number from 1 to 1048576");
    options.max_upload_bytes = static_cast<size_t>(n) << 10;
  }
  options.allow_ingest = a.has("--allow-ingest");
  if (postgres && options.allow_ingest)
    return usage_error("--allow-ingest stores uploads in a SQLite store only; add articles to the PostgreSQL archive "
                       "with sitrep ingest --db '" + redact_conninfo(options.db_path) + "'");
  if (a.has("--token")) {
    options.token = a.get("--token");
    if (!options.allow_ingest) return usage_error("--token is the upload token: it needs --allow-ingest");
    if (options.token.size() < 16 || options.token.size() > 200 ||
        !std::all_of(options.token.begin(), options.token.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; }))
      return usage_error("--token must be 16 to 200 visible ASCII characters");
  }
  for (const std::string& h : a.all("--allow-host")) {
    if (h.empty() || h.size() > 253 || h.find_first_of("/ \t") != std::string::npos)
      return usage_error("--allow-host needs a host name, such as news.example.org, not '" + h + "'");
    options.allow_hosts.push_back(h);
  }
  serve::ConnectionLimits& limits = options.limits;
  struct Count {
    const char* flag;
    long lo, hi;
    int* out;
  };
  for (const Count& c : {Count{"--max-connections", 1, 100000, &limits.max_connections},
                         Count{"--max-client-connections", 1, 100000, &limits.max_client_connections},
                         Count{"--max-requests", 1, 10000000, &limits.max_requests},
                         Count{"--checkpoint", 0, 86400, &options.checkpoint_seconds},
                         Count{"--search-cache", 0, 100000, &options.search_cache}}) {
    if (!a.has(c.flag)) continue;
    if (!parse_number(a.get(c.flag), c.lo, c.hi, n))
      return usage_error(std::string(c.flag) + " must be a number from " + std::to_string(c.lo) + " to " +
                         std::to_string(c.hi));
    *c.out = static_cast<int>(n);
  }
  struct Seconds {
    const char* flag;
    std::chrono::milliseconds* out;
  };
  for (const Seconds& t : {Seconds{"--header-timeout", &limits.header_timeout},
                           Seconds{"--body-timeout", &limits.body_timeout},
                           Seconds{"--idle-timeout", &limits.idle_timeout}}) {
    if (!a.has(t.flag)) continue;
    char* end = nullptr;
    const std::string v = a.get(t.flag);
    const double seconds = std::strtod(v.c_str(), &end);
    if (v.empty() || *end || !(seconds >= 0.1 && seconds <= 3600))
      return usage_error(std::string(t.flag) + " must be a number of seconds from 0.1 to 3600");
    *t.out = std::chrono::milliseconds(static_cast<long>(seconds * 1000));
  }
  options.data_dir = a.get("--data");
  options.log_requests = a.has("--log");

  // Signals are taken by one thread with sigwait, which may stop the server
  // (a signal handler may not); block them before any other thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::unique_ptr<serve::Server> server;
  if (StoreStatus s = serve::Server::create(options, server); !s.ok()) {
    std::fprintf(stderr, "sitrep serve: %s\n", s.message.c_str());
    return kExitInputFailed;
  }
  const int port = server->bind();
  if (port < 0) {
    std::fprintf(stderr, "sitrep serve: cannot listen on %s port %d (is it in use? try --port 0)\n",
                 options.bind.c_str(), options.port);
    return kExitInputFailed;
  }
  std::thread([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    server->stop();
  }).detach();
  const std::string host = options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
  std::printf("sitrep serve: listening on http://%s:%d/ (%s)\n", host.c_str(), port,
              options.allow_ingest ? "uploads allowed: POST /api/articles with the token" : "read-only");
  if (options.allow_ingest && options.token.empty())
    std::printf("sitrep serve: upload token %s (send 'Authorization: Bearer %s')\n", server->token().c_str(),
                server->token().c_str());
  std::fflush(stdout);
  const bool ok = server->run();
  std::fprintf(stderr, "sitrep serve: stopped\n");
  return ok ? kExitOk : kExitInputFailed;
}

}  // namespace sitrep::cli
