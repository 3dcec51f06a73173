// Throughput of tokenise + sentence split over a news corpus (bench/corpus.h)
// of at least 20 MB of article text.
//
//   build/bench/tokenize_benchmark            # 5 repetitions, median reported
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "corpus.h"
#include "sitrep/engine.h"
#include "text/abbreviations.h"
#include "text/sentences.h"
#include "text/tokenizer.h"

namespace {

constexpr size_t kMinCorpusBytes = size_t{20} << 20;

const std::vector<sitrep::Document>& corpus() {
  static std::vector<sitrep::Document> docs = [] {
    std::vector<sitrep::Document> out;
    for (auto& a : sitrep::bench::corpus(kMinCorpusBytes)) out.emplace_back(std::move(a));
    return out;
  }();
  return docs;
}

void BM_TokenizeAndSplit(benchmark::State& state) {
  auto& docs = const_cast<std::vector<sitrep::Document>&>(corpus());
  if (docs.empty()) {
    state.SkipWithError("no corpus: ../shared/dev/*.jsonl not found and SITREP_BENCH_CORPUS not set");
    return;
  }
  auto abbreviations =
      std::make_shared<const sitrep::Abbreviations>(sitrep::Abbreviations::load(sitrep::locate_data("")));
  sitrep::Tokenizer tokenizer(abbreviations);
  sitrep::SentenceSplitter splitter(abbreviations);
  size_t bytes = 0, tokens = 0, sentences = 0;
  for (const auto& d : docs) bytes += d.text().size();
  for (auto _ : state) {
    tokens = sentences = 0;
    for (auto& doc : docs) {
      tokenizer.run(doc);
      splitter.run(doc);
      tokens += doc.tokens.size();
      sentences += doc.sentences.size();
    }
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["corpus_MB"] = static_cast<double>(bytes) / (1 << 20);
  state.counters["docs"] = static_cast<double>(docs.size());
  state.counters["sentences"] = static_cast<double>(sentences);
}
BENCHMARK(BM_TokenizeAndSplit)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
