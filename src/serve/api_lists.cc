// The list and aggregate routes of the API (see api.h), and the upload.
#include <map>
#include <set>
#include <tuple>

#include "serve/api_util.h"
#include "text/utf8.h"

namespace sitrep::serve::api_internal {

namespace {

// Keeps the rows whose date column lies in [since, until], then one page.
Rows filter_page(Rows all, const std::string& since, const std::string& until, int64_t offset, int64_t limit) {
  Rows r;
  r.columns = all.columns;
  int64_t skipped = 0;
  for (QueryRow& row : all.rows) {
    const std::string& date = row[0].text;
    if ((!since.empty() && (row[0].type == QueryCell::Type::kNull || date < since)) ||
        (!until.empty() && (row[0].type == QueryCell::Type::kNull || date > until)))
      continue;
    if (skipped++ < offset) continue;
    if (static_cast<int64_t>(r.rows.size()) == limit) {
      r.more = true;
      break;
    }
    r.rows.push_back(std::move(row));
  }
  return r;
}

size_t column(const Rows& r, const std::string& name) {
  for (size_t c = 0; c < r.columns.size(); ++c)
    if (r.columns[c] == name) return c;
  throw ApiError{500, "no column '" + name + "' in a query's rows"};
}

void events(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Handler h(ctx, req, res);
  h.run([&](Reader& reader) {
    Params p = h.params({"event", "actor", "entity", "since", "until", "limit", "offset"});
    QuerySpec spec = event_filters(p);
    auto [limit, offset] = paging(p);
    Handler::check(p);
    Rows r;
    if (!spec.event.empty() || !spec.actor.empty()) {
      r = Handler::query(reader, spec, offset, limit, "");
    } else if (!spec.entity.empty()) {
      // Events where the entity is source or target, dated as run_query dates them.
      r = filter_page(Handler::read(reader, kEntityEventsSql, {spec.entity}, kMaxOffset + kMaxLimit, 0), spec.since,
                      spec.until, offset, limit);
    } else {
      r = Handler::read(reader, kEventsSql, {spec.since, spec.until}, limit, offset);
    }
    return page_json(r, offset, limit);
  });
}

void quotes(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Handler h(ctx, req, res);
  h.run([&](Reader& reader) {
    Params p = h.params({"speaker", "q", "since", "until", "limit", "offset"});
    QuerySpec spec;
    spec.speaker = p.text("speaker");
    spec.text = p.text("q");
    spec.since = p.date("since");
    spec.until = p.date("until");
    auto [limit, offset] = paging(p);
    Handler::check(p);
    Rows r = spec.speaker.empty()
                 ? Handler::read(reader, kQuotesSql, {spec.since, spec.until, spec.text}, limit, offset, "q")
                 : Handler::query(reader, spec, offset, limit, "q");
    return page_json(r, offset, limit);
  });
}

void claims(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Handler h(ctx, req, res);
  h.run([&](Reader& reader) {
    Params p = h.params({"kind", "entity", "since", "until", "limit", "offset"});
    QuerySpec spec;
    spec.claim = p.text("kind", 40);
    spec.entity = p.text("entity");
    spec.since = p.date("since");
    spec.until = p.date("until");
    auto [limit, offset] = paging(p);
    if (!spec.entity.empty() && spec.claim.empty()) p.fail("parameter 'entity' needs 'kind' (killed, hostages ...)");
    Handler::check(p);
    Rows r = spec.claim.empty() ? Handler::read(reader, kClaimsSql, {spec.since, spec.until}, limit, offset)
                                : Handler::query(reader, spec, offset, limit, "");
    return page_json(r, offset, limit);
  });
}

void claim_kinds(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Handler h(ctx, req, res);
  h.run([&](Reader& reader) {
    Handler::check(h.params({}));
    return page_json(Handler::read(reader, kClaimKindsSql, {}), 0, 0);
  });
}

// Events per day per actor pair: the rows of `sitrep query --by day`.
Rows pairs_of(Reader& reader, Params& p) {
  QuerySpec spec = event_filters(p);
  Handler::check(p);
  spec.by_day = true;
  return Handler::query(reader, spec, 0, kMaxAggregateRows, "");
}

void pairs(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Handler h(ctx, req, res);
  h.run([&](Reader& reader) {
    Params p = h.params({"event", "actor", "entity", "since", "until"});
    return page_json(pairs_of(reader, p), 0, kMaxAggregateRows);
  });
}

// Actors (by actor code where known, else name) and the events between them:
// {"nodes": [{id, events}], "edges": [{source, target, events, articles, types}]},
// the `limit` heaviest edges and the actors they join.
void network(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Handler h(ctx, req, res);
  h.run([&](Reader& reader) {
    Params p = h.params({"event", "actor", "entity", "since", "until", "limit"});
    const int64_t limit = p.integer("limit", 1, 500, 100);
    Rows r = pairs_of(reader, p);
    const size_t source = column(r, "source"), target = column(r, "target"), count = column(r, "events"),
                 articles = column(r, "articles"), types = column(r, "types");
    struct Edge {
      int64_t events = 0, articles = 0;
      std::set<std::string> types;
    };
    std::map<std::pair<std::string, std::string>, Edge> edges;
    for (const QueryRow& row : r.rows) {
      if (row[source].text == "-" || row[target].text == "-" || row[source].text == row[target].text) continue;
      Edge& e = edges[{row[source].text, row[target].text}];
      e.events += std::stoll(row[count].text);
      e.articles += std::stoll(row[articles].text);
      // group_concat's list: "ASSAULT,FIGHT".
      std::string t = row[types].text;
      for (size_t at = 0; at < t.size();) {
        size_t comma = t.find(',', at);
        if (comma == std::string::npos) comma = t.size();
        if (comma > at) e.types.insert(t.substr(at, comma - at));
        at = comma + 1;
      }
    }
    std::vector<std::pair<std::pair<std::string, std::string>, Edge>> heaviest(edges.begin(), edges.end());
    std::stable_sort(heaviest.begin(), heaviest.end(),
                     [](const auto& a, const auto& b) { return a.second.events > b.second.events; });
    if (static_cast<int64_t>(heaviest.size()) > limit) heaviest.resize(static_cast<size_t>(limit));
    std::map<std::string, int64_t> nodes;
    for (const auto& [pair, e] : heaviest) {
      nodes[pair.first] += e.events;
      nodes[pair.second] += e.events;
    }
    std::string out;
    JsonWriter w(out, false);
    w.begin_object();
    w.key("nodes");
    w.begin_array();
    for (const auto& [id, n] : nodes) {
      w.begin_object();
      w.key("id");
      w.value(id);
      w.key("events");
      w.value(n);
      w.end_object();
    }
    w.end_array();
    w.key("edges");
    w.begin_array();
    for (const auto& [pair, e] : heaviest) {
      w.begin_object();
      w.key("source");
      w.value(pair.first);
      w.key("target");
      w.value(pair.second);
      w.key("events");
      w.value(e.events);
      w.key("articles");
      w.value(e.articles);
      w.key("types");
      w.begin_array();
      for (const std::string& t : e.types) w.value(t);
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return out;
  });
}

void figures(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Handler h(ctx, req, res);
  h.run([&](Reader& reader) {
    Params p = h.params({"kind", "entity", "since", "until"});
    QuerySpec spec;
    spec.figures = p.text("kind", 40);
    spec.entity = p.text("entity");
    spec.since = p.date("since");
    spec.until = p.date("until");
    if (spec.figures.empty()) p.fail("parameter 'kind' (killed, injured, hostages ...) is required");
    Handler::check(p);
    return page_json(Handler::query(reader, spec, 0, kMaxAggregateRows, ""), 0, kMaxAggregateRows);
  });
}

// Why `body` is not text ("" when it is): a NUL byte, or more than one byte
// in 100 that is not UTF-8 or is a control character other than a tab or a
// line or page break. A few bad bytes in text are replaced with a warning.
std::string not_text(const std::string& body) {
  if (size_t nul = body.find('\0'); nul != std::string::npos)
    return "it holds a NUL byte (at byte " + std::to_string(nul) + "); send UTF-8 text";
  size_t bad = 0;
  for (size_t i = 0; i < body.size();) {
    const unsigned char c = static_cast<unsigned char>(body[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f) ++bad;
      ++i;
      continue;
    }
    uint32_t cp;
    const size_t n = decode_utf8(body, i, cp);
    if (cp == kReplacementChar && n == 1) ++bad;
    i += n;
  }
  if (bad * 100 > body.size())
    return std::to_string(bad) + " of its " + std::to_string(body.size()) +
           " bytes are not UTF-8 or are control characters; send UTF-8 text";
  return "";
}

void upload(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto fail = [&](int status, const std::string& message) {
    res.status = status;
    res.set_content(error_json(status, message), "application/json");
  };
  if (!ctx.ingester) return fail(403, "this server is read-only; start it with sitrep serve --allow-ingest to upload");
  // The type first: a form's body would otherwise be read as parameters, and
  // no error may echo the body.
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  bool jsonl;
  if (type == "text/plain") {
    jsonl = false;
  } else if (type == "application/x-ndjson" || type == "application/jsonl" || type == "application/json") {
    jsonl = true;
  } else {
    return fail(415, "send a text/plain article (title on the first line) or application/x-ndjson lines of "
                     "{\"id\", \"title\", \"date\", \"text\", \"url\"}" +
                         (type.empty() ? std::string(", with its Content-Type") : ", not '" + type.substr(0, 60) + "'"));
  }
  Params p(req.params, {"date", "id"});
  const std::string date = p.date("date");
  const std::string id = p.text("id", 100);
  if (!std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; }))
    p.fail("parameter 'id' may hold letters, digits, '-', '_' and '.' only");
  if (!p.ok()) return fail(400, p.error());
  if (jsonl && !id.empty()) return fail(400, "parameter 'id' names a text/plain article; JSON Lines carry their own \"id\"");
  if (req.body.empty()) return fail(400, "the upload is empty");
  if (std::string why = not_text(req.body); !why.empty()) return fail(415, "the upload is not text: " + why);
  IngestResult r = ctx.ingester->ingest(req.body, jsonl, date, id);
  if (r.status != 201) return fail(r.status, r.error);
  std::string out;
  JsonWriter w(out, false);
  w.begin_object();
  w.key("articles");
  w.begin_array();
  for (const IngestedArticle& a : r.articles) {
    w.begin_object();
    w.key("id");
    w.value(a.id);
    w.key("added");
    w.value(a.added);
    w.key("duplicate_of");
    w.string_or_null(a.duplicate_of);
    for (auto [key, n] : {std::pair{"entities", a.entities}, {"quotes", a.quotes}, {"claims", a.claims}, {"events", a.events}}) {
      w.key(key);
      w.value(static_cast<int64_t>(n));
    }
    w.end_object();
  }
  w.end_array();
  w.key("warnings");
  w.begin_array();
  for (const std::string& m : r.warnings) w.value(m);
  w.end_array();
  w.key("failed");
  w.begin_array();
  for (const std::string& m : r.failed) w.value(m);
  w.end_array();
  w.end_object();
  res.status = 201;
  res.set_content(out, "application/json");
}

}  // namespace

void install_lists(httplib::Server& http, ApiContext& ctx) {
  auto route = [&ctx](void (*f)(ApiContext&, const httplib::Request&, httplib::Response&)) {
    return [&ctx, f](const httplib::Request& req, httplib::Response& res) { f(ctx, req, res); };
  };
  http.Get("/api/events", route(events));
  http.Get("/api/quotes", route(quotes));
  http.Get("/api/claims", route(claims));
  http.Get("/api/claims/kinds", route(claim_kinds));
  http.Get("/api/aggregates/pairs", route(pairs));
  http.Get("/api/aggregates/network", route(network));
  http.Get("/api/aggregates/figures", route(figures));
  http.Post("/api/articles", route(upload));
}

}  // namespace sitrep::serve::api_internal
