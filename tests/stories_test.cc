// Stories (store/stories.h): keys of an article, the online assignment, and
// the store keeping them, on records and texts written for these tests.
#include "store/stories.h"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include "store/query.h"
#include "store/story_query.h"
#include "store/store.h"
#include "temp_dir.h"

namespace sitrep {
namespace {

using testing::TempDir;

struct E {
  const char* type;
  const char* name;
  const char* code;
};

// A record with these entities (ids e1, e2 ...) and events between them ("e1>e2:190").
// `claims`: the claims array's items, as JSON.
std::string record(const std::string& id, const std::string& date, const std::vector<E>& entities,
                   const std::vector<std::string>& events = {}, const std::string& claims = "") {
  std::string r = R"({"id":")" + id + R"(","title":null,"date":")" + date + R"(","entities":[)";
  for (size_t i = 0; i < entities.size(); ++i) {
    if (i) r += ",";
    r += R"({"id":"e)" + std::to_string(i + 1) + R"(","type":")" + entities[i].type + R"(","name":")" +
         entities[i].name + R"(","actor_code":)" +
         (entities[i].code[0] ? "\"" + std::string(entities[i].code) + "\"" : std::string("null")) +
         R"(,"attributes":{},"mentions":[]})";
  }
  r += R"(],"quotes":[],"reported":[],"claims":[)" + claims + R"(],"times":[],"events":[)";
  for (size_t i = 0; i < events.size(); ++i) {
    const std::string& ev = events[i];
    if (i) r += ",";
    r += R"({"source":")" + ev.substr(0, 2) + R"(","target":")" + ev.substr(3, 2) + R"(","cameo":")" + ev.substr(6) +
         R"(","plover":null,"negated":false,"modality":"asserted","date":null,)" +
         R"("trigger":{"start":0,"end":0,"text":""}})";
  }
  return r + "]}";
}

StoredArticle article(const std::string& id, const std::string& date, const std::string& text,
                      const std::vector<E>& entities, const std::vector<std::string>& events = {},
                      const std::string& claims = "") {
  Article a;
  a.id = id;
  a.date = date;
  a.text = text;
  a.title = "Title of " + id;
  return prepare_article(a, record(id, date, entities, events, claims));
}

const std::vector<E> kGaza = {{"GPE", "Israel", "ISR"}, {"ORG", "Hamas", "PSEHMS"}, {"GPE", "Gaza", ""}};
const std::vector<E> kKenya = {{"GPE", "Kenya", "KEN"}, {"GPE", "Nairobi", ""}, {"ORG", "Kenya Red Cross", ""}};
const char* kStrikeText = "Israeli aircraft struck targets across southern Gaza overnight as ceasefire negotiations "
                          "stalled, and rescuers searched collapsed buildings for survivors of the strikes.";
const char* kStrikeFollowUp = "Rescuers in southern Gaza pulled more survivors from collapsed buildings after the "
                              "overnight strikes, while ceasefire negotiations remained stalled in Cairo.";
const char* kFloodText = "Floodwaters swept through low-lying neighbourhoods of Nairobi after days of torrential "
                         "rains, and rescuers evacuated families stranded on rooftops.";

TEST(Stories, DayNumbers) {
  EXPECT_EQ(day_number("1970-01-01"), 0);
  EXPECT_EQ(day_number("1969-12-31"), -1);
  EXPECT_EQ(day_number("2000-02-29"), 11016);
  EXPECT_EQ(day_number("2024-04-22"), 19835);
  EXPECT_EQ(day_number("2024-04-22T08:30:00Z"), 19835);
  EXPECT_EQ(day_number("2023-02-30"), kNoDay);
  EXPECT_EQ(day_number(""), kNoDay);
}

TEST(Stories, KeysOfAnArticle) {
  JsonValue r;
  std::string error;
  ASSERT_TRUE(parse_json(record("a", "2024-05-01", kGaza, {"e1>e3:190"}), r, error)) << error;
  const std::vector<uint64_t> keys = story_keys(r, kStrikeText);
  size_t kinds[4] = {};
  for (uint64_t k : keys) ++kinds[static_cast<int>(story_key_kind(k))];
  EXPECT_EQ(kinds[static_cast<int>(StoryKeyKind::kEntity)], 1u);  // Hamas
  EXPECT_EQ(kinds[static_cast<int>(StoryKeyKind::kPlace)], 2u);   // Israel, Gaza
  EXPECT_EQ(kinds[static_cast<int>(StoryKeyKind::kEvent)], 2u);   // 19 with Israel, 19 with Gaza
  // Words of five letters or more, not function words ("across" is one, "after" not).
  EXPECT_EQ(kinds[static_cast<int>(StoryKeyKind::kWord)], 12u);
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
}

