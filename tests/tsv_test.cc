#include "core/tsv.h"

#include <gtest/gtest.h>

#include "text/abbreviations.h"

namespace sitrep {
namespace {

TEST(Tsv, ReadsHeaderColumnsAndRows) {
  TsvTable t = parse_tsv("# source: test\n# licence: CC0\nname\tclass\nGen\ttitle\n\nJan\tmonth\n", "x.tsv");
  EXPECT_EQ(t.meta.at("source"), "test");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1][t.column("class")], "month");
  EXPECT_EQ(t.line_numbers[1], 6u);
}

TEST(Tsv, MalformedLineNamesFileAndLine) {
  try {
    parse_tsv("# source: s\n# licence: l\na\tb\nx\ty\nonly-one-field\n", "data/x.tsv");
    FAIL() << "no error";
  } catch (const TsvError& e) {
    EXPECT_STREQ(e.what(), "data/x.tsv:5: expected 2 tab-separated fields (2 columns), found 1");
  }
}

TEST(Tsv, HeaderMustNameSourceAndLicence) {
  EXPECT_THROW(parse_tsv("# source: s\na\tb\n", "x.tsv"), TsvError);
  EXPECT_THROW(parse_tsv("# only comments\n", "x.tsv"), TsvError);
  EXPECT_THROW(load_tsv("/nonexistent/file.tsv"), TsvError);
}

TEST(Tsv, ShippedAbbreviationsLoad) {
  Abbreviations a = Abbreviations::load(SITREP_SOURCE_DATA_DIR);
  EXPECT_EQ(a.lookup("Gen"), AbbrevClass::kTitle);
  EXPECT_EQ(a.lookup("Jan"), AbbrevClass::kMonth);
  EXPECT_EQ(a.lookup("Inc"), AbbrevClass::kGeneral);
  EXPECT_EQ(a.lookup("No"), AbbrevClass::kNumber);
  EXPECT_EQ(a.lookup("Haliva"), AbbrevClass::kNone);
  EXPECT_TRUE(a.is_sentence_starter("The"));
  EXPECT_FALSE(a.is_sentence_starter("State"));
}

}  // namespace
}  // namespace sitrep
