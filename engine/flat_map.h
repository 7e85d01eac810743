// An open-addressing hash map from nonzero 64-bit keys to small trivially copyable values.
//
// Used on the hot path (who holds which HIT, per-worker group state, blocks) because it
// does not allocate per entry: one flat array, linear probing, backward-shift deletion,
// power-of-two capacity grown at 7/8 load. Key 0 marks an empty slot, so keys must be
// nonzero (ids start at 1). Engine thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "engine/check.h"

namespace hitd::engine {

inline uint64_t MixKey(uint64_t k) {
  // splitmix64 finaliser: spreads sequential ids over the table.
  k ^= k >> 30;
  k *= 0xbf58476d1ce4e5b9ULL;
  k ^= k >> 27;
  k *= 0x94d049bb133111ebULL;
  k ^= k >> 31;
  return k;
}

template <typename V>
class FlatMap {
  static_assert(std::is_trivially_copyable_v<V>);

 public:
  FlatMap() { Rehash(16); }

  size_t size() const { return size_; }
  size_t capacity() const { return slots_.size(); }
  size_t bytes() const { return slots_.capacity() * sizeof(Slot); }

  void Reserve(size_t n) {
    size_t want = 16;
    while (want * 7 / 8 < n) want *= 2;
    if (want > slots_.size()) Rehash(want);
  }

  // Starts loading the slot where `key` would be, so that a later Find or FindOrInsert
  // overlaps its cache miss with other work (a hint only: it changes nothing).
  void Prefetch(uint64_t key) const { __builtin_prefetch(&slots_[MixKey(key) & mask_]); }

  V* Find(uint64_t key) {
    HITD_CHECK(key != 0);
    for (size_t i = MixKey(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return &slots_[i].value;
      if (slots_[i].key == 0) return nullptr;
    }
  }
  const V* Find(uint64_t key) const { return const_cast<FlatMap*>(this)->Find(key); }

  // Returns the value for `key`, inserting `init` first if absent.
  V& FindOrInsert(uint64_t key, V init = V{}) {
    HITD_CHECK(key != 0);
    if ((size_ + 1) * 8 > slots_.size() * 7) Rehash(slots_.size() * 2);
    for (size_t i = MixKey(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return slots_[i].value;
      if (slots_[i].key == 0) {
        slots_[i].key = key;
        slots_[i].value = init;
        ++size_;
        return slots_[i].value;
      }
    }
  }

  bool Erase(uint64_t key) {
    HITD_CHECK(key != 0);
    size_t i = MixKey(key) & mask_;
    for (;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) break;
      if (slots_[i].key == 0) return false;
    }
    // Backward-shift: move later entries of the probe run into the hole.
    size_t hole = i;
    for (size_t j = (hole + 1) & mask_; slots_[j].key != 0; j = (j + 1) & mask_) {
      size_t home = MixKey(slots_[j].key) & mask_;
      // Move j into the hole unless its home lies cyclically in (hole, j].
      bool home_after_hole = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
      if (!home_after_hole) {
        slots_[hole] = slots_[j];
        hole = j;
      }
    }
    slots_[hole].key = 0;
    --size_;
    return true;
  }

  template <typename F>
  void ForEach(F&& f) const {
    for (const Slot& s : slots_) {
      if (s.key != 0) f(s.key, s.value);
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    V value{};
  };

  void Rehash(size_t n) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(n, Slot{});
    mask_ = n - 1;
    size_ = 0;
    for (const Slot& s : old) {
      if (s.key != 0) FindOrInsert(s.key, s.value);
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

// Two 32-bit indexes in one nonzero key.
inline uint64_t PairKey(uint64_t a, uint64_t b) { return (a << 32) | b; }

}  // namespace hitd::engine
