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

// A story's articles start from the article_story_rows_story index; the
// layers are then read by article key (CROSS JOIN keeps that order, rather
// than a walk of a layer's index of a kind or a code over the whole archive).
// Wire copies come from the small partial index on duplicate_of.
#define SITREP_STORY_COPIES "WITH copies(key) AS (SELECT key FROM articles WHERE duplicate_of IS NOT NULL) "
#define SITREP_STORY_ORIGINALS "s.story = ?1 AND s.article NOT IN copies"

const char* const kStoryListSql =
    "SELECT story, first_date, last_date, articles, title FROM story_rows "
    "WHERE (?1 = '' OR last_date >= ?1) AND (?2 = '' OR first_date <= ?2) AND articles >= ?3 "
    "ORDER BY last_date DESC, story DESC LIMIT ?4 OFFSET ?5";

// The stories of the articles that name ?6.
const char* const kStoryListNamedSql =
    "SELECT story, first_date, last_date, articles, title FROM story_rows "
    "WHERE (?1 = '' OR last_date >= ?1) AND (?2 = '' OR first_date <= ?2) AND articles >= ?3 "
    "AND story IN (SELECT s.story FROM article_story_rows s WHERE s.article IN ("
    "SELECT article FROM entity_rows WHERE name = ?6 COLLATE NOCASE "
    "UNION SELECT article FROM mention_rows WHERE text = ?6 COLLATE NOCASE AND kind = 'name')) "
    "ORDER BY last_date DESC, story DESC LIMIT ?4 OFFSET ?5";

const char* const kStoryArticlesSql =
    "SELECT a.id AS article_id, a.date, a.title, a.duplicate_of FROM article_story_rows s "
    "CROSS JOIN articles a ON a.key = s.article WHERE s.story = ?1 ORDER BY a.date, a.key LIMIT ?2 OFFSET ?3";

const char* const kStorySummarySql =
    "SELECT story, first_date, last_date, articles, title FROM story_rows WHERE story = ?1";

const char* const kStoryDaysSql =
    SITREP_STORY_COPIES
    "SELECT a.date AS date, count(*) AS articles, sum(a.key IN copies) AS copies FROM article_story_rows s "
    "CROSS JOIN articles a ON a.key = s.article WHERE s.story = ?1 AND a.date IS NOT NULL "
    "GROUP BY a.date ORDER BY a.date LIMIT ?2 OFFSET ?3";

const char* const kStoryEntitiesSql =
    SITREP_STORY_COPIES
    "SELECT e.name AS name, e.type AS type, max(e.actor_code) AS actor_code, count(DISTINCT e.article) AS articles, "
    "sum(e.mention_count) AS mentions FROM article_story_rows s CROSS JOIN entity_rows e ON e.article = s.article "
    "WHERE " SITREP_STORY_ORIGINALS " AND e.name IS NOT NULL "
    "GROUP BY e.name, e.type ORDER BY articles DESC, mentions DESC, e.name LIMIT ?2 OFFSET ?3";

const char* const kStoryEventsSql =
    SITREP_STORY_COPIES
    "SELECT substr(ev.cameo, 1, 2) AS root, ev.plover AS plover, count(*) AS events, "
    "count(DISTINCT ev.article) AS articles FROM article_story_rows s CROSS JOIN event_rows ev "
    "ON ev.article = s.article WHERE " SITREP_STORY_ORIGINALS " AND ev.negated = 0 "
    "GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT ?2 OFFSET ?3";

// An item's day when it is a whole day, else its article's.
#define SITREP_STORY_DAY(col) "(CASE WHEN length(" col ") = 10 THEN " col " ELSE a.date END)"

const char* const kStoryPairsSql =
    SITREP_STORY_COPIES
    "SELECT coalesce(src.actor_code, src.name, '-') AS source, coalesce(tgt.actor_code, tgt.name, '-') AS target, "
    "count(*) AS events, count(DISTINCT ev.article) AS articles, group_concat(DISTINCT ev.plover) AS types, "
    "min(" SITREP_STORY_DAY("ev.date") ") AS first_date, max(" SITREP_STORY_DAY("ev.date") ") AS last_date "
    "FROM article_story_rows s CROSS JOIN event_rows ev ON ev.article = s.article "
    "JOIN articles a ON a.key = s.article "
    "LEFT JOIN entity_rows src ON src.article = ev.article AND src.entity_id = ev.source "
    "LEFT JOIN entity_rows tgt ON tgt.article = ev.article AND tgt.entity_id = ev.target "
    "WHERE " SITREP_STORY_ORIGINALS " AND ev.negated = 0 "
    "GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT ?2 OFFSET ?3";

const char* const kStoryEventListSql =
    SITREP_STORY_COPIES
    "SELECT " SITREP_STORY_DAY("ev.date") " AS date, a.id AS article, src.name AS source, "
    "src.actor_code AS source_actor, ev.cameo AS cameo, ev.plover AS plover, tgt.name AS target, "
    "tgt.actor_code AS target_actor, ev.negated AS negated, ev.text AS trigger "
    "FROM article_story_rows s CROSS JOIN articles a ON a.key = s.article CROSS JOIN event_rows ev "
    "ON ev.article = s.article "
    "LEFT JOIN entity_rows src ON src.article = ev.article AND src.entity_id = ev.source "
    "LEFT JOIN entity_rows tgt ON tgt.article = ev.article AND tgt.entity_id = ev.target "
    "WHERE " SITREP_STORY_ORIGINALS " ORDER BY a.date, a.key, ev.seq LIMIT ?2 OFFSET ?3";

