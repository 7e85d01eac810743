// Slot and expiry operations on one HIT, shared by the HIT, assignment and timer
// handlers. Internal to the engine; every function keeps the ledger and the matching
// indexes in step with the HIT's counts.
#pragma once

#include "engine/output.h"
#include "engine/state.h"

namespace hitd::engine {

// Expires the HIT at `now`: unfilled slots are refunded to the requester, the HIT
// leaves matching, HITExpired is emitted. No-op when already expired or disposed.
void ExpireHit(State& s, Hit& hit, TimeMs now, Output& out);

// A slot was given back (return, abandonment, reopening rejection): it becomes free
// while the HIT lives, or is refunded when the HIT has expired or is disposed.
void GiveBackSlot(State& s, Hit& hit);

}  // namespace hitd::engine
