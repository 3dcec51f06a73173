// Lemmatizer: WordNet morphy guided by the tag, on single words and on
// tagged sentences.
#include "lexicon/lemmatizer.h"

#include <gtest/gtest.h>

#include "lexicon/tagger.h"
#include "test_util.h"
#include "text/sentences.h"
#include "text/tokenizer.h"

namespace sitrep {
namespace {

const Lemmatizer& lemmatizer() {
  static std::unique_ptr<Lemmatizer> l = Lemmatizer::load(SITREP_SOURCE_DATA_DIR);
  return *l;
}

struct Case {
  const char* word;
  const char* tag;
  const char* lemma;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.word << "/" << c.tag; }
};

class LemmaCases : public ::testing::TestWithParam<Case> {};

TEST_P(LemmaCases, AsWordNetWould) {
  const Case& c = GetParam();
  Pos tag = Tagger::parse_tag(c.tag);
  ASSERT_NE(tag, Pos::kUnknown) << c.tag;
  EXPECT_EQ(lemmatizer().lemma(c.word, tag), c.lemma);
}

const Case kCases[] = {
    // Regular verbs, by the detachment rules.
    {"resigned", "VBD", "resign"}, {"killed", "VBN", "kill"}, {"closes", "VBZ", "close"},
    {"passes", "VBZ", "pass"}, {"making", "VBG", "make"}, {"following", "VBG", "follow"},
    {"agreed", "VBD", "agree"}, {"carried", "VBD", "carry"}, {"planned", "VBD", "plan"},
    {"running", "VBG", "run"}, {"Following", "VBG", "follow"}, {"ATTACKED", "VBD", "attack"},
    // Irregular verbs, from verb.exc.
    {"said", "VBD", "say"}, {"went", "VBD", "go"}, {"taken", "VBN", "take"}, {"fled", "VBD", "flee"},
    {"was", "VBD", "be"}, {"is", "VBZ", "be"}, {"are", "VBP", "be"}, {"has", "VBZ", "have"},
    // Clitics and the stems of n't.
    {"’s", "VBZ", "be"}, {"'re", "VBP", "be"}, {"’ll", "MD", "will"}, {"ca", "MD", "can"},
    {"wo", "MD", "will"}, {"n't", "RB", "not"}, {"n’t", "RB", "not"}, {"’s", "POS", "’s"},
    // Nouns.
    {"militants", "NNS", "militant"}, {"buses", "NNS", "bus"}, {"churches", "NNS", "church"},
    {"casualties", "NNS", "casualty"}, {"men", "NNS", "man"}, {"children", "NNS", "child"},
    {"crises", "NNS", "crisis"}, {"policemen", "NNS", "policeman"}, {"news", "NN", "news"},
    {"series", "NNS", "series"}, {"Palestinians", "NNPS", "Palestinian"}, {"Haliva", "NNP", "Haliva"},
    // Adjectives and adverbs.
    {"better", "JJR", "good"}, {"worst", "JJS", "bad"}, {"larger", "JJR", "large"}, {"biggest", "JJS", "big"},
    {"heavier", "JJR", "heavy"}, {"better", "RBR", "well"}, {"faster", "RBR", "fast"}, {"Israeli", "JJ", "israeli"},
    // Everything else is the word in lower case.
    {"The", "DT", "the"}, {"He", "PRP", "he"}, {"quickly", "RB", "quickly"}, {"resign", "VB", "resign"},
    // Not a WordNet lemma: the word stays.
    {"rebombed", "VBD", "rebombed"}, {"Zelenskyy", "NN", "Zelenskyy"},
};

INSTANTIATE_TEST_SUITE_P(Lemma, LemmaCases, ::testing::ValuesIn(kCases));

TEST(LemmaPipeline, TaggedSentence) {
  Pipeline p;
  p.add(std::make_unique<Tokenizer>(testing::abbreviations()));
  p.add(std::make_unique<SentenceSplitter>(testing::abbreviations()));
  p.add(Tagger::load(SITREP_SOURCE_DATA_DIR));
  p.add(Lemmatizer::load(SITREP_SOURCE_DATA_DIR));
  Document doc(Article{.text = "Haliva’s deputies resigned after militants said they’d fired better rockets."});
  p.run(doc);
  ASSERT_EQ(doc.lemmas.size(), doc.tokens.size());
  std::string joined;
  for (std::string_view l : doc.lemmas) joined += std::string(l) + " ";
  EXPECT_EQ(joined, "Haliva ’s deputy resign after militant say they would fire good rocket . ");
}

TEST(LemmaPipeline, ViewsPointIntoTextOrStorage) {
  Document doc(Article{.text = "Militants fired rockets."});
  doc.tokens = {{0, 9, TokenKind::kWord, kUpperInitial}, {10, 15, TokenKind::kWord, 0},
                {16, 23, TokenKind::kWord, 0}, {23, 24, TokenKind::kPunct, 0}};
  doc.pos = {Pos::kNNS, Pos::kVBD, Pos::kNNS, Pos::kPunct};
  lemmatizer().run(doc);
  const char* begin = doc.article.text.data();
  const char* end = begin + doc.article.text.size();
  // "rocket" is a prefix of "rockets": a view into the text.
  EXPECT_EQ(doc.lemmas[2], "rocket");
  EXPECT_TRUE(doc.lemmas[2].data() >= begin && doc.lemmas[2].data() < end);
  // "militant" needs lower case: a view into storage.
  EXPECT_EQ(doc.lemmas[0], "militant");
  EXPECT_FALSE(doc.lemmas[0].data() >= begin && doc.lemmas[0].data() < end);
  EXPECT_EQ(doc.lemmas[3], ".");
}

TEST(LemmaPipeline, WithoutTagsWordsAreLowerCased) {
  Document doc(Article{.text = "The Officials Haliva"});
  doc.tokens = {{0, 3, TokenKind::kWord, kUpperInitial}, {4, 13, TokenKind::kWord, kUpperInitial},
                {14, 20, TokenKind::kWord, kUpperInitial}};
  lemmatizer().run(doc);
  EXPECT_EQ(doc.lemmas[0], "the");
  EXPECT_EQ(doc.lemmas[1], "officials");
  EXPECT_EQ(doc.lemmas[2], "Haliva");  // in no lexicon: no lower-case copy to point at
}

TEST(LemmaPipeline, NeedsTheTagger) {
  Pipeline p;
  p.add(std::make_unique<Tokenizer>(testing::abbreviations()));
  EXPECT_THROW(p.add(Lemmatizer::load(SITREP_SOURCE_DATA_DIR)), std::logic_error);
}

TEST(LemmaLoad, MalformedFileNamesFileAndLine) {
  const std::string header = "# source: test\n# licence: CC0-1.0\n";
  TsvTable lemmas = parse_tsv(header + "lemma\tpos\nsay\tv\n", "lemmas.tsv");
  TsvTable rules = parse_tsv(header + "pos\tsuffix\tending\nv\ted\t\n", "rules.tsv");
  TsvTable vocabulary = parse_tsv(header + "word\ttag\tlogprob\nthe\tDT\t-0.5\n", "lex.tsv");
  TsvTable good = parse_tsv(header + "form\tlemma\tpos\nsaid\tsay\tv\n", "exc.tsv");
  Lemmatizer ok(good, lemmas, rules, vocabulary);
  EXPECT_EQ(ok.lemma("said", Pos::kVBD), "say");
  EXPECT_EQ(ok.lemma("sayed", Pos::kVBD), "say");
  try {
    Lemmatizer(parse_tsv(header + "form\tlemma\tpos\nsaid\tsay\tv\nmen\tman\tx\n", "exc.tsv"), lemmas, rules,
               vocabulary);
    FAIL() << "no error";
  } catch (const TsvError& e) {
    EXPECT_STREQ(e.what(), "exc.tsv:5: part of speech 'x' is not one of n v a r");
  }
}

}  // namespace
}  // namespace sitrep