TEST(Stories, AnArticleJoinsTheStoryItSharesMostWith) {
  StoryIndex index;
  JsonValue gaza, gaza2, kenya;
  std::string error;
  ASSERT_TRUE(parse_json(record("a", "", kGaza, {"e1>e3:190"}), gaza, error));
  ASSERT_TRUE(parse_json(record("b", "", kGaza, {"e1>e3:190"}), gaza2, error));
  ASSERT_TRUE(parse_json(record("c", "", kKenya), kenya, error));
  const auto k1 = story_keys(gaza, kStrikeText), k2 = story_keys(gaza2, kStrikeFollowUp),
             k3 = story_keys(kenya, kFloodText);
  const int32_t may1 = day_number("2024-05-01");
  EXPECT_EQ(index.assign(k1, may1), 1);
  index.add(1, k1, may1);
  EXPECT_EQ(index.assign(k3, may1), 2);  // nothing shared: a new story
  index.add(2, k3, may1);
  EXPECT_EQ(index.assign(k2, may1 + 2), 1);
  // The same keys a month later: the same story, back after a silence; seven weeks later (beyond the
  // 42-day window): a story of its own.
  EXPECT_EQ(index.assign(k2, may1 + 30), 1);
  EXPECT_EQ(index.assign(k2, may1 + 49), 3);
  // Words alone are not enough: the flood text with the Gaza entities joins the Gaza story, the Gaza
  // text with none of its entities does not.
  EXPECT_EQ(index.assign(story_keys(gaza, kFloodText), may1), 1);
  EXPECT_EQ(index.assign(story_keys(JsonValue(), kStrikeText), may1), 3);
}

TEST(Stories, StoredWithTheArticlesAndKeptAcrossRuns) {
  TempDir dir;
  const std::string path = dir.path() + "/s.db";
  AddResult r;
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::open(path, {}, store).ok());
    ASSERT_TRUE(store->has_stories());
    ASSERT_TRUE(store->add(article("a1", "2024-05-01", kStrikeText, kGaza, {"e1>e3:190"}), &r).ok());
    EXPECT_EQ(r.story, 1);
    ASSERT_TRUE(store->add(article("k1", "2024-05-01", kFloodText, kKenya), &r).ok());
    EXPECT_EQ(r.story, 2);
    ASSERT_TRUE(store->add(article("a2", "2024-05-03", kStrikeFollowUp, kGaza, {"e1>e3:190"}), &r).ok());
    EXPECT_EQ(r.story, 1);
    // A wire copy (the same text, other entities found in it) joins the story of what it copies.
    ASSERT_TRUE(store->add(article("a1-copy", "2024-05-01", kStrikeText, kKenya), &r).ok());
    EXPECT_EQ(r.duplicate_of, "a1");
    EXPECT_EQ(r.story, 1);
  }
  // Reopened: the stories are read back, and a new article still finds its story.
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::open(path, {}, store).ok());
  ASSERT_TRUE(store->add(article("k2", "2024-05-04", "Nairobi families stranded by the floodwaters returned home "
                                                     "as rains eased and rescuers evacuated the last rooftops.",
                                 kKenya), &r).ok());
  EXPECT_EQ(r.story, 2);
  std::vector<std::string> columns;
  std::vector<QueryRow> rows;
  ASSERT_TRUE(story_query(*store, 0, 0, columns, [&](const QueryRow& row) { rows.push_back(row); }).ok());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(columns, (std::vector<std::string>{"story", "first_date", "last_date", "articles", "title"}));
  // The latest first: the floods (to May 4), then the strikes (May 1 to 3, three articles with the copy).
  EXPECT_EQ(rows[0][0].text, "2");
  EXPECT_EQ(rows[0][2].text, "2024-05-04");
  EXPECT_EQ(rows[1][1].text, "2024-05-01");
  EXPECT_EQ(rows[1][2].text, "2024-05-03");
  EXPECT_EQ(rows[1][3].text, "3");
  EXPECT_EQ(rows[1][4].text, "Title of a1");
  rows.clear();
  ASSERT_TRUE(story_query(*store, 1, 0, columns, [&](const QueryRow& row) { rows.push_back(row); }).ok());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2][0].text, "a2");  // by date
}

