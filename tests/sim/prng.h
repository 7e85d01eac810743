// The simulator's only source of randomness: splitmix64, seeded from the run's seed.
//
// Written here rather than taken from <random> so that a seed gives the same stream on
// every standard library and compiler: a seed printed by CI must replay on a laptop.
// Owned by one simulation run; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hitd::sim {

class Prng {
 public:
  explicit Prng(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [lo, hi]; the tiny modulo bias does not matter for test generation.
  int64_t Range(int64_t lo, int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }

  // True with probability percent/100.
  bool Chance(int percent) { return Range(0, 99) < percent; }

  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Range(0, static_cast<int64_t>(v.size()) - 1))];
  }

 private:
  uint64_t state_;
};

}  // namespace hitd::sim
