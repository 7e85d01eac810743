#include "tests/sim/model.h"

#include <algorithm>
#include <variant>

#include "engine/limits.h"

namespace hitd::sim {

namespace lim = hitd::engine::limits;
using EC = ErrorCode;

int64_t ModelFee(int64_t amount, int64_t bp, int64_t min_fee) {
  // Half a cent or more rounds up: compare twice the remainder with the divisor.
  const int64_t product = amount * bp;
  int64_t fee = product / 10000;
  if ((product % 10000) * 2 >= 10000) fee += 1;
  return std::max(fee, min_fee);
}

Model::Model(const EngineConfig& config) {
  s_.config = config;
  MAccount admin;
  admin.id = AccountId(1);
  admin.role = Role::kAdmin;
  admin.name = "admin";
  s_.accounts[1] = admin;
}

Verdict Model::Apply(const Context& ctx, const Command& command, const Result& result) {
  v_ = Verdict{};
  result_ = &result;
  s_.now = ctx.now;
  if (!std::holds_alternative<Tick>(command)) {
    auto it = s_.accounts.find(ctx.actor.value);
    if (it == s_.accounts.end()) {
      ExpectFail(result, {EC::kUnauthenticated});
      return std::move(v_);
    }
    if (it->second.suspended) {
      ExpectFail(result, {EC::kPermissionDenied});
      return std::move(v_);
    }
  }
  std::visit([&](const auto& c) { On(ctx, c, result); }, command);
  // A HIT under review that can take work again (a rejection reopened a slot) is no
  // longer under review: it is Assignable, as a requester would expect.
  for (auto& [id, h] : s_.hits) {
    if (h.reviewing && h.free > 0 && !h.expired && !h.disposed && h.expires > s_.now) {
      h.reviewing = false;
    }
  }
  return std::move(v_);
}

void Model::Mismatch(const std::string& what) {
  if (v_.mismatch.empty()) v_.mismatch = what;
}

void Model::ExpectFail(const Result& r, std::vector<ErrorCode> codes) {
  std::string want;
  for (ErrorCode c : codes) want += std::string(want.empty() ? "" : "|") + ErrorCodeName(c).data();
  if (r.ok()) {
    Mismatch("expected failure " + want + ", engine succeeded");
    return;
  }
  if (std::find(codes.begin(), codes.end(), r.error().code) == codes.end()) {
    Mismatch("expected failure " + want + ", engine failed with " +
             std::string(ErrorCodeName(r.error().code)) + " field=" + std::string(r.error().field));
  }
}

bool Model::ExpectOk(const Result& r) {
  if (r.ok()) return true;
  Mismatch("expected success, engine failed with " + std::string(ErrorCodeName(r.error().code)) +
           " field=" + std::string(r.error().field));
  return false;
}

bool Model::IsRole(const Context& ctx, Role role) const {
  auto it = s_.accounts.find(ctx.actor.value);
  return it != s_.accounts.end() && it->second.role == role;
}

// A numeric token the engine never issued: refusing it or treating it as a position are
// both reasonable, so the model accepts either outcome.
bool Model::PageForged(const Page& page) const {
  return !page.next_token.empty() && !PageBad(page);
}

bool Model::PageBad(const Page& page) const {
  if (page.max_results == 0 || page.max_results > lim::kMaxResultsMax) return true;
  if (page.next_token.empty()) return false;
  if (page.next_token.size() > 20) return true;
  return !std::all_of(page.next_token.begin(), page.next_token.end(), [](char c) {
    return c >= '0' && c <= '9';
  }) || page.next_token.find_first_not_of('0') == std::string::npos;
}

// A list or read: the role (when one is required) and the page are the only checks the
// model is sure about.
void Model::ReadOnly(const Context& ctx, const Result& r, std::optional<Role> role,
                     const Page* page) {
  if (role && !IsRole(ctx, *role)) return ExpectFail(r, {EC::kPermissionDenied});
  if (page != nullptr && PageBad(*page)) return ExpectFail(r, {EC::kInvalidArgument});
  if (page != nullptr && PageForged(*page)) return;
  ExpectOk(r);
}

void Model::On(const Context& ctx, const CreateAccount& c, const Result& r) {
  if (!IsRole(ctx, Role::kAdmin)) return ExpectFail(r, {EC::kPermissionDenied});
  if (c.name.empty() || c.name.size() > lim::kNameMax) {
    return ExpectFail(r, {EC::kInvalidArgument});
  }
  for (const auto& [id, a] : s_.accounts) {
    if (a.name == c.name) return ExpectFail(r, {EC::kAlreadyExists});
  }
  // The hash's format is the store's business (the engine may insist on SHA-256 size).
  if (c.secret_hash.size() != 32 ? !r.ok() : !ExpectOk(r)) return;
  MAccount a;
  a.id = AccountId(s_.accounts.rbegin()->first + 1);
  a.role = c.role;
  a.locale = c.locale;
  a.name = c.name;
  if (auto* view = std::get_if<AccountView>(&r.reply)) {
    if (view->account.id != a.id) Mismatch("CreateAccount: unexpected account id");
  }
  s_.accounts[a.id.value] = a;
}

void Model::On(const Context& ctx, const Deposit& c, const Result& r) {
  if (!IsRole(ctx, Role::kAdmin)) return ExpectFail(r, {EC::kPermissionDenied});
  auto it = s_.accounts.find(c.requester.value);
  if (it == s_.accounts.end() || it->second.role != Role::kRequester) {
    return ExpectFail(r, {EC::kNotFound, EC::kInvalidArgument, EC::kFailedPrecondition});
  }
  if (c.amount.value <= 0 || c.amount.value > lim::kTransferMaxCents) {
    return ExpectFail(r, {EC::kInvalidArgument});
  }
  if (!ExpectOk(r)) return;
  it->second.available += c.amount.value;
  s_.deposits += c.amount.value;
}

void Model::On(const Context& ctx, const SuspendAccount& c, const Result& r) {
  if (!IsRole(ctx, Role::kAdmin)) return ExpectFail(r, {EC::kPermissionDenied});
  auto it = s_.accounts.find(c.account.value);
  if (it == s_.accounts.end()) return ExpectFail(r, {EC::kNotFound});
  if (c.reason.size() > lim::kReasonMax) return ExpectFail(r, {EC::kInvalidArgument});
  // Suspending an admin or an already suspended account: DESIGN.md does not say.
  bool either = it->second.role == Role::kAdmin || it->second.suspended;
  if (either ? !r.ok() : !ExpectOk(r)) return;
  it->second.suspended = true;
}

void Model::On(const Context& ctx, const ReactivateAccount& c, const Result& r) {
  if (!IsRole(ctx, Role::kAdmin)) return ExpectFail(r, {EC::kPermissionDenied});
  auto it = s_.accounts.find(c.account.value);
  if (it == s_.accounts.end()) return ExpectFail(r, {EC::kNotFound});
  if (!it->second.suspended ? !r.ok() : !ExpectOk(r)) return;
  it->second.suspended = false;
}

void Model::On(const Context& ctx, const RotateSecret& c, const Result& r) {
  bool admin = IsRole(ctx, Role::kAdmin);
  if (!admin && c.account != ctx.actor) {
    return ExpectFail(r, {EC::kPermissionDenied, EC::kNotFound});
  }
  if (!s_.accounts.count(c.account.value)) return ExpectFail(r, {EC::kNotFound});
  if (c.secret_hash.size() != 32) return;  // the hash's format: unspecified
  ExpectOk(r);
}

void Model::On(const Context& ctx, const GetAccount& c, const Result& r) {
  if (!IsRole(ctx, Role::kAdmin) && c.account != ctx.actor) {
    return ExpectFail(r, {EC::kPermissionDenied, EC::kNotFound});
  }
  auto it = s_.accounts.find(c.account.value);
  if (it == s_.accounts.end()) return ExpectFail(r, {EC::kNotFound});
  if (!ExpectOk(r)) return;
  const auto* view = std::get_if<AccountView>(&r.reply);
  if (view == nullptr) return Mismatch("GetAccount: reply is not an AccountView");
  const MAccount& a = it->second;
  if (view->account.role != a.role) Mismatch("GetAccount: role differs");
  if (view->account.available.value != a.available) Mismatch("GetAccount: available differs");
  if (a.role == Role::kRequester && view->account.escrow.value != EscrowOf(a.id)) {
    Mismatch("GetAccount: escrow differs");
  }
  if (view->account.withdrawn.value != a.withdrawn) Mismatch("GetAccount: withdrawn differs");
  bool suspended = view->account.status == AccountStatus::kSuspended;
  if (suspended != a.suspended) Mismatch("GetAccount: status differs");
}

void Model::On(const Context& ctx, const GetStats&, const Result& r) {
  if (!IsRole(ctx, Role::kAdmin)) return ExpectFail(r, {EC::kPermissionDenied});
  if (!ExpectOk(r)) return;
  const auto* st = std::get_if<Stats>(&r.reply);
  if (st == nullptr) return Mismatch("GetStats: reply is not Stats");
  int64_t req_available = 0, escrow = 0, worker_available = 0, withdrawn = 0;
  for (const auto& [id, a] : s_.accounts) {
    if (a.role == Role::kRequester) {
      req_available += a.available;
      escrow += EscrowOf(a.id);
    } else if (a.role == Role::kWorker) {
      worker_available += a.available;
      withdrawn += a.withdrawn;
    }
  }
  if (st->imbalance.value != 0) Mismatch("GetStats: imbalance is not 0");
  if (st->deposits.value != s_.deposits) Mismatch("GetStats: deposits differ");
  if (st->requester_available.value != req_available) Mismatch("GetStats: available differs");
  if (st->escrow.value != escrow) Mismatch("GetStats: escrow differs");
  if (st->worker_available.value != worker_available) Mismatch("GetStats: earnings differ");
  if (st->withdrawn.value != withdrawn) Mismatch("GetStats: withdrawn differs");
  if (st->platform_revenue.value != s_.revenue) Mismatch("GetStats: revenue differs");
  if (st->hits != s_.hits.size()) Mismatch("GetStats: HIT count differs");
  if (st->assignments != s_.assignments.size()) Mismatch("GetStats: assignment count differs");
}

void Model::On(const Context& ctx, const GetAccountBalance&, const Result& r) {
  if (IsRole(ctx, Role::kAdmin)) return;  // unspecified for admins
  if (!ExpectOk(r)) return;
  const auto* b = std::get_if<AccountBalance>(&r.reply);
  if (b == nullptr) return Mismatch("GetAccountBalance: reply is not an AccountBalance");
  const MAccount& a = s_.accounts.at(ctx.actor.value);
  if (b->available.value != a.available) Mismatch("GetAccountBalance: available differs");
  if (a.role == Role::kRequester && b->escrow.value != EscrowOf(a.id)) {
    Mismatch("GetAccountBalance: escrow differs");
  }
  if (a.role == Role::kWorker && b->withdrawn.value != a.withdrawn) {
    Mismatch("GetAccountBalance: withdrawn differs");
  }
}

void Model::On(const Context& ctx, const Withdraw& c, const Result& r) {
  if (!IsRole(ctx, Role::kWorker)) return ExpectFail(r, {EC::kPermissionDenied});
  MAccount& w = s_.accounts.at(ctx.actor.value);
  if (c.amount.value <= 0 || c.amount.value > lim::kTransferMaxCents) {
    return ExpectFail(r, {EC::kInvalidArgument});
  }
  if (c.method != WithdrawMethod::kGiftCertificate && c.method != WithdrawMethod::kBankTransfer) {
    return ExpectFail(r, {EC::kInvalidArgument});
  }
  if (c.method == WithdrawMethod::kBankTransfer) {
    bool listed = false;
    for (const Locale& l : s_.config.bank_transfer_countries) {
      listed |= l.country[0] == w.locale.country[0] && l.country[1] == w.locale.country[1];
    }
    if (!listed) {
      return ExpectFail(r, {EC::kPermissionDenied, EC::kFailedPrecondition, EC::kInvalidArgument});
    }
  }
  if (c.amount.value > w.available) return ExpectFail(r, {EC::kInsufficientFunds});
  if (!ExpectOk(r)) return;
  w.available -= c.amount.value;
  w.withdrawn += c.amount.value;
  if (const auto* wd = std::get_if<Withdrawal>(&r.reply)) {
    if (wd->available.value != w.available || wd->withdrawn.value != w.withdrawn) {
      Mismatch("Withdraw: reply balances differ");
    }
  }
}

}  // namespace hitd::sim
