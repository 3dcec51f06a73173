#include "ingest/warc_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string_view>

namespace sitrep {
namespace {

constexpr size_t kMaxRecordBytes = size_t{256} << 20;

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

// Header lines "Name: value" up to a blank line; names lower-cased.
// Returns the offset after the blank line, or npos when there is none.
template <typename F>
size_t parse_headers(std::string_view block, size_t pos, F&& on_header) {
  while (pos < block.size()) {
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

bool dechunk(std::string_view body, std::string& out) {
  out.clear();
  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) return false;
    const std::string size_line(body.substr(pos, nl - pos));
    char* end = nullptr;
    unsigned long n = std::strtoul(size_line.c_str(), &end, 16);
    if (end == size_line.c_str()) return false;
    pos = nl + 1;
    if (n == 0) return true;
    if (pos + n > body.size()) return false;
    out.append(body.substr(pos, n));
    pos += n;
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') ++pos;
  }
  return true;
}

bool inflate_body(std::string_view body, std::string& out) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) return false;  // gzip or zlib, by header
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());
  out.clear();
  char buf[1 << 15];
  int rc;
  do {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  } while (rc == Z_OK && out.size() < kMaxRecordBytes);
  inflateEnd(&z);
  return rc == Z_STREAM_END;
}

}  // namespace

bool WarcReader::fail(const std::string& message) {
  error_ = "WARC record " + std::to_string(records_) + ": " + message;
  return false;
}

bool WarcReader::next(WarcPage& out) {
  std::string line, block, body;
  while (true) {
    // Skip the blank lines between records.
    do {
      if (!std::getline(in_, line)) return false;
      if (!line.empty() && line.back() == '\r') line.pop_back();
    } while (line.empty());
    ++records_;
    if (!line.starts_with("WARC/")) return fail("expected a WARC/1.x version line, found '" + line.substr(0, 40) + "'");
    std::string type, uri, date, content_type;
    long long length = -1;
    while (std::getline(in_, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) break;
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      const std::string name = lower(trim(std::string_view(line).substr(0, colon)));
      const std::string value(trim(std::string_view(line).substr(colon + 1)));
      if (name == "warc-type") type = value;
      else if (name == "warc-target-uri") uri = value;
      else if (name == "warc-date") date = value;
      else if (name == "content-type") content_type = lower(value);
      else if (name == "content-length") length = std::atoll(value.c_str());
    }
    if (length < 0) return fail("no Content-Length");
    if (static_cast<size_t>(length) > kMaxRecordBytes) {
      in_.ignore(length);
      continue;
    }
    block.resize(static_cast<size_t>(length));
    in_.read(block.data(), length);
    if (in_.gcount() != length) return fail("the file ends inside the record");
    if (type != "response" || content_type.find("application/http") == std::string::npos) continue;

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
    if (body_at == std::string_view::npos) continue;
    if (http_type.find("html") == std::string::npos) continue;
    std::string_view payload = b.substr(body_at);
    std::string decoded;
    if (transfer.find("chunked") != std::string::npos && dechunk(payload, decoded)) {
      body = std::move(decoded);
      payload = body;
    }
    if (encoding == "gzip" || encoding == "deflate" || encoding == "x-gzip") {
      if (!inflate_body(payload, decoded)) continue;
      payload = decoded;
    }
    out.url = uri;
    if (out.url.size() > 1 && out.url.front() == '<' && out.url.back() == '>') out.url = out.url.substr(1, out.url.size() - 2);
    out.date = date.size() >= 10 ? date.substr(0, 10) : "";
    out.html.assign(payload);
    out.record = records_;
    return true;
  }
}

}  // namespace sitrep
