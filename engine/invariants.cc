// The record-level invariants (invariants.h): money, slots and holds.
#include "engine/invariants.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/common.h"
#include "engine/money.h"
#include "engine/views.h"

namespace hitd::engine {

namespace {

std::string Name(const char* what, uint64_t id) {
  return std::string(what) + " " + std::to_string(id);
}

// Adds without overflowing; false when the sum would not fit (only absurd records).
bool Add(Cents& sum, Cents v) { return !__builtin_add_overflow(sum.value, v.value, &sum.value); }

std::string Money(const State& s) {
  // Far above any real total (2^61 cents), and far enough below 2^63 that the sums of
  // LedgerImbalance cannot overflow.
  constexpr int64_t kTotalMax = int64_t{1} << 61;
  for (Cents total : {s.deposits, s.requester_available, s.escrow, s.worker_available, s.withdrawn,
                      s.platform_revenue}) {
    if (total.value < 0 || total.value > kTotalMax) return "a ledger total is out of range";
  }
  if (LedgerImbalance(s).value != 0) {
    return "the ledger totals do not balance: deposits differ from the balances and revenue "
           "by " +
           std::to_string(LedgerImbalance(s).value) + " cents";
  }
  Cents req_available, escrow, worker_available, withdrawn;
  for (const Account& a : s.accounts) {
    if (a.available.value < 0 || a.escrow.value < 0 || a.withdrawn.value < 0) {
      return Name("account", a.id.value) + ": a negative balance";
    }
    bool fits = true;
    if (a.role == Role::kRequester) {
      fits = Add(req_available, a.available) && Add(escrow, a.escrow);
    } else if (a.role == Role::kWorker) {
      fits = Add(worker_available, a.available) && Add(withdrawn, a.withdrawn);
    }
    if (!fits) return "the balances overflow";
  }
  if (req_available != s.requester_available) return "requesters' available != its ledger total";
  if (escrow != s.escrow) return "requesters' escrow != its ledger total";
  if (worker_available != s.worker_available) return "workers' available != its ledger total";
  if (withdrawn != s.withdrawn) return "workers' withdrawn != its ledger total";
  return {};
}

// One HIT against the counts of its assignments in each status (indexed status - 1).
std::string OneHit(const Hit& h, const uint32_t* c) {
  if (c[0] != h.accepted || c[1] != h.submitted || c[2] != h.approved || c[3] != h.rejected ||
      c[4] != h.returned || c[5] != h.abandoned) {
    return Name("hit", h.id.value) + ": its counts differ from its assignments";
  }
  if (h.rejected_closed > h.rejected || h.unslotted > h.approved) {
    return Name("hit", h.id.value) + ": more closed rejections or unslotted approvals than exist";
  }
  const uint64_t used =
      uint64_t{h.accepted} + h.submitted + h.approved - h.unslotted + h.rejected_closed;
  if (h.expired || h.disposed) {
    if (h.free != 0) return Name("hit", h.id.value) + ": free slots after expiry or disposal";
    if (used > h.max_assignments) return Name("hit", h.id.value) + ": more slots used than exist";
  } else if (used + h.free != h.max_assignments) {
    return Name("hit", h.id.value) + ": its slots do not add up to max_assignments";
  }
  if (h.disposed && (h.accepted != 0 || h.submitted != 0)) {
    return Name("hit", h.id.value) + ": disposed with work in progress";
  }
  return {};
}

std::string Hits(const State& s) {
  std::vector<uint32_t> counts(s.hits.size() * 6, 0);
  for (const Assignment& a : s.assignments) {
    ++counts[(a.hit.value - 1) * 6 + (uint32_t(a.status) - 1)];
    if (a.status != AssignmentStatus::kReturned && a.status != AssignmentStatus::kAbandoned) {
      const uint32_t* held = s.holder.Find(PairKey(a.worker.value, a.hit.value));
      if (held == nullptr || *held != a.id.value) {
        return Name("assignment", a.id.value) + ": its worker holds its HIT twice";
      }
    }
  }
  std::map<uint64_t, Cents> escrow_by_requester;
  for (const Hit& h : s.hits) {
    if (std::string v = OneHit(h, &counts[(h.id.value - 1) * 6]); !v.empty()) return v;
    if (!Add(escrow_by_requester[h.requester.value], HitEscrow(h))) return "escrow overflows";
    const HitState& hs = s.hit_states[h.id.value - 1];
    if (hs.listed != (h.free > 0 && !h.expired && !h.disposed)) {
      return Name("hit", h.id.value) + ": listed for matching exactly when it must not be";
    }
  }
  for (const Account& a : s.accounts) {
    if (a.role == Role::kRequester && escrow_by_requester[a.id.value] != a.escrow) {
      return Name("account", a.id.value) + ": escrow differs from what its HITs hold";
    }
  }
  return {};
}

std::string AcceptedNow(const State& s) {
  std::vector<uint32_t> accepted_by_worker(s.accounts.size(), 0);
  for (const Assignment& a : s.assignments) {
    if (a.status == AssignmentStatus::kAccepted) ++accepted_by_worker[a.worker.value - 1];
  }
  for (const Account& a : s.accounts) {
    // accepted_now may pass the cap by assignments past their deadline whose Tick has not
    // fired (they no longer count when a worker accepts); the cap itself is checked
    // where work is taken, against the assignments still within their deadline.
    if (s.account_states[a.id.value - 1].accepted_now != accepted_by_worker[a.id.value - 1]) {
      return Name("account", a.id.value) + ": accepted_now differs from its assignments";
    }
  }
  return {};
}

}  // namespace

std::string FindRecordViolation(const State& s) {
  if (std::string v = Money(s); !v.empty()) return v;
  if (std::string v = Hits(s); !v.empty()) return v;
  return AcceptedNow(s);
}

}  // namespace hitd::engine
