// Accept, AcceptNext and ListHITGroups: matching workers to open slots.
#include "engine/accept.h"

#include <algorithm>

#include "engine/check.h"
#include "engine/common.h"
#include "engine/eligibility.h"
#include "engine/handlers.h"
#include "engine/limits.h"
#include "engine/matching.h"
#include "engine/views.h"

namespace hitd::engine {

namespace {
constexpr uint64_t kIdMask = limits::kIdMax;

// The worker's Accepted assignments still within their deadline: one past it is
// abandoned in effect, whether or not its Tick has fired. Walks the worker's list, so
// it is called only when the running count says the worker is at the cap.
uint32_t LiveAccepted(const State& s, const AccountState& st, TimeMs now) {
  uint32_t live = 0;
  for (uint32_t a = st.first_assignment; a != 0; a = s.assignment_links[a - 1].next_in_worker) {
    const Assignment& as = s.assignments[a - 1];
    live += as.status == AssignmentStatus::kAccepted && now < as.deadline;
  }
  return live;
}

std::optional<Error> CheckWorkerLimits(const State& s, const Account& w, const AccountState& st,
                                       TimeMs now) {
  if (st.accepted_now >= s.config.max_accepted_per_worker &&
      LiveAccepted(s, st, now) >= s.config.max_accepted_per_worker) {
    return Error{ErrorCode::kResourceExhausted, "max_accepted_per_worker"};
  }
  const EngineConfig& c = s.config;
  if (c.probation_approvals > 0 && w.counters.approved < c.probation_approvals) {
    uint32_t today = w.accepts_day == UtcDay(now) ? w.accepts_today : 0;
    if (today >= c.probation_daily_accepts)
      return Error{ErrorCode::kResourceExhausted, "probation"};
  }
  return std::nullopt;
}

// Rules of the group for this worker: blocks, exclusions, the per-worker cap.
std::optional<Error> CheckGroupRules(const State& s, const Account& w, const HitType& type) {
  if (s.blocked.Find(PairKey(type.requester.value, w.id.value)) != nullptr) {
    return Error{ErrorCode::kPermissionDenied, "requester"};
  }
  for (HitTypeId x : s.groups[type.id.value - 1].exclusions) {
    const WorkerGroup* wg = s.worker_groups.Find(PairKey(w.id.value, x.value));
    if (wg != nullptr && wg->taken > 0)
      return Error{ErrorCode::kPermissionDenied, "excluded_types"};
  }
  if (type.per_worker_cap > 0) {
    const WorkerGroup* wg = s.worker_groups.Find(PairKey(w.id.value, type.id.value));
    if (wg != nullptr && wg->taken >= type.per_worker_cap) {
      return Error{ErrorCode::kResourceExhausted, "per_worker_cap"};
    }
  }
  return std::nullopt;
}

bool FilterMatches(const HitType& t, const WorkFilter& f) {
  return (!f.type || f.type == t.id) && (!f.requester || f.requester == t.requester) &&
         t.reward >= f.min_reward && (f.keyword.empty() || HasKeyword(t.keywords, f.keyword));
}

struct Found {
  uint32_t hit = 0;
  uint64_t key = 0;
  bool contiguous = false;  // every HIT before it from the cursor is the worker's own
};

// Steps the worker's cursor back over HITs that re-entered the group since it looked.
void CatchUp(const Group& g, WorkerGroup& wg) {
  if (wg.gen == g.gen) return;
  if (g.gen - wg.gen <= 8) {
    for (uint32_t gen = wg.gen + 1; gen != g.gen + 1; ++gen) {
      wg.cursor_key = std::min(wg.cursor_key, g.reopened[gen % 8]);
    }
  } else {
    wg.cursor_key = 0;  // too far behind: rescan from the start
  }
  wg.gen = g.gen;
}

Found FindBreadthFirst(const State& s, const Group& g, WorkerId w, TimeMs now) {
  Found best;
  uint32_t best_taken = 0;
  for (size_t i = g.begin; i < g.order.size(); ++i) {
    const Hit& h = s.hits[(g.order[i] & kIdMask) - 1];
    uint32_t taken = h.max_assignments - h.free;
    if (now >= h.expires || (best.hit != 0 && taken >= best_taken) || HoldsHit(s, w, h.id))
      continue;
    best = Found{static_cast<uint32_t>(h.id.value), g.order[i], false};
    best_taken = taken;
    if (taken == 0) break;
  }
  return best;
}

// The HIT the worker would take in the group, in the group's order; hit 0 if none.
Found FindInGroup(State& s, const Account& w, const HitType& type, TimeMs now) {
  Group& g = s.groups[type.id.value - 1];
  if (g.order.size() == g.begin) return Found{};
  if (type.order == AssignmentOrder::kBreadthFirst) return FindBreadthFirst(s, g, w.id, now);
  WorkerGroup* wg = s.worker_groups.Find(PairKey(w.id.value, type.id.value));
  uint64_t start = 0;
  if (wg != nullptr) {
    CatchUp(g, *wg);
    start = wg->cursor_key;
  }
  auto it = std::lower_bound(g.order.begin() + g.begin, g.order.end(), start);
  // Reading a HIT costs a cache miss; skip the reads that cannot change the answer: a
  // worker with no hold in the group holds none of its HITs, and no HIT expires before
  // the group's bound.
  const bool may_hold = wg != nullptr && wg->taken > 0;
  const bool may_expire = now >= g.expires_bound;
  bool contiguous = true;
  for (; it != g.order.end(); ++it) {
    HitId id(*it & kIdMask);
    if (may_expire && now >= s.hits[id.value - 1].expires) {
      contiguous = false;  // expired, awaiting its timer
      continue;
    }
    if (!may_hold || !HoldsHit(s, w.id, id)) {
      return Found{static_cast<uint32_t>(id.value), *it, contiguous};
    }
    if (contiguous) wg->cursor_key = *it + 1;
  }
  return Found{};
}

AssignmentView Take(State& s, const Context& ctx, Account& w, Hit& hit, const Found& found,
                    Output& out) {
  const HitType& type = TypeOf(s, hit);
  AccountState& st = StateOf(s, w);
  // Start every cache miss this takes at once, then do the bookkeeping while they load:
  // the two index slots, the worker's previous assignment, the timer heap's parent.
  const uint64_t holder_key = PairKey(w.id.value, hit.id.value);
  const uint64_t group_key = PairKey(w.id.value, type.id.value);
  s.holder.Prefetch(holder_key);
  s.worker_groups.Prefetch(group_key);
  if (st.last_assignment != 0) __builtin_prefetch(&s.assignment_links[st.last_assignment - 1]);
  s.timers.PrefetchPush();
  uint32_t id = static_cast<uint32_t>(s.assignments.size() + 1);
  Assignment a;
  a.id = AssignmentId(id);
  a.hit = hit.id;
  a.worker = w.id;
  a.accepted = ctx.now;
  a.deadline = ctx.now + type.assignment_duration;
  s.assignments.push_back(a);
  s.assignment_links.emplace_back();
  HitState& hs = s.hit_states[Index(hit.id.value)];
  (hs.last_assignment ? s.assignment_links[hs.last_assignment - 1].next_in_hit
                      : hs.first_assignment) = id;
  hs.last_assignment = id;
  --hit.free;
  ++hit.accepted;
  ++w.counters.accepted;
  ++st.accepted_now;
  int32_t day = UtcDay(ctx.now);
  if (w.accepts_day != day) {
    w.accepts_day = day;
    w.accepts_today = 0;
  }
  ++w.accepts_today;
  EmitEvent(s, out, EventType::kAssignmentAccepted, ctx.now, hit.requester, hit.id, a.id, w.id);
  Emit(out, w);
  Emit(out, a);
  AfterHitChange(s, hit, ctx.now, out);
  (st.last_assignment ? s.assignment_links[st.last_assignment - 1].next_in_worker
                      : st.first_assignment) = id;
  st.last_assignment = id;
  s.timers.Push(a.deadline, TimerKind::kDeadline, id);
  s.holder.FindOrInsert(holder_key) = id;
  WorkerGroup& wg =
      s.worker_groups.FindOrInsert(group_key, WorkerGroup{0, GroupOf(s, type.id).gen, 0});
  ++wg.taken;
  if (found.contiguous) wg.cursor_key = std::max(wg.cursor_key, found.key + 1);
  return MakeAssignmentView(s, a);
}

bool MeetsReqSet(const AccountState& st, uint32_t reqset) {
  return reqset == 0 ||
         std::find(st.eligible.begin(), st.eligible.end(), reqset) != st.eligible.end();
}

// Scans one requirement set's groups from the best down, stopping at the first group
// with a HIT for the worker or at a group no better than `best`.
void ScanReqSet(State& s, const Account& w, uint32_t r, const WorkFilter& f, TimeMs now,
                uint64_t& best_key, Found& best) {
  const std::vector<uint64_t>& groups = s.reqsets[r].groups;
  for (size_t i = groups.size(); i-- > 0;) {
    uint64_t key = groups[i];
    if (key <= best_key) return;
    const HitType& type = s.hit_types[(kIdMask - (key & kIdMask)) - 1];
    if (type.reward < f.min_reward) return;  // rewards only fall from here
    if (!FilterMatches(type, f) || CheckGroupRules(s, w, type)) continue;
    Found found = FindInGroup(s, w, type, now);
    if (found.hit != 0) {
      best_key = key;
      best = found;
      return;
    }
  }
}

}  // namespace

bool HasKeyword(std::string_view keywords, std::string_view keyword) {
  auto trim = [](std::string_view v) {
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    return v;
  };
  // ASCII case folding: the C library's tolower depends on the process locale.
  auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  keyword = trim(keyword);
  while (!keywords.empty()) {
    size_t comma = keywords.find(',');
    std::string_view k = trim(keywords.substr(0, comma));
    if (k.size() == keyword.size() &&
        std::equal(k.begin(), k.end(), keyword.begin(),
                   [&](char a, char b) { return fold(a) == fold(b); })) {
      return true;
    }
    if (comma == std::string_view::npos) break;
    keywords.remove_prefix(comma + 1);
  }
  return false;
}

Result AcceptNextFor(State& s, const Context& ctx, Account& w, const WorkFilter& f, Output& out) {
  // The best unrestricted group is usually where the worker's next HIT is: start loading
  // the worker's state in it while the rules are checked.
  if (!s.reqsets[0].groups.empty()) {
    uint64_t top = kIdMask - (s.reqsets[0].groups.back() & kIdMask);
    s.worker_groups.Prefetch(PairKey(w.id.value, top));
  }
  AccountState& st = StateOf(s, w);
  if (auto e = CheckWorkerLimits(s, w, st, ctx.now)) return Result{*e};
  if (f.keyword.size() > limits::kKeywordsMax) return Fail(ErrorCode::kInvalidArgument, "keyword");
  RefreshEligibility(s, w, st);
  uint64_t best_key = 0;
  Found best;
  if (f.type) {
    HitType* type = FindHitType(s, f.type);
    if (type == nullptr) return Fail(ErrorCode::kNotFound, "hit_type_id");
    Group& g = GroupOf(s, type->id);
    if (g.listed && MeetsReqSet(st, g.reqset) && FilterMatches(*type, f) &&
        !CheckGroupRules(s, w, *type)) {
      best = FindInGroup(s, w, *type, ctx.now);
    }
  } else {
    ScanReqSet(s, w, 0, f, ctx.now, best_key, best);
    for (uint32_t r : st.eligible) ScanReqSet(s, w, r, f, ctx.now, best_key, best);
  }
  if (best.hit == 0) return Fail(ErrorCode::kNoWorkAvailable);
  return Result{Take(s, ctx, w, s.hits[best.hit - 1], best, out)};
}

Result Handle(State& s, const Context& ctx, const AcceptNext& c, Output& out) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kWorker)) return Result{*e};
  return AcceptNextFor(s, ctx, actor, c.filter, out);
}

