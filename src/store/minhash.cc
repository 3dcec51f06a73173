#include "store/minhash.h"

#include <vector>

namespace sitrep {
namespace {

constexpr size_t kShingleWords = 3;
// Fewer shingles than this (about a headline and a sentence) say too little
// about a story to call two texts copies.
constexpr size_t kMinShingles = 24;

// SplitMix64's finaliser: a strong 64-bit mixer.
uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

}  // namespace

MinHash minhash(std::string_view text) {
  MinHash out;
  std::vector<uint64_t> words;
  for (size_t i = 0; i < text.size();) {
    if (!is_word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    uint64_t h = 1469598103934665603ull;
    for (; i < text.size() && is_word_byte(static_cast<unsigned char>(text[i])); ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
      h = (h ^ c) * 1099511628211ull;
    }
    words.push_back(h);
  }
  if (words.size() < kShingleWords + kMinShingles - 1) return out;
  out.values.fill(UINT32_MAX);
  for (size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    uint64_t shingle = mix(words[i] ^ mix(words[i + 1] ^ mix(words[i + 2])));
    // The k-th hash function: the shingle's hash mixed with a constant per k.
    for (int k = 0; k < kMinHashSize; ++k) {
      uint32_t h = static_cast<uint32_t>(mix(shingle + 0x9e3779b97f4a7c15ull * static_cast<uint64_t>(k + 1)));
      if (h < out.values[k]) out.values[k] = h;
    }
  }
  out.valid = true;
  return out;
}

double similarity(const MinHash& a, const MinHash& b) {
  if (a.empty() || b.empty()) return 0;
  int same = 0;
  for (int k = 0; k < kMinHashSize; ++k) same += a.values[k] == b.values[k];
  return static_cast<double>(same) / kMinHashSize;
}

int64_t minhash_band_key(const MinHash& m, int band) {
  uint64_t h = mix(static_cast<uint64_t>(band) + 1);
  for (int r = 0; r < kMinHashRows; ++r) h = mix(h ^ m.values[band * kMinHashRows + r]);
  return static_cast<int64_t>(h);
}

}  // namespace sitrep
