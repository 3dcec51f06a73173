#include "entities/name_model.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "learn/feature_hash.h"
#include "syntax/word_features.h"

namespace sitrep {

namespace {

using learn::feature;
using learn::hash_text;

// Template numbers: fixed, since they are part of every key.
enum NameTemplate : uint32_t {
  kBias = 1, kWord, kForm, kPrefix1, kPrefix2, kPrefix3, kSuffix1, kSuffix2, kSuffix3, kSuffix4, kShape,
  kLastPart, kShapeM1, kShapeP1, kShapes3, kWordM1, kWordM2, kWordP1, kWordP2, kWordM1Word, kWordWordP1,
  kPos, kPosM1, kPosP1, kPosShape, kPrev1, kPrev2Prev1, kPrev1Word, kPrev1Shape, kGaz, kGazM1, kGazP1,
  kGazShape, kGazLower, kGazLowerM1, kGazLowerP1, kGiven, kGivenShape, kGivenM1, kGivenP1, kWorld, kWorldM1,
  kWorldP1, kWorldShape, kCues, kCuesM1, kCuesP1, kCuesP2, kTitleBefore, kTitleBeforeShape, kCapsElsewhere,
  kLowerElsewhere, kSentenceKind, kSentenceKindWord, kFirst, kFirstCaps, kPrev1GazP1, kFormM1, kFormP1,
  kHistory, kHistoryShape, kCapitals, kCapitalsShape, kCapitalsM1, kCapitalsP1,
};

// Title case of a word in capitals ("LAGOS" -> "Lagos"), ASCII letters only.
std::string_view title_cased(std::string_view w, std::string& buffer) {
  buffer.assign(w);
  for (size_t i = 1; i < buffer.size(); ++i)
    if (buffer[i] >= 'A' && buffer[i] <= 'Z') buffer[i] = static_cast<char>(buffer[i] + 32);
  return buffer;
}

// Each model's own number, for the caches of scores kept per thread.
std::atomic<uint64_t> next_model_id{1};

uint64_t entity_code(const GazetteerEntry& e) {
  return hash_text(e.kind, static_cast<uint64_t>(e.type) * 131 + 7);
}

}  // namespace

std::string_view to_string(NameType t) {
  switch (t) {
    case NameType::kPer: return "PER";
    case NameType::kOrg: return "ORG";
    case NameType::kLoc: return "LOC";
  }
  return "?";
}

std::string label_name(uint8_t label) {
  if (label == 0 || label >= kNameLabels) return "O";
  static constexpr char kParts[] = {'B', 'I', 'L', 'U'};
  return std::string(1, kParts[static_cast<uint8_t>(label_part(label))]) + "-" + std::string(to_string(label_type(label)));
}

bool label_may_follow(uint8_t prev, uint8_t label) {
  const bool open = prev != 0 && (label_part(prev) == BilouPart::kBegin || label_part(prev) == BilouPart::kInside);
  if (label == 0) return !open;
  const BilouPart part = label_part(label);
  if (part == BilouPart::kInside || part == BilouPart::kLast) return open && label_type(prev) == label_type(label);
  return !open;
}

std::vector<NameSpan> name_spans(const Document& doc, size_t first, size_t end) {
  std::vector<NameSpan> out;
  if (doc.name_tags.size() < end) return out;
  size_t begin = SIZE_MAX;
  for (size_t i = first; i < end; ++i) {
    const uint8_t l = doc.name_tags[i];
    if (l == 0 || l >= kNameLabels) {
      begin = SIZE_MAX;
      continue;
    }
    const BilouPart part = label_part(l);
    if (part == BilouPart::kUnit) {
      out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), label_type(l)});
      begin = SIZE_MAX;
    } else if (part == BilouPart::kBegin) {
      begin = i;
    } else if (part == BilouPart::kLast && begin != SIZE_MAX && label_type(doc.name_tags[begin]) == label_type(l)) {
      out.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(i + 1), label_type(l)});
      begin = SIZE_MAX;
    }
  }
  return out;
}

int64_t span_score(const Document& doc, size_t b, size_t e, NameType t) {
  const int32_t* sc = doc.name_scores.data();
  if (e == b + 1) return sc[b * kNameLabels + name_label(t, BilouPart::kUnit)];
  int64_t total = sc[b * kNameLabels + name_label(t, BilouPart::kBegin)] +
                  sc[(e - 1) * kNameLabels + name_label(t, BilouPart::kLast)];
  for (size_t k = b + 1; k + 1 < e; ++k) total += sc[k * kNameLabels + name_label(t, BilouPart::kInside)];
  return total;
}

