// ArcHybrid: the transition system of the dependency parser (Kuhlmann,
// Gómez-Rodríguez and Satta 2011), with the root at the end of the buffer
// (Ballesteros and Nivre 2013) and its dynamic oracle (Goldberg and Nivre
// 2013).
//
// A configuration is a stack and a buffer of the words of one sentence,
// 0 .. n-1, followed by the root, n. Three moves:
//   SHIFT  pushes the buffer's first word b0;
//   LEFT   makes b0 the head of the stack's top s0 and pops it;
//   RIGHT  makes s1, the word under s0, its head and pops it.
// A sentence takes exactly 2n moves. The root takes one dependent: LEFT from
// the root only when s0 is the last word on the stack.
//
// The state keeps what the feature templates read: each word's two leftmost
// and two rightmost dependents, how many it has on either side, and the set
// of their relations, so that no feature needs a search.
//
//   ArcHybrid state;
//   state.reset(n);
//   while (!state.terminal()) state.apply(best_valid_move, relation);
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sitrep {

enum Move : uint8_t { kShift, kLeft, kRight };
inline constexpr size_t kMoves = 3;

class ArcHybrid {
 public:
  static constexpr int32_t kNoWord = -1;

  // A new sentence of n words; allocates only when n is larger than before.
  void reset(size_t n);

  size_t size() const { return n_; }
  int32_t root() const { return static_cast<int32_t>(n_); }
  bool terminal() const { return depth_ == 0 && b0_ == root(); }
  bool valid(Move m) const {
    switch (m) {
      case kShift: return b0_ < root();
      case kLeft: return depth_ > 0 && (b0_ < root() || depth_ == 1);
      case kRight: return depth_ > 1;
    }
    return false;
  }
  // The move's arc: head and dependent (for RIGHT and LEFT).
  int32_t arc_head(Move m) const { return m == kLeft ? b0_ : stack(1); }
  int32_t arc_dependent() const { return stack(0); }
  // Applies a valid move; `relation` labels the arc of LEFT and RIGHT.
  void apply(Move m, uint8_t relation);

  // The k-th word from the top of the stack (0 = s0), kNoWord when none.
  int32_t stack(size_t k) const { return k < depth_ ? stack_[depth_ - 1 - k] : kNoWord; }
  size_t depth() const { return depth_; }
  // The buffer's k-th word (0 = b0); the root is n; kNoWord past the root.
  int32_t buffer(size_t k) const {
    int32_t b = b0_ + static_cast<int32_t>(k);
    return b <= root() ? b : kNoWord;
  }

  // Per word (0 .. n, the root included): head (kNoWord until attached),
  // relation, dependents. Children functions take kNoWord and return kNoWord.
  int32_t head(int32_t w) const { return words_[w].head; }
  uint8_t relation(int32_t w) const { return words_[w].relation; }
  int32_t leftmost(int32_t w, int k) const { return w < 0 ? kNoWord : words_[w].left[k]; }
  int32_t rightmost(int32_t w, int k) const { return w < 0 ? kNoWord : words_[w].right[k]; }
  uint32_t left_count(int32_t w) const { return w < 0 ? 0 : words_[w].left_count; }
  uint32_t right_count(int32_t w) const { return w < 0 ? 0 : words_[w].right_count; }
  uint64_t left_relations(int32_t w) const { return w < 0 ? 0 : words_[w].left_relations; }
  uint64_t right_relations(int32_t w) const { return w < 0 ? 0 : words_[w].right_relations; }

  // Dynamic oracle: how many arcs of the gold tree (gold[i] = head of word i,
  // n for the root; projective) the move makes unreachable.
  uint32_t cost(Move m, const std::vector<int32_t>& gold) const;

 private:
  struct Word {
    int32_t head;
    uint8_t relation;
    int32_t left[2];   // leftmost, second leftmost dependent
    int32_t right[2];  // rightmost, second rightmost
    uint32_t left_count, right_count;
    uint64_t left_relations, right_relations;  // bit r: a dependent with relation r
  };
  void attach(int32_t head, int32_t dependent, uint8_t relation);

  size_t n_ = 0;
  int32_t b0_ = 0;
  size_t depth_ = 0;
  std::vector<int32_t> stack_;
  std::vector<Word> words_;
};

}  // namespace sitrep
