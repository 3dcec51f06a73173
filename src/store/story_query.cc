#include "store/story_query.h"

#include <sqlite3.h>

#include <map>

#include "store/sqlite.h"

namespace sitrep {

namespace {

StoreStatus no_stories(const Store& store) {
  StoreStatus s;
  s.code = StoreStatus::Code::kError;
  s.message = "the store " + store.path() + " was made before stories; ingest the corpus into a new store "
              "(or add to this one, which then assigns the articles it takes from now on)";
  return s;
}

}  // namespace

StoreStatus story_query(Store& store, int64_t story, int64_t limit, std::vector<std::string>& columns,
                        const std::function<void(const QueryRow&)>& row) {
  if (!store.has_stories()) return no_stories(store);
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

StoreStatus story_figures(Store& store, int64_t story, const std::string& kind, std::vector<std::string>& columns,
                          const std::function<void(const QueryRow&)>& row) {
  if (!store.has_stories()) return no_stories(store);
  // A figure's day is the claim's own when it is a whole day, else the article's.
  store_internal::Statement st(
      store.handle(),
      "SELECT date, coalesce(source, '(the article)') AS source, min(value) AS low, max(value) AS high, "
      "count(DISTINCT article) AS articles, group_concat(DISTINCT unit) AS units FROM ("
      "SELECT CASE WHEN length(c.date) = 10 THEN c.date ELSE a.date END AS date, src.name AS source, "
      "c.value AS value, c.unit AS unit, a.key AS article FROM claim_rows c "
      "JOIN article_story_rows s ON s.article = c.article JOIN articles a ON a.key = c.article "
      "LEFT JOIN entity_rows src ON src.article = c.article AND src.entity_id = c.source "
      "WHERE s.story = ?1 AND c.kind = ?2 AND a.duplicate_of IS NULL) GROUP BY 1, 2 ORDER BY 1, 2");
  st.bind(1, story);
  st.bind(2, kind);
  std::vector<QueryRow> rows;
  const int rc = step_rows(st.get(), columns, [&](const QueryRow& r) { rows.push_back(r); });
  if (StoreStatus s = store.status(rc, "reading a story's figures"); !s.ok()) return s;
  columns.push_back("change");
  // Columns: 0 date, 1 source, 2 low, 3 high.
  auto number = [](const QueryCell& c) { return c.type == QueryCell::Type::kNull ? 0.0 : std::stod(c.text); };
  std::map<std::string, double> last;  // each source's latest high figure
  for (size_t i = 0; i < rows.size(); ++i) {
    QueryRow& r = rows[i];
    std::string change;
    const double high = number(r[3]);
    if (auto it = last.find(r[1].text); it != last.end() && it->second != high)
      change = high > it->second ? "revised up" : "revised down";
    last[r[1].text] = high;
    // The rows of one day are together (ordered by date).
    size_t b = i, e = i + 1;
    while (b > 0 && rows[b - 1][0].text == r[0].text) --b;
    while (e < rows.size() && rows[e][0].text == r[0].text) ++e;
    for (size_t j = b; j < e; ++j)
      if (j != i && (number(rows[j][2]) != number(r[2]) || number(rows[j][3]) != high)) {
        change += change.empty() ? "disputed" : ", disputed";
        break;
      }
    QueryCell cell;
    cell.type = change.empty() ? QueryCell::Type::kNull : QueryCell::Type::kText;
    cell.text = change;
    r.push_back(cell);
    row(r);
  }
  return {};
}

}  // namespace sitrep