int64_t outside_score(const Document& doc, size_t b, size_t e) {
  int64_t total = 0;
  for (size_t k = b; k < e; ++k) total += doc.name_scores[k * kNameLabels];
  return total;
}

bool span_verdict(const Document& doc, size_t b, size_t e, SpanVerdict& out) {
  if (doc.name_scores.size() != doc.tokens.size() * kNameLabels || b >= e || e > doc.tokens.size()) return false;
  int64_t best = INT64_MIN, second = INT64_MIN;
  for (size_t t = 0; t < kNameTypes; ++t) {
    const int64_t v = span_score(doc, b, e, static_cast<NameType>(t));
    if (v > best) {
      second = best;
      best = v;
      out.type = static_cast<NameType>(t);
    } else if (v > second) {
      second = v;
    }
  }
  out.type_margin = best - second;
  out.name_margin = best - outside_score(doc, b, e);
  return true;
}

void CapitalCounter::add(const Document& doc) {
  for (const Sentence& s : doc.sentences) {
    size_t upper = 0, words = 0;
    for (size_t i = s.first_token; i < s.end_token; ++i)
      if (doc.tokens[i].kind == TokenKind::kWord) {
        ++words;
        upper += doc.tokens[i].has(kAllUpper);
      }
    if (upper * 2 > words) continue;  // a line in capitals tells nothing
    for (size_t i = s.first_token + 1; i < s.end_token; ++i) {
      const sitrep::Token& t = doc.tokens[i];
      if (t.kind != TokenKind::kWord || t.has(kAllUpper)) continue;
      auto& c = counts_[word_features(doc.text(), t).lower];
      c.first += t.has(kUpperInitial);
      ++c.second;
    }
  }
}

learn::KeyTable CapitalCounter::table() const {
  std::vector<std::pair<uint64_t, uint16_t>> entries;
  for (const auto& [word, c] : counts_) {
    if (c.second < 3) continue;
    const double share = static_cast<double>(c.first) / c.second;
    const uint16_t step = share < 0.05 ? 0 : share < 0.3 ? 1 : share < 0.7 ? 2 : share < 0.95 ? 3 : 4;
    const uint16_t frequency = c.second < 10 ? 0 : c.second < 100 ? 1 : 2;
    entries.emplace_back(word, static_cast<uint16_t>(step * 3 + frequency));
  }
  std::sort(entries.begin(), entries.end());
  return learn::KeyTable(entries);
}

std::string serialize_capitals(const learn::KeyTable& t) {
  std::vector<std::pair<uint64_t, uint16_t>> entries = t.entries();
  std::sort(entries.begin(), entries.end());
  learn::ByteWriter w;
  w.varint(entries.size());
  for (auto [key, value] : entries) {
    w.u64(key);
    w.u8(static_cast<uint8_t>(value));
  }
  return std::move(w.str());
}

learn::KeyTable parse_capitals(std::string_view bytes, const std::string& where) {
  learn::ByteReader r(bytes, where);
  const uint64_t n = r.varint();
  if (n > r.remaining() / 9) r.fail("corrupt table of capitals");
  std::vector<std::pair<uint64_t, uint16_t>> entries;
  entries.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    const uint64_t key = r.u64();
    const uint8_t value = r.u8();
    if (value >= 15) r.fail("corrupt table of capitals (a value out of range)");
    entries.emplace_back(key, value);
  }
  if (!r.done()) r.fail("corrupt table of capitals (bytes after its end)");
  return learn::KeyTable(entries);
}

