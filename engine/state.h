// The engine's whole state: the record tables and the indexes derived from them.
//
// Owned by the one engine thread; nothing here is shared. Tables are vectors indexed by
// id - 1 (ids are dense and allocated in sequence). Indexes are rebuilt from the tables
// on load and checked against them by CheckInvariants. Internally, indexes hold 32-bit
// positions: the engine refuses to allocate an id past 2^32 - 1 (kResourceExhausted).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/config.h"
#include "engine/flat_map.h"
#include "engine/holder_index.h"
#include "engine/name_index.h"
#include "engine/records.h"
#include "engine/replies.h"
#include "engine/timer_heap.h"

namespace hitd::engine {

inline constexpr uint64_t kMaxDenseId = 0xffff'fffeULL;

// The built-in qualification types, with fixed ids (DESIGN section 2).
namespace system_qual {
inline constexpr QualTypeId kPercentApproved{1};
inline constexpr QualTypeId kPercentSubmitted{2};
inline constexpr QualTypeId kPercentReturned{3};
inline constexpr QualTypeId kPercentAbandoned{4};
inline constexpr QualTypeId kPercentRejected{5};
inline constexpr QualTypeId kNumberHitsApproved{6};
inline constexpr QualTypeId kLocale{7};
inline constexpr QualTypeId kMasters{8};
inline constexpr QualTypeId kAdult{9};
inline constexpr uint64_t kCount = 9;
// Requester-owned types start here, leaving room for more system types.
inline constexpr uint64_t kFirstUserId = 100;
}  // namespace system_qual

// A worker's grant, as kept for evaluation (sorted by type in AccountState::grants).
struct GrantSlot {
  uint32_t type = 0;
  int32_t value = 0;
  TimeMs granted;
};

// Per-account derived state (workers use most of it).
struct AccountState {
  uint32_t first_assignment = 0;  // the worker's assignments, an intrusive list
  uint32_t last_assignment = 0;
  uint32_t accepted_now = 0;      // Accepted assignments held now
  std::vector<GrantSlot> grants;  // sorted by type
  // Eligibility cache: the requirement sets (other than the empty one) this worker
  // meets for Accept. `evaluated` counts the sets considered so far; new sets are
  // evaluated lazily. `stale` forces a full re-evaluation (grants or locale changed);
  // `dynamic_stale` re-evaluates only the sets that depend on the worker's counters.
  std::vector<uint32_t> eligible;
  uint32_t evaluated = 0;
  bool stale = true;
  bool dynamic_stale = false;
};

// A distinct set of qualification requirements shared by HIT types, with the groups
// (HIT types) that use it and have free slots, in matching order.
struct ReqSet {
  std::vector<QualificationRequirement> requirements;  // canonical order
  bool dynamic = false;  // depends on counters (percentages, NumberHITsApproved)
  bool masters = false;  // requires Masters: the fee is higher
  // Keys of listed groups, ascending, so that the best group is at the back:
  // key = reward << 40 | (kIdMax - type id): higher reward, then older type, wins.
  std::vector<uint64_t> groups;
};

// Per-HIT-type matching state.
struct Group {
  uint32_t reqset = 0;
  uint64_t key = 0;     // this group's key in its ReqSet::groups
  bool listed = false;  // present in ReqSet::groups (it has free slots)
  // HITs with free slots, open and not expired, ascending by their order key (see
  // OrderKey in matching.h); entries before `begin` are dead and compacted lazily.
  std::vector<uint64_t> order;
  uint32_t begin = 0;
  uint64_t slots_free = 0;
  uint32_t hits_total = 0;
  // The types this one excludes and the types that exclude it: exclusion works both
  // ways, since the arm created first could not name the arms created after it.
  std::vector<HitTypeId> exclusions;
  // Every insertion that is not an append bumps `gen` and is recorded in `reopened`,
  // so that a worker's cursor can step back over it (see WorkerGroup).
  uint32_t gen = 0;
  uint64_t max_key = 0;  // the largest key ever inserted: a larger one is an append
  // No HIT in `order` expires before this (a lower bound, lowered on insert), so a scan
  // before it need not read each HIT's expiry.
  TimeMs expires_bound{INT64_MAX};
  // reopened[g % 8] is the key inserted at generation g, for the last 8 generations:
  // written in generation order, so no generation needs storing beside the key.
  uint64_t reopened[8] = {};
};

// Per (worker, group): how many assignments the worker holds in the group (for the
// per-worker cap and exclusions), and a cursor: every HIT of the group ordered before
// `cursor_key` is one the worker holds, or was full when the worker passed it, as of
// generation `gen`. The cursor keeps AcceptNext from rescanning a worker's own HITs.
struct WorkerGroup {
  uint32_t taken = 0;
  uint32_t gen = 0;
  uint64_t cursor_key = 0;
};

// Per-HIT derived state: the HIT's assignments, an intrusive list in id order, and
// whether the HIT is in its group's order (it is exactly when it has a free slot and
// is neither expired nor disposed), counting `listed_free` slots into Group::slots_free.
struct HitState {
  uint32_t first_assignment = 0;
  uint32_t last_assignment = 0;
  uint32_t listed_free = 0;
  bool listed = false;
};

struct AssignmentLinks {
  uint32_t next_in_hit = 0;
  uint32_t next_in_worker = 0;
};

struct TokenEntry {
  uint64_t fingerprint = 0;
  TimeMs created;
  Result result;
};

struct State {
  EngineConfig config;

