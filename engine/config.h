// The engine's configuration: fee schedule, worker caps, probation, payment rules and
// the idempotency-token window. Set once at start-up, read by the engine thread only.
// Defaults are DESIGN.md's.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/types.h"

namespace hitd::engine {

struct FeeSchedule {
  // Rates in basis points (1/100 of a percent).
  int64_t base_bp = 2000;          // 20% of each reward
  int64_t masters_extra_bp = 500;  // +5% when the HIT type requires Masters
  int64_t bonus_bp = 2000;         // 20% of each bonus
  int64_t min_fee_cents = 1;       // every fee is at least a cent
  // MTurk's extra 20% for HITs of 10 or more assignments: off by default, because it
  // pushes requesters into splitting work into 9-slot HITs.
  bool large_hit_extra_enabled = false;
  int64_t large_hit_extra_bp = 2000;
  uint32_t large_hit_threshold = 10;
};

struct EngineConfig {
  FeeSchedule fees;
  // At most this many Accepted assignments per worker at once.
  uint32_t max_accepted_per_worker = 25;
  // Probation: a worker with fewer than `probation_approvals` approvals may accept at
  // most `probation_daily_accepts` per UTC day. 0 approvals means probation is off.
  uint32_t probation_approvals = 0;
  uint32_t probation_daily_accepts = 0;
  // Countries whose workers may withdraw by bank transfer (others: gift certificates).
  std::vector<Locale> bank_transfer_countries = {Locale{{'U', 'S'}, {}}, Locale{{'I', 'N'}, {}}};
  // Countries requesters may register from; empty means any.
  std::vector<Locale> requester_countries;
  // Idempotency tokens are kept this long, and at most this many (oldest forgotten
  // first) so that memory stays bounded.
  TimeMs token_window = Days(7);
  uint64_t token_capacity = 4'000'000;
  // Seed of the `random` assignment order; the same seed gives the same order.
  uint64_t random_order_seed = 0x9e3779b97f4a7c15ULL;
  // Capacity hints: reserve this many of each so the hot path does not reallocate.
  uint64_t reserve_accounts = 0;
  uint64_t reserve_hits = 0;
  uint64_t reserve_assignments = 0;
};

}  // namespace hitd::engine
