#include "lexicon/phrase_matcher.h"

#include <algorithm>

namespace sitrep {

namespace {
// Whether token[i] begins a curly apostrophe (’ or ‘), which matches '.
bool curly_apostrophe(std::string_view token, size_t i) {
  return token[i] == '\xE2' && i + 2 < token.size() && token[i + 1] == '\x80' &&
         (token[i + 2] == '\x99' || token[i + 2] == '\x98');
}

// Calls f(c) for each character of the normalised token (a curly apostrophe
// made straight, ASCII capitals folded when `fold_case`), until f returns
// false; returns whether it went through. The one definition of the matcher's
// normalisation, which normalise, equals_normalised and normalised_hash share.
template <class F>
bool each_normalised(std::string_view token, bool fold_case, F&& f) {
  for (size_t i = 0; i < token.size(); ++i) {
    char c = token[i];
    if (c == '\xE2' && curly_apostrophe(token, i)) {
      c = '\'';
      i += 2;
    } else if (fold_case && c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c + 32);
    }
    if (!f(c)) return false;
  }
  return true;
}
}  // namespace

std::string_view PhraseMatcher::normalise(std::string_view token, std::string& buffer) const {
  // One pass over the (short) token says whether anything changes: a curly
  // apostrophe's lead byte, or a capital where case is folded.
  bool lead = false, upper = false;
  for (char c : token) {
    lead |= c == '\xE2';
    upper |= c >= 'A' && c <= 'Z';
  }
  if (!lead && !(fold_case_ && upper)) return token;
  buffer.clear();
  each_normalised(token, fold_case_, [&](char c) {
    buffer += c;
    return true;
  });
  return buffer;
}

bool PhraseMatcher::equals_normalised(std::string_view token, std::string_view normalised) const {
  size_t j = 0;
  return each_normalised(token, fold_case_, [&](char c) { return j < normalised.size() && normalised[j++] == c; }) &&
         j == normalised.size();
}

uint64_t PhraseMatcher::normalised_hash(std::string_view token) const {
  uint64_t h = kFirstHashBasis;
  each_normalised(token, fold_case_, [&](char c) {
    h = (h ^ static_cast<unsigned char>(c)) * kFirstHashPrime;
    return true;
  });
  return h;
}

void PhraseMatcher::add(const Tokenizer& tokenizer, std::string_view phrase, uint32_t payload) {
  thread_local std::vector<Token> toks;
  toks.clear();
  tokenizer.tokenize(phrase, toks);
  if (toks.empty()) return;
  thread_local std::string joined, buffer;
  joined.clear();
  for (const Token& t : toks) {
    joined += normalise(phrase.substr(t.begin, t.end - t.begin), buffer);
    joined += '\x1f';
  }
  auto [id, inserted] = phrase_ids_.try_emplace(joined, static_cast<uint32_t>(phrases_.size()));
  if (!inserted) {
    auto& p = phrases_[*id].payloads;
    if (std::find(p.begin(), p.end(), payload) == p.end()) p.push_back(payload);
    return;
  }
  const auto first_word = static_cast<uint32_t>(words_.size());
  for (const Token& t : toks)
    words_.push_back(words_arena_.add(normalise(phrase.substr(t.begin, t.end - t.begin), buffer)));
  const auto length = static_cast<uint32_t>(toks.size());
  phrases_.push_back({first_word, length, {payload}});
  const uint64_t bit = first_hash(words_[first_word]) >> (64 - kFilterLog);
  filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
  // Longest first; among equal lengths, in the order added.
  auto& list = by_first_[words_[first_word]];
  list.insert(std::upper_bound(list.begin(), list.end(), length,
                               [&](uint32_t len, uint32_t other) { return len > phrases_[other].length; }),
              *id);
}

bool PhraseMatcher::matches_rest(const Document& doc, const Phrase& p, size_t i, std::string& buffer) const {
  for (size_t k = 1; k < p.length; ++k)
    if (!token_equals(doc, i + k, words_[p.first_word + k], buffer)) return false;
  return true;
}

namespace {
// "NAIROBI" → "Nairobi": capitals in datelines and headlines spell names
// that the lexicons write in title case. Two-letter words stay (US, UN).
bool title_case_into(std::string_view token, std::string& out) {
  if (token.size() < 3) return false;
  for (char c : token)
    if (!((c >= 'A' && c <= 'Z') || c == '-' || c == '.')) return false;
  out.assign(token);
  for (size_t k = 1; k < out.size(); ++k)
    if (out[k - 1] != '-' && out[k] >= 'A' && out[k] <= 'Z') out[k] = static_cast<char>(out[k] + 32);
  return true;
}
}  // namespace

const std::vector<uint32_t>* PhraseMatcher::candidates(const Document& doc, size_t i, std::string& buffer) const {
  const std::string_view word = doc.text_of(doc.tokens[i]);
  // The filter first, on the hash of the normalised word made on the fly:
  // most words begin no phrase, and then nothing is copied.
  if (may_begin(normalised_hash(word)))
    if (const auto* ids = by_first_.find(normalise(word, buffer))) return ids;
  if (doc.tokens[i].has(kAllUpper) && title_case_into(word, buffer)) return starting_with(buffer);
  return nullptr;
}

bool PhraseMatcher::token_equals(const Document& doc, size_t i, std::string_view phrase_token,
                                 std::string& buffer) const {
  if (equals_normalised(doc.text_of(doc.tokens[i]), phrase_token)) return true;
  return doc.tokens[i].has(kAllUpper) && title_case_into(doc.text_of(doc.tokens[i]), buffer) &&
         buffer == phrase_token;
}

PhraseMatcher::Match PhraseMatcher::longest(const Document& doc, size_t i, size_t end) const {
  thread_local std::string buffer;
  const std::vector<uint32_t>* ids = candidates(doc, i, buffer);
  if (!ids) return {};
  for (uint32_t id : *ids) {
    const Phrase& p = phrases_[id];
    if (i + p.length > end) continue;
    if (matches_rest(doc, p, i, buffer)) return {p.length, p.payloads};
  }
  return {};
}

void PhraseMatcher::all(const Document& doc, size_t i, size_t end, std::vector<Match>& out) const {
  out.clear();
  thread_local std::string buffer;
  const std::vector<uint32_t>* ids = candidates(doc, i, buffer);
  if (!ids) return;
  for (uint32_t id : *ids) {
    const Phrase& p = phrases_[id];
    if (i + p.length > end) continue;
    if (matches_rest(doc, p, i, buffer)) out.push_back({p.length, p.payloads});
  }
}

}  // namespace sitrep
