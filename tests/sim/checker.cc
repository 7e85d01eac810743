#include "tests/sim/checker.h"

#include <map>
#include <set>
#include <variant>

namespace hitd::sim {

namespace {
std::string Id(const char* what, uint64_t id) {
  return std::string(what) + " " + std::to_string(id);
}
// Hit::returned and Hit::abandoned were not maintained before c3311da (FINDINGS.md,
// finding 1); the switch turns the check off for older engines.
constexpr bool kCheckReturnedAbandoned = true;

std::string HitLine(uint64_t type, uint32_t max, uint32_t free, uint32_t accepted,
                    uint32_t submitted, uint32_t approved, uint32_t rejected_closed,
                    uint32_t unslotted, bool expired, bool reviewing, bool disposed,
                    int64_t expires, int64_t fee) {
  return "type=" + std::to_string(type) + " max=" + std::to_string(max) +
         " free=" + std::to_string(free) + " accepted=" + std::to_string(accepted) +
         " submitted=" + std::to_string(submitted) + " approved=" + std::to_string(approved) +
         " rejected_closed=" + std::to_string(rejected_closed) +
         " unslotted=" + std::to_string(unslotted) + " expired=" + std::to_string(expired) +
         " reviewing=" + std::to_string(reviewing) + " disposed=" + std::to_string(disposed) +
         " expires=" + std::to_string(expires) + " fee=" + std::to_string(fee);
}

bool Holds(AssignmentStatus s) {
  return s == AssignmentStatus::kAccepted || s == AssignmentStatus::kSubmitted ||
         s == AssignmentStatus::kApproved || s == AssignmentStatus::kRejected;
}
size_t OutputSize(const Output& o) {
  return o.events.size() + o.accounts.size() + o.profiles.size() + o.qual_types.size() +
         o.grants.size() + o.qual_requests.size() + o.hit_types.size() + o.hits.size() +
         o.assignments.size() + o.bonuses.size() + o.blocks.size() + o.payloads.size() +
         o.tokens.size();
}
}  // namespace

std::string Checker::CheckOutput(const Result& result, const Output& out) {
  if (!result.ok() && OutputSize(out) != 0) return "a failed command appended to the Output";
  for (const Event& e : out.events) {
    if (e.seq != last_seq_ + 1) {
      return "event sequence gap: got " + std::to_string(e.seq) + " after " +
             std::to_string(last_seq_);
    }
    last_seq_ = e.seq;
  }
  return {};
}

std::string Checker::CheckEvents(const Command& command, const Result& result,
                                 const Output& out) const {
  if (!result.ok()) return {};
  std::map<EventType, uint32_t> n;
  for (const Event& e : out.events) n[e.type] += 1;
  if (const auto* t = std::get_if<TickResult>(&result.reply)) {
    if (n[EventType::kAssignmentAbandoned] != t->abandoned ||
        n[EventType::kHitExpired] != t->expired ||
        n[EventType::kAssignmentApproved] != t->auto_approved) {
      return "Tick: events do not match its TickResult";
    }
  }
  const auto* view = std::get_if<AssignmentView>(&result.reply);
  if (view != nullptr &&
      (std::holds_alternative<Accept>(command) || std::holds_alternative<AcceptNext>(command))) {
    if (n[EventType::kAssignmentAccepted] != 1) return "accept: not one AssignmentAccepted event";
    for (const Event& e : out.events) {
      if (e.type == EventType::kAssignmentAccepted && e.assignment != view->assignment.id) {
        return "accept: the AssignmentAccepted event names another assignment";
      }
    }
  }
  return {};
}

std::string Checker::CheckEngineInvariants() const {
  const State& s = engine_->state();
  int64_t total = s.platform_revenue.value;
  for (const Account& a : s.accounts) {
    if (a.available.value < 0 || a.escrow.value < 0 || a.withdrawn.value < 0) {
      return Id("negative balance: account", a.id.value);
    }
    total += a.available.value + a.escrow.value + a.withdrawn.value;
  }
  if (total != s.deposits.value) {
    return "money not conserved: deposits " + std::to_string(s.deposits.value) +
           " != sum of accounts and revenue " + std::to_string(total);
  }
  std::map<uint64_t, std::map<AssignmentStatus, uint32_t>> per_hit;
  std::set<std::pair<uint64_t, uint64_t>> holders;
  std::map<uint64_t, uint32_t> accepted_now;
  std::map<std::pair<uint64_t, uint64_t>, uint32_t> per_group;
  for (const Assignment& a : s.assignments) {
    per_hit[a.hit.value][a.status] += 1;
    if (Holds(a.status) && !holders.insert({a.worker.value, a.hit.value}).second) {
      return Id("worker twice on one HIT: worker", a.worker.value) + Id(", HIT", a.hit.value);
    }
    accepted_now[a.worker.value] += a.status == AssignmentStatus::kAccepted;
    if (Holds(a.status)) per_group[{a.worker.value, s.hits.at(a.hit.value - 1).type.value}] += 1;
  }
  for (const auto& [worker, n] : accepted_now) {
    if (n > s.config.max_accepted_per_worker) return Id("worker above the accept cap:", worker);
  }
  // UpdateHITTypeOfHIT may move a worker's holds into a group already at its cap: the
  // cap governs accepting, so groups that received a moved HIT are not checked.
  std::set<uint64_t> moved_into;
  for (const auto& [id, h] : model_.state().hits) {
    if (h.type_changed) moved_into.insert(h.type.value);
  }
  for (const auto& [key, n] : per_group) {
    uint32_t cap = s.hit_types.at(key.second - 1).per_worker_cap;
    if (cap != 0 && n > cap && !moved_into.count(key.second))
      return Id("worker above the group cap: worker", key.first);
  }
  for (const Hit& h : s.hits) {
    // records.h: while open every slot is free or used; once expired or deleted the
    // unfilled slots were refunded and free is 0.
    const uint64_t used =
        uint64_t{h.accepted} + h.submitted + h.approved - h.unslotted + h.rejected_closed;
    if (h.unslotted > h.approved) return Id("more unslotted than approved: HIT", h.id.value);
    if (!h.expired && !h.disposed && h.max_assignments != used + h.free) {
      return Id("slot counts do not add up to max_assignments: HIT", h.id.value);
    }
    if ((h.expired || h.disposed) && (h.free != 0 || used > h.max_assignments)) {
      return Id("an expired HIT keeps free slots or uses too many: HIT", h.id.value);
    }
    auto& n = per_hit[h.id.value];
    if (n[AssignmentStatus::kAccepted] != h.accepted ||
        n[AssignmentStatus::kSubmitted] != h.submitted ||
        n[AssignmentStatus::kApproved] != h.approved ||
        n[AssignmentStatus::kRejected] != h.rejected ||
        (kCheckReturnedAbandoned && (n[AssignmentStatus::kReturned] != h.returned ||
                                     n[AssignmentStatus::kAbandoned] != h.abandoned))) {
      return Id("slot counts differ from the assignments in each state: HIT", h.id.value);
    }
  }
  return {};
}

std::string Checker::CompareRecords() const {
  const State& s = engine_->state();
  const ModelState& m = model_.state();
  if (s.accounts.size() != m.accounts.size()) return "account count differs";
  if (s.hits.size() != m.hits.size()) return "HIT count differs";
  if (s.assignments.size() != m.assignments.size()) return "assignment count differs";
  if (s.hit_types.size() != m.hit_types.size()) return "HIT type count differs";
  for (const auto& [id, a] : m.accounts) {
    const Account& e = s.accounts[id - 1];
    if (e.role != a.role || (e.status == AccountStatus::kSuspended) != a.suspended) {
      return Id("role or status differs: account", id);
    }
    if (e.available.value != a.available || e.withdrawn.value != a.withdrawn) {
      return Id("available/withdrawn differs: account", id) + ": engine " +
             std::to_string(e.available.value) + "/" + std::to_string(e.withdrawn.value) +
             ", model " + std::to_string(a.available) + "/" + std::to_string(a.withdrawn);
    }
    if (a.role == Role::kRequester && e.escrow.value != model_.EscrowOf(a.id)) {
      return Id("escrow differs: account", id) + ": engine " + std::to_string(e.escrow.value) +
             ", model " + std::to_string(model_.EscrowOf(a.id));
    }
  }
  if (s.platform_revenue.value != m.revenue) return "platform revenue differs";
  for (const auto& [id, h] : m.hits) {
    const Hit& e = s.hits[id - 1];
    bool same = e.type == h.type && e.requester == h.requester && e.expires == h.expires &&
                e.reward.value == h.reward && e.fee.value == h.fee &&
                e.max_assignments == h.max_assignments && e.free == h.free &&
                e.accepted == h.accepted && e.submitted == h.submitted &&
                e.approved == h.approved && e.rejected_closed == h.rejected_closed &&
                e.unslotted == h.unslotted && e.expired == h.expired && e.disposed == h.disposed &&
                e.reviewing == h.reviewing;
    if (!same) {
      return Id("HIT record differs from the model: HIT", id) + "\n  engine: " +
             HitLine(e.type.value, e.max_assignments, e.free, e.accepted, e.submitted, e.approved,
                     e.rejected_closed, e.unslotted, e.expired, e.reviewing, e.disposed,
                     e.expires.value, e.fee.value) +
             "\n  model:  " +
             HitLine(h.type.value, h.max_assignments, h.free, h.accepted, h.submitted, h.approved,
                     h.rejected_closed, h.unslotted, h.expired, h.reviewing, h.disposed,
                     h.expires.value, h.fee);
    }
  }
  for (const auto& [id, a] : m.assignments) {
    const Assignment& e = s.assignments[id - 1];
    if (e.status != a.status || e.hit != a.hit || e.worker != a.worker ||
        e.deadline != a.deadline || e.reopened != a.reopened) {
      return Id("assignment record differs from the model: assignment", id) + " (engine status " +
             std::to_string(static_cast<int>(e.status)) + ", model " +
             std::to_string(static_cast<int>(a.status)) + ")";
    }
    if (a.status == AssignmentStatus::kSubmitted && e.auto_approval != a.auto_approval) {
      return Id("auto-approval time differs: assignment", id);
    }
  }
  return {};
}

void Checker::Resync(const Verdict& v) {
  const State& s = engine_->state();
  for (HitId id : v.resync_hits) model_.ResyncHit(s.hits.at(id.value - 1));
  for (AccountId id : v.resync_accounts) {
    const Account& a = s.accounts.at(id.value - 1);
    model_.ResyncBalance(id, a.available, a.withdrawn);
  }
}

}  // namespace hitd::sim
