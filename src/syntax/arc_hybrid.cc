#include "syntax/arc_hybrid.h"

namespace sitrep {

void ArcHybrid::reset(size_t n) {
  n_ = n;
  b0_ = 0;
  depth_ = 0;
  if (stack_.size() < n + 1) stack_.resize(n + 1);
  words_.assign(n + 1, Word{kNoWord, 0, {kNoWord, kNoWord}, {kNoWord, kNoWord}, 0, 0, 0, 0});
}

void ArcHybrid::attach(int32_t head, int32_t dependent, uint8_t relation) {
  Word& h = words_[head];
  words_[dependent].head = head;
  words_[dependent].relation = relation;
  const uint64_t bit = uint64_t{1} << (relation & 63);
  // Left dependents arrive right to left, right ones left to right: the
  // newest is the outermost.
  if (dependent < head) {
    h.left[1] = h.left[0];
    h.left[0] = dependent;
    ++h.left_count;
    h.left_relations |= bit;
  } else {
    h.right[1] = h.right[0];
    h.right[0] = dependent;
    ++h.right_count;
    h.right_relations |= bit;
  }
}

void ArcHybrid::apply(Move m, uint8_t relation) {
  switch (m) {
    case kShift:
      stack_[depth_++] = b0_++;
      break;
    case kLeft:
      attach(b0_, stack_[depth_ - 1], relation);
      --depth_;
      break;
    case kRight:
      attach(stack_[depth_ - 2], stack_[depth_ - 1], relation);
      --depth_;
      break;
  }
}

uint32_t ArcHybrid::cost(Move m, const std::vector<int32_t>& gold) const {
  const int32_t s0 = stack(0), s1 = stack(1), b0 = b0_;
  const int32_t last = root() - 1;  // the buffer's words are b0 .. last, then the root
  auto in_buffer = [&](int32_t w) { return w >= b0; };  // the root included
  uint32_t c = 0;
  switch (m) {
    case kShift: {
      // b0 can no longer be the head of a word on the stack, nor take its
      // head from any but s0; and the sentence's root word can take the
      // root only from the bottom of the stack, so it loses it when pushed
      // onto anything.
      for (size_t k = 0; k < depth_; ++k) {
        int32_t s = stack_[k];
        if (gold[s] == b0) ++c;
        if (gold[b0] == s && s != s0) ++c;
      }
      if (gold[b0] == root() && depth_ > 0) ++c;
      return c;
    }
    case kLeft:
    case kRight: {
      // s0 leaves: its dependents still in the buffer are lost, and so is
      // its own head unless the move gives it or it was lost already (a
      // head on the stack below s1; the root, unless s0 is the stack's
      // bottom).
      for (int32_t d = b0; d <= last; ++d)
        if (gold[d] == s0) ++c;
      const int32_t h = gold[s0];
      const bool reachable = h == root() ? depth_ == 1 : (h == s1 && m == kLeft) || (in_buffer(h) && h != root());
      const bool given = m == kLeft ? h == b0 : h == s1;
      if (reachable && !given) ++c;
      return c;
    }
  }
  return c;
}

}  // namespace sitrep
