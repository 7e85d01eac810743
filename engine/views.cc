#include "engine/views.h"

#include "engine/matching.h"

namespace hitd::engine {

HitView MakeHitView(const State& s, const Hit& hit, TimeMs now) {
  HitView v;
  v.hit = hit;
  v.status = StatusOf(hit, now);
  v.available = HitOpen(hit, now) ? hit.free : 0;
  v.pending = hit.accepted;
  v.completed = hit.submitted + hit.approved + hit.rejected;
  v.type = s.hit_types[hit.type.value - 1];
  return v;
}

AssignmentView MakeAssignmentView(const State& s, const Assignment& a) {
  const Hit& hit = s.hits[a.hit.value - 1];
  return AssignmentView{a, hit.type, hit.requester, hit.reward};
}

Cents HitEscrow(const Hit& hit) {
  return SlotCost(hit) * (int64_t{hit.free} + hit.accepted + hit.submitted);
}

}  // namespace hitd::engine
