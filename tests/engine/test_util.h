// Helpers shared by the engine tests. Everything goes through Engine::Apply, as a client
// would, with a manual clock: each call names its `now`. Accounts are made by
// the bootstrap admin with a 32-byte secret hash; requesters get their deposit at creation.
//
// `Rejected` checks the rule every handler keeps: a failed command answers its error
// and changes nothing, neither the state (StateHash, and, for as long as StateHash is
// not complete, the tables and ledger totals themselves) nor the Output.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/engine.h"

namespace hitd::engine {

// Readable gtest failure messages for the engine's value types.
inline void PrintTo(Cents c, std::ostream* os) { *os << c.value << "c"; }
inline void PrintTo(TimeMs t, std::ostream* os) { *os << t.value << "ms"; }
template <typename Tag>
void PrintTo(StrongId<Tag> id, std::ostream* os) {
  *os << "#" << id.value;
}
inline void PrintTo(ErrorCode code, std::ostream* os) { *os << ErrorCodeName(code); }
inline void PrintTo(const Error& e, std::ostream* os) {
  *os << ErrorCodeName(e.code) << "(" << e.field << ")";
}

namespace test {

// A fixed "now" (2023-11-14T22:13:20Z), far from the epoch so that day arithmetic and
// deadlines are realistic.
inline constexpr int64_t kT0 = 1'700'000'000'000;

// "US" or "US-NY".
constexpr Locale MakeLocale(std::string_view text) {
  Locale l;
  l.country[0] = text[0];
  l.country[1] = text[1];
  for (size_t i = 3; i < text.size() && i < 6; ++i) l.subdivision[i - 3] = text[i];
  return l;
}
inline constexpr Locale kUS = MakeLocale("US");

inline std::string SecretHash(char fill = 's') { return std::string(32, fill); }

// Payload views in `out` point into `command`, so the command must outlive every read
// of out.payloads: declare it as a local `Command`. Passing a temporary would leave the
// views dangling, so that does not compile.
inline Result Apply(Engine& e, AccountId actor, int64_t now_ms, const Command& command,
                    Output& out) {
  Context ctx;
  ctx.actor = actor;
  ctx.now = TimeMs(now_ms);
  return e.Apply(ctx, command, out);
}
Result Apply(Engine& e, AccountId actor, int64_t now_ms, Command&& command, Output& out) = delete;
inline Result Apply(Engine& e, AccountId actor, int64_t now_ms, const Command& command) {
  Output out;
  return Apply(e, actor, now_ms, command, out);
}

// The same under the name `Run`, for helpers outside TEST bodies (inside one, `Run` names
// the private testing::Test::Run; call `Apply` or `test::Run` there).
inline Result Run(Engine& e, AccountId actor, int64_t now_ms, const Command& command, Output& out) {
  return Apply(e, actor, now_ms, command, out);
}
Result Run(Engine& e, AccountId actor, int64_t now_ms, Command&& command, Output& out) = delete;
inline Result Run(Engine& e, AccountId actor, int64_t now_ms, const Command& command) {
  return Apply(e, actor, now_ms, command);
}

inline ::testing::AssertionResult IsError(const Result& r, ErrorCode code,
                                          std::string_view field = {}) {
  if (r.ok()) return ::testing::AssertionFailure() << "succeeded, expected an error";
  const Error e = r.error();
  if (e.code != code || (!field.empty() && e.field != field)) {
    return ::testing::AssertionFailure()
           << "got " << ErrorCodeName(e.code) << "(" << e.field << "), expected "
           << ErrorCodeName(code) << "(" << field << ")";
  }
  return ::testing::AssertionSuccess();
}

inline AccountId MakeAccount(Engine& e, Role role, std::string name, Locale locale = kUS) {
  Result r =
      Apply(e, kBootstrapAdmin, kT0, CreateAccount{role, std::move(name), locale, SecretHash()});
  EXPECT_TRUE(r.ok()) << "CreateAccount failed: " << ErrorCodeName(r.error().code) << "("
                      << r.error().field << ")";
  return r.ok() ? r.get<AccountView>().account.id : AccountId();
}

inline AccountId MakeRequester(Engine& e, std::string name, Cents deposit = Cents(0)) {
  AccountId id = MakeAccount(e, Role::kRequester, std::move(name));
  if (deposit.value > 0) {
    Result r = Apply(e, kBootstrapAdmin, kT0, Deposit{id, deposit});
    EXPECT_TRUE(r.ok()) << "Deposit failed: " << ErrorCodeName(r.error().code);
  }
  return id;
}

inline AccountId MakeWorker(Engine& e, std::string name, Locale locale = kUS) {
  return MakeAccount(e, Role::kWorker, std::move(name), locale);
}

inline const Account& AccountOf(const Engine& e, AccountId id) {
  return e.state().accounts.at(id.value - 1);
}

// A valid HIT type and HIT with no requirements: one-hour assignments, a day's lifetime.
inline HitTypeSpec BasicHitType(Cents reward) {
  HitTypeSpec t;
  t.title = "Label one image";
  t.description = "Pick the label that fits the image best.";
  t.keywords = "image,label";
  t.reward = reward;
  t.assignment_duration = Seconds(3600);
  return t;
}
inline HitSpec BasicHit(uint32_t max_assignments = 1) {
  HitSpec h;
  h.max_assignments = max_assignments;
  h.lifetime = Days(1);
  h.question = "<question/>";
  return h;
}

// CreateHit at kT0; an invalid id (and a test failure) when it fails.
inline HitId MakeHit(Engine& e, AccountId requester, Cents reward, uint32_t max_assignments = 1) {
  Result r = Apply(e, requester, kT0, CreateHit{BasicHitType(reward), BasicHit(max_assignments)});
  EXPECT_TRUE(r.ok()) << "CreateHit failed: " << ErrorCodeName(r.error().code) << "("
                      << r.error().field << ")";
  return r.ok() ? r.get<HitCreated>().hit : HitId();
}

// The worker accepts the HIT and submits an answer, at kT0 + 1 s.
inline AssignmentId AcceptAndSubmit(Engine& e, AccountId worker, HitId hit) {
  Result r = Apply(e, worker, kT0 + 1000, Accept{hit});
  EXPECT_TRUE(r.ok()) << "Accept failed: " << ErrorCodeName(r.error().code) << "("
                      << r.error().field << ")";
  if (!r.ok()) return AssignmentId();
  AssignmentId id = r.get<AssignmentView>().assignment.id;
  Result s = Apply(e, worker, kT0 + 1000, SubmitAssignment{id, "<answer/>"});
  EXPECT_TRUE(s.ok()) << "SubmitAssignment failed: " << ErrorCodeName(s.error().code);
  return id;
}

// What a failed command must leave as it was.
struct Snapshot {
  uint64_t hash = 0;
  std::vector<Account> accounts;
  std::vector<std::string> names;
  std::vector<Hit> hits;
  std::vector<Assignment> assignments;
  std::vector<Bonus> bonuses;
  std::map<std::pair<uint64_t, uint64_t>, WorkerBlock> blocks;
  size_t blocked = 0;
  uint64_t last_event_seq = 0;
  uint64_t notifications = 0;
  size_t tokens = 0;
  Cents totals[6];
  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

inline Snapshot Snap(const Engine& e) {
  const State& s = e.state();
  return Snapshot{e.StateHash(),
                  s.accounts,
                  s.names,
                  s.hits,
                  s.assignments,
                  s.bonuses,
                  s.blocks,
                  s.blocked.size(),
                  s.last_event_seq,
                  s.notifications,
                  s.tokens.size(),
                  {s.deposits, s.requester_available, s.escrow, s.worker_available, s.withdrawn,
                   s.platform_revenue}};
}

// Applies a command that must fail with `code` (and `field`, when given), and checks
// that it changed nothing and appended nothing to the Output.
inline ::testing::AssertionResult Rejected(Engine& e, AccountId actor, int64_t now_ms,
                                           const Command& command, ErrorCode code,
                                           std::string_view field = {}) {
  const Snapshot before = Snap(e);
  Output out;
  Result r = Apply(e, actor, now_ms, command, out);
  if (auto check = IsError(r, code, field); !check) return check;
  if (!(Snap(e) == before)) return ::testing::AssertionFailure() << "the state changed";
  if (!out.events.empty() || !out.accounts.empty() || !out.payloads.empty() ||
      !out.bonuses.empty() || !out.blocks.empty() || !out.profiles.empty()) {
    return ::testing::AssertionFailure() << "the Output is not empty";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace test
}  // namespace hitd::engine
