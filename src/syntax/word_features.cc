#include "syntax/word_features.h"

#include <algorithm>

#include "learn/feature_hash.h"

namespace sitrep {

namespace {

// Long tokens (URLs) are hashed over their first kMax normalised bytes.
constexpr size_t kMax = 64;

char shape_class(char c) {
  if (c >= 'A' && c <= 'Z') return 'X';
  if (c >= 'a' && c <= 'z') return 'x';
  if (c >= '0' && c <= '9') return 'd';
  if (static_cast<unsigned char>(c) >= 0x80) return 'u';  // a byte of a non-ASCII letter or sign
  return c;
}

// Normalises `w` into out[0 .. kMax): curly quotes straight, digits 0,
// `` and '' as ". Returns the length.
size_t normalise(std::string_view w, char* cased) {
  size_t n = 0;
  for (size_t i = 0; i < w.size() && n < kMax;) {
    auto c = static_cast<unsigned char>(w[i]);
    if (c == 0xE2 && i + 2 < w.size() && static_cast<unsigned char>(w[i + 1]) == 0x80) {
      auto c2 = static_cast<unsigned char>(w[i + 2]);
      if (c2 == 0x98 || c2 == 0x99) {  // ‘ ’
        cased[n++] = '\'';
        i += 3;
        continue;
      }
      if (c2 == 0x9C || c2 == 0x9D || c2 == 0x9E) {  // “ ” „
        cased[n++] = '"';
        i += 3;
        continue;
      }
    }
    if (c >= '0' && c <= '9') c = '0';
    cased[n++] = static_cast<char>(c);
    ++i;
  }
  if (std::string_view(cased, n) == "``" || std::string_view(cased, n) == "''") {
    cased[0] = '"';
    n = 1;
  }
  return n;
}

void lower_ascii(const char* in, size_t n, char* out) {
  for (size_t i = 0; i < n; ++i) out[i] = in[i] >= 'A' && in[i] <= 'Z' ? static_cast<char>(in[i] + 32) : in[i];
}

}  // namespace

uint64_t lower_key(std::string_view word) {
  char cased[kMax], lower[kMax];
  size_t n = normalise(word, cased);
  lower_ascii(cased, n, lower);
  return learn::hash_text(std::string_view(lower, n));
}

WordFeatures word_features(std::string_view text, const Token& token, bool affixes) {
  std::string_view w = text.substr(token.begin, token.end - token.begin);
  char cased[kMax], lower[kMax];
  const size_t n = normalise(w, cased);
  lower_ascii(cased, n, lower);
  std::string_view l(lower, n);

  WordFeatures f;
  f.length = static_cast<uint8_t>(std::min<size_t>(w.size(), 255));
  f.lower = learn::hash_text(l);
  f.form = learn::hash_text(std::string_view(cased, n), 0x636173656400ull);
  if (affixes) {
    for (size_t k = 0; k < 3; ++k) f.prefix[k] = learn::hash_text(l.substr(0, std::min(n, k + 1)), 0x70726566ull + k);
    for (size_t k = 0; k < 4; ++k)
      f.suffix[k] = learn::hash_text(l.substr(n - std::min(n, k + 1)), 0x73756666ull + k);
    size_t hyphen = l.find_last_of('-');
    f.last_part = hyphen != std::string_view::npos && hyphen > 0 && hyphen + 1 < n ? learn::hash_text(l.substr(hyphen + 1))
                                                                                    : f.lower;
  }
  // Shape: character classes, a run of one class shown at most twice.
  uint64_t shape = learn::hash_byte(static_cast<uint8_t>(token.kind), 0x7368617065ull);
  char prev = 0;
  int run = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = shape_class(cased[i]);
    run = c == prev ? run + 1 : 1;
    prev = c;
    if (run <= 2) shape = learn::hash_byte(static_cast<uint8_t>(c), shape);
  }
  if (token.kind == TokenKind::kQuote || token.kind == TokenKind::kPunct)
    shape = learn::hash_byte(token.has(kOpening) ? 'o' : token.has(kClosing) ? 'c' : '-', shape);
  f.shape = shape;
  return f;
}

}  // namespace sitrep
