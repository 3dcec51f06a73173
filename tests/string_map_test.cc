#include "text/string_map.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

#include "lexicon/phrase_matcher.h"
#include "test_util.h"
#include "text/tokenizer.h"

namespace sitrep {
namespace {

TEST(StringMap, FindsWhatWasAddedAndNothingElse) {
  StringMap<int> m;
  EXPECT_EQ(m.find("gaza"), nullptr);  // an empty map has no table yet
  m["gaza"] = 7;
  EXPECT_TRUE(m.try_emplace("khan younis", 9).second);
  EXPECT_FALSE(m.try_emplace("gaza", 1).second);  // already there: keeps its value
  ASSERT_NE(m.find("gaza"), nullptr);
  EXPECT_EQ(*m.find("gaza"), 7);
  EXPECT_EQ(*m.find("khan younis"), 9);
  EXPECT_EQ(m.find("Gaza"), nullptr);
  EXPECT_EQ(m.find("gaz"), nullptr);
  EXPECT_EQ(m.find(""), nullptr);
  m[""] = 3;  // the empty key is a key like any other
  EXPECT_EQ(*m.find(""), 3);
  EXPECT_EQ(m.size(), 3u);
}

TEST(StringMap, AgreesWithUnorderedMapAcrossGrowthAndKeepsKeyViews) {
  StringMap<size_t> m;
  std::unordered_map<std::string, size_t> reference;
  std::vector<std::string_view> keys;
  for (size_t i = 0; i < 50000; ++i) {
    // Keys of every length from 0 to 40, many sharing prefixes and tails.
    std::string k = std::to_string(i * 7919 % 100003) + std::string(i % 41, static_cast<char>('a' + i % 26));
    auto [v, added] = m.try_emplace(k, i);
    auto [it, ref_added] = reference.try_emplace(k, i);
    ASSERT_EQ(added, ref_added) << k;
    if (added) keys.push_back(m.find_entry(k)->first);
  }
  EXPECT_EQ(m.size(), reference.size());
  for (const auto& [k, v] : reference) {
    const size_t* found = m.find(k);
    ASSERT_NE(found, nullptr) << k;
    EXPECT_EQ(*found, v);
    EXPECT_EQ(m.find(k + "#"), nullptr);
  }
  // Views taken while the map was small still read their key after it grew.
  size_t n = 0;
  for (const auto& e : m) EXPECT_EQ(e.first, keys[n++]);  // insertion order
}

// The phrase matcher compares a document's words with its phrases without
// copying them: case folded (when built so) and curly apostrophes read as
// straight ones, on the first word (through its filter) and on the rest.
TEST(PhraseMatcher, FoldsCaseAndApostrophesWithoutCopying) {
  const Tokenizer tokenizer(testing::abbreviations());
  PhraseMatcher folded(/*fold_case=*/true), exact(/*fold_case=*/false);
  folded.add(tokenizer, "prime minister", 1);
  folded.add(tokenizer, "o'brien group", 2);
  exact.add(tokenizer, "Côte d'Ivoire", 3);
  exact.add(tokenizer, "Prime Minister", 4);
  auto match = [&](const PhraseMatcher& m, const std::string& text) {
    Document doc(Article{.id = "t", .text = text});
    tokenizer.run(doc);
    for (size_t i = 0; i < doc.tokens.size(); ++i)
      if (PhraseMatcher::Match found = m.longest(doc, i, doc.tokens.size()))
        return std::to_string(i) + ":" + std::to_string(found.length) + "=" + std::to_string(found.payloads[0]);
    return std::string("none");
  };
  EXPECT_EQ(match(folded, "The Prime Minister spoke."), "1:2=1");
  EXPECT_EQ(match(folded, "THE PRIME MINISTER SPOKE"), "1:2=1");
  EXPECT_EQ(match(folded, "the prime ministers spoke"), "none");
  EXPECT_EQ(match(folded, "The O’Brien Group said"), "1:2=2");   // curly apostrophe, capitals
  EXPECT_EQ(match(folded, "The O’Briens Group said"), "none");
  EXPECT_EQ(match(exact, "in Côte d’Ivoire today"), "1:2=3");  // curly apostrophe in the second word
  EXPECT_EQ(match(exact, "in Côte d'Ivoire today"), "1:2=3");
  EXPECT_EQ(match(exact, "in Côte D'Ivoire today"), "none");   // case counts here
  EXPECT_EQ(match(exact, "the prime minister"), "none");
}

TEST(StringArena, ViewsStayValidAcrossBlocks) {
  StringArena arena;
  std::vector<std::string_view> views;
  std::string big(100000, 'x');  // larger than a block
  for (int i = 0; i < 20000; ++i) views.push_back(arena.add(i % 5000 == 0 ? big : "word" + std::to_string(i)));
  for (int i = 0; i < 20000; ++i) EXPECT_EQ(views[i], i % 5000 == 0 ? big : "word" + std::to_string(i));
}

}  // namespace
}  // namespace sitrep
