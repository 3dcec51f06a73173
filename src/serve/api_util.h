// Pieces shared by the API's route files (api.cc, api_lists.cc): the error
// answer as an exception inside a handler, rows of run_query and of reads.h
// as JSON, paging, and the checks of the filters that several routes take.
#pragma once

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "output/json_writer.h"
#include "serve/api.h"
#include "serve/ingester.h"
#include "serve/params.h"
#include "serve/reads.h"
#include "store/query.h"

namespace sitrep::serve::api_internal {

inline constexpr int64_t kMaxLimit = 200;
inline constexpr int64_t kMaxOffset = 100000;
// Rows an aggregate reads at most (the by-day pairs behind the charts).
inline constexpr int64_t kMaxAggregateRows = 20000;

// A failed request: the status and message of the error answer.
struct ApiError {
  int status;
  std::string message;
};

struct Rows {
  std::vector<std::string> columns;
  std::vector<QueryRow> rows;
  bool more = false;
};

inline void write_cell(JsonWriter& w, const std::string& column, const QueryCell& cell) {
  write_query_cell(w, column, cell);
}

inline void write_row(JsonWriter& w, const std::vector<std::string>& columns, const QueryRow& row) {
  write_query_row(w, columns, row);
}

inline void write_rows(JsonWriter& w, const Rows& r) {
  w.begin_array();
  for (const QueryRow& row : r.rows) write_row(w, r.columns, row);
  w.end_array();
}

// {"rows": [...], "offset", "limit", "more"}
inline void write_page(JsonWriter& w, const Rows& r, int64_t offset, int64_t limit) {
  w.begin_object();
  w.key("rows");
  write_rows(w, r);
  w.key("offset");
  w.value(offset);
  w.key("limit");
  w.value(limit);
  w.key("more");
  w.value(r.more);
  w.end_object();
}
inline std::string page_json(const Rows& r, int64_t offset, int64_t limit) {
  std::string out;
  JsonWriter w(out, false);
  write_page(w, r, offset, limit);
  return out;
}

inline ApiError store_error(const StoreStatus& s, const std::string& fts_param) {
  if (s.code == StoreStatus::Code::kBusy) return {503, "the store is busy (an ingest is writing to it); try again"};
  // A PostgreSQL server gone or restarting: the next request connects again.
  if (s.code == StoreStatus::Code::kUnavailable) return {503, s.message};
  if (!fts_param.empty() && s.code == StoreStatus::Code::kError) {
    // run_query words its message for the command line (--text); keep SQLite's reason only.
    std::string why = s.message;
    if (size_t open = why.find(" ("), close = why.find(')'); why.rfind("--text", 0) == 0 && open != std::string::npos &&
                                                            close != std::string::npos && close > open)
      why = why.substr(open + 2, close - open - 2);
    return {400, "parameter '" + fts_param + "' is not a full-text query the store understands (" + why +
                     "); quote words and phrases: \"prime minister\""};
  }
  return {500, s.message};
}

class Handler {
 public:
  Handler(ApiContext& context, const httplib::Request& req, httplib::Response& res)
      : context_(context), req_(req), res_(res) {}

  // Runs `body` with a reader; its ApiError becomes the error answer.
  template <typename F>
  void run(F&& body) {
    try {
      StoreStatus s;
      auto reader = context_.readers->acquire(s);
      if (!reader) throw ApiError{503, s.message};
      std::string json = body(*reader);
      res_.status = 200;
      res_.set_content(json, "application/json");
    } catch (const ApiError& e) {
      res_.status = e.status;
      res_.set_content(error_json(e.status, e.message), "application/json");
    }
  }

  Params params(std::initializer_list<std::string_view> allowed) { return Params(req_.params, allowed); }

  static void check(const Params& p) {
    if (!p.ok()) throw ApiError{400, p.error()};
  }

  // Rows of run_query, page `offset`, `limit` of them.
  static Rows query(Reader& reader, QuerySpec spec, int64_t offset, int64_t limit, const std::string& fts_param) {
    Rows r;
    spec.limit = offset + limit + 1;
    int64_t seen = 0;
    StoreStatus s = reader.query(spec, r.columns, [&](const QueryRow& row) {
      if (seen++ >= offset) r.rows.push_back(row);
    });
    if (!s.ok()) throw store_error(s, fts_param);
    if (static_cast<int64_t>(r.rows.size()) > limit) {
      r.rows.pop_back();
      r.more = true;
    }
    return r;
  }

