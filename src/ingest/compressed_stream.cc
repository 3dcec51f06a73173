#include "ingest/compressed_stream.h"

#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>

namespace sitrep {

const char* to_string(Compression c) {
  switch (c) {
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
    case Compression::kNone: break;
  }
  return "";
}

class CompressedFile::Buffer : public std::streambuf {
 public:
  Buffer(std::istream& raw, Compression c, double max_ratio)
      : raw_(raw), c_(c), max_ratio_(max_ratio), in_(1 << 16), out_(1 << 17) {
    if (c_ == Compression::kGzip) {
      std::memset(&z_, 0, sizeof z_);
      inflateInit2(&z_, 15 + 16);  // gzip wrapper only
    } else if (c_ == Compression::kZstd) {
      zstd_ = ZSTD_createDStream();
      ZSTD_initDStream(zstd_);
    }
  }
  ~Buffer() override {
    if (c_ == Compression::kGzip) inflateEnd(&z_);
    if (zstd_) ZSTD_freeDStream(zstd_);
  }
  uint64_t raw_bytes() const { return raw_bytes_; }
  const std::string& error() const { return error_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    size_t n = 0;
    while (n == 0 && !done_) n = fill();
    if (n == 0) {
      // The error shows once the reader has taken every good byte before it,
      // so that a reader can tell what the damage cut short.
      if (!pending_error_.empty()) error_ = std::move(pending_error_);
      pending_error_.clear();
      return traits_type::eof();
    }
    out_bytes_ += n;
    if (max_ratio_ > 0 && c_ != Compression::kNone && out_bytes_ > (uint64_t{64} << 20) &&
        static_cast<double>(out_bytes_) > max_ratio_ * static_cast<double>(raw_bytes_)) {
      char what[200];
      std::snprintf(what, sizeof what,
                    "%s data decompresses to more than %.0f times its size (%llu bytes read): a compression bomb? "
                    "(raise the limit with --max-compression-ratio)",
                    to_string(c_), max_ratio_, static_cast<unsigned long long>(raw_bytes_));
      error_ = what;
      done_ = true;
      setg(out_.data(), out_.data(), out_.data());
      return traits_type::eof();
    }
    setg(out_.data(), out_.data(), out_.data() + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  // Reads more compressed input; false at its end.
  bool refill() {
    raw_.read(in_.data(), static_cast<std::streamsize>(in_.size()));
    in_len_ = static_cast<size_t>(raw_.gcount());
    in_pos_ = 0;
    raw_bytes_ += in_len_;
    return in_len_ > 0;
  }
  void fail(const std::string& what) {
    char where[64];
    std::snprintf(where, sizeof where, " after %llu bytes", static_cast<unsigned long long>(raw_bytes_));
    pending_error_ = "corrupt " + std::string(to_string(c_)) + " data" + where + " (" + what + ")";
    done_ = true;
  }
  // Decompresses into out_; returns the bytes produced (0 at the end or on an error).
  size_t fill() {
    if (in_pos_ == in_len_ && !refill()) {
      if (c_ == Compression::kNone || clean_end_) {
        done_ = true;
      } else {
        fail("the file ends in the middle of the compressed data");
      }
      return 0;
    }
    if (c_ == Compression::kNone) {
      std::memcpy(out_.data(), in_.data(), in_len_);
      in_pos_ = in_len_;
      return in_len_;
    }
    if (c_ == Compression::kGzip) {
      if (clean_end_) {
        // Another gzip member follows the one that ended.
        inflateReset(&z_);
        clean_end_ = false;
      }
      z_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
      z_.avail_in = static_cast<uInt>(in_len_ - in_pos_);
      z_.next_out = reinterpret_cast<Bytef*>(out_.data());
      z_.avail_out = static_cast<uInt>(out_.size());
      int rc = inflate(&z_, Z_NO_FLUSH);
      in_pos_ = in_len_ - z_.avail_in;
      size_t produced = out_.size() - z_.avail_out;
      if (rc == Z_STREAM_END) clean_end_ = true;
      else if (rc != Z_OK && rc != Z_BUF_ERROR) fail(z_.msg ? z_.msg : "inflate error " + std::to_string(rc));
      return produced;
    }
    ZSTD_inBuffer in{in_.data() + in_pos_, in_len_ - in_pos_, 0};
    ZSTD_outBuffer out{out_.data(), out_.size(), 0};
    size_t rc = ZSTD_decompressStream(zstd_, &out, &in);
    in_pos_ += in.pos;
    if (ZSTD_isError(rc)) {
      fail(ZSTD_getErrorName(rc));
      return out.pos;
    }
    clean_end_ = rc == 0;
    return out.pos;
  }

  std::istream& raw_;
  Compression c_;
  double max_ratio_;
  uint64_t out_bytes_ = 0;
  std::vector<char> in_, out_;
  size_t in_len_ = 0, in_pos_ = 0;
  uint64_t raw_bytes_ = 0;
  z_stream z_;
  ZSTD_DStream* zstd_ = nullptr;
  bool done_ = false, clean_end_ = false;
  std::string error_, pending_error_;
};

CompressedFile::CompressedFile(const std::string& path, std::istream* in, double max_ratio) {
  std::istream* raw = in;
  if (!raw) {
    file_ = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*file_) {
      open_error_ = std::string("cannot open: ") + std::strerror(errno);
      stream_ = std::make_unique<std::istream>(nullptr);
      return;
    }
    raw = file_.get();
  }
  // The magic bytes (1f 8b for gzip, 28 b5 2f fd for Zstandard) of a file or
  // of a stream that can rewind; a pipe cannot, and is read as it is.
  const std::streampos start = file_ ? std::streampos(0) : raw->tellg();
  if (file_ || start != std::streampos(-1)) {
    unsigned char magic[4] = {0, 0, 0, 0};
    raw->read(reinterpret_cast<char*>(magic), 4);
    const std::streamsize got = raw->gcount();
    if (got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) compression_ = Compression::kGzip;
    else if (got == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd)
      compression_ = Compression::kZstd;
    raw->clear();
    raw->seekg(start);
  }
  buffer_ = std::make_unique<Buffer>(*raw, compression_, max_ratio);
  stream_ = std::make_unique<std::istream>(buffer_.get());
  open_ = true;
}

CompressedFile::~CompressedFile() = default;

uint64_t CompressedFile::raw_bytes() const { return buffer_ ? buffer_->raw_bytes() : 0; }

const std::string& CompressedFile::error() const { return buffer_ ? buffer_->error() : open_error_; }

}  // namespace sitrep
