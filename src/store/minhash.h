// MinHash signatures of article text, for finding wire copies of one story.
//
// A text is the set of its three-word shingles (case-folded, punctuation
// ignored). The signature keeps, for each of 60 hash functions, the least hash
// over the set; the share of equal places in two signatures estimates the
// Jaccard similarity of the sets (Broder 1997). Locality-sensitive hashing
// finds candidates without comparing against every stored article: the 60
// places form 20 bands of 3, and texts sharing any whole band are compared.
// At a Jaccard similarity of 0.5 two texts share a band with probability 0.93,
// at 0.7 with 0.9998, at 0.2 with 0.15 (and are then told apart by the estimate).
// A syndicated copy with a new dateline, headline or a cut paragraph stays
// above 0.5; different stories on one topic stay far below it.
//
//   MinHash a = minhash(text_a), b = minhash(text_b);
//   if (!a.empty() && !b.empty() && similarity(a, b) >= kNearDuplicateSimilarity) link();
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace sitrep {

inline constexpr int kMinHashSize = 60;
inline constexpr int kMinHashBands = 20;
inline constexpr int kMinHashRows = kMinHashSize / kMinHashBands;
inline constexpr double kNearDuplicateSimilarity = 0.5;

struct MinHash {
  std::array<uint32_t, kMinHashSize> values{};
  bool valid = false;  // false: too few words to compare reliably
  bool empty() const { return !valid; }
};

MinHash minhash(std::string_view text);

// Estimated Jaccard similarity of the two shingle sets, 0..1.
double similarity(const MinHash& a, const MinHash& b);

// The key of band i (0..kMinHashBands-1): equal keys, equal band (up to hash collisions).
int64_t minhash_band_key(const MinHash& m, int band);

}  // namespace sitrep
