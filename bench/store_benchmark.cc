// The store alone: how fast the single writer adds prepared articles, and how
// long the queries of `sitrep query` take on a store.
//
//   sitrep extract --format jsonl corpus.jsonl -o records.jsonl
//   store_benchmark write corpus.jsonl records.jsonl new.db [--batch 500]
//   store_benchmark query news.db [--runs 9] [--entity NAME] [--event CODE] [--text QUERY]
//
// `write` prepares every article first (what ingest's workers do) and then
// times only Store::add and the commits (what ingest's writer thread does).
// `query` runs each query `runs` times through run_query (rows counted, not
// printed) and reports the median, fastest and slowest wall time.
// Both take a PostgreSQL connection string for the database too
// (postgresql://..., pg_archive.h): `write` then times the COPY batches (the
// writer CPU is this process's; the server's is apart), `query` run_pg_query.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/article_reader.h"
#include "store/archive.h"
#include "store/pg_archive.h"
#include "store/query.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// CPU seconds of this thread (user and system): steadier than wall time on a shared machine.
double thread_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_THREAD, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int write(const std::string& corpus, const std::string& records, const std::string& db, size_t batch) {
  sitrep::ArticleReader reader({corpus}, {});
  std::ifstream in(records);
  std::vector<sitrep::StoredArticle> prepared;
  sitrep::Article a;
  std::string line;
  size_t bytes = 0;
  const auto t0 = Clock::now();
  while (reader.next(a) && std::getline(in, line)) {
    bytes += a.text.size();
    prepared.push_back(sitrep::prepare_article(a, line));
    prepared.back().record = sitrep::JsonValue();
  }
  const double prepare_s = seconds_since(t0);
  std::unique_ptr<sitrep::ArchiveWriter> store;
  if (auto s = sitrep::open_archive(db, {}, store); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.message.c_str());
    return 1;
  }
  const auto t1 = Clock::now();
  const double cpu1 = thread_cpu_seconds();
  size_t in_batch = 0;
  for (const auto& p : prepared) {
    if (in_batch == 0 && !store->begin().ok()) return 1;
    if (auto s = store->add(p, nullptr); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.message.c_str());
      return 1;
    }
    if (++in_batch == batch) {
      if (auto s = store->commit(); !s.ok()) {
        std::fprintf(stderr, "%s\n", s.message.c_str());
        return 1;
      }
      in_batch = 0;
    }
  }
  if (auto s = in_batch ? store->commit() : sitrep::StoreStatus{}; !s.ok()) {
    std::fprintf(stderr, "%s\n", s.message.c_str());
    return 1;
  }
  const double write_s = seconds_since(t1), write_cpu = thread_cpu_seconds() - cpu1;
  std::printf("%zu articles, %.1f MB of text: prepare %.2f s (%.0f articles/s on one thread), "
              "write %.2f s (%.0f articles/s, %.2f MB/s), writer CPU %.0f us an article\n",
              prepared.size(), bytes / 1048576.0, prepare_s, prepared.size() / prepare_s, write_s,
              prepared.size() / write_s, bytes / 1048576.0 / write_s, 1e6 * write_cpu / prepared.size());
  return 0;
}

int query(const std::string& db, int runs, std::vector<std::pair<std::string, sitrep::QuerySpec>> specs) {
  std::unique_ptr<sitrep::Store> store;
  std::unique_ptr<sitrep::PgArchive> pg;
  sitrep::StoreOptions options;
  options.read_only = true;
  sitrep::PgOptions pg_options;
  pg_options.read_only = true;
  if (auto s = sitrep::is_postgres_url(db) ? sitrep::PgArchive::open(db, pg_options, pg)
                                           : sitrep::Store::open(db, options, store);
      !s.ok()) {
    std::fprintf(stderr, "%s\n", s.message.c_str());
    return 1;
  }
  for (auto& [name, spec] : specs) {
    std::vector<double> ms;
    size_t rows = 0;
    for (int r = 0; r < runs; ++r) {
      std::vector<std::string> columns;
      rows = 0;
      const auto t = Clock::now();
      auto count = [&](const sitrep::QueryRow&) { ++rows; };
      auto s = pg ? sitrep::run_pg_query(*pg, spec, columns, count) : sitrep::run_query(*store, spec, columns, count);
      ms.push_back(1000 * seconds_since(t));
      if (!s.ok()) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), s.message.c_str());
        return 1;
      }
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%-36s %7zu rows  median %7.1f ms  (min %.1f, max %.1f, %d runs)\n", name.c_str(), rows,
                ms[ms.size() / 2], ms.front(), ms.back(), runs);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto flag = [&](const std::string& name, const std::string& fallback) {
    auto it = std::find(args.begin(), args.end(), name);
    if (it == args.end() || it + 1 == args.end()) return fallback;
    std::string v = *(it + 1);
    args.erase(it, it + 2);
    return v;
  };
  if (!args.empty() && args[0] == "write") {
    const size_t batch = std::strtoul(flag("--batch", "500").c_str(), nullptr, 10);
    if (args.size() == 4) return write(args[1], args[2], args[3], std::max<size_t>(1, batch));
  } else if (!args.empty() && args[0] == "query") {
    const int runs = std::atoi(flag("--runs", "9").c_str());
    const std::string entity = flag("--entity", "Boeing"), event = flag("--event", "19"),
                      plover = flag("--plover", "ASSAULT"), text = flag("--text", "airtanker");
    std::vector<std::pair<std::string, sitrep::QuerySpec>> specs;
    auto add = [&](std::string name, auto&& set, int64_t limit) {
      sitrep::QuerySpec q;
      set(q);
      q.limit = limit;
      specs.emplace_back(name + (limit ? " --limit " + std::to_string(limit) : ""), q);
    };
    for (int64_t limit : {int64_t{0}, int64_t{50}}) {
      add("--entity '" + entity + "'", [&](auto& q) { q.entity = entity; }, limit);
      add("--event " + event, [&](auto& q) { q.event = event; }, limit);
      add("--event " + plover, [&](auto& q) { q.event = plover; }, limit);
      add("--text '" + text + "'", [&](auto& q) { q.text = text; }, limit);
    }
    if (args.size() == 2) return query(args[1], std::max(1, runs), specs);
  }
  std::fprintf(stderr,
               "usage: store_benchmark write CORPUS.jsonl RECORDS.jsonl NEW.db [--batch N]\n"
               "       store_benchmark query DB [--runs N] [--entity NAME] [--event CODE] [--plover TYPE] "
               "[--text QUERY]\n");
  return 2;
}
