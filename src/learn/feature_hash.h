// Feature hashing for the linear models (learn/linear_model.h): a feature is
// a 32-bit key made from a template number and the values it joins (a word,
// two tags, a distance). Keys are never stored as strings: a model holds only
// the keys it learnt a weight for, and an unseen key (or, rarely, another
// feature hashing to the same key) simply finds a row or none.
//
//   uint64_t w = learn::hash_text("police");
//   uint32_t key = learn::feature(kWordTemplate, w);
//   uint32_t pair = learn::feature(kWordTagTemplate, w, tag);
//
// The functions are fixed: a model file names its feature set's version, and
// changing anything here changes every key, so bump the versions then.
#pragma once

#include <cstdint>
#include <string_view>

namespace sitrep::learn {

inline constexpr uint64_t kFnvBasis = 0xcbf29ce484222325ull;
inline constexpr uint64_t kFnvPrime = 0x100000001b3ull;

// FNV-1a over bytes, continued from `h`.
constexpr uint64_t hash_text(std::string_view s, uint64_t h = kFnvBasis) {
  for (char c : s) {
    h ^= static_cast<uint8_t>(c);
    h *= kFnvPrime;
  }
  return h;
}
constexpr uint64_t hash_byte(uint8_t c, uint64_t h) { return (h ^ c) * kFnvPrime; }

// The splitmix64 finaliser: every input bit reaches every output bit.
constexpr uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

// A key is never 0: the models use 0 to mark an empty slot.
constexpr uint32_t fold_key(uint64_t h) {
  auto k = static_cast<uint32_t>(h ^ (h >> 32));
  return k == 0 ? 1u : k;
}

constexpr uint32_t feature(uint32_t templ, uint64_t a) {
  return fold_key(mix64(a * 0x9e3779b97f4a7c15ull + templ));
}
constexpr uint32_t feature(uint32_t templ, uint64_t a, uint64_t b) {
  return fold_key(mix64(mix64(a * 0x9e3779b97f4a7c15ull + templ) ^ (b + 0x632be59bd9b4e019ull)));
}
constexpr uint32_t feature(uint32_t templ, uint64_t a, uint64_t b, uint64_t c) {
  return fold_key(mix64(mix64(mix64(a * 0x9e3779b97f4a7c15ull + templ) ^ (b + 0x632be59bd9b4e019ull)) ^
                        (c + 0x8cb92ba72f3d8dd7ull)));
}

// A deterministic random sequence for training (shuffles, exploration):
// splitmix64, the same on every platform, unlike std::shuffle's use of a
// standard engine.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() { return mix64(state_ += 0x9e3779b97f4a7c15ull); }
  // Uniform in [0, n); n > 0.
  uint64_t below(uint64_t n) { return next() % n; }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

}  // namespace sitrep::learn
