// Generated withdrawals, bonuses, blocks, notifications and ticks.
#include "engine/limits.h"
#include "tests/sim/generator.h"

namespace hitd::sim {

namespace lim = hitd::engine::limits;

Step Generator::MakeWithdraw() {
  Withdraw c;
  AccountId actor = Any(Role::kWorker);
  auto it = model_.state().accounts.find(actor.value);
  int64_t available = it == model_.state().accounts.end() ? 0 : it->second.available;
  c.amount = Cents(available > 0 && rng_.Chance(80) ? rng_.Range(1, available) : Amount());
  c.method = rng_.Chance(70) ? WithdrawMethod::kGiftCertificate : WithdrawMethod::kBankTransfer;
  if (Fault()) {
    switch (rng_.Range(0, 3)) {
      case 0:
        actor = WrongRole(Role::kWorker);
        break;
      case 1:
        c.amount = Cents(rng_.Chance(50) ? 0 : -1);
        break;
      case 2:
        c.amount = Cents(lim::kTransferMaxCents + 1);
        break;
      default:
        c.method = static_cast<WithdrawMethod>(7);
        break;
    }
  }
  return {As(actor), c};
}

Step Generator::MakeSendBonus() {
  SendBonus c;
  AccountId actor = Any(Role::kRequester);
  c.assignment = PickAssignment(AccountId(0), actor, AssignmentStatus::kApproved);
  auto a = model_.state().assignments.find(c.assignment.value);
  c.worker = a == model_.state().assignments.end() ? Any(Role::kWorker) : a->second.worker;
  c.amount = Cents(Amount());
  c.reason = "thanks";
  if (Fault()) {
    switch (rng_.Range(0, 5)) {
      case 0:
        actor = WrongRole(Role::kRequester);
        break;
      case 1:
        c.worker = Other(Role::kWorker, c.worker);
        break;
      case 2:
        c.assignment = AssignmentId(rng_.Chance(50) ? 0 : 99999);
        break;
      case 3:
        c.amount = Cents(rng_.Chance(50) ? 0 : lim::kTransferMaxCents + 1);
        break;
      case 4:
        c.reason = Text(lim::kReasonMax, true);
        break;
      default:
        actor = Other(Role::kRequester, actor);
        break;  // not this requester's work
    }
  }
  return {As(actor), c};
}

Step Generator::MakeListBonuses() {
  ListBonusPayments c;
  AccountId actor = Any(Role::kRequester);
  if (rng_.Chance(50))
    c.hit = PickHit(actor);
  else
    c.assignment = PickAssignment(AccountId(0), actor, AssignmentStatus::kApproved);
  c.page = MakePage();
  if (Fault()) {
    c.hit = HitId(1);
    c.assignment = AssignmentId(rng_.Chance(50) ? 1 : 0);  // both, or (maybe) neither
    if (!c.assignment.valid()) c.hit = HitId(0);
  }
  return {As(actor), c};
}

Step Generator::MakeBlock() {
  CreateWorkerBlock c;
  AccountId actor = Any(Role::kRequester);
  c.worker = Any(Role::kWorker);
  c.reason = "spam";
  if (Fault()) {
    switch (rng_.Range(0, 2)) {
      case 0:
        actor = WrongRole(Role::kRequester);
        break;
      case 1:
        c.worker = rng_.Chance(50) ? Any(Role::kRequester) : AccountId(99999);
        break;
      default:
        c.reason = Text(lim::kReasonMax, true);
        break;
    }
  }
  return {As(actor), c};
}

Step Generator::MakeUnblock() {
  DeleteWorkerBlock c;
  AccountId actor = Any(Role::kRequester);
  c.worker = Any(Role::kWorker);
  for (const auto& [req, worker] : model_.state().blocks) {
    if (rng_.Chance(50)) {
      actor = AccountId(req);
      c.worker = AccountId(worker);
    }
  }
  c.reason = "ok";
  if (Fault()) {
    if (rng_.Chance(50))
      actor = WrongRole(Role::kRequester);
    else
      c.worker = AccountId(99999);
  }
  return {As(actor), c};
}

Step Generator::MakeListBlocks() {
  ListWorkerBlocks c;
  c.page = MakePage();
  return {As(Fault() ? WrongRole(Role::kRequester) : Any(Role::kRequester)), c};
}

Step Generator::MakeNotify() {
  NotifyWorkers c;
  c.subject = "s";
  c.message = "m";
  c.workers = {Any(Role::kWorker)};
  if (rng_.Chance(30)) c.workers.push_back(AccountId(99999));  // a per-worker failure
  AccountId actor = Any(Role::kRequester);
  if (Fault()) {
    switch (rng_.Range(0, 3)) {
      case 0:
        actor = WrongRole(Role::kRequester);
        break;
      case 1:
        c.workers.clear();
        break;
      case 2:
        c.subject = Text(lim::kNotifySubjectMax, true);
        break;
      default:
        c.message = "";
        break;
    }
  }
  return {As(actor), c};
}

Step Generator::MakeDashboard() {
  return {As(Fault() ? WrongRole(Role::kWorker) : Any(Role::kWorker)), GetDashboard{}};
}

Step Generator::MakeTick() { return {As(AccountId(0)), Tick{}}; }

}  // namespace hitd::sim
