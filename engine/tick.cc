// Tick: fires every timer due at `now`, in (due, kind, id) order, and forgets
// idempotency tokens past their window.
#include "engine/assignment_ops.h"
#include "engine/common.h"
#include "engine/handlers.h"
#include "engine/hit_ops.h"

namespace hitd::engine {

namespace {

// Applies one due timer if it still holds (timers are never removed early).
void Fire(State& s, const TimerEntry& t, TimeMs now, TickResult& r, Output& out) {
  switch (t.kind) {
    case TimerKind::kDeadline: {
      Assignment& a = s.assignments[t.id - 1];
      if (a.status == AssignmentStatus::kAccepted && a.deadline.value == t.due_ms) {
        EndAccepted(s, a, AssignmentStatus::kAbandoned, now, out);
        ++r.abandoned;
      }
      return;
    }
    case TimerKind::kAutoApproval: {
      Assignment& a = s.assignments[t.id - 1];
      if (a.status == AssignmentStatus::kSubmitted && a.auto_approval.value == t.due_ms) {
        ApproveSubmitted(s, a, now, out);
        ++r.auto_approved;
      }
      return;
    }
    case TimerKind::kHitExpiry: {
      Hit& hit = s.hits[t.id - 1];
      if (!hit.expired && !hit.disposed && hit.expires.value == t.due_ms) {
        ExpireHit(s, hit, now, out);
        ++r.expired;
      }
      return;
    }
  }
}

}  // namespace

Result Handle(State& s, const Context& ctx, const Tick&, Output& out) {
  TickResult r;
  while (!s.timers.empty() && s.timers.top().due_ms <= ctx.now.value) {
    TimerEntry t = s.timers.top();
    s.timers.Pop();
    Fire(s, t, ctx.now, r, out);
  }
  while (!s.token_order.empty() && s.token_order.front().first + s.config.token_window <= ctx.now) {
    ForgetOldestToken(s, out);
    ++r.tokens_forgotten;
  }
  return Result{r};
}

}  // namespace hitd::engine
