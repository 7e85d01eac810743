// Builds the benchmark market through Engine::Apply, as clients would: requesters with
// funds, qualification types, workers holding 0 to 10 qualifications, HIT types and
// their HITs. Deterministic for a given seed.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/engine.h"

namespace hitd::bench {

struct MarketSpec {
  uint32_t workers = 1'000'000;
  uint32_t groups = 100'000;
  uint32_t hits_per_group = 10;
  uint32_t assignments_per_hit = 20;
  uint32_t requesters = 1000;
  // Qualification types workers may hold; the first `required_types` are the ones a
  // third of the groups require (>= a threshold), so most workers lack each of them.
  uint32_t qual_types = 230;
  uint32_t required_types = 30;
  uint32_t max_quals_per_worker = 10;
  uint64_t seed = 42;
};

struct Market {
  std::vector<engine::AccountId> requesters;
  std::vector<engine::AccountId> workers;
  std::vector<engine::QualTypeId> qual_types;
  std::vector<engine::HitTypeId> types;
  // Live heap bytes each phase added (see alloc_counter.h).
  int64_t worker_bytes = 0;  // accounts and their qualifications
  int64_t hit_bytes = 0;     // HIT types and HITs
};

inline constexpr int64_t kNow = 1'700'000'000'000;

Market BuildMarket(engine::Engine& e, const MarketSpec& spec);

// A small deterministic generator (splitmix64).
struct Rng {
  uint64_t state;
  uint64_t Next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(Next() % n); }
};

}  // namespace hitd::bench
