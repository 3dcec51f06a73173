// Reading the stories of a store (stories.h): the list of stories, the
// articles of one story in date order, what one story holds (its days, its
// most named entities, its events by code and by actor pair, its claim
// kinds), and a figure's timeline within one.
//
//   std::vector<std::string> columns;
//   story_query(store, 12, 0, columns, [](const QueryRow& row) { ... });  // story 12's articles
//   story_figures(store, 12, "killed", columns, ...);                     // its death toll, by source
//   StoryListSpec list;
//   list.entity = "Hamas";
//   story_list(store, list, columns, ...);                                // the stories that name Hamas
//   story_part(store, 12, StoryPart::kEntities, 20, 0, columns, ...);     // its 20 most named entities
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/query.h"
#include "store/store.h"

namespace sitrep {

// story > 0: its articles (article_id, date, title, duplicate_of), by date,
// `limit` of them (0: all) from `offset`; story == 0: every story, as
// story_list with no filter. A store without stories is an error with a message.
StoreStatus story_query(Store& store, int64_t story, int64_t limit, std::vector<std::string>& columns,
                        const std::function<void(const QueryRow&)>& row, int64_t offset = 0);

// Which stories story_list gives.
struct StoryListSpec {
  std::string since, until;  // YYYY-MM-DD: stories with a day in [since, until] (by their first and last dates)
  std::string entity;        // stories with an article that names it (a name or any name mention, as QuerySpec)
  int64_t min_articles = 1;  // stories of at least this many articles (wire copies count)
  int64_t limit = 0;         // 0: all
  int64_t offset = 0;
};

// The stories (story, first_date, last_date, articles, title), the latest
// (by last date) first.
StoreStatus story_list(Store& store, const StoryListSpec& spec, std::vector<std::string>& columns,
                       const std::function<void(const QueryRow&)>& row);

// What story_part reads of one story. Wire copies are left out of every part
// but kSummary, kArticles and kDays; negated events are left out of kEvents
// and kPairs.
enum class StoryPart {
  kSummary,     // story, first_date, last_date, articles, title (no row: no such story)
  kDays,        // date, articles, copies: its articles per day
  kEntities,    // name, type, actor_code, articles, mentions: the most named first
  kEvents,      // root (CAMEO root code), plover, events, articles: the most frequent first
  kPairs,       // source, target (actor codes where known, else names, '-' unknown), events, articles,
                // types, first_date, last_date: the busiest first
  kEventList,   // date, article, source, source_actor, cameo, plover, target, target_actor, negated, trigger:
                // by date
  kClaimKinds,  // kind, claims, articles: the most claimed first
};

// Rows of one part of a story: `limit` of them (0: all) from `offset` (kSummary,
// one row, takes neither).
StoreStatus story_part(Store& store, int64_t story, StoryPart part, int64_t limit, int64_t offset,
                       std::vector<std::string>& columns, const std::function<void(const QueryRow&)>& row);

// The figures claimed for `kind` ("killed") within one story, never joined
// across stories: per day and source (date, source, low, high, articles,
// units, change; wire copies left out), where `change` marks a source's figure
// "revised up" or "revised down" from its own previous one, and "disputed"
// when another source gives another figure the same day.
StoreStatus story_figures(Store& store, int64_t story, const std::string& kind, std::vector<std::string>& columns,
                          const std::function<void(const QueryRow&)>& row);

}  // namespace sitrep
