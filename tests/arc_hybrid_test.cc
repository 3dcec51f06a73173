// ArcHybrid: the moves build the tree they claim, and the dynamic oracle's
// zero-cost moves rebuild every projective gold tree exactly, from the start
// and after a mistake.
#include "syntax/arc_hybrid.h"

#include <gtest/gtest.h>

#include <vector>

#include "learn/feature_hash.h"

namespace sitrep {
namespace {

// Follows zero-cost moves (the first one in SHIFT, LEFT, RIGHT order) from
// the current state to the end; returns the heads it builds.
std::vector<int32_t> follow_oracle(ArcHybrid& st, const std::vector<int32_t>& gold) {
  while (!st.terminal()) {
    Move pick = kShift;
    uint32_t best = ~0u;
    for (Move m : {kShift, kLeft, kRight}) {
      if (!st.valid(m)) continue;
      uint32_t c = st.cost(m, gold);
      if (c < best) {
        best = c;
        pick = m;
      }
    }
    st.apply(pick, 0);
  }
  std::vector<int32_t> heads;
  for (size_t i = 0; i < st.size(); ++i) heads.push_back(st.head(static_cast<int32_t>(i)));
  return heads;
}

// A random projective tree over n words (root n): each word attaches to a
// neighbour span's head, built by recursive splitting.
void random_tree(learn::Random& r, int32_t lo, int32_t hi, int32_t head, std::vector<int32_t>& heads) {
  if (lo >= hi) return;
  int32_t h = lo + static_cast<int32_t>(r.below(static_cast<uint64_t>(hi - lo)));
  heads[h] = head;
  random_tree(r, lo, h, h, heads);
  random_tree(r, h + 1, hi, h, heads);
}

TEST(ArcHybrid, MovesBuildTheirArcs) {
  // "police arrested him": arrested is the root, police and him its dependents.
  ArcHybrid st;
  st.reset(3);
  st.apply(kShift, 0);  // [police]
  st.apply(kLeft, 5);   // police <- arrested
  st.apply(kShift, 0);  // [arrested]
  st.apply(kShift, 0);  // [arrested him]
  EXPECT_FALSE(st.valid(kShift));  // b0 is the root
  EXPECT_FALSE(st.valid(kLeft));   // the root takes the last word only
  st.apply(kRight, 7);  // arrested -> him
  st.apply(kLeft, 1);   // arrested <- root
  EXPECT_TRUE(st.terminal());
  EXPECT_EQ(st.head(0), 1);
  EXPECT_EQ(st.relation(0), 5);
  EXPECT_EQ(st.head(2), 1);
  EXPECT_EQ(st.head(1), 3);
  EXPECT_EQ(st.leftmost(1, 0), 0);
  EXPECT_EQ(st.rightmost(1, 0), 2);
  EXPECT_EQ(st.left_count(1), 1u);
  EXPECT_EQ(st.left_relations(1), uint64_t{1} << 5);
}

TEST(ArcHybrid, OracleRebuildsProjectiveTrees) {
  learn::Random r(7);
  ArcHybrid st;
  for (int t = 0; t < 500; ++t) {
    const auto n = static_cast<int32_t>(1 + r.below(30));
    std::vector<int32_t> gold(static_cast<size_t>(n));
    random_tree(r, 0, n, n, gold);
    st.reset(static_cast<size_t>(n));
    EXPECT_EQ(follow_oracle(st, gold), gold) << "tree " << t;
  }
}

TEST(ArcHybrid, OracleCostIsTheArcsAMoveLoses) {
  // From states reached by random moves, a move's cost is exactly how many
  // more arcs end up wrong when the oracle finishes after it than when the
  // oracle finishes right away.
  learn::Random r(11);
  ArcHybrid st;
  size_t checked = 0, costly = 0;
  for (int t = 0; t < 300; ++t) {
    const auto n = static_cast<int32_t>(2 + r.below(20));
    std::vector<int32_t> gold(static_cast<size_t>(n));
    random_tree(r, 0, n, n, gold);
    st.reset(static_cast<size_t>(n));
    const size_t random_moves = r.below(static_cast<uint64_t>(2 * n));
    for (size_t k = 0; k < random_moves && !st.terminal(); ++k) {
      std::vector<Move> valid;
      for (Move m : {kShift, kLeft, kRight})
        if (st.valid(m)) valid.push_back(m);
      st.apply(valid[r.below(valid.size())], 0);
    }
    if (st.terminal()) continue;
    auto errors = [&](std::vector<int32_t> heads) {
      uint32_t e = 0;
      for (size_t i = 0; i < heads.size(); ++i) e += heads[i] != gold[i];
      return e;
    };
    ArcHybrid now = st;
    const uint32_t base = errors(follow_oracle(now, gold));
    for (Move m : {kShift, kLeft, kRight}) {
      if (!st.valid(m)) continue;
      ArcHybrid after = st;
      after.apply(m, 0);
      const uint32_t c = st.cost(m, gold);
      EXPECT_EQ(errors(follow_oracle(after, gold)), base + c) << "tree " << t << " move " << int(m);
      ++checked;
      costly += c > 0;
    }
  }
  EXPECT_GT(checked, 300u);
  EXPECT_GT(costly, 50u);
}

}  // namespace
}  // namespace sitrep
