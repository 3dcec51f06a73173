// The list and aggregate routes of the API (see api.h), and the upload.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

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

// Events per day and actor pair as run_query's by_day gives them (date, source,
// target, events, articles, types: actor codes where known, else names, '-'
// for none; by date, the most events first), counted from the kept rows of
// every event (kEventSummarySql, by date and article) for the filters that
// they hold: event, actor, since and until (an entity's are read from the
// store). The first `max_rows` (0: all), `more` set when there are more.
// `by_day` false: one row per pair over all days (date null, the most events
// first; its articles summed over its days, as the network summed the days).
Rows pairs_of_events(const AggregateCache::Result& all, const QuerySpec& spec, bool by_day, int64_t max_rows) {
  enum { kDate, kArticle, kSource, kSourceActor, kTarget, kTargetActor, kCameo, kPlover };
  using Type = QueryCell::Type;
  std::string cameo, plover, actor = spec.actor;
  if (!spec.event.empty() && std::isdigit(static_cast<unsigned char>(spec.event[0]))) cameo = spec.event;
  else if (!spec.event.empty()) plover = plover_name(spec.event);
  std::transform(actor.begin(), actor.end(), actor.begin(), [](unsigned char c) { return std::toupper(c); });
  auto starts = [](const QueryCell& c, const std::string& prefix) {
    return c.type != Type::kNull && c.text.compare(0, prefix.size(), prefix) == 0;
  };
  static const std::string kNone = "-";
  auto key = [](const QueryCell& code, const QueryCell& name) -> const std::string& {
    return code.type != Type::kNull ? code.text : name.type != Type::kNull ? name.text : kNone;
  };
  struct Pair {
    const QueryCell* date;
    const std::string *source, *target, *last_article = nullptr;
    int64_t events = 0, articles = 0;
    std::vector<const std::string*> types;  // distinct, in the order met
  };
  std::vector<Pair> pairs;
  std::unordered_map<std::string, size_t> index;
  std::string k;
  for (const QueryRow& e : all.rows) {
    if (!cameo.empty() && !starts(e[kCameo], cameo)) continue;
    if (!plover.empty() && (e[kPlover].type == Type::kNull || e[kPlover].text != plover)) continue;
    if (!actor.empty() && !starts(e[kSourceActor], actor) && !starts(e[kTargetActor], actor)) continue;
    const bool dated = e[kDate].type != Type::kNull;
    if (!spec.since.empty() && (!dated || e[kDate].text < spec.since)) continue;
    if (!spec.until.empty() && (!dated || e[kDate].text > spec.until)) continue;
    const std::string &source = key(e[kSourceActor], e[kSource]), &target = key(e[kTargetActor], e[kTarget]);
    k.clear();
    if (by_day) {
      k += dated ? "+" : "";
      k += e[kDate].text;
      k += '\x1f';
    }
    k += source;
    k += '\x1f';
    k += target;
    auto [at, added] = index.try_emplace(k, pairs.size());
    if (added) pairs.push_back({&e[kDate], &source, &target});
    Pair& p = pairs[at->second];
    ++p.events;
    // The events of a day come in article order: an article is counted once per pair and day.
    if (!p.last_article || *p.last_article != e[kArticle].text) ++p.articles;
    p.last_article = &e[kArticle].text;
    if (e[kPlover].type != Type::kNull &&
        std::none_of(p.types.begin(), p.types.end(), [&](const std::string* t) { return *t == e[kPlover].text; }))
      p.types.push_back(&e[kPlover].text);
  }
  // By date (the pairs were met in date order, undated first as SQL's NULL),
  // then the most events, then source and target.
  auto busiest = [](const Pair& a, const Pair& b) {
    if (a.events != b.events) return a.events > b.events;
    if (*a.source != *b.source) return *a.source < *b.source;
    return *a.target < *b.target;
  };
  if (!by_day) std::sort(pairs.begin(), pairs.end(), busiest);
  for (size_t b = 0, e; by_day && b < pairs.size(); b = e) {
    for (e = b + 1; e < pairs.size() && pairs[e].date->type == pairs[b].date->type &&
                    pairs[e].date->text == pairs[b].date->text;)
      ++e;
    std::sort(pairs.begin() + static_cast<std::ptrdiff_t>(b), pairs.begin() + static_cast<std::ptrdiff_t>(e), busiest);
  }
  Rows r;
  r.columns = {"date", "source", "target", "events", "articles", "types"};
  if (max_rows > 0 && static_cast<int64_t>(pairs.size()) > max_rows) {
    pairs.erase(pairs.begin() + static_cast<std::ptrdiff_t>(max_rows), pairs.end());
    r.more = true;
  }
  r.rows.reserve(pairs.size());
  for (const Pair& p : pairs) {
    std::string types;
    for (const std::string* t : p.types) {
      if (!types.empty()) types += ',';
      types += *t;
    }
    r.rows.push_back({by_day ? *p.date : QueryCell{}, QueryCell{Type::kText, *p.source},
                      QueryCell{Type::kText, *p.target}, QueryCell{Type::kInteger, std::to_string(p.events)},
                      QueryCell{Type::kInteger, std::to_string(p.articles)},
                      p.types.empty() ? QueryCell{} : QueryCell{Type::kText, types}});
  }
  return r;
}

// Events per day per actor pair: the spec of `sitrep query --by day`.
QuerySpec pairs_of(Params& p) {
  QuerySpec spec = event_filters(p);
  Handler::check(p);
  spec.by_day = true;
  return spec;
}

// The aggregates below are kept whole (AggregateCache), as answers.
std::string pairs_answer(Handler& h, Reader& reader, const QuerySpec& spec) {
  return h.kept_json(reader, "pairs\n" + Handler::key_of(spec), [&] {
    if (!spec.entity.empty())
      return page_json(Handler::query(reader, spec, 0, kMaxAggregateRows, ""), 0, kMaxAggregateRows);
    return page_json(pairs_of_events(*h.aggregate(reader, kEventSummarySql), spec, true, kMaxAggregateRows), 0,
                     kMaxAggregateRows);
  });
}

void pairs(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Handler h(ctx, req, res);
  h.run([&](Reader& reader) {
    Params p = h.params({"event", "actor", "entity", "since", "until"});
    return pairs_answer(h, reader, pairs_of(p));
  });
}

// Actors (by actor code where known, else name) and the events between them:
// {"nodes": [{id, events}], "edges": [{source, target, events, articles, types}]},
// the `limit` heaviest edges and the actors they join.
std::string network_answer(Handler& h, Reader& reader, const QuerySpec& spec, int64_t limit) {
  return h.kept_json(reader, "network\n" + std::to_string(limit) + "\n" + Handler::key_of(spec), [&] {
    // Each pair over all days, from the kept events (an entity's: its days' pairs, from the store).
    Rows r = spec.entity.empty() ? pairs_of_events(*h.aggregate(reader, kEventSummarySql), spec, false, 0)
                                 : Handler::query(reader, spec, 0, kMaxAggregateRows, "");
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

void network(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Handler h(ctx, req, res);
  h.run([&](Reader& reader) {
    Params p = h.params({"event", "actor", "entity", "since", "until", "limit"});
    const int64_t limit = p.integer("limit", 1, 500, 100);
    return network_answer(h, reader, pairs_of(p), limit);
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

void warm_lists(Handler& h, Reader& reader) {
  QuerySpec spec;
  spec.by_day = true;
  pairs_answer(h, reader, spec);
  // The network as the API (100 edges) and the web view (60) ask for it.
  for (int64_t limit : {100, 60}) network_answer(h, reader, spec, limit);
}

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
