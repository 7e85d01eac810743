// Loader step (load_internal.h): HIT types with their matching groups, HITs,
// assignments and bonuses.
#include <algorithm>
#include <string>
#include <vector>

#include "engine/hit_ops.h"
#include "engine/limits.h"
#include "engine/load_internal.h"
#include "engine/matching.h"

namespace hitd::engine::load {

namespace {

std::string CheckRequirements(const State& s, const HitType& t) {
  const std::string name = Name("hit type", t.id.value);
  for (const QualificationRequirement& q : t.requirements) {
    if (q.type.value == 0 || q.type.value > s.qual_types.size()) {
      return name + ": requires a missing qualification type";
    }
    if (!InRange(q.comparator, Comparator::kLessThan, Comparator::kNotIn) ||
        !InRange(q.guard, ActionsGuarded::kAccept, ActionsGuarded::kDiscoverPreviewAndAccept)) {
      return name + ": a requirement's comparator or guard";
    }
  }
  // Types keep their requirements in canonical order, which requirement sets rely on.
  if (CanonicalRequirements(t.requirements) != t.requirements) {
    return name + ": requirements not in canonical order";
  }
  return {};
}

std::string CheckHitType(const State& s, const HitType& t) {
  const std::string name = Name("hit type", t.id.value);
  if (!IsA(s, t.requester, Role::kRequester)) return name + ": its requester is not a requester";
  if (t.reward.value < limits::kRewardMinCents || t.reward.value > limits::kRewardMaxCents) {
    return name + ": reward out of range";
  }
  if (!InRange(t.order, AssignmentOrder::kFifo, AssignmentOrder::kRandom)) return name + ": order";
  for (size_t i = 0; i < t.excluded_types.size(); ++i) {
    const HitTypeId x = t.excluded_types[i];
    // A type names only types created before it, in ascending order.
    if (x.value == 0 || x >= t.id || (i > 0 && t.excluded_types[i - 1] >= x) ||
        s.hit_types[x.value - 1].requester != t.requester) {
      return name + ": excludes a type that is not an earlier one of its requester";
    }
  }
  return CheckRequirements(s, t);
}

std::string PlaceTypes(State& s, std::vector<HitType>& types) {
  KeepLastPerKey(types, [](const HitType& t) { return t.id.value; });
  if (std::string e = CheckDense(types, 1, "hit type"); !e.empty()) return e;
  s.hit_types.reserve(types.size());
  s.groups.reserve(types.size());
  for (HitType& t : types) {
    if (std::string e = CheckHitType(s, t); !e.empty()) return e;
    std::string value = HitTypeValue(t);
    if (auto it = s.hit_type_by_value.find(value); it != s.hit_type_by_value.end()) {
      return Name("hit type", t.id.value) + ": the same as " + Name("hit type", it->second + 1);
    }
    AddHitType(s, std::move(t), std::move(value));
  }
  types.clear();
  return {};
}

std::string CheckHit(const State& s, const Hit& h) {
  const std::string name = Name("hit", h.id.value);
  if (h.type.value == 0 || h.type.value > s.hit_types.size()) return name + ": no such type";
  const HitType& t = s.hit_types[h.type.value - 1];
  if (h.requester != t.requester) return name + ": its requester is not its type's";
  if (h.reward != t.reward) return name + ": its reward is not its type's";
  if (h.fee.value < 0 || h.fee.value > limits::kRewardMaxCents) return name + ": fee out of range";
  if (h.priority < 0 || h.priority > limits::kPriorityMax) return name + ": priority";
  if (h.max_assignments > limits::kMaxAssignmentsMax) return name + ": max_assignments";
  return {};
}

std::string CheckAssignment(const State& s, const Assignment& a) {
  const std::string name = Name("assignment", a.id.value);
  if (a.hit.value == 0 || a.hit.value > s.hits.size()) return name + ": no such HIT";
  if (!IsA(s, a.worker, Role::kWorker)) return name + ": its worker is not a worker";
  if (!InRange(a.status, AssignmentStatus::kAccepted, AssignmentStatus::kAbandoned)) {
    return name + ": status";
  }
  return {};
}

std::string CheckBonus(const State& s, const Bonus& b) {
  const std::string name = Name("bonus", b.id.value);
  if (!IsA(s, b.requester, Role::kRequester) || !IsA(s, b.worker, Role::kWorker)) {
    return name + ": its requester or worker";
  }
  if (b.assignment.value == 0 || b.assignment.value > s.assignments.size()) {
    return name + ": no such assignment";
  }
  const Assignment& a = s.assignments[b.assignment.value - 1];
  if (a.hit != b.hit || a.worker != b.worker) return name + ": not its assignment's HIT or worker";
  if (b.amount.value < 0 || b.fee.value < 0) return name + ": a negative amount";
  return {};
}

}  // namespace

std::string PlaceHits(State& s, Records& r) {
  if (std::string e = PlaceTypes(s, r.hit_types); !e.empty()) return e;

  KeepLastPerKey(r.hits, [](const Hit& h) { return h.id.value; });
  if (std::string e = CheckDense(r.hits, 1, "hit"); !e.empty()) return e;
  for (const Hit& h : r.hits) {
    if (std::string e = CheckHit(s, h); !e.empty()) return e;
  }
  Place(s.hits, r.hits, s.config.reserve_hits);

  KeepLastPerKey(r.assignments, [](const Assignment& a) { return a.id.value; });
  if (std::string e = CheckDense(r.assignments, 1, "assignment"); !e.empty()) return e;
  for (const Assignment& a : r.assignments) {
    if (std::string e = CheckAssignment(s, a); !e.empty()) return e;
  }
  Place(s.assignments, r.assignments, s.config.reserve_assignments);

  KeepLastPerKey(r.bonuses, [](const Bonus& b) { return b.id.value; });
  if (std::string e = CheckDense(r.bonuses, 1, "bonus"); !e.empty()) return e;
  for (const Bonus& b : r.bonuses) {
    if (std::string e = CheckBonus(s, b); !e.empty()) return e;
  }
  Place(s.bonuses, r.bonuses, 0);
  return {};
}

}  // namespace hitd::engine::load
