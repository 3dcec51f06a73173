#include "text/utf8.h"

#include <cstring>

namespace sitrep {

size_t decode_utf8(std::string_view s, size_t i, uint32_t& cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  auto cont = [&](size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF && cont(1)) {
    cp = ((c & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
    uint32_t v = ((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
    if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
      cp = v;
      return 3;
    }
  }
  if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    uint32_t v = ((c & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) | (p[i + 3] & 0x3Fu);
    if (v >= 0x10000 && v <= 0x10FFFF) {
      cp = v;
      return 4;
    }
  }
  cp = kReplacementChar;
  return 1;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {
// Length of the valid prefix of s starting at i (stops at the first bad sequence).
size_t valid_run(std::string_view s, size_t i) {
  const size_t n = s.size();
  while (i < n) {
    // Fast path: 8 ASCII bytes at a time.
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    uint32_t cp;
    size_t len = decode_utf8(s, i, cp);
    if (cp == kReplacementChar && len == 1) {
      // A literal U+FFFD is 3 bytes long, so length 1 means an invalid byte.
      return i;
    }
    i += len;
  }
  return n;
}
}  // namespace

bool is_valid_utf8(std::string_view s) { return valid_run(s, 0) == s.size(); }

Utf8Repair repair_utf8(std::string& s) {
  Utf8Repair r;
  size_t start = 0;
  if (s.size() >= 3 && s.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;
  size_t bad = valid_run(s, start);
  if (bad == s.size()) {
    if (start) s.erase(0, start);
    return r;
  }
  r.first_bad_byte = bad;
  std::string out;
  out.reserve(s.size() + 16);
  out.append(s, start, bad - start);
  size_t i = bad;
  while (i < s.size()) {
    size_t next = valid_run(s, i);
    out.append(s, i, next - i);
    if (next >= s.size()) break;
    // Skip one maximal invalid subpart: a lead byte and the continuation bytes it allowed.
    auto c = static_cast<unsigned char>(s[next]);
    size_t skip = 1;
    size_t want = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xC2 && c <= 0xDF ? 1 : 0;
    while (skip <= want && next + skip < s.size() && (static_cast<unsigned char>(s[next + skip]) & 0xC0) == 0x80)
      ++skip;
    append_utf8(out, kReplacementChar);
    ++r.replaced;
    i = next + skip;
  }
  s = std::move(out);
  return r;
}

size_t count_codepoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

CodepointMap::CodepointMap(std::string_view text) : text_(text) {
  blocks_.reserve(text.size() / 64 + 2);
  uint32_t count = 0;
  for (size_t b = 0; b <= text.size(); b += 64) {
    blocks_.push_back(count);
    count += static_cast<uint32_t>(count_codepoints(text.substr(b, 64)));
  }
}

uint32_t CodepointMap::operator()(size_t byte) const {
  size_t block = byte / 64;
  return blocks_[block] + static_cast<uint32_t>(count_codepoints(text_.substr(block * 64, byte - block * 64)));
}

}  // namespace sitrep
