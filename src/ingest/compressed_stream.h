// A file read through a decompressor chosen by its first bytes: gzip (also
// several concatenated members, as WARC.gz files are made), Zstandard, or
// none. Corrupt data ends the stream and leaves a message in error(), so the
// articles before the damage are still read.
//
//   CompressedFile f("news.jsonl.gz");
//   if (!f.is_open()) fail(f.error());
//   std::string line;
//   while (std::getline(f.stream(), line)) ...
//   if (!f.error().empty()) report(f.error());
#pragma once

#include <cstdint>
#include <fstream>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>
#include <vector>

namespace sitrep {

enum class Compression { kNone, kGzip, kZstd };

// "gzip", "zstd" or "" for kNone.
const char* to_string(Compression c);

class CompressedFile {
 public:
  // Reads `path`, or `in` as it is (uncompressed) when given: standard input.
  // Data that decompresses to more than `max_ratio` times its compressed size
  // (once past 64 MB) is taken for a compression bomb and ends the stream
  // with an error; 0 turns the check off.
  explicit CompressedFile(const std::string& path, std::istream* in = nullptr, double max_ratio = 200);
  ~CompressedFile();

  bool is_open() const { return open_; }
  std::istream& stream() { return *stream_; }
  Compression compression() const { return compression_; }
  // Compressed bytes consumed so far.
  uint64_t raw_bytes() const;
  // Empty, or what went wrong ("corrupt gzip data after 1.2 MB: invalid distance").
  const std::string& error() const;

 private:
  class Buffer;
  std::unique_ptr<std::ifstream> file_;
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::istream> stream_;
  Compression compression_ = Compression::kNone;
  bool open_ = false;
  std::string open_error_;
};

}  // namespace sitrep
