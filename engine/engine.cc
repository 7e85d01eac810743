#include "engine/engine.h"

#include <cstdio>  // hitd-purity: allow: a failed check prints its condition, then aborts
#include <cstdlib>
#include <utility>

#include "engine/check.h"
#include "engine/common.h"
#include "engine/eligibility.h"
#include "engine/handlers.h"
#include "engine/tokens.h"

namespace hitd::engine {

void CheckFailed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "hitd: check failed: %s at %s:%d\n", condition, file, line);
  std::abort();
}

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "OK";
    case ErrorCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case ErrorCode::kNotFound:
      return "NOT_FOUND";
    case ErrorCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case ErrorCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case ErrorCode::kUnauthenticated:
      return "UNAUTHENTICATED";
    case ErrorCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case ErrorCode::kInsufficientFunds:
      return "INSUFFICIENT_FUNDS";
    case ErrorCode::kNoWorkAvailable:
      return "NO_WORK_AVAILABLE";
    case ErrorCode::kResourceExhausted:
      return "RESOURCE_EXHAUSTED";
    case ErrorCode::kMalformed:
      return "MALFORMED";
    case ErrorCode::kUnsupported:
      return "UNSUPPORTED";
    case ErrorCode::kUnavailable:
      return "UNAVAILABLE";
    case ErrorCode::kInternal:
      return "INTERNAL";
    case ErrorCode::kTokenConflict:
      return "TOKEN_CONFLICT";
  }
  return "UNKNOWN";
}

namespace {

struct IsMutationVisitor {
  template <typename T>
  bool operator()(const T&) const {
    return !(
        std::is_same_v<T, GetAccount> || std::is_same_v<T, GetStats> || std::is_same_v<T, GetHit> ||
        std::is_same_v<T, ListHits> || std::is_same_v<T, ListReviewableHits> ||
        std::is_same_v<T, ListAssignmentsForHit> || std::is_same_v<T, GetAssignment> ||
        std::is_same_v<T, ListBonusPayments> || std::is_same_v<T, GetAccountBalance> ||
        std::is_same_v<T, ListWorkerBlocks> || std::is_same_v<T, GetQualificationType> ||
        std::is_same_v<T, ListQualificationTypes> || std::is_same_v<T, GetQualificationScore> ||
        std::is_same_v<T, ListWorkersWithQualificationType> ||
        std::is_same_v<T, ListQualificationRequests> || std::is_same_v<T, ListMyQualifications> ||
        std::is_same_v<T, ListHitGroups> || std::is_same_v<T, PreviewHit> ||
        std::is_same_v<T, ListMyAssignments> || std::is_same_v<T, GetDashboard>);
  }
};

// Sizes of every Output vector, to undo what a failed command appended.
struct OutputMark {
  size_t sizes[14];
  explicit OutputMark(const Output& o)
      : sizes{
            o.events.size(),      o.accounts.size(),        o.profiles.size(),  o.qual_types.size(),
            o.grants.size(),      o.qual_requests.size(),   o.hit_types.size(), o.hits.size(),
            o.assignments.size(), o.bonuses.size(),         o.blocks.size(),    o.payloads.size(),
            o.tokens.size(),      o.forgotten_tokens.size()} {}
  void Restore(Output& o) const {
    o.events.resize(sizes[0]);
    o.accounts.resize(sizes[1]);
    o.profiles.resize(sizes[2]);
    o.qual_types.resize(sizes[3]);
    o.grants.resize(sizes[4]);
    o.qual_requests.resize(sizes[5]);
    o.hit_types.resize(sizes[6]);
    o.hits.resize(sizes[7]);
    o.assignments.resize(sizes[8]);
    o.bonuses.resize(sizes[9]);
    o.blocks.resize(sizes[10]);
    o.payloads.resize(sizes[11]);
    o.tokens.resize(sizes[12]);
    o.forgotten_tokens.resize(sizes[13]);
  }
};

}  // namespace

