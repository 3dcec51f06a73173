// The story routes of the API (see api.h): the list of stories and one
// story's page, read through src/store/story_query.h (the queries of `sitrep
// query --stories` and `--story N --figures KIND`).
#include <cctype>

#include "serve/api_util.h"
#include "store/story_query.h"

namespace sitrep::serve::api_internal {

namespace {

// Rows a part of a story's page holds at most.
constexpr int64_t kStoryDays = 1000;       // days with articles
constexpr int64_t kStoryEntities = 30;     // the most named entities
constexpr int64_t kStoryCodes = 40;        // event codes (CAMEO root and PLOVER type)
constexpr int64_t kStoryPairs = 30;        // the busiest actor pairs
constexpr int64_t kStoryEvents = 100;      // events, by date
constexpr int64_t kStoryKinds = 12;        // claim kinds, each with its figures
constexpr int64_t kStoryFigures = 1000;    // figures of one kind (day and source)

// A SQLite store made before stories has no story routes. (A PostgreSQL
// archive keeps no stories: its list is empty, and each story a 404.)
void require_stories(Reader& reader) {
  if (reader.stories() == StoryKeeping::kOlderStore)
    throw ApiError{404, "this store has no stories: it was made before sitrep assigned stories at ingest; ingest the "
                        "corpus into a new store (sitrep ingest --db NEW.db) to have them"};
}

using RowSink = std::function<void(const QueryRow&)>;

// Rows of a story_query.h call; `limit` > 0 asks for one row more to tell `more`.
Rows story_rows(const std::function<StoreStatus(std::vector<std::string>&, const RowSink&)>& read, int64_t limit = 0) {
  Rows r;
  StoreStatus s = read(r.columns, [&](const QueryRow& row) { r.rows.push_back(row); });
  if (!s.ok()) throw store_error(s, "");
  if (limit > 0 && static_cast<int64_t>(r.rows.size()) > limit) {
    r.rows.resize(static_cast<size_t>(limit));
    r.more = true;
  }
  return r;
}

Rows part(Reader& reader, int64_t story, StoryPart which, int64_t limit, int64_t offset = 0) {
  return story_rows(
      [&](std::vector<std::string>& columns, const RowSink& row) {
        return reader.story_part(story, which, limit + 1, offset, columns, row);
      },
      limit);
}

// GET /api/stories?since=&until=&entity=&min_articles=&limit=&offset=
void stories(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Handler h(ctx, req, res);
  h.run([&](Reader& reader) {
    Params p = h.params({"since", "until", "entity", "min_articles", "limit", "offset"});
    StoryListSpec spec;
    spec.since = p.date("since");
    spec.until = p.date("until");
    spec.entity = p.text("entity");
    spec.min_articles = p.integer("min_articles", 1, 1000000, 1);
    // Plain variables: the lambda below may not capture structured bindings (clang 14).
    const auto page = paging(p);
    const int64_t limit = page.first, offset = page.second;
    Handler::check(p);
    require_stories(reader);
    spec.limit = limit + 1;
    spec.offset = offset;
    auto list = [&] {
      Rows r = story_rows(
          [&](std::vector<std::string>& columns, const RowSink& row) {
            return reader.story_list(spec, columns, row);
          },
          limit);
      return page_json(r, offset, limit);
    };
    // Without an entity the list walks the stories by date and stops at the
    // page; with one it reads every article that names it: kept (AggregateCache).
    if (spec.entity.empty()) return list();
    const std::string key = "stories\n" + spec.entity + "\n" + spec.since + "\n" + spec.until + "\n" +
                            std::to_string(spec.min_articles) + "\n" + std::to_string(limit) + "\n" +
                            std::to_string(offset);
    return h.kept_json(reader, key, list);
  });
}

// GET /api/stories/N?limit=&offset= (the page of its articles)
void story(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Handler h(ctx, req, res);
  h.run([&](Reader& reader) {
    Params p = h.params({"limit", "offset"});
    const auto page = paging(p, 100);
    const int64_t limit = page.first, offset = page.second;
    Handler::check(p);
    const std::string id = req.matches[1];
    const bool digits = std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c); });
    if (id.empty() || id.size() > 18 || !digits || id[0] == '0')
      throw ApiError{400, "a story is a number from 1 (see /api/stories), not '" + id.substr(0, 40) + "'"};
    const int64_t n = std::stoll(id);
    require_stories(reader);
    // An aggregate over every article of the story: kept (AggregateCache).
    const std::string key = "story\n" + id + "\n" + std::to_string(limit) + "\n" + std::to_string(offset);
    return h.kept_json(reader, key, [&] {
      Rows summary = part(reader, n, StoryPart::kSummary, 0);
      if (summary.rows.empty()) {
        if (reader.stories() == StoryKeeping::kNotKept)
          throw ApiError{404, "no story " + id + " in this archive: a PostgreSQL archive keeps no stories (articles "
                              "are assigned to stories by an ingest into a SQLite store)"};
        throw ApiError{404, "no story " + id + " in the store"};
      }
      Rows articles = story_rows(
          [&](std::vector<std::string>& columns, const RowSink& row) {
            return reader.story_articles(n, limit + 1, offset, columns, row);
          },
          limit);
      Rows days = part(reader, n, StoryPart::kDays, kStoryDays);
      Rows entities = part(reader, n, StoryPart::kEntities, kStoryEntities);
      Rows codes = part(reader, n, StoryPart::kEvents, kStoryCodes);
      Rows pairs = part(reader, n, StoryPart::kPairs, kStoryPairs);
      Rows events = part(reader, n, StoryPart::kEventList, kStoryEvents);
      Rows kinds = part(reader, n, StoryPart::kClaimKinds, kStoryKinds);
      std::string out;
      JsonWriter w(out, false);
      w.begin_object();
      w.key("story");
      write_row(w, summary.columns, summary.rows[0]);
      w.key("days");
      write_page(w, days, 0, kStoryDays);
      w.key("articles");
      write_page(w, articles, offset, limit);
      w.key("entities");
      write_page(w, entities, 0, kStoryEntities);
      w.key("event_codes");
      write_page(w, codes, 0, kStoryCodes);
      w.key("pairs");
      write_page(w, pairs, 0, kStoryPairs);
      w.key("events");
      write_page(w, events, 0, kStoryEvents);
      w.key("claim_kinds");
      write_page(w, kinds, 0, kStoryKinds);
      // Each kind's figures by day and source, within this story only.
      w.key("figures");
      w.begin_array();
      for (const QueryRow& k : kinds.rows) {
        Rows figures = story_rows(
            [&](std::vector<std::string>& columns, const RowSink& row) {
              return reader.story_figures(n, k[0].text, columns, row);
            },
            kStoryFigures);
        w.begin_object();
        w.key("kind");
        w.value(k[0].text);
        w.key("rows");
        write_rows(w, figures);
        w.key("more");
        w.value(figures.more);
        w.end_object();
      }
      w.end_array();
      w.end_object();
      return out;
    });
  });
}

}  // namespace

void install_stories(httplib::Server& http, ApiContext& ctx) {
  http.Get("/api/stories", [&ctx](const httplib::Request& req, httplib::Response& res) { stories(ctx, req, res); });
  http.Get(R"(/api/stories/(.+))",
           [&ctx](const httplib::Request& req, httplib::Response& res) { story(ctx, req, res); });
}

}  // namespace sitrep::serve::api_internal
