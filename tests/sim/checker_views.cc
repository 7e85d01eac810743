// The checker's API layer: what a client sees through GetStats, GetHit, GetAssignment
// and ListAssignmentsForHit must agree with the model.
#include <map>
#include <variant>

#include "tests/sim/checker.h"
#include "tests/sim/describe.h"

namespace hitd::sim {

namespace {
std::string Id(const char* what, uint64_t id) {
  return std::string(what) + " " + std::to_string(id);
}
}  // namespace

// Runs a read through the engine and the model; reads must append nothing.
std::string Checker::Query(AccountId actor, TimeMs now, const Command& command, Result* result) {
  Context ctx;
  ctx.actor = actor;
  ctx.now = now;
  Output out;
  *result = engine_->Apply(ctx, command, out);
  if (!out.events.empty()) return "a read emitted events: " + DescribeCommand(ctx, command);
  if (allow_unsupported_ && result->error().code == ErrorCode::kUnsupported) return {};
  Verdict v = model_.Apply(ctx, command, *result);
  if (!v.mismatch.empty()) return DescribeCommand(ctx, command) + ": " + v.mismatch;
  return {};
}

std::string Checker::CompareHit(const MHit& m, TimeMs now) {
  if (m.disposed || model_.state().accounts.at(m.requester.value).suspended) return {};
  Result r;
  if (auto err = Query(m.requester, now, GetHit{m.id}, &r); !err.empty()) return err;
  if (!r.ok()) return {};
  const auto* view = std::get_if<HitView>(&r.reply);
  if (view == nullptr) return Id("GetHit: reply is not a HitView: HIT", m.id.value);
  const Hit& h = view->hit;
  if (h.free != m.free || h.accepted != m.accepted || h.submitted != m.submitted ||
      h.approved != m.approved || h.rejected_closed != m.rejected_closed ||
      h.max_assignments != m.max_assignments) {
    return Id("GetHit: slot counts differ from the model: HIT", m.id.value);
  }
  bool uncertain = m.reviewing && m.free > 0 && !m.expired;
  if (!uncertain && view->status != model_.StatusOf(m)) {
    return Id("GetHit: status differs from the model: HIT", m.id.value) + " (engine " +
           std::to_string(static_cast<int>(view->status)) + ", model " +
           std::to_string(static_cast<int>(model_.StatusOf(m))) + ")";
  }
  const uint32_t available = m.free;
  if (!uncertain && (view->available != available || view->pending != m.accepted)) {
    return Id("GetHit: available or pending count differs: HIT", m.id.value);
  }
  return {};
}

std::string Checker::CompareAssignment(const MAssignment& m, TimeMs now) {
  if (model_.state().accounts.at(m.worker.value).suspended) return {};  // it cannot read
  Result r;
  if (auto err = Query(m.worker, now, GetAssignment{m.id}, &r); !err.empty()) return err;
  if (!r.ok()) return {};
  const auto* view = std::get_if<AssignmentView>(&r.reply);
  if (view == nullptr) return Id("GetAssignment: reply is not a view: assignment", m.id.value);
  const Assignment& a = view->assignment;
  if (a.status != m.status || a.hit != m.hit || a.worker != m.worker || a.deadline != m.deadline) {
    return Id("GetAssignment: differs from the model: assignment", m.id.value) +
           " (engine status " + std::to_string(static_cast<int>(a.status)) + ", model " +
           std::to_string(static_cast<int>(m.status)) + ")";
  }
  return {};
}

// Pages through ListAssignmentsForHit and counts each status: the counts must equal the
// HIT's slot counters (and the model's), and no assignment may appear twice.
std::string Checker::ListForHit(const MHit& m, TimeMs now) {
  if (m.disposed) return {};
  std::map<AssignmentStatus, uint32_t> count;
  std::map<uint64_t, bool> seen;
  ListAssignmentsForHit list;
  list.hit = m.id;
  list.page.max_results = 7;  // small pages, so that paging itself is exercised
  for (int pages = 0; pages < 10000; ++pages) {
    Result r;
    if (auto err = Query(m.requester, now, list, &r); !err.empty()) return err;
    if (!r.ok()) return {};
    const auto* got = std::get_if<AssignmentList>(&r.reply);
    if (got == nullptr) return Id("ListAssignmentsForHit: unexpected reply: HIT", m.id.value);
    for (const AssignmentView& v : got->assignments) {
      if (seen[v.assignment.id.value])
        return Id("ListAssignmentsForHit: repeated assignment", v.assignment.id.value);
      seen[v.assignment.id.value] = true;
      if (v.assignment.hit != m.id)
        return Id("ListAssignmentsForHit: foreign assignment", v.assignment.id.value);
      count[v.assignment.status] += 1;
    }
    if (got->next_token.empty()) break;
    list.page.next_token = got->next_token;
  }
  uint32_t total = 0;
  for (const auto& [id, a] : model_.state().assignments) total += a.hit == m.id;
  if (seen.size() != total)
    return Id("ListAssignmentsForHit: wrong number of assignments: HIT", m.id.value);
  if (count[AssignmentStatus::kAccepted] != m.accepted ||
      count[AssignmentStatus::kSubmitted] != m.submitted ||
      count[AssignmentStatus::kApproved] != m.approved) {
    return Id("ListAssignmentsForHit: status counts differ from the slot counts: HIT", m.id.value);
  }
  return {};
}

std::string Checker::CompareViews(const Verdict& v, TimeMs now, bool full) {
  Result r;
  if (auto err = Query(kBootstrapAdmin, now, GetStats{}, &r); !err.empty()) return err;
  if (const auto* st = std::get_if<Stats>(&r.reply); st && st->events != last_seq_) {
    return "GetStats: events " + std::to_string(st->events) + " != last event seq " +
           std::to_string(last_seq_);
  }
  const ModelState& m = model_.state();
  for (HitId id : v.touched_hits) {
    if (auto err = CompareHit(m.hits.at(id.value), now); !err.empty()) return err;
  }
  for (AssignmentId id : v.touched_assignments) {
    if (auto err = CompareAssignment(m.assignments.at(id.value), now); !err.empty()) return err;
  }
  if (!full) return {};
  for (const auto& [id, h] : m.hits) {
    if (auto err = CompareHit(h, now); !err.empty()) return err;
    if (auto err = ListForHit(h, now); !err.empty()) return err;
  }
  for (const auto& [id, a] : m.assignments) {
    if (auto err = CompareAssignment(a, now); !err.empty()) return err;
  }
  for (const auto& [id, a] : m.accounts) {
    if (auto err = Query(kBootstrapAdmin, now, GetAccount{a.id}, &r); !err.empty()) return err;
  }
  return {};
}

}  // namespace hitd::sim
