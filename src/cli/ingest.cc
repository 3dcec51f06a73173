// sitrep ingest: whole corpora into the store. One reader (this thread), a
// pool of workers running the shared pipeline, and one writer committing in
// batches; records reach the store in input order, so that the first of
// several wire copies is the one the others point to.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "cli/batch.h"
#include "cli/commands.h"
#include "ingest/corpus_reader.h"
#include "sitrep/engine.h"
#include "store/archive.h"
#include "store/store.h"

namespace sitrep::cli {

const char* const kIngestHelp = R"(Usage: sitrep ingest CORPUS... --db PATH [OPTIONS]

Reads whole news corpora, extracts a record from every article (as extract
does) and keeps article, record and full-text index in one SQLite file that
`sitrep query` searches.

CORPUS is a file, a folder (read recursively, in name order) or - for
standard input:
  *.txt                 one article per file (first non-empty line: title)
  *.jsonl, *.ndjson     one article per line: {"id", "title", "date", "text", "url"}
  *.html, *.htm         a web page: title, byline, date and main text are found
                        in it; navigation, scripts and footers are left out
  *.warc, *.warc.gz     a web archive: each HTML response is an article with
                        its URL and the crawl date
  .gz and .zst          compressed copies of any of these (news.jsonl.zst)

Options:
  --db PATH             the store to create or add to (required); a
                        PostgreSQL connection string instead of a path
                        (postgresql://USER@HOST/DB, or host=... dbname=...)
                        writes a shared archive there: see below
  --input FORMAT        auto (default: by file name), text, jsonl, html or warc
  --date YYYY-MM-DD     publication date for articles that carry none
  --threads N           worker threads (default: all cores)
  --batch N             articles per transaction (default 2000; a batch is also
                        committed after 2 seconds); a crash loses at most one
  --wait SECONDS        how long to wait for another process's lock on the
                        store before giving up (default 5)
  --mentions LEVEL      which mentions each entity keeps: names (the default),
                        pronouns, or all (see sitrep help extract)
  --pronouns            short for --mentions pronouns
  --data DIR            the lexicon folder (default: data/ beside the program)
  --lexicon FILE        more names to find, with their types and actor codes,
                        in the columns of data/organizations.tsv; may be repeated
  --names SOURCE        both (default), lists or model: see sitrep help extract
  --parse SCOPE         none (default), needed or all: see sitrep help extract
  -q, --quiet           no progress and no warnings (errors still show)
  -h, --help            show this help

Limits (whatever an input says, one article costs bounded time and memory;
an input over a limit is reported and skipped, and the rest goes on):
  --max-article-mb N    the largest article, JSON Lines line, HTML page or WARC
                        record, after decompression (default 64)
  --max-json-depth N    JSON lines nested deeper are refused (default 64)
  --max-html-depth N    HTML pages whose elements nest deeper are refused
                        (default 512; <p>, <li>, <td> and other elements that
                        close themselves do not count)
  --max-html-tree-mb N  an HTML page whose parsed tree would need more memory
                        is refused (default 256)
  --max-compression-ratio N
                        gzip or zstd data that decompresses to more than N
                        times its size is taken for a compression bomb and the
                        file is abandoned there (default 200; 0: no limit)

Ingest is idempotent and resumable. An article's id is its JSONL "id", else a
hash of its URL, else a hash of its text (a text file's id is its name); an
article whose id is in the store already is skipped without running the
pipeline. So after a crash, a full disk or Ctrl-C, run the same command again:
what was committed stays, and only the rest is read. Ctrl-C stops reading,
commits what is in flight and says how far it got; a second Ctrl-C stops at
once (committed batches are still safe).

Wire copies: an article whose text is the same as, or nearly the same as, one
stored before (MinHash over three-word shingles) is stored with duplicate_of
pointing to the first; queries leave copies out unless asked.

Stories: each article joins a story (one event or issue followed over days or
weeks: shared entities, places, events and words within 7 days) or opens a new
one, in the order articles are read, so read them in date order; a wire copy
joins the story of the article it copies. sitrep query --stories lists them.

PostgreSQL: any number of ingest processes, on any number of machines, may
write one archive at once; each batch is copied in (COPY) and stored keyed on
the article id, so a re-run or a retried partition adds nothing. There, wire
copies are not linked and stories are not assigned (they need one writer that
sees every article in order). An unreachable server is given up after
connect_timeout seconds (default 10; set it in the string, e.g.
postgresql://sitrep@db/news?connect_timeout=3).

Progress goes to stderr: a live line on a terminal (articles, MB/s, ETA when
the input size is known), a plain line every 10 seconds otherwise.

Examples:
  sitrep ingest news/ --db news.db
  sitrep ingest crawl-2024-04.warc.gz --db news.db --threads 4
  zcat dump.jsonl.gz | sitrep ingest - --input jsonl --db news.db
  sitrep query --db news.db --entity "Aharon Haliva"

An input that cannot be read (a missing file, an unreadable folder, an empty
or truncated file, damaged compressed data, a WARC record whose length is
wrong, one over a limit) is reported on stderr as FILE[:LINE] or FILE: record
N, and skipped; so is an article the engine itself fails on ("FILE:LINE:
internal error in STAGE: what"). The rest is stored.

Exit codes: 0 ok; 1 some inputs failed (each is reported, the rest stored),
the store failed (locked, read-only, disk full: the message says what to do)
or the run was interrupted; 2 usage error.
)";

namespace {

int usage_error(const std::string& message) { return cli::usage_error("ingest", message); }

// Set by SIGINT/SIGTERM: stop reading, commit what is in flight.
volatile sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

// Articles on their way from the reader to the writer, in input order.
struct Flow {
  std::mutex mu;
  std::condition_variable work_ready, result_ready, space_free;
  std::deque<std::pair<uint64_t, Article>> todo;
  struct Result {
    std::optional<StoredArticle> stored;  // empty when the pipeline failed
    std::vector<Diagnostic> diagnostics;
    std::string origin, error;
  };
  std::map<uint64_t, Result> done;
  uint64_t next_seq = 0;      // given to the next article read
  uint64_t next_write = 0;    // the writer's next article
  bool reading_done = false;  // no more articles will come
  bool writer_failed = false;
};

struct Counts {
  std::atomic<uint64_t> stored{0}, copies{0}, skipped{0}, failed{0};
  // Input bytes read, published by the reader thread (the reader itself is
  // not shared: the writer shows progress too).
  std::atomic<uint64_t> bytes_read{0};
};

}  // namespace

int run_ingest(const std::vector<std::string>& args) {
  static const std::vector<FlagSpec> kFlags = {
      {"--db", "", true},       {"--input", "", true},   {"--date", "", true},  {"--threads", "", true},
      {"--batch", "", true},    {"--wait", "", true},    {"--data", "", true},  {"--max-article-mb", "", true},
      {"--pronouns", "", false}, {"--mentions", "", true},  {"--quiet", "-q", false}, {"--help", "-h", false},
      {"--max-json-depth", "", true}, {"--max-html-depth", "", true}, {"--max-html-tree-mb", "", true},
      {"--max-compression-ratio", "", true}, {"--lexicon", "", true},    {"--names", "", true},  {"--parse", "", true},
  };
  ParsedArgs a;
  if (auto done = parse_command("ingest", args, kFlags, kIngestHelp, a)) return *done;
  if (!a.has("--db") || a.get("--db").empty()) return usage_error("name the store with --db PATH");
  if (a.positional.empty()) return usage_error("no corpus: name a FILE, a FOLDER, or - for standard input");

  CorpusOptions corpus;
  if (!parse_corpus_format(a.get("--input", "auto"), corpus.format))
    return usage_error("--input must be auto, text, jsonl, html or warc, not '" + a.get("--input") + "'");
  std::string error;
  if (!parse_reader_flags(a, corpus.reader, error)) return usage_error(error);
  if (!parse_corpus_flags(a, corpus, error)) return usage_error(error);
  unsigned threads = 1;
  if (!parse_threads(a, threads, error)) return usage_error(error);
  size_t batch_size = 2000;
  if (a.has("--batch")) {
    const std::string v = a.get("--batch");
    char* end = nullptr;
    long n = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end || n < 1 || n > 1000000) return usage_error("--batch must be a number from 1 to 1000000");
    batch_size = static_cast<size_t>(n);
  }
  StoreOptions store_options;
  if (a.has("--wait")) {
    const std::string v = a.get("--wait");
    char* end = nullptr;
    double s = std::strtod(v.c_str(), &end);
    if (v.empty() || *end || !(s >= 0) || s > 86400) return usage_error("--wait must be a number of seconds");
    store_options.busy_timeout_ms = static_cast<int>(s * 1000);
  }
  const bool quiet = a.has("--quiet");
  RecordOptions record_options;
  if (!parse_record_flags(a, record_options, error)) return usage_error(error);

  const std::string db_path = a.get("--db");
  std::unique_ptr<ArchiveWriter> store, lookup;
  if (StoreStatus s = open_archive(db_path, store_options, store); !s.ok()) {
    std::fprintf(stderr, "sitrep ingest: %s\n", s.message.c_str());
    return kExitUsage;
  }
  // A second, read-only connection lets the reader skip stored articles
  // while the writer writes (WAL readers do not wait for writers).
  StoreOptions lookup_options = store_options;
  lookup_options.read_only = true;
  if (StoreStatus s = open_archive(db_path, lookup_options, lookup); !s.ok()) {
    std::fprintf(stderr, "sitrep ingest: %s\n", s.message.c_str());
    return kExitUsage;
  }
  EngineOptions engine_options;
  if (!parse_engine_flags(a, engine_options, error)) return usage_error(error);
  Pipeline pipeline;
  try {
    pipeline = build_pipeline(locate_data(a.get("--data")), engine_options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sitrep ingest: %s\n", e.what());
    return kExitUsage;
  }

  Console console(quiet);
  CorpusReader reader(a.positional, corpus);
  Flow flow;
  Counts counts;
  const auto start = std::chrono::steady_clock::now();
  const size_t max_in_flight = std::max<size_t>(64, 16 * threads);
  const int64_t stored_before = store->article_count();

  auto show_progress = [&](bool force) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double bytes = static_cast<double>(counts.bytes_read.load());
    const double rate = secs > 0 ? bytes / secs : 0;
    const double total = static_cast<double>(reader.total_bytes());
    std::string line = "sitrep ingest: ";
    if (total > 0 && console.tty()) {
      // A bar of 24 cells when the input size is known.
      const int filled = static_cast<int>(std::min(1.0, bytes / total) * 24);
      line += "[" + std::string(static_cast<size_t>(filled), '#') + std::string(static_cast<size_t>(24 - filled), '.') + "] ";
    }
    line += std::to_string(counts.stored.load()) + " stored";
    if (counts.skipped) line += ", " + std::to_string(counts.skipped.load()) + " already in the store";
    if (counts.copies) line += ", " + std::to_string(counts.copies.load()) + " wire copies";
    line += " | " + format_bytes(bytes);
    if (total > 0) {
      char pct[16];
      std::snprintf(pct, sizeof pct, " (%.0f%%)", std::min(100.0, 100 * bytes / total));
      line += " of " + format_bytes(total) + pct;
    }
    char speed[64];
    std::snprintf(speed, sizeof speed, " | %.1f MB/s, %.0f articles/s", rate / (1 << 20),
                  secs > 0 ? static_cast<double>(counts.stored + counts.skipped) / secs : 0.0);
    line += speed;
    if (total > 0 && rate > 0 && bytes < total) line += " | ETA " + format_duration((total - bytes) / rate);
    console.progress(line, force);
  };

  // Workers: run the pipeline and turn the document into what the store keeps.
  auto work = [&] {
    pthread_setname_np(pthread_self(), "sitrep-worker");
    while (true) {
      std::pair<uint64_t, Article> item;
      {
        std::unique_lock<std::mutex> lock(flow.mu);
        flow.work_ready.wait(lock, [&] { return !flow.todo.empty() || flow.reading_done || flow.writer_failed; });
        if (flow.todo.empty() || flow.writer_failed) return;
        item = std::move(flow.todo.front());
        flow.todo.pop_front();
      }
      Flow::Result r;
      r.origin = item.second.origin;
      try {
        Document doc(std::move(item.second));
        doc.exhaustive_mentions = record_options.mentions == MentionDetail::kAll;
        pipeline.run(doc);
        r.diagnostics = std::move(doc.diagnostics);
        r.stored = prepare_article(doc, record_options);
        // The writer binds the prepared rows; the parsed record is freed here,
        // on a worker, rather than by the writer.
        r.stored->record = JsonValue();
      } catch (const StageError& e) {
        r.error = e.what();
      } catch (const std::exception& e) {
        r.error = std::string("internal error in the record writer: ") + e.what();
      }
      {
        std::lock_guard<std::mutex> lock(flow.mu);
        flow.done.emplace(item.first, std::move(r));
      }
      flow.result_ready.notify_all();
    }
  };

  // The writer: takes results in input order and commits them in batches.
  StoreStatus write_status;
  uint64_t committed = 0;
  auto write = [&] {
    pthread_setname_np(pthread_self(), "sitrep-writer");
    size_t in_batch = 0;
    auto batch_start = std::chrono::steady_clock::now();
    auto commit = [&]() -> bool {
      if (in_batch == 0) return true;
      write_status = store->commit();
      if (!write_status.ok()) return false;
      committed = counts.stored;
      in_batch = 0;
      return true;
    };
    auto fail = [&] {
      store->rollback();
      std::lock_guard<std::mutex> lock(flow.mu);
      flow.writer_failed = true;
      flow.todo.clear();
      flow.work_ready.notify_all();
      flow.space_free.notify_all();
    };
    while (true) {
      Flow::Result r;
      {
        std::unique_lock<std::mutex> lock(flow.mu);
        // Wake at least every half second to commit a batch that has waited long enough.
        flow.result_ready.wait_for(lock, std::chrono::milliseconds(500), [&] {
          return flow.done.count(flow.next_write) || (flow.reading_done && flow.next_write == flow.next_seq);
        });
        auto it = flow.done.find(flow.next_write);
        if (it == flow.done.end()) {
          if (flow.reading_done && flow.next_write == flow.next_seq) break;
          lock.unlock();
          if (in_batch && std::chrono::steady_clock::now() - batch_start > std::chrono::seconds(2) && !commit()) {
            fail();
            return;
          }
          continue;
        }
        r = std::move(it->second);
        flow.done.erase(it);
        ++flow.next_write;
      }
      flow.space_free.notify_one();
      for (const Diagnostic& d : r.diagnostics) console.message(true, "sitrep: " + r.origin + ": warning: " + d.message);
      if (!r.stored) {
        console.message(false, "sitrep: " + r.origin + ": " + r.error + "; the article is skipped");
        ++counts.failed;
        continue;
      }
      if (in_batch == 0) {
        write_status = store->begin();
        if (!write_status.ok()) {
          fail();
          return;
        }
        batch_start = std::chrono::steady_clock::now();
      }
      AddResult added;
      write_status = store->add(*r.stored, &added);
      if (!write_status.ok()) {
        fail();
        return;
      }
      ++in_batch;
      if (added.added) {
        ++counts.stored;
        if (!added.duplicate_of.empty()) ++counts.copies;
      } else {
        ++counts.skipped;
      }
      if ((in_batch >= batch_size || std::chrono::steady_clock::now() - batch_start > std::chrono::seconds(2)) &&
          !commit()) {
        fail();
        return;
      }
      show_progress(false);
    }
    if (!commit()) fail();
  };

  struct sigaction sa = {}, old_int = {}, old_term = {};
  sa.sa_handler = on_signal;
  sa.sa_flags = static_cast<int>(SA_RESETHAND);  // a second Ctrl-C stops at once
  sigemptyset(&sa.sa_mask);
  g_stop = 0;
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);

  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) workers.emplace_back(work);
  std::thread writer(write);

  auto report_problems = [&] {
    for (const InputProblem& p : reader.take_problems())
      console.message(!p.failed, "sitrep: " + p.where + ": " + (p.failed ? "" : "warning: ") + p.message);
  };
  Article article;
  bool interrupted = false;
  while (true) {
    if (g_stop) {
      interrupted = true;
      break;
    }
    bool more = reader.next(article);
    counts.bytes_read = reader.bytes_read();
    report_problems();
    if (!more) break;
    if (lookup->has_article(article.id)) {
      ++counts.skipped;
      show_progress(false);
      continue;
    }
    std::unique_lock<std::mutex> lock(flow.mu);
    flow.space_free.wait(lock, [&] { return flow.next_seq - flow.next_write < max_in_flight || flow.writer_failed; });
    if (flow.writer_failed) break;
    flow.todo.emplace_back(flow.next_seq++, std::move(article));
    lock.unlock();
    flow.work_ready.notify_one();
  }
  {
    std::lock_guard<std::mutex> lock(flow.mu);
    flow.reading_done = true;
  }
  flow.work_ready.notify_all();
  for (auto& w : workers) w.join();
  flow.result_ready.notify_all();
  writer.join();
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  report_problems();
  console.finish();

  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int64_t in_store = store->article_count();
  if (!write_status.ok()) {
    // (A database server that went away cannot count its articles: -1.)
    const std::string holds = in_store >= 0 ? "the store holds " + std::to_string(in_store) + " articles ("
                                            : "(";
    std::fprintf(stderr,
                 "sitrep ingest: %s\nsitrep ingest: nothing committed is lost: %s%lld added by this run); run the "
                 "same command again to add the rest.\n",
                 write_status.message.c_str(), holds.c_str(), static_cast<long long>(committed));
    return kExitInputFailed;
  }
  if (!quiet) {
    char line[512];
    std::snprintf(line, sizeof line,
                  "sitrep ingest: stored %llu articles (%llu wire copies linked), skipped %llu already stored, "
                  "in %.1f s (%.1f MB/s, %.0f articles/s); %s holds %lld articles (%lld before)",
                  static_cast<unsigned long long>(counts.stored.load()),
                  static_cast<unsigned long long>(counts.copies.load()),
                  static_cast<unsigned long long>(counts.skipped.load()), secs,
                  secs > 0 ? static_cast<double>(reader.bytes_read()) / (1 << 20) / secs : 0.0,
                  secs > 0 ? static_cast<double>(counts.stored + counts.skipped) / secs : 0.0, store->name().c_str(),
                  static_cast<long long>(in_store), static_cast<long long>(stored_before));
    std::fprintf(stderr, "%s\n", line);
  }
  if (interrupted) {
    std::fprintf(stderr, "sitrep ingest: interrupted; what was read so far is committed. Run the same command "
                         "again to continue where it stopped.\n");
    return kExitInputFailed;
  }
  if (counts.failed || reader.failures()) return kExitInputFailed;
  if (counts.stored == 0 && counts.skipped == 0) {
    std::fprintf(stderr, "sitrep ingest: no articles in the input\n");
    return kExitInputFailed;
  }
  return kExitOk;
}

}  // namespace sitrep::cli
