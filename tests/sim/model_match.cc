// The model's matching: who may take which slot, and which slot AcceptNext should pick.
// Every rule is a plain scan over all HITs and assignments, as DESIGN.md states it.
#include <algorithm>
#include <sstream>
#include <variant>

#include "engine/state.h"
#include "tests/sim/model.h"

namespace hitd::sim {

using EC = ErrorCode;

namespace {
bool Holds(AssignmentStatus s) {
  return s == AssignmentStatus::kAccepted || s == AssignmentStatus::kSubmitted ||
         s == AssignmentStatus::kApproved || s == AssignmentStatus::kRejected;
}
Tri And(Tri a, Tri b) {
  if (a == Tri::kNo || b == Tri::kNo) return Tri::kNo;
  if (a == Tri::kMaybe || b == Tri::kMaybe) return Tri::kMaybe;
  return Tri::kYes;
}
bool HasKeyword(const std::string& keywords, const std::string& word) {
  std::stringstream in(keywords);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item == word) return true;
  }
  return false;
}
}  // namespace

uint32_t Model::AcceptedNow(WorkerId worker) const {
  uint32_t n = 0;
  for (const auto& [id, a] : s_.assignments) {
    n += a.worker == worker && a.status == AssignmentStatus::kAccepted;
  }
  return n;
}

uint32_t Model::CountStatus(WorkerId worker, AssignmentStatus status) const {
  uint32_t n = 0;
  for (const auto& [id, a] : s_.assignments) n += a.worker == worker && a.status == status;
  return n;
}

// Probation (DESIGN.md, Matching): fewer approvals than configured limits the accepts of
// each UTC day. Every accept made an assignment, so they are counted from those.
bool Model::Limited(WorkerId worker) const {
  if (AcceptedNow(worker) >= s_.config.max_accepted_per_worker) return true;
  const EngineConfig& c = s_.config;
  if (c.probation_approvals == 0) return false;
  if (CountStatus(worker, AssignmentStatus::kApproved) >= c.probation_approvals) return false;
  const int64_t today = s_.now.value / 86'400'000;
  uint32_t accepts = 0;
  for (const auto& [id, a] : s_.assignments) {
    accepts += a.worker == worker && a.accepted.value / 86'400'000 == today;
  }
  return accepts >= c.probation_daily_accepts;
}

// Exclusion works both ways: a worker holding work in a type this one excludes, or in a
// type that excludes this one, may not take it.
bool Model::Excluded(WorkerId worker, const MHitType& type) const {
  for (const auto& [id, a] : s_.assignments) {
    if (a.worker != worker || !Holds(a.status)) continue;
    const MHitType& held = s_.hit_types.at(s_.hits.at(a.hit.value).type.value);
    const auto& mine = type.spec.excluded_types;
    const auto& theirs = held.spec.excluded_types;
    if (std::find(mine.begin(), mine.end(), held.id) != mine.end()) return true;
    if (std::find(theirs.begin(), theirs.end(), type.id) != theirs.end()) return true;
  }
  return false;
}

// The system types the generator uses, computed from the worker's assignments: approval
// percentage over decided work (100 with none), and the number approved.
bool Model::MeetsSystem(WorkerId worker, const QualificationRequirement& q) const {
  const uint32_t approved = CountStatus(worker, AssignmentStatus::kApproved);
  const uint32_t rejected = CountStatus(worker, AssignmentStatus::kRejected);
  int64_t value = approved;
  if (q.type == system_qual::kPercentApproved) {
    value = approved + rejected == 0 ? 100 : int64_t{approved} * 100 / (approved + rejected);
  }
  return value >= q.integer_values.at(0);
}

Tri Model::Requirements(WorkerId worker, const MHitType& type) const {
  Tri out = Tri::kYes;
  const MAccount& w = s_.accounts.at(worker.value);
  for (const QualificationRequirement& q : type.spec.requirements) {
    bool met = false;
    if (q.type == system_qual::kPercentApproved || q.type == system_qual::kNumberHitsApproved) {
      met = MeetsSystem(worker, q);
    } else if (q.type == system_qual::kLocale) {
      for (const Locale& l : q.locale_values) {
        met |= l.country[0] == w.locale.country[0] && l.country[1] == w.locale.country[1];
      }
    } else {
      auto g = s_.grants.find({worker.value, q.type.value});
      met = g != s_.grants.end();
      if (met && q.comparator == Comparator::kGreaterThanOrEqualTo) {
        met = g->second >= q.integer_values.at(0);
      }
      auto t = s_.qual_types.find(q.type.value);
      if (t != s_.qual_types.end() && (t->second.disposed || !t->second.active)) {
        out = And(out, Tri::kMaybe);  // grants of a retired type: unspecified
      }
    }
    out = And(out, met ? Tri::kYes : Tri::kNo);
  }
  return out;
}

