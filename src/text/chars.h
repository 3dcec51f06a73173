// Character classes for the tokeniser: a table for ASCII and a small
// classifier for the non-ASCII code points that news text uses as
// punctuation, quotes, dashes and spaces. Every other code point is a letter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sitrep {

enum class CharClass : uint8_t {
  kLetter,
  kDigit,
  kSpace,
  kNewline,
  kOpenQuote,   // “ ‘ „ « ‹
  kCloseQuote,  // ” »  ›
  kApostrophe,  // ' ’ (apostrophe, possessive or single quote: context decides)
  kDoubleQuote, // " (straight: context decides)
  kHyphen,      // - ‐ ‑
  kDash,        // – — ― ‒ −
  kEllipsis,    // …
  kPunct,       // . , ; : ! ? ( ) [ ] { } / \ and non-ASCII punctuation
  kSymbol,      // $ % & + = # @ currency, ©, emoji ...
};

inline constexpr CharClass ascii_class(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::kLetter;
  if (c >= '0' && c <= '9') return CharClass::kDigit;
  switch (c) {
    case ' ': case '\t': case '\v': case '\f': case '\r': return CharClass::kSpace;
    case '\n': return CharClass::kNewline;
    case '"': return CharClass::kDoubleQuote;
    case '\'': return CharClass::kApostrophe;
    case '`': return CharClass::kOpenQuote;
    case '-': return CharClass::kHyphen;
    case '.': case ',': case ';': case ':': case '!': case '?': case '(': case ')':
    case '[': case ']': case '{': case '}': case '/': case '\\': return CharClass::kPunct;
    default: break;
  }
  if (c < 0x20 || c == 0x7F) return CharClass::kSpace;  // other control characters
  return CharClass::kSymbol;
}

inline CharClass classify_codepoint(uint32_t cp) {
  if (cp < 0x80) return ascii_class(static_cast<unsigned char>(cp));
  switch (cp) {
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF: case 0x200B:
      return CharClass::kSpace;
    case 0x0085: case 0x2028: case 0x2029: return CharClass::kNewline;
    case 0x201C: case 0x2018: case 0x201E: case 0x201A: case 0x00AB: case 0x2039: case 0x201F: case 0x201B:
      return CharClass::kOpenQuote;
    case 0x201D: case 0x00BB: case 0x203A: return CharClass::kCloseQuote;
    case 0x2019: return CharClass::kApostrophe;
    case 0x2010: case 0x2011: return CharClass::kHyphen;
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return CharClass::kDash;
    case 0x2026: return CharClass::kEllipsis;
    case 0x00AA: case 0x00B5: case 0x00BA: return CharClass::kLetter;
    case 0x00B2: case 0x00B3: case 0x00B9: case 0x00BC: case 0x00BD: case 0x00BE: return CharClass::kDigit;
    default: break;
  }
  if (cp >= 0x80 && cp < 0xA0) return CharClass::kSpace;  // C1 controls
  if (cp >= 0x2000 && cp <= 0x200A) return CharClass::kSpace;
  if (cp >= 0x200C && cp <= 0x200D) return CharClass::kLetter;  // joiners stay inside words
  if (cp >= 0xA1 && cp <= 0xBF) return cp == 0xA1 || cp == 0xBF || cp == 0xB7 ? CharClass::kPunct : CharClass::kSymbol;
  if (cp == 0xD7 || cp == 0xF7) return CharClass::kSymbol;
  if (cp >= 0x2016 && cp <= 0x206F) return CharClass::kPunct;  // general punctuation
  if (cp >= 0x20A0 && cp <= 0x20CF) return CharClass::kSymbol;  // currency
  if (cp >= 0x2100 && cp <= 0x2BFF) return CharClass::kSymbol;  // letterlike, arrows, maths, shapes
  if (cp >= 0x3001 && cp <= 0x3003) return CharClass::kPunct;
  if (cp >= 0x3008 && cp <= 0x3011) return CharClass::kPunct;
  if (cp >= 0xFF01 && cp <= 0xFF0F) return CharClass::kPunct;  // fullwidth punctuation
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return CharClass::kSymbol;  // emoji and pictographs
  if (cp == 0xFFFD) return CharClass::kSymbol;
  return CharClass::kLetter;
}

// Case of a letter, for ASCII and the Latin, Greek and Cyrillic letters of
// news text; other scripts have no case and answer false to both.
inline bool is_upper_codepoint(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) return (cp % 2 == 0) != (cp >= 0x139 && cp <= 0x148) && cp != 0x138;
  if (cp >= 0x391 && cp <= 0x3AB) return true;
  if (cp >= 0x400 && cp <= 0x42F) return true;
  return false;
}

inline bool is_lower_codepoint(uint32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  if (cp >= 0xDF && cp <= 0xFF) return cp != 0xF7;
  if (cp >= 0x100 && cp <= 0x17F) return !is_upper_codepoint(cp);
  if (cp >= 0x3AC && cp <= 0x3CE) return true;
  if (cp >= 0x430 && cp <= 0x45F) return true;
  return false;
}

// ASCII lower case (names and lexicon words; other letters are kept).
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
// Appends `s` to `out` in ASCII lower case.
inline void append_ascii_lower(std::string& out, std::string_view s) {
  for (char c : s) out += ascii_lower(c);
}
// a == lower, ignoring the case of a's ASCII letters.
inline bool equals_ascii_lower(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != lower[i]) return false;
  return true;
}
// a == b, ignoring the case of both's ASCII letters.
inline bool equals_ascii_folded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}
// `out` = `s` in ASCII lower case (the buffer is reused).
inline const std::string& assign_ascii_lower(std::string& out, std::string_view s) {
  out.clear();
  append_ascii_lower(out, s);
  return out;
}

}  // namespace sitrep
