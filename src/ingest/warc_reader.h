// WarcReader: the web pages of a WARC file (ISO 28500; what Heritrix, wget
// --warc-file and Common Crawl write), as HTTP responses. Each record of type
// "response" holding an HTTP response with status 2xx and an HTML body yields
// one page; request, metadata and other records are passed over. Chunked
// transfer encoding and gzip/deflate content encoding of the body are undone.
// Records that cannot be parsed end the file with a message: a WARC has no
// resynchronisation marker that could be trusted after damage.
//
//   CompressedFile f("crawl.warc.gz");            // .warc.gz: gzip per record
//   WarcReader warc(f.stream());
//   WarcPage page;
//   while (warc.next(page)) use(page.url, page.date, page.html);
//   if (!warc.error().empty()) report(warc.error());
#pragma once

#include <cstdint>
#include <istream>
#include <string>

namespace sitrep {

struct WarcPage {
  std::string url;       // WARC-Target-URI
  std::string date;      // WARC-Date as YYYY-MM-DD (when it was crawled)
  std::string html;      // the decoded body
  uint64_t record = 0;   // the record's number in the file, from 1
};

class WarcReader {
 public:
  explicit WarcReader(std::istream& in) : in_(in) {}
  bool next(WarcPage& out);
  const std::string& error() const { return error_; }
  uint64_t records() const { return records_; }

 private:
  bool fail(const std::string& message);
  std::istream& in_;
  uint64_t records_ = 0;
  std::string error_;
};

}  // namespace sitrep
