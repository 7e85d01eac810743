// Slot and expiry operations on one HIT, shared by the HIT, assignment and timer
// handlers, and the making of HIT types, shared with the loader (engine/load.h).
// Internal to the engine; every function keeps the ledger and the matching indexes in
// step with the HIT's counts.
#pragma once

#include <string>

#include "engine/output.h"
#include "engine/state.h"

namespace hitd::engine {

// The properties that make two types the same group (MTurk's "find or create"): the key
// of State::hit_type_by_value.
std::string HitTypeValue(const HitType& type);

// Appends a new HIT type (its id the next one, its `value` HitTypeValue(type), new to
// hit_type_by_value) with its matching group: its requirement set, its key among the
// groups, and its exclusions both ways. The group starts with no HITs.
void AddHitType(State& s, HitType type, std::string value);

// Expires the HIT at `now`: unfilled slots are refunded to the requester, the HIT
// leaves matching, HITExpired is emitted. No-op when already expired or disposed.
void ExpireHit(State& s, Hit& hit, TimeMs now, Output& out);

// A slot was given back (return, abandonment, reopening rejection): it becomes free
// while the HIT lives, or is refunded when the HIT has expired or is disposed.
void GiveBackSlot(State& s, Hit& hit);

}  // namespace hitd::engine