Tri Model::GroupCap(WorkerId worker, const MHitType& type) const {
  if (type.spec.per_worker_cap == 0) return Tri::kYes;
  // A worker's holds follow a HIT into its new type (UpdateHITTypeOfHIT).
  uint32_t held = 0;
  for (const auto& [id, a] : s_.assignments) {
    if (a.worker == worker && Holds(a.status)) held += s_.hits.at(a.hit.value).type == type.id;
  }
  return held >= type.spec.per_worker_cap ? Tri::kNo : Tri::kYes;
}

Tri Model::Eligible(WorkerId worker, const MHit& h) const {
  if (h.disposed || h.expired || h.expires <= s_.now || h.free == 0) return Tri::kNo;
  if (s_.blocks.count({h.requester.value, worker.value})) return Tri::kNo;
  for (const auto& [id, a] : s_.assignments) {
    if (a.worker == worker && a.hit == h.id && Holds(a.status)) return Tri::kNo;
  }
  if (Limited(worker)) return Tri::kNo;
  if (Excluded(worker, s_.hit_types.at(h.type.value))) return Tri::kNo;
  const MHitType& type = s_.hit_types.at(h.type.value);
  Tri out = And(Requirements(worker, type), GroupCap(worker, type));
  return And(out, h.reviewing ? Tri::kMaybe : Tri::kYes);
}

bool Model::Matches(const WorkFilter& f, const MHit& h) const {
  const MHitType& t = s_.hit_types.at(h.type.value);
  if (f.type.valid() && f.type != h.type) return false;
  if (f.requester.valid() && f.requester != h.requester) return false;
  if (h.reward < f.min_reward.value) return false;
  return f.keyword.empty() || HasKeyword(t.spec.keywords, f.keyword);
}

// The HIT the group's order puts first among the eligible ones (`yes`, in id order);
// 0 for `random`, whose permutation the model does not recompute.
HitId Model::BestInGroup(const std::vector<const MHit*>& yes, HitTypeId type) const {
  const AssignmentOrder order = s_.hit_types.at(type.value).spec.order;
  const MHit* best = nullptr;
  for (const MHit* h : yes) {
    if (h->type != type) continue;
    bool better = best == nullptr;
    if (!better && order == AssignmentOrder::kPriority) better = h->priority > best->priority;
    if (!better && order == AssignmentOrder::kBreadthFirst) {
      better = h->max_assignments - h->free < best->max_assignments - best->free;
    }
    if (better) best = h;  // ties keep the older HIT, which came first
  }
  if (best == nullptr || order == AssignmentOrder::kRandom) return HitId();
  return best->id;
}

// Checks what AcceptNext answered against the eligible slots: some slot exists exactly
// when the engine found one; the one it took is eligible; and, when nothing is
// uncertain, it is the best by DESIGN.md's order (reward, then oldest type, then, for
// `fifo` groups, the oldest HIT).
std::optional<HitId> Model::CheckNext(WorkerId worker, const WorkFilter& filter,
                                      const std::optional<AssignmentView>& got, bool* either) {
  std::vector<const MHit*> yes;
  bool maybe = false;
  for (const auto& [id, h] : s_.hits) {
    if (!Matches(filter, h)) continue;
    Tri e = Eligible(worker, h);
    if (e == Tri::kYes) yes.push_back(&h);
    maybe |= e == Tri::kMaybe;
  }
  *either = yes.empty() && maybe;
  if (!got) {
    if (!yes.empty())
      Mismatch("AcceptNext: no work found, but HIT " + std::to_string(yes.front()->id.value) +
               " is eligible");
    return std::nullopt;
  }
  auto chosen = s_.hits.find(got->assignment.hit.value);
  if (chosen == s_.hits.end() || !Matches(filter, chosen->second) ||
      Eligible(worker, chosen->second) == Tri::kNo) {
    Mismatch("AcceptNext: took HIT " + std::to_string(got->assignment.hit.value) +
             ", which the worker may not take");
    return std::nullopt;
  }
  if (!yes.empty() && !maybe) {
    const MHit* best = yes.front();
    for (const MHit* h : yes) {
      if (h->reward > best->reward || (h->reward == best->reward && h->type < best->type)) {
        best = h;  // yes is in id order, so the first of the best group is its oldest HIT
      }
    }
    const MHit& c = chosen->second;
    if (c.reward != best->reward || c.type != best->type) {
      Mismatch("AcceptNext: took HIT " + std::to_string(c.id.value) + " of type " +
               std::to_string(c.type.value) + ", expected a HIT of type " +
               std::to_string(best->type.value) + " (higher reward or older type)");
    } else if (HitId want = BestInGroup(yes, c.type); want.valid() && c.id != want) {
      Mismatch("AcceptNext: took HIT " + std::to_string(c.id.value) + ", but the group's order " +
               "puts HIT " + std::to_string(want.value) + " first");
    }
  }
  return chosen->second.id;
}

