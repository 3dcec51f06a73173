#include "sitrep/record.h"

#include <gtest/gtest.h>

#include "ingest/json.h"
#include "text/utf8.h"

namespace sitrep {
namespace {

Document sample() {
  Document doc(Article{.id = "x", .title = "T", .date = "2024-04-22", .text = "“Haliva’s” résumé: Haliva left."});
  std::string_view text = doc.text();
  auto span_of = [&](std::string_view needle, size_t from = 0) {
    auto b = static_cast<uint32_t>(text.find(needle, from));
    return ByteSpan{b, static_cast<uint32_t>(b + needle.size())};
  };
  Entity e;
  e.type = EntityType::kPerson;
  e.name = "Aharon Haliva";
  e.actor_code = "ISRMIL";
  e.country = "ISR";
  doc.mentions.push_back({span_of("Haliva"), MentionKind::kName, 0});
  doc.mentions.push_back({span_of("Haliva", 20), MentionKind::kName, 0});
  e.mentions = {0, 1};
  doc.entities.push_back(e);
  doc.quotes.push_back({span_of("Haliva’s"), 0, span_of("left"), QuoteKind::kDirect});
  doc.claims.push_back({.span = span_of("résumé"), .kind = "killed", .value = 1100, .qualifier = Qualifier::kOver});
  doc.times.push_back({span_of("left"), "2024-04-22"});
  doc.events.push_back({.source = 0, .cameo = "08", .plover = "CONCEDE", .trigger = span_of("left")});
  return doc;
}

JsonValue written(const Document& doc, RecordStyle style) {
  std::string out;
  write_record(doc, out, style);
  EXPECT_TRUE(is_valid_utf8(out));
  JsonValue v;
  std::string error;
  EXPECT_TRUE(parse_json(out, v, error)) << error << "\n" << out;
  return v;
}

std::vector<std::string> keys(const JsonValue& v) {
  std::vector<std::string> out;
  for (const auto& [k, _] : v.object) out.push_back(k);
  return out;
}

TEST(Record, HasExactlyTheSchemaFields) {
  JsonValue v = written(sample(), RecordStyle::kCompact);
  EXPECT_EQ(keys(v), (std::vector<std::string>{"id", "title", "date", "entities", "quotes", "reported", "claims",
                                               "times", "events"}));
  const JsonValue& e = v.find("entities")->array.at(0);
  EXPECT_EQ(keys(e), (std::vector<std::string>{"id", "type", "name", "actor_code", "attributes", "mentions"}));
  EXPECT_EQ(keys(*e.find("attributes")), (std::vector<std::string>{"country"}));
  EXPECT_EQ(keys(e.find("mentions")->array.at(0)), (std::vector<std::string>{"start", "end", "text", "kind"}));
  EXPECT_EQ(keys(v.find("quotes")->array.at(0)),
            (std::vector<std::string>{"start", "end", "text", "speaker", "cue", "kind"}));
  EXPECT_EQ(keys(v.find("claims")->array.at(0)), (std::vector<std::string>{"kind", "value", "qualifier", "unit",
                                                                            "source", "actor", "date", "start", "end",
                                                                            "text"}));
  EXPECT_EQ(keys(v.find("times")->array.at(0)), (std::vector<std::string>{"start", "end", "text", "value"}));
  EXPECT_EQ(keys(v.find("events")->array.at(0)),
            (std::vector<std::string>{"source", "target", "cameo", "plover", "negated", "modality", "date", "trigger"}));
}

TEST(Record, OffsetsAreCodePoints) {
  Document doc = sample();
  JsonValue v = written(doc, RecordStyle::kIndented);
  const JsonValue& m = v.find("entities")->array[0].find("mentions")->array[1];
  // “Haliva’s” résumé: Haliva — the second Haliva starts at code point 19.
  EXPECT_EQ(m.find("start")->number, 19);
  EXPECT_EQ(m.find("end")->number, 25);
  EXPECT_EQ(m.find("text")->string, "Haliva");
  const JsonValue& q = v.find("quotes")->array[0];
  EXPECT_EQ(q.find("start")->number, 1);
  EXPECT_EQ(q.find("end")->number, 9);
  EXPECT_EQ(q.find("speaker")->string, "e1");
  EXPECT_EQ(q.find("cue")->string, "left");
  const JsonValue& c = v.find("claims")->array[0];
  EXPECT_EQ(c.find("value")->number, 1100);
  EXPECT_EQ(c.find("qualifier")->string, "over");
  EXPECT_TRUE(c.find("source")->is_null());
  EXPECT_TRUE(c.find("unit")->is_null());
  EXPECT_EQ(c.find("text")->string, "résumé");
  EXPECT_EQ(v.find("events")->array[0].find("source")->string, "e1");
  EXPECT_TRUE(v.find("events")->array[0].find("target")->is_null());
}

TEST(Record, EmptyDocumentHasEmptyLayersAndNullDate) {
  Document doc(Article{.id = "e", .text = "Only text"});
  JsonValue v = written(doc, RecordStyle::kCompact);
  EXPECT_TRUE(v.find("date")->is_null());
  EXPECT_TRUE(v.find("title")->is_null());
  EXPECT_TRUE(v.find("entities")->array.empty());
  std::string out;
  write_record(doc, out, RecordStyle::kCompact);
  EXPECT_EQ(out.find('\n'), std::string::npos);  // one line for JSON Lines
}

TEST(Record, PrettyViewListsLayers) {
  std::string out;
  write_pretty(sample(), out, false);
  EXPECT_NE(out.find("entities (1)"), std::string::npos);
  EXPECT_NE(out.find("e1 PERSON Aharon Haliva [ISRMIL]"), std::string::npos);
  EXPECT_NE(out.find("quotes (1)"), std::string::npos);
  EXPECT_EQ(out.find("\x1b["), std::string::npos);  // no colour when asked for none
}

TEST(Record, AsideMentionsAreListedOnlyWhenAllAreAsked) {
  Document doc = sample();
  std::string_view text = doc.text();
  const auto b = static_cast<uint32_t>(text.find("résumé"));
  Mention m{ByteSpan{b, b + static_cast<uint32_t>(std::string_view("résumé").size())}, MentionKind::kNominal, 0};
  doc.aside_mentions.push_back({m, false});  // a mention of entity 0
  m.entity = 0;
  doc.aside_entities.push_back(Entity{.type = EntityType::kOther, .name = "résumé"});
  doc.aside_mentions.push_back({m, true});  // a thing of its own
  auto entities = [&](MentionDetail detail) {
    std::string out;
    write_record(doc, out, RecordOptions{.mentions = detail});
    JsonValue v;
    std::string error;
    EXPECT_TRUE(parse_json(out, v, error)) << error;
    return v.find("entities")->array;
  };
  auto names = entities(MentionDetail::kNames);
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].find("mentions")->array.size(), 2u);
  auto all = entities(MentionDetail::kAll);
  ASSERT_EQ(all.size(), 2u);
  const auto& first = all[0].find("mentions")->array;
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[1].find("text")->string, "résumé");  // in text order
  EXPECT_EQ(all[1].find("id")->string, "e2");
  EXPECT_EQ(all[1].find("name")->string, "résumé");
}

}  // namespace
}  // namespace sitrep
