// JSON Lines parsing: sitrep's own parser (src/ingest/json.cc) against Debian's
// simdjson (libsimdjson-dev) when it is installed, over the same lines, each
// taking the "text" member. Median of 5 runs; MB/s of line bytes.
//
//   build/bench/json_benchmark FILE.jsonl...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/json.h"
#ifdef SITREP_HAVE_SIMDJSON
#include <simdjson.h>
#endif

namespace {

template <typename F>
double median_mb_per_s(size_t bytes, F&& run) {
  std::vector<double> rates;
  for (int rep = 0; rep < 5; ++rep) {
    const auto start = std::chrono::steady_clock::now();
    run();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rates.push_back(static_cast<double>(bytes) / s / (1 << 20));
  }
  std::sort(rates.begin(), rates.end());
  return rates[2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE.jsonl...\n", argv[0]);
    return 2;
  }
  std::vector<std::string> lines;
  size_t bytes = 0;
  for (int i = 1; i < argc; ++i) {
    std::ifstream f(argv[i]);
    for (std::string line; std::getline(f, line);) {
      bytes += line.size();
      lines.push_back(std::move(line));
    }
  }
  size_t text = 0;
  const double own = median_mb_per_s(bytes, [&] {
    text = 0;
    for (const std::string& s : lines) {
      sitrep::JsonValue v;
      std::string error;
      if (sitrep::parse_json(s, v, error))
        if (const sitrep::JsonValue* t = v.find("text")) text += t->string.size();
    }
  });
  std::printf("%zu lines, %.1f MB\nsitrep's parser  %8.0f MB/s  (%zu bytes of text)\n", lines.size(),
              static_cast<double>(bytes) / (1 << 20), own, text);
#ifdef SITREP_HAVE_SIMDJSON
  simdjson::ondemand::parser parser;
  const double simd = median_mb_per_s(bytes, [&] {
    text = 0;
    for (const std::string& s : lines) {
      simdjson::padded_string padded(s);
      auto doc = parser.iterate(padded);
      std::string_view t;
      if (!doc["text"].get_string().get(t)) text += t.size();
    }
  });
  std::printf("simdjson         %8.0f MB/s  (%zu bytes of text)\n", simd, text);
#else
  std::printf("simdjson         not installed (apt-get install libsimdjson-dev, then rebuild)\n");
#endif
}