void Model::TakeSlot(WorkerId worker, HitId hit, const AssignmentView& view) {
  MHit& h = s_.hits.at(hit.value);
  const MHitType& t = s_.hit_types.at(h.type.value);
  MAssignment a;
  a.id = view.assignment.id;
  a.hit = hit;
  a.worker = worker;
  a.accepted = s_.now;
  a.deadline = s_.now + t.spec.assignment_duration;
  if (a.id.value != s_.assignments.size() + 1) Mismatch("new assignment id is not the next id");
  if (view.assignment.status != AssignmentStatus::kAccepted) Mismatch("accept: status differs");
  if (view.assignment.worker != worker) Mismatch("accept: worker differs");
  if (view.assignment.deadline != a.deadline) Mismatch("accept: deadline differs");
  h.free -= 1;
  h.accepted += 1;
  s_.assignments[a.id.value] = a;
  v_.touched_hits.push_back(hit);
  v_.touched_assignments.push_back(a.id);
}

void Model::On(const Context& ctx, const Accept& c, const Result& r) {
  if (!IsRole(ctx, Role::kWorker)) return ExpectFail(r, {EC::kPermissionDenied});
  auto it = s_.hits.find(c.hit.value);
  if (it == s_.hits.end()) return ExpectFail(r, {EC::kNotFound});
  Tri e = Eligible(ctx.actor, it->second);
  if (e == Tri::kNo) {
    return ExpectFail(r, {EC::kFailedPrecondition, EC::kPermissionDenied, EC::kNoWorkAvailable,
                          EC::kResourceExhausted, EC::kAlreadyExists, EC::kNotFound});
  }
  if (e == Tri::kMaybe ? !r.ok() : !ExpectOk(r)) return;
  const auto* view = std::get_if<AssignmentView>(&r.reply);
  if (view == nullptr) return Mismatch("Accept: unexpected reply");
  if (view->assignment.hit != c.hit) return Mismatch("Accept: took another HIT");
  TakeSlot(ctx.actor, c.hit, *view);
}

void Model::On(const Context& ctx, const AcceptNext& c, const Result& r) {
  if (!IsRole(ctx, Role::kWorker)) return ExpectFail(r, {EC::kPermissionDenied});
  const bool capped = Limited(ctx.actor);
  if (c.filter.type.valid() && !s_.hit_types.count(c.filter.type.value)) {
    if (capped) {
      return ExpectFail(r, {EC::kNoWorkAvailable, EC::kNotFound, EC::kInvalidArgument,
                            EC::kResourceExhausted, EC::kFailedPrecondition});
    }
    return ExpectFail(r, {EC::kNoWorkAvailable, EC::kNotFound, EC::kInvalidArgument});
  }
  std::optional<AssignmentView> got;
  if (r.ok()) {
    const auto* view = std::get_if<AssignmentView>(&r.reply);
    if (view == nullptr) return Mismatch("AcceptNext: unexpected reply");
    got = *view;
  } else if (r.error().code != EC::kNoWorkAvailable) {
    if (!capped ||
        (r.error().code != EC::kResourceExhausted && r.error().code != EC::kFailedPrecondition)) {
      return ExpectFail(r, {EC::kNoWorkAvailable});
    }
  }
  bool either = false;
  std::optional<HitId> hit = CheckNext(ctx.actor, c.filter, got, &either);
  if (hit) TakeSlot(ctx.actor, *hit, *got);
}

}  // namespace hitd::sim
