// Generated operations on existing HITs.
#include "tests/sim/generator.h"

namespace hitd::sim {

namespace {
// Requester-owned HIT commands share one fault menu: another requester, the wrong
// role, or a HIT id that names nothing.
template <typename C>
void BreakHitCommand(Prng& rng, C& c, AccountId& actor, AccountId other, AccountId worker) {
  switch (rng.Range(0, 2)) {
    case 0:
      actor = other;
      break;
    case 1:
      actor = worker;
      break;
    default:
      c.hit = HitId(rng.Chance(50) ? 0 : 99999);
      break;
  }
}
}  // namespace

Step Generator::MakeGetHit() {
  AccountId actor = Any(Role::kRequester);
  GetHit c{PickHit(actor)};
  if (Fault()) BreakHitCommand(rng_, c, actor, Other(Role::kRequester, actor), Any(Role::kWorker));
  return {As(actor), c};
}

Step Generator::MakeListHits() {
  ListHits c;
  c.page = MakePage();
  if (rng_.Chance(30)) c.status = static_cast<HitStatus>(rng_.Range(1, 5));
  return {As(Fault() ? WrongRole(Role::kRequester) : Any(Role::kRequester)), c};
}

Step Generator::MakeListReviewable() {
  ListReviewableHits c;
  c.page = MakePage();
  c.status = rng_.Chance(50) ? HitStatus::kReviewable : HitStatus::kReviewing;
  if (Fault()) c.status = HitStatus::kAssignable;
  return {As(Any(Role::kRequester)), c};
}

Step Generator::MakeUpdateExpiration() {
  AccountId actor = Any(Role::kRequester);
  UpdateExpirationForHit c;
  c.hit = PickHit(actor);
  switch (rng_.Range(0, 3)) {
    case 0:
      c.expire_at = now_ - Seconds(rng_.Range(0, 100));
      break;  // expire at once
    case 1:
      c.expire_at = now_;
      break;
    case 2:
      c.expire_at = now_ + Seconds(rng_.Range(1, 7200));
      break;
    default:
      c.expire_at = now_ + Days(rng_.Range(1, 400));
      break;
  }
  if (Fault()) BreakHitCommand(rng_, c, actor, Other(Role::kRequester, actor), Any(Role::kWorker));
  return {As(actor), c};
}

Step Generator::MakeReviewStatus() {
  AccountId actor = Any(Role::kRequester);
  UpdateHitReviewStatus c;
  c.hit = PickHit(actor);
  c.revert = rng_.Chance(40);
  if (Fault()) BreakHitCommand(rng_, c, actor, Other(Role::kRequester, actor), Any(Role::kWorker));
  return {As(actor), c};
}

Step Generator::MakeChangeType() {
  AccountId actor = Any(Role::kRequester);
  UpdateHitTypeOfHit c;
  c.hit = PickHit(actor);
  std::vector<HitTypeId> types;
  for (const auto& [id, t] : model_.state().hit_types) {
    if (t.requester == actor) types.push_back(t.id);
  }
  c.type = types.empty() ? HitTypeId(99999) : rng_.Pick(types);
  if (Fault()) {
    if (rng_.Chance(50))
      c.type = HitTypeId(rng_.Chance(50) ? 0 : 99999);
    else
      BreakHitCommand(rng_, c, actor, Other(Role::kRequester, actor), Any(Role::kWorker));
  }
  return {As(actor), c};
}

Step Generator::MakeAddAssignments() {
  AccountId actor = Any(Role::kRequester);
  CreateAdditionalAssignmentsForHit c;
  c.hit = PickHit(actor);
  c.count = static_cast<uint32_t>(rng_.Range(1, 3));
  if (Fault()) {
    if (rng_.Chance(40))
      c.count = rng_.Chance(50) ? 0 : 1'000'001;
    else
      BreakHitCommand(rng_, c, actor, Other(Role::kRequester, actor), Any(Role::kWorker));
  }
  return {As(actor), c};
}

Step Generator::MakeDeleteHit() {
  AccountId actor = Any(Role::kRequester);
  DeleteHit c{PickHit(actor)};
  if (Fault()) BreakHitCommand(rng_, c, actor, Other(Role::kRequester, actor), Any(Role::kWorker));
  return {As(actor), c};
}

Step Generator::MakeListForHit() {
  AccountId actor = Any(Role::kRequester);
  ListAssignmentsForHit c;
  c.hit = PickHit(actor);
  c.page = MakePage();
  if (rng_.Chance(30)) c.statuses = {static_cast<AssignmentStatus>(rng_.Range(1, 6))};
  return {As(actor), c};
}

}  // namespace hitd::sim
