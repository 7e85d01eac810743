// The assignment lifecycle as workers and requesters drive it: submit, return,
// approve (and override a rejection), reject, read.
#include "engine/accept.h"
#include "engine/assignment_ops.h"
#include "engine/check.h"
#include "engine/common.h"
#include "engine/handlers.h"
#include "engine/hit_ops.h"
#include "engine/limits.h"
#include "engine/matching.h"
#include "engine/money.h"
#include "engine/views.h"

namespace hitd::engine {

namespace {

// The worker's own assignment, or nullptr.
Assignment* WorkersAssignment(State& s, const Account& w, AssignmentId id) {
  Assignment* a = FindAssignment(s, id);
  return a != nullptr && a->worker == w.id ? a : nullptr;
}

// An assignment on one of the requester's HITs, or nullptr.
Assignment* RequestersAssignment(State& s, const Account& r, AssignmentId id) {
  Assignment* a = FindAssignment(s, id);
  return a != nullptr && HitOf(s, *a).requester == r.id ? a : nullptr;
}

std::optional<Error> CheckSubmit(State& s, const Context& ctx, const Account& w, AssignmentId id,
                                 const std::string& answer) {
  Assignment* a = WorkersAssignment(s, w, id);
  if (a == nullptr) return Error{ErrorCode::kNotFound, "assignment_id"};
  if (a->status != AssignmentStatus::kAccepted) {
    return Error{ErrorCode::kFailedPrecondition, "assignment_id"};
  }
  if (ctx.now >= a->deadline) return Error{ErrorCode::kFailedPrecondition, "deadline"};
  if (answer.empty() || answer.size() > limits::kAnswerMax) {
    return Error{ErrorCode::kInvalidArgument, "answer"};
  }
  return std::nullopt;
}

AssignmentView DoSubmit(State& s, const Context& ctx, Account& w, Assignment& a,
                        const std::string& answer, Output& out) {
  Hit& hit = HitOf(s, a);
  const HitType& type = TypeOf(s, hit);
  AccountState& st = StateOf(s, w);
  a.status = AssignmentStatus::kSubmitted;
  a.submitted = ctx.now;
  a.auto_approval = ctx.now + type.auto_approval_delay;
  --hit.accepted;
  ++hit.submitted;
  --st.accepted_now;
  ++w.counters.submitted;
  CountersChanged(s, st);
  s.timers.Push(a.auto_approval, TimerKind::kAutoApproval, static_cast<uint32_t>(a.id.value));
  EmitEvent(s, out, EventType::kAssignmentSubmitted, ctx.now, hit.requester, hit.id, a.id, w.id);
  EmitPayload(out, PayloadKind::kAnswer, a.id.value, answer);
  Emit(out, w);
  Emit(out, a);
  AfterHitChange(s, hit, ctx.now, out);
  return MakeAssignmentView(s, a);
}

Result OverrideRejection(State& s, const Context& ctx, Account& requester, Assignment& a,
                         Output& out) {
  Hit& hit = HitOf(s, a);
  Account& worker = s.accounts[Index(a.worker.value)];
  // The rejection refunded (or reopened) the slot's escrow: pay again from available.
  if (requester.available < SlotCost(hit))
    return Fail(ErrorCode::kInsufficientFunds, "assignment_id");
  LedgerPayFromAvailable(s, requester, worker, hit.reward, hit.fee);
  a.status = AssignmentStatus::kApproved;
  a.decided = ctx.now;
  --hit.rejected;
  ++hit.approved;
  if (a.reopened) {
    ++hit.unslotted;
  } else {
    --hit.rejected_closed;
  }
  --worker.counters.rejected;
  ++worker.counters.approved;
  CountersChanged(s, StateOf(s, worker));
  EmitEvent(s, out, EventType::kAssignmentApproved, ctx.now, hit.requester, hit.id, a.id, a.worker,
            {}, hit.reward);
  Emit(out, requester);
  Emit(out, worker);
  Emit(out, a);
  AfterHitChange(s, hit, ctx.now, out);
  return Result{Empty{}};
}

}  // namespace

Result Handle(State& s, const Context& ctx, const GetAssignment& c, Output&) {
  Account& actor = Actor(s, ctx);
  Assignment* a = FindAssignment(s, c.assignment);
  bool visible = a != nullptr && (actor.role == Role::kAdmin || a->worker == actor.id ||
                                  HitOf(s, *a).requester == actor.id);
  if (!visible) return Fail(ErrorCode::kNotFound, "assignment_id");
  return Result{MakeAssignmentView(s, *a)};
}

Result Handle(State& s, const Context& ctx, const SubmitAssignment& c, Output& out) {
  Account& w = Actor(s, ctx);
  if (auto e = RequireRole(w, Role::kWorker)) return Result{*e};
  if (auto e = CheckSubmit(s, ctx, w, c.assignment, c.answer)) return Result{*e};
  return Result{DoSubmit(s, ctx, w, *FindAssignment(s, c.assignment), c.answer, out)};
}

Result Handle(State& s, const Context& ctx, const SubmitAndAcceptNext& c, Output& out) {
  Account& w = Actor(s, ctx);
  if (auto e = RequireRole(w, Role::kWorker)) return Result{*e};
  if (auto e = CheckSubmit(s, ctx, w, c.assignment, c.answer)) return Result{*e};
  Assignment& a = *FindAssignment(s, c.assignment);
  SubmitAndAcceptNextResult r;
  r.submitted = DoSubmit(s, ctx, w, a, c.answer, out);
  WorkFilter same_group;
  same_group.type = r.submitted.type;
  Result next = AcceptNextFor(s, ctx, w, same_group, out);
  if (next.ok()) r.next = next.get<AssignmentView>();  // no work left is not an error
  return Result{std::move(r)};
}

Result Handle(State& s, const Context& ctx, const ReturnAssignment& c, Output& out) {
  Account& w = Actor(s, ctx);
  if (auto e = RequireRole(w, Role::kWorker)) return Result{*e};
  Assignment* a = WorkersAssignment(s, w, c.assignment);
  if (a == nullptr) return Fail(ErrorCode::kNotFound, "assignment_id");
  if (a->status != AssignmentStatus::kAccepted) {
    return Fail(ErrorCode::kFailedPrecondition, "assignment_id");
  }
  // A due timer has happened whether or not a Tick has fired it: past the deadline the
  // assignment is abandoned, and a return must not turn that into a return.
  if (ctx.now >= a->deadline) return Fail(ErrorCode::kFailedPrecondition, "deadline");
  EndAccepted(s, *a, AssignmentStatus::kReturned, ctx.now, out);
  return Result{Empty{}};
}

Result Handle(State& s, const Context& ctx, const ApproveAssignment& c, Output& out) {
  Account& r = Actor(s, ctx);
  if (auto e = RequireRole(r, Role::kRequester)) return Result{*e};
  Assignment* a = RequestersAssignment(s, r, c.assignment);
  if (a == nullptr) return Fail(ErrorCode::kNotFound, "assignment_id");
  if (c.feedback.size() > limits::kFeedbackMax) {
    return Fail(ErrorCode::kInvalidArgument, "requester_feedback");
  }
  bool override = a->status == AssignmentStatus::kRejected && c.override_rejection;
  if (a->status != AssignmentStatus::kSubmitted && !override) {
    return Fail(ErrorCode::kFailedPrecondition, "assignment_id");
  }
  if (override) {
    Result res = OverrideRejection(s, ctx, r, *a, out);
    if (res.ok()) EmitPayload(out, PayloadKind::kFeedback, a->id.value, c.feedback);
    return res;
  }
  ApproveSubmitted(s, *a, ctx.now, out);
  EmitPayload(out, PayloadKind::kFeedback, a->id.value, c.feedback);
  return Result{Empty{}};
}

Result Handle(State& s, const Context& ctx, const RejectAssignment& c, Output& out) {
  Account& r = Actor(s, ctx);
  if (auto e = RequireRole(r, Role::kRequester)) return Result{*e};
  Assignment* a = RequestersAssignment(s, r, c.assignment);
  if (a == nullptr) return Fail(ErrorCode::kNotFound, "assignment_id");
  // MTurk requires feedback on a rejection: the worker deserves a reason.
  if (c.feedback.empty() || c.feedback.size() > limits::kFeedbackMax) {
    return Fail(ErrorCode::kInvalidArgument, "requester_feedback");
  }
  if (a->status != AssignmentStatus::kSubmitted) {
    return Fail(ErrorCode::kFailedPrecondition, "assignment_id");
  }
  // At the auto-approval time the work is approved, whether a Tick has fired it or not.
  if (ctx.now >= a->auto_approval) return Fail(ErrorCode::kFailedPrecondition, "auto_approval");
  Hit& hit = HitOf(s, *a);
  Account& worker = s.accounts[Index(a->worker.value)];
  a->status = AssignmentStatus::kRejected;
  a->decided = ctx.now;
  --hit.submitted;
  ++hit.rejected;
  if (TypeOf(s, hit).reject_reopens_slot && !hit.expired) {
    a->reopened = true;  // the slot's escrow stays for the next worker
    ++hit.free;
  } else {
    ++hit.rejected_closed;
    LedgerRefund(s, r, SlotCost(hit));
  }
  ++worker.counters.rejected;
  CountersChanged(s, StateOf(s, worker));
  EmitEvent(s, out, EventType::kAssignmentRejected, ctx.now, hit.requester, hit.id, a->id,
            a->worker);
  EmitPayload(out, PayloadKind::kFeedback, a->id.value, c.feedback);
  Emit(out, r);
  Emit(out, worker);
  Emit(out, *a);
  AfterHitChange(s, hit, ctx.now, out);
  return Result{Empty{}};
}

}  // namespace hitd::engine
