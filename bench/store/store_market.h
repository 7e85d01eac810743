// Markets for the store benchmarks, built through a Pipeline (engine plus store, in
// batches), as a daemon under load would build them: requesters with funds, workers, a
// few qualification types and grants, HIT types with open HITs, and optionally worked
// assignments in a realistic mix of states. Deterministic for a given spec.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/store/pipeline.h"
#include "engine/engine.h"

namespace hitd::bench {

inline constexpr int64_t kStoreNow = 1'700'000'000'000;

struct StoreMarketSpec {
  uint32_t requesters = 1000;
  uint32_t workers = 100'000;
  uint32_t types_per_requester = 1;
  uint32_t hits_per_type = 100;
  uint32_t assignments_per_hit = 10;
  uint32_t question_bytes = 512;  // the HIT's question payload
  uint32_t qual_types = 10;       // owned by the first requester
  uint32_t grant_percent = 50;    // workers holding one of them
  uint64_t seed = 7;
};

struct StoreMarket {
  std::vector<engine::AccountId> requesters;
  std::vector<engine::AccountId> workers;
  std::vector<engine::HitTypeSpec> type_specs;  // requester i's types at i * types_per_requester
  std::vector<engine::HitTypeId> types;         // parallel to type_specs
  std::vector<engine::HitId> hits;              // in creation order, hits_per_type per type
  uint64_t first_requester = 0;                 // requesters' ids are contiguous from here
  uint32_t types_per_requester = 1;

  // Requester `id`'s first HIT type spec (CreateHit with it finds that type).
  const engine::HitTypeSpec& SpecOf(engine::AccountId requester) const {
    return type_specs[(requester.value - first_requester) * types_per_requester];
  }
};

// How worked assignments end up (percentages; the rest are approved).
struct WorkMix {
  uint32_t accepted = 5;    // left Accepted (deadline in the future)
  uint32_t returned = 5;    // returned by the worker
  uint32_t submitted = 15;  // submitted, awaiting review
  uint32_t rejected = 5;
};

struct WorkStats {
  uint64_t assignments = 0;
  uint64_t approved = 0, rejected = 0, submitted = 0, accepted = 0, returned = 0;
};

// The open market: accounts, qualifications, HIT types and their open HITs.
StoreMarket BuildStoreMarket(Pipeline& pipeline, const StoreMarketSpec& spec);

// Fills every slot of every HIT in `market` with an assignment taken by a worker (spread
// over all workers) and brought to a state drawn from `mix`.
WorkStats WorkEveryHit(Pipeline& pipeline, const StoreMarket& market, const StoreMarketSpec& spec,
                       const WorkMix& mix);

// The answer payload of a submitted assignment.
const std::string& AnswerPayload();

}  // namespace hitd::bench
