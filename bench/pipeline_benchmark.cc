// The whole pipeline and each of its stages over a news corpus (bench/corpus.h)
// of at least 20 MB, on one thread; and the time to load every lexicon.
//
//   build/bench/pipeline_benchmark      # medians of 5 repetitions
//
// BM_Stage/i times stage i alone: the stages before it run untimed first
// (items_per_second: tokens per second). The stages, in order: tokenizer,
// sentences, tagger (HMM), lemmatizer, perceptron tagger, parser, names,
// entities, coreference, times, quotes, speaker pronouns, claims, events, tone.
// Without the parser (the default) the name model is stage 4 and tone stage 13.
// The engine's default runs no parser (ParseScope::kNone); BM_PipelineParseAll
// and BM_ParseAll/i (stage i with every sentence parsed) give the figures with
// every sentence parsed. BM_PipelineNamesFromLists: names from the lists alone.
#include <benchmark/benchmark.h>

#include "corpus.h"
#include "sitrep/engine.h"

namespace {

constexpr size_t kMinCorpusBytes = size_t{20} << 20;

const sitrep::Pipeline& pipeline() {
  static sitrep::Pipeline p = sitrep::build_pipeline(sitrep::locate_data(""));
  return p;
}

const sitrep::Pipeline& pipeline_parse_all() {
  static sitrep::Pipeline p = sitrep::build_pipeline(sitrep::locate_data(""), {.parse = sitrep::ParseScope::kAll});
  return p;
}

const sitrep::Pipeline& pipeline_lists() {
  static sitrep::Pipeline p = sitrep::build_pipeline(sitrep::locate_data(""), {.names = sitrep::NameSource::kLists});
  return p;
}

const std::vector<sitrep::Article>& articles() {
  static std::vector<sitrep::Article> a = sitrep::bench::corpus(kMinCorpusBytes);
  return a;
}

size_t corpus_bytes() {
  size_t bytes = 0;
  for (const auto& a : articles()) bytes += a.text.size();
  return bytes;
}

// Tokens of the corpus, for words per second.
size_t corpus_tokens() {
  static size_t tokens = [] {
    size_t n = 0;
    for (const auto& a : articles()) {
      sitrep::Document d(a);
      pipeline().stages()[0]->run(d);
      n += d.tokens.size();
    }
    return n;
  }();
  return tokens;
}

void BM_LoadLexicons(benchmark::State& state) {
  const std::string data = sitrep::locate_data("");
  for (auto _ : state) benchmark::DoNotOptimize(sitrep::build_pipeline(data));
}
BENCHMARK(BM_LoadLexicons)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

void run_pipeline(benchmark::State& state, const sitrep::Pipeline& p) {
  std::vector<sitrep::Document> docs;
  for (auto _ : state) {
    state.PauseTiming();
    docs.clear();
    for (const auto& a : articles()) docs.emplace_back(a);
    state.ResumeTiming();
    for (auto& d : docs) p.run(d);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes()));
}

void BM_Pipeline(benchmark::State& state) { run_pipeline(state, pipeline()); }
BENCHMARK(BM_Pipeline)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true)->UseRealTime();

// Names from the lists alone (--names lists): the cost of the name model.
void BM_PipelineNamesFromLists(benchmark::State& state) { run_pipeline(state, pipeline_lists()); }
BENCHMARK(BM_PipelineNamesFromLists)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true)->UseRealTime();

void BM_PipelineParseAll(benchmark::State& state) { run_pipeline(state, pipeline_parse_all()); }
BENCHMARK(BM_PipelineParseAll)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true)->UseRealTime();

void run_stage(benchmark::State& state, const sitrep::Pipeline& p) {
  const auto& stages = p.stages();
  const auto stage = static_cast<size_t>(state.range(0));
  if (stage >= stages.size()) {
    state.SkipWithError("no such stage");
    return;
  }
  state.SetLabel(std::string(stages[stage]->name()));
  std::vector<sitrep::Document> docs;
  for (auto _ : state) {
    state.PauseTiming();
    docs.clear();
    for (const auto& a : articles()) {
      docs.emplace_back(a);
      for (size_t s = 0; s < stage; ++s) stages[s]->run(docs.back());
    }
    state.ResumeTiming();
    for (auto& d : docs) stages[stage]->run(d);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus_tokens()));
}

void BM_Stage(benchmark::State& state) { run_stage(state, pipeline()); }
// The stages with names from the lists alone (no name model stage).
void BM_StageNamesFromLists(benchmark::State& state) { run_stage(state, pipeline_lists()); }
BENCHMARK(BM_StageNamesFromLists)->DenseRange(4, 6)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true)->UseRealTime()->Iterations(1);
BENCHMARK(BM_Stage)->DenseRange(0, 13)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true)->UseRealTime()->Iterations(1);

// The learnt tagger (4) and the parser (5) on every sentence.
void BM_ParseAll(benchmark::State& state) { run_stage(state, pipeline_parse_all()); }
BENCHMARK(BM_ParseAll)->DenseRange(4, 5)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