void ForgetOldestToken(State& s, Output& out) {
  const std::string& key = s.token_order.front().second;
  const size_t bar = key.find('|');
  uint64_t account = 0;
  for (size_t i = 0; i < bar; ++i) account = account * 10 + static_cast<uint64_t>(key[i] - '0');
  out.forgotten_tokens.push_back(
      ForgottenToken{AccountId(account), key.substr(bar + 1), out.tokens.size()});
  s.tokens.erase(key);
  s.token_order.pop_front();
}

bool IsMutation(const Command& command) { return std::visit(IsMutationVisitor{}, command); }

Engine::Engine(EngineConfig config) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.config = std::move(config);
  s.accounts.reserve(s.config.reserve_accounts);
  s.account_states.reserve(s.config.reserve_accounts);
  s.hits.reserve(s.config.reserve_hits);
  s.hit_states.reserve(s.config.reserve_hits);
  s.assignments.reserve(s.config.reserve_assignments);
  s.assignment_links.reserve(s.config.reserve_assignments);
  s.holder.Reserve(s.config.reserve_assignments);
  s.timers.Reserve(s.config.reserve_assignments + s.config.reserve_hits);
  s.reqsets.emplace_back();  // requirement set 0: no requirements
  InitSystemQualTypes(s);
  // The bootstrap admin, from which every other account is created.
  Account admin;
  admin.id = kBootstrapAdmin;
  admin.role = Role::kAdmin;
  s.accounts.push_back(admin);
  s.account_states.emplace_back();
  s.names.push_back("admin");
  s.account_by_name.Insert(s.names, 0);
}

Engine::~Engine() = default;

Result Engine::Apply(const Context& ctx, const Command& command, Output& out) {
  State& s = *state_;
  const bool is_tick = std::holds_alternative<Tick>(command);
  if (!is_tick) {
    const Account* actor = FindAccount(s, ctx.actor);
    if (actor == nullptr) return Fail(ErrorCode::kUnauthenticated, "actor");
    if (actor->status != AccountStatus::kActive) {
      return Fail(ErrorCode::kPermissionDenied, "actor");
    }
    // Most commands read the actor's derived state next: overlap the two cache misses.
    __builtin_prefetch(&s.account_states[ctx.actor.value - 1]);
  }
  const bool tokened = !ctx.request_token.empty() && IsMutation(command) && !is_tick;
  std::string key;
  if (tokened) {
    if (ctx.request_token.size() > limits::kRequestTokenMax) {
      return Fail(ErrorCode::kInvalidArgument, "request_token");
    }
    key = TokenKey(ctx.actor, ctx.request_token);
    auto it = s.tokens.find(key);
    if (it != s.tokens.end()) {
      if (it->second.fingerprint != ctx.request_fingerprint) {
        return Fail(ErrorCode::kTokenConflict, "request_token");
      }
      return it->second.result;  // a repeat: the first answer, nothing changes
    }
  }
  OutputMark mark(out);
  Result result = std::visit([&](const auto& c) { return Handle(s, ctx, c, out); }, command);
  if (!result.ok()) {
    mark.Restore(out);
    return result;
  }
  // Only successful answers are kept: a failed request changed nothing, so retrying it
  // with the same token (after a deposit, say) must be able to succeed.
  if (tokened && s.config.token_capacity > 0) {
    while (s.tokens.size() >= s.config.token_capacity) {  // room first: forget the oldest
      ForgetOldestToken(s, out);
    }
    auto [it, inserted] =
        s.tokens.emplace(key, TokenEntry{ctx.request_fingerprint, ctx.now, result});
    HITD_CHECK(inserted);
    OrderToken(s, ctx.now, std::move(key));
    out.tokens.push_back(TokenRecord{ctx.actor, std::string(ctx.request_token),
                                     ctx.request_fingerprint, ctx.now, result});
  }
  if (is_tick || IsMutation(command)) {
    out.meta = EngineMeta{s.last_event_seq, s.notifications,    s.deposits,  s.requester_available,
                          s.escrow,         s.worker_available, s.withdrawn, s.platform_revenue};
    out.meta_changed = true;
  }
  return result;
}

}  // namespace hitd::engine
