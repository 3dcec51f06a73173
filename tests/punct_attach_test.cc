// attach_punctuation: each rule on a sentence written for it, with the heads
// a parser might give (some marks misplaced), and the heads the UD
// guidelines call for.
#include "syntax/punct_attach.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace sitrep {
namespace {

struct Case {
  std::vector<std::string> words;
  std::vector<uint8_t> punct;
  std::vector<int32_t> heads;
};

// "word/head" items, heads 1-based as in CoNLL-U (0 the root); a word whose
// text is one of . , ( ) " ? ! : ; -- is punctuation.
Case make(const std::string& spec) {
  Case c;
  std::istringstream in(spec);
  std::string item;
  while (in >> item) {
    const size_t slash = item.rfind('/');
    c.words.push_back(item.substr(0, slash));
    c.heads.push_back(std::stoi(item.substr(slash + 1)) - 1);
    const std::string& w = c.words.back();
    c.punct.push_back(w == "." || w == "," || w == "(" || w == ")" || w == "\"" || w == "?" || w == "!" ||
                      w == ":" || w == ";" || w == "--");
  }
  return c;
}

std::vector<int32_t> attached(const std::string& spec) {
  Case c = make(spec);
  std::vector<std::string_view> forms(c.words.begin(), c.words.end());
  attach_punctuation(forms, c.punct, c.heads);
  for (int32_t& h : c.heads) ++h;  // back to CoNLL-U numbering
  return c.heads;
}

TEST(PunctAttach, AMarkOffItsNeighboursPathsMovesToTheHighestProjectiveOne) {
  // "Police arrested two men ." with the period on "Police", which is on
  // neither side of it: it goes up from "men" to "arrested".
  EXPECT_EQ(attached("Police/2 arrested/0 two/4 men/2 ./1"), (std::vector<int32_t>{2, 0, 4, 2, 2}));
  // A question mark never takes a word after it: "Who won ? Nobody" with
  // "?" on "Nobody" goes to "won".
  EXPECT_EQ(attached("Who/2 won/0 ?/4 Nobody/2"), (std::vector<int32_t>{2, 0, 2, 2}));
}

TEST(PunctAttach, CommasAroundARelativeClause) {
  // "The man , who left , said no ." with both commas on "The" (wrong):
  //  1 The  2 man  3 ,  4 who  5 left  6 ,  7 said  8 no  9 .
  // The first comma's candidates are "man" (left) and "left" (right), the
  // lower is "left"; the second's are "man" (up from "left") and "said",
  // the lower is "man".
  EXPECT_EQ(attached("The/2 man/7 ,/1 who/5 left/2 ,/1 said/0 no/7 ./7"),
            (std::vector<int32_t>{2, 7, 5, 5, 2, 2, 0, 7, 7}));
  // Two commas the parser put on both edges of the clause's subtree are
  // kept there, as a pair.
  EXPECT_EQ(attached("The/2 man/7 ,/5 who/5 left/2 ,/5 said/0 no/7 ./7"),
            (std::vector<int32_t>{2, 7, 5, 5, 2, 5, 0, 7, 7}));
}

TEST(PunctAttach, AHeadOnTheCandidatePathIsKept) {
  // "He came , and she left ." : the comma before a conjunct belongs to the
  // conjunct ("left"); a parser that put it there keeps it.
  //  1 He  2 came  3 ,  4 and  5 she  6 left  7 .
  EXPECT_EQ(attached("He/2 came/0 ,/6 and/6 she/6 left/2 ./2"), (std::vector<int32_t>{2, 0, 6, 6, 6, 2, 2}));
}

TEST(PunctAttach, BracketsTakeTheHeadOfWhatTheyEnclose) {
  // "the report ( released Monday ) said" : both brackets on "released".
  //  1 the  2 report  3 (  4 released  5 Monday  6 )  7 said
  EXPECT_EQ(attached("the/2 report/7 (/2 released/2 Monday/4 )/7 said/0"),
            (std::vector<int32_t>{2, 7, 4, 2, 4, 4, 0}));
  // Quotes likewise: "he said " no " ." — both marks on "no".
  EXPECT_EQ(attached("he/2 said/0 \"/2 no/2 \"/2 ./2"), (std::vector<int32_t>{2, 0, 4, 2, 4, 2}));
}

TEST(PunctAttach, AWordBelowAMarkMovesToTheMarksHead) {
  // "Yes -- we will" with "will" hung from the dash: it goes to the dash's
  // head, and the dash then attaches by the rule.
  //  1 Yes  2 --  3 we  4 will
  const std::vector<int32_t> h = attached("Yes/0 --/1 we/4 will/2");
  EXPECT_EQ(h[3], 1);
  EXPECT_NE(h[1], 0);
}

TEST(PunctAttach, AbbreviationDotAndMarkAtTheRootAreLeftAlone) {
  // A dot the parser gave to the word before it (an abbreviation's) stays.
  EXPECT_EQ(attached("Jan/3 ./1 ended/0"), (std::vector<int32_t>{3, 1, 0}));
  // A sentence whose root is a mark is left as it is.
  EXPECT_EQ(attached("!/0 wow/1"), (std::vector<int32_t>{0, 1}));
}

TEST(PunctAttach, ResultIsATreeOnAnyHeads) {
  // Marks only, mixed runs and marks at both ends: every head stays inside
  // the sentence and no word becomes its own ancestor.
  for (const std::string spec : {"./0 ./1 ,/1", "(/2 a/0 )/2 ./2 \"/2", ",/2 x/0 ,/2 y/2 ,/4 ,/4 z/4 ./2"}) {
    const std::vector<int32_t> h = attached(spec);
    int roots = 0;
    for (size_t i = 0; i < h.size(); ++i) {
      ASSERT_GE(h[i], 0);
      ASSERT_LE(h[i], static_cast<int32_t>(h.size()));
      roots += h[i] == 0;
      int32_t x = static_cast<int32_t>(i) + 1;
      for (size_t steps = 0; x != 0; ++steps) {
        ASSERT_LE(steps, h.size()) << spec << ": cycle through word " << i + 1;
        x = h[x - 1];
      }
    }
    EXPECT_EQ(roots, 1) << spec;
  }
}

}  // namespace
}  // namespace sitrep