Result Handle(State& s, const Context& ctx, const Accept& c, Output& out) {
  Account& w = Actor(s, ctx);
  if (auto e = RequireRole(w, Role::kWorker)) return Result{*e};
  Hit* hit = FindHit(s, c.hit);
  if (hit == nullptr || hit->disposed) return Fail(ErrorCode::kNotFound, "hit_id");
  const HitType& type = TypeOf(s, *hit);
  if (s.blocked.Find(PairKey(hit->requester.value, w.id.value)) != nullptr ||
      !MeetsRequirements(s, w, type.requirements, ActionsGuarded::kDiscoverPreviewAndAccept)) {
    return Fail(ErrorCode::kNotFound, "hit_id");  // hidden from this worker
  }
  if (HoldsHit(s, w.id, hit->id)) return Fail(ErrorCode::kAlreadyExists, "hit_id");
  if (!HitOpen(*hit, ctx.now)) return Fail(ErrorCode::kFailedPrecondition, "hit_id");
  if (!MeetsRequirements(s, w, type.requirements, ActionsGuarded::kAccept)) {
    return Fail(ErrorCode::kPermissionDenied, "requirements");
  }
  if (auto e = CheckWorkerLimits(s, w, StateOf(s, w), ctx.now)) return Result{*e};
  if (auto e = CheckGroupRules(s, w, type)) return Result{*e};
  return Result{Take(s, ctx, w, *hit, Found{static_cast<uint32_t>(hit->id.value), 0, false}, out)};
}

}  // namespace hitd::engine
