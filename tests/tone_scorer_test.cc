// The tone stage on sentences written for these tests: one test per VADER
// rule (negation, "no", "least", boosters and dampeners, capitals, "but",
// punctuation), the article's GDELT fields, the tone toward an entity with
// quotes left to their speaker, and the lexicon's errors.
#include "tone/tone_scorer.h"
#include "sitrep/engine.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/tsv.h"
#include "entities/entity_linker.h"
#include "entities/name_finder.h"
#include "entities/name_lexicon.h"
#include "lexicon/gazetteer.h"
#include "lexicon/lemmatizer.h"
#include "lexicon/tagger.h"
#include "speech/quote_finder.h"
#include "test_util.h"
#include "text/sentences.h"
#include "text/tokenizer.h"

namespace sitrep {
namespace {

const std::shared_ptr<const ToneLexicon>& lexicon() {
  static auto lex = ToneLexicon::load(SITREP_SOURCE_DATA_DIR);
  return lex;
}

// The stages the tone stage reads, up to quotes; no coreference, so the tests
// do not wait for its lexicons.
const Pipeline& pipeline() {
  static Pipeline p = [] {
    const std::string data = SITREP_SOURCE_DATA_DIR;
    auto abbreviations = testing::abbreviations();
    Tokenizer tokenizer(abbreviations);
    auto places = Gazetteer::load(data, tokenizer);
    auto names = NameLexicon::load(data, tokenizer);
    Pipeline built;
    built.add(std::make_unique<Tokenizer>(abbreviations));
    built.add(std::make_unique<SentenceSplitter>(abbreviations));
    built.add(Tagger::load(data));
    built.add(Lemmatizer::load(data));
    built.add(std::make_unique<NameFinder>(places, names, abbreviations));
    built.add(std::make_unique<EntityLinker>(places, names));
    built.add(std::make_unique<QuoteFinder>(data));
    built.add(std::make_unique<ToneScorer>(lexicon()));
    return built;
  }();
  return p;
}

const ToneScorer& scorer() { return static_cast<const ToneScorer&>(*pipeline().stages().back()); }

Document run(const std::string& text) {
  Document doc(Article{.id = "t", .text = text});
  pipeline().run(doc);
  return doc;
}

bool in_lexicon(std::string_view word) {
  const ToneWord* w = lexicon()->find(word);
  return w && w->in_lexicon && w->valence != 0;
}

float listed(std::string_view word) {
  const ToneWord* w = lexicon()->find(word);
  EXPECT_TRUE(w && w->in_lexicon) << word << " is not in data/tone_lexicon.tsv";
  return w && w->in_lexicon ? w->valence : 0;
}

// The valence the rules give the token that reads `word` (its first occurrence).
float valence_of(const std::string& text, std::string_view word) {
  Document doc = run(text);
  const std::vector<float> v = scorer().valences(doc);
  for (size_t t = 0; t < doc.tokens.size(); ++t)
    if (doc.text_of(doc.tokens[t]) == word) return v[t];
  ADD_FAILURE() << "no token '" << word << "' in: " << text;
  return 0;
}

double sentence_compound(const std::string& text) {
  Document doc = run(text);
  return ToneScorer::compound(doc, scorer().valences(doc), 0, doc.tokens.size());
}

constexpr float kNegation = -0.74f, kBoost = 0.293f, kCaps = 0.733f;

TEST(ToneScorer, AWordHasItsListedValence) {
  EXPECT_NEAR(valence_of("The talks were good.", "good"), listed("good"), 1e-5);
  EXPECT_NEAR(valence_of("The talks were terrible.", "terrible"), listed("terrible"), 1e-5);
  EXPECT_EQ(valence_of("The talks were held in Geneva.", "held"), 0);
}

TEST(ToneScorer, NegationFlipsAndDampens) {
  EXPECT_NEAR(valence_of("The talks were not good.", "good"), listed("good") * kNegation, 1e-5);
  // A clitic negates as its word does ("didn't" is one of VADER's words).
  EXPECT_NEAR(valence_of("The plan didn't help.", "help"), listed("help") * kNegation, 1e-5);
  EXPECT_NEAR(valence_of("The plan didn’t help.", "help"), listed("help") * kNegation, 1e-5);
  // Up to three words before; a fourth is too far.
  EXPECT_NEAR(valence_of("It was not in any way good.", "good"), listed("good"), 1e-5);
  EXPECT_NEAR(valence_of("It was not in fact good.", "good"), listed("good") * kNegation, 1e-5);
  // "never so" emphasises rather than negates: "so" is a booster, and VADER's
  // checks at two and at three words before both see "so" (x1.25 each).
  EXPECT_NEAR(valence_of("Relations were never so good.", "good"), (listed("good") + kBoost) * 1.25f * 1.25f, 1e-5);
  EXPECT_LT(sentence_compound("The talks were not good."), -0.05);
}

TEST(ToneScorer, NoNegatesTheWordAfterIt) {
  // "no" is in the lexicon itself; before a tone word it gives up its own valence.
  Document doc = run("There was no good news.");
  const std::vector<float> v = scorer().valences(doc);
  for (size_t t = 0; t < doc.tokens.size(); ++t) {
    if (doc.text_of(doc.tokens[t]) == "no") {
      EXPECT_EQ(v[t], 0);
    }
    if (doc.text_of(doc.tokens[t]) == "good") {
      EXPECT_NEAR(v[t], listed("good") * kNegation, 1e-5);
    }
  }
  EXPECT_NEAR(valence_of("The answer was no.", "no"), listed("no"), 1e-5);
}

TEST(ToneScorer, LeastNegatesButNotAtLeast) {
  EXPECT_NEAR(valence_of("It was the least effective plan.", "effective"), listed("effective") * kNegation, 1e-5);
  EXPECT_NEAR(valence_of("It was at least effective.", "effective"), listed("effective"), 1e-5);
}

TEST(ToneScorer, BoostersAndDampenersChangeTheMagnitude) {
  EXPECT_NEAR(valence_of("The talks were extremely good.", "good"), listed("good") + kBoost, 1e-5);
  EXPECT_NEAR(valence_of("The talks were extremely bad.", "bad"), listed("bad") - kBoost, 1e-5);
  EXPECT_NEAR(valence_of("The talks were slightly good.", "good"), listed("good") - kBoost, 1e-5);
  // Two words away, 95% of the step.
  EXPECT_NEAR(valence_of("The talks were extremely and good.", "good"), listed("good") + kBoost * 0.95f, 1e-5);
  // The booster itself carries no tone.
  EXPECT_EQ(valence_of("The talks were extremely good.", "extremely"), 0);
  // Boosted, then negated: "not extremely good" is mildly negative.
  EXPECT_NEAR(valence_of("The talks were not extremely good.", "good"), (listed("good") + kBoost) * kNegation, 1e-5);
}

TEST(ToneScorer, CapitalsEmphasiseOnlyAmongLowerCase) {
  EXPECT_NEAR(valence_of("The talks were GOOD, officials said.", "GOOD"), listed("good") + kCaps, 1e-5);
  EXPECT_NEAR(valence_of("The talks were BAD, officials said.", "BAD"), listed("bad") - kCaps, 1e-5);
  // A sentence all in capitals (a headline) has no emphasis.
  EXPECT_NEAR(valence_of("TALKS WERE GOOD", "GOOD"), listed("good"), 1e-5);
  // A booster in capitals adds the step too.
  EXPECT_NEAR(valence_of("The talks were EXTREMELY good.", "good"), listed("good") + kBoost + kCaps, 1e-5);
}

TEST(ToneScorer, ButHalvesWhatComesBeforeAndStrengthensWhatFollows) {
  const std::string s = "The food was good, but the service was terrible.";
  EXPECT_NEAR(valence_of(s, "good"), listed("good") * 0.5f, 1e-5);
  EXPECT_NEAR(valence_of(s, "terrible"), listed("terrible") * 1.5f, 1e-5);
  EXPECT_LT(sentence_compound(s), -0.05);
  EXPECT_GT(sentence_compound("The service was terrible, but the food was good."), 0.05);
  // Only the first "but" counts.
  const std::string two = "The plan was good but costly but fair.";
  EXPECT_NEAR(valence_of(two, "fair"), listed("fair") * 1.5f, 1e-5);
}

TEST(ToneScorer, ExclamationsEmphasiseTheCompound) {
  const double plain = sentence_compound("The talks were good.");
  EXPECT_GT(sentence_compound("The talks were good!"), plain);
  EXPECT_NEAR(plain, listed("good") / std::sqrt(listed("good") * listed("good") + 15.0), 1e-5);
  EXPECT_EQ(sentence_compound("The talks were held in Geneva!"), 0);
}

TEST(ToneScorer, ArticleFieldsArePercentagesOfWords) {
  Document doc = run("She said they won the good fight. It was not bad.");
  ASSERT_TRUE(doc.has_tone);
  const ArticleTone& t = doc.tone;
  EXPECT_EQ(t.words, 11u);  // She said they won the good fight It was not bad
  EXPECT_NEAR(t.tone, t.positive - t.negative, 1e-9);
  EXPECT_GT(t.positive, 0);
  // "bad" negated counts towards the positive side with weight 0.74, not the negative.
  const int tone_words = in_lexicon("won") + in_lexicon("good") + in_lexicon("fight") + in_lexicon("bad");
  EXPECT_NEAR(t.polarity, 100.0 * tone_words / 11, 1e-9);
  // Pronouns: She, they, It; content verbs: said, won (not "was").
  EXPECT_NEAR(t.self_group, 100.0 * 3 / 11, 1e-9);
  EXPECT_NEAR(t.activity, 100.0 * 2 / 11, 1e-9);
  Document empty = run("...");
  EXPECT_TRUE(empty.has_tone);
  EXPECT_EQ(empty.tone.words, 0u);
  EXPECT_EQ(empty.tone.tone, 0);
}

TEST(ToneScorer, ToneTowardAnEntityReadsItsSentences) {
  Document doc = run("Firefighters praised Maria Lopez for her courage. The weather was mild. Daniel Kerr was arrested "
                     "on charges of fraud.");
  ASSERT_EQ(doc.entity_tones.size(), doc.entities.size());
  int found = 0;
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const EntityTone& t = doc.entity_tones[e];
    if (doc.entities[e].name == "Maria Lopez") {
      EXPECT_GT(t.toward, 0.05);
      EXPECT_EQ(t.sentences, 1u);
      ++found;
    }
    if (doc.entities[e].name == "Daniel Kerr") {
      EXPECT_LT(t.toward, -0.05);
      ++found;
    }
  }
  EXPECT_EQ(found, 2);
}

// The tone of an entity named in a sentence; NAN when it has no entity.
double toward(const Document& doc, const std::string& name) {
  for (size_t e = 0; e < doc.entities.size(); ++e)
    if (doc.entities[e].name == name) return doc.entity_tones[e].toward;
  ADD_FAILURE() << "no entity " << name;
  return NAN;
}

TEST(ToneScorer, AClauseOfContrastThatNamesOthersOnlySaysNothingOfAnEntity) {
  // ", while": each side takes its own clause's tone
  Document doc = run("Daniel Kerr won praise for the rescue, while Maria Lopez was accused of fraud.");
  EXPECT_GT(toward(doc, "Daniel Kerr"), 0.05);
  EXPECT_LT(toward(doc, "Maria Lopez"), -0.05);
  // "but" and ";" split too
  Document but = run("Daniel Kerr was accused of fraud, but Maria Lopez won praise for her courage.");
  EXPECT_LT(toward(but, "Daniel Kerr"), -0.05);
  EXPECT_GT(toward(but, "Maria Lopez"), 0.05);
  Document semi = run("Daniel Kerr failed badly; Maria Lopez won praise for her courage.");
  EXPECT_LT(toward(semi, "Daniel Kerr"), -0.05);
  EXPECT_GT(toward(semi, "Maria Lopez"), 0.05);
  // A clause that names no one stays the entity's ("was jailed, but hailed as a hero").
  Document one = run("Daniel Kerr was accused of fraud, but was later praised as a hero and a good man.");
  EXPECT_GT(toward(one, "Daniel Kerr"), 0.05);
  // A possessive names its owner in passing: the clause is the other's (the
  // whole engine: coreference makes "its" a mention of the first company).
  static const Pipeline engine = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document possessive(Article{.id = "t", .text = "Halvorsen Shipping won praise for the rescue, but its supplier "
                                                   "Ferrow Steel was accused of fraud."});
  engine.run(possessive);
  EXPECT_GT(toward(possessive, "Halvorsen Shipping"), 0.05);
  EXPECT_LT(toward(possessive, "Ferrow Steel"), -0.05);
  // A sentence that opens with "Whereas", "Although" ...: its first clause ends at the comma.
  Document opening = run("Whereas Daniel Kerr won praise for the rescue, Maria Lopez was accused of fraud.");
  EXPECT_GT(toward(opening, "Daniel Kerr"), 0.05);
  EXPECT_LT(toward(opening, "Maria Lopez"), -0.05);
  // Without a clause of contrast, both share the sentence.
  Document shared = run("Daniel Kerr praised Maria Lopez for her courage.");
  EXPECT_EQ(toward(shared, "Daniel Kerr"), toward(shared, "Maria Lopez"));
}

TEST(ToneScorer, QuotesAreTheirSpeakersStanceNotTheArticles) {
  Document doc = run("“This deal is a disaster and a betrayal,” said Maria Lopez, the union leader.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  ASSERT_NE(doc.quotes[0].speaker, kNone);
  const EntityTone& t = doc.entity_tones[static_cast<size_t>(doc.quotes[0].speaker)];
  EXPECT_EQ(t.toward, 0);  // nothing in the article's own words
  EXPECT_EQ(t.sentences, 1u);
  EXPECT_EQ(t.quotes, 1u);
  EXPECT_LT(t.stance, -0.05);
  // The article's tone counts every word, quoted or not.
  EXPECT_LT(doc.tone.tone, 0);
}

TEST(ToneLexicon, BadFilesAreNamedWithTheirLine) {
  const std::string header = "# source: test\n# licence: CC0-1.0\n";
  const std::string mods = header + "word\tkind\tvalue\nnot\tnegation\t-0.74\n";
  try {
    ToneLexicon::parse(header + "word\tvalence\ngood\t1.9\nbad\tvery\n", "lex.tsv", mods, "mods.tsv");
    FAIL() << "a valence that is no number was accepted";
  } catch (const TsvError& e) {
    EXPECT_NE(std::string(e.what()).find("lex.tsv:5:"), std::string::npos) << e.what();
  }
  try {
    ToneLexicon::parse(header + "word\tvalence\ngood\t9\n", "lex.tsv", mods, "mods.tsv");
    FAIL() << "a valence beyond 4 was accepted";
  } catch (const TsvError& e) {
    EXPECT_NE(std::string(e.what()).find("lex.tsv:4:"), std::string::npos) << e.what();
  }
  try {
    ToneLexicon::parse(header + "word\tvalence\ngood\t1.9\n", "lex.tsv", mods + "very\tintensifier\t0.3\n", "mods.tsv");
    FAIL() << "an unknown kind was accepted";
  } catch (const TsvError& e) {
    EXPECT_NE(std::string(e.what()).find("mods.tsv:5: kind 'intensifier'"), std::string::npos) << e.what();
  }
  auto lex = ToneLexicon::parse(header + "word\tvalence\ngood\t1.9\n", "lex.tsv", mods, "mods.tsv");
  ASSERT_NE(lex->find("not"), nullptr);
  EXPECT_TRUE(lex->find("not")->negation);
  EXPECT_FALSE(lex->find("not")->in_lexicon);
}

}  // namespace
}  // namespace sitrep
