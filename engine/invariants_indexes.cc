// The index-level invariants (invariants.h) of matching: groups, requirement sets, the
// lists of assignments, holds, per-worker group counts, timers and eligibility caches.
// The other indexes are in invariants_tables.cc.
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/common.h"
#include "engine/eligibility.h"
#include "engine/hit_ops.h"
#include "engine/invariants.h"
#include "engine/matching.h"

namespace hitd::engine {

namespace {

std::string Name(const char* what, uint64_t id) {
  return std::string(what) + " " + std::to_string(id);
}

// Each HIT is in its group's order exactly when listed, with its free slots counted.
std::string HitsInGroups(const State& s, std::vector<uint32_t>& listed,
                         std::vector<uint64_t>& free) {
  for (const Hit& hit : s.hits) {
    const HitState& hs = s.hit_states[hit.id.value - 1];
    if (!hs.listed) {
      if (hs.listed_free != 0) return Name("hit", hit.id.value) + ": unlisted slots counted";
      continue;
    }
    const Group& g = s.groups[hit.type.value - 1];
    const uint64_t key = OrderKey(s, s.hit_types[hit.type.value - 1], hit);
    if (hs.listed_free != hit.free) return Name("hit", hit.id.value) + ": stale free count";
    if (!std::binary_search(g.order.begin() + g.begin, g.order.end(), key)) {
      return Name("hit", hit.id.value) + ": missing from its group's order";
    }
    if (hit.expires < g.expires_bound) return Name("hit", hit.id.value) + ": before expires_bound";
    ++listed[hit.type.value - 1];
    free[hit.type.value - 1] += hit.free;
  }
  return {};
}

std::string OneGroup(const State& s, const HitType& t, const Group& g, uint32_t listed,
                     uint64_t free, uint32_t total) {
  const std::string name = Name("hit type", t.id.value);
  if (g.begin > g.order.size()) return name + ": order begins past its end";
  if (std::adjacent_find(g.order.begin() + g.begin, g.order.end(), std::greater_equal<>()) !=
      g.order.end()) {
    return name + ": order not strictly ascending";
  }
  if (g.order.size() - g.begin != listed) return name + ": order holds unlisted HITs";
  if (g.slots_free != free) return name + ": slots_free differs from its HITs";
  if (g.listed != (listed > 0)) return name + ": listed exactly when it has no HIT";
  if (listed > 0 && g.max_key < g.order.back()) return name + ": max_key below a key";
  if (g.hits_total != total) return name + ": hits_total differs from its HITs";
  if (g.key != GroupKey(t) || g.reqset >= s.reqsets.size()) return name + ": bad key or reqset";
  const std::vector<uint64_t>& in = s.reqsets[g.reqset].groups;
  if (std::binary_search(in.begin(), in.end(), g.key) != g.listed) {
    return name + ": in its requirement set's groups exactly when not listed";
  }
  return {};
}

// Groups: orders, counts, keys, listings and exclusions (both ways).
std::string Groups(const State& s) {
  if (s.groups.size() != s.hit_types.size()) return "groups and HIT types differ in number";
  std::vector<uint32_t> listed(s.groups.size(), 0), total(s.groups.size(), 0);
  std::vector<uint64_t> free(s.groups.size(), 0);
  if (std::string v = HitsInGroups(s, listed, free); !v.empty()) return v;
  for (const Hit& hit : s.hits) ++total[hit.type.value - 1];
  std::vector<std::vector<HitTypeId>> exclusions(s.groups.size());
  std::vector<uint32_t> per_reqset(s.reqsets.size(), 0);
  for (size_t i = 0; i < s.hit_types.size(); ++i) {
    const HitType& t = s.hit_types[i];
    const Group& g = s.groups[i];
    if (std::string v = OneGroup(s, t, g, listed[i], free[i], total[i]); !v.empty()) return v;
    per_reqset[g.reqset] += g.listed;
    for (HitTypeId x : t.excluded_types) {
      exclusions[i].push_back(x);
      exclusions[x.value - 1].push_back(t.id);
    }
    auto it = s.hit_type_by_value.find(HitTypeValue(t));
    if (it == s.hit_type_by_value.end() || it->second != i) {
      return Name("hit type", t.id.value) + ": not found by its value";
    }
  }
  if (s.hit_type_by_value.size() != s.hit_types.size()) return "hit_type_by_value's size";
  for (size_t i = 0; i < s.groups.size(); ++i) {
    std::vector<HitTypeId> have = s.groups[i].exclusions;
    std::sort(have.begin(), have.end());
    std::sort(exclusions[i].begin(), exclusions[i].end());
    if (have != exclusions[i]) return Name("hit type", i + 1) + ": exclusions differ";
  }
  std::vector<uint32_t> dynamic;
  for (size_t r = 0; r < s.reqsets.size(); ++r) {
    const std::vector<uint64_t>& groups = s.reqsets[r].groups;
    if (std::adjacent_find(groups.begin(), groups.end(), std::greater_equal<>()) != groups.end() ||
        groups.size() != per_reqset[r]) {
      return Name("requirement set", r) + ": its groups differ from the listed groups";
    }
    if (s.reqsets[r].dynamic) dynamic.push_back(static_cast<uint32_t>(r));
  }
  if (dynamic != s.dynamic_reqsets) return "dynamic_reqsets differs from the dynamic sets";
  if (s.reqset_by_value.size() + 1 != s.reqsets.size()) return "reqset_by_value's size";
  return {};
}

// Follows one intrusive list: ids ascending, every one passing `belongs`, ending at `last`.
template <typename Next, typename Belongs>
bool ListOk(const State& s, uint32_t first, uint32_t last, Next next, Belongs belongs,
            size_t& seen) {
  uint32_t prev = 0;
  for (uint32_t a = first; a != 0; a = next(a)) {
    if (a <= prev || a > s.assignments.size() || !belongs(s.assignments[a - 1])) return false;
    prev = a;
    ++seen;
  }
  return prev == last;
}

std::string AssignmentLists(const State& s) {
  if (s.assignment_links.size() != s.assignments.size()) return "assignment_links' size";
  size_t in_hits = 0, in_workers = 0;
  for (const Hit& hit : s.hits) {
    const HitState& hs = s.hit_states[hit.id.value - 1];
    auto next = [&](uint32_t a) { return s.assignment_links[a - 1].next_in_hit; };
    auto belongs = [&](const Assignment& a) { return a.hit == hit.id; };
    if (!ListOk(s, hs.first_assignment, hs.last_assignment, next, belongs, in_hits)) {
      return Name("hit", hit.id.value) + ": its assignment list is wrong";
    }
  }
  for (const Account& w : s.accounts) {
    const AccountState& st = s.account_states[w.id.value - 1];
    auto next = [&](uint32_t a) { return s.assignment_links[a - 1].next_in_worker; };
    auto belongs = [&](const Assignment& a) { return a.worker == w.id; };
    if (!ListOk(s, st.first_assignment, st.last_assignment, next, belongs, in_workers)) {
      return Name("account", w.id.value) + ": its assignment list is wrong";
    }
  }
  if (in_hits != s.assignments.size() || in_workers != s.assignments.size()) {
    return "an assignment is missing from its HIT's or its worker's list";
  }
  return {};
}

// holder: (worker, HIT) -> the latest assignment; worker_groups: live holds per group.
std::string Holds(const State& s) {
  std::unordered_map<uint64_t, uint32_t> latest, taken;
  for (const Assignment& a : s.assignments) {
    latest[PairKey(a.worker.value, a.hit.value)] = static_cast<uint32_t>(a.id.value);
    const bool live =
        a.status != AssignmentStatus::kReturned && a.status != AssignmentStatus::kAbandoned;
    taken[PairKey(a.worker.value, s.hits[a.hit.value - 1].type.value)] += live;
  }
  if (s.holder.size() != latest.size()) return "holder's size differs from the assignments";
  for (const auto& [key, id] : latest) {
    const uint32_t* held = s.holder.Find(key);
    if (held == nullptr || *held != id) return Name("assignment", id) + ": not the latest held";
  }
  std::string violation;
  s.worker_groups.ForEach([&](uint64_t key, const WorkerGroup& wg) {
    auto it = taken.find(key);
    if (violation.empty() && wg.taken != (it == taken.end() ? 0 : it->second)) {
      violation = Name("worker", key >> 32) + ": taken differs in " + Name("hit type", key & ~0u);
    }
  });
  if (!violation.empty()) return violation;
  for (const auto& [key, n] : taken) {
    if (n > 0 && s.worker_groups.Find(key) == nullptr) {
      return Name("worker", key >> 32) + ": no count in " + Name("hit type", key & ~0u);
    }
  }
  return {};
}

std::string Timers(const State& s) {
  std::vector<TimerEntry> timers = s.timers.entries();
  auto before = [](const TimerEntry& a, const TimerEntry& b) { return a.Before(b); };
  std::sort(timers.begin(), timers.end(), before);
  auto has = [&](TimeMs due, TimerKind kind, uint64_t id) {
    const TimerEntry want{due.value, static_cast<uint32_t>(id), kind};
    return std::binary_search(timers.begin(), timers.end(), want, before);
  };
  for (const Assignment& a : s.assignments) {
    if (a.status == AssignmentStatus::kAccepted &&
        !has(a.deadline, TimerKind::kDeadline, a.id.value))
      return Name("assignment", a.id.value) + ": no deadline timer";
    if (a.status == AssignmentStatus::kSubmitted &&
        !has(a.auto_approval, TimerKind::kAutoApproval, a.id.value)) {
      return Name("assignment", a.id.value) + ": no auto-approval timer";
    }
  }
  for (const Hit& h : s.hits) {
    if (!h.expired && !h.disposed && !has(h.expires, TimerKind::kHitExpiry, h.id.value)) {
      return Name("hit", h.id.value) + ": no expiry timer";
    }
  }
  return {};
}

// A cache that is not stale lists exactly the sets evaluated so far that the worker meets
// (those that depend on counters are exempt while dynamic_stale).
std::string Eligibility(const State& s) {
  for (const Account& w : s.accounts) {
    const AccountState& st = s.account_states[w.id.value - 1];
    if (st.stale) continue;
    if (st.evaluated > s.reqsets.size()) return Name("account", w.id.value) + ": evaluated";
    std::vector<bool> cached(s.reqsets.size(), false);
    for (uint32_t r : st.eligible) {
      if (r == 0 || r >= st.evaluated || cached[r])
        return Name("account", w.id.value) + ": eligible";
      cached[r] = true;
    }
    for (uint32_t r = 1; r < st.evaluated; ++r) {
      if (st.dynamic_stale && s.reqsets[r].dynamic) continue;
      if (cached[r] !=
          MeetsRequirements(s, w, s.reqsets[r].requirements, ActionsGuarded::kAccept)) {
        return Name("account", w.id.value) + ": cached eligibility out of date for " +
               Name("requirement set", r);
      }
    }
  }
  return {};
}

}  // namespace

std::string FindIndexViolation(const State& s) {
  if (std::string v = Groups(s); !v.empty()) return v;
  if (std::string v = AssignmentLists(s); !v.empty()) return v;
  if (std::string v = Holds(s); !v.empty()) return v;
  if (std::string v = Timers(s); !v.empty()) return v;
  if (std::string v = Eligibility(s); !v.empty()) return v;
  return FindTableIndexViolation(s);
}

}  // namespace hitd::engine
