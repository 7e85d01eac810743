// Account handlers: the admin's CreateAccount, SuspendAccount, ReactivateAccount,
// RotateSecret and GetStats, GetAccount for an admin or the account itself, and the
// worker's GetDashboard.
//
// Accounts are never deleted: ids stay dense so that tables index by id - 1. The secret
// hash is a payload (the store keeps it; the engine never does), so rotating a secret
// changes no record. Engine thread only.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/check.h"
#include "engine/common.h"
#include "engine/engine.h"
#include "engine/handlers.h"
#include "engine/matching.h"
#include "engine/money.h"

namespace hitd::engine {

namespace {

// The secret is 32 random bytes and the store keeps a 32-byte hash of it (SHA-256).
constexpr size_t kSecretHashSize = 32;

bool IsNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '@' || c == '-';
}

// Names are restricted to characters that need no quoting in hitctl, logs or file names.
bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > limits::kNameMax) return false;
  for (char c : name) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsUpperOrDigit(char c) { return IsUpper(c) || (c >= '0' && c <= '9'); }

// ISO 3166: two capital letters, then an optional subdivision of one to three capitals or
// digits packed from the front (a character after a NUL would make two locales that
// print alike compare unequal).
bool ValidLocale(const Locale& locale) {
  if (!IsUpper(locale.country[0]) || !IsUpper(locale.country[1])) return false;
  bool ended = false;
  for (char c : locale.subdivision) {
    if (c == 0) {
      ended = true;
    } else if (ended || !IsUpperOrDigit(c)) {
      return false;
    }
  }
  return true;
}

std::optional<Error> RequireSecretHash(std::string_view hash) {
  if (hash.size() != kSecretHashSize) return Error{ErrorCode::kInvalidArgument, "secret_hash"};
  return std::nullopt;
}

AccountView ViewOf(const State& s, const Account& a) {
  return AccountView{a, s.names[Index(a.id.value)]};
}

std::optional<Error> ValidateCreate(const State& s, const CreateAccount& c) {
  if (c.role != Role::kAdmin && c.role != Role::kRequester && c.role != Role::kWorker) {
    return Error{ErrorCode::kInvalidArgument, "role"};
  }
  if (!ValidName(c.name)) return Error{ErrorCode::kInvalidArgument, "name"};
  if (!ValidLocale(c.locale)) return Error{ErrorCode::kInvalidArgument, "locale"};
  if (c.role == Role::kRequester && !s.config.requester_countries.empty() &&
      !LocaleListed(s.config.requester_countries, c.locale)) {
    return Error{ErrorCode::kInvalidArgument, "locale"};
  }
  if (auto e = RequireSecretHash(c.secret_hash)) return e;
  if (s.account_by_name.contains(s.names, c.name)) return Error{ErrorCode::kAlreadyExists, "name"};
  if (!HasRoomFor(s.accounts.size())) return Error{ErrorCode::kResourceExhausted, "account"};
  return std::nullopt;
}

}  // namespace

Result Handle(State& s, const Context& ctx, const CreateAccount& c, Output& out) {
  if (auto e = RequireRole(Actor(s, ctx), Role::kAdmin)) return Result{*e};
  if (auto e = ValidateCreate(s, c)) return Result{*e};

  Account a;
  a.id = AccountId(s.accounts.size() + 1);
  a.role = c.role;
  a.status = AccountStatus::kActive;
  a.locale = c.locale;
  a.created = ctx.now;
  const uint32_t index = Index(a.id.value);
  s.accounts.push_back(a);
  s.account_states.emplace_back();
  s.names.push_back(c.name);
  s.account_by_name.Insert(s.names, index);
  HITD_CHECK(s.accounts.size() == s.account_states.size());
  HITD_CHECK(s.accounts.size() == s.names.size());

  Emit(out, a);
  out.profiles.push_back(AccountProfile{a.id, c.name});
  EmitPayload(out, PayloadKind::kSecretHash, a.id.value, c.secret_hash);
  return Result{AccountView{a, c.name}};
}

Result Handle(State& s, const Context& ctx, const SuspendAccount& c, Output& out) {
  if (auto e = RequireRole(Actor(s, ctx), Role::kAdmin)) return Result{*e};
  Account* a = FindAccount(s, c.account);
  if (a == nullptr) return Fail(ErrorCode::kNotFound, "account");
  // The bootstrap admin is the way back in: suspending it (or an admin suspending
  // itself) could leave nobody able to reactivate anyone.
  if (a->id == kBootstrapAdmin) return Fail(ErrorCode::kPermissionDenied, "account");
  if (a->id == ctx.actor) return Fail(ErrorCode::kFailedPrecondition, "account");
  if (c.reason.size() > limits::kReasonMax) return Fail(ErrorCode::kInvalidArgument, "reason");

  // Suspending a suspended account succeeds and changes nothing, so retries are safe.
  if (a->status == AccountStatus::kSuspended) return Result{ViewOf(s, *a)};
  a->status = AccountStatus::kSuspended;
  Emit(out, *a);
  EmitPayload(out, PayloadKind::kSuspendReason, a->id.value, c.reason);
  return Result{ViewOf(s, *a)};
}

