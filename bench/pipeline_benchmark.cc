// The whole pipeline and each of its stages over a news corpus (bench/corpus.h)
// of at least 20 MB, on one thread; and the time to load every lexicon.
//
//   build/bench/pipeline_benchmark      # medians of 5 repetitions
//
// BM_Stage/i times stage i alone: the stages before it run untimed first.
#include <benchmark/benchmark.h>

#include "corpus.h"
#include "sitrep/engine.h"

namespace {

constexpr size_t kMinCorpusBytes = size_t{20} << 20;

const sitrep::Pipeline& pipeline() {
  static sitrep::Pipeline p = sitrep::build_pipeline(sitrep::locate_data(""));
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

void BM_LoadLexicons(benchmark::State& state) {
  const std::string data = sitrep::locate_data("");
  for (auto _ : state) benchmark::DoNotOptimize(sitrep::build_pipeline(data));
}
BENCHMARK(BM_LoadLexicons)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

void BM_Pipeline(benchmark::State& state) {
  const auto& p = pipeline();
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
BENCHMARK(BM_Pipeline)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true)->UseRealTime();

void BM_Stage(benchmark::State& state) {
  const auto& stages = pipeline().stages();
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
}
BENCHMARK(BM_Stage)->DenseRange(0, 11)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
