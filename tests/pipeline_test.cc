#include "sitrep/pipeline.h"

#include <gtest/gtest.h>

#include "sitrep/engine.h"

namespace sitrep {
namespace {

class FakeStage : public Stage {
 public:
  FakeStage(LayerSet needs, LayerSet gives) : needs_(needs), gives_(gives) {}
  std::string_view name() const override { return "fake"; }
  LayerSet requires_layers() const override { return needs_; }
  LayerSet assigns_layers() const override { return gives_; }
  void run(Document& doc) const override { doc.warn("ran"); }

 private:
  LayerSet needs_, gives_;
};

TEST(Pipeline, RefusesAStageWhoseInputsNoEarlierStageAssigns) {
  Pipeline p;
  try {
    p.add(std::make_unique<FakeStage>(kTokensLayer | kSentencesLayer, kQuotesLayer));
    FAIL() << "no error";
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "stage 'fake' needs tokens, sentences, which no earlier stage assigns");
  }
}

TEST(Pipeline, RunsStagesInOrder) {
  Pipeline p;
  p.add(std::make_unique<FakeStage>(0, kTokensLayer));
  p.add(std::make_unique<FakeStage>(kTokensLayer, kSentencesLayer));
  Document doc;
  p.run(doc);
  EXPECT_EQ(doc.diagnostics.size(), 2u);
  EXPECT_EQ(p.assigned(), kTokensLayer | kSentencesLayer);
}

TEST(Pipeline, StandardPipelineFillsTokensAndSentences) {
  Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "x", .text = "Title\n\nOne. Two."});
  p.run(doc);
  EXPECT_EQ(doc.sentences.size(), 3u);
  EXPECT_EQ(doc.paragraphs.size(), 2u);
}

TEST(Pipeline, MissingDataFolderIsExplained) {
  EXPECT_THROW(locate_data("/nonexistent"), std::runtime_error);
}

}  // namespace
}  // namespace sitrep
