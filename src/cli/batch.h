// Pieces shared by the commands that stream many articles (extract, ingest):
// the reader flags, the thread count, and a console that shows a progress line
// on a terminal (plain periodic lines otherwise) between messages.
#pragma once

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

#include "cli/options.h"
#include "ingest/article_reader.h"
#include "ingest/corpus_reader.h"
#include "ingest/date.h"
#include "sitrep/engine.h"
#include "sitrep/record.h"

namespace sitrep::cli {

// A whole number from `lo` to `hi`; false for anything else.
inline bool parse_count(const std::string& v, long lo, long hi, long& out) {
  char* end = nullptr;
  errno = 0;
  out = std::strtol(v.c_str(), &end, 10);
  return !v.empty() && *end == 0 && errno == 0 && out >= lo && out <= hi;
}

// --date, --max-article-mb and --max-json-depth into `options`; false and
// `error` on a bad value.
inline bool parse_reader_flags(const ParsedArgs& a, ReaderOptions& options, std::string& error) {
  if (a.has("--date")) {
    const std::string date = a.get("--date");
    if (!is_valid_date(date)) {
      error = "--date: '" + date + "' is not a date of the form YYYY-MM-DD";
      return false;
    }
    options.default_date = date;
  }
  if (a.has("--max-article-mb")) {
    char* end = nullptr;
    const std::string v = a.get("--max-article-mb");
    double mb = std::strtod(v.c_str(), &end);
    if (v.empty() || *end || !(mb > 0) || mb > 4000) {
      error = "--max-article-mb must be a number of megabytes between 0 and 4000, not '" + v + "'";
      return false;
    }
    options.max_article_bytes = static_cast<size_t>(mb * (1 << 20));
  }
  if (a.has("--max-json-depth")) {
    long n = 0;
    if (!parse_count(a.get("--max-json-depth"), 1, 1000, n)) {
      error = "--max-json-depth must be a number from 1 to 1000, not '" + a.get("--max-json-depth") + "'";
      return false;
    }
    options.max_json_depth = static_cast<int>(n);
  }
  return true;
}

// ingest's limits on HTML pages and compressed input, into `options`.
inline bool parse_corpus_flags(const ParsedArgs& a, CorpusOptions& options, std::string& error) {
  long n = 0;
  if (a.has("--max-html-depth")) {
    if (!parse_count(a.get("--max-html-depth"), 8, 100000, n)) {
      error = "--max-html-depth must be a number from 8 to 100000, not '" + a.get("--max-html-depth") + "'";
      return false;
    }
    options.html.max_depth = static_cast<size_t>(n);
  }
  if (a.has("--max-html-tree-mb")) {
    if (!parse_count(a.get("--max-html-tree-mb"), 1, 64000, n)) {
      error = "--max-html-tree-mb must be a number of megabytes from 1 to 64000, not '" + a.get("--max-html-tree-mb") + "'";
      return false;
    }
    options.html.max_tree_bytes = static_cast<size_t>(n) << 20;
  }
  if (a.has("--max-compression-ratio")) {
    if (!parse_count(a.get("--max-compression-ratio"), 0, 1000000, n)) {
      error = "--max-compression-ratio must be a number from 0 (no limit) to 1000000, not '" +
              a.get("--max-compression-ratio") + "'";
      return false;
    }
    options.max_compression_ratio = static_cast<double>(n);
  }
  return true;
}

// --threads N (default: every core).
inline bool parse_threads(const ParsedArgs& a, unsigned& threads, std::string& error) {
  threads = std::max(1u, std::thread::hardware_concurrency());
  if (!a.has("--threads")) return true;
  const std::string v = a.get("--threads");
  char* end = nullptr;
  long n = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end || n < 1 || n > 256) {
    error = "--threads must be a number from 1 to 256, not '" + v + "'";
    return false;
  }
  threads = static_cast<unsigned>(n);
  return true;
}

// The value of a flag that takes one of three words, as `out`: the one at
// the same place in `values` as the word given. False (with `error`) for
// another word; `out` stays as it is when the flag is not given.
template <typename T>
bool parse_choice(const ParsedArgs& a, const char* flag, const char* const (&words)[3], const T (&values)[3], T& out,
                  std::string& error) {
  if (!a.has(flag)) return true;
  const std::string v = a.get(flag);
  for (size_t k = 0; k < 3; ++k)
    if (v == words[k]) {
      out = values[k];
      return true;
    }
  error = std::string(flag) + " must be " + words[0] + ", " + words[1] + " or " + words[2] + ", not '" + v + "'";
  return false;
}