NameEvidence::NameEvidence(const Document& doc, const Gazetteer& gaz, const NameLexicon& lex,
                           const learn::KeyTable* capitals)
    : tokens_(doc.tokens.size()), sentence_kind_(doc.sentences.size(), 0) {
  const std::vector<sitrep::Token>& toks = doc.tokens;
  std::string buffer;

  // Which tokens the model is asked about (Token::asked), and which tokens a
  // feature of an asked token reads (it and two on either side): only those
  // need their affixes and the lexicons' evidence.
  thread_local std::vector<uint8_t> is_cased, needed;
  is_cased.assign(toks.size(), 0);
  needed.assign(toks.size(), 0);
  auto cased = [&](size_t i) {
    const sitrep::Token& t = toks[i];
    if (t.has(kUpperInitial)) return true;
    for (char ch : doc.text_of(t))
      if (ch >= 'A' && ch <= 'Z') return true;
    return false;
  };
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const size_t first = doc.sentences[s].first_token, end = doc.sentences[s].end_token;
    for (size_t i = first; i < end; ++i) is_cased[i] = cased(i);
    // A word without a capital is asked about only as a short link inside a
    // name ("Bank of England", "Museum of the City", "Johnson & Johnson"):
    // short, with a word with a capital both within two before and within
    // two after.
    auto near_cased = [&](size_t i, int dir) {
      for (int k = 1; k <= 2; ++k) {
        const ptrdiff_t j = static_cast<ptrdiff_t>(i) + dir * k;
        if (j < static_cast<ptrdiff_t>(first) || j >= static_cast<ptrdiff_t>(end)) return false;
        if (is_cased[static_cast<size_t>(j)]) return true;
      }
      return false;
    };
    for (size_t i = first; i < end; ++i) {
      const sitrep::Token& t = toks[i];
      tokens_[i].asked = is_cased[i] ||
                         (t.end - t.begin <= 4 && t.kind != TokenKind::kPunct && near_cased(i, -1) && near_cased(i, +1));
    }
    for (size_t i = first; i < end; ++i)
      if (tokens_[i].asked)
        for (size_t j = i > first + 2 ? i - 2 : first; j < end && j <= i + 2; ++j) needed[j] = 1;
  }
  words_.resize(toks.size());
  for (size_t i = 0; i < toks.size(); ++i) words_[i] = word_features(doc.text(), toks[i], needed[i]);

  // Which lines are headlines in title case, or in capitals.
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    int cap = 0, lower = 0, upper = 0;
    for (size_t i = doc.sentences[s].first_token; i < doc.sentences[s].end_token; ++i) {
      const sitrep::Token& t = toks[i];
      if (t.kind != TokenKind::kWord) continue;
      if (t.has(kAllUpper)) ++upper;
      if (i == doc.sentences[s].first_token || t.end - t.begin < 4) continue;
      (t.has(kUpperInitial) ? cap : lower)++;
    }
    const int words = cap + lower;
    if (upper >= 2 && upper * 5 >= 4 * std::max(1, words + 1)) sentence_kind_[s] = 2;
    else if (cap >= 3 && cap >= 4 * lower) sentence_kind_[s] = 1;
  }

  // The article's own evidence: forms written with a capital where a capital
  // means a name (not a sentence's first word, not a headline or a line in
  // capitals), and words written in lower case.
  thread_local WordMap<uint32_t> capitalised, lowered;
  capitalised.reset(toks.size() / 4);
  lowered.reset(toks.size() / 2);
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    for (size_t i = doc.sentences[s].first_token; i < doc.sentences[s].end_token; ++i) {
      const sitrep::Token& t = toks[i];
      if (t.kind != TokenKind::kWord) continue;
      if (!t.has(kUpperInitial)) ++lowered[words_[i].lower];
      else if (i > doc.sentences[s].first_token && sentence_kind_[s] == 0 && !t.has(kAllUpper)) ++capitalised[words_[i].form];
    }
  }
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const size_t first = doc.sentences[s].first_token, end = doc.sentences[s].end_token;
    for (size_t i = first; i < end; ++i) {
      const sitrep::Token& t = toks[i];
      Token& x = tokens_[i];
      if (t.kind != TokenKind::kWord && t.kind != TokenKind::kAbbrev) continue;
      if (!needed[i]) continue;
      const bool self_capitalised = i > first && sentence_kind_[s] == 0 && t.has(kUpperInitial) && !t.has(kAllUpper);
      if (const uint32_t* c = capitalised.find(words_[i].form)) x.caps_elsewhere = *c > (self_capitalised ? 1u : 0u);
      if (const uint32_t* c = lowered.find(words_[i].lower)) x.lower_elsewhere = *c > (t.has(kUpperInitial) ? 0u : 1u);
      if (capitals)
        if (const uint16_t* bucket = capitals->find(words_[i].lower)) x.capitals = static_cast<uint8_t>(1 + *bucket);
      std::string_view w = doc.text_of(t);
      if (t.has(kAllUpper)) w = title_cased(w, buffer);
      x.cues = lex.cues(w);
      if (!is_cased[i]) continue;  // the name lists hold words with capitals
      x.given = static_cast<uint8_t>(lex.given_name(w));
      x.world = lex.world_name(w);
    }
    // Names of the gazetteer, longest first, left to right.
    // (A name begins with a word with a capital in it: "Reuters", "al-Qaeda".)
    for (size_t i = first; i < end;) {
      Gazetteer::Hit hit = is_cased[i] ? gaz.match(doc, i, end) : Gazetteer::Hit{};
      if (!hit || hit.kind != MentionKind::kName) {
        ++i;
        continue;
      }
      const uint64_t code = entity_code(gaz.entry(hit.entry));
      for (size_t k = i; k < i + hit.length; ++k) {
        const uint64_t part = hit.length == 1 ? 3 : k == i ? 0 : k + 1 == i + hit.length ? 2 : 1;
        tokens_[k].gazetteer = learn::mix64(code * 4 + part);
      }
      i += hit.length;
    }
    // Text in capitals: the same, ignoring case.
    if (sentence_kind_[s] == 2) {
      for (size_t i = first; i < end;) {
        Gazetteer::Hit hit = gaz.match_folded(doc, i, end);
        if (!hit) {
          ++i;
          continue;
        }
        const uint64_t code = entity_code(gaz.entry(hit.entry));
        for (size_t k = i; k < i + hit.length; ++k) {
          const uint64_t part = hit.length == 1 ? 3 : k == i ? 0 : k + 1 == i + hit.length ? 2 : 1;
          tokens_[k].gazetteer_lower = learn::mix64(code * 4 + part + 1);
        }
        i += hit.length;
      }
    }
    // A title or role right before a word (of a name: one with a capital
    // at most eight tokens on; the longest titles are seven words).
    size_t next_cased = end;
    for (size_t i = end; i-- > first;) {
      const size_t after = next_cased;
      if (is_cased[i]) next_cased = i;
      if (after == end || after - i > 8) continue;
      uint32_t length = 0;
      const int32_t title = lex.title_at(doc, i, end, length);
      if (title != kNone && i + length < end) tokens_[i + length].title_before = lex.title(title).is_title ? 2 : 1;
    }
  }
}

