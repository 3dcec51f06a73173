// sitrep extract: articles in, records out. The CLI is thin: it parses flags,
// builds the pipeline once, and streams batches of articles through worker
// threads, writing the records in input order.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <thread>

#include "cli/batch.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "ingest/article_reader.h"
#include "ingest/date.h"
#include "sitrep/engine.h"
#include "sitrep/record.h"

namespace sitrep::cli {

const char* const kExtractHelp = R"(Usage: sitrep extract [OPTIONS] INPUT...

Reads news articles and writes one record per article (see SCHEMA.md).

INPUT is a file, a folder (read recursively, in name order), or - for
standard input. A plain-text article is a whole file whose first non-empty
line is the title; offsets count over the whole file. A JSON Lines file
(*.jsonl, *.ndjson) holds one article per line:
  {"id": "...", "title": "...", "date": "YYYY-MM-DD", "text": "...", "url": "..."}
Only "text" is required; a missing id becomes a hash of the url or the text.

Options:
  --input FORMAT        auto (default: by file name; stdin by its first
                        character), text or jsonl
  --format FORMAT       json: one record (an array when there are several);
                          the default for a single text article
                        jsonl: one record per line; the default otherwise
                        pretty: a readable view of the article and its
                          annotations, for a terminal
  --date YYYY-MM-DD     publication date for articles that carry none; relative
                        dates ("on Monday", "last year") are resolved against it
  -o, --output FILE     write records to FILE instead of standard output
  --threads N           worker threads (default: all cores)
  --max-article-mb N    refuse larger articles (or JSON Lines lines) with a
                        message (default 64); no more than this is held
  --max-json-depth N    refuse JSON lines nested deeper than N (default 64)
  --mentions LEVEL      which mentions each entity lists:
                        names: names and the descriptions that refer to them
                          ("the Jewish state"); the default
                        pronouns: and pronouns ("he", "its"), which are
                          resolved either way for speakers and event actors
                        all: and every other mention, as exhaustive corpora
                          (ACE, MEANTIME) annotate: proper adjectives as
                          mentions of their country ("Japanese stocks"), roles
                          before a name ("Apple CEO"), and noun phrases for
                          things named once ("the world"), each its own entity
  --pronouns            short for --mentions pronouns
  --claims KINDS        list only claims of these kinds, comma-separated:
                        killed, injured, hostages, arrested, displaced,
                        missing, evacuated, released, protesters, quantity
                        (e.g. --claims killed,injured for casualty figures)
  --data DIR            the lexicon folder (default: data/ beside the program,
                        or $SITREP_DATA)
  --lexicon FILE        more names to find, with their types and actor codes,
                        in the columns of data/organizations.tsv (name, aliases,
                        type, actor_code, country, kind); may be repeated
  --names SOURCE        where names come from: both (the default: the lists of
                        data/ and the learnt name model, combined), lists (the
                        lists and rules alone) or model (the model alone, with
                        the lists only for what it has no type for); the last
                        two are for comparisons
  --parse SCOPE         which sentences the learnt tagger and the dependency
                        parser read (see sitrep parse):
                        none: none, the default, for speed
                        needed: those with a cue of speech or attribution
                          ("said", "believes", "according to"); a reported
                          content then ends where its clause does in the
                          parse ("said [the talks had failed] on Monday,
                          adding ..."). About 3 times slower than none
                        all: every sentence (the same output, slower)
  -q, --quiet           no progress line and no warnings (errors still show)
  -h, --help            show this help

Examples:
  sitrep extract --date 2024-04-22 examples/haliva-resigns.txt
  sitrep extract --format pretty examples/haliva-resigns.txt | less -R
  sitrep extract news/ -o records.jsonl
  sitrep extract --input jsonl - < dump.jsonl > records.jsonl

Problems with an input (missing file, unreadable folder, invalid JSON on a
line, an empty article or file, one over a limit) are reported on stderr as
FILE[:LINE]: what is wrong; the other inputs are still processed and the exit
code is 1. So is an article that the engine itself fails on ("FILE:LINE:
internal error in STAGE: what"): it is skipped and the rest go on. Invalid
UTF-8 is replaced by U+FFFD with a warning. Exit codes: 0 ok, 1 some inputs
failed, 2 usage.
)";

namespace {

enum class OutputFormat { kJson, kJsonl, kPretty };

int usage_error(const std::string& message) { return cli::usage_error("extract", message); }

// Writes records to stdout or a file, and says so once if writing fails.
class Output {
 public:
  bool open(const std::string& path) {
    if (path.empty() || path == "-") {
      out_ = &std::cout;
      return true;
    }
    file_ = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
    out_ = file_.get();
    return static_cast<bool>(*file_);
  }
  bool write(const std::string& s) {
    out_->write(s.data(), static_cast<std::streamsize>(s.size()));
    return static_cast<bool>(*out_);
  }
  bool flush() {
    out_->flush();
    return static_cast<bool>(*out_);
  }

 private:
  std::unique_ptr<std::ofstream> file_;
  std::ostream* out_ = nullptr;
};

// A progress line on a terminal, at most every half second.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()), last_(start_) {}
  void update(size_t articles, size_t bytes, bool force = false) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double mb = static_cast<double>(bytes) / (1 << 20);
    std::fprintf(stderr, "\r\x1b[Ksitrep: %zu articles, %.1f MB, %.1f MB/s", articles, mb, secs > 0 ? mb / secs : 0.0);
    shown_ = true;
  }
  void finish() {
    if (shown_) std::fputs("\r\x1b[K", stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point start_, last_;
};

}  // namespace

int run_extract(const std::vector<std::string>& args) {
  static const std::vector<FlagSpec> kFlags = {
      {"--input", "", true},     {"--format", "", true},          {"--date", "", true},
      {"--output", "-o", true},  {"--threads", "", true},         {"--max-article-mb", "", true},
      {"--data", "", true},      {"--quiet", "-q", false},        {"--pronouns", "", false},        {"--help", "-h", false},
      {"--claims", "", true},    {"--mentions", "", true},        {"--max-json-depth", "", true},
      {"--lexicon", "", true},    {"--names", "", true},  {"--parse", "", true},
  };
  ParsedArgs a;
  if (auto done = parse_command("extract", args, kFlags, kExtractHelp, a)) return *done;
  if (a.positional.empty()) return usage_error("no input: name a FILE, a FOLDER, or - for standard input");

  ReaderOptions reader_options;
  const std::string input = a.get("--input", "auto");
  if (input == "auto") reader_options.format = InputFormat::kAuto;
  else if (input == "text") reader_options.format = InputFormat::kText;
  else if (input == "jsonl") reader_options.format = InputFormat::kJsonl;
  else return usage_error("--input must be auto, text or jsonl, not '" + input + "'");

  std::string error;
  if (!parse_reader_flags(a, reader_options, error)) return usage_error(error);
  unsigned threads = 1;
  if (!parse_threads(a, threads, error)) return usage_error(error);

  // One text article in → one JSON record out; anything else → JSON Lines.
  bool single = a.positional.size() == 1;
  if (single) {
    const std::string& p = a.positional[0];
    std::error_code ec;
    if (p == "-") {
      single = reader_options.format == InputFormat::kText;
    } else {
      bool jsonl_name = p.ends_with(".jsonl") || p.ends_with(".ndjson");
      single = !std::filesystem::is_directory(p, ec) && reader_options.format != InputFormat::kJsonl &&
               !(reader_options.format == InputFormat::kAuto && jsonl_name);
    }
  }
  const std::string format = a.get("--format", single ? "json" : "jsonl");
  OutputFormat out_format;
  if (format == "json") out_format = OutputFormat::kJson;
  else if (format == "jsonl") out_format = OutputFormat::kJsonl;
  else if (format == "pretty") out_format = OutputFormat::kPretty;
  else return usage_error("--format must be json, jsonl or pretty, not '" + format + "'");

  const bool quiet = a.has("--quiet");
  RecordOptions record_options;
  if (!parse_record_flags(a, record_options, error)) return usage_error(error);
  EngineOptions engine_options;
  if (!parse_engine_flags(a, engine_options, error)) return usage_error(error);
  Pipeline pipeline;
  try {
    pipeline = build_pipeline(locate_data(a.get("--data")), engine_options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sitrep extract: %s\n", e.what());
    return kExitUsage;
  }

  Output out;
  const std::string out_path = a.get("--output");
  if (!out.open(out_path)) {
    std::fprintf(stderr, "sitrep extract: cannot write to '%s': %s\n", out_path.c_str(), std::strerror(errno));
    return kExitUsage;
  }
  const bool color = out_format == OutputFormat::kPretty && out_path.empty() && isatty(STDOUT_FILENO) &&
                     std::getenv("NO_COLOR") == nullptr;

  ArticleReader reader(a.positional, reader_options);
  Progress progress(!quiet && isatty(STDERR_FILENO));
  size_t written = 0;
  bool write_failed = false;
  auto report_problems = [&] {
    for (const InputProblem& p : reader.take_problems()) {
      if (quiet && !p.failed) continue;
      progress.finish();
      std::fprintf(stderr, "sitrep: %s: %s%s\n", p.where.c_str(), p.failed ? "" : "warning: ", p.message.c_str());
    }
  };

  // One document's record (or pretty view) appended to `buffer`.
  auto render = [&](const Document& doc, std::string& buffer) {
    switch (out_format) {
      case OutputFormat::kJson:
        if (!single) buffer += written == 0 ? "[\n" : ",\n";
        record_options.style = RecordStyle::kIndented;
        write_record(doc, buffer, record_options);
        if (single) buffer += '\n';
        break;
      case OutputFormat::kJsonl:
        record_options.style = RecordStyle::kCompact;
        write_record(doc, buffer, record_options);
        buffer += '\n';
        break;
      case OutputFormat::kPretty:
        if (written) buffer += "\n";
        write_pretty(doc, buffer, color);
        break;
    }
  };

  // Batches keep memory bounded and let the workers share the load; records
  // are written in input order.
  constexpr size_t kBatch = 64;
  std::vector<Document> batch;
  std::vector<std::string> errors;  // per document of the batch: why the pipeline failed, or ""
  size_t failed_articles = 0;
  std::string buffer;
  bool more = true;
  while (more && !write_failed) {
    batch.clear();
    Article article;
    size_t batch_bytes = 0;
    while (batch.size() < kBatch && batch_bytes < (size_t{32} << 20)) {
      if (!reader.next(article)) {
        more = false;
        break;
      }
      batch_bytes += article.text.size();
      batch.emplace_back(std::move(article));
      batch.back().exhaustive_mentions = record_options.mentions == MentionDetail::kAll;
    }
    report_problems();
    if (batch.empty()) break;
    // An article the pipeline fails on is reported and skipped; the rest go on.
    errors.assign(batch.size(), std::string());
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i; (i = next.fetch_add(1)) < batch.size();) {
        try {
          pipeline.run(batch[i]);
        } catch (const std::exception& e) {
          errors[i] = e.what();
        }
      }
    };
    const unsigned n_workers = static_cast<unsigned>(std::min<size_t>(threads, batch.size()));
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < n_workers; ++t) workers.emplace_back(work);
    work();
    for (auto& w : workers) w.join();

    for (size_t di = 0; di < batch.size(); ++di) {
      const Document& doc = batch[di];
      if (!errors[di].empty()) {
        progress.finish();
        std::fprintf(stderr, "sitrep: %s: %s; the article is skipped\n", doc.article.origin.c_str(), errors[di].c_str());
        ++failed_articles;
        continue;
      }
      buffer.clear();
      try {
        render(doc, buffer);
      } catch (const std::exception& e) {
        progress.finish();
        std::fprintf(stderr, "sitrep: %s: internal error in the record writer: %s; the article is skipped\n",
                     doc.article.origin.c_str(), e.what());
        ++failed_articles;
        continue;
      }
      for (const Diagnostic& d : doc.diagnostics)
        if (!quiet) std::fprintf(stderr, "sitrep: %s: warning: %s\n", doc.article.origin.c_str(), d.message.c_str());
      if (!out.write(buffer)) {
        write_failed = true;
        break;
      }
      ++written;
    }
    progress.update(written, reader.bytes_read());
  }
  if (out_format == OutputFormat::kJson && !single && !write_failed)
    write_failed = !out.write(written == 0 ? "[]\n" : "\n]\n");
  if (!out.flush()) write_failed = true;
  progress.finish();
  report_problems();
  if (write_failed) {
    std::fprintf(stderr, "sitrep extract: cannot write the output: %s\n", std::strerror(errno));
    return kExitInputFailed;
  }
  if (written == 0 && reader.failures() == 0 && failed_articles == 0) {
    std::fprintf(stderr, "sitrep extract: no articles in the input\n");
    return kExitInputFailed;
  }
  return reader.failures() || failed_articles ? kExitInputFailed : kExitOk;
}

}  // namespace sitrep::cli
