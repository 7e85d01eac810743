#include "engine/matching.h"

#include <algorithm>
#include <string>
#include <tuple>

#include "engine/check.h"
#include "engine/common.h"
#include "engine/eligibility.h"
#include "engine/limits.h"

namespace hitd::engine {

namespace {
constexpr uint64_t kIdMask = limits::kIdMax;

bool RequirementLess(const QualificationRequirement& a, const QualificationRequirement& b) {
  auto locales = [](const QualificationRequirement& r) {
    std::string out;
    for (const Locale& l : r.locale_values) {
      out.append(l.country, 2);
      out.append(l.subdivision, 3);
    }
    return out;
  };
  return std::tie(a.type, a.comparator, a.guard, a.integer_values) <
             std::tie(b.type, b.comparator, b.guard, b.integer_values) ||
         (std::tie(a.type, a.comparator, a.guard, a.integer_values) ==
              std::tie(b.type, b.comparator, b.guard, b.integer_values) &&
          locales(a) < locales(b));
}

std::string ReqSetValue(const std::vector<QualificationRequirement>& reqs) {
  std::string v;
  for (const QualificationRequirement& r : reqs) {
    v += std::to_string(r.type.value) + ":" + std::to_string(int(r.comparator)) + ":" +
         std::to_string(int(r.guard)) + ":";
    for (int32_t i : r.integer_values) v += std::to_string(i) + ",";
    v += ":";
    for (const Locale& l : r.locale_values) {
      v.append(l.country, 2);
      v.append(l.subdivision, 3);
      v += ",";
    }
    v += ";";
  }
  return v;
}

void SortedInsert(std::vector<uint64_t>& v, size_t from, uint64_t key) {
  auto it = std::lower_bound(v.begin() + from, v.end(), key);
  HITD_CHECK(it == v.end() || *it != key);
  v.insert(it, key);
}

void SortedErase(std::vector<uint64_t>& v, size_t from, uint64_t key) {
  if (!v.empty() && v.back() == key) {
    v.pop_back();
    return;
  }
  auto it = std::lower_bound(v.begin() + from, v.end(), key);
  HITD_CHECK(it != v.end() && *it == key);
  v.erase(it);
}

void ListGroup(State& s, Group& g, bool want) {
  if (g.listed == want) return;
  std::vector<uint64_t>& groups = s.reqsets[g.reqset].groups;
  if (want) {
    SortedInsert(groups, 0, g.key);
  } else {
    SortedErase(groups, 0, g.key);
  }
  g.listed = want;
}

void InsertIntoOrder(Group& g, uint64_t key) {
  if (key > g.max_key) {  // larger than every key ever present: an append
    g.order.push_back(key);
    g.max_key = key;
    return;
  }
  // Not an append: workers' cursors may have passed this key; record it so they step
  // back over it (see WorkerGroup). A HIT returning to the front reuses a dead slot
  // before `begin` instead of shifting the whole order.
  if (g.begin > 0 && key < g.order[g.begin]) {
    g.order[--g.begin] = key;
  } else {
    SortedInsert(g.order, g.begin, key);
  }
  ++g.gen;
  g.reopened[g.gen % 8] = key;
}

void EraseFromOrder(Group& g, uint64_t key) {
  if (g.begin < g.order.size() && g.order[g.begin] == key) {
    ++g.begin;  // the common case in fifo: the oldest HIT fills first
    if (g.begin == g.order.size()) {
      g.order.clear();
      g.begin = 0;
      g.expires_bound = TimeMs(INT64_MAX);
    } else if (g.begin >= 64 && g.begin * 2 >= g.order.size()) {
      g.order.erase(g.order.begin(), g.order.begin() + g.begin);
      g.begin = 0;
    }
    return;
  }
  SortedErase(g.order, g.begin, key);
}
}  // namespace

uint64_t GroupKey(const HitType& type) {
  return static_cast<uint64_t>(type.reward.value) << 40 | (kIdMask - type.id.value);
}

uint64_t OrderKey(const State& s, const HitType& type, const Hit& hit) {
  uint64_t id = hit.id.value;
  switch (type.order) {
    case AssignmentOrder::kPriority:
      return static_cast<uint64_t>(limits::kPriorityMax - hit.priority) << 40 | id;
    case AssignmentOrder::kRandom:
      return (MixKey(s.config.random_order_seed ^ id) >> 40) << 40 | id;
    case AssignmentOrder::kFifo:
    case AssignmentOrder::kBreadthFirst:
      return id;
  }
  return id;
}

std::vector<QualificationRequirement> CanonicalRequirements(
    std::vector<QualificationRequirement> requirements) {
  for (QualificationRequirement& r : requirements) {
    std::sort(r.integer_values.begin(), r.integer_values.end());
    std::sort(r.locale_values.begin(), r.locale_values.end(), [](const Locale& a, const Locale& b) {
      auto text = [](const Locale& l) {
        return std::string(l.country, 2) + std::string(l.subdivision, 3);
      };
      return text(a) < text(b);
    });
  }
  std::sort(requirements.begin(), requirements.end(), RequirementLess);
  return requirements;
}

uint32_t InternReqSet(State& s, const std::vector<QualificationRequirement>& requirements) {
  if (requirements.empty()) return 0;
  std::string value = ReqSetValue(requirements);
  auto it = s.reqset_by_value.find(value);
  if (it != s.reqset_by_value.end()) return it->second;
  ReqSet set;
  set.requirements = requirements;
  for (const QualificationRequirement& r : requirements) {
    set.dynamic = set.dynamic || IsDynamicRequirement(r);
    set.masters = set.masters || r.type == system_qual::kMasters;
  }
  uint32_t id = static_cast<uint32_t>(s.reqsets.size());
  if (set.dynamic) s.dynamic_reqsets.push_back(id);
  s.reqsets.push_back(std::move(set));
  s.reqset_by_value.emplace(std::move(value), id);
  return id;
}

bool HitOpen(const Hit& hit, TimeMs now) {
  return hit.free > 0 && !hit.expired && !hit.disposed && now < hit.expires;
}

HitStatus StatusOf(const Hit& hit, TimeMs now) {
  if (hit.disposed) return HitStatus::kDisposed;
  if (hit.reviewing) return HitStatus::kReviewing;
  if (HitOpen(hit, now)) return HitStatus::kAssignable;
  if (hit.accepted > 0) return HitStatus::kUnassignable;
  return HitStatus::kReviewable;
}

void SyncHit(State& s, Hit& hit) {
  HitState& hs = s.hit_states[Index(hit.id.value)];
  Group& g = GroupOf(s, hit.type);
  const bool want = hit.free > 0 && !hit.expired && !hit.disposed;
  if (want != hs.listed) {
    uint64_t key = OrderKey(s, s.hit_types[Index(hit.type.value)], hit);
    if (want) {
      InsertIntoOrder(g, key);
    } else {
      EraseFromOrder(g, key);
    }
    hs.listed = want;
  }
  if (want) g.expires_bound = std::min(g.expires_bound, hit.expires);
  g.slots_free -= hs.listed_free;
  hs.listed_free = want ? hit.free : 0;
  g.slots_free += hs.listed_free;
  ListGroup(s, g, g.order.size() > g.begin);
}

// One pass and one sort per group: inserting HIT by HIT would be quadratic in the
// random and priority orders, whose keys do not ascend with the HIT id.
void ListEveryHit(State& s) {
  for (Hit& hit : s.hits) {
    HitState& hs = s.hit_states[Index(hit.id.value)];
    HITD_CHECK(!hs.listed);
    if (hit.free == 0 || hit.expired || hit.disposed) continue;
    Group& g = GroupOf(s, hit.type);
    HITD_CHECK(!g.listed);
    g.order.push_back(OrderKey(s, s.hit_types[Index(hit.type.value)], hit));
    g.expires_bound = std::min(g.expires_bound, hit.expires);
    g.slots_free += hit.free;
    hs.listed = true;
    hs.listed_free = hit.free;
  }
  for (Group& g : s.groups) {
    if (g.order.empty()) continue;
    std::sort(g.order.begin(), g.order.end());  // fifo and breadth_first: sorted already
    g.max_key = g.order.back();
    g.listed = true;
    s.reqsets[g.reqset].groups.push_back(g.key);
  }
  for (ReqSet& r : s.reqsets) std::sort(r.groups.begin(), r.groups.end());
}

void AfterHitChange(State& s, Hit& hit, TimeMs now, Output& out) {
  SyncHit(s, hit);
  HitStatus status = StatusOf(hit, now);
  if (hit.reviewing && HitOpen(hit, now)) {
    hit.reviewing = false;  // work can be taken again: no longer under review
    status = StatusOf(hit, now);
  }
  if (status == HitStatus::kReviewable && !hit.reviewable_announced) {
    hit.reviewable_announced = true;
    EmitEvent(s, out, EventType::kHitReviewable, now, hit.requester, hit.id);
  } else if (status == HitStatus::kAssignable || status == HitStatus::kUnassignable) {
    hit.reviewable_announced = false;
  }
  Emit(out, hit);
}

void RefreshEligibility(State& s, const Account& worker, AccountState& st) {
  if (st.stale) {
    st.eligible.clear();
    st.evaluated = 1;  // set 0 has no requirements: every worker meets it
    st.stale = false;
    st.dynamic_stale = false;
  } else if (st.dynamic_stale) {
    std::erase_if(st.eligible, [&](uint32_t r) { return s.reqsets[r].dynamic; });
    for (uint32_t r : s.dynamic_reqsets) {
      if (r >= st.evaluated) break;  // ids ascend; later ones are evaluated below
      if (MeetsRequirements(s, worker, s.reqsets[r].requirements, ActionsGuarded::kAccept)) {
        st.eligible.push_back(r);
      }
    }
    st.dynamic_stale = false;
  }
  const uint32_t total = static_cast<uint32_t>(s.reqsets.size());
  for (uint32_t r = std::max<uint32_t>(st.evaluated, 1); r < total; ++r) {
    if (MeetsRequirements(s, worker, s.reqsets[r].requirements, ActionsGuarded::kAccept)) {
      st.eligible.push_back(r);
    }
  }
  st.evaluated = total;
}

void CountersChanged(const State& s, AccountState& st) {
  if (!s.dynamic_reqsets.empty()) st.dynamic_stale = true;
}

bool HoldsHit(const State& s, WorkerId worker, HitId hit) {
  const uint32_t* a = s.holder.Find(PairKey(worker.value, hit.value));
  if (a == nullptr) return false;
  AssignmentStatus st = s.assignments[*a - 1].status;
  return st != AssignmentStatus::kReturned && st != AssignmentStatus::kAbandoned;
}

void ReleaseHold(State& s, WorkerId worker, const Hit& hit) {
  WorkerGroup* wg = s.worker_groups.Find(PairKey(worker.value, hit.type.value));
  HITD_CHECK(wg != nullptr);
  HITD_CHECK(wg->taken > 0);
  --wg->taken;
  uint64_t key = OrderKey(s, s.hit_types[Index(hit.type.value)], hit);
  wg->cursor_key = std::min(wg->cursor_key, key);
}

}  // namespace hitd::engine
