// The learnt tagger and the parser with the committed models: sentences
// written for these tests (subjects, objects, passives, coordination),
// well-formed trees on any input, long sentences in pieces, every way a
// model file can be wrong, and deterministic training.
#include "syntax/dependency_parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "learn/feature_hash.h"
#include "sitrep/engine.h"
#include "syntax/conllu.h"
#include "syntax/parser_trainer.h"
#include "syntax/perceptron_tagger.h"
#include "syntax/syntax.h"
#include "syntax/tagger_trainer.h"
#include "temp_dir.h"

namespace sitrep {
namespace {

const std::string kModels = std::string(SITREP_SOURCE_DATA_DIR) + "/models/";

const Pipeline& syntax() {
  static Pipeline p = build_syntax_pipeline(SITREP_SOURCE_DATA_DIR, {});
  return p;
}

Document parsed(std::string_view text) {
  Document doc(Article{.text = std::string(text)});
  syntax().run(doc);
  return doc;
}

int32_t at(const Document& doc, std::string_view word) {
  for (size_t i = 0; i < doc.tokens.size(); ++i)
    if (doc.text_of(doc.tokens[i]) == word) return static_cast<int32_t>(i);
  ADD_FAILURE() << "no token " << word;
  return kNone;
}

// Every sentence is a tree: heads inside the sentence, one root, no cycle.
void expect_trees(const Document& doc) {
  ASSERT_EQ(doc.heads.size(), doc.tokens.size());
  for (const Sentence& s : doc.sentences) {
    size_t roots = 0;
    for (uint32_t t = s.first_token; t < s.end_token; ++t) {
      const int32_t h = doc.heads[t];
      if (h == kNone) {
        ++roots;
        EXPECT_EQ(doc.relations[t], DepRel::kRoot);
        continue;
      }
      EXPECT_GE(h, static_cast<int32_t>(s.first_token));
      EXPECT_LT(h, static_cast<int32_t>(s.end_token));
      int32_t x = static_cast<int32_t>(t);
      size_t steps = 0;
      while (x != kNone && steps++ <= doc.tokens.size()) x = doc.heads[x];
      EXPECT_EQ(x, kNone) << "a cycle through token " << t;
    }
    const size_t pieces = (s.end_token - s.first_token + DependencyParser::kMaxWords - 1) / DependencyParser::kMaxWords;
    EXPECT_EQ(roots, pieces);
  }
}

TEST(DependencyParser, SubjectsObjectsAndPassives) {
  Document d = parsed("Police arrested the man on Monday.");
  DependencyTree t(d);
  EXPECT_EQ(t.subject(at(d, "arrested")), at(d, "Police"));
  EXPECT_EQ(t.object(at(d, "arrested")), at(d, "man"));
  EXPECT_EQ(d.upos[at(d, "arrested")], Upos::kVERB);
  EXPECT_EQ(d.xpos[at(d, "arrested")], "VBD");

  Document p = parsed("The man was arrested by police in the capital.");
  DependencyTree u(p);
  const int32_t v = at(p, "arrested");
  EXPECT_TRUE(u.is_passive(v));
  EXPECT_EQ(u.patient(v), at(p, "man"));
  EXPECT_EQ(u.agent(v), at(p, "police"));
  EXPECT_EQ(p.relations[at(p, "man")], DepRel::kNsubjPass);
}

TEST(DependencyParser, Coordination) {
  Document d = parsed("Rescue teams searched the river and found a boat.");
  DependencyTree t(d);
  EXPECT_EQ(d.relations[at(d, "found")], DepRel::kConj);
  EXPECT_EQ(t.subject(at(d, "found")), at(d, "teams"));
  EXPECT_EQ(t.object(at(d, "found")), at(d, "boat"));
  Document n = parsed("Egypt and Jordan signed the agreement.");
  DependencyTree u(n);
  EXPECT_EQ(u.conjuncts(at(n, "Jordan")), (std::vector<int32_t>{at(n, "Egypt"), at(n, "Jordan")}));
  EXPECT_EQ(u.subject(at(n, "signed")), at(n, "Egypt"));
}

TEST(DependencyParser, ReducedRelative) {
  Document d = parsed("He was one of six executives indicted in the case.");
  DependencyTree t(d);
  const int32_t v = at(d, "indicted");
  EXPECT_EQ(d.relations[v], DepRel::kAcl);
  EXPECT_TRUE(t.is_passive(v));
  EXPECT_EQ(t.patient(v), at(d, "executives"));
}

TEST(DependencyParser, AnyInputGivesTrees) {
  expect_trees(parsed("Police arrested the man. He was released on Monday, officials said."));
  expect_trees(parsed(""));
  expect_trees(parsed("..."));
  expect_trees(parsed("\xff\xfe broken \xc3 utf-8 ))) ((( 12,000 -- — http://x.org"));
  // A random run of tokens, and one sentence far longer than kMaxWords.
  learn::Random r(3);
  std::string noise;
  const char* words[] = {"the", "of", ",", "said", "Israel", "(", ")", "\"", "and", "12", "-", "attack", "which"};
  for (int i = 0; i < 2000; ++i) noise += std::string(words[r.below(std::size(words))]) + " ";
  Document long_one = parsed(noise);
  expect_trees(long_one);
  EXPECT_GT(long_one.tokens.size(), 3 * DependencyParser::kMaxWords);
}

TEST(DependencyParser, PrecomputedScoresMatchThePlainOnes) {
  // The fast path (single-word scores added up once per word) against the
  // reference (every feature at every move), on text and on noise.
  auto parser = DependencyParser::load(kModels + "parser.model");
  std::string text;
  for (const ConlluSentence& s : read_conllu(std::string(SITREP_TEST_DATA_DIR) + "/syntax/sample.conllu")) {
    for (const ConlluWord& w : s.words) text += w.form + " ";
    text += "\n\n";
  }
  learn::Random r(9);
  const char* words[] = {"the", "of", ",", "said", "Gaza", "(", "\"", "and", "12", "attack", "who", "was", "by"};
  for (int i = 0; i < 600; ++i) text += std::string(words[r.below(std::size(words))]) + (i % 40 == 39 ? ".\n" : " ");
  Document doc = parsed(text);
  ASSERT_GT(doc.sentences.size(), 10u);
  Document reference = doc;
  for (const Sentence& s : doc.sentences) {
    for (size_t b = s.first_token; b < s.end_token; b += DependencyParser::kMaxWords) {
      const size_t e = std::min<size_t>(b + DependencyParser::kMaxWords, s.end_token);
      parser->parse(doc, b, e, DependencyParser::Scoring::kPrecomputed);
      parser->parse(reference, b, e, DependencyParser::Scoring::kPerMove);
    }
  }
  EXPECT_EQ(doc.heads, reference.heads);
  EXPECT_EQ(doc.relations, reference.relations);
}

TEST(DependencyParser, ParsesOnlyTheSentencesTheFilterWants) {
  auto parser = DependencyParser::load(kModels + "parser.model", [](const Document& d, const Sentence& s) {
    return d.text_of(d.tokens[s.first_token]) == "Police";
  });
  Document d = parsed("Police arrested the man. Officials said so.");
  parser->run(d);
  ASSERT_EQ(d.sentences.size(), 2u);
  EXPECT_EQ(d.heads[at(d, "Police")], at(d, "arrested"));
  EXPECT_EQ(d.heads[at(d, "Officials")], kNone);
  EXPECT_EQ(d.relations[at(d, "Officials")], DepRel::kDep);
}

std::string model_error(const std::string& path, bool parser) {
  try {
    if (parser) {
      DependencyParser::load(path);
    } else {
      PerceptronTagger::load(path);
    }
  } catch (const learn::ModelError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The tagger's feature buffer holds every feature of the word that has them
// all: the first of its sentence, hyphenated, unknown to the WSJ lexicon, with
// HMM tags (49 keys; a buffer of 48 overflowed, which AddressSanitizer found
// under `sitrep parse`).
TEST(PerceptronTagger, FeatureBufferHoldsTheMostFeaturesAWordCanHave) {
  const std::string text = "Xqzv-plorg tested it";
  Document doc(Article{.text = text});
  std::vector<WordFeatures> words;
  size_t at = 0;
  for (std::string_view w : {"Xqzv-plorg", "tested", "it"}) {
    Token t;
    t.begin = static_cast<uint32_t>(text.find(w, at));
    t.end = t.begin + static_cast<uint32_t>(w.size());
    at = t.end;
    words.push_back(word_features(text, t));
  }
  const uint16_t ambiguity[3] = {kUnseenWord, kUnseenWord, kUnseenWord};
  const uint16_t lexicon[3] = {kUnseenWord, kUnseenWord, kUnseenWord};
  const Pos hmm[3] = {Pos::kNNP, Pos::kVBD, Pos::kPRP};
  const TaggerWords sentence{words.data(), ambiguity, lexicon, hmm, 3};
  std::vector<uint32_t> out(kMaxTaggerFeatures + 32, 0xdeadbeef);
  const size_t n = tagger_features(sentence, 0, kNoClass, kNoClass, out.data());
  EXPECT_LE(n, kMaxTaggerFeatures);
  EXPECT_GE(n, 49u);  // every optional feature was written
  EXPECT_EQ(out[kMaxTaggerFeatures], 0xdeadbeefu);
}

TEST(DependencyParser, BadModelFilesGiveErrorsNamingThem) {
  testing::TempDir dir;
  const std::string good = read_file(kModels + "parser.model");
  ASSERT_GT(good.size(), 1000u);
  const std::string missing = dir.path() + "/none.model";
  EXPECT_NE(model_error(missing, true).find(missing + ": cannot open model file"), std::string::npos);
  const std::string truncated = dir.write("truncated.model", good.substr(0, good.size() / 2));
  EXPECT_NE(model_error(truncated, true).find(truncated + ": truncated model file"), std::string::npos);
  std::string flipped = good;
  flipped[flipped.size() / 2] ^= 1;
  const std::string corrupt = dir.write("corrupt.model", flipped);
  EXPECT_EQ(model_error(corrupt, true), corrupt + ": corrupt model file (checksum mismatch)");
  std::string v9 = good;
  v9.replace(0, 14, "sitrep-model 9");
  const std::string version = dir.write("v9.model", v9);
  EXPECT_NE(model_error(version, true).find(version + ": model format version 9"), std::string::npos);
  EXPECT_EQ(model_error(kModels + "tagger.model", true), kModels + "tagger.model: a tagger model, not a parser model");
  const std::string empty = dir.write("empty.model", "");
  EXPECT_NE(model_error(empty, false).find(empty + ": not a sitrep model file"), std::string::npos);
  // The engine reports it as it reports a bad lexicon: an exception naming the file.
  std::filesystem::copy(SITREP_SOURCE_DATA_DIR, dir.path() + "/data", std::filesystem::copy_options::recursive);
  dir.write("data/models/parser.model", good.substr(0, 100));
  try {
    build_pipeline(dir.path() + "/data", EngineOptions{.parse = ParseScope::kNeeded});
    FAIL() << "no error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("data/models/parser.model: truncated model file"), std::string::npos)
        << e.what();
  }
}

TEST(DependencyParser, TrainingIsDeterministic) {
  const std::vector<ConlluSentence> sample = read_conllu(std::string(SITREP_TEST_DATA_DIR) + "/syntax/sample.conllu");
  ASSERT_EQ(sample.size(), 8u);
  TaggerTrainOptions t;
  t.epochs = 3;
  t.lexicon_dir = SITREP_SOURCE_DATA_DIR;
  t.header = {{"corpora", "tests/data/syntax/sample.conllu"}};
  const std::string tagger = train_tagger(sample, {}, t).serialize();
  EXPECT_EQ(train_tagger(sample, {}, t).serialize(), tagger);
  t.seed = 2;
  EXPECT_NE(train_tagger(sample, {}, t).serialize(), tagger) << "the seed changes the order";
  ParserTrainOptions p;
  p.epochs = 4;
  const std::string parser = train_parser(sample, {}, p).serialize();
  EXPECT_EQ(train_parser(sample, {}, p).serialize(), parser);
  // What it learnt parses its own training sentences mostly right.
  DependencyParser trained(learn::ModelFile::parse(parser, "sample.model", "parser"));
  ParseAccuracy a = evaluate_parser(trained, sample);
  EXPECT_GT(static_cast<double>(a.heads) / a.words, 0.8);
}

}  // namespace
}  // namespace sitrep
