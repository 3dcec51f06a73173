#include "text/tokenizer.h"

#include "text/chars.h"
#include "text/utf8.h"

namespace sitrep {

void Tokenizer::run(Document& doc) const {
  doc.tokens.clear();
  doc.tokens.reserve(doc.text().size() / 5);
  tokenize(doc.text(), doc.tokens);
}

namespace {

inline bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

// One scan over one text. Positions are byte offsets; every method that looks
// at a position checks it against the end first.
class Scanner {
 public:
  Scanner(std::string_view text, const Abbreviations& abbr, std::vector<Token>& out)
      : s_(text), n_(text.size()), abbr_(abbr), out_(out) {}

  void run();

 private:
  // The class and byte length of the character at i (i < n_).
  CharClass cls(size_t i, size_t& len) const {
    auto c = static_cast<unsigned char>(s_[i]);
    if (c < 0x80) {
      len = 1;
      return ascii_class(c);
    }
    uint32_t cp;
    len = decode_utf8(s_, i, cp);
    return classify_codepoint(cp);
  }
  CharClass cls(size_t i) const {
    size_t len;
    return cls(i, len);
  }
  bool word_char(size_t i) const {
    if (i >= n_) return false;
    CharClass c = cls(i);
    return c == CharClass::kLetter || c == CharClass::kDigit;
  }
  bool digit(size_t i) const { return i < n_ && is_ascii_digit(static_cast<unsigned char>(s_[i])); }
  bool at(size_t i, char c) const { return i < n_ && s_[i] == c; }

  size_t alnum_run(size_t i) const {
    while (i < n_) {
      auto c = static_cast<unsigned char>(s_[i]);
      if (c < 0x80) {
        if (is_ascii_alpha(c) || is_ascii_digit(c)) {
          ++i;
          continue;
        }
        break;
      }
      size_t len;
      CharClass k = cls(i, len);
      if (k != CharClass::kLetter && k != CharClass::kDigit) break;
      i += len;
    }
    return i;
  }

  // Length of the clitic (’s ’re ’ll ’ve ’d ’m) that starts with the apostrophe
  // at i of byte length alen, or 0.
  size_t clitic_at(size_t i, size_t alen) const;
  // Length of "n't" / "n’t" at i, or 0.
  size_t negation_clitic_at(size_t i) const;

  size_t scan_word(size_t i, TokenKind& kind);
  size_t scan_url(size_t i) const;
  bool starts_url(size_t i) const;
  bool is_paragraph_break(int newlines, size_t i) const;
  bool opening_context(size_t i, size_t len) const;
  void emit(size_t b, size_t e, TokenKind k, uint8_t flags);

