#include "engine/common.h"

#include <charconv>

#include "engine/check.h"

namespace hitd::engine {

namespace {
template <typename T>
T* At(std::vector<T>& v, uint64_t id) {
  if (id == 0 || id > v.size()) return nullptr;
  return &v[id - 1];
}
}  // namespace

Account* FindAccount(State& s, AccountId id) { return At(s.accounts, id.value); }
const Account* FindAccount(const State& s, AccountId id) {
  return FindAccount(const_cast<State&>(s), id);
}
Account* FindRole(State& s, AccountId id, Role role) {
  Account* a = FindAccount(s, id);
  return a != nullptr && a->role == role ? a : nullptr;
}
HitType* FindHitType(State& s, HitTypeId id) { return At(s.hit_types, id.value); }
Hit* FindHit(State& s, HitId id) { return At(s.hits, id.value); }
Assignment* FindAssignment(State& s, AssignmentId id) { return At(s.assignments, id.value); }
QualType* FindQualType(State& s, QualTypeId id) { return At(s.qual_types, id.value); }
QualRequest* FindQualRequest(State& s, QualRequestId id) { return At(s.qual_requests, id.value); }

Account& Actor(State& s, const Context& ctx) {
  Account* a = FindAccount(s, ctx.actor);
  HITD_CHECK(a != nullptr);
  return *a;
}

std::optional<Error> RequireRole(const Account& actor, Role role) {
  if (actor.role != role) return Error{ErrorCode::kPermissionDenied, "role"};
  return std::nullopt;
}

void EmitEvent(State& s, Output& out, EventType type, TimeMs time, AccountId owner, HitId hit,
               AssignmentId assignment, WorkerId worker, QualTypeId qual_type, Cents amount) {
  Event e;
  e.seq = ++s.last_event_seq;
  e.type = type;
  e.time = time;
  e.owner = owner;
  e.hit = hit;
  e.assignment = assignment;
  e.worker = worker;
  e.qual_type = qual_type;
  e.amount = amount;
  out.events.push_back(e);
}

std::optional<Error> CheckPage(const Page& page) {
  if (page.max_results == 0 || page.max_results > limits::kMaxResultsMax) {
    return Error{ErrorCode::kInvalidArgument, "max_results"};
  }
  if (!page.next_token.empty()) {
    uint64_t v = 0;
    const char* end = page.next_token.data() + page.next_token.size();
    auto [p, ec] = std::from_chars(page.next_token.data(), end, v);
    if (ec != std::errc() || p != end || v == 0 || page.next_token.size() > 20) {
      return Error{ErrorCode::kInvalidArgument, "next_token"};
    }
  }
  return std::nullopt;
}

uint64_t PageStart(const Page& page) {
  if (page.next_token.empty()) return 1;
  uint64_t v = 0;
  std::from_chars(page.next_token.data(), page.next_token.data() + page.next_token.size(), v);
  return v + 1;
}

std::string PageToken(uint64_t last_id) { return std::to_string(last_id); }

bool LocaleListed(const std::vector<Locale>& list, const Locale& locale) {
  for (const Locale& entry : list) {
    if (entry.country[0] != locale.country[0] || entry.country[1] != locale.country[1]) continue;
    if (!entry.has_subdivision() || entry == locale) return true;
  }
  return false;
}

namespace {
int32_t Percent(uint64_t part, uint64_t whole, int32_t if_none) {
  if (whole == 0) return if_none;
  return static_cast<int32_t>(part * 100 / whole);
}
}  // namespace

// Approval and rejection rates are over decided (approved or rejected) assignments;
// submission, return and abandonment rates over assignments that ended their working
// time (submitted, returned or abandoned).
int32_t PercentApproved(const WorkerCounters& c) {
  return Percent(c.approved, uint64_t{c.approved} + c.rejected, 100);
}
int32_t PercentRejected(const WorkerCounters& c) {
  return Percent(c.rejected, uint64_t{c.approved} + c.rejected, 0);
}
int32_t PercentSubmitted(const WorkerCounters& c) {
  return Percent(c.submitted, uint64_t{c.submitted} + c.returned + c.abandoned, 100);
}
int32_t PercentReturned(const WorkerCounters& c) {
  return Percent(c.returned, uint64_t{c.submitted} + c.returned + c.abandoned, 0);
}
int32_t PercentAbandoned(const WorkerCounters& c) {
  return Percent(c.abandoned, uint64_t{c.submitted} + c.returned + c.abandoned, 0);
}

}  // namespace hitd::engine
