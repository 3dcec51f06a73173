// UTF-8 decoding, validation and repair, and byte→code-point offset mapping.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

inline constexpr uint32_t kReplacementChar = 0xFFFD;

// Decodes the code point at s[i] (which must be < s.size()) into `cp` and
// returns its length in bytes; an invalid or truncated sequence yields
// U+FFFD and length 1. Overlong forms and surrogates are invalid.
size_t decode_utf8(std::string_view s, size_t i, uint32_t& cp);

// Appends the UTF-8 encoding of `cp`.
void append_utf8(std::string& out, uint32_t cp);

struct Utf8Repair {
  size_t replaced = 0;        // invalid sequences replaced by U+FFFD
  size_t first_bad_byte = 0;  // byte offset of the first one in the input
};

// Replaces every invalid byte sequence of `s` by U+FFFD (one per maximal
// invalid subpart, as the Unicode standard recommends) and drops a leading
// byte-order mark. Valid input is left untouched and costs one fast scan.
Utf8Repair repair_utf8(std::string& s);
bool is_valid_utf8(std::string_view s);

// Maps byte offsets of one text to code-point offsets in O(1) after an O(n)
// build, with a sparse table of counts every 64 bytes.
class CodepointMap {
 public:
  explicit CodepointMap(std::string_view text);
  // `byte` must be at a code-point boundary, 0 <= byte <= text.size().
  uint32_t operator()(size_t byte) const;

 private:
  std::string_view text_;
  std::vector<uint32_t> blocks_;
};

// Number of code points in s.
size_t count_codepoints(std::string_view s);

}  // namespace sitrep
