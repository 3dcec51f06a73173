// Throughput of tokenise + sentence split over a news corpus: the JSON Lines
// files of ../shared/dev (or the files named in $SITREP_BENCH_CORPUS, separated
// by ':'), repeated until the corpus holds at least 20 MB of article text.
//
//   build/bench/tokenize_benchmark            # 5 repetitions, median reported
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "ingest/article_reader.h"
#include "sitrep/engine.h"
#include "text/abbreviations.h"
#include "text/sentences.h"
#include "text/tokenizer.h"

namespace {

constexpr size_t kMinCorpusBytes = size_t{20} << 20;

std::vector<std::string> corpus_files() {
  std::vector<std::string> files;
  if (const char* env = std::getenv("SITREP_BENCH_CORPUS")) {
    std::string s = env;
    size_t start = 0;
    while (start <= s.size()) {
      size_t colon = s.find(':', start);
      files.push_back(s.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    return files;
  }
  const std::filesystem::path dev = std::filesystem::path(SITREP_SHARED_DIR) / "dev";
  for (const char* name : {"meantime-full.jsonl", "meantime.jsonl", "plover.jsonl"})
    if (std::filesystem::exists(dev / name)) files.push_back((dev / name).string());
  return files;
}

const std::vector<sitrep::Document>& corpus() {
  static std::vector<sitrep::Document> docs = [] {
    std::vector<sitrep::Article> base;
    sitrep::ArticleReader reader(corpus_files(), {});
    sitrep::Article a;
    while (reader.next(a)) base.push_back(a);
    std::vector<sitrep::Document> out;
    size_t bytes = 0;
    while (!base.empty() && bytes < kMinCorpusBytes) {
      for (const auto& article : base) {
        bytes += article.text.size();
        out.emplace_back(article);
      }
    }
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
