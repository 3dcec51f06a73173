#include "ingest/warc_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>

namespace sitrep {
namespace {

// A WARC or HTTP header line longer than this is not a header.
constexpr size_t kMaxHeaderLine = 64 << 10;
// Nor is a header block of more lines than this.
constexpr int kMaxHeaderLines = 1000;
constexpr std::string_view kRecordStart = "\nWARC/1.";

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string megabytes(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  return buf;
}

// A printable excerpt of untrusted bytes for a message.
std::string excerpt(std::string_view s) {
  std::string out;
  for (unsigned char c : s.substr(0, 40)) out += c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?';
  return out;
}

// A decimal Content-Length: digits only, at most 18 of them; false otherwise.
bool parse_length(std::string_view v, uint64_t& out) {
  if (v.empty() || v.size() > 18) return false;
  out = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<uint64_t>(c - '0');
  }
  return true;
}

// Header lines "Name: value" up to a blank line; names lower-cased.
// Returns the offset after the blank line, or npos when there is none.
template <typename F>
size_t parse_headers(std::string_view block, size_t pos, F&& on_header) {
  for (int lines = 0; pos < block.size() && lines < kMaxHeaderLines; ++lines) {
    size_t nl = block.find('\n', pos);
    if (nl == std::string_view::npos) return std::string_view::npos;
    std::string_view line = block.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl + 1;
    if (line.empty()) return pos;
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) on_header(lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
  }
  return std::string_view::npos;
}

// Undoes chunked transfer encoding; false when the body is not well chunked or
// decodes to more than `max` bytes.
bool dechunk(std::string_view body, std::string& out, size_t max) {
  out.clear();
  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) return false;
    std::string_view size_line = body.substr(pos, nl - pos);
    uint64_t n = 0;
    size_t digits = 0;
    for (char c : size_line) {
      const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) break;
      if (++digits > 15) return false;  // no chunk is 2^60 bytes
      n = n * 16 + static_cast<uint64_t>(d);
    }
    if (digits == 0) return false;
    pos = nl + 1;
    if (n == 0) return true;
    if (n > body.size() - pos || out.size() + n > max) return false;
    out.append(body.substr(pos, n));
    pos += n;
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') ++pos;
  }
  return true;
}

enum class Inflated { kOk, kCorrupt, kTooLarge };

Inflated inflate_body(std::string_view body, std::string& out, size_t max) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) return Inflated::kCorrupt;  // gzip or zlib, by header
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(std::min<size_t>(body.size(), UINT32_MAX));
  out.clear();
  char buf[1 << 15];
  int rc;
  do {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  } while (rc == Z_OK && out.size() <= max);
  inflateEnd(&z);
  if (out.size() > max) return Inflated::kTooLarge;
  return rc == Z_STREAM_END ? Inflated::kOk : Inflated::kCorrupt;
}

bool looks_like_markup(std::string_view s) {
  size_t i = s.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  return i != std::string_view::npos && s[i] == '<';
}

}  // namespace

void WarcReader::problem(std::string url, std::string message, bool failed) {
  problems_.push_back({records_, std::move(url), std::move(message), failed});
}

std::vector<WarcProblem> WarcReader::take_problems() {
  std::vector<WarcProblem> out;
  out.swap(problems_);
  return out;
}

bool WarcReader::fill(size_t want) {
  while (buf_.size() - pos_ < want && !eof_) {
    if (pos_ > 0 && pos_ >= buf_.size() / 2) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    const size_t old = buf_.size();
    const size_t chunk = std::max<size_t>(size_t{1} << 16, want - (old - pos_));
    buf_.resize(old + chunk);
    in_.read(buf_.data() + old, static_cast<std::streamsize>(chunk));
    const size_t got = static_cast<size_t>(in_.gcount());
    buf_.resize(old + got);
    if (got < chunk) eof_ = true;
  }
  return buf_.size() - pos_ >= want;
}