// (NameModel::label caches their scores by the word's shape: a feature here
// that reads anything else of the word must change that.)
size_t history_features(const Document& doc, const NameEvidence& ev, size_t s, size_t i, uint32_t prev,
                        uint32_t* out) {
  const size_t end = doc.sentences[s].end_token;
  const WordFeatures& w = ev.word(i);
  size_t c = 0;
  out[c++] = feature(kPrev1, prev);
  out[c++] = feature(kPrev1Shape, prev, w.shape);
  (void)end;
  return c;
}

void NameHistory::add(const Document& doc, const NameEvidence& ev, size_t first, size_t end) {
  for (size_t i = first; i < end; ++i) {
    if (doc.tokens[i].kind != TokenKind::kWord) continue;
    const uint8_t l = doc.name_tags[i];
    auto& c = counts_[ev.word(i).lower];
    const size_t slot = l == 0 ? kNameTypes : static_cast<size_t>(label_type(l));
    if (c[slot] < UINT16_MAX) ++c[slot];
  }
}

uint64_t NameHistory::of(uint64_t word) const {
  const auto* found = counts_.find(word);
  if (!found) return 0;
  const auto& c = *found;
  size_t best = 0, readings = 0;
  for (size_t k = 0; k <= kNameTypes; ++k) {
    readings += c[k] != 0;
    if (c[k] > c[best]) best = k;
  }
  return 1 + best + (readings > 1 ? 4 : 0);
}

