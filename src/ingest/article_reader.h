// ArticleReader: turns the inputs named on a command line into Articles, one
// at a time, however many and however large the inputs are.
//
// Inputs are files, folders (read recursively, in name order, hidden entries
// skipped) and "-" for standard input. A plain-text article is the whole file:
// its first non-empty line is the title, and offsets run over the whole text.
// A JSON Lines file holds one article per line: {id, title, date, text, url}.
//
// Problems are values: each is passed to the reader's problem list with where
// it happened (file, file:line) and whether the input failed (it is skipped)
// or was only repaired (invalid UTF-8, a bad date), so the caller can report
// them and choose its exit code while the rest is still read.
//
//   ArticleReader reader({"news/", "-"}, options);
//   Article a;
//   while (reader.next(a)) process(a);
//   for (const auto& p : reader.take_problems()) report(p);
#pragma once

#include <cstddef>
#include <fstream>
#include <istream>
#include <memory>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sitrep/document.h"

namespace sitrep {

enum class InputFormat { kAuto, kText, kJsonl };

struct ReaderOptions {
  InputFormat format = InputFormat::kAuto;
  // Larger articles (or JSONL lines, HTML pages, WARC records, after
  // decompression) are refused with a message; no more than this is held.
  size_t max_article_bytes = size_t{64} << 20;
  // JSON nested deeper than this is refused.
  int max_json_depth = 64;
  // The publication date of articles that carry none (YYYY-MM-DD), or "".
  std::string default_date;
};

struct InputProblem {
  std::string where;    // "file", "file:line" or "-"
  std::string message;  // what is wrong, in words a user can act on
  bool failed = true;   // true: that input was skipped; false: repaired and read
};

class ArticleReader {
 public:
  // `in` serves "-" (standard input by default).
  ArticleReader(std::vector<std::string> inputs, ReaderOptions options, std::istream* in = nullptr);
  ~ArticleReader();

  // The next article; false when every input is read.
  bool next(Article& out);

  // Problems found since the last call.
  std::vector<InputProblem> take_problems();
  // How many inputs failed so far (files, lines, folders).
  size_t failures() const { return failures_; }
  // Bytes of input read so far, for progress reports.
  size_t bytes_read() const { return bytes_read_; }

 private:
  struct Source {
    std::string path;  // "-" for standard input
    InputFormat format;
  };
  bool open_next_source();
  bool read_text(const Source& src, Article& out);
  bool read_jsonl_line(Article& out);
  void problem(std::string where, std::string message, bool failed);
  bool finish_article(Article& a, const std::string& where);

  std::vector<std::string> inputs_;
  ReaderOptions options_;
  std::istream* stdin_;
  size_t next_input_ = 0;
  std::vector<Source> pending_;  // sources expanded from the current input
  size_t next_pending_ = 0;

  // The JSON Lines source being read, if any.
  std::unique_ptr<std::ifstream> jsonl_file_;
  std::istream* jsonl_ = nullptr;
  std::string jsonl_path_;
  size_t jsonl_line_ = 0;
  size_t jsonl_content_lines_ = 0;  // lines of the source that are not blank
  std::string line_;                // the JSONL line being read

  std::vector<InputProblem> problems_;
  size_t failures_ = 0;
  size_t bytes_read_ = 0;
};

// Reads one line (without its '\n') into `line`, keeping at most `max` bytes:
// a longer line is read to its end and dropped, with `too_long` set and `line`
// empty. False at the end of the input (or on a read error: see in.bad()).
bool read_bounded_line(std::istream& in, std::string& line, size_t max, bool& too_long);

// A stable 16-hex-digit id for an article without one (FNV-1a 64 of `key`).
std::string hash_id(std::string_view key);

// The regular files below `folder` (recursively, not following links to
// folders) that `wanted` accepts, in name order; hidden files and folders are
// skipped. Each folder that cannot be read, wholly or in part, is added to
// `problems` (as failed) and the rest is still listed.
std::vector<std::filesystem::path> files_below(const std::string& folder,
                                               const std::function<bool(const std::filesystem::path&)>& wanted,
                                               std::vector<InputProblem>& problems);

}  // namespace sitrep
