// Generated worker operations and the requester's decisions on submitted work. Pickers
// prefer assignments in the state the command needs, so that work flows to the end.
#include "engine/limits.h"
#include "tests/sim/generator.h"

namespace hitd::sim {

namespace lim = hitd::engine::limits;

AssignmentId Generator::PickAssignment(AccountId worker, AccountId requester,
                                       AssignmentStatus want) {
  const ModelState& s = model_.state();
  std::vector<AssignmentId> good, any;
  for (const auto& [id, a] : s.assignments) {
    bool mine = worker.valid() ? a.worker == worker : s.hits.at(a.hit.value).requester == requester;
    if (!mine) continue;
    any.push_back(a.id);
    if (a.status == want) good.push_back(a.id);
  }
  if (!good.empty() && rng_.Chance(90)) return rng_.Pick(good);
  if (!any.empty() && rng_.Chance(90)) return rng_.Pick(any);
  return AssignmentId(rng_.Range(0, static_cast<int64_t>(s.assignments.size()) + 2));
}

// An assignment in state `want` anywhere, and the account that acts on it (its worker,
// or its HIT's requester): picking the work first keeps the life cycle moving however
// many accounts there are.
std::pair<AccountId, AssignmentId> Generator::PickWork(AssignmentStatus want, Role role) {
  const ModelState& s = model_.state();
  std::vector<const MAssignment*> in_state;
  for (const auto& [id, a] : s.assignments) {
    if (a.status == want) in_state.push_back(&a);
  }
  if (in_state.empty() || rng_.Chance(10)) {
    AccountId actor = Any(role);
    return {actor, role == Role::kWorker ? PickAssignment(actor, {}, want)
                                         : PickAssignment({}, actor, want)};
  }
  const MAssignment* a = rng_.Pick(in_state);
  AccountId owner = role == Role::kWorker ? a->worker : s.hits.at(a->hit.value).requester;
  return {owner, a->id};
}

WorkFilter Generator::Filter() {
  WorkFilter f;
  if (rng_.Chance(75)) return f;
  switch (rng_.Range(0, 3)) {
    case 0:
      f.type = HitTypeId(rng_.Range(1, model_.state().hit_types.size() + 1));
      break;
    case 1:
      f.requester = Any(Role::kRequester);
      break;
    case 2:
      f.min_reward = Cents(rng_.Range(1, 60));
      break;
    default:
      f.keyword = rng_.Chance(50) ? "image" : "text";
      break;
  }
  return f;
}

Step Generator::MakeAccept() {
  AccountId actor = Any(Role::kWorker);
  Accept c{PickHit(AccountId(0))};
  if (Fault()) actor = WrongRole(Role::kWorker);
  return {As(actor), c};
}

Step Generator::MakeAcceptNext() {
  AccountId actor = Any(Role::kWorker);
  AcceptNext c{Filter()};
  if (Fault()) {
    if (rng_.Chance(50))
      actor = WrongRole(Role::kWorker);
    else
      c.filter.type = HitTypeId(99999);
  }
  return {As(actor), c};
}

Step Generator::MakeReturn() {
  auto [actor, id] = PickWork(AssignmentStatus::kAccepted, Role::kWorker);
  ReturnAssignment c{id};
  if (Fault()) actor = rng_.Chance(50) ? Other(Role::kWorker, actor) : WrongRole(Role::kWorker);
  return {As(actor), c};
}

Step Generator::MakeSubmit() {
  auto [actor, id] = PickWork(AssignmentStatus::kAccepted, Role::kWorker);
  SubmitAssignment c{id, "answer"};
  if (Fault()) {
    if (!MisdirectActor(Role::kWorker, actor)) {
      c.answer = Text(lim::kAnswerMax, true);
    }
  }
  return {As(actor), c};
}

Step Generator::MakeSubmitAndNext() {
  Step s = MakeSubmit();
  const auto& one = std::get<SubmitAssignment>(s.command);
  return {s.ctx, SubmitAndAcceptNext{one.assignment, one.answer}};
}

Step Generator::MakeApprove() {
  ApproveAssignment c;
  c.override_rejection = rng_.Chance(15);
  auto [actor, id] =
      PickWork(c.override_rejection ? AssignmentStatus::kRejected : AssignmentStatus::kSubmitted,
               Role::kRequester);
  c.assignment = id;
  c.feedback = rng_.Chance(50) ? "" : "good";
  if (Fault()) {
    if (!MisdirectActor(Role::kRequester, actor)) {
      c.feedback = Text(lim::kFeedbackMax, true);
    }
  }
  return {As(actor), c};
}

Step Generator::MakeReject() {
  auto [actor, id] = PickWork(AssignmentStatus::kSubmitted, Role::kRequester);
  RejectAssignment c{id, rng_.Chance(95) ? "bad" : ""};
  if (Fault()) {
    if (!MisdirectActor(Role::kRequester, actor)) {
      c.feedback = Text(lim::kFeedbackMax, true);
    }
  }
  return {As(actor), c};
}

Step Generator::MakeGetAssignment() {
  bool as_worker = rng_.Chance(50);
  AccountId actor = Any(as_worker ? Role::kWorker : Role::kRequester);
  GetAssignment c{as_worker ? PickAssignment(actor, {}, AssignmentStatus::kAccepted)
                            : PickAssignment({}, actor, AssignmentStatus::kSubmitted)};
  if (Fault()) actor = Other(as_worker ? Role::kWorker : Role::kRequester, actor);
  return {As(actor), c};
}

Step Generator::MakeListMine() {
  ListMyAssignments c;
  c.page = MakePage();
  if (rng_.Chance(30)) c.statuses = {static_cast<AssignmentStatus>(rng_.Range(1, 6))};
  return {As(Fault() ? WrongRole(Role::kWorker) : Any(Role::kWorker)), c};
}

Step Generator::MakePreview() {
  AccountId actor = Any(Role::kWorker);
  PreviewHit c{PickHit(AccountId(0))};
  if (Fault()) actor = WrongRole(Role::kWorker);
  return {As(actor), c};
}

Step Generator::MakeListGroups() {
  ListHitGroups c;
  c.filter = Filter();
  c.sort = static_cast<GroupSort>(rng_.Range(1, 3));
  c.page = MakePage();
  return {As(Any(Role::kWorker)), c};
}

}  // namespace hitd::sim
