// The learning library: model files (and every way reading one can fail),
// the compact linear model, and the perceptron's determinism.
#include <gtest/gtest.h>

#include <string>

#include "learn/feature_hash.h"
#include "learn/linear_model.h"
#include "learn/model_file.h"
#include "learn/perceptron.h"
#include "temp_dir.h"

namespace sitrep::learn {
namespace {

ModelFile sample_file() {
  ModelFile f;
  f.kind = "tagger";
  f.header = {{"corpora", "UD_English-EWT 15d613d8447b (train)"}, {"licence", "CC BY-SA 4.0"}};
  f.sections = {{"classes", serialize_labels({"NOUN|NN", "VERB|VB"})}, {"weights", std::string(40, 'x')}};
  return f;
}

std::string error_of(const std::string& bytes, const std::string& path, std::string_view kind = "tagger") {
  try {
    ModelFile::parse(bytes, path, kind);
  } catch (const ModelError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ModelFile, RoundTripsHeaderAndSections) {
  ModelFile f = sample_file();
  std::string bytes = f.serialize();
  EXPECT_EQ(bytes.rfind("sitrep-model 2\nkind: tagger\ncorpora: UD_English-EWT", 0), 0u) << "a readable header";
  ModelFile g = ModelFile::parse(bytes, "m.model", "tagger");
  EXPECT_EQ(g.meta("licence"), "CC BY-SA 4.0");
  EXPECT_EQ(g.meta("nothing"), "");
  EXPECT_EQ(parse_labels(g.section("classes"), "m"), (std::vector<std::string>{"NOUN|NN", "VERB|VB"}));
  EXPECT_EQ(g.section("weights"), std::string(40, 'x'));
  EXPECT_THROW(g.section("missing"), ModelError);
}

TEST(ModelFile, MissingFileNamesIt) {
  try {
    ModelFile::read("/nonexistent/dir/tagger.model", "tagger");
    FAIL() << "no error";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/tagger.model: cannot open model file"), std::string::npos)
        << e.what();
  }
}

TEST(ModelFile, TruncatedFileAtEveryLengthFailsCleanly) {
  const std::string bytes = sample_file().serialize();
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::string message = error_of(bytes.substr(0, n), "data/models/t.model");
    EXPECT_EQ(message.rfind("data/models/t.model: ", 0), 0u) << "length " << n << ": " << message;
  }
  EXPECT_NE(error_of(bytes.substr(0, bytes.size() - 3), "t.model").find("truncated"), std::string::npos);
}

TEST(ModelFile, CorruptByteFailsTheChecksum) {
  std::string bytes = sample_file().serialize();
  bytes[bytes.size() - 20] ^= 0x40;  // inside the weights section
  EXPECT_EQ(error_of(bytes, "t.model"), "t.model: corrupt model file (checksum mismatch)");
}

TEST(ModelFile, WrongVersionOrKindOrNoMagic) {
  std::string bytes = sample_file().serialize();
  std::string v1 = bytes;
  v1.replace(0, 14, "sitrep-model 1");
  EXPECT_NE(error_of(v1, "t.model").find("t.model: model format version 1, but this sitrep reads version 2"),
            std::string::npos);
  EXPECT_EQ(error_of(bytes, "t.model", "parser"), "t.model: a tagger model, not a parser model");
  EXPECT_NE(error_of("GIF89a....", "t.model").find("not a sitrep model file"), std::string::npos);
}

TEST(ModelFile, WritesAndReadsAFile) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/m.model";
  sample_file().write(path);
  EXPECT_EQ(ModelFile::read(path, "tagger").section("weights"), std::string(40, 'x'));
  EXPECT_THROW(sample_file().write(dir.path() + "/no/such/dir/m.model"), ModelError);
}

TEST(LinearModel, ScoresAndRoundTrips) {
  std::vector<LinearModel::Row> rows = {{feature(1, 10), {{0, 5}, {2, -3}}}, {feature(2, 20), {{1, 7}}}};
  LinearModel m(3, 100.0f, rows);
  EXPECT_EQ(m.features(), 2u);
  EXPECT_EQ(m.weights(), 3u);
  std::vector<uint32_t> f = {feature(1, 10), feature(2, 20), feature(3, 30)};
  std::vector<int32_t> scores(3);
  m.score(f, scores);
  EXPECT_EQ(scores, (std::vector<int32_t>{5, 7, -3}));
  LinearModel back = LinearModel::parse(m.serialize(), "w");
  EXPECT_EQ(back.serialize(), m.serialize());
  back.score(f, scores);
  EXPECT_EQ(scores, (std::vector<int32_t>{5, 7, -3}));
  EXPECT_FLOAT_EQ(back.scale(), 100.0f);
}

// Dense and sparse rows, for every number of classes (13, the name model's,
// takes a path of its own), add what a plain sum over the weights gives.
TEST(LinearModel, DenseAndSparseRowsAddTheirWeights) {
  for (size_t classes : {2u, 5u, 12u, 13u, 14u, 45u}) {
    std::vector<LinearModel::Row> rows;
    std::vector<std::vector<int32_t>> expected;
    for (uint32_t r = 0; r < 6; ++r) {
      LinearModel::Row row{feature(7, r), {}};
      std::vector<int32_t> e(classes, 0);
      // Rows 0-2 weigh on every class (dense), rows 3-5 on one in three (sparse).
      for (size_t c = 0; c < classes; ++c)
        if (r < 3 || c % 3 == r % 3) {
          const auto w = static_cast<int16_t>(static_cast<int>(c * 7 + r * 13) % 41 - 20);
          row.weights.push_back({static_cast<uint16_t>(c), w});
          e[c] = w;
        }
      rows.push_back(row);
      expected.push_back(e);
    }
    const LinearModel m(classes, 1.0f, rows);
    std::vector<uint32_t> keys;
    std::vector<int32_t> want(classes, 0), got(classes);
    for (uint32_t r = 0; r < 6; ++r) {
      keys.push_back(feature(7, r));
      for (size_t c = 0; c < classes; ++c) want[c] += expected[r][c];
    }
    m.score(keys, got);
    EXPECT_EQ(got, want) << classes << " classes";
  }
}

TEST(LinearModel, MalformedWeightsThrowNamingTheSection) {
  LinearModel m(3, 1.0f, {{feature(1, 10), {{0, 5}, {2, -3}}}});
  std::string bytes = m.serialize();
  for (size_t n = 0; n < bytes.size(); ++n) EXPECT_THROW(LinearModel::parse(bytes.substr(0, n), "w"), ModelError);
  std::string bad_class = LinearModel(9, 1.0f, {{feature(1, 10), {{8, 5}}}}).serialize();
  bad_class[0] = 5;  // now 5 classes, but the row weighs class 8
  try {
    LinearModel::parse(bad_class, "tagger.model (weights)");
    FAIL();
  } catch (const ModelError& e) {
    EXPECT_EQ(std::string(e.what()), "tagger.model (weights): corrupt weights (class 8 of 5)");
  }
  // A slot pointing past the pool.
  std::string bad_row = LinearModel(9, 1.0f, {{feature(1, 10), {{8, 5}}}}).serialize();
  for (size_t i = 32; i + 8 <= bad_row.size(); i += 8)
    if (bad_row.substr(i, 4) != std::string(4, '\0')) bad_row[i + 5] = 0x7f;  // the first used slot's row offset
  EXPECT_THROW(LinearModel::parse(bad_row, "w"), ModelError);
}

// A toy problem: the class is the feature's value mod 3, with a noise feature.
LinearModel train_toy(uint64_t seed) {
  Perceptron p(3);
  Random r(seed);
  std::vector<float> scores(3);
  for (int i = 0; i < 3000; ++i) {
    const uint64_t v = r.below(50);
    const size_t truth = v % 3;
    std::vector<uint32_t> f = {feature(1, v), feature(2, r.below(4)), feature(3, 0)};
    std::fill(scores.begin(), scores.end(), 0.0f);
    p.score(f, scores);
    const size_t guess = static_cast<size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    p.update(f, truth, guess);
    p.next_example();
  }
  return p.average({});
}

TEST(Perceptron, LearnsAndIsDeterministic) {
  LinearModel a = train_toy(5), b = train_toy(5);
  EXPECT_EQ(a.serialize(), b.serialize());
  EXPECT_NE(a.serialize(), train_toy(6).serialize());
  size_t right = 0;
  std::vector<int32_t> scores(3);
  for (uint64_t v = 0; v < 50; ++v) {
    std::vector<uint32_t> f = {feature(1, v), feature(2, 1), feature(3, 0)};
    a.score(f, scores);
    right += static_cast<size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin()) == v % 3;
  }
  EXPECT_GE(right, 45u);  // chance is about 17
}

TEST(Perceptron, SmallWeightsArePruned) {
  Perceptron p(2);
  std::vector<uint32_t> strong = {feature(1, 1)}, weak = {feature(2, 2)};
  for (int i = 0; i < 100; ++i) {
    p.update(strong, 0, 1);
    p.next_example();
  }
  p.update(weak, 0, 1);
  p.next_example();
  EXPECT_EQ(p.average({}).features(), 2u);
  EXPECT_EQ(p.average({.min_weight = 0.5f}).features(), 1u);
}

}  // namespace
}  // namespace sitrep::learn
