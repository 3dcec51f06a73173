#include "text/sentences.h"

#include "text/chars.h"
#include "text/utf8.h"

namespace sitrep {

namespace {

bool is_terminal(const Document& doc, const Token& t) {
  if (t.kind == TokenKind::kEllipsis || t.kind == TokenKind::kAbbrev) return true;
  if (t.kind != TokenKind::kPunct) return false;
  char c = doc.text()[t.begin];
  return c == '.' || c == '!' || c == '?';
}

// Closing quotes and brackets that stay with the sentence they close.
bool is_closer(const Document& doc, const Token& t) {
  if (t.kind == TokenKind::kQuote) return t.has(kClosing);
  if (t.kind != TokenKind::kPunct) return false;
  char c = doc.text()[t.begin];
  return c == ')' || c == ']' || c == '}';
}

uint32_t first_codepoint(const Document& doc, const Token& t) {
  uint32_t cp;
  decode_utf8(doc.text(), t.begin, cp);
  return cp;
}

}  // namespace

bool SentenceSplitter::ends_sentence(const Document& doc, size_t terminal, size_t next) const {
  const Token& t = doc.tokens[terminal];
  const Token& n = doc.tokens[next];
  const uint32_t cp = first_codepoint(doc, n);
  const bool lower_word = (n.kind == TokenKind::kWord || n.kind == TokenKind::kClitic) && is_lower_codepoint(cp);
  const bool opener = n.has(kOpening);
  const bool can_start = n.has(kUpperInitial) || n.kind == TokenKind::kNumber || opener ||
                         (n.kind == TokenKind::kWord && !is_lower_codepoint(cp)) || n.kind == TokenKind::kDash;
  std::string_view word = doc.text_of(n);

  if (t.kind == TokenKind::kAbbrev) {
    std::string_view a = doc.text_of(t);
    a.remove_suffix(1);
    AbbrevClass cls = abbreviations_->lookup(a);
    if (cls == AbbrevClass::kNone) {
      bool letters = a.find('.') != std::string_view::npos;  // U.S. a.m.
      cls = letters ? AbbrevClass::kLetters : AbbrevClass::kInitial;
    }
    switch (cls) {
      case AbbrevClass::kTitle:
      case AbbrevClass::kNumber:
        return false;
      case AbbrevClass::kMonth:
      case AbbrevClass::kWeekday:
        if (n.kind == TokenKind::kNumber) return false;
        [[fallthrough]];
      default:
        // "in the U.S. The talks" ends; "the U.S. State Department" does not.
        return abbreviations_->is_sentence_starter(word) || (opener && cls != AbbrevClass::kInitial);
    }
  }
  char c = doc.text()[t.begin];
  if (c == '!' || c == '?') {
    if (lower_word) return false;
    return n.kind != TokenKind::kPunct || opener;
  }
  return can_start && !lower_word;
}

void SentenceSplitter::run(Document& doc) const {
  doc.sentences.clear();
  doc.paragraphs.clear();
  const auto& toks = doc.tokens;
  const size_t n = toks.size();
  size_t p0 = 0;
  while (p0 < n) {
    size_t p1 = p0 + 1;
    while (p1 < n && !toks[p1].has(kParagraphStart)) ++p1;
    const auto para = static_cast<uint32_t>(doc.paragraphs.size());
    doc.paragraphs.push_back({static_cast<uint32_t>(p0), static_cast<uint32_t>(p1)});
    size_t s = p0;
    for (size_t i = p0; i < p1; ++i) {
      if (!is_terminal(doc, toks[i])) continue;
      size_t j = i + 1;
      while (j < p1 && is_closer(doc, toks[j])) ++j;
      if (j >= p1) break;
      if (ends_sentence(doc, i, j)) {
        doc.sentences.push_back({static_cast<uint32_t>(s), static_cast<uint32_t>(j), para});
        s = j;
        i = j - 1;
      }
    }
    if (s < p1) doc.sentences.push_back({static_cast<uint32_t>(s), static_cast<uint32_t>(p1), para});
    p0 = p1;
  }
}

}  // namespace sitrep
