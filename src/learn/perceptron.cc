#include "learn/perceptron.h"

#include <algorithm>
#include <cmath>

namespace sitrep::learn {

void Perceptron::score(std::span<const uint32_t> features, std::span<float> scores) const {
  for (uint32_t f : features) {
    auto it = index_.find(f);
    if (it == index_.end()) continue;
    for (const Entry& e : rows_[it->second]) scores[e.cls] += e.weight;
  }
}

void Perceptron::add(uint32_t feature, size_t cls, float delta) {
  auto [it, fresh] = index_.try_emplace(feature, static_cast<uint32_t>(rows_.size()));
  if (fresh) {
    rows_.emplace_back();
    keys_.push_back(feature);
  }
  std::vector<Entry>& row = rows_[it->second];
  auto e = std::find_if(row.begin(), row.end(), [&](const Entry& x) { return x.cls == cls; });
  if (e == row.end()) {
    row.push_back(Entry{static_cast<uint32_t>(cls), 0.0f, 0.0, now_});
    e = row.end() - 1;
  }
  e->total += static_cast<double>(now_ - e->stamp) * e->weight;
  e->stamp = now_;
  e->weight += delta;
}

void Perceptron::update(std::span<const uint32_t> features, size_t truth, size_t guess, float step) {
  if (truth == guess) return;
  for (uint32_t f : features) {
    add(f, truth, step);
    add(f, guess, -step);
  }
}

LinearModel Perceptron::average(const AverageOptions& options) const {
  // Averaged weights first, to find the scale.
  std::vector<std::vector<std::pair<uint32_t, float>>> averaged(rows_.size());
  float largest = 0;
  for (size_t r = 0; r < rows_.size(); ++r) {
    for (const Entry& e : rows_[r]) {
      double total = e.total + static_cast<double>(now_ - e.stamp) * e.weight;
      auto avg = static_cast<float>(total / static_cast<double>(now_));
      if (std::fabs(avg) < options.min_weight || avg == 0) continue;
      averaged[r].emplace_back(e.cls, avg);
      largest = std::max(largest, std::fabs(avg));
    }
  }
  float top = options.max_weight > 0 ? options.max_weight : largest;
  float scale = top > 0 ? 32767.0f / top : 1.0f;
  std::vector<LinearModel::Row> rows;
  rows.reserve(rows_.size());
  for (size_t r = 0; r < rows_.size(); ++r) {
    LinearModel::Row row;
    row.key = keys_[r];
    for (auto [cls, avg] : averaged[r]) {
      float q = std::clamp(std::round(avg * scale), -32767.0f, 32767.0f);
      if (q != 0) row.weights.push_back({static_cast<uint16_t>(cls), static_cast<int16_t>(q)});
    }
    if (row.weights.empty()) continue;
    std::sort(row.weights.begin(), row.weights.end(),
              [](const LinearModel::Weight& a, const LinearModel::Weight& b) { return a.cls < b.cls; });
    rows.push_back(std::move(row));
  }
  return LinearModel(classes_, scale, std::move(rows));
}

}  // namespace sitrep::learn
