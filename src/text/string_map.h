// StringMap: a flat hash map from strings to values, for the lexicons.
//
// The lexicons hold tens of thousands of words and phrases each; a
// std::unordered_map<std::string, V> spends one or two allocations per entry
// when it loads (a node, and a string longer than the inline buffer) and
// follows a bucket, a node and the string's bytes when it looks a word up.
// Here the keys' bytes sit in large shared blocks (a StringArena, so a key's
// string_view stays valid as the map grows), the entries in one vector in
// insertion order, and the index is an open-addressing table of (hash, entry)
// pairs: a lookup reads one slot, compares the full 64-bit hash and then the
// key. Lookups take a string_view and allocate nothing.
//
//   StringMap<uint32_t> m;
//   m["gaza"] = 7;                       // or m.try_emplace("gaza", 7)
//   if (const uint32_t* v = m.find(word)) ...
//   for (const auto& [key, value] : m) ...   // insertion order
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace sitrep {

// 64-bit hash of a short string, eight bytes at a time.
inline uint64_t hash_string(std::string_view s) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  uint64_t h = 0x243F6A8885A308D3ULL ^ (s.size() * kMul);
  const char* p = s.data();
  size_t n = s.size();
  auto mix = [](uint64_t a, uint64_t b) {
    const __uint128_t r = static_cast<__uint128_t>(a ^ 0xA0761D6478BD642FULL) * (b ^ 0xE7037ED1A0B428DBULL);
    return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
  };
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = mix(h, w);
    p += 8;
    n -= 8;
  }
  uint64_t tail = 0;
  if (n) std::memcpy(&tail, p, n);
  return mix(h, tail ^ (static_cast<uint64_t>(n) << 56));
}

// Stable storage for many short strings: views into it stay valid for the
// arena's life, whatever is added later.
class StringArena {
 public:
  std::string_view add(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > room_) {
      const size_t size = std::max(kBlock, s.size());
      blocks_.push_back(std::make_unique<char[]>(size));
      next_ = blocks_.back().get();
      room_ = size;
    }
    std::memcpy(next_, s.data(), s.size());
    std::string_view out(next_, s.size());
    next_ += s.size();
    room_ -= s.size();
    return out;
  }

 private:
  static constexpr size_t kBlock = size_t{1} << 16;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  size_t room_ = 0;
};

template <class V>
class StringMap {
 public:
  struct Entry {
    std::string_view first;  // the key, in the map's arena
    V second;
  };

  StringMap() = default;
  StringMap(StringMap&&) noexcept = default;
  StringMap& operator=(StringMap&&) noexcept = default;
  StringMap(const StringMap&) = delete;  // keys are views into the arena
  StringMap& operator=(const StringMap&) = delete;

  const V* find(std::string_view key) const {
    const int64_t e = locate(key, hash_string(key));
    return e < 0 ? nullptr : &entries_[static_cast<size_t>(e)].second;
  }
  V* find(std::string_view key) {
    const int64_t e = locate(key, hash_string(key));
    return e < 0 ? nullptr : &entries_[static_cast<size_t>(e)].second;
  }
  bool contains(std::string_view key) const { return locate(key, hash_string(key)) >= 0; }

  // The value of `key`, made from `args` if the key is new; true if it was.
  template <class... Args>
  std::pair<V*, bool> try_emplace(std::string_view key, Args&&... args) {
    const uint64_t h = hash_string(key);
    if (const int64_t e = locate(key, h); e >= 0) return {&entries_[static_cast<size_t>(e)].second, false};
    if ((entries_.size() + 1) * 4 > slots_.size() * 3) grow();
    entries_.push_back(Entry{arena_.add(key), V(std::forward<Args>(args)...)});
    place(h, static_cast<uint32_t>(entries_.size() - 1));
    return {&entries_.back().second, true};
  }
  V& operator[](std::string_view key) { return *try_emplace(key).first; }
  // The entry of `key` (its `first` is the key as stored: a view that lives as
  // long as the map), or null.
  const Entry* find_entry(std::string_view key) const {
    const int64_t e = locate(key, hash_string(key));
    return e < 0 ? nullptr : &entries_[static_cast<size_t>(e)];
  }

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  void reserve(size_t n) {
    entries_.reserve(n);
    while (n * 4 > slots_.size() * 3) grow();
  }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }
  auto begin() { return entries_.begin(); }
  auto end() { return entries_.end(); }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t entry = kEmpty;
  };
  static constexpr uint32_t kEmpty = UINT32_MAX;

  int64_t locate(std::string_view key, uint64_t h) const {
    if (slots_.empty()) return -1;
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.entry == kEmpty) return -1;
      if (s.hash == h && entries_[s.entry].first == key) return s.entry;
    }
  }
  void place(uint64_t h, uint32_t entry) {
    const size_t mask = slots_.size() - 1;
    size_t i = h & mask;
    while (slots_[i].entry != kEmpty) i = (i + 1) & mask;
    slots_[i] = Slot{h, entry};
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    for (const Slot& s : old)
      if (s.entry != kEmpty) place(s.hash, s.entry);
  }

  StringArena arena_;
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;
};

}  // namespace sitrep
