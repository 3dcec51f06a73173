#include "ingest/json.h"

#include <gtest/gtest.h>

#include "output/json_writer.h"
#include "text/utf8.h"

namespace sitrep {
namespace {

JsonValue parse_ok(std::string_view s) {
  JsonValue v;
  std::string error;
  EXPECT_TRUE(parse_json(s, v, error)) << s << ": " << error;
  return v;
}

std::string parse_error(std::string_view s) {
  JsonValue v;
  std::string error;
  EXPECT_FALSE(parse_json(s, v, error)) << s;
  return error;
}

TEST(Json, ParsesAnArticleLine) {
  JsonValue v = parse_ok(R"({"id": "a1", "title": null, "date": "2024-04-22", "text": "Line\nTwo \"q\" \u2019s", "n": -1.5e2, "ok": true, "list": [1, {"x": []}]})");
  ASSERT_EQ(v.type, JsonValue::Type::kObject);
  EXPECT_EQ(v.find("id")->string, "a1");
  EXPECT_TRUE(v.find("title")->is_null());
  EXPECT_EQ(v.find("text")->string, "Line\nTwo \"q\" ’s");
  EXPECT_DOUBLE_EQ(v.find("n")->number, -150);
  EXPECT_TRUE(v.find("ok")->boolean);
  EXPECT_EQ(v.find("list")->array.size(), 2u);
  EXPECT_EQ(v.find("missing"), nullptr);
}

TEST(Json, SurrogatePairs) {
  EXPECT_EQ(parse_ok(R"("\ud83d\udd25")").string, "🔥");
  EXPECT_EQ(parse_ok(R"("\udd25")").string, "\xEF\xBF\xBD");  // lone low surrogate
}

TEST(Json, ErrorsSayWhereAndWhat) {
  EXPECT_EQ(parse_error(R"({"id": "a1" "text": "x"})"), "column 13: expected ',' or '}' in the object");
  EXPECT_EQ(parse_error("{\"id\": \"a1"), "column 11: unterminated string");
  EXPECT_EQ(parse_error("{\"t\": \"a\tb\"}"), "column 9: control character in a string (escape it as \\n, \\t or \\u00XX)");
  EXPECT_EQ(parse_error(R"({"x": tru})"), "column 7: invalid literal (expected true)");
  EXPECT_EQ(parse_error(R"({"x": 01})"), "column 7: a number may not start with 0");
  EXPECT_EQ(parse_error(R"({} x)"), "column 4: unexpected text after the JSON value");
  EXPECT_EQ(parse_error(""), "column 1: unexpected end of input, expected a value");
  EXPECT_EQ(parse_error("{'id': 1}"), "column 2: expected a member name in double quotes");
}

TEST(Json, DeepNestingIsRefused) {
  std::string deep(kMaxJsonDepth + 10, '[');
  EXPECT_NE(parse_error(deep).find("nesting deeper"), std::string::npos);
}

TEST(Json, WriterOutputParsesBack) {
  std::string out;
  JsonWriter w(out, true);
  w.begin_object();
  w.key("text");
  w.value("tab\there \"quoted\" back\\slash \x01 ’");
  w.key("n");
  w.value(1100.0);
  w.key("x");
  w.value(3.25);
  w.key("none");
  w.null();
  w.key("empty");
  w.begin_array();
  w.end_array();
  w.end_object();
  JsonValue v = parse_ok(out);
  EXPECT_EQ(v.find("text")->string, "tab\there \"quoted\" back\\slash \x01 ’");
  EXPECT_DOUBLE_EQ(v.find("n")->number, 1100);
  EXPECT_NE(out.find("\"n\": 1100,"), std::string::npos) << out;
  EXPECT_DOUBLE_EQ(v.find("x")->number, 3.25);
  EXPECT_TRUE(v.find("none")->is_null());
}

// Text from a URL or a user's file may hold bytes that are not UTF-8 (an
// entity name '%ff%fe' in an API path was echoed raw): the writer replaces
// each with U+FFFD, so that its output is always valid JSON, and keeps valid
// sequences (and U+FFFD itself) as they are.
TEST(Json, WriterReplacesInvalidUtf8) {
  std::string out;
  JsonWriter w(out, false);
  w.value("no entity named '\xff\xfe' and \xe2\x80 cut, caf\xc3\xa9 \xef\xbf\xbd \xf0\x9f\x98\x80");
  EXPECT_TRUE(is_valid_utf8(out)) << out;
  EXPECT_EQ(parse_ok(out).string, "no entity named '\xef\xbf\xbd\xef\xbf\xbd' and \xef\xbf\xbd\xef\xbf\xbd cut, "
                                   "caf\xc3\xa9 \xef\xbf\xbd \xf0\x9f\x98\x80");
}

}  // namespace
}  // namespace sitrep