// `sitrep query` rows (events, entities, articles) carry their article's story.
TEST(Stories, QueryRowsCarryTheirArticlesStory) {
  TempDir dir;
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::open(dir.path() + "/q.db", {}, store).ok());
  AddResult r;
  ASSERT_TRUE(store->add(article("a1", "2024-05-01", kStrikeText, kGaza, {"e1>e3:190"}), &r).ok());
  ASSERT_TRUE(store->add(article("k1", "2024-05-01", kFloodText, kKenya), &r).ok());
  ASSERT_TRUE(store->add(article("a2", "2024-05-03", kStrikeFollowUp, kGaza, {"e1>e3:190"}), &r).ok());
  auto story_of = [&](const QuerySpec& spec) {
    std::vector<std::string> columns;
    std::vector<std::string> got;  // "article:story" per row
    EXPECT_TRUE(run_query(*store, spec, columns, [&](const QueryRow& row) {
      size_t article = 0, story = 0;
      for (size_t c = 0; c < columns.size(); ++c) {
        if (columns[c] == "article") article = c;
        if (columns[c] == "story") story = c;
      }
      EXPECT_NE(story, 0u) << "no story column";
      got.push_back(row[article].text + ":" + row[story].text);
    }).ok());
    return got;
  };
  QuerySpec events;
  events.event = "19";
  EXPECT_EQ(story_of(events), (std::vector<std::string>{"a1:1", "a2:1"}));
  QuerySpec entity;
  entity.entity = "Nairobi";
  EXPECT_EQ(story_of(entity), (std::vector<std::string>{"k1:2"}));
  QuerySpec articles;
  articles.since = "2024-05-01";
  EXPECT_EQ(story_of(articles), (std::vector<std::string>{"a1:1", "k1:2", "a2:1"}));
}

// A killed figure attributed to entity `source` ("e1") or to the article (null).
std::string killed(int value, const char* source) {
  return R"({"kind":"killed","value":)" + std::to_string(value) + R"(,"qualifier":"exact","unit":"people","source":)" +
         (source ? "\"" + std::string(source) + "\"" : std::string("null")) +
         R"(,"actor":null,"date":null,"start":0,"end":1,"text":"x"})";
}

TEST(Stories, AFigureIsFollowedWithinItsStoryOnly) {
  TempDir dir;
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::open(dir.path() + "/f.db", {}, store).ok());
  AddResult r;
  // Israel (e1) says 10, then 25; Hamas (e2) says 40 the day Israel says 25; a flood elsewhere kills 5.
  ASSERT_TRUE(store->add(article("a1", "2024-05-01", kStrikeText, kGaza, {"e1>e3:190"}, killed(10, "e1")), &r).ok());
  ASSERT_TRUE(store->add(article("k1", "2024-05-02", kFloodText, kKenya, {}, killed(5, nullptr)), &r).ok());
  ASSERT_TRUE(store->add(article("a2", "2024-05-03", kStrikeFollowUp, kGaza, {"e1>e3:190"},
                                 killed(25, "e1") + "," + killed(40, "e2")), &r).ok());
  ASSERT_EQ(r.story, 1);
  std::vector<std::string> columns;
  std::vector<QueryRow> rows;
  ASSERT_TRUE(story_figures(*store, 1, "killed", columns, [&](const QueryRow& row) { rows.push_back(row); }).ok());
  EXPECT_EQ(columns, (std::vector<std::string>{"date", "source", "low", "high", "articles", "units", "change"}));
  ASSERT_EQ(rows.size(), 3u);  // the flood's 5 is in story 2, not here
  EXPECT_EQ(rows[0][1].text, "Israel");
  EXPECT_EQ(rows[0][3].text, "10");
  EXPECT_EQ(rows[0][6].type, QueryCell::Type::kNull);
  EXPECT_EQ(rows[1][1].text, "Hamas");
  EXPECT_EQ(rows[1][6].text, "disputed");
  EXPECT_EQ(rows[2][1].text, "Israel");
  EXPECT_EQ(rows[2][3].text, "25");
  EXPECT_EQ(rows[2][6].text, "revised up, disputed");
  rows.clear();
  ASSERT_TRUE(story_figures(*store, 2, "killed", columns, [&](const QueryRow& row) { rows.push_back(row); }).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1].text, "(the article)");
  EXPECT_EQ(rows[0][3].text, "5");
}

}  // namespace
}  // namespace sitrep
