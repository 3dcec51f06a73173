// The list and aggregate routes of the API (see api.h), and the upload.
#include <map>
#include <set>
#include <tuple>

#include "serve/api_util.h"
#include "text/utf8.h"

namespace sitrep::serve::api_internal {

namespace {

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
    if ((!spec.event.empty() || !spec.actor.empty()) && spec.entity.empty()) {
      // A type or an actor that many events have: walk the articles by date.
      std::string cameo, cameo_end, plover, actor, actor_end;
      if (!spec.event.empty() && std::isdigit(static_cast<unsigned char>(spec.event[0]))) {
        cameo = spec.event;
        cameo_end = prefix_end(cameo);
      } else if (!spec.event.empty()) {
        plover = plover_name(spec.event);
      }
      if (!spec.actor.empty()) {
        actor = spec.actor;
        std::transform(actor.begin(), actor.end(), actor.begin(), [](unsigned char c) { return std::toupper(c); });
        actor_end = prefix_end(actor);
      }
      auto many = [&](const char* sql, std::vector<Bind> binds) {
        Rows n = Handler::read(reader, sql, std::move(binds));
        return !n.rows.empty() && std::stoll(n.rows[0][0].text) > 1000;
      };
      const bool common = (cameo.empty() || many(kCameoCountSql, {cameo, cameo_end})) &&
                          (plover.empty() || many(kPloverCountSql, {plover})) &&
                          (actor.empty() || many(kActorCountSql, {actor, actor_end}));
      r = common ? Handler::read(reader, kEventsFilteredSql,
                                 {spec.since, spec.until, cameo, cameo_end, plover, actor, actor_end}, limit, offset)
                 : Handler::query(reader, spec, offset, limit, "");
    } else if (!spec.event.empty() || !spec.actor.empty()) {
      r = Handler::query(reader, spec, offset, limit, "");
    } else if (!spec.entity.empty()) {
      // Events where the entity is source or target.
      Handler::read(reader, kNamedClearSql, {});
      Handler::read(reader, kNamedFillSql, {spec.entity});
      r = Handler::read(reader, kNamedEventsSql, {spec.since, spec.until}, limit, offset);
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
    auto kinds = h.aggregate(reader, kClaimKindsSql);
    Rows r;
    r.columns = kinds->columns;
    r.rows = kinds->rows;
    return page_json(r, 0, 0);
  });
}

// Events per day per actor pair: the spec of `sitrep query --by day`.
QuerySpec pairs_of(Params& p) {
  QuerySpec spec = event_filters(p);
  Handler::check(p);
  spec.by_day = true;
  return spec;
}

// The aggregates below are kept whole (AggregateCache), as answers.
void pairs(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Handler h(ctx, req, res);
  h.run([&](Reader& reader) {
    Params p = h.params({"event", "actor", "entity", "since", "until"});
    const QuerySpec spec = pairs_of(p);
    return h.kept_json(reader, "pairs\n" + Handler::key_of(spec), [&] {
      return page_json(Handler::query(reader, spec, 0, kMaxAggregateRows, ""), 0, kMaxAggregateRows);
    });
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
    const QuerySpec spec = pairs_of(p);
    return h.kept_json(reader, "network\n" + std::to_string(limit) + "\n" + Handler::key_of(spec), [&] {
      Rows r = Handler::query(reader, spec, 0, kMaxAggregateRows, "");
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
    return h.kept_json(reader, "figures\n" + Handler::key_of(spec), [&] {
      return page_json(Handler::query(reader, spec, 0, kMaxAggregateRows, ""), 0, kMaxAggregateRows);
    });
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
    const std::string given = type.empty() ? ", with its Content-Type" : ", not '" + type.substr(0, 60) + "'";
    return fail(415, "send a text/plain article (title on the first line) or application/x-ndjson lines of "
                     "{\"id\", \"title\", \"date\", \"text\", \"url\"}" + given);
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