const char* const kStoryClaimKindsSql =
    SITREP_STORY_COPIES
    "SELECT c.kind AS kind, count(*) AS claims, count(DISTINCT c.article) AS articles "
    "FROM article_story_rows s CROSS JOIN claim_rows c ON c.article = s.article "
    "WHERE " SITREP_STORY_ORIGINALS " AND c.kind IS NOT NULL GROUP BY c.kind ORDER BY claims DESC, kind "
    "LIMIT ?2 OFFSET ?3";

// A figure's day is the claim's own when it is a whole day, else the article's.
const char* const kStoryFiguresSql =
    SITREP_STORY_COPIES
    "SELECT date, coalesce(source, '(the article)') AS source, min(value) AS low, max(value) AS high, "
    "count(DISTINCT article) AS articles, group_concat(DISTINCT unit) AS units FROM ("
    "SELECT " SITREP_STORY_DAY("c.date") " AS date, src.name AS source, c.value AS value, c.unit AS unit, "
    "a.key AS article FROM article_story_rows s CROSS JOIN claim_rows c ON c.article = s.article "
    "JOIN articles a ON a.key = c.article "
    "LEFT JOIN entity_rows src ON src.article = c.article AND src.entity_id = c.source "
    "WHERE " SITREP_STORY_ORIGINALS " AND c.kind = ?2) GROUP BY 1, 2 ORDER BY 1, 2";

#undef SITREP_STORY_COPIES
#undef SITREP_STORY_ORIGINALS
#undef SITREP_STORY_DAY

StoreStatus run(Store& store, const char* sql, const std::function<void(store_internal::Statement&)>& bind,
                std::vector<std::string>& columns, const std::function<void(const QueryRow&)>& row) {
  store_internal::Statement st(store.handle(), sql);
  bind(st);
  const int rc = step_rows(st.get(), columns, row);
  return store.status(rc, "reading stories");
}

int64_t or_all(int64_t limit) { return limit > 0 ? limit : int64_t{-1}; }

}  // namespace

StoreStatus story_query(Store& store, int64_t story, int64_t limit, std::vector<std::string>& columns,
                        const std::function<void(const QueryRow&)>& row, int64_t offset) {
  if (!store.has_stories()) return no_stories(store);
  if (story == 0) {
    StoryListSpec spec;
    spec.limit = limit;
    spec.offset = offset;
    return story_list(store, spec, columns, row);
  }
  return run(
      store, kStoryArticlesSql,
      [&](store_internal::Statement& st) {
        st.bind(1, story);
        st.bind(2, or_all(limit));
        st.bind(3, offset);
      },
      columns, row);
}

StoreStatus story_list(Store& store, const StoryListSpec& spec, std::vector<std::string>& columns,
                       const std::function<void(const QueryRow&)>& row) {
  if (!store.has_stories()) return no_stories(store);
  return run(
      store, spec.entity.empty() ? kStoryListSql : kStoryListNamedSql,
      [&](store_internal::Statement& st) {
        st.bind(1, spec.since);
        st.bind(2, spec.until);
        st.bind(3, spec.min_articles);
        st.bind(4, or_all(spec.limit));
        st.bind(5, spec.offset);
        if (!spec.entity.empty()) st.bind(6, spec.entity);
      },
      columns, row);
}

StoreStatus story_part(Store& store, int64_t story, StoryPart part, int64_t limit, int64_t offset,
                       std::vector<std::string>& columns, const std::function<void(const QueryRow&)>& row) {
  if (!store.has_stories()) return no_stories(store);
  const char* sql = nullptr;
  switch (part) {
    case StoryPart::kSummary: sql = kStorySummarySql; break;
    case StoryPart::kDays: sql = kStoryDaysSql; break;
    case StoryPart::kEntities: sql = kStoryEntitiesSql; break;
    case StoryPart::kEvents: sql = kStoryEventsSql; break;
    case StoryPart::kPairs: sql = kStoryPairsSql; break;
    case StoryPart::kEventList: sql = kStoryEventListSql; break;
    case StoryPart::kClaimKinds: sql = kStoryClaimKindsSql; break;
  }
  const bool paged = part != StoryPart::kSummary;
  return run(
      store, sql,
      [&](store_internal::Statement& st) {
        st.bind(1, story);
        if (paged) {
          st.bind(2, or_all(limit));
          st.bind(3, offset);
        }
      },
      columns, row);
}

StoreStatus story_figures(Store& store, int64_t story, const std::string& kind, std::vector<std::string>& columns,
                          const std::function<void(const QueryRow&)>& row) {
  if (!store.has_stories()) return no_stories(store);
  store_internal::Statement st(store.handle(), kStoryFiguresSql);
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