// The features that are a function of the token's form alone (its word,
// affixes, shape and what the name lists and the capitals profile say of it):
// NameModel::label adds their weights once per form and shape (kept across articles).
size_t name_word_features(const NameEvidence& ev, size_t i, uint32_t* out) {
  const WordFeatures& w = ev.word(i);
  const NameEvidence::Token& x = ev[i];
  size_t c = 0;
  out[c++] = feature(kBias, 0);
  out[c++] = feature(kWord, w.lower);
  out[c++] = feature(kForm, w.form);
  out[c++] = feature(kPrefix1, w.prefix[0]);
  out[c++] = feature(kPrefix2, w.prefix[1]);
  out[c++] = feature(kPrefix3, w.prefix[2]);
  out[c++] = feature(kSuffix1, w.suffix[0]);
  out[c++] = feature(kSuffix2, w.suffix[1]);
  out[c++] = feature(kSuffix3, w.suffix[2]);
  out[c++] = feature(kSuffix4, w.suffix[3]);
  out[c++] = feature(kShape, w.shape);
  if (w.last_part != w.lower) out[c++] = feature(kLastPart, w.last_part);
  out[c++] = feature(kGiven, x.given);
  out[c++] = feature(kGivenShape, x.given, w.shape);
  out[c++] = feature(kWorld, x.world);
  out[c++] = feature(kWorldShape, x.world, w.shape);
  out[c++] = feature(kCues, x.cues);
  out[c++] = feature(kCapitals, x.capitals);
  out[c++] = feature(kCapitalsShape, x.capitals, w.shape);
  return c;
}

size_t name_context_features(const Document& doc, const NameEvidence& ev, const NameHistory& history, size_t s,
                             size_t i, uint32_t* out) {
  const size_t first = doc.sentences[s].first_token, end = doc.sentences[s].end_token;
  const auto k = static_cast<ptrdiff_t>(i);
  auto inside = [&](ptrdiff_t j) { return j >= static_cast<ptrdiff_t>(first) && j < static_cast<ptrdiff_t>(end); };
  auto out_of = [&](ptrdiff_t j) { return j < static_cast<ptrdiff_t>(first) ? kBeforeSentence : kAfterSentence; };
  auto lower = [&](ptrdiff_t j) { return inside(j) ? ev.word(static_cast<size_t>(j)).lower : out_of(j); };
  auto form = [&](ptrdiff_t j) { return inside(j) ? ev.word(static_cast<size_t>(j)).form : out_of(j); };
  auto shape = [&](ptrdiff_t j) { return inside(j) ? ev.word(static_cast<size_t>(j)).shape : out_of(j); };
  const bool tagged = doc.pos.size() == doc.tokens.size();
  auto pos = [&](ptrdiff_t j) -> uint64_t {
    return inside(j) ? (tagged ? static_cast<uint64_t>(doc.pos[static_cast<size_t>(j)]) : kNoValue) : out_of(j);
  };
  auto gaz = [&](ptrdiff_t j) -> uint64_t { return inside(j) ? ev[static_cast<size_t>(j)].gazetteer : out_of(j); };
  auto gaz_lower = [&](ptrdiff_t j) -> uint64_t {
    return inside(j) ? ev[static_cast<size_t>(j)].gazetteer_lower : out_of(j);
  };
  auto given = [&](ptrdiff_t j) -> uint64_t { return inside(j) ? ev[static_cast<size_t>(j)].given : out_of(j); };
  auto world = [&](ptrdiff_t j) -> uint64_t { return inside(j) ? ev[static_cast<size_t>(j)].world : out_of(j); };
  auto cues = [&](ptrdiff_t j) -> uint64_t { return inside(j) ? ev[static_cast<size_t>(j)].cues : out_of(j); };

  const WordFeatures& w = ev.word(i);
  const NameEvidence::Token& x = ev[i];
  size_t c = 0;
  out[c++] = feature(kShapeM1, shape(k - 1));
  out[c++] = feature(kShapeP1, shape(k + 1));
  out[c++] = feature(kShapes3, shape(k - 1), w.shape, shape(k + 1));
  out[c++] = feature(kWordM1, lower(k - 1));
  out[c++] = feature(kWordM2, lower(k - 2));
  out[c++] = feature(kWordP1, lower(k + 1));
  out[c++] = feature(kWordP2, lower(k + 2));
  out[c++] = feature(kWordM1Word, lower(k - 1), w.lower);
  out[c++] = feature(kWordWordP1, w.lower, lower(k + 1));
  out[c++] = feature(kFormM1, form(k - 1));
  out[c++] = feature(kFormP1, form(k + 1));
  out[c++] = feature(kPos, pos(k));
  out[c++] = feature(kPosM1, pos(k - 1));
  out[c++] = feature(kPosP1, pos(k + 1));
  out[c++] = feature(kPosShape, pos(k), w.shape);
  out[c++] = feature(kGaz, x.gazetteer);
  out[c++] = feature(kGazM1, gaz(k - 1));
  out[c++] = feature(kGazP1, gaz(k + 1));
  out[c++] = feature(kGazShape, x.gazetteer, w.shape);
  if (x.gazetteer_lower) {
    out[c++] = feature(kGazLower, x.gazetteer_lower);
    out[c++] = feature(kGazLowerM1, gaz_lower(k - 1));
    out[c++] = feature(kGazLowerP1, gaz_lower(k + 1));
  }
  out[c++] = feature(kGivenM1, given(k - 1));
  out[c++] = feature(kGivenP1, given(k + 1));
  out[c++] = feature(kWorldM1, world(k - 1));
  out[c++] = feature(kWorldP1, world(k + 1));
  out[c++] = feature(kCuesM1, cues(k - 1));
  out[c++] = feature(kCuesP1, cues(k + 1));
  out[c++] = feature(kCuesP2, cues(k + 2));
  out[c++] = feature(kTitleBefore, x.title_before);
  out[c++] = feature(kTitleBeforeShape, x.title_before, w.shape);
  out[c++] = feature(kCapsElsewhere, x.caps_elsewhere, w.shape);
  out[c++] = feature(kLowerElsewhere, x.lower_elsewhere, w.shape);
  auto capitals = [&](ptrdiff_t j) -> uint64_t { return inside(j) ? ev[static_cast<size_t>(j)].capitals : out_of(j); };
  out[c++] = feature(kCapitalsM1, capitals(k - 1));
  out[c++] = feature(kCapitalsP1, capitals(k + 1));
  if (const uint64_t before = history.of(w.lower)) {
    out[c++] = feature(kHistory, before);
    out[c++] = feature(kHistoryShape, before, w.shape);
  }
  const uint8_t kind = ev.sentence_kind(s);
  out[c++] = feature(kSentenceKind, kind, w.shape);
  if (kind) out[c++] = feature(kSentenceKindWord, kind, w.lower);
  if (i == first) {
    out[c++] = feature(kFirst, w.lower);
    out[c++] = feature(kFirstCaps, x.caps_elsewhere, x.lower_elsewhere);
  }
  return c;
}