bool WarcReader::read_line(std::string& line, size_t max) {
  line.clear();
  while (true) {
    line_start_ = pos_;
    const size_t nl = buf_.find('\n', pos_);
    if (nl != std::string::npos && nl - pos_ <= max) {
      line.assign(buf_, pos_, nl - pos_);
      pos_ = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (buf_.size() - pos_ > max) {
      // Too long to be a line of a header: give back what was read of it.
      line.assign(buf_, pos_, max);
      pos_ += max;
      return true;
    }
    if (eof_) {
      if (pos_ == buf_.size()) return false;
      line.assign(buf_, pos_);
      pos_ = buf_.size();
      return true;
    }
    fill(buf_.size() - pos_ + (1 << 16));
  }
}

size_t WarcReader::read_block(std::string& out, size_t n) {
  out.clear();
  out.reserve(n);
  const size_t from_buf = std::min(n, buf_.size() - pos_);
  out.append(buf_, pos_, from_buf);
  pos_ += from_buf;
  if (out.size() < n && !eof_) {
    const size_t old = out.size();
    out.resize(n);
    in_.read(out.data() + old, static_cast<std::streamsize>(n - old));
    const size_t got = static_cast<size_t>(in_.gcount());
    out.resize(old + got);
    if (out.size() < n) eof_ = true;
  }
  return out.size();
}

bool WarcReader::at_record_start() {
  // The record ends with CRLF CRLF; be lenient about how many line ends.
  while (fill(1) && (buf_[pos_] == '\r' || buf_[pos_] == '\n')) ++pos_;
  if (!fill(5)) return buf_.size() == pos_;
  return std::string_view(buf_).substr(pos_, 5) == "WARC/";
}

void WarcReader::skip_to_next_record() {
  // To the next line that starts "WARC/1." (this one, if it does), or the end.
  if (fill(kRecordStart.size() - 1) && (pos_ == 0 || buf_[pos_ - 1] == '\n') &&
      std::string_view(buf_).substr(pos_, kRecordStart.size() - 1) == kRecordStart.substr(1))
    return;
  while (true) {
    fill(kRecordStart.size());
    const size_t at = buf_.find(kRecordStart, pos_);
    if (at != std::string::npos) {
      pos_ = at + 1;
      return;
    }
    if (eof_) {
      pos_ = buf_.size();
      return;
    }
    // Keep the tail that could begin a match; read on.
    pos_ = std::max(pos_, buf_.size() - (kRecordStart.size() - 1));
    fill(buf_.size() - pos_ + (1 << 16));
  }
}

bool WarcReader::next(WarcPage& out) {
  std::string line, block, decoded, inflated;
  while (true) {
    // Skip the blank lines between records.
    do {
      if (!read_line(line, kMaxHeaderLine)) return false;
    } while (line.empty());
    ++records_;
    if (!line.starts_with("WARC/")) {
      problem("", "expected a WARC/1.x version line, found '" + excerpt(line) +
                      "'; skipped to the next record");
      skip_to_next_record();
      continue;
    }
    std::string type, uri, date, content_type, length_text;
    bool has_length = false, header_ended = false;
    for (int lines = 0; lines < kMaxHeaderLines; ++lines) {
      if (!read_line(line, kMaxHeaderLine)) break;
      if (line.empty()) {
        header_ended = true;
        break;
      }
      if (line.starts_with("WARC/1.")) {
        // A header cut short: the next record starts here.
        pos_ = line_start_;
        break;
      }
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      const std::string name = lower(trim(std::string_view(line).substr(0, colon)));
      const std::string value(trim(std::string_view(line).substr(colon + 1)));
      if (name == "warc-type") type = value;
      else if (name == "warc-target-uri") uri = value;
      else if (name == "warc-date") date = value;
      else if (name == "content-type") content_type = lower(value);
      else if (name == "content-length") {
        length_text = value;
        has_length = true;
      }
    }
    if (uri.size() > 1 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
    if (!header_ended) {
      problem(uri, eof_ && pos_ == buf_.size() ? "the file ends inside the record's header"
                                               : "the record's header does not end; skipped to the next record");
      skip_to_next_record();
      continue;
    }
    uint64_t length = 0;
    if (!has_length || !parse_length(length_text, length)) {
      problem(uri, has_length ? "Content-Length '" + excerpt(length_text) + "' is not a number of bytes; skipped to the next record"
                              : "no Content-Length; skipped to the next record");
      skip_to_next_record();
      continue;
    }
    const bool is_response = type == "response" && content_type.find("application/http") != std::string::npos;
    if (length > limits_.max_record_bytes) {
      problem(uri, "the record is " + megabytes(length) + ", over the limit of " + megabytes(limits_.max_record_bytes) +
                       " (raise it with --max-article-mb); skipped",
              is_response);
      skip_to_next_record();
      continue;
    }
    const size_t got = read_block(block, static_cast<size_t>(length));
    if (got < length || !at_record_start()) {
      // The record does not end where its Content-Length says. When a record
      // starts inside what was read, the length was too large: resume there.
      const size_t at = block.find(kRecordStart);
      if (at != std::string::npos) {
        buf_ = block.substr(at + 1) + buf_.substr(pos_);
        pos_ = 0;
        problem(uri, "Content-Length " + length_text + " is wrong: another record starts " + std::to_string(at + 1) +
                         " bytes into this one; skipped to it");
        continue;
      }
      if (got < length) {
        problem(uri, "the file ends inside the record (Content-Length " + length_text + ", " + std::to_string(got) +
                         " bytes left)");
        return false;
      }
      problem(uri, "Content-Length " + length_text + " is wrong: the record goes on after it; skipped to the next record");
      skip_to_next_record();
      continue;
    }
    if (!is_response) continue;

    // The HTTP response: status line, headers, body.
    std::string_view b(block);
    size_t nl = b.find('\n');
    if (nl == std::string_view::npos || !b.starts_with("HTTP/")) continue;
    std::string_view status = b.substr(0, nl);
    size_t sp = status.find(' ');
    if (sp == std::string_view::npos || status.size() < sp + 2 || status[sp + 1] != '2') continue;
    std::string http_type, transfer, encoding;
    size_t body_at = parse_headers(b, nl + 1, [&](const std::string& name, std::string_view value) {
      if (name == "content-type") http_type = lower(value);
      else if (name == "transfer-encoding") transfer = lower(value);
      else if (name == "content-encoding") encoding = lower(value);
    });
    if (body_at == std::string_view::npos) {
      if (http_type.find("html") != std::string::npos) problem(uri, "the HTTP header of the response does not end");
      continue;
    }
    if (http_type.find("html") == std::string::npos) continue;
    std::string_view payload = b.substr(body_at);
    // Some crawlers store the body decoded but keep the header that says
    // chunked: a body that is not well chunked is taken as it is.
    if (transfer.find("chunked") != std::string::npos && dechunk(payload, decoded, limits_.max_record_bytes))
      payload = decoded;
    if (encoding == "gzip" || encoding == "deflate" || encoding == "x-gzip") {
      switch (inflate_body(payload, inflated, limits_.max_record_bytes)) {
        case Inflated::kOk:
          payload = inflated;
          break;
        case Inflated::kTooLarge:
          problem(uri, "the page decompresses to more than " + megabytes(limits_.max_record_bytes) +
                           " (raise the limit with --max-article-mb); skipped");
          continue;
        case Inflated::kCorrupt:
          // Stored decoded under a header that still says gzip?
          if (looks_like_markup(payload)) break;
          problem(uri, "the page's " + encoding + " body is corrupt; skipped");
          continue;
      }
    }
    out.url = uri;
    out.date = date.size() >= 10 ? date.substr(0, 10) : "";
    out.html.assign(payload);
    out.record = records_;
    return true;
  }
}

}  // namespace sitrep
