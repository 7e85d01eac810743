// The model's assignment life cycle: return, submit, approve, reject (and overrides),
// and the timers that abandon, expire and auto-approve.
#include <algorithm>
#include <variant>

#include "engine/limits.h"
#include "tests/sim/model.h"

namespace hitd::sim {

namespace lim = hitd::engine::limits;
using EC = ErrorCode;
using AS = AssignmentStatus;

std::optional<std::vector<ErrorCode>> Model::OwnAssignment(const Context& ctx, AssignmentId id,
                                                           Role role) const {
  if (!IsRole(ctx, role)) return std::vector<EC>{EC::kPermissionDenied};
  auto it = s_.assignments.find(id.value);
  if (it == s_.assignments.end()) return std::vector<EC>{EC::kNotFound};
  AccountId owner =
      role == Role::kWorker ? it->second.worker : s_.hits.at(it->second.hit.value).requester;
  if (owner != ctx.actor) return std::vector<EC>{EC::kNotFound, EC::kPermissionDenied};
  return std::nullopt;
}

// An oversized answer for an assignment no longer Accepted has two faults: either code.
std::optional<std::vector<ErrorCode>> Model::SubmitFault(const MAssignment& a,
                                                         const std::string& answer) const {
  const bool big = answer.size() > lim::kAnswerMax;
  const bool closed = a.status != AS::kAccepted || s_.now >= a.deadline;
  if (big && closed) return std::vector<EC>{EC::kInvalidArgument, EC::kFailedPrecondition};
  if (big) return std::vector<EC>{EC::kInvalidArgument};
  if (closed) return std::vector<EC>{EC::kFailedPrecondition};
  return std::nullopt;
}

void Model::Submit(MAssignment& a) {
  MHit& h = s_.hits.at(a.hit.value);
  a.status = AS::kSubmitted;
  const HitTypeSpec& spec = s_.hit_types.at(h.type.value).spec;
  a.auto_approval = s_.now + spec.auto_approval_delay.value_or(lim::kAutoApprovalDelayDefault);
  h.accepted -= 1;
  h.submitted += 1;
  v_.touched_hits.push_back(a.hit);
  v_.touched_assignments.push_back(a.id);
}

void Model::Pay(MAssignment& a) {
  MHit& h = s_.hits.at(a.hit.value);
  a.status = AS::kApproved;
  h.submitted -= 1;
  h.approved += 1;
  s_.accounts.at(a.worker.value).available += h.reward;
  s_.revenue += h.fee;
  v_.touched_hits.push_back(a.hit);
  v_.touched_assignments.push_back(a.id);
}

void Model::On(const Context& ctx, const ReturnAssignment& c, const Result& r) {
  if (auto codes = OwnAssignment(ctx, c.assignment, Role::kWorker)) return ExpectFail(r, *codes);
  MAssignment& a = s_.assignments.at(c.assignment.value);
  // Past its deadline the assignment is abandoned, swept or not.
  if (a.status != AS::kAccepted || s_.now >= a.deadline) {
    return ExpectFail(r, {EC::kFailedPrecondition});
  }
  if (!ExpectOk(r)) return;
  MHit& h = s_.hits.at(a.hit.value);
  a.status = AS::kReturned;
  h.accepted -= 1;
  GiveBack(h);
  v_.touched_hits.push_back(a.hit);
  v_.touched_assignments.push_back(a.id);
}

void Model::On(const Context& ctx, const SubmitAssignment& c, const Result& r) {
  if (auto codes = OwnAssignment(ctx, c.assignment, Role::kWorker)) return ExpectFail(r, *codes);
  MAssignment& a = s_.assignments.at(c.assignment.value);
  if (auto codes = SubmitFault(a, c.answer)) return ExpectFail(r, *codes);
  if (!ExpectOk(r)) return;
  Submit(a);
}

void Model::On(const Context& ctx, const SubmitAndAcceptNext& c, const Result& r) {
  if (auto codes = OwnAssignment(ctx, c.assignment, Role::kWorker)) return ExpectFail(r, *codes);
  MAssignment& a = s_.assignments.at(c.assignment.value);
  if (auto codes = SubmitFault(a, c.answer)) return ExpectFail(r, *codes);
  if (!ExpectOk(r)) return;
  const auto* res = std::get_if<SubmitAndAcceptNextResult>(&r.reply);
  if (res == nullptr) return Mismatch("SubmitAndAcceptNext: unexpected reply");
  Submit(a);
  WorkFilter same_group;
  same_group.type = s_.hits.at(a.hit.value).type;
  bool either = false;
  std::optional<HitId> hit = CheckNext(ctx.actor, same_group, res->next, &either);
  if (hit) TakeSlot(ctx.actor, *hit, *res->next);
}

void Model::On(const Context& ctx, const ApproveAssignment& c, const Result& r) {
  if (auto codes = OwnAssignment(ctx, c.assignment, Role::kRequester)) {
    return ExpectFail(r, *codes);
  }
  MAssignment& a = s_.assignments.at(c.assignment.value);
  MHit& h = s_.hits.at(a.hit.value);
  if (c.feedback.size() > lim::kFeedbackMax) return ExpectFail(r, {EC::kInvalidArgument});
  if (a.status == AS::kSubmitted) {
    if (ExpectOk(r)) Pay(a);
    return;
  }
  if (a.status != AS::kRejected || !c.override_rejection) {
    return ExpectFail(r, {EC::kFailedPrecondition});
  }
  MAccount& req = s_.accounts.at(h.requester.value);
  if (req.available < h.reward + h.fee) return ExpectFail(r, {EC::kInsufficientFunds});
  if (!ExpectOk(r)) return;
  // The override pays again, from available: the rejection already refunded escrow.
  req.available -= h.reward + h.fee;
  a.status = AS::kApproved;
  // A reopened slot may have been filled again: the override's approval then holds no
  // slot of its own (records.h: `unslotted`).
  if (a.reopened) {
    h.unslotted += 1;
  } else {
    h.rejected_closed -= 1;
  }
  h.approved += 1;
  s_.accounts.at(a.worker.value).available += h.reward;
  s_.revenue += h.fee;
  v_.touched_hits.push_back(a.hit);
  v_.touched_assignments.push_back(a.id);
}

void Model::On(const Context& ctx, const RejectAssignment& c, const Result& r) {
  if (auto codes = OwnAssignment(ctx, c.assignment, Role::kRequester)) {
    return ExpectFail(r, *codes);
  }
  MAssignment& a = s_.assignments.at(c.assignment.value);
  // MTurk requires RequesterFeedback on a rejection.
  if (c.feedback.empty() || c.feedback.size() > lim::kFeedbackMax) {
    return ExpectFail(r, {EC::kInvalidArgument});
  }
  if (a.status != AS::kSubmitted) return ExpectFail(r, {EC::kFailedPrecondition});
  // At its auto-approval time a submission counts as approved, swept or not.
  if (s_.now >= a.auto_approval) return ExpectFail(r, {EC::kFailedPrecondition});
  if (!ExpectOk(r)) return;
  MHit& h = s_.hits.at(a.hit.value);
  a.status = AS::kRejected;
  h.submitted -= 1;
  // The slot reopens only while the HIT can still fill it; its escrow stays.
  a.reopened = s_.hit_types.at(h.type.value).spec.reject_reopens_slot && !h.expired;
  if (a.reopened) {
    h.free += 1;
  } else {
    h.rejected_closed += 1;
    Refund(h, 1);
  }
  v_.touched_hits.push_back(a.hit);
  v_.touched_assignments.push_back(a.id);
}

void Model::On(const Context& ctx, const GetAssignment& c, const Result& r) {
  auto it = s_.assignments.find(c.assignment.value);
  if (IsRole(ctx, Role::kAdmin)) return;  // admins reading assignments: unspecified
  if (it == s_.assignments.end()) return ExpectFail(r, {EC::kNotFound});
  const MAssignment& a = it->second;
  bool mine = a.worker == ctx.actor || s_.hits.at(a.hit.value).requester == ctx.actor;
  if (!mine) return ExpectFail(r, {EC::kNotFound, EC::kPermissionDenied});
  if (ExpectOk(r)) v_.touched_assignments.push_back(a.id);
}

void Model::On(const Context& ctx, const ListMyAssignments& c, const Result& r) {
  ReadOnly(ctx, r, Role::kWorker, &c.page);
}

std::optional<TimeMs> Model::NextDue() const {
  std::optional<TimeMs> due;
  auto consider = [&](TimeMs t) {
    if (!due || t < *due) due = t;
  };
  for (const auto& [id, a] : s_.assignments) {
    if (a.status == AS::kAccepted) consider(a.deadline);
    if (a.status == AS::kSubmitted) consider(a.auto_approval);
  }
  for (const auto& [id, h] : s_.hits) {
    if (!h.expired && !h.disposed) consider(h.expires);
  }
  return due;
}

TickResult Model::FireTimers() {
  TickResult t;
  for (auto& [id, a] : s_.assignments) {
    MHit& h = s_.hits.at(a.hit.value);
    if (a.status == AS::kAccepted && a.deadline <= s_.now) {
      a.status = AS::kAbandoned;
      h.accepted -= 1;
      GiveBack(h);
      ++t.abandoned;
      v_.touched_assignments.push_back(a.id);
    } else if (a.status == AS::kSubmitted && a.auto_approval <= s_.now) {
      Pay(a);
      ++t.auto_approved;
    }
  }
  for (auto& [id, h] : s_.hits) {
    if (h.expired || h.disposed || h.expires > s_.now) continue;
    h.expired = true;
    Refund(h, h.free);
    h.free = 0;
    ++t.expired;
    v_.touched_hits.push_back(h.id);
  }
  return t;
}

void Model::On(const Context&, const Tick&, const Result& r) {
  if (!ExpectOk(r)) return;
  TickResult want = FireTimers();
  const auto* got = std::get_if<TickResult>(&r.reply);
  if (got == nullptr) return Mismatch("Tick: unexpected reply");
  if (got->abandoned != want.abandoned || got->expired != want.expired ||
      got->auto_approved != want.auto_approved) {
    Mismatch("Tick: abandoned/expired/auto_approved " + std::to_string(got->abandoned) + "/" +
             std::to_string(got->expired) + "/" + std::to_string(got->auto_approved) +
             ", expected " + std::to_string(want.abandoned) + "/" + std::to_string(want.expired) +
             "/" + std::to_string(want.auto_approved));
  }
}

}  // namespace hitd::sim
