// Reading the stories of a store (stories.h): the list of stories, the
// articles of one story in date order, and a figure's timeline within one.
//
//   std::vector<std::string> columns;
//   story_query(store, 12, 0, columns, [](const QueryRow& row) { ... });  // story 12's articles
//   story_figures(store, 12, "killed", columns, ...);                     // its death toll, by source
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/query.h"
#include "store/store.h"

namespace sitrep {

// story > 0: its articles (article_id, date, title, duplicate_of), by date;
// story == 0: every story (story, first_date, last_date, articles, title),
// the latest first. `limit` 0: all. A store without stories is an error
// with a message.
StoreStatus story_query(Store& store, int64_t story, int64_t limit, std::vector<std::string>& columns,
                        const std::function<void(const QueryRow&)>& row);

// The figures claimed for `kind` ("killed") within one story, never joined
// across stories: per day and source (date, source, low, high, articles,
// units, change; wire copies left out), where `change` marks a source's figure
// "revised up" or "revised down" from its own previous one, and "disputed"
// when another source gives another figure the same day.
StoreStatus story_figures(Store& store, int64_t story, const std::string& kind, std::vector<std::string>& columns,
                          const std::function<void(const QueryRow&)>& row);

}  // namespace sitrep
