// Matching indexes: requirement sets, groups (HIT types) in matching order, and the
// HITs of each group in its assignment order. Internal to the engine.
//
// Order across groups: highest reward first, then the oldest HIT type. Each distinct
// requirement set keeps its groups that have free slots in a vector sorted ascending
// by GroupKey, so the best group is at the back and filling it is an O(1) pop. A worker
// caches which requirement sets it meets (AccountState::eligible), so AcceptNext never
// looks at groups the worker is not qualified for.
//
// Order inside a group (the type's AssignmentOrder), by OrderKey ascending:
//   fifo          key = HIT id (oldest first)
//   priority      key = (kPriorityMax - priority) << 40 | HIT id
//   random        key = (MixKey(seed ^ HIT id) >> 40) << 40 | HIT id: a permutation fixed
//                 by EngineConfig::random_order_seed, reproducible across restarts
//   breadth_first key = HIT id; AcceptNext picks the HIT with the fewest assignments
//                 taken, ties to the oldest, scanning the group (O(HITs in the group))
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/commands.h"
#include "engine/output.h"
#include "engine/replies.h"
#include "engine/state.h"

namespace hitd::engine {

uint64_t GroupKey(const HitType& type);
uint64_t OrderKey(const State& s, const HitType& type, const Hit& hit);

// The id of the requirement set equal to `requirements` (sorted canonical), creating it.
uint32_t InternReqSet(State& s, const std::vector<QualificationRequirement>& requirements);
// Requirements in canonical order, so equal sets compare equal.
std::vector<QualificationRequirement> CanonicalRequirements(
    std::vector<QualificationRequirement> requirements);

// Puts the HIT in or out of its group's order to match its slots, expiry and disposal,
// and keeps the group's slot count and listing in its requirement set. Call after any
// change to a HIT's free slots, expiry, disposal or type.
void SyncHit(State& s, Hit& hit);

// Lists every HIT of a state built from records (engine/load.h) as SyncHit would one by
// one: each HIT with a free slot that is neither expired nor disposed goes into its
// group's order, and each group with such a HIT into its requirement set. The groups
// must hold no HIT yet.
void ListEveryHit(State& s);

// True while the HIT may be accepted: free slot, not expired (by timer or by `now`),
// not disposed.
bool HitOpen(const Hit& hit, TimeMs now);
HitStatus StatusOf(const Hit& hit, TimeMs now);

// After a HIT changed: syncs it, emits HITReviewable when it has just become
// Reviewable, clears Reviewing when work can be taken again, and emits the record.
void AfterHitChange(State& s, Hit& hit, TimeMs now, Output& out);

// Brings the worker's cache of requirement sets it meets up to date.
void RefreshEligibility(State& s, const Account& worker, AccountState& st);
// The worker's counters changed: sets that depend on them must be re-evaluated.
void CountersChanged(const State& s, AccountState& st);

// The worker's assignment on `hit` blocks taking it again (Accepted, Submitted,
// Approved or Rejected); Returned and Abandoned do not.
bool HoldsHit(const State& s, WorkerId worker, HitId hit);

// A worker's hold on a HIT ended (returned or abandoned): it may take the HIT again,
// so its cursor in the group steps back over it.
void ReleaseHold(State& s, WorkerId worker, const Hit& hit);

}  // namespace hitd::engine
