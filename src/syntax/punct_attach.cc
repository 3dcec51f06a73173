#include "syntax/punct_attach.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace sitrep {

namespace {

constexpr int32_t kRoot = -1;

// The closing mark of an opening one, empty when the mark opens no pair.
std::string_view closing_of(std::string_view f) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kPairs{{
      {"(", ")"}, {"[", "]"}, {"{", "}"}, {"\"", "\""}, {"“", "”"}, {"‘", "’"}, {"``", "''"}, {"«", "»"}}};
  for (const auto& [open, close] : kPairs)
    if (f == open) return close;
  return {};
}

bool final_mark(std::string_view f) { return f == "." || f == "?" || f == "!"; }

class Tree {
 public:
  Tree(std::span<int32_t> heads) : h_(heads), n_(static_cast<int32_t>(heads.size())) {}
  int32_t head(int32_t x) const { return h_[x]; }
  void set(int32_t x, int32_t head) { h_[x] = head; }
  // a is a proper ancestor of x.
  bool below(int32_t x, int32_t a) const {
    if (a < 0) return false;
    for (int32_t steps = 0; x >= 0 && steps <= n_; ++steps) {
      x = h_[x];
      if (x == a) return true;
    }
    return false;
  }
  // The first and last word of x's subtree.
  std::pair<int32_t, int32_t> span(int32_t x) const {
    int32_t lo = x, hi = x;
    for (int32_t y = 0; y < n_; ++y)
      if (y != x && below(y, x)) lo = std::min(lo, y), hi = std::max(hi, y);
    return {lo, hi};
  }
  // Some word between x and its head is outside the head's subtree.
  bool nonprojective(int32_t x) const {
    const int32_t p = h_[x];
    if (p < 0) return false;
    for (int32_t w = std::min(x, p) + 1; w < std::max(x, p); ++w)
      if (!below(w, p)) return true;
    return false;
  }
  // x lies under an arc whose head is not one of x's ancestors.
  bool in_gap(int32_t x) const {
    for (int32_t y = 0; y < n_; ++y) {
      const int32_t p = h_[y];
      if (p < 0 || y == x || x == p) continue;
      if (std::min(y, p) < x && x < std::max(y, p) && !below(x, p)) return true;
    }
    return false;
  }

 private:
  std::span<int32_t> h_;
  int32_t n_;
};

}  // namespace

void attach_punctuation(std::span<const std::string_view> forms, std::span<const uint8_t> is_punct,
                        std::span<int32_t> heads) {
  const auto n = static_cast<int32_t>(heads.size());
  auto P = [&](int32_t i) { return is_punct[i] != 0; };
  // A mark at the root with words below it: left as the parser made it.
  for (int32_t i = 0; i < n; ++i)
    if (heads[i] < 0 && P(i)) return;
  Tree t(heads);
  // No mark has dependents: they go to the mark's head.
  for (int32_t i = 0; i < n; ++i)
    for (int32_t steps = 0; t.head(i) >= 0 && P(t.head(i)) && steps <= n; ++steps) t.set(i, t.head(t.head(i)));
  enum : uint8_t { kFree, kOpening, kClosing };
  thread_local std::vector<uint8_t> types;
  types.assign(n, kFree);
  uint8_t* type = types.data();

  // Pairs of brackets and quotes take the head of what they enclose: the
  // first word inside whose head is outside.
  for (int32_t i = 0; i < n; ++i) {
    if (!P(i) || type[i] == kClosing) continue;
    const std::string_view close = closing_of(forms[i]);
    if (close.empty()) continue;
    int32_t level = 0;
    for (int32_t j = i + 1; j < n; ++j) {
      if (forms[j] == close) {
        if (level > 0) {
          --level;
          continue;
        }
        int32_t top = -1, top_punct = -1;
        for (int32_t k = i + 1; k < j; ++k) {
          const int32_t hk = t.head(k);
          if (hk < i || hk > j) {
            if (!P(k)) {
              if (top < 0) top = k;
            } else if (top_punct < 0) {
              top_punct = k;
            }
          }
        }
        if (top < 0) top = top_punct;
        if (top >= 0) {
          t.set(i, top);
          t.set(j, top);
          type[i] = kOpening;
          type[j] = kClosing;
        }
        break;
      }
      if (forms[j] == forms[i] && close != forms[i]) ++level;
    }
  }

  // Every other mark: the highest word of a neighbouring subtree that keeps
  // the tree projective; of the left and right candidates, the lower. A
  // head already on either path is kept.
  thread_local std::vector<int32_t> left_path, right_path;
  for (int32_t i = 0; i < n; ++i) {
    if (!P(i) || type[i] != kFree) continue;
    const int32_t orig = t.head(i);
    if (forms[i] == "." && orig == i - 1) continue;  // an abbreviation's or an ordinal's dot
    if (orig >= 0) {  // marks on both edges of their head's subtree, such as commas around an apposition
      const auto [lo, hi] = t.span(orig);
      if ((i == lo || i == hi) && lo != hi && P(lo) && P(hi) && t.head(lo) == orig && t.head(hi) == orig) {
        int32_t inside = 0;
        for (int32_t y = lo; y <= hi; ++y) inside += y == orig || t.below(y, orig);
        if (inside == hi - lo + 1) continue;
      }
    }
    int32_t l = i - 1, r = final_mark(forms[i]) ? n : i + 1;
    while (l >= 0 && P(l)) {
      if (type[l] == kOpening && t.head(l) != i) {
        l = -1;
        break;
      }
      --l;
    }
    while (r < n && P(r)) {
      if (type[r] == kClosing && t.head(r) != i) {
        r = n;
        break;
      }
      ++r;
    }
    left_path.clear();
    right_path.clear();
    if (l >= 0) {
      left_path.push_back(l);
      while (t.head(l) >= 0 && t.head(l) < i && t.span(l).second <= i) {
        l = t.head(l);
        left_path.push_back(l);
      }
    }
    if (r < n) {
      right_path.push_back(r);
      while (t.head(r) >= 0 && t.head(r) > i && t.span(r).first >= i) {
        r = t.head(r);
        right_path.push_back(r);
      }
    }
    auto keeps_projective = [&](int32_t c) {
      t.set(i, c);
      const bool ok = !t.nonprojective(i) && !(t.in_gap(i) && !(t.head(i) >= 0 && t.in_gap(t.head(i))));
      t.set(i, orig);
      return ok;
    };
    auto last_good = [&](const std::vector<int32_t>& path) {
      int32_t good = -1;
      for (int32_t c : path)
        if (keeps_projective(c)) good = c;
      return good;
    };
    const int32_t lc = last_good(left_path), rc = last_good(right_path);
    int32_t cand = -1;
    bool both_paths = false;
    if (lc >= 0 && t.below(lc, rc)) cand = lc;
    else if (rc >= 0 && t.below(rc, lc)) cand = rc;
    else if (lc >= 0 || rc >= 0) cand = lc >= 0 ? lc : rc, both_paths = true;
    if (cand < 0) continue;
    auto on = [&](const std::vector<int32_t>& path) {
      for (int32_t c : path)
        if (c == orig && keeps_projective(c)) return true;
      return false;
    };
    const bool kept = cand == lc ? on(left_path) || (both_paths && on(right_path))
                                 : on(right_path) || (both_paths && on(left_path));
    if (!kept) t.set(i, cand);
  }
}

}  // namespace sitrep
