// The article, search and entity routes of the API (see api.h for all routes).
#include "serve/api.h"

#include <httplib.h>

#include <algorithm>
#include <set>

#include "serve/api_util.h"

namespace sitrep::serve {

using namespace api_internal;

namespace {

void install_reads(httplib::Server& http, ApiContext& ctx) {
  http.Get("/api/health", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handler h(ctx, req, res);
    h.run([&](Reader& reader) {
      Handler::check(h.params({}));
      Rows r = Handler::read(reader, kStatsSql, {});
      std::string out;
      JsonWriter w(out, false);
      w.begin_object();
      w.key("status");
      w.value("ok");
      for (size_t c = 0; c < r.columns.size(); ++c) {
        w.key(r.columns[c]);
        write_cell(w, r.columns[c], r.rows.at(0)[c]);
      }
      w.key("ingest");
      w.value(ctx.ingester != nullptr);
      w.end_object();
      return out;
    });
  });

  http.Get("/api/search", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handler h(ctx, req, res);
    h.run([&](Reader& reader) {
      Params p = h.params({"q", "since", "until", "limit", "offset"});
      QuerySpec spec;
      spec.text = p.text("q");
      spec.since = p.date("since");
      spec.until = p.date("until");
      auto [limit, offset] = paging(p);
      if (spec.text.empty()) p.fail("parameter 'q' (the words to search for) is required");
      Handler::check(p);
      Rows articles = Handler::query(reader, spec, offset, limit, "q");
      // Entities whose name starts with the query's first word or phrase.
      std::string prefix = spec.text;
      prefix.erase(std::remove(prefix.begin(), prefix.end(), '"'), prefix.end());
      Rows entities = Handler::read(reader, kTopEntitiesSql, {prefix, std::string()}, 10, 0);
      std::string out;
      JsonWriter w(out, false);
      w.begin_object();
      w.key("articles");
      w.begin_object();
      w.key("rows");
      write_rows(w, articles);
      w.key("more");
      w.value(articles.more);
      w.key("offset");
      w.value(offset);
      w.key("limit");
      w.value(limit);
      w.end_object();
      w.key("entities");
      write_rows(w, entities);
      w.end_object();
      return out;
    });
  });

  http.Get("/api/articles", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handler h(ctx, req, res);
    h.run([&](Reader& reader) {
      Params p = h.params({"q", "entity", "since", "until", "limit", "offset"});
      QuerySpec spec;
      spec.text = p.text("q");
      spec.entity = p.text("entity");
      spec.since = p.date("since");
      spec.until = p.date("until");
      auto [limit, offset] = paging(p);
      Handler::check(p);
      // With an entity alone run_query gives its entity view (one row per
      // article and entity that the name matches): one row per article here.
      Rows r;
      if (!spec.entity.empty() && spec.text.empty()) {
        Rows per_entity = Handler::query(reader, spec, 0, kMaxOffset + kMaxLimit, "");
        std::set<std::string> seen;
        r.columns = {"date", "article", "title"};
        const size_t date = 0, article = 1;
        size_t title = 0;
        for (size_t c = 0; c < per_entity.columns.size(); ++c)
          if (per_entity.columns[c] == "title") title = c;
        int64_t skipped = 0;
        for (const QueryRow& row : per_entity.rows) {
          if (!seen.insert(row[article].text).second) continue;
          if (skipped++ < offset) continue;
          if (static_cast<int64_t>(r.rows.size()) == limit) {
            r.more = true;
            break;
          }
          r.rows.push_back({row[date], row[article], row[title]});
        }
      } else {
        r = Handler::query(reader, spec, offset, limit, "q");
      }
      return page_json(r, offset, limit);
    });
  });

  http.Get(R"(/api/articles/(.+))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handler h(ctx, req, res);
    h.run([&](Reader& reader) {
      Handler::check(h.params({}));
      const std::string id = req.matches[1];
      Rows a = Handler::read(reader, kArticleSql, {id});
      if (a.rows.empty()) throw ApiError{404, "no article '" + id + "' in the store"};
      std::string record;
      StoreStatus s = reader.store().record(id, record);
      if (!s.ok()) throw store_error(s, "");
      std::string out;
      JsonWriter w(out, false);
      w.begin_object();
      w.key("article");
      write_row(w, a.columns, a.rows[0]);
      w.key("record");
      w.null();
      w.end_object();
      // The record is JSON already: splice it in rather than parse and rewrite it.
      out.replace(out.size() - 5, 4, record);
      return out;
    });
  });

  http.Get("/api/entities", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handler h(ctx, req, res);
    h.run([&](Reader& reader) {
      Params p = h.params({"q", "type", "limit", "offset"});
      std::string prefix = p.text("q"), type = p.text("type", 20);
      auto [limit, offset] = paging(p);
      Handler::check(p);
      return page_json(Handler::read(reader, kTopEntitiesSql, {prefix, type}, limit, offset), offset, limit);
    });
  });

  http.Get(R"(/api/entities/(.+))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handler h(ctx, req, res);
    h.run([&](Reader& reader) {
      Params p = h.params({"limit", "offset"});
      auto [limit, offset] = paging(p, 100);
      Handler::check(p);
      const std::string name = req.matches[1];
      if (name.size() > 200) throw ApiError{400, "an entity name is at most 200 bytes"};
      Rows names = Handler::read(reader, kEntitySummarySql, {name});
      if (names.rows.empty()) throw ApiError{404, "no entity named '" + name + "' in the store"};
      Rows mentions = Handler::read(reader, kEntityMentionsSql, {name}, limit, offset);
      Rows timeline = Handler::read(reader, kEntityTimelineSql, {name});
      Rows events = Handler::read(reader, kEntityEventsSql, {name}, kMaxLimit, 0);
      QuerySpec quotes_spec;
      quotes_spec.speaker = name;
      Rows quotes = Handler::query(reader, quotes_spec, 0, kMaxLimit, "");
      std::string out;
      JsonWriter w(out, false);
      w.begin_object();
      w.key("entity");
      write_row(w, names.columns, names.rows[0]);
      w.key("names");
      write_rows(w, names);
      w.key("timeline");
      write_rows(w, timeline);
      w.key("mentions");
      w.begin_object();
      w.key("rows");
      write_rows(w, mentions);
      w.key("more");
      w.value(mentions.more);
      w.key("offset");
      w.value(offset);
      w.key("limit");
      w.value(limit);
      w.end_object();
      w.key("quotes");
      write_rows(w, quotes);
      w.key("events");
      write_rows(w, events);
      w.end_object();
      return out;
    });
  });
}

}  // namespace

std::string error_json(int status, const std::string& message) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_object();
  w.key("error");
  w.value(message);
  w.key("status");
  w.value(status);
  w.end_object();
  return out;
}

void install_api(httplib::Server& http, ApiContext& ctx) {
  install_reads(http, ctx);
  install_lists(http, ctx);
}

}  // namespace sitrep::serve
