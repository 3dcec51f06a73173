// CorpusReader: the articles of whole news corpora, whatever they are stored
// as. It extends ArticleReader (text files, JSON Lines, stdin) with
//   - compressed files: gzip (.gz) and Zstandard (.zst), found by their magic
//     bytes, so "news.jsonl.gz" and "news.jsonl.zst" read as JSON Lines;
//   - HTML pages (.html, .htm): title, byline, date and main text (html_reader.h);
//   - web archives (.warc, .warc.gz): each HTTP response with an HTML body is
//     an article with its URL and date (warc_reader.h).
// Folders are read recursively in name order. Problems are values, as with
// ArticleReader: each says where (file, file:line, file@offset) and whether
// the input failed or was repaired, and the rest is still read.
//
//   CorpusReader reader({"crawl/", "feed.jsonl.gz"}, {});
//   Article a;
//   while (reader.next(a)) process(a);
//   for (const InputProblem& p : reader.take_problems()) report(p);
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "ingest/article_reader.h"
#include "ingest/html_reader.h"

namespace sitrep {

enum class CorpusFormat { kAuto, kText, kJsonl, kHtml, kWarc };

// "auto", "text", "jsonl", "html", "warc"; false for anything else.
bool parse_corpus_format(const std::string& name, CorpusFormat& out);

struct CorpusOptions {
  CorpusFormat format = CorpusFormat::kAuto;  // kAuto: by file name (stdin: by its first bytes)
  ReaderOptions reader;                       // its format is set from `format`; its article
                                              // limit bounds HTML pages and WARC records too
  HtmlLimits html;                            // nesting depth and tree size of a page
  double max_compression_ratio = 200;         // see CompressedFile
};

class CorpusReader {
 public:
  CorpusReader(std::vector<std::string> inputs, CorpusOptions options, std::istream* in = nullptr);
  ~CorpusReader();

  bool next(Article& out);
  std::vector<InputProblem> take_problems();
  size_t failures() const { return failures_; }
  // Input bytes consumed so far (compressed bytes for compressed files), and
  // the size of all the named files (0 when unknown, as for stdin), for an ETA.
  uint64_t bytes_read() const;
  uint64_t total_bytes() const { return total_bytes_; }

 private:
  struct Source {
    std::string path;
    CorpusFormat format;
  };
  class Current;
  void expand(const std::string& input);
  void problem(std::string where, std::string message, bool failed);
  bool open_next();
  void close_current();
  void take_warc_problems();

  CorpusOptions options_;
  std::istream* stdin_;
  std::vector<Source> sources_;
  size_t next_source_ = 0;
  std::unique_ptr<Current> current_;
  std::vector<InputProblem> problems_;
  size_t failures_ = 0;
  uint64_t total_bytes_ = 0;
  uint64_t finished_bytes_ = 0;  // of the sources read to the end
};

}  // namespace sitrep
