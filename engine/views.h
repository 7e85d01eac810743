// Builds the reply views of HITs and assignments, with derived fields filled in.
// Internal to the engine.
#pragma once

#include "engine/replies.h"
#include "engine/state.h"

namespace hitd::engine {

HitView MakeHitView(const State& s, const Hit& hit, TimeMs now);
AssignmentView MakeAssignmentView(const State& s, const Assignment& a);

// Escrow held for a HIT: (free + accepted + submitted) x (reward + fee).
Cents HitEscrow(const Hit& hit);
inline Cents SlotCost(const Hit& hit) { return hit.reward + hit.fee; }

}  // namespace hitd::engine