  // Tables.
  std::vector<Account> accounts;
  std::vector<AccountState> account_states;
  std::vector<std::string> names;
  NameIndex account_by_name;         // over `names`
  std::vector<QualType> qual_types;  // index id - 1; ids below kFirstUserId are system
  std::vector<QualRequest> qual_requests;
  std::vector<HitType> hit_types;
  std::vector<Group> groups;  // parallel to hit_types
  std::unordered_map<std::string, uint32_t> hit_type_by_value;
  std::vector<Hit> hits;
  std::vector<HitState> hit_states;
  std::vector<Assignment> assignments;
  std::vector<AssignmentLinks> assignment_links;
  std::vector<Bonus> bonuses;
  // Each requester's HIT ids, ascending (kept apart from AccountState: most accounts are
  // workers).
  std::unordered_map<uint64_t, std::vector<uint32_t>> hits_by_requester;

  // Qualification indexes.
  HolderIndex grants_by_type;                                         // (type, worker)
  std::map<std::pair<uint64_t, uint64_t>, uint32_t> last_request;     // (worker, type) -> id
  std::unordered_map<std::string, uint32_t> qual_type_by_owner_name;  // owner|name
  // (type owner, request id) of every pending request: an owner's queue, in id order.
  std::set<std::pair<uint64_t, uint64_t>> pending_qual_requests;

  // Matching indexes.
  std::vector<ReqSet> reqsets;  // reqsets[0] is the empty set
  std::unordered_map<std::string, uint32_t> reqset_by_value;
  std::vector<uint32_t> dynamic_reqsets;
  FlatMap<uint32_t> holder;            // (worker, hit) -> latest assignment id
  FlatMap<WorkerGroup> worker_groups;  // (worker, hit type) -> state
  FlatMap<uint8_t> blocked;            // (requester, worker) -> 1
  std::map<std::pair<uint64_t, uint64_t>, WorkerBlock> blocks;  // (requester, worker)
  std::unordered_map<uint64_t, std::vector<uint32_t>> bonuses_by_hit;

  // Timers.
  TimerHeap timers;

  // Idempotency tokens, by account|token, and their keys sorted by (created, key) for
  // forgetting the oldest first (engine/tokens.h).
  std::unordered_map<std::string, TokenEntry> tokens;
  std::deque<std::pair<TimeMs, std::string>> token_order;

  // Event sequence and ledger totals (the invariant: deposits equal the rest summed).
  uint64_t last_event_seq = 0;
  uint64_t notifications = 0;
  Cents deposits;
  Cents requester_available;
  Cents escrow;
  Cents worker_available;
  Cents withdrawn;
  Cents platform_revenue;
};

}  // namespace hitd::engine