size_t name_features(const Document& doc, const NameEvidence& ev, const NameHistory& history, size_t s, size_t i,
                     uint32_t* out) {
  const size_t c = name_word_features(ev, i, out);
  return c + name_context_features(doc, ev, history, s, i, out + c);
}

std::unique_ptr<NameModel> NameModel::load(const std::string& path, std::shared_ptr<const Gazetteer> gazetteer,
                                           std::shared_ptr<const NameLexicon> lexicon) {
  return std::make_unique<NameModel>(learn::ModelFile::read(path, "names"), std::move(gazetteer), std::move(lexicon));
}

NameModel::NameModel(const learn::ModelFile& file, std::shared_ptr<const Gazetteer> gazetteer,
                     std::shared_ptr<const NameLexicon> lexicon)
    : gazetteer_(std::move(gazetteer)), lexicon_(std::move(lexicon)), id_(next_model_id++) {
  if (file.meta("features") != kNameFeatureSet)
    throw learn::ModelError(file.path + ": feature set '" + std::string(file.meta("features")) +
                            "', but this sitrep computes '" + std::string(kNameFeatureSet) +
                            "' (retrain it with scripts/train_models.sh)");
  const std::vector<std::string> labels = learn::parse_labels(file.section("labels"), file.path + " (labels)");
  if (labels.size() != kNameLabels)
    throw learn::ModelError(file.path + ": " + std::to_string(labels.size()) + " labels, this sitrep reads " +
                            std::to_string(kNameLabels));
  for (size_t l = 0; l < kNameLabels; ++l)
    if (labels[l] != label_name(static_cast<uint8_t>(l)))
      throw learn::ModelError(file.path + ": label " + std::to_string(l) + " is '" + labels[l] + "', not '" +
                              label_name(static_cast<uint8_t>(l)) + "'");
  weights_ = learn::LinearModel::parse(file.section("weights"), file.path + " (weights)");
  capitals_ = parse_capitals(file.section("capitals"), file.path + " (capitals)");
  if (weights_.classes() != kNameLabels)
    throw learn::ModelError(file.path + ": the weights have " + std::to_string(weights_.classes()) + " classes, not " +
                            std::to_string(kNameLabels));
}

