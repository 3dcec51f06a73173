// Perceptron: trains a LinearModel, as an averaged multi-class perceptron
// (Collins 2002) over hashed features.
//
// A feature gets a row only when an update touches it, and a row holds only
// the classes updated for it, so the model grows with the mistakes made, not
// with the features seen. The averaged weights, which generalise far better
// than the last ones, are kept lazily: each weight remembers when it last
// changed. Everything is deterministic: the same examples in the same order
// give the same bytes.
//
//   Perceptron p(classes);
//   for (each epoch, each example in a fixed order) {
//     p.score(features, scores);                      // current weights
//     size_t guess = argmax(scores);
//     if (guess != truth) p.update(features, truth, guess);
//     p.next_example();
//   }
//   LinearModel m = p.average({.min_weight = 0.05});
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "learn/linear_model.h"

namespace sitrep::learn {

struct AverageOptions {
  // Averaged weights whose magnitude is below this (in update units) are
  // dropped: they change few decisions and make up most of the rows.
  float min_weight = 0.0f;
  // The largest 16-bit weight stands for this many update units; weights
  // beyond are clipped. 0: the largest averaged weight.
  float max_weight = 0.0f;
};

class Perceptron {
 public:
  explicit Perceptron(size_t classes) : classes_(classes) {}

  size_t classes() const { return classes_; }
  size_t features() const { return rows_.size(); }

  // Adds the current weights of `features` to scores[0 .. classes()).
  void score(std::span<const uint32_t> features, std::span<float> scores) const;
  // Moves each feature's weight by `step` towards `truth` and away from `guess`.
  void update(std::span<const uint32_t> features, size_t truth, size_t guess, float step = 1.0f);
  // Moves the weight of each feature for class `cls` by `step` (structured
  // updates, where the true and the guessed outputs have different features).
  void reward(std::span<const uint32_t> features, size_t cls, float step) {
    for (uint32_t f : features) add(f, cls, step);
  }
  // Counts one example: averaging weighs a weight by how many examples it stood for.
  void next_example() { ++now_; }

  // The averaged weights, quantised to 16 bits.
  LinearModel average(const AverageOptions& options) const;

 private:
  struct Entry {
    uint32_t cls;
    float weight;
    double total;    // sum of the weight over the examples before `stamp`
    uint64_t stamp;  // the example at which `weight` last changed
  };
  void add(uint32_t feature, size_t cls, float delta);

  size_t classes_;
  uint64_t now_ = 1;
  std::unordered_map<uint32_t, uint32_t> index_;  // feature key -> rows_
  std::vector<uint32_t> keys_;                    // rows_ index -> feature key
  std::vector<std::vector<Entry>> rows_;
};

}  // namespace sitrep::learn
