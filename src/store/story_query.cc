#include "store/story_query.h"

#include <sqlite3.h>

#include "store/sqlite.h"

namespace sitrep {

StoreStatus story_query(Store& store, int64_t story, int64_t limit, std::vector<std::string>& columns,
                        const std::function<void(const QueryRow&)>& row) {
  if (!store.has_stories()) {
    StoreStatus s;
    s.code = StoreStatus::Code::kError;
    s.message = "the store " + store.path() + " was made before stories; ingest the corpus into a new store "
                "(or add to this one, which then assigns the articles it takes from now on)";
    return s;
  }
  const std::string sql =
      story > 0 ? "SELECT a.id AS article_id, a.date, a.title, a.duplicate_of FROM article_story_rows s "
                  "JOIN articles a ON a.key = s.article WHERE s.story = ?1 ORDER BY a.date, a.key LIMIT ?2"
                : "SELECT story, first_date, last_date, articles, title FROM story_rows "
                  "ORDER BY last_date DESC, story DESC LIMIT ?2";
  store_internal::Statement st(store.handle(), sql);
  if (story > 0) st.bind(1, story);
  st.bind(2, limit > 0 ? limit : int64_t{-1});
  const int rc = step_rows(st.get(), columns, row);
  return store.status(rc, "reading stories");
}

}  // namespace sitrep