NameModel::NameModel(learn::LinearModel weights, learn::KeyTable capitals, std::shared_ptr<const Gazetteer> gazetteer,
                     std::shared_ptr<const NameLexicon> lexicon)
    : weights_(std::move(weights)),
      capitals_(std::move(capitals)),
      gazetteer_(std::move(gazetteer)),
      lexicon_(std::move(lexicon)),
      id_(next_model_id++) {}

namespace {

// The labels that may follow each label (kNameLabels: the sentence's start).
struct Transitions {
  std::array<std::array<uint8_t, kNameLabels>, kNameLabels + 1> next{};
  std::array<uint8_t, kNameLabels + 1> count{};
  Transitions() {
    for (size_t p = 0; p <= kNameLabels; ++p)
      for (uint8_t l = 0; l < kNameLabels; ++l)
        if (label_may_follow(p == kNameLabels ? 0 : static_cast<uint8_t>(p), l)) next[p][count[p]++] = l;
  }
};
const Transitions kTransitions;

bool opens(uint8_t l) { return l != 0 && (label_part(l) == BilouPart::kBegin || label_part(l) == BilouPart::kInside); }

}  // namespace

namespace {
// Per thread, the scores of the word features of each form and shape (a
// function of them alone, for one model): kept across articles, since most forms recur,
// and emptied when it holds kMaxWordScores forms or another model asks.
constexpr size_t kMaxWordScores = size_t{1} << 15;
struct WordScores {
  uint64_t model = 0;
  size_t forms = 0;
  WordMap<std::array<int32_t, kNameLabels + 1>> scores{kMaxWordScores / 4};
};
WordScores& word_scores(uint64_t model) {
  thread_local WordScores cache;
  if (cache.model != model || cache.forms >= kMaxWordScores) {
    cache.scores.reset(kMaxWordScores / 4);
    cache.model = model;
    cache.forms = 0;
  }
  return cache;
}
// Per thread, the scores of the history features (the label before, and
// the word's shape) of each shape, for one model; emptied as word_scores is.
constexpr size_t kMaxShapes = 4096;
struct ShapeScores {
  struct Rows {
    std::array<int32_t, (kNameLabels + 1) * kNameLabels> scores{};  // by label before, the sentence's start last
    bool computed = false;
  };
  uint64_t model = 0;
  size_t count = 0;
  WordMap<Rows> rows{256};
};
ShapeScores& shape_scores(uint64_t model) {
  thread_local ShapeScores cache;
  if (cache.model != model || cache.count >= kMaxShapes) {
    cache.rows.reset(256);
    cache.model = model;
    cache.count = 0;
  }
  return cache;
}
}  // namespace

