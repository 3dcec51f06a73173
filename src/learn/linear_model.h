// LinearModel: the weights of a trained linear classifier over hashed
// features (learn/feature_hash.h), compact and read-only.
//
// Each feature the trainer kept has a row holding only the classes it weighs
// on, as 16-bit weights (the trainer's averaged weights times scale()). An
// open-addressing table maps a feature key to its row: with at most
// kInlineClasses classes (the parser's moves) the row sits in the table slot
// itself, one memory access per feature; with more, the slot points into a
// pool of sparse rows. Scoring allocates nothing, and add_all() prefetches
// the slots of all features first, so that their cache misses overlap.
// Scores are integers: a class's score is the sum of its weights over the
// features.
//
//   LinearModel m = LinearModel::parse(file.section("weights"), file.path);
//   std::array<int32_t, 8> scores{};
//   for (uint32_t f : features) m.add(f, scores.data());
//
// Any classifier with hashed features can use it: the tagger, the parser's
// transitions and labels, and a later sequence labeller (BILOU names).
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep::learn {

class LinearModel {
 public:
  // One learnt weight: a class and its weight.
  struct Weight {
    uint16_t cls = 0;
    int16_t value = 0;
  };
  // A feature and its weights, as the trainer hands them over.
  struct Row {
    uint32_t key = 0;
    std::vector<Weight> weights;
  };

  LinearModel() = default;
  // Rows with distinct keys, in any order; `scale` is what the trainer's
  // weights were multiplied by to give the 16-bit ones.
  LinearModel(size_t classes, float scale, std::vector<Row> rows);

  size_t classes() const { return classes_; }
  size_t features() const { return features_; }
  size_t weights() const { return weights_; }
  float scale() const { return scale_; }

  static constexpr size_t kInlineClasses = 3;

  // Adds the weights of feature `key` to scores[0 .. classes()).
  void add(uint32_t key, int32_t* scores) const {
    if (!inline_.empty()) {
      const uint16_t check = inline_check(key);
      for (size_t i = home(key);; i = i + 1 == inline_.size() ? 0 : i + 1) {
        const InlineSlot& s = inline_[i];
        if (s.check == check) {
          for (size_t c = 0; c < classes_; ++c) scores[c] += s.weights[c];
          return;
        }
        if (s.check == 0) return;
      }
    }
    for (size_t i = home(key);; i = i + 1 == slots_.size() ? 0 : i + 1) {
      const Slot& s = slots_[i];
      if (s.key == key) {
        add_row(s.row, scores);
        return;
      }
      if (s.key == 0) return;
    }
  }
  // add() for each of `keys` (at most kMaxBatch), in three passes so that
  // the cache misses of different features overlap: prefetch every slot;
  // find each row and prefetch it; add the rows.
  static constexpr size_t kMaxBatch = 128;
  void add_all(std::span<const uint32_t> keys, int32_t* scores) const {
    if (!inline_.empty()) {
      for (uint32_t k : keys) __builtin_prefetch(&inline_[home(k)]);
      for (uint32_t k : keys) add(k, scores);
      return;
    }
    for (uint32_t k : keys) __builtin_prefetch(&slots_[home(k)]);
    uint32_t rows[kMaxBatch];
    size_t found = 0;
    for (uint32_t k : keys.first(std::min(keys.size(), kMaxBatch))) {
      for (size_t i = home(k);; i = i + 1 == slots_.size() ? 0 : i + 1) {
        const Slot& s = slots_[i];
        if (s.key == k) {
          __builtin_prefetch(&pool_[s.row]);
          rows[found++] = s.row;
          break;
        }
        if (s.key == 0) break;
      }
    }
    for (size_t r = 0; r < found; ++r) add_row(rows[r], scores);
  }
  // Scores of every class for a set of features: `scores` is zeroed first.
  void score(std::span<const uint32_t> features, std::span<int32_t> scores) const;

  // Binary form for a model file section (see ModelFile): the table as it
  // lies in memory, little-endian, so that loading is a copy and a check:
  // u32 classes, f32 scale, u64 features, u64 weights, u64 slots, the slots
  // (8 bytes each), then for pooled rows u64 pool length and the pool. The
  // table is a function of the rows alone, so equal models give equal bytes.
  std::string serialize() const;
  // Throws ModelError "WHERE: ..." on malformed bytes: a wrong length, a row
  // outside the pool, a class >= classes, a table with no empty slot.
  static LinearModel parse(std::string_view bytes, const std::string& where);

 private:
  // Rows side by side: row r's weights are weights[begins[r] .. begins[r + 1]).
  struct Flat {
    std::vector<uint32_t> keys;  // ascending, distinct, not 0
    std::vector<uint32_t> begins;
    std::vector<Weight> weights;
  };
  void build(const Flat& flat);

  struct Slot {
    uint32_t key = 0;  // 0: empty
    uint32_t row = 0;  // index into pool_ of the row's first entry
  };
  // A row in the pool starts with its length n, then n (class, weight)
  // pairs; or with kDense, then one weight per class: rows that weigh on
  // more than half the classes are dense, added in one vectorised loop.
  static constexpr int16_t kDense = -1;
  // With few classes a slot holds the row, and only 16 bits of the key: its
  // other bits chose the slot. Two keys that share a probe run and those 16
  // bits share a row (rare; noise the model tolerates), and the table stays
  // small enough to stay in cache.
  struct InlineSlot {
    uint16_t check = 0;  // 0: empty
    int16_t weights[kInlineClasses] = {};
  };
  static uint16_t inline_check(uint32_t key) {
    const auto c = static_cast<uint16_t>(key);
    return c == 0 ? 1 : c;
  }
  // scores[0 .. n) += w[0 .. n): a dense row. dense_adder(n) gives, for the
  // usual numbers of classes, a function with n known when compiled (whole
  // vector adds, no loop); chosen once per model.
  using DenseAdd = void (*)(const int16_t* w, int32_t* scores, size_t n);
  static void add_any(const int16_t* w, int32_t* scores, size_t n) {
    for (size_t c = 0; c < n; ++c) scores[c] += w[c];
  }
  static DenseAdd dense_adder(size_t classes);
  void add_row(uint32_t row, int32_t* scores) const {
    const int16_t* w = &pool_[row];
    if (w[0] == kDense) {
      add_dense_(w + 1, scores, classes_);
    } else {
      const int16_t n = w[0];
      for (int16_t j = 0; j < n; ++j) scores[static_cast<uint16_t>(w[1 + 2 * j])] += w[2 + 2 * j];
    }
  }
  // A key's first slot: keys are hashes, so their high bits spread evenly.
  size_t home(uint32_t key) const { return static_cast<size_t>((uint64_t{key} * size_) >> 32); }

  size_t classes_ = 0;
  DenseAdd add_dense_ = &add_any;
  size_t features_ = 0;
  size_t weights_ = 0;
  float scale_ = 1;
  uint64_t size_ = 1;  // slots in the table in use
  std::vector<Slot> slots_ = std::vector<Slot>(1);
  std::vector<InlineSlot> inline_;
  std::vector<int16_t> pool_;
};

}  // namespace sitrep::learn