Result Handle(State& s, const Context& ctx, const ReactivateAccount& c, Output& out) {
  if (auto e = RequireRole(Actor(s, ctx), Role::kAdmin)) return Result{*e};
  Account* a = FindAccount(s, c.account);
  if (a == nullptr) return Fail(ErrorCode::kNotFound, "account");
  if (a->status == AccountStatus::kActive) return Result{ViewOf(s, *a)};
  a->status = AccountStatus::kActive;
  Emit(out, *a);
  return Result{ViewOf(s, *a)};
}

Result Handle(State& s, const Context& ctx, const RotateSecret& c, Output& out) {
  const Account& actor = Actor(s, ctx);
  // Another account is invisible to a non-admin: NOT_FOUND, not PERMISSION_DENIED, so
  // that ids cannot be probed.
  if (actor.role != Role::kAdmin && c.account != actor.id) {
    return Fail(ErrorCode::kNotFound, "account");
  }
  const Account* a = FindAccount(s, c.account);
  if (a == nullptr) return Fail(ErrorCode::kNotFound, "account");
  if (auto e = RequireSecretHash(c.secret_hash)) return Result{*e};
  EmitPayload(out, PayloadKind::kSecretHash, a->id.value, c.secret_hash);
  return Result{Empty{}};
}

Result Handle(State& s, const Context& ctx, const GetAccount& c, Output&) {
  const Account& actor = Actor(s, ctx);
  if (actor.role != Role::kAdmin && c.account != actor.id) {
    return Fail(ErrorCode::kNotFound, "account");
  }
  const Account* a = FindAccount(s, c.account);
  if (a == nullptr) return Fail(ErrorCode::kNotFound, "account");
  return Result{ViewOf(s, *a)};
}

namespace {

void CountAccounts(const State& s, Stats& st) {
  for (const Account& a : s.accounts) {
    switch (a.role) {
      case Role::kAdmin:
        ++st.admins;
        break;
      case Role::kRequester:
        ++st.requesters;
        break;
      case Role::kWorker:
        ++st.workers;
        break;
    }
  }
}

// Walks the HIT table rather than the assignment table: there are far fewer HITs than
// assignments, and each HIT keeps its slot counts.
void CountHits(const State& s, TimeMs now, Stats& st) {
  for (const Hit& h : s.hits) {
    st.assignments_accepted += h.accepted;
    st.assignments_submitted += h.submitted;
    // Assignable exactly as GetHit reports it, even before the Tick that expires it.
    if (StatusOf(h, now) == HitStatus::kAssignable) {
      ++st.hits_assignable;
      st.slots_free += h.free;
    }
  }
}

}  // namespace

Result Handle(State& s, const Context& ctx, const GetStats&, Output&) {
  if (auto e = RequireRole(Actor(s, ctx), Role::kAdmin)) return Result{*e};
  Stats st;
  CountAccounts(s, st);
  CountHits(s, ctx.now, st);
  st.hit_types = s.hit_types.size();
  st.hits = s.hits.size();
  st.assignments = s.assignments.size();
  st.events = s.last_event_seq;
  st.tokens = s.tokens.size();
  st.deposits = s.deposits;
  st.requester_available = s.requester_available;
  st.escrow = s.escrow;
  st.worker_available = s.worker_available;
  st.withdrawn = s.withdrawn;
  st.platform_revenue = s.platform_revenue;
  st.imbalance = LedgerImbalance(s);
  return Result{st};
}

namespace {

// Rewards of the worker's submitted, undecided assignments: what approval would pay.
Cents PendingRewards(const State& s, const AccountState& st) {
  Cents pending;
  for (uint32_t id = st.first_assignment; id != 0;
       id = s.assignment_links[Index(id)].next_in_worker) {
    const Assignment& a = s.assignments[Index(id)];
    if (a.status == AssignmentStatus::kSubmitted) pending += s.hits[Index(a.hit.value)].reward;
  }
  return pending;
}

}  // namespace

Result Handle(State& s, const Context& ctx, const GetDashboard&, Output&) {
  const Account& w = Actor(s, ctx);
  if (auto e = RequireRole(w, Role::kWorker)) return Result{*e};
  const AccountState& st = s.account_states[Index(w.id.value)];
  Dashboard d;
  d.available = w.available;
  d.withdrawn = w.withdrawn;
  d.earned = w.earned;
  d.pending = PendingRewards(s, st);
  d.counters = w.counters;
  d.accepted_now = st.accepted_now;
  d.percent_approved = PercentApproved(w.counters);
  d.percent_rejected = PercentRejected(w.counters);
  return Result{d};
}

}  // namespace hitd::engine
