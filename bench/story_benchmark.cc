// Story assignment (store/stories.h) on a synthetic archive: how long
// StoryIndex::assign and add take per article once the archive is large.
//
//   build/bench/story_benchmark [ARTICLES]      # default 50000
//
// The archive is made up, not news: ARTICLES articles over a year, in date
// order, each from one of many planted stories that run for up to three
// weeks. An article has three of its story's six entities, two of its
// country's places, two events and twelve words (half from its story, half
// common words). It measures speed; the B-cubed F it prints against the
// planted stories only says the index is sane on such data, and is no
// measure of quality on real news.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <unordered_map>
#include <vector>

#include "learn/feature_hash.h"
#include "store/stories.h"

namespace {

uint64_t key(sitrep::StoryKeyKind kind, uint64_t n) {
  return (static_cast<uint64_t>(kind) << 62) | (sitrep::learn::mix64(n + 1) >> 2);
}

}  // namespace

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? static_cast<size_t>(std::atol(argv[1])) : 50000;
  std::mt19937_64 rng(21);
  struct Planted {
    int start, length, country;
    uint64_t entities[6];
  };
  // About 8 new stories a day; a story runs 1 to 21 days.
  std::vector<Planted> planted;
  for (int day = 0; day < 365; ++day)
    for (int i = 0; i < 8; ++i) {
      Planted p{day, 1 + static_cast<int>(rng() % 21), static_cast<int>(rng() % 60), {}};
      for (uint64_t& e : p.entities) e = rng() % 20000;  // people and organisations, some shared by chance
      planted.push_back(p);
    }
  std::vector<int> truth;
  std::vector<std::vector<uint64_t>> articles;
  std::vector<int32_t> days;
  for (size_t a = 0; a < n; ++a) {
    const int day = static_cast<int>(a * 365 / n);
    // A story running on this day.
    int s;
    do {
      s = static_cast<int>(rng() % planted.size());
    } while (!(planted[s].start <= day && day < planted[s].start + planted[s].length));
    const Planted& p = planted[static_cast<size_t>(s)];
    std::vector<uint64_t> keys;
    for (int i = 0; i < 3; ++i) keys.push_back(key(sitrep::StoryKeyKind::kEntity, p.entities[rng() % 6]));
    for (int i = 0; i < 2; ++i) keys.push_back(key(sitrep::StoryKeyKind::kPlace, p.country * 5 + rng() % 5));
    for (int i = 0; i < 2; ++i) keys.push_back(key(sitrep::StoryKeyKind::kEvent, rng() % 4000));
    for (int i = 0; i < 6; ++i) keys.push_back(key(sitrep::StoryKeyKind::kWord, 1000000 + s * 10 + rng() % 10));
    for (int i = 0; i < 6; ++i) {
      // Common words: a rough Zipf over 20,000.
      const double u = std::uniform_real_distribution<double>(0, 1)(rng);
      keys.push_back(key(sitrep::StoryKeyKind::kWord, static_cast<uint64_t>(std::pow(20000.0, u))));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    articles.push_back(std::move(keys));
    days.push_back(day);
    truth.push_back(s);
  }

  sitrep::StoryIndex index;
  std::vector<int64_t> found(n);
  const size_t timed_from = n - std::min<size_t>(n, 10000);
  double timed = 0;
  for (size_t a = 0; a < n; ++a) {
    const auto t0 = std::chrono::steady_clock::now();
    found[a] = index.assign(articles[a], days[a]);
    index.add(found[a], articles[a], days[a]);
    if (a >= timed_from) timed += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  // B-cubed precision and recall against the planted stories.
  std::unordered_map<int64_t, std::unordered_map<int, size_t>> by_found;
  std::unordered_map<int, size_t> truth_size;
  std::unordered_map<int64_t, size_t> found_size;
  for (size_t a = 0; a < n; ++a) {
    ++by_found[found[a]][truth[a]];
    ++truth_size[truth[a]];
    ++found_size[found[a]];
  }
  double precision = 0, recall = 0;
  for (size_t a = 0; a < n; ++a) {
    const double both = static_cast<double>(by_found[found[a]][truth[a]]);
    precision += both / static_cast<double>(found_size[found[a]]);
    recall += both / static_cast<double>(truth_size[truth[a]]);
  }
  precision /= static_cast<double>(n);
  recall /= static_cast<double>(n);
  std::printf("%zu articles, %zu planted stories used, %zu stories found\n", n, truth_size.size(), index.stories());
  std::printf("assign + add: %.1f us per article over the last %zu (the archive %zu to %zu articles)\n",
              1e6 * timed / static_cast<double>(n - timed_from), n - timed_from, timed_from, n);
  std::printf("synthetic B-cubed: precision %.3f, recall %.3f, F %.3f\n", precision, recall,
              2 * precision * recall / (precision + recall));
  return 0;
}
