#include "tests/sim/generator.h"

#include "engine/engine.h"
#include "engine/limits.h"

namespace hitd::sim {

namespace lim = hitd::engine::limits;

const std::vector<Generator::Entry>& Generator::Table() {
  static const std::vector<Entry> table = {
      {12, &Generator::MakeCreateAccount},
      {30, &Generator::MakeDeposit},
      {4, &Generator::MakeSuspend},
      {8, &Generator::MakeReactivate},
      {3, &Generator::MakeRotateSecret},
      {5, &Generator::MakeGetAccount},
      {3, &Generator::MakeGetStats},
      {5, &Generator::MakeGetBalance},
      {20, &Generator::MakeWithdraw},
      {15, &Generator::MakeSendBonus},
      {3, &Generator::MakeListBonuses},
      {10, &Generator::MakeBlock},
      {8, &Generator::MakeUnblock},
      {2, &Generator::MakeListBlocks},
      {3, &Generator::MakeNotify},
      {5, &Generator::MakeDashboard},
      {15, &Generator::MakeTick},
      {10, &Generator::MakeCreateQualType},
      {3, &Generator::MakeGetQualType},
      {5, &Generator::MakeUpdateQualType},
      {2, &Generator::MakeDeleteQualType},
      {2, &Generator::MakeListQualTypes},
      {25, &Generator::MakeAssociate},
      {8, &Generator::MakeDisassociate},
      {5, &Generator::MakeGetScore},
      {2, &Generator::MakeListHolders},
      {2, &Generator::MakeListQualRequests},
      {8, &Generator::MakeAcceptQualRequest},
      {4, &Generator::MakeRejectQualRequest},
      {10, &Generator::MakeRequestQual},
      {2, &Generator::MakeListMyQuals},
      {15, &Generator::MakeCreateHitType},
      {40, &Generator::MakeCreateHit},
      {40, &Generator::MakeCreateHitWithType},
      {12, &Generator::MakeCreateHits},
      {10, &Generator::MakeGetHit},
      {3, &Generator::MakeListHits},
      {3, &Generator::MakeListReviewable},
      {15, &Generator::MakeUpdateExpiration},
      {8, &Generator::MakeReviewStatus},
      {5, &Generator::MakeChangeType},
      {12, &Generator::MakeAddAssignments},
      {10, &Generator::MakeDeleteHit},
      {5, &Generator::MakeListForHit},
      {60, &Generator::MakeAccept},
      {120, &Generator::MakeAcceptNext},
      {25, &Generator::MakeReturn},
      {80, &Generator::MakeSubmit},
      {40, &Generator::MakeSubmitAndNext},
      {60, &Generator::MakeApprove},
      {35, &Generator::MakeReject},
      {10, &Generator::MakeGetAssignment},
      {3, &Generator::MakeListMine},
      {5, &Generator::MakePreview},
      {5, &Generator::MakeListGroups},
  };
  return table;
}

Step Generator::Next(TimeMs now) {
  now_ = now;
  const ModelState& s = model_.state();
  // Get a marketplace going before anything else: a few requesters and workers, and
  // money to post HITs with.
  size_t requesters = 0, workers = 0;
  for (const auto& [id, a] : s.accounts) {
    requesters += a.role == Role::kRequester;
    workers += a.role == Role::kWorker;
  }
  if (requesters < 2 || workers < 3) return MakeCreateAccount();
  if (rng_.Chance(5)) return MakeDeposit();
  int total = 0;
  for (const Entry& e : Table()) total += e.weight;
  int64_t pick = rng_.Range(0, total - 1);
  for (const Entry& e : Table()) {
    if (pick < e.weight) return (this->*e.make)();
    pick -= e.weight;
  }
  return MakeTick();
}

Context Generator::As(AccountId actor) {
  Context c;
  c.actor = actor;
  c.now = now_;
  return c;
}

AccountId Generator::Any(Role role) {
  std::vector<AccountId> ids;
  for (const auto& [id, a] : model_.state().accounts) {
    // Suspended accounts act rarely, so that most commands get past authentication.
    if (a.role == role && (!a.suspended || rng_.Chance(10))) ids.push_back(a.id);
  }
  if (ids.empty()) return AccountId(0);
  return rng_.Pick(ids);
}

AccountId Generator::Other(Role role, AccountId not_this) {
  std::vector<AccountId> ids;
  for (const auto& [id, a] : model_.state().accounts) {
    if (a.role == role && a.id != not_this) ids.push_back(a.id);
  }
  if (ids.empty()) return AccountId(model_.state().accounts.size() + 7);
  return rng_.Pick(ids);
}

bool Generator::MisdirectActor(Role role, AccountId& actor) {
  switch (rng_.Range(0, 2)) {
    case 0:
      actor = Other(role, actor);
      return true;
    case 1:
      actor = WrongRole(role);
      return true;
    default:
      return false;
  }
}

AccountId Generator::WrongRole(Role expected) {
  if (rng_.Chance(5)) return AccountId(rng_.Chance(50) ? 0 : 100000);  // unknown actor
  if (expected == Role::kRequester) return Any(Role::kWorker);
  if (expected == Role::kWorker) return Any(Role::kRequester);
  return Any(rng_.Chance(50) ? Role::kWorker : Role::kRequester);
}

Page Generator::MakePage() {
  Page p;
  p.max_results = static_cast<uint32_t>(rng_.Range(1, 100));
  if (rng_.Chance(20)) p.next_token = std::to_string(rng_.Range(1, 50));
  if (Fault()) {
    switch (rng_.Range(0, 2)) {
      case 0:
        p.max_results = 0;
        break;
      case 1:
        p.max_results = lim::kMaxResultsMax + 1;
        break;
      default:
        p.next_token = "abc";
        break;
    }
  }
  return p;
}

std::string Generator::Text(size_t max_len, bool over) {
  if (over) return std::string(max_len + 1, 'x');
  return "t" + std::to_string(rng_.Range(0, 999));
}

// The store keeps a SHA-256 of the secret: 32 bytes.
std::string Generator::SecretHash() {
  std::string h(32, 'h');
  for (char& c : h) c = static_cast<char>('a' + rng_.Range(0, 25));
  return h;
}

int64_t Generator::Amount() { return rng_.Chance(80) ? rng_.Range(1, 500) : rng_.Range(1, 20000); }

Step Generator::MakeCreateAccount() {
  static const char* kCountries[] = {"US", "IN", "DE", "GB", "BR"};
  CreateAccount c;
  const ModelState& s = model_.state();
  c.role = rng_.Chance(35) ? Role::kRequester : Role::kWorker;
  c.name = "u" + std::to_string(s.accounts.size() + 1) + "_" + std::to_string(rng_.Range(0, 9));
  const char* country = kCountries[rng_.Range(0, 4)];
  c.locale.country[0] = country[0];
  c.locale.country[1] = country[1];
  c.secret_hash = SecretHash();
  AccountId actor = kBootstrapAdmin;
  if (Fault()) {
    switch (rng_.Range(0, 3)) {
      case 0:
        actor = WrongRole(Role::kAdmin);
        break;
      case 1:
        c.name = "";
        break;
      case 2:
        c.name = Text(lim::kNameMax, true);
        break;
      default:
        c.name = s.accounts.rbegin()->second.name;
        break;  // taken
    }
  }
  return {As(actor), c};
}

Step Generator::MakeDeposit() {
  Deposit d;
  d.requester = Any(Role::kRequester);
  d.amount = Cents(rng_.Chance(70) ? rng_.Range(500, 20000) : rng_.Range(1, 200000));
  AccountId actor = kBootstrapAdmin;
  if (Fault()) {
    switch (rng_.Range(0, 3)) {
      case 0:
        actor = WrongRole(Role::kAdmin);
        break;
      case 1:
        d.requester = rng_.Chance(50) ? Any(Role::kWorker) : AccountId(99999);
        break;
      case 2:
        d.amount = Cents(rng_.Chance(50) ? 0 : -5);
        break;
      default:
        d.amount = Cents(lim::kTransferMaxCents + 1);
        break;
    }
  }
  return {As(actor), d};
}

Step Generator::MakeSuspend() {
  SuspendAccount c;
  c.account = Any(Role::kWorker);
  c.reason = "r";
  AccountId actor = kBootstrapAdmin;
  if (Fault()) {
    switch (rng_.Range(0, 2)) {
      case 0:
        actor = WrongRole(Role::kAdmin);
        break;
      case 1:
        c.account = AccountId(99999);
        break;
      default:
        c.reason = Text(lim::kReasonMax, true);
        break;
    }
  }
  return {As(actor), c};
}

Step Generator::MakeReactivate() {
  ReactivateAccount c;
  c.account = Any(Role::kWorker);
  for (const auto& [id, a] : model_.state().accounts) {
    if (a.suspended && rng_.Chance(70)) c.account = a.id;
  }
  AccountId actor = kBootstrapAdmin;
  if (Fault()) {
    if (rng_.Chance(50))
      actor = WrongRole(Role::kAdmin);
    else
      c.account = AccountId(99999);
  }
  return {As(actor), c};
}

Step Generator::MakeRotateSecret() {
  RotateSecret c;
  AccountId actor = rng_.Chance(50) ? kBootstrapAdmin : Any(Role::kWorker);
  c.account = actor == kBootstrapAdmin ? Any(Role::kRequester) : actor;
  c.secret_hash = SecretHash();
  if (Fault()) c.account = Other(Role::kRequester, actor);  // another account's secret
  return {As(actor), c};
}

Step Generator::MakeGetAccount() {
  GetAccount c;
  AccountId actor = rng_.Chance(50) ? kBootstrapAdmin : Any(Role::kRequester);
  c.account =
      actor == kBootstrapAdmin ? Any(rng_.Chance(50) ? Role::kWorker : Role::kRequester) : actor;
  if (Fault()) c.account = rng_.Chance(50) ? AccountId(99999) : Other(Role::kWorker, actor);
  return {As(actor), c};
}

Step Generator::MakeGetStats() {
  return {As(Fault() ? WrongRole(Role::kAdmin) : kBootstrapAdmin), GetStats{}};
}

Step Generator::MakeGetBalance() {
  return {As(Any(rng_.Chance(50) ? Role::kWorker : Role::kRequester)), GetAccountBalance{}};
}

}  // namespace hitd::sim
