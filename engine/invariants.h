// Whole-state consistency checks, O(n): for Engine::CheckInvariants (tests, the
// simulator, debug builds) and for the loader, which refuses records that break them.
//
// Each returns "" when the state is consistent, or a one-line description of the first
// violation found. They never abort, whatever the records hold, so long as every id in
// them names a record that exists and every enum holds one of its values (the loader
// checks both first).
#pragma once

#include <string>

#include "engine/state.h"

namespace hitd::engine {

// The records agree with one another and with the ledger: money conserved to the cent
// and equal to the running totals, no negative balance, each HIT's counts equal its
// assignments in each state, its slots and escrow add up, no worker holds two live
// assignments on one HIT, each worker's count of Accepted assignments is right.
std::string FindRecordViolation(const State& s);

// Every index and cache agrees with the records: groups' HIT orders and slot counts,
// requirement sets' group lists, assignment lists, who holds which HIT, workers' counts
// per group, grants, names, per-requester and per-HIT lists, blocks, tokens, pending
// qualification requests, timers, and the eligibility caches that are not stale.
std::string FindIndexViolation(const State& s);
// The part of FindIndexViolation outside matching (invariants_tables.cc).
std::string FindTableIndexViolation(const State& s);

}  // namespace hitd::engine
