// State changes of one assignment, shared by the worker's and requester's handlers and
// by the timers. Internal to the engine; each keeps the HIT's counts, the ledger, the
// worker's counters and the matching indexes in step, and emits events and records.
#pragma once

#include "engine/output.h"
#include "engine/state.h"

namespace hitd::engine {

// Submitted -> Approved: escrow pays the worker's reward and the platform's fee.
void ApproveSubmitted(State& s, Assignment& a, TimeMs now, Output& out);

// Accepted -> Returned or Abandoned: the slot is given back, the worker may retake it.
void EndAccepted(State& s, Assignment& a, AssignmentStatus to, TimeMs now, Output& out);

}  // namespace hitd::engine
