// The store's databases and meta keys, shared by the files that implement Store.
// Internal to engine/store/.
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <iterator>
#include <string_view>

#include "engine/store/store.h"

namespace hitd::store {

inline constexpr const char* kDbNames[] = {
    "meta", "accounts",    "profiles", "qual_types", "grants", "qual_requests", "hit_types",
    "hits", "assignments", "bonuses",  "blocks",     "events", "tokens",        "payloads"};
enum Db : int {
  kMeta,
  kAccounts,
  kProfiles,
  kQualTypes,
  kGrants,
  kQualRequests,
  kHitTypes,
  kHits,
  kAssignments,
  kBonuses,
  kBlocks,
  kEvents,
  kTokens,
  kPayloads,
  kDbCount
};
static_assert(std::size(kDbNames) == kDbCount);

inline constexpr std::string_view kFormatKey = "format_version";
inline constexpr std::string_view kEngineKey = "engine";
inline constexpr std::string_view kLastBatchKey = "last_batch";
inline constexpr std::string_view kNextIdsKey = "next_ids";

// The tables with allocated ids, in the order "next_ids" lists their next id.
inline constexpr Db kIdTables[] = {kAccounts, kQualTypes,   kQualRequests, kHitTypes,
                                   kHits,     kAssignments, kBonuses};
inline constexpr size_t kIdTableCount = std::size(kIdTables);

struct Store::Dbs {
  MDB_dbi dbi[kDbCount] = {};
  // The writer's view of "next_ids": one past the largest id written to each id table.
  uint64_t next_ids[kIdTableCount] = {};
};

inline void U64Value(uint64_t v, uint8_t out[8]) {
  for (int i = 7; i >= 0; --i) out[7 - i] = static_cast<uint8_t>(v >> (8 * i));
}

}  // namespace hitd::store
