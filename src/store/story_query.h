// Reading the stories of a store (stories.h): the list of stories, and the
// articles of one story in date order.
//
//   std::vector<std::string> columns;
//   story_query(store, 12, 0, columns, [](const QueryRow& row) { ... });  // story 12's articles
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

}  // namespace sitrep