  std::string_view s_;
  size_t n_;
  const Abbreviations& abbr_;
  std::vector<Token>& out_;
  bool space_before_ = false;
};

size_t Scanner::clitic_at(size_t i, size_t alen) const {
  size_t a = i + alen, w = a;
  while (w < n_ && is_ascii_alpha(static_cast<unsigned char>(s_[w])) && w - a < 3) ++w;
  if (w == a || word_char(w)) return 0;
  std::string_view suf = s_.substr(a, w - a);
  auto eq = [&](std::string_view lower) {
    if (suf.size() != lower.size()) return false;
    for (size_t k = 0; k < suf.size(); ++k)
      if ((suf[k] | 0x20) != lower[k]) return false;
    return true;
  };
  if (eq("s") || eq("re") || eq("ll") || eq("ve") || eq("d") || eq("m")) return w - i;
  return 0;
}

size_t Scanner::negation_clitic_at(size_t i) const {
  if (i >= n_ || (s_[i] | 0x20) != 'n' || i + 1 >= n_) return 0;
  size_t alen;
  if (cls(i + 1, alen) != CharClass::kApostrophe) return 0;
  size_t t = i + 1 + alen;
  if (t >= n_ || (s_[t] | 0x20) != 't' || word_char(t + 1)) return 0;
  return t + 1 - i;
}

bool Scanner::starts_url(size_t i) const {
  auto prefix = [&](std::string_view p) {
    if (i + p.size() > n_) return false;
    for (size_t k = 0; k < p.size(); ++k)
      if ((s_[i + k] | 0x20) != p[k]) return false;
    return true;
  };
  return prefix("http://") || prefix("https://") || (prefix("www.") && word_char(i + 4));
}

size_t Scanner::scan_url(size_t i) const {
  size_t e = i;
  int parens = 0;
  while (e < n_) {
    size_t len;
    CharClass k = cls(e, len);
    if (k == CharClass::kSpace || k == CharClass::kNewline || k == CharClass::kOpenQuote ||
        k == CharClass::kCloseQuote || k == CharClass::kDoubleQuote || s_[e] == '<' || s_[e] == '>')
      break;
    if (s_[e] == '(') ++parens;
    if (s_[e] == ')') --parens;
    e += len;
  }
  // Trailing punctuation belongs to the sentence, not the address.
  while (e > i) {
    char c = s_[e - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
        (c == ')' && parens < 0)) {
      if (c == ')') ++parens;
      --e;
    } else if (e - i >= 3 && s_.substr(e - 3, 3) == "\xE2\x80\x99") {
      e -= 3;
    } else {
      break;
    }
  }
  return e;
}

size_t Scanner::scan_word(size_t i, TokenKind& kind) {
  const size_t start = i;
  auto c0 = static_cast<unsigned char>(s_[i]);
  kind = is_ascii_digit(c0) ? TokenKind::kNumber : TokenKind::kWord;

  // Letter-period sequences: U.S.  U.N.  a.m.  e.g.  U.S.A.
  if (is_ascii_alpha(c0) && at(i + 1, '.') && i + 2 < n_ && is_ascii_alpha(static_cast<unsigned char>(s_[i + 2])) &&
      at(i + 3, '.')) {
    size_t j = i;
    while (j + 1 < n_ && is_ascii_alpha(static_cast<unsigned char>(s_[j])) && s_[j + 1] == '.') j += 2;
    if (!word_char(j)) {
      kind = TokenKind::kAbbrev;
      return j;
    }
  }

  size_t e = alnum_run(i);
  bool all_digits = true;
  for (size_t k = start; k < e; ++k)
    if (!is_ascii_digit(static_cast<unsigned char>(s_[k]))) {
      all_digits = false;
      break;
    }
  const size_t first_group = e - start;

  while (e < n_) {
    size_t len;
    CharClass k = cls(e, len);
    if (k == CharClass::kHyphen && word_char(e + len)) {
      if (all_digits && digit(e + len)) {
        // 2023-10-07 stays whole; 20-30 is a range and splits.
        bool iso = e - start == 4 && len == 1 && digit(e + 1) && digit(e + 2) && at(e + 3, '-') && digit(e + 4) &&
                   digit(e + 5) && !word_char(e + 6);
        if (iso) e += 6;
        break;
      }
      e = alnum_run(e + len);
      all_digits = false;
      continue;
    }
    char c = s_[e];
    if (c == '.' && e > start && is_ascii_digit(static_cast<unsigned char>(s_[e - 1])) && digit(e + 1)) {
      e = alnum_run(e + 1);
      continue;
    }
    if (c == ',' && all_digits && first_group <= 3 && digit(e + 1) && digit(e + 2) && digit(e + 3) &&
        !word_char(e + 4)) {
      e += 4;
      continue;
    }
    if (c == ':' && all_digits && e - start <= 2 && digit(e + 1) && digit(e + 2) && !word_char(e + 3)) {
      e += 3;
      all_digits = false;
      continue;
    }
    if (k == CharClass::kApostrophe && word_char(e + len)) {
      if (clitic_at(e, len)) break;
      if (negation_clitic_at(e - 1) && e - 1 > start) {
        e -= 1;  // "don't" → "do" + "n't"
        break;
      }
      e = alnum_run(e + len);
      all_digits = false;
      continue;
    }
    if (c == '&' && e > start && is_ascii_upper(static_cast<unsigned char>(s_[e - 1])) && e + 1 < n_ && is_ascii_upper(static_cast<unsigned char>(s_[e + 1]))) {
      e = alnum_run(e + 1);  // AT&T, S&P
      continue;
    }
    if (c == '@' && word_char(e + 1) && kind == TokenKind::kWord) {
      size_t j = e + 1;
      while (j < n_ && (word_char(j) || s_[j] == '.' || s_[j] == '-' || s_[j] == '_')) ++j;
      while (j > e + 1 && s_[j - 1] == '.') --j;
      if (s_.substr(e + 1, j - e - 1).find('.') != std::string_view::npos) {
        kind = TokenKind::kUrl;  // an e-mail address
        return j;
      }
    }
    break;
  }

  // An abbreviation keeps its period.
  if (at(e, '.') && kind == TokenKind::kWord) {
    std::string_view word = s_.substr(start, e - start);
    AbbrevClass ac = abbr_.lookup(word);
    bool take = false;
    if (ac == AbbrevClass::kNumber) {
      size_t j = e + 1;
      while (j < n_ && s_[j] == ' ') ++j;
      take = j > e + 1 && digit(j);
    } else if (ac != AbbrevClass::kNone) {
      take = true;
    } else {
      uint32_t cp;
      size_t len = decode_utf8(s_, start, cp);
      take = start + len == e && is_upper_codepoint(cp);  // an initial: J.
    }
    if (take) {
      kind = TokenKind::kAbbrev;
      return e + 1;
    }
  }
  return e;
}

bool Scanner::is_paragraph_break(int newlines, size_t i) const {
  if (out_.empty()) return true;
  if (newlines >= 2) return true;
  if (newlines == 0) return false;
  // A single newline: a wrapped line continues the paragraph when the line
  // before has no final punctuation and this one starts in lower case.
  const Token& prev = out_.back();
  char last = s_[prev.end - 1];
  bool final_punct = prev.kind == TokenKind::kQuote || prev.kind == TokenKind::kEllipsis || last == '.' ||
                     last == '!' || last == '?' || last == ':' || last == ')';
  uint32_t cp;
  decode_utf8(s_, i, cp);
  return final_punct || !is_lower_codepoint(cp);
}

// A quote opens when it follows space, the start or an opening bracket or
// dash, and is followed by something other than space.
bool Scanner::opening_context(size_t i, size_t len) const {
  bool before = out_.empty() || space_before_ || out_.back().has(kOpening) || out_.back().kind == TokenKind::kDash;
  if (!before) return false;
  if (i + len >= n_) return false;
  CharClass next = cls(i + len);
  return next != CharClass::kSpace && next != CharClass::kNewline;
}

void Scanner::emit(size_t b, size_t e, TokenKind k, uint8_t flags) {
  if (k == TokenKind::kWord || k == TokenKind::kAbbrev || k == TokenKind::kNumber || k == TokenKind::kClitic) {
    uint32_t cp;
    decode_utf8(s_, b, cp);
    if (is_upper_codepoint(cp)) flags |= kUpperInitial;
    int letters = 0;
    bool all_upper = true;
    for (size_t p = b; p < e;) {
      size_t len = decode_utf8(s_, p, cp);
      if (is_lower_codepoint(cp)) {
        all_upper = false;
        break;
      }
      letters += is_upper_codepoint(cp);
      p += len;
    }
    if (all_upper && letters >= 2) flags |= kAllUpper;
  }
  out_.push_back(Token{static_cast<uint32_t>(b), static_cast<uint32_t>(e), k, flags});
}

void Scanner::run() {
  size_t i = 0;
  int newlines = 0;
  while (i < n_) {
    size_t len;
    CharClass k = cls(i, len);
    if (k == CharClass::kSpace) {
      space_before_ = true;
      i += len;
      continue;
    }
    if (k == CharClass::kNewline) {
      // \r\n is one newline: \r is a space, \n the newline.
      ++newlines;
      space_before_ = true;
      i += len;
      continue;
    }
    uint8_t flags = space_before_ ? kSpaceBefore : 0;
    if (is_paragraph_break(newlines, i)) flags |= kParagraphStart;
    const bool attached = !out_.empty() && !space_before_;
    size_t e = i + len;
    TokenKind kind = TokenKind::kPunct;
    const char c = s_[i];

    if (starts_url(i)) {
      e = scan_url(i);
      kind = TokenKind::kUrl;
    } else if (size_t neg = negation_clitic_at(i); neg && attached && out_.back().kind == TokenKind::kWord) {
      e = i + neg;
      kind = TokenKind::kClitic;
    } else if (k == CharClass::kLetter || k == CharClass::kDigit) {
      e = scan_word(i, kind);
    } else if (k == CharClass::kApostrophe) {
      size_t cl = attached ? clitic_at(i, len) : 0;
      if (cl && (out_.back().kind == TokenKind::kWord || out_.back().kind == TokenKind::kNumber ||
                 out_.back().kind == TokenKind::kAbbrev)) {
        e = i + cl;
        kind = TokenKind::kClitic;
      } else {
        kind = TokenKind::kQuote;
        flags |= opening_context(i, len) ? kOpening : kClosing;
      }
    } else if (k == CharClass::kDoubleQuote) {
      kind = TokenKind::kQuote;
      flags |= opening_context(i, len) ? kOpening : kClosing;
    } else if (k == CharClass::kOpenQuote) {
      if (c == '`' && at(i + 1, '`')) e = i + 2;
      kind = TokenKind::kQuote;
      flags |= kOpening;
    } else if (k == CharClass::kCloseQuote) {
      kind = TokenKind::kQuote;
      flags |= kClosing;
    } else if (k == CharClass::kEllipsis) {
      kind = TokenKind::kEllipsis;
    } else if (k == CharClass::kDash) {
      kind = TokenKind::kDash;
    } else if (k == CharClass::kHyphen) {
      while (at(e, '-')) ++e;
      kind = TokenKind::kDash;
    } else if (c == '.') {
      if (digit(i + 1) && (!attached || out_.back().kind == TokenKind::kSymbol ||
                           out_.back().kind == TokenKind::kDash || out_.back().has(kOpening))) {
        // A number without its leading zero: ".585", "$.99", "(.5)".
        TokenKind ignored;
        e = scan_word(i + 1, ignored);
        kind = TokenKind::kNumber;
      } else if (at(i + 1, '.') && at(i + 2, '.')) {
        while (at(e, '.')) ++e;
        kind = TokenKind::kEllipsis;
      } else if (at(i + 1, ' ') && at(i + 2, '.') && at(i + 3, ' ') && at(i + 4, '.')) {
        e = i + 5;  // ". . ."
        kind = TokenKind::kEllipsis;
      }
    } else if (c == '!' || c == '?') {
      while (at(e, '!') || at(e, '?')) ++e;
    } else if (c == '(' || c == '[' || c == '{') {
      flags |= kOpening;
    } else if (c == ')' || c == ']' || c == '}') {
      flags |= kClosing;
    } else if ((c == '#' || c == '@') && word_char(i + 1)) {
      TokenKind ignored;
      e = scan_word(i + 1, ignored);  // a hashtag or a handle
      kind = TokenKind::kWord;
    } else if (k == CharClass::kSymbol) {
      kind = TokenKind::kSymbol;
    }
    emit(i, e, kind, flags);
    i = e;
    newlines = 0;
    space_before_ = false;
  }
}

}  // namespace

void Tokenizer::tokenize(std::string_view text, std::vector<Token>& out) const {
  Scanner(text, *abbreviations_, out).run();
}

}  // namespace sitrep
