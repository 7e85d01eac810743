// Money handlers: Deposit (admin), GetAccountBalance (requester or worker), SendBonus and
// ListBonusPayments (requester), Withdraw (worker).
//
// Every movement goes through the Ledger* functions of money.h, which keep the running
// totals that the conservation invariant checks; this file only decides whether a
// movement is allowed. Bonuses are kept in s.bonuses (index id - 1) and listed per HIT
// in s.bonuses_by_hit (HIT id -> bonus ids, ascending). Engine thread only.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/check.h"
#include "engine/common.h"
#include "engine/handlers.h"
#include "engine/money.h"

namespace hitd::engine {

namespace {

// A single transfer is at least a cent and at most limits::kTransferMaxCents, which keeps
// balances far from int64 overflow.
std::optional<Error> CheckTransfer(Cents amount) {
  if (amount.value < 1 || amount.value > limits::kTransferMaxCents) {
    return Error{ErrorCode::kInvalidArgument, "amount"};
  }
  return std::nullopt;
}

// MTurk requires a reason for a bonus: the worker may not be expecting the payment.
std::optional<Error> CheckBonusReason(const std::string& reason) {
  if (reason.empty() || reason.size() > limits::kReasonMax) {
    return Error{ErrorCode::kInvalidArgument, "reason"};
  }
  return std::nullopt;
}

// The caller's assignment, or nullptr when it does not exist or belongs to another
// requester's HIT (indistinguishable to the caller, so ids cannot be probed).
Assignment* FindOwnAssignment(State& s, AssignmentId id, AccountId requester) {
  Assignment* a = FindAssignment(s, id);
  if (a == nullptr || HitOf(s, *a).requester != requester) return nullptr;
  return a;
}

// MTurk pays bonuses for work that was handed in, whatever the decision on it.
bool BonusAllowed(AssignmentStatus status) {
  return status == AssignmentStatus::kSubmitted || status == AssignmentStatus::kApproved ||
         status == AssignmentStatus::kRejected;
}

}  // namespace

Result Handle(State& s, const Context& ctx, const Deposit& c, Output& out) {
  if (auto e = RequireRole(Actor(s, ctx), Role::kAdmin)) return Result{*e};
  if (auto e = CheckTransfer(c.amount)) return Result{*e};
  Account* r = FindRole(s, c.requester, Role::kRequester);
  if (r == nullptr) return Fail(ErrorCode::kNotFound, "requester");
  LedgerDeposit(s, *r, c.amount);
  Emit(out, *r);
  return Result{AccountBalance{r->available, r->escrow, Cents()}};
}

Result Handle(State& s, const Context& ctx, const GetAccountBalance&, Output&) {
  const Account& a = Actor(s, ctx);
  switch (a.role) {
    case Role::kRequester:
      return Result{AccountBalance{a.available, a.escrow, Cents()}};
    case Role::kWorker:
      return Result{AccountBalance{a.available, Cents(), a.withdrawn}};
    case Role::kAdmin:
      break;
  }
  return Fail(ErrorCode::kPermissionDenied, "role");
}

Result Handle(State& s, const Context& ctx, const SendBonus& c, Output& out) {
  Account& requester = Actor(s, ctx);
  if (auto e = RequireRole(requester, Role::kRequester)) return Result{*e};
  if (auto e = CheckTransfer(c.amount)) return Result{*e};
  if (auto e = CheckBonusReason(c.reason)) return Result{*e};
  const Assignment* a = FindOwnAssignment(s, c.assignment, requester.id);
  if (a == nullptr) return Fail(ErrorCode::kNotFound, "assignment");
  if (a->worker != c.worker) return Fail(ErrorCode::kInvalidArgument, "worker");
  if (!BonusAllowed(a->status)) return Fail(ErrorCode::kFailedPrecondition, "assignment");
  const Cents fee = BonusFee(s.config.fees, c.amount);
  if (requester.available < c.amount + fee) return Fail(ErrorCode::kInsufficientFunds, "amount");
  if (!HasRoomFor(s.bonuses.size())) return Fail(ErrorCode::kResourceExhausted, "bonus");
  Account* worker = FindRole(s, a->worker, Role::kWorker);
  HITD_CHECK(worker != nullptr);

  LedgerPayFromAvailable(s, requester, *worker, c.amount, fee);
  Bonus b;
  b.id = BonusId(s.bonuses.size() + 1);
  b.requester = requester.id;
  b.worker = worker->id;
  b.assignment = a->id;
  b.hit = a->hit;
  b.amount = c.amount;
  b.fee = fee;
  b.paid = ctx.now;
  s.bonuses.push_back(b);
  s.bonuses_by_hit[b.hit.value].push_back(static_cast<uint32_t>(b.id.value));

  EmitEvent(s, out, EventType::kBonusPaid, ctx.now, requester.id, b.hit, b.assignment, b.worker,
            QualTypeId(), b.amount);
  Emit(out, requester);
  Emit(out, *worker);
  out.bonuses.push_back(b);
  EmitPayload(out, PayloadKind::kBonusReason, b.id.value, c.reason);
  return Result{BonusSent{b.id, fee}};
}

namespace {

// One page of the bonus ids of a HIT (ascending), optionally of one assignment only.
BonusList PageOfBonuses(const State& s, const std::vector<uint32_t>& ids, AssignmentId only,
                        const Page& page) {
  BonusList list;
  auto it = std::lower_bound(ids.begin(), ids.end(), PageStart(page));
  for (; it != ids.end(); ++it) {
    const Bonus& b = s.bonuses[Index(*it)];
    if (only.valid() && b.assignment != only) continue;
    if (list.bonuses.size() == page.max_results) {
      // A further match exists: hand out a token, so that a full last page is never
      // followed by an empty one.
      list.next_token = PageToken(list.bonuses.back().id.value);
      break;
    }
    list.bonuses.push_back(b);
  }
  return list;
}

}  // namespace

Result Handle(State& s, const Context& ctx, const ListBonusPayments& c, Output&) {
  const Account& requester = Actor(s, ctx);
  if (auto e = RequireRole(requester, Role::kRequester)) return Result{*e};
  if (auto e = CheckPage(c.page)) return Result{*e};
  // MTurk takes a HIT or an assignment; naming both would be ambiguous.
  if (c.hit.valid() == c.assignment.valid()) return Fail(ErrorCode::kInvalidArgument, "hit");
  HitId hit = c.hit;
  if (c.assignment.valid()) {
    const Assignment* a = FindOwnAssignment(s, c.assignment, requester.id);
    if (a == nullptr) return Fail(ErrorCode::kNotFound, "assignment");
    hit = a->hit;
  } else {
    const Hit* h = FindHit(s, c.hit);
    if (h == nullptr || h->requester != requester.id) return Fail(ErrorCode::kNotFound, "hit");
  }
  auto it = s.bonuses_by_hit.find(hit.value);
  if (it == s.bonuses_by_hit.end()) return Result{BonusList{}};
  return Result{PageOfBonuses(s, it->second, c.assignment, c.page)};
}

Result Handle(State& s, const Context& ctx, const Withdraw& c, Output& out) {
  Account& w = Actor(s, ctx);
  if (auto e = RequireRole(w, Role::kWorker)) return Result{*e};
  if (auto e = CheckTransfer(c.amount)) return Result{*e};
  if (c.method != WithdrawMethod::kGiftCertificate && c.method != WithdrawMethod::kBankTransfer) {
    return Fail(ErrorCode::kInvalidArgument, "method");
  }
  // As on MTurk, bank transfers are open only to workers in configured countries; the
  // others are paid in gift certificates.
  if (c.method == WithdrawMethod::kBankTransfer &&
      !LocaleListed(s.config.bank_transfer_countries, w.locale)) {
    return Fail(ErrorCode::kPermissionDenied, "method");
  }
  if (w.available < c.amount) return Fail(ErrorCode::kInsufficientFunds, "amount");
  LedgerWithdraw(s, w, c.amount);
  Emit(out, w);
  return Result{Withdrawal{w.available, w.withdrawn}};
}

}  // namespace hitd::engine
