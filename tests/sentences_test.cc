// Sentence splitter cases: each input with its sentences joined by " || ".
#include "text/sentences.h"

#include <gtest/gtest.h>

#include "test_util.h"
#include "text/tokenizer.h"

namespace sitrep {
namespace {

Document split(std::string text) {
  Document doc(Article{.id = "t", .text = std::move(text)});
  Tokenizer(testing::abbreviations()).run(doc);
  SentenceSplitter(testing::abbreviations()).run(doc);
  return doc;
}

std::string sentences(std::string text) {
  Document doc = split(std::move(text));
  std::string out;
  for (const Sentence& s : doc.sentences) {
    if (!out.empty()) out += " || ";
    out += doc.text_of(s);
  }
  return out;
}

struct Case {
  const char* name;
  const char* input;
  const char* expected;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }
};

class SentenceCases : public ::testing::TestWithParam<Case> {};

TEST_P(SentenceCases, SplitsAsExpected) {
  const Case& c = GetParam();
  EXPECT_EQ(sentences(c.input), c.expected) << "input: " << c.input;
}

const Case kCases[] = {
    {"two_plain", "Troops advanced. Residents fled.", "Troops advanced. || Residents fled."},
    {"no_leading_zero", "Boston had a .585 record and New York .634 at the break. It rained.",
     "Boston had a .585 record and New York .634 at the break. || It rained."},
    {"title_abbrev", "Maj. Gen. Aharon Haliva resigned. He left.", "Maj. Gen. Aharon Haliva resigned. || He left."},
    {"initial", "Secretary of State J. Blinken arrived.", "Secretary of State J. Blinken arrived."},
    {"month", "The vote is on Jan. 5, officials said.", "The vote is on Jan. 5, officials said."},
    {"us_mid", "The U.S. State Department said so.", "The U.S. State Department said so."},
    {"us_end", "Aid came from the U.S. The convoy left.", "Aid came from the U.S. || The convoy left."},
    {"inc_end", "He joined Apple Inc. He left in 2020.", "He joined Apple Inc. || He left in 2020."},
    {"inc_mid", "Apple Inc. said profits rose.", "Apple Inc. said profits rose."},
    {"quote_period_inside", "“We will win.” The crowd cheered.", "“We will win.” || The crowd cheered."},
    {"quote_comma_cue", "“We will win,” he said. “Soon.”", "“We will win,” he said. || “Soon.”"},
    {"question_in_quote", "“Why?” she asked. Nobody answered.", "“Why?” she asked. || Nobody answered."},
    {"exclaim", "Stop! The police shouted.", "Stop! || The police shouted."},
    {"exclaim_lower", "“Go!” he shouted.", "“Go!” he shouted."},
    {"bracket_close", "It ended (finally.) Then rain.", "It ended (finally.) || Then rain."},
    {"number_start", "Talks failed. 250 hostages remain.", "Talks failed. || 250 hostages remain."},
    {"decimal_not_end", "Growth was 3.5 percent in March.", "Growth was 3.5 percent in March."},
    {"lowercase_after_period", "The plan, he said. was dropped", "The plan, he said. was dropped"},
    {"ellipsis_upper", "He paused… Then he spoke.", "He paused… || Then he spoke."},
    {"ellipsis_lower", "He paused… and then spoke.", "He paused… and then spoke."},
    {"no_number", "He lives at No. 10 Downing Street.", "He lives at No. 10 Downing Street."},
    {"am_mid", "It began at 5 a.m. Monday.", "It began at 5 a.m. Monday."},
    {"am_end", "It began at 5 a.m. The sirens wailed.", "It began at 5 a.m. || The sirens wailed."},
    {"paragraph_break", "No period here\nNew paragraph.", "No period here || New paragraph."},
    {"headline_then_body", "Title without period\n\nBody starts. Ends.", "Title without period || Body starts. || Ends."},
    {"straight_quotes", "\"Enough,\" he said. \"We leave.\"", "\"Enough,\" he said. || \"We leave.\""},
    {"mr_dr", "Mr. Smith met Dr. Jones. They talked.", "Mr. Smith met Dr. Jones. || They talked."},
    {"dash_after", "It was over. — Reuters", "It was over. || — Reuters"},
    {"multiple_punct", "Really?! Yes.", "Really?! || Yes."},
    {"url_period", "See www.un.org. It lists aid.", "See www.un.org. || It lists aid."},
    {"sen_title", "He met Sen. Warren on Friday.", "He met Sen. Warren on Friday."},
};

INSTANTIATE_TEST_SUITE_P(Hard, SentenceCases, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(SentenceSplitter, ParagraphsAndSentencesAgree) {
  Document doc = split("Headline\n\nOne. Two.\nThree.\n\nFour");
  ASSERT_EQ(doc.paragraphs.size(), 4u);
  ASSERT_EQ(doc.sentences.size(), 5u);
  EXPECT_EQ(doc.sentences[0].paragraph, 0u);
  EXPECT_EQ(doc.sentences[1].paragraph, 1u);
  EXPECT_EQ(doc.sentences[2].paragraph, 1u);
  EXPECT_EQ(doc.sentences[3].paragraph, 2u);
  EXPECT_EQ(doc.sentences[4].paragraph, 3u);
  // Sentences tile the tokens.
  uint32_t next = 0;
  for (const Sentence& s : doc.sentences) {
    EXPECT_EQ(s.first_token, next);
    next = s.end_token;
  }
  EXPECT_EQ(next, doc.tokens.size());
}

TEST(SentenceSplitter, EmptyDocument) {
  Document doc = split("");
  EXPECT_TRUE(doc.sentences.empty());
  EXPECT_TRUE(doc.paragraphs.empty());
}

}  // namespace
}  // namespace sitrep
