// WarcReader: the web pages of a WARC file (ISO 28500; what Heritrix, wget
// --warc-file and Common Crawl write), as HTTP responses. Each record of type
// "response" holding an HTTP response with status 2xx and an HTML body yields
// one page; request, metadata and other records are passed over. Chunked
// transfer encoding and gzip/deflate content encoding of the body are undone.
//
// Damage is reported and survived. A record whose Content-Length is missing,
// malformed or wrong (the record does not end where it says), a header that
// never ends, or a record over the size limit is named in problems() and
// skipped: reading resumes at the next line that starts "WARC/1.", so one bad
// record costs that record only. A response whose chunked or gzip body is
// corrupt is named and skipped too. Memory stays within a few times the
// record limit whatever the file says.
//
//   CompressedFile f("crawl.warc.gz");            // .warc.gz: gzip per record
//   WarcReader warc(f.stream(), {.max_record_bytes = 64 << 20});
//   WarcPage page;
//   while (warc.next(page)) use(page.url, page.date, page.html);
//   for (const WarcProblem& p : warc.take_problems()) report(p.record, p.message);
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace sitrep {

struct WarcPage {
  std::string url;       // WARC-Target-URI
  std::string date;      // WARC-Date as YYYY-MM-DD (when it was crawled)
  std::string html;      // the decoded body
  uint64_t record = 0;   // the record's number in the file, from 1
};

struct WarcLimits {
  // The largest record block, and the largest body after decoding.
  size_t max_record_bytes = size_t{64} << 20;
};

struct WarcProblem {
  uint64_t record = 0;  // from 1
  std::string url;      // when known
  std::string message;
  bool failed = true;   // a page may have been lost (false: a record that holds no page)
};

class WarcReader {
 public:
  explicit WarcReader(std::istream& in, WarcLimits limits = {}) : in_(in), limits_(limits) {}
  bool next(WarcPage& out);
  std::vector<WarcProblem> take_problems();
  // Records seen so far (every type).
  uint64_t records() const { return records_; }

 private:
  // Buffered access to `in_` with look-ahead, so that a record's bytes can be
  // given back when its length proves wrong.
  bool fill(size_t want);
  bool read_line(std::string& line, size_t max);
  size_t read_block(std::string& out, size_t n);
  bool at_record_start();
  void skip_to_next_record();
  void problem(std::string url, std::string message, bool failed = true);

  std::istream& in_;
  WarcLimits limits_;
  std::string buf_;
  size_t pos_ = 0;
  size_t line_start_ = 0;  // where the line read last starts in buf_
  bool eof_ = false;
  uint64_t records_ = 0;
  std::vector<WarcProblem> problems_;
};

}  // namespace sitrep
