// The model's bonuses, blocks, notifications and the money it derives (escrow, the
// conservation check, resynchronisation after ambiguous successes).
#include <variant>

#include "engine/limits.h"
#include "tests/sim/model.h"

namespace hitd::sim {

namespace lim = hitd::engine::limits;
using EC = ErrorCode;

int64_t Model::HitEscrow(const MHit& h) const {
  return (int64_t{h.free} + h.accepted + h.submitted) * (h.reward + h.fee);
}

int64_t Model::EscrowOf(AccountId requester) const {
  int64_t sum = 0;
  for (const auto& [id, h] : s_.hits) {
    if (h.requester == requester) sum += HitEscrow(h);
  }
  return sum;
}

std::string Model::CheckConservation() const {
  int64_t total = s_.revenue;
  for (const auto& [id, a] : s_.accounts) {
    if (a.available < 0 || a.withdrawn < 0) return "model: negative balance of " + a.name;
    total += a.available + a.withdrawn;
    if (a.role == Role::kRequester) total += EscrowOf(a.id);
  }
  if (total != s_.deposits) {
    return "model: money not conserved: deposits " + std::to_string(s_.deposits) + " != balances " +
           std::to_string(total);
  }
  return {};
}

void Model::ResyncHit(const Hit& h) {
  MHit& m = s_.hits.at(h.id.value);
  m.type = h.type;
  m.expires = h.expires;
  m.reward = h.reward.value;
  m.fee = h.fee.value;
  m.max_assignments = h.max_assignments;
  m.free = h.free;
  m.accepted = h.accepted;
  m.submitted = h.submitted;
  m.approved = h.approved;
  m.rejected_closed = h.rejected_closed;
  m.unslotted = h.unslotted;
  m.expired = h.expired;
  m.reviewing = h.reviewing;
  m.disposed = h.disposed;
}

void Model::ResyncBalance(AccountId id, Cents available, Cents withdrawn) {
  MAccount& a = s_.accounts.at(id.value);
  a.available = available.value;
  a.withdrawn = withdrawn.value;
}

void Model::On(const Context& ctx, const SendBonus& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied});
  auto w = s_.accounts.find(c.worker.value);
  if (w == s_.accounts.end() || w->second.role != Role::kWorker) {
    return ExpectFail(r, {EC::kNotFound, EC::kInvalidArgument});
  }
  auto a = s_.assignments.find(c.assignment.value);
  if (a == s_.assignments.end()) return ExpectFail(r, {EC::kNotFound, EC::kInvalidArgument});
  const bool bad_field = c.amount.value <= 0 || c.amount.value > lim::kTransferMaxCents ||
                         c.reason.size() > lim::kReasonMax;
  if (s_.hits.at(a->second.hit.value).requester != ctx.actor) {
    if (bad_field)
      return ExpectFail(r, {EC::kNotFound, EC::kPermissionDenied, EC::kInvalidArgument});
    return ExpectFail(r, {EC::kNotFound, EC::kPermissionDenied});
  }
  if (a->second.worker != c.worker) {
    return ExpectFail(r, {EC::kInvalidArgument, EC::kNotFound, EC::kFailedPrecondition});
  }
  if (bad_field) return ExpectFail(r, {EC::kInvalidArgument});
  const int64_t fee =
      ModelFee(c.amount.value, s_.config.fees.bonus_bp, s_.config.fees.min_fee_cents);
  MAccount& req = s_.accounts.at(ctx.actor.value);
  // Whether work still in progress (or given back) earns a bonus is not specified.
  AssignmentStatus st = a->second.status;
  bool either = c.reason.empty() || st == AssignmentStatus::kAccepted ||
                st == AssignmentStatus::kReturned || st == AssignmentStatus::kAbandoned;
  if (!either && c.amount.value + fee > req.available) {
    return ExpectFail(r, {EC::kInsufficientFunds});
  }
  if (either ? !r.ok() : !ExpectOk(r)) return;
  if (const auto* b = std::get_if<BonusSent>(&r.reply); b && b->fee.value != fee) {
    Mismatch("SendBonus: fee " + std::to_string(b->fee.value) + " != " + std::to_string(fee));
  }
  req.available -= c.amount.value + fee;
  w->second.available += c.amount.value;
  s_.revenue += fee;
}

void Model::On(const Context& ctx, const ListBonusPayments& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied});
  if (c.hit.valid() == c.assignment.valid()) return ExpectFail(r, {EC::kInvalidArgument});
  if (PageBad(c.page)) return ExpectFail(r, {EC::kInvalidArgument});
  // Access to another requester's HIT: an error or an empty list are both reasonable.
}

void Model::On(const Context& ctx, const CreateWorkerBlock& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied});
  auto w = s_.accounts.find(c.worker.value);
  if (w == s_.accounts.end() || w->second.role != Role::kWorker) {
    return ExpectFail(r, {EC::kNotFound, EC::kInvalidArgument});
  }
  if (c.reason.size() > lim::kReasonMax) return ExpectFail(r, {EC::kInvalidArgument});
  bool either = c.reason.empty() || s_.blocks.count({ctx.actor.value, c.worker.value});
  if (either ? !r.ok() : !ExpectOk(r)) return;
  s_.blocks.insert({ctx.actor.value, c.worker.value});
}

void Model::On(const Context& ctx, const DeleteWorkerBlock& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied});
  auto w = s_.accounts.find(c.worker.value);
  if (w == s_.accounts.end() || w->second.role != Role::kWorker) {
    return ExpectFail(r, {EC::kNotFound, EC::kInvalidArgument});
  }
  if (c.reason.size() > lim::kReasonMax) return ExpectFail(r, {EC::kInvalidArgument});
  bool either = !s_.blocks.count({ctx.actor.value, c.worker.value});
  if (either ? !r.ok() : !ExpectOk(r)) return;
  s_.blocks.erase({ctx.actor.value, c.worker.value});
}

void Model::On(const Context& ctx, const ListWorkerBlocks& c, const Result& r) {
  ReadOnly(ctx, r, Role::kRequester, &c.page);
}

void Model::On(const Context& ctx, const NotifyWorkers& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied});
  if (c.subject.empty() || c.subject.size() > lim::kNotifySubjectMax || c.message.empty() ||
      c.message.size() > lim::kNotifyMessageMax || c.workers.empty() ||
      c.workers.size() > lim::kNotifyWorkersMax) {
    return ExpectFail(r, {EC::kInvalidArgument});
  }
  ExpectOk(r);  // a worker that cannot be notified is a per-worker failure, not an error
}

void Model::On(const Context& ctx, const GetDashboard&, const Result& r) {
  if (!IsRole(ctx, Role::kWorker)) return ExpectFail(r, {EC::kPermissionDenied});
  if (!ExpectOk(r)) return;
  const auto* d = std::get_if<Dashboard>(&r.reply);
  if (d == nullptr) return Mismatch("GetDashboard: reply is not a Dashboard");
  const MAccount& w = s_.accounts.at(ctx.actor.value);
  if (d->available.value != w.available) Mismatch("GetDashboard: available differs");
  if (d->withdrawn.value != w.withdrawn) Mismatch("GetDashboard: withdrawn differs");
  if (d->accepted_now != AcceptedNow(w.id)) Mismatch("GetDashboard: accepted_now differs");
}

}  // namespace hitd::sim
