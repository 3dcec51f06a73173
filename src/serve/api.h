// The JSON API of `sitrep serve`. Every answer is JSON; an error is
// {"error": "what is wrong", "status": N} with that HTTP status (400 for a bad
// parameter, 404 for an unknown article, entity or route, 405 with Allow for a
// known route and another method, 401 for an upload without the token, 403
// for a write to a read-only server, a foreign Host or a cross-origin request,
// 413 for an upload over the limit, 415 for one that is not text, 503 with
// Retry-After for a busy store or server, 408 for a request that came too slowly).
// Lists take limit (1..200, default 20) and offset (0..100000) and answer
// {"rows": [...], "offset", "limit", "more"}; dates are YYYY-MM-DD.
//
//   GET  /api/health                        article count, date range, whether uploads are on and the
//                                           store has stories
//   GET  /api/search?q=&since=&until=       articles matching a full-text query, best first
//                                           (BM25 among the newest 400 matches: no page past
//                                           them), with a snippet, and the entities whose name
//                                           starts with q
//   GET  /api/articles?q=&entity=&since=&until=     articles
//   GET  /api/articles/ID                   the article's text and its record (SCHEMA.md)
//   GET  /api/entities?q=&type=             the most named entities, by name prefix and type
//   GET  /api/entities/NAME                 an entity's page: its names, mentions, timeline,
//                                           quotes, events as source or target
//   GET  /api/events?event=&actor=&entity=&since=&until=
//   GET  /api/quotes?speaker=&q=&since=&until=
//   GET  /api/claims?kind=&entity=&since=&until=
//   GET  /api/claims/kinds                  claim kinds with counts
//   GET  /api/aggregates/pairs?...          events per day per actor pair (query --by day)
//   GET  /api/aggregates/network?...        actors and the events between them, as a graph
//   GET  /api/aggregates/figures?kind=&entity=&since=&until=   a figure over time, by source
//   GET  /api/stories?since=&until=&entity=&min_articles=      stories (articles on one event or issue), the
//                                           latest first: story, first_date, last_date, articles, title; those
//                                           with a day in [since, until], an article naming the entity, and at
//                                           least min_articles articles
//   GET  /api/stories/N?limit=&offset=      a story's page: the story; its articles per day ("days"); a page of
//                                           its articles by date; its 30 most named entities; its events by code
//                                           (CAMEO root and PLOVER type), its 30 busiest actor pairs and its
//                                           first 100 events; its claim kinds, and for each (up to 12) the
//                                           figures by day and source with revised up/down and disputed marks
//                                           (sitrep query --story N --figures KIND). 404 for an unknown story
//                                           and for a store made before stories
//   POST /api/articles?date=&id=            (--allow-ingest only) a text/plain article or
//                                           application/x-ndjson lines: extracted and stored
#pragma once

#include <atomic>
#include <cstddef>
#include <string>

namespace httplib {
class Server;
}

namespace sitrep::serve {

class ReaderPool;
class Ingester;
class AggregateCache;
class SearchCache;

struct ApiContext {
  ReaderPool* readers = nullptr;
  AggregateCache* aggregates = nullptr;
  SearchCache* searches = nullptr;
  Ingester* ingester = nullptr;  // null: read-only
};

void install_api(httplib::Server& http, ApiContext& context);

// Reads, at start-up (on a thread of its own, while requests are answered),
// what the first requests would otherwise wait for: the aggregates kept over
// the whole archive (every entity and its count, the claim kinds, every
// event), the default pairs and network, and the pages of the most named
// entities, whose cost grows with the articles that name them. Returns early
// once `stop` is set.
void warm_api(ApiContext& context, const std::atomic<bool>& stop);

// The body of an error answer.
std::string error_json(int status, const std::string& message);

}  // namespace sitrep::serve
