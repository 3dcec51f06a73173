#include "learn/linear_model.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <utility>

#include "learn/model_file.h"

namespace sitrep::learn {

namespace {
using Adder = void (*)(const int16_t*, int32_t*, size_t);  // LinearModel::DenseAdd
template <size_t N>
void add_fixed(const int16_t* __restrict w, int32_t* __restrict scores, size_t) {
  for (size_t c = 0; c < N; ++c) scores[c] += w[c];
}
template <size_t... N>
constexpr std::array<Adder, sizeof...(N)> fixed_adders(std::index_sequence<N...>) {
  return {&add_fixed<N>...};
}
}  // namespace

LinearModel::DenseAdd LinearModel::dense_adder(size_t classes) {
  static constexpr auto kFixed = fixed_adders(std::make_index_sequence<65>{});
  return classes < kFixed.size() ? kFixed[classes] : &add_any;
}

LinearModel::LinearModel(size_t classes, float scale, std::vector<Row> rows)
    : classes_(classes), add_dense_(dense_adder(classes)), scale_(scale) {
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
  rows.erase(std::remove_if(rows.begin(), rows.end(), [](const Row& r) { return r.weights.empty() || r.key == 0; }),
             rows.end());
  rows.erase(std::unique(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key == b.key; }),
             rows.end());
  Flat flat;
  for (const Row& r : rows) {
    flat.keys.push_back(r.key);
    flat.begins.push_back(static_cast<uint32_t>(flat.weights.size()));
    flat.weights.insert(flat.weights.end(), r.weights.begin(), r.weights.end());
  }
  flat.begins.push_back(static_cast<uint32_t>(flat.weights.size()));
  build(flat);
}

void LinearModel::build(const Flat& flat) {
  const size_t rows = flat.keys.size();
  auto weights_of = [&](size_t r) {
    return std::span<const Weight>(flat.weights.data() + flat.begins[r], flat.begins[r + 1] - flat.begins[r]);
  };
  // At most two thirds full: short probes, and an absent key meets an empty slot soon.
  size_ = std::max<uint64_t>(2, rows + rows / 2 + 1);
  features_ = rows;
  weights_ = flat.weights.size();
  if (classes_ <= kInlineClasses) {
    slots_.clear();
    inline_.assign(size_, InlineSlot{});
    for (size_t r = 0; r < rows; ++r) {
      const uint32_t key = flat.keys[r];
      size_t i = home(key);
      while (inline_[i].check != 0) i = i + 1 == inline_.size() ? 0 : i + 1;
      inline_[i].check = inline_check(key);
      for (const Weight& w : weights_of(r)) inline_[i].weights[w.cls] = w.value;
    }
    return;
  }
  slots_.assign(size_, Slot{});
  auto dense = [&](size_t r) { return 2 * weights_of(r).size() > classes_; };
  size_t total = 0;
  for (size_t r = 0; r < rows; ++r) total += 1 + (dense(r) ? classes_ : 2 * weights_of(r).size());
  pool_.resize(total);
  size_t at = 0;
  for (size_t r = 0; r < rows; ++r) {
    const uint32_t key = flat.keys[r];
    size_t i = home(key);
    while (slots_[i].key != 0) i = i + 1 == slots_.size() ? 0 : i + 1;
    slots_[i] = Slot{key, static_cast<uint32_t>(at)};
    if (dense(r)) {
      pool_[at++] = kDense;
      for (const Weight& w : weights_of(r)) pool_[at + w.cls] = w.value;
      at += classes_;
    } else {
      pool_[at++] = static_cast<int16_t>(weights_of(r).size());
      for (const Weight& w : weights_of(r)) {
        pool_[at++] = static_cast<int16_t>(w.cls);
        pool_[at++] = w.value;
      }
    }
  }
}

void LinearModel::score(std::span<const uint32_t> features, std::span<int32_t> scores) const {
  std::fill(scores.begin(), scores.end(), 0);
  if (scores.size() < classes_) return;
  for (uint32_t f : features) add(f, scores.data());
}

namespace {

static_assert(sizeof(int16_t) == 2 && sizeof(uint32_t) == 4);

template <typename T>
void append_raw(ByteWriter& w, const std::vector<T>& v) {
  w.bytes(std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)));
}

template <typename T>
void read_raw(ByteReader& r, std::vector<T>& v, uint64_t count) {
  if (count > r.remaining() / sizeof(T)) r.fail("truncated or corrupt weights (a table reads past its end)");
  std::string_view b = r.bytes(count * sizeof(T));
  v.resize(count);
  std::memcpy(v.data(), b.data(), b.size());
}

}  // namespace

std::string LinearModel::serialize() const {
  ByteWriter w;
  w.u32(static_cast<uint32_t>(classes_));
  w.f32(scale_);
  w.u64(features_);
  w.u64(weights_);
  w.u64(size_);
  if (!inline_.empty()) {
    append_raw(w, inline_);
  } else {
    append_raw(w, slots_);
    w.u64(pool_.size());
    append_raw(w, pool_);
  }
  return std::move(w.str());
}

LinearModel LinearModel::parse(std::string_view bytes, const std::string& where) {
  if constexpr (std::endian::native != std::endian::little) throw ModelError(where + ": model files are little-endian");
  ByteReader r(bytes, where);
  LinearModel m;
  const uint32_t classes = r.u32();
  m.scale_ = r.f32();
  m.features_ = r.u64();
  m.weights_ = r.u64();
  m.size_ = r.u64();
  if (classes == 0 || classes > 32767) r.fail("corrupt weights (" + std::to_string(classes) + " classes)");
  if (m.size_ == 0 || m.size_ > r.remaining() / 8) r.fail("truncated or corrupt weights (" + std::to_string(m.size_) + " slots)");
  m.classes_ = classes;
  m.add_dense_ = dense_adder(classes);
  // Every probe ends at an empty slot, so the table must have one.
  bool empty = false;
  if (classes <= kInlineClasses) {
    read_raw(r, m.inline_, m.size_);
    m.slots_.clear();
    for (const InlineSlot& s : m.inline_) empty |= s.check == 0;
  } else {
    read_raw(r, m.slots_, m.size_);
    read_raw(r, m.pool_, r.u64());
    const size_t pool = m.pool_.size();
    for (const Slot& s : m.slots_) {
      if (s.key == 0) {
        empty = true;
        continue;
      }
      if (s.row >= pool) r.fail("corrupt weights (a row outside the pool)");
      const int16_t head = m.pool_[s.row];
      if (head == kDense) {
        if (pool - s.row - 1 < classes) r.fail("corrupt weights (a row outside the pool)");
        continue;
      }
      if (head < 0 || pool - s.row - 1 < 2 * static_cast<size_t>(head)) r.fail("corrupt weights (a row outside the pool)");
      for (int16_t j = 0; j < head; ++j) {
        if (static_cast<uint16_t>(m.pool_[s.row + 1 + 2 * j]) >= classes) {
          r.fail("corrupt weights (class " + std::to_string(static_cast<uint16_t>(m.pool_[s.row + 1 + 2 * j])) +
                 " of " + std::to_string(classes) + ")");
        }
      }
    }
  }
  if (!empty) r.fail("corrupt weights (a table with no empty slot)");
  if (!r.done()) r.fail("corrupt weights (bytes after the table)");
  return m;
}

}  // namespace sitrep::learn
