#include "engine/assignment_ops.h"

#include "engine/check.h"
#include "engine/common.h"
#include "engine/hit_ops.h"
#include "engine/matching.h"
#include "engine/money.h"

namespace hitd::engine {

void ApproveSubmitted(State& s, Assignment& a, TimeMs now, Output& out) {
  HITD_CHECK(a.status == AssignmentStatus::kSubmitted);
  Hit& hit = HitOf(s, a);
  Account& requester = s.accounts[Index(hit.requester.value)];
  Account& worker = s.accounts[Index(a.worker.value)];
  LedgerPayFromEscrow(s, requester, worker, hit.reward, hit.fee);
  a.status = AssignmentStatus::kApproved;
  a.decided = now;
  --hit.submitted;
  ++hit.approved;
  ++worker.counters.approved;
  CountersChanged(s, StateOf(s, worker));
  EmitEvent(s, out, EventType::kAssignmentApproved, now, hit.requester, hit.id, a.id, a.worker, {},
            hit.reward);
  Emit(out, requester);
  Emit(out, worker);
  Emit(out, a);
  AfterHitChange(s, hit, now, out);
}

void EndAccepted(State& s, Assignment& a, AssignmentStatus to, TimeMs now, Output& out) {
  HITD_CHECK(a.status == AssignmentStatus::kAccepted);
  HITD_CHECK(to == AssignmentStatus::kReturned || to == AssignmentStatus::kAbandoned);
  Hit& hit = HitOf(s, a);
  Account& worker = s.accounts[Index(a.worker.value)];
  AccountState& st = StateOf(s, worker);
  a.status = to;
  a.decided = now;
  --hit.accepted;
  GiveBackSlot(s, hit);
  HITD_CHECK(st.accepted_now > 0);
  --st.accepted_now;
  if (to == AssignmentStatus::kReturned) {
    ++hit.returned;
    ++worker.counters.returned;
  } else {
    ++hit.abandoned;
    ++worker.counters.abandoned;
  }
  CountersChanged(s, st);
  ReleaseHold(s, a.worker, hit);
  EventType type = to == AssignmentStatus::kReturned ? EventType::kAssignmentReturned
                                                     : EventType::kAssignmentAbandoned;
  EmitEvent(s, out, type, now, hit.requester, hit.id, a.id, a.worker);
  if (hit.expired || hit.disposed) Emit(out, s.accounts[Index(hit.requester.value)]);  // refund
  Emit(out, worker);
  Emit(out, a);
  AfterHitChange(s, hit, now, out);
}

}  // namespace hitd::engine