// --mentions LEVEL (or --pronouns, short for --mentions pronouns) and
// --claims KINDS into `options`; false and `error` on a bad value.
inline bool parse_record_flags(const ParsedArgs& a, RecordOptions& options, std::string& error) {
  if (a.has("--pronouns")) options.mentions = MentionDetail::kPronouns;
  if (a.has("--mentions") && a.has("--pronouns") && a.get("--mentions") != "pronouns") {
    error = "--pronouns is short for --mentions pronouns; give one or the other";
    return false;
  }
  if (!parse_choice(a, "--mentions", {"names", "pronouns", "all"},
                    {MentionDetail::kNames, MentionDetail::kPronouns, MentionDetail::kAll}, options.mentions, error))
    return false;
  if (a.has("--claims")) {
    const std::string v = a.get("--claims");
    for (size_t at = 0; at <= v.size();) {
      const size_t comma = std::min(v.find(',', at), v.size());
      std::string kind = v.substr(at, comma - at);
      const auto& known = claim_kinds();
      if (std::find(known.begin(), known.end(), kind) == known.end()) {
        error = "--claims: '" + kind + "' is not a claim kind (see the command's --help)";
        return false;
      }
      options.claim_kinds.push_back(std::move(kind));
      at = comma + 1;
    }
  }
  return true;
}

// --lexicon FILE (repeatable), --names SOURCE and --parse SCOPE into `options`.
inline bool parse_engine_flags(const ParsedArgs& a, EngineOptions& options, std::string& error) {
  options.lexicons = a.all("--lexicon");
  return parse_choice(a, "--parse", {"none", "needed", "all"}, {ParseScope::kNone, ParseScope::kNeeded, ParseScope::kAll},
                      options.parse, error) &&
         parse_choice(a, "--names", {"both", "lists", "model"},
                      {NameSource::kBoth, NameSource::kLists, NameSource::kModel}, options.names, error);
}

// "1.2 MB", "34 KB".
inline std::string format_bytes(double bytes) {
  char buf[32];
  if (bytes >= (1 << 30)) std::snprintf(buf, sizeof buf, "%.2f GB", bytes / (1 << 30));
  else if (bytes >= (1 << 20)) std::snprintf(buf, sizeof buf, "%.1f MB", bytes / (1 << 20));
  else std::snprintf(buf, sizeof buf, "%.0f KB", bytes / 1024);
  return buf;
}

// "1:02:03" or "2:03".
inline std::string format_duration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

// Messages and a progress line on stderr, from any thread. On a terminal the
// progress line is redrawn in place at most every 200 ms and cleared before a
// message; elsewhere (a log file, CI) it is printed as a plain line every
// `plain_interval` so that logs stay readable.
class Console {
 public:
  Console(bool quiet, std::chrono::seconds plain_interval = std::chrono::seconds(10))
      : quiet_(quiet), tty_(isatty(STDERR_FILENO) != 0), plain_interval_(plain_interval) {}

  bool tty() const { return tty_; }

  // A message on a line of its own; warnings are dropped when quiet.
  void message(bool is_warning, const std::string& text) {
    if (quiet_ && is_warning) return;
    std::lock_guard<std::mutex> lock(mu_);
    clear_locked();
    std::fprintf(stderr, "%s\n", text.c_str());
  }

  // Shows `line` as progress when it is time to; `force` shows it now.
  void progress(const std::string& line, bool force = false) {
    if (quiet_) return;
    std::lock_guard<std::mutex> lock(mu_);
    auto now = Clock::now();
    auto interval = tty_ ? std::chrono::milliseconds(200) : std::chrono::duration_cast<std::chrono::milliseconds>(plain_interval_);
    if (!force && now - last_ < interval) return;
    last_ = now;
    if (tty_) {
      // Cut to the terminal's width: a wrapped line could not be redrawn in place.
      std::string shown = line;
      winsize ws{};
      if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10 && shown.size() >= ws.ws_col)
        shown.resize(ws.ws_col - 1);
      std::fprintf(stderr, "\r\x1b[K%s", shown.c_str());
      shown_ = true;
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
    std::fflush(stderr);
  }

  // Clears the progress line (before the final summary).
  void finish() {
    std::lock_guard<std::mutex> lock(mu_);
    clear_locked();
  }

 private:
  using Clock = std::chrono::steady_clock;
  void clear_locked() {
    if (shown_) std::fputs("\r\x1b[K", stderr);
    shown_ = false;
  }
  std::mutex mu_;
  bool quiet_, tty_;
  std::chrono::seconds plain_interval_;
  bool shown_ = false;
  Clock::time_point last_ = Clock::now();
};

}  // namespace sitrep::cli