void NameModel::label(Document& doc, const NameEvidence& ev, const NameHistory& names_before, size_t s) const {
  const size_t first = doc.sentences[s].first_token, end = doc.sentences[s].end_token;
  const size_t n = end - first;
  if (n == 0) return;
  constexpr size_t L = kNameLabels;
  thread_local std::vector<int32_t> base;
  base.assign(n * L, 0);
  std::array<uint32_t, kMaxNameFeatures> features;
  // A token the model is not asked about is outside any name.
  constexpr int32_t kNever = -(1 << 24);
  for (size_t i = 0; i < n; ++i) {
    if (!ev[first + i].asked) {
      std::fill(base.begin() + static_cast<ptrdiff_t>(i * L + 1), base.begin() + static_cast<ptrdiff_t>((i + 1) * L), kNever);
      continue;
    }
    // The word's own features once per form in the article.
    // (Keyed by form and shape: a quote mark's shape says whether it opens or closes.)
    WordScores& cache = word_scores(id_);
    const WordFeatures& wf = ev.word(first + i);
    auto& word = cache.scores[learn::mix64(wf.form ^ (wf.shape * 0x9E3779B97F4A7C15ULL))];
    if (!word[L]) {
      const size_t count = name_word_features(ev, first + i, features.data());
      weights_.add_all(std::span<const uint32_t>(features.data(), count), word.data());
      word[L] = 1;
      ++cache.forms;
    }
    int32_t* b = base.data() + i * L;
    std::copy(word.begin(), word.begin() + L, b);
    const size_t count = name_context_features(doc, ev, names_before, s, first + i, features.data());
    weights_.add_all(std::span<const uint32_t>(features.data(), count), b);
  }
  // The history features depend on the label before and the word's shape
  // only: their scores are worked out once per shape, and kept per thread
  // across sentences and articles (for this model). All of the sentence's
  // shapes are in the table before any row is pointed at: adding may move it.
  ShapeScores& shapes = shape_scores(id_);
  std::array<uint32_t, kMaxHistoryFeatures> hist;
  for (size_t i = 0; i < n; ++i) {
    auto& rows = shapes.rows[ev.word(first + i).shape];
    if (rows.computed) continue;
    for (size_t p = 0; p <= L; ++p) {
      const size_t count =
          history_features(doc, ev, s, first + i, p == L ? kNoLabel : static_cast<uint32_t>(p), hist.data());
      weights_.add_all(std::span<const uint32_t>(hist.data(), count), rows.scores.data() + p * L);
    }
    rows.computed = true;
    ++shapes.count;
  }
  thread_local std::vector<const int32_t*> rows_of;  // token -> its shape's rows
  rows_of.resize(n);
  for (size_t i = 0; i < n; ++i) rows_of[i] = shapes.rows.find(ev.word(first + i).shape)->scores.data();
  // Viterbi over the allowed transitions only.
  constexpr int64_t kImpossible = INT64_MIN / 4;
  thread_local std::vector<int64_t> best;
  thread_local std::vector<uint8_t> back;
  best.assign(n * L, kImpossible);
  back.assign(n * L, 0);
  for (size_t i = 0; i < n; ++i) {
    const int32_t* b = base.data() + i * L;
    const size_t from_count = i == 0 ? 1 : L;
    if (!ev[first + i].asked) {  // outside any name: O after a label that may end
      const int32_t* h = rows_of[i];
      for (size_t q = 0; q < from_count; ++q) {
        const size_t p = i == 0 ? L : q;
        const int64_t before = i == 0 ? 0 : best[(i - 1) * L + q];
        if (before == kImpossible || (p < L && opens(static_cast<uint8_t>(p)))) continue;
        const int64_t v = before + b[0] + h[p * L];
        if (v > best[i * L]) {
          best[i * L] = v;
          back[i * L] = static_cast<uint8_t>(q);
        }
      }
      continue;
    }
    for (size_t q = 0; q < from_count; ++q) {
      const size_t p = i == 0 ? L : q;
      const int64_t before = i == 0 ? 0 : best[(i - 1) * L + q];
      if (before == kImpossible) continue;
      const int32_t* h = rows_of[i] + p * L;
      for (uint8_t t = 0; t < kTransitions.count[p]; ++t) {
        const uint8_t l = kTransitions.next[p][t];
        if (i + 1 == n && opens(l)) continue;
        const int64_t v = before + b[l] + h[l];
        if (v > best[i * L + l]) {
          best[i * L + l] = v;
          back[i * L + l] = static_cast<uint8_t>(q);
        }
      }
    }
  }
  uint8_t l = 0;
  for (uint8_t k = 1; k < L; ++k)
    if (best[(n - 1) * L + k] > best[(n - 1) * L + l]) l = k;
  uint8_t* out = doc.name_tags.data() + first;
  for (size_t i = n; i-- > 0;) {
    out[i] = l;
    l = back[i * L + l];
  }
  // Each token's scores along the best path, for span_verdict.
  int32_t* chosen = doc.name_scores.data() + first * L;
  for (size_t i = 0; i < n; ++i) {
    const int32_t* h = rows_of[i] + (i == 0 ? L : out[i - 1]) * L;
    for (size_t k = 0; k < L; ++k) chosen[i * L + k] = base[i * L + k] + h[k];
  }
}

void NameModel::run(Document& doc) const {
  doc.name_tags.assign(doc.tokens.size(), 0);
  doc.name_scores.assign(doc.tokens.size() * kNameLabels, 0);
  if (doc.tokens.empty()) return;
  const NameEvidence ev(doc, *gazetteer_, *lexicon_, &capitals_);
  thread_local NameHistory history;
  history.clear(doc.tokens.size());
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    label(doc, ev, history, s);
    history.add(doc, ev, doc.sentences[s].first_token, doc.sentences[s].end_token);
  }
}

}  // namespace sitrep
