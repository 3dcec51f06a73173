// The Phoenix actor dictionary: codes by date, and the entities it codes.
#include "lexicon/phoenix_actors.h"

#include <gtest/gtest.h>

#include "core/tsv.h"
#include "sitrep/engine.h"

namespace sitrep {
namespace {

std::shared_ptr<const PhoenixActors> table(const std::string& rows) {
  return PhoenixActors::from_table(
      parse_tsv("# source: written for this test\n# licence: CC0\nname\taliases\tcodes\tfile\tline\n" + rows, "actors.tsv"));
}

TEST(PhoenixActors, TheCodeWhoseDatesHoldTheDateWinsElseTheDefault) {
  auto p = table("JOHN DOE\tPRESIDENT DOE\tABCELI 1975-01-01..2000-01-01|ABCGOV 2001-12-22..|ABCELI\tcountries\t1\n");
  EXPECT_EQ(p->code("John Doe", "1980-05-01"), "ABCELI");
  EXPECT_EQ(p->code("John Doe", "2000-01-01"), "ABCELI");  // both limits included
  EXPECT_EQ(p->code("John Doe", "2001-06-01"), "ABCELI");  // between the ranges: the default
  EXPECT_EQ(p->code("John Doe", "2001-12-22"), "ABCGOV");  // an open end holds on
  EXPECT_EQ(p->code("JOHN  DOE", "2030-01-01"), "ABCGOV");
  EXPECT_EQ(p->code("President Doe", "2005-01-01"), "ABCGOV");  // an alias
  EXPECT_EQ(p->code("John Doe", ""), "ABCELI");            // no date: the default only
  EXPECT_EQ(p->code("John", "2005-01-01"), "");           // whole names only
}

TEST(PhoenixActors, WithoutADefaultOrWithTheNullCodeThereIsNoCode) {
  auto p = table("JANE ROE\t\tXYZGOV ..1991-06-25\tcountries\t1\n"
                 "NOBODY\t\t---\tcountries\t2\n"
                 "O'NEILL GROUP\t\tXYZBUS\tinternational\t3\n");
  EXPECT_EQ(p->code("Jane Roe", "1991-06-25"), "XYZGOV");
  EXPECT_EQ(p->code("Jane Roe", "1991-06-26"), "");
  EXPECT_EQ(p->code("Jane Roe", ""), "");
  EXPECT_EQ(p->code("Nobody", "2000-01-01"), "");
  EXPECT_EQ(p->code("O\xE2\x80\x99Neill Group", ""), "XYZBUS");  // curly apostrophe
}

TEST(PhoenixActors, MalformedCodesNameTheFileAndLine) {
  for (const char* codes : {"ABC 2001-13", "ABC 2001-01-01", "ABC ..", "ABC 01-01-2001.."}) {
    try {
      table(std::string("X\t\t") + codes + "\tcountries\t1\n");
      ADD_FAILURE() << codes << " was accepted";
    } catch (const TsvError& e) {
      EXPECT_NE(std::string(e.what()).find("actors.tsv:4: code"), std::string::npos) << e.what();
    }
  }
}

TEST(PhoenixActors, LoadsTheWholeDictionary) {
  auto p = PhoenixActors::load(std::string(SITREP_SOURCE_DATA_DIR) + "/phoenix_actors.tsv");
  EXPECT_GT(p->actors(), 25000u);
  EXPECT_GT(p->names(), 30000u);
}

std::string code_of(const std::string& text, const std::string& date, std::string_view name) {
  static Pipeline pipeline = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "t", .date = date, .text = text});
  pipeline.run(doc);
  for (const Entity& e : doc.entities)
    if (e.name == name) return e.actor_code;
  return "(no entity)";
}

TEST(PhoenixActors, CodesAnEntityTheListsLeaveUncodedByTheArticlesDate) {
  // Hamid Karzai is in no list of data/; Phoenix codes him AFGELI to 2000 and AFGGOV from 2001-12-22.
  const std::string text = "Hamid Karzai met the envoy in Kabul on Monday.";
  EXPECT_EQ(code_of(text, "1990-01-01", "Hamid Karzai"), "AFGELI");
  EXPECT_EQ(code_of(text, "2005-03-03", "Hamid Karzai"), "AFGGOV");
}

TEST(PhoenixActors, TheArticlesOwnTitleComesFirst) {
  EXPECT_EQ(code_of("Afghan President Hamid Karzai met the envoy on Monday.", "1990-01-01", "Hamid Karzai"), "AFGGOV");
}

}  // namespace
}  // namespace sitrep
