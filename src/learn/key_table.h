// KeyTable: a read-only map from 64-bit hashes to small values, in one flat
// open-addressing array (no allocation or pointer chasing per lookup), for
// lookups in hot loops such as the tagger's dictionary of unambiguous words.
//
//   KeyTable t({{hash_text("the"), 7}, ...});
//   if (const uint16_t* v = t.find(hash_text(word))) ...
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace sitrep::learn {

class KeyTable {
 public:
  KeyTable() = default;
  // Keys must be distinct and not 0; a repeated key keeps its first value.
  explicit KeyTable(const std::vector<std::pair<uint64_t, uint16_t>>& entries) {
    size_t size = 2;
    while (size < 2 * entries.size()) size *= 2;
    slots_.assign(size, Slot{});
    mask_ = size - 1;
    for (auto [key, value] : entries) {
      if (key == 0) continue;
      size_t i = key & mask_;
      while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask_;
      if (slots_[i].key == 0) {
        slots_[i] = Slot{key, value};
        ++size_;
      }
    }
  }
  const uint16_t* find(uint64_t key) const {
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return &slots_[i].value;
      if (slots_[i].key == 0) return nullptr;
    }
  }
  size_t size() const { return size_; }
  // The entries in slot order.
  std::vector<std::pair<uint64_t, uint16_t>> entries() const {
    std::vector<std::pair<uint64_t, uint16_t>> out;
    for (const Slot& s : slots_)
      if (s.key != 0) out.emplace_back(s.key, s.value);
    return out;
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint16_t value = 0;
  };
  std::vector<Slot> slots_ = std::vector<Slot>(1);
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace sitrep::learn
