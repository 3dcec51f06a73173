#include "syntax/parser_features.h"

#include <algorithm>

#include "learn/feature_hash.h"
#include "syntax/word_features.h"

namespace sitrep {

namespace {

using learn::feature;

enum MoveTemplate : uint32_t {
  kS0w = 1, kS0t, kS0wt, kB0w, kB0t, kB0wt, kB1w, kB1t, kB1wt, kB2w, kB2t, kB2wt, kS1w, kS1t, kS1wt, kS2t,
  kS0wtB0wt, kS0wtB0w, kS0wB0wt, kS0wtB0t, kS0tB0wt, kS0wB0w, kS0tB0t, kB0tB1t,
  kB0tB1tB2t, kS0tB0tB1t, kS1tS0tB0t, kS0tS0l1tB0t, kS0tS0r1tB0t, kS0tB0tB0l1t, kS1tS1r1tS0t,
  kS0wD, kS0tD, kB0wD, kB0tD, kS0wB0wD, kS0tB0tD,
  kS0wVr, kS0tVr, kS0wVl, kS0tVl, kB0wVl, kB0tVl,
  kS0l1w, kS0l1t, kS0l1l, kS0r1w, kS0r1t, kS0r1l, kS0l2t, kS0l2l, kS0r2t, kS0r2l, kB0l1w, kB0l1t, kB0l1l,
  kB0l2t, kB0l2l,
  kS0tS0l1tS0l2t, kS0tS0r1tS0r2t, kB0tB0l1tB0l2t,
  kS0wSr, kS0tSr, kS0wSl, kS0tSl, kB0wSl, kB0tSl,
  kS1tS0t, kS1wS0w, kS2tS1tS0t, kS1tS0tB0tB1t, kS1wtS0wt, kS1tS1l1t, kS1r1lS0t,
  kPunctS1S0, kPunctS0B0, kS1tS0tD10,
  kS0u, kB0u, kB1u, kS1u, kS0uB0u, kS1uS0u, kS0uB0uB1u, kS1uS0uB0u, kB0uB1uB2u, kS0wB0u, kS0uB0w,
  kB0suf, kS0suf, kB1suf, kB0shape, kS0shape, kB0wB1w, kVerbsAheadS0tB0t, kB1tB2tB3t,
};

enum LabelTemplate : uint32_t {
  kDw = 101, kDt, kDwt, kHw, kHt, kHwt, kDwHt, kDtHw, kDtHt, kDtHtDir, kDirDist, kDtHtDist, kDl1w, kDl1tl, kDr1tl,
  kDsl, kDsr, kDtDsl, kHslDtDir, kHsrDtDir, kDm1t, kDp1t, kHwDw, kDl1wHtDt, kDwDir, kHwDir, kDl1wHw, kDtDfirst,
  kHtHcount, kDtDr1t, kDwDl1w,
};

uint64_t distance_bin(int32_t a, int32_t b) {
  if (a < 0 || b < 0) return 0;
  int32_t d = b > a ? b - a : a - b;
  return d <= 4 ? static_cast<uint64_t>(d) : d <= 6 ? 5 : d <= 9 ? 6 : d <= 14 ? 7 : 8;
}

}  // namespace

ParserWord root_word() {
  ParserWord r;
  r.word = learn::hash_text("<root>");
  r.tag = learn::hash_text("<ROOT>");
  r.both = learn::mix64(r.word ^ (r.tag * 31));
  r.upos = r.tag;
  r.suffix = r.tag;
  r.shape = r.tag;
  return r;
}

void count_verbs(ParserWord* words, size_t n) {
  uint8_t after = 0;
  for (size_t i = n; i-- > 0;) {
    words[i].verbs_after = after;
    if (words[i].verb && after < 2) ++after;
  }
}

size_t position_features(const ParserWord* words, int32_t x, Position p, uint32_t* out) {
  const uint64_t w = x < 0 ? kNoValue : words[x].word, t = x < 0 ? kNoValue : words[x].tag;
  const uint64_t wt = x < 0 ? kNoValue : words[x].both, u = x < 0 ? kNoValue : words[x].upos;
  const uint64_t suffix = x < 0 ? kNoValue : words[x].suffix, shape = x < 0 ? kNoValue : words[x].shape;
  size_t c = 0;
  switch (p) {
    case Position::kS0:
      for (auto [templ, value] : {std::pair{kS0w, w}, {kS0t, t}, {kS0wt, wt}, {kS0u, u}, {kS0suf, suffix}, {kS0shape, shape}})
        out[c++] = feature(templ, value);
      break;
    case Position::kS1:
      for (auto [templ, value] : {std::pair{kS1w, w}, {kS1t, t}, {kS1wt, wt}, {kS1u, u}}) out[c++] = feature(templ, value);
      break;
    case Position::kS2:
      out[c++] = feature(kS2t, t);
      break;
    case Position::kB0:
      for (auto [templ, value] : {std::pair{kB0w, w}, {kB0t, t}, {kB0wt, wt}, {kB0u, u}, {kB0suf, suffix}, {kB0shape, shape}})
        out[c++] = feature(templ, value);
      break;
    case Position::kB1:
      for (auto [templ, value] : {std::pair{kB1w, w}, {kB1t, t}, {kB1wt, wt}, {kB1u, u}, {kB1suf, suffix}})
        out[c++] = feature(templ, value);
      break;
    case Position::kB2:
      for (auto [templ, value] : {std::pair{kB2w, w}, {kB2t, t}, {kB2wt, wt}}) out[c++] = feature(templ, value);
      break;
  }
  return c;
}

size_t move_features(const ArcHybrid& st, const ParserWord* words, uint32_t* out, bool positions) {
  auto W = [&](int32_t x) { return x < 0 ? kNoValue : words[x].word; };
  auto T = [&](int32_t x) { return x < 0 ? kNoValue : words[x].tag; };
  auto WT = [&](int32_t x) { return x < 0 ? kNoValue : words[x].both; };
  auto L = [&](int32_t x) -> uint64_t { return x < 0 ? 0xff : st.relation(x); };
  const int32_t s0 = st.stack(0), s1 = st.stack(1), s2 = st.stack(2);
  const int32_t b0 = st.buffer(0), b1 = st.buffer(1), b2 = st.buffer(2);
  const int32_t s0l1 = st.leftmost(s0, 0), s0l2 = st.leftmost(s0, 1);
  const int32_t s0r1 = st.rightmost(s0, 0), s0r2 = st.rightmost(s0, 1);
  const int32_t b0l1 = st.leftmost(b0, 0), b0l2 = st.leftmost(b0, 1);
  const int32_t s1l1 = st.leftmost(s1, 0), s1r1 = st.rightmost(s1, 0);
  const uint64_t d = distance_bin(s0, b0);
  const uint64_t s0vl = std::min<uint32_t>(st.left_count(s0), 5), s0vr = std::min<uint32_t>(st.right_count(s0), 5);
  const uint64_t b0vl = std::min<uint32_t>(st.left_count(b0), 5);
  // Punctuation between two words: what separates clauses and appositions.
  auto punct_between = [&](int32_t a, int32_t b) -> uint64_t {
    if (a < 0 || b < 0) return 9;
    uint64_t n = 0;
    for (int32_t x = a + 1; x < b && n < 3; ++x) n += words[x].punct;
    return n;
  };
  size_t c = 0;
  if (positions) {
    c += position_features(words, s0, Position::kS0, out + c);
    c += position_features(words, s1, Position::kS1, out + c);
    c += position_features(words, s2, Position::kS2, out + c);
    c += position_features(words, b0, Position::kB0, out + c);
    c += position_features(words, b1, Position::kB1, out + c);
    c += position_features(words, b2, Position::kB2, out + c);
  }
  out[c++] = feature(kS0wtB0t, WT(s0), T(b0));
  out[c++] = feature(kS0tB0wt, T(s0), WT(b0));
  out[c++] = feature(kS0wB0w, W(s0), W(b0));
  out[c++] = feature(kS0tB0t, T(s0), T(b0));
  out[c++] = feature(kB0tB1t, T(b0), T(b1));
  out[c++] = feature(kB0tB1tB2t, T(b0), T(b1), T(b2));
  out[c++] = feature(kS0tB0tB1t, T(s0), T(b0), T(b1));
  out[c++] = feature(kS1tS0tB0t, T(s1), T(s0), T(b0));
  out[c++] = feature(kS0tS0l1tB0t, T(s0), T(s0l1), T(b0));
  out[c++] = feature(kS0tS0r1tB0t, T(s0), T(s0r1), T(b0));
  out[c++] = feature(kS0tB0tB0l1t, T(s0), T(b0), T(b0l1));
  out[c++] = feature(kS1tS1r1tS0t, T(s1), T(s1r1), T(s0));
  out[c++] = feature(kS0wD, W(s0), d);
  out[c++] = feature(kS0tD, T(s0), d);
  out[c++] = feature(kB0wD, W(b0), d);
  out[c++] = feature(kB0tD, T(b0), d);
  out[c++] = feature(kS0tB0tD, T(s0), T(b0), d);
  out[c++] = feature(kS0wVr, W(s0), s0vr);
  out[c++] = feature(kS0tVr, T(s0), s0vr);
  out[c++] = feature(kS0wVl, W(s0), s0vl);
  out[c++] = feature(kS0tVl, T(s0), s0vl);
  out[c++] = feature(kB0wVl, W(b0), b0vl);
  out[c++] = feature(kB0tVl, T(b0), b0vl);
  out[c++] = feature(kS0l1w, W(s0l1));
  out[c++] = feature(kS0l1t, T(s0l1));
  out[c++] = feature(kS0l1l, L(s0l1));
  out[c++] = feature(kS0r1w, W(s0r1));
  out[c++] = feature(kS0r1t, T(s0r1));
  out[c++] = feature(kS0r1l, L(s0r1));
  out[c++] = feature(kS0l2t, T(s0l2));
  out[c++] = feature(kS0l2l, L(s0l2));
  out[c++] = feature(kS0r2t, T(s0r2));
  out[c++] = feature(kS0r2l, L(s0r2));
  out[c++] = feature(kB0l1w, W(b0l1));
  out[c++] = feature(kB0l1t, T(b0l1));
  out[c++] = feature(kB0l1l, L(b0l1));
  out[c++] = feature(kB0l2t, T(b0l2));
  out[c++] = feature(kB0l2l, L(b0l2));
  out[c++] = feature(kS0tS0l1tS0l2t, T(s0), T(s0l1), T(s0l2));
  out[c++] = feature(kS0tS0r1tS0r2t, T(s0), T(s0r1), T(s0r2));
  out[c++] = feature(kB0tB0l1tB0l2t, T(b0), T(b0l1), T(b0l2));
  out[c++] = feature(kS0wSr, W(s0), st.right_relations(s0));
  out[c++] = feature(kS0tSr, T(s0), st.right_relations(s0));
  out[c++] = feature(kS0wSl, W(s0), st.left_relations(s0));
  out[c++] = feature(kS0tSl, T(s0), st.left_relations(s0));
  out[c++] = feature(kB0wSl, W(b0), st.left_relations(b0));
  out[c++] = feature(kB0tSl, T(b0), st.left_relations(b0));
  out[c++] = feature(kS1tS0t, T(s1), T(s0));
  out[c++] = feature(kS1wS0w, W(s1), W(s0));
  out[c++] = feature(kS2tS1tS0t, T(s2), T(s1), T(s0));
  out[c++] = feature(kS1tS0tB0tB1t, T(s1), T(s0), learn::mix64(T(b0) ^ (T(b1) * 7)));
  out[c++] = feature(kS1wtS0wt, WT(s1), WT(s0));
  out[c++] = feature(kS1tS1l1t, T(s1), T(s1l1));
  out[c++] = feature(kS1r1lS0t, L(s1r1), T(s0));
  out[c++] = feature(kPunctS1S0, punct_between(s1, s0), T(s1), T(s0));
  out[c++] = feature(kPunctS0B0, punct_between(s0, b0), T(s0), T(b0));
  out[c++] = feature(kS1tS0tD10, T(s1), T(s0), distance_bin(s1, s0));
  auto U = [&](int32_t x) { return x < 0 ? kNoValue : words[x].upos; };
  const int32_t b3 = st.buffer(3);
  out[c++] = feature(kB0wB1w, W(b0), W(b1));
  out[c++] = feature(kVerbsAheadS0tB0t, b0 < 0 ? 9 : words[b0].verbs_after, T(s0), T(b0));
  out[c++] = feature(kB1tB2tB3t, T(b1), T(b2), T(b3));
  out[c++] = feature(kS0uB0u, U(s0), U(b0));
  out[c++] = feature(kS1uS0u, U(s1), U(s0));
  out[c++] = feature(kS0uB0uB1u, U(s0), U(b0), U(b1));
  out[c++] = feature(kS1uS0uB0u, U(s1), U(s0), U(b0));
  out[c++] = feature(kB0uB1uB2u, U(b0), U(b1), U(b2));
  out[c++] = feature(kS0wB0u, W(s0), U(b0));
  out[c++] = feature(kS0uB0w, U(s0), W(b0));
  return c;
}

size_t label_features(const ArcHybrid& st, const ParserWord* words, int32_t h, int32_t d, uint32_t* out) {
  auto W = [&](int32_t x) { return x < 0 ? kNoValue : words[x].word; };
  auto T = [&](int32_t x) { return x < 0 ? kNoValue : words[x].tag; };
  auto L = [&](int32_t x) -> uint64_t { return x < 0 ? 0xff : st.relation(x); };
  const uint64_t dir = h < d ? 1 : 2;
  const uint64_t dist = distance_bin(h, d);
  const int32_t dl1 = st.leftmost(d, 0), dr1 = st.rightmost(d, 0);
  const int32_t before = d > 0 ? d - 1 : ArcHybrid::kNoWord;
  const int32_t after = d + 1 < st.root() ? d + 1 : ArcHybrid::kNoWord;
  const uint64_t hcount = std::min<uint32_t>(st.left_count(h) + st.right_count(h), 4);
  size_t c = 0;
  out[c++] = feature(kDw, W(d));
  out[c++] = feature(kDt, T(d));
  out[c++] = feature(kDwt, words[d].both);
  out[c++] = feature(kHw, W(h));
  out[c++] = feature(kHt, T(h));
  out[c++] = feature(kHwt, words[h].both);
  out[c++] = feature(kDwHt, W(d), T(h));
  out[c++] = feature(kDtHw, T(d), W(h));
  out[c++] = feature(kDtHt, T(d), T(h));
  out[c++] = feature(kDtHtDir, T(d), T(h), dir);
  out[c++] = feature(kDirDist, dir, dist);
  out[c++] = feature(kDtHtDist, T(d), T(h), dist * 4 + dir);
  out[c++] = feature(kDl1w, W(dl1));
  out[c++] = feature(kDl1tl, T(dl1), L(dl1));
  out[c++] = feature(kDr1tl, T(dr1), L(dr1));
  out[c++] = feature(kDsl, st.left_relations(d));
  out[c++] = feature(kDsr, st.right_relations(d));
  out[c++] = feature(kDtDsl, T(d), st.left_relations(d));
  out[c++] = feature(kHslDtDir, st.left_relations(h), T(d), dir);
  out[c++] = feature(kHsrDtDir, st.right_relations(h), T(d), dir);
  out[c++] = feature(kDm1t, T(before), T(d));
  out[c++] = feature(kDp1t, T(after), T(d));
  out[c++] = feature(kHwDw, W(h), W(d));
  out[c++] = feature(kDl1wHtDt, W(dl1), T(h), T(d));
  out[c++] = feature(kDwDir, W(d), dir);
  out[c++] = feature(kHwDir, W(h), dir);
  out[c++] = feature(kDl1wHw, W(dl1), W(h));
  out[c++] = feature(kDtDfirst, T(d), d == 0 ? 1 : 0);
  out[c++] = feature(kHtHcount, T(h), hcount * 4 + dir);
  out[c++] = feature(kDtDr1t, T(d), T(dr1));
  out[c++] = feature(kDwDl1w, W(d), W(dl1));
  return c;
}

}  // namespace sitrep
