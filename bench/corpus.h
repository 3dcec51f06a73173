// The benchmark corpus: the JSON Lines files of ../shared/dev (or the files
// named in $SITREP_BENCH_CORPUS, separated by ':'), repeated until the article
// text adds up to at least `min_bytes`.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/article_reader.h"

namespace sitrep::bench {

inline std::vector<std::string> corpus_files() {
  std::vector<std::string> files;
  if (const char* env = std::getenv("SITREP_BENCH_CORPUS")) {
    std::string s = env;
    for (size_t start = 0; start <= s.size();) {
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

inline std::vector<Article> corpus(size_t min_bytes) {
  std::vector<Article> base;
  ArticleReader reader(corpus_files(), {});
  Article a;
  while (reader.next(a)) base.push_back(a);
  std::vector<Article> out;
  size_t bytes = 0;
  while (!base.empty() && bytes < min_bytes) {
    for (const auto& article : base) {
      bytes += article.text.size();
      out.push_back(article);
    }
  }
  return out;
}

}  // namespace sitrep::bench
