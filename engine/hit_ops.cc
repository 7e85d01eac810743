#include "engine/hit_ops.h"

#include "engine/check.h"
#include "engine/common.h"
#include "engine/matching.h"
#include "engine/money.h"
#include "engine/views.h"

namespace hitd::engine {

void ExpireHit(State& s, Hit& hit, TimeMs now, Output& out) {
  if (hit.expired || hit.disposed) return;
  Account& requester = s.accounts[Index(hit.requester.value)];
  LedgerRefund(s, requester, SlotCost(hit) * hit.free);
  hit.free = 0;
  hit.expired = true;
  if (now < hit.expires) hit.expires = now;  // forced early
  EmitEvent(s, out, EventType::kHitExpired, now, hit.requester, hit.id);
  Emit(out, requester);
  AfterHitChange(s, hit, now, out);
}

void GiveBackSlot(State& s, Hit& hit) {
  if (hit.expired || hit.disposed) {
    LedgerRefund(s, s.accounts[Index(hit.requester.value)], SlotCost(hit));
  } else {
    ++hit.free;
  }
}

}  // namespace hitd::engine