  // The kept rows of a whole-archive aggregate (AggregateCache).
  std::shared_ptr<const AggregateCache::Result> aggregate(Reader& reader, const char* sql) {
    std::shared_ptr<const AggregateCache::Result> r;
    StoreStatus s = context_.aggregates->get(reader, sql, r);
    if (!s.ok()) throw store_error(s, "");
    return r;
  }

  // The answer `make` gives, kept by AggregateCache under `key`.
  std::string kept_json(Reader& reader, const std::string& key, const std::function<std::string()>& make) {
    return kept(reader, key, [&](AggregateCache::Result& out) { out.json = make(); })->json;
  }

  // What `make` puts in a Result, kept by AggregateCache under `key`.
  std::shared_ptr<const AggregateCache::Result> kept(Reader& reader, const std::string& key,
                                                     const std::function<void(AggregateCache::Result&)>& make) {
    std::shared_ptr<const AggregateCache::Result> kept;
    ApiError failure{0, ""};
    StoreStatus s = context_.aggregates->get(
        reader, key,
        [&](AggregateCache::Result& out) {
          try {
            make(out);
          } catch (const ApiError& e) {
            failure = e;
            StoreStatus failed;
            failed.code = StoreStatus::Code::kError;
            failed.message = e.message;
            return failed;
          }
          return StoreStatus();
        },
        kept);
    if (failure.status) throw failure;
    if (!s.ok()) throw store_error(s, "");
    return kept;
  }

  // The searches kept (SearchCache).
  SearchCache& searches() { return *context_.searches; }

  // A key that names a query (its SQL and values), for kept_json.
  static std::string key_of(const QuerySpec& spec) {
    const BuiltQuery built = build_query(spec);
    std::string key = built.sql;
    for (const auto& [name, value] : built.params) key += "\n" + name + "=" + value;
    return key;
  }

  // Rows of one of reads.h's statements; the last two binds are limit and
  // offset when `limit` > 0 (one more row is asked for, to tell `more`).
  static Rows read(Reader& reader, const char* sql, std::vector<Bind> binds, int64_t limit = 0,
                   int64_t offset = 0, const std::string& fts_param = "") {
    Rows r;
    if (limit > 0) {
      binds.emplace_back(limit + 1);
      binds.emplace_back(offset);
    }
    StoreStatus s = reader.rows(sql, binds, r.columns, [&](const QueryRow& row) { r.rows.push_back(row); });
    if (!s.ok()) throw store_error(s, fts_param);
    if (limit > 0 && static_cast<int64_t>(r.rows.size()) > limit) {
      r.rows.pop_back();
      r.more = true;
    }
    return r;
  }

 private:
  ApiContext& context_;
  const httplib::Request& req_;
  httplib::Response& res_;
};

// limit and offset of a list.
inline std::pair<int64_t, int64_t> paging(Params& p, int64_t default_limit = 20) {
  return {p.integer("limit", 1, kMaxLimit, default_limit), p.integer("offset", 0, kMaxOffset, 0)};
}

// A CAMEO code prefix (digits) or a PLOVER type (letters).
inline void check_event(Params& p, const std::string& event) {
  if (event.empty()) return;
  const bool digits = std::all_of(event.begin(), event.end(), [](unsigned char c) { return std::isdigit(c); });
  const bool letters = std::all_of(event.begin(), event.end(), [](unsigned char c) { return std::isalpha(c); });
  if (!(digits && event.size() <= 4) && !(letters && event.size() <= 20))
    p.fail("parameter 'event' must be a CAMEO code (19, 190, 1823) or a PLOVER type (ASSAULT)");
}

inline void check_actor(Params& p, const std::string& actor) {
  if (!std::all_of(actor.begin(), actor.end(), [](unsigned char c) { return std::isalnum(c); }))
    p.fail("parameter 'actor' must be an actor code prefix of letters and digits (ISR, ISRMIL)");
}

// The filters shared by events and the aggregates over them.
inline QuerySpec event_filters(Params& p) {
  QuerySpec spec;
  spec.event = p.text("event", 20);
  spec.actor = p.text("actor", 20);
  spec.entity = p.text("entity");
  spec.since = p.date("since");
  spec.until = p.date("until");
  check_event(p, spec.event);
  check_actor(p, spec.actor);
  return spec;
}

// The routes of api_lists.cc: events, quotes, claims, aggregates, uploads.
void install_lists(httplib::Server& http, ApiContext& context);
// Reads the default pairs and network into the kept answers (warm_api).
void warm_lists(Handler& h, Reader& reader);
// The routes of api_stories.cc: the stories and a story's page.
void install_stories(httplib::Server& http, ApiContext& context);

}  // namespace sitrep::serve::api_internal
