// Paged lists of HITs and assignments. A next_token is the id of the last item given;
// the next page starts after it, so pages stay stable while new items are added.
#include <algorithm>

#include "engine/common.h"
#include "engine/handlers.h"
#include "engine/matching.h"
#include "engine/views.h"

namespace hitd::engine {

namespace {

// The filters of the assignment lists: statuses (empty: any) and the accept time range.
template <typename ListCommand>
bool Keep(const Assignment& a, const ListCommand& c) {
  return (c.statuses.empty() ||
          std::find(c.statuses.begin(), c.statuses.end(), a.status) != c.statuses.end()) &&
         (!c.accepted_after || a.accepted >= *c.accepted_after) &&
         (!c.accepted_before || a.accepted < *c.accepted_before);
}

// Lists the requester's HITs that pass `keep`, in id order.
template <typename Keep>
Result ListOwnHits(State& s, const Context& ctx, const Page& page, Keep keep) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kRequester)) return Result{*e};
  if (auto e = CheckPage(page)) return Result{*e};
  static const std::vector<uint32_t> kNone;
  auto own = s.hits_by_requester.find(actor.id.value);
  const std::vector<uint32_t>& ids = own == s.hits_by_requester.end() ? kNone : own->second;
  uint64_t start = PageStart(page);
  HitList list;
  auto it = std::lower_bound(ids.begin(), ids.end(), start);
  for (; it != ids.end() && list.hits.size() < page.max_results; ++it) {
    const Hit& hit = s.hits[*it - 1];
    if (keep(hit)) list.hits.push_back(MakeHitView(s, hit, ctx.now));
  }
  if (it != ids.end()) list.next_token = PageToken(*(it - 1));
  return Result{std::move(list)};
}

// Follows an intrusive assignment list after the page token, which must name an
// assignment of the same list (`in_list`).
template <typename ListCommand, typename Next, typename InList>
Result ListAssignments(State& s, uint32_t first, const ListCommand& c, Next next, InList in_list) {
  const Page& page = c.page;
  if (auto e = CheckPage(page)) return Result{*e};
  uint32_t a = first;
  if (!page.next_token.empty()) {
    uint64_t last = PageStart(page) - 1;
    if (last > s.assignments.size() || !in_list(s.assignments[last - 1])) {
      return Fail(ErrorCode::kInvalidArgument, "next_token");
    }
    a = next(static_cast<uint32_t>(last));
  }
  AssignmentList list;
  uint32_t last_seen = 0;
  for (; a != 0 && list.assignments.size() < page.max_results; a = next(a)) {
    last_seen = a;
    const Assignment& as = s.assignments[a - 1];
    if (Keep(as, c)) list.assignments.push_back(MakeAssignmentView(s, as));
  }
  if (a != 0) list.next_token = PageToken(last_seen);
  return Result{std::move(list)};
}

}  // namespace

Result Handle(State& s, const Context& ctx, const ListHits& c, Output&) {
  return ListOwnHits(s, ctx, c.page, [&](const Hit& h) {
    return (!c.status || StatusOf(h, ctx.now) == *c.status) && (!c.type || h.type == c.type) &&
           (!c.created_after || h.created >= *c.created_after) &&
           (!c.created_before || h.created < *c.created_before);
  });
}

Result Handle(State& s, const Context& ctx, const ListReviewableHits& c, Output&) {
  if (c.status != HitStatus::kReviewable && c.status != HitStatus::kReviewing) {
    return Fail(ErrorCode::kInvalidArgument, "status");
  }
  return ListOwnHits(s, ctx, c.page, [&](const Hit& h) {
    return StatusOf(h, ctx.now) == c.status && (!c.type || h.type == c.type);
  });
}

Result Handle(State& s, const Context& ctx, const ListAssignmentsForHit& c, Output&) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kRequester)) return Result{*e};
  Hit* hit = FindHit(s, c.hit);
  if (hit == nullptr || hit->requester != actor.id) return Fail(ErrorCode::kNotFound, "hit_id");
  const HitState& hs = s.hit_states[hit->id.value - 1];
  return ListAssignments(
      s, hs.first_assignment, c, [&](uint32_t a) { return s.assignment_links[a - 1].next_in_hit; },
      [&](const Assignment& a) { return a.hit == hit->id; });
}

Result Handle(State& s, const Context& ctx, const ListMyAssignments& c, Output&) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kWorker)) return Result{*e};
  return ListAssignments(
      s, StateOf(s, actor).first_assignment, c,
      [&](uint32_t a) { return s.assignment_links[a - 1].next_in_worker; },
      [&](const Assignment& a) { return a.worker == actor.id; });
}

}  // namespace hitd::engine
