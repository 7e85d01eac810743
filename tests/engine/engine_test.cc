// Request tokens (engine/engine.cc, Engine::Apply): a repeat returns the first answer
// and changes nothing; the same token with another request is a conflict; a failed
// request does not consume its token; tokens are per account and bounded in number.
// (Forgetting tokens after their window is in tick_test.cc.) Also: every command's
// Output carries every record it changed, as the store needs.
#include "engine/engine.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/engine/hit_helpers.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::BasicHit;
using test::BasicHitType;
using test::kT0;
using test::MakeHit;
using test::MakeRequester;
using test::MakeWorker;
using test::Snap;

Result WithToken(Engine& e, AccountId actor, int64_t now, const Command& c, std::string token,
                 uint64_t fingerprint, Output& out) {
  Context ctx{actor, TimeMs(now), std::move(token), fingerprint};
  return e.Apply(ctx, c, out);
}
Result WithToken(Engine& e, AccountId actor, int64_t now, const Command& c, std::string token,
                 uint64_t fingerprint) {
  Output out;
  return WithToken(e, actor, now, c, std::move(token), fingerprint, out);
}

struct RequestTokens : ::testing::Test {
  Engine e;
  AccountId requester = MakeRequester(e, "acme", Cents(10'000));
  AccountId worker = MakeWorker(e, "w1");
  const Command create = CreateHit{BasicHitType(Cents(100)), BasicHit(2)};
};

TEST_F(RequestTokens, ARepeatReturnsTheFirstAnswerAndChangesNothing) {
  Output out;
  Result first = WithToken(e, requester, kT0, create, "req-1", 77, out);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(out.tokens.size(), 1u);
  EXPECT_EQ(out.tokens[0].token, "req-1");
  EXPECT_EQ(out.tokens[0].fingerprint, 77u);
  EXPECT_EQ(out.tokens[0].result, first);
  const test::Snapshot before = Snap(e);
  Output again;
  Result repeat = WithToken(e, requester, kT0 + 1000, create, "req-1", 77, again);
  EXPECT_EQ(repeat, first);
  EXPECT_TRUE(Snap(e) == before);
  EXPECT_TRUE(again.events.empty());
  EXPECT_TRUE(again.hits.empty());
  EXPECT_TRUE(again.tokens.empty());
  EXPECT_EQ(e.state().hits.size(), 1u);
}

TEST_F(RequestTokens, ARepeatedAcceptNextDoesNotTakeASecondSlot) {
  MakeHit(e, requester, Cents(100), 1);
  MakeHit(e, requester, Cents(100), 1);
  Result first = WithToken(e, worker, kT0, AcceptNext{}, "next-1", 5);
  ASSERT_TRUE(first.ok());
  Result repeat = WithToken(e, worker, kT0 + 1, AcceptNext{}, "next-1", 5);
  EXPECT_EQ(repeat, first);
  EXPECT_EQ(e.state().assignments.size(), 1u);
  e.CheckInvariants();
}

TEST_F(RequestTokens, TheSameTokenWithAnotherRequestIsAConflict) {
  ASSERT_TRUE(WithToken(e, requester, kT0, create, "req-1", 77).ok());
  const test::Snapshot before = Snap(e);
  Output out;
  Result r = WithToken(e, requester, kT0, create, "req-1", 78, out);
  EXPECT_TRUE(test::IsError(r, ErrorCode::kTokenConflict, "request_token"));
  EXPECT_TRUE(Snap(e) == before);
  EXPECT_TRUE(out.events.empty() && out.tokens.empty());
}

TEST_F(RequestTokens, AFailedRequestDoesNotConsumeItsToken) {
  AccountId poor = MakeRequester(e, "poor", Cents(100));
  Result failed = WithToken(e, poor, kT0, create, "req-1", 9);
  EXPECT_TRUE(test::IsError(failed, ErrorCode::kInsufficientFunds));
  EXPECT_EQ(e.state().tokens.size(), 0u);
  ASSERT_TRUE(test::Apply(e, kBootstrapAdmin, kT0, Deposit{poor, Cents(1000)}).ok());
  Result retried = WithToken(e, poor, kT0 + 1, create, "req-1", 9);
  ASSERT_TRUE(retried.ok()) << test::Describe(retried);
  EXPECT_EQ(e.state().hits.size(), 1u);
  e.CheckInvariants();
}

TEST_F(RequestTokens, TokensBelongToTheirAccount) {
  AccountId other = MakeRequester(e, "other", Cents(10'000));
  Result mine = WithToken(e, requester, kT0, create, "shared", 1);
  Result theirs = WithToken(e, other, kT0, create, "shared", 2);
  ASSERT_TRUE(mine.ok() && theirs.ok());
  EXPECT_NE(mine.get<HitCreated>().hit, theirs.get<HitCreated>().hit);
}

TEST_F(RequestTokens, ReadsTakeNoTokenAndTokensAreAtMost64Bytes) {
  HitId hit = MakeHit(e, requester, Cents(100), 1);
  ASSERT_TRUE(WithToken(e, requester, kT0, GetHit{hit}, "read", 1).ok());
  ASSERT_TRUE(WithToken(e, requester, kT0, GetHit{hit}, "read", 2).ok());  // no conflict
  EXPECT_EQ(e.state().tokens.size(), 0u);
  const test::Snapshot before = Snap(e);
  Result r = WithToken(e, requester, kT0, create, std::string(65, 't'), 1);
  EXPECT_TRUE(test::IsError(r, ErrorCode::kInvalidArgument, "request_token"));
  EXPECT_TRUE(Snap(e) == before);
  EXPECT_TRUE(WithToken(e, requester, kT0, create, std::string(64, 't'), 1).ok());
}

TEST_F(RequestTokens, BeyondTheCapacityTheOldestTokenIsForgotten) {
  EngineConfig config;
  config.token_capacity = 2;
  Engine small(config);
  AccountId r = MakeRequester(small, "acme", Cents(10'000));
  Result first = WithToken(small, r, kT0, create, "a", 1);
  ASSERT_TRUE(WithToken(small, r, kT0, create, "b", 1).ok());
  ASSERT_TRUE(WithToken(small, r, kT0, create, "c", 1).ok());
  EXPECT_EQ(small.state().tokens.size(), 2u);
  // "a" was forgotten: the same request runs again and creates another HIT.
  Result again = WithToken(small, r, kT0, create, "a", 1);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again.get<HitCreated>().hit, first.get<HitCreated>().hit);
  // "c" is still remembered.
  EXPECT_EQ(WithToken(small, r, kT0, create, "c", 1).get<HitCreated>().hit, HitId(3));
}

// The store applies an Output's record snapshots in order, the last one winning
// (output.h): every record a command changes must be there, with its final value.
template <typename Record>
::testing::AssertionResult SnapshotsMatch(const char* what, const std::vector<Record>& before,
                                          const std::vector<Record>& after,
                                          const std::vector<Record>& emitted) {
  std::map<uint64_t, Record> last;
  for (const Record& r : emitted) last[r.id.value] = r;
  for (size_t i = 0; i < after.size(); ++i) {
    const bool changed = i >= before.size() || !(after[i] == before[i]);
    auto it = last.find(after[i].id.value);
    if (changed && it == last.end()) {
      return ::testing::AssertionFailure() << what << " #" << after[i].id.value << " not emitted";
    }
    if (it != last.end() && !(it->second == after[i])) {
      return ::testing::AssertionFailure() << what << " #" << after[i].id.value << " stale";
    }
  }
  return ::testing::AssertionSuccess();
}

// Applies the command (which must succeed) and checks its Output against the change.
Result Step(Engine& e, AccountId actor, int64_t now, const Command& c) {
  const State& s = e.state();
  const std::vector<Account> accounts = s.accounts;
  const std::vector<Hit> hits = s.hits;
  const std::vector<Assignment> assignments = s.assignments;
  const size_t types = s.hit_types.size();
  Output out;
  Result r = e.Apply(Context{actor, TimeMs(now)}, c, out);
  EXPECT_TRUE(r.ok()) << "command " << c.index() << ": " << test::Describe(r);
  EXPECT_EQ(out.hit_types.size(), s.hit_types.size() - types) << "command " << c.index();
  EXPECT_TRUE(SnapshotsMatch("account", accounts, s.accounts, out.accounts)) << c.index();
  EXPECT_TRUE(SnapshotsMatch("HIT", hits, s.hits, out.hits)) << c.index();
  EXPECT_TRUE(SnapshotsMatch("assignment", assignments, s.assignments, out.assignments))
      << c.index();
  return r;
}

AssignmentId IdOf(const Result& r) {
  return r.ok() ? r.get<AssignmentView>().assignment.id : AssignmentId();
}

TEST(OutputRecords, EveryCommandEmitsEveryRecordItChangesWithItsFinalValue) {
  Engine e;
  AccountId r = MakeRequester(e, "acme", Cents(100'000));
  AccountId w1 = MakeWorker(e, "w1");
  AccountId w2 = MakeWorker(e, "w2");
  const int64_t hour = 3'600'000;
  HitTypeSpec reopening = BasicHitType(Cents(100));
  reopening.reject_reopens_slot = true;
  Result created = Step(e, r, kT0, CreateHit{reopening, BasicHit(3)});
  HitId h1 = created.get<HitCreated>().hit;
  HitTypeId reopening_type = created.get<HitCreated>().type;
  HitTypeId cheap =
      Step(e, r, kT0, CreateHitType{BasicHitType(Cents(50))}).get<HitTypeCreated>().type;
  std::vector<HitId> batch =
      Step(e, r, kT0, CreateHits{cheap, {BasicHit(), BasicHit(2)}}).get<HitsCreated>().hits;
  AssignmentId a1 = IdOf(Step(e, w1, kT0, Accept{h1}));
  AssignmentId a2 = IdOf(Step(e, w2, kT0, AcceptNext{}));  // h1, the best paid
  Step(e, w1, kT0, SubmitAssignment{a1, "x"});
  Result next = Step(e, w2, kT0, SubmitAndAcceptNext{a2, "x"});  // nothing else in h1's group
  Step(e, r, kT0, ApproveAssignment{a1, "ok"});
  Step(e, r, kT0, RejectAssignment{a2, "no"});  // reopens the slot
  Step(e, r, kT0, ApproveAssignment{a2, "", true});
  AssignmentId a3 = IdOf(Step(e, w2, kT0, AcceptNext{}));  // batch[0], then returned
  Step(e, w2, kT0, ReturnAssignment{a3});
  Step(e, r, kT0, UpdateHitTypeOfHit{batch[0], reopening_type});  // its only take returned
  Step(e, r, kT0, CreateAdditionalAssignmentsForHit{batch[1], 2});
  Step(e, r, kT0, UpdateExpirationForHit{batch[1], TimeMs(kT0)});             // expires
  Step(e, r, kT0 + 1, UpdateExpirationForHit{batch[1], TimeMs(kT0 + hour)});  // re-escrows
  AssignmentId a4 = IdOf(Step(e, w1, kT0 + 2, Accept{batch[1]}));
  Step(e, w1, kT0 + 2, SubmitAssignment{a4, "x"});
  Step(e, w1, kT0 + 2, Accept{batch[0]});        // left to be abandoned
  Step(e, AccountId(), kT0 + 2 * hour, Tick{});  // abandonment and expiries
  Step(e, r, kT0 + 2 * hour, UpdateHitReviewStatus{batch[1], false});
  Step(e, r, kT0 + 2 * hour, UpdateHitReviewStatus{batch[1], true});
  Step(e, AccountId(), kT0 + 5 * 24 * hour, Tick{});  // auto-approval of a4
  Step(e, r, kT0 + 5 * 24 * hour, DeleteHit{batch[1]});
  EXPECT_FALSE(next.get<SubmitAndAcceptNextResult>().next.has_value());
  EXPECT_EQ(e.state().assignments[a4.value - 1].status, AssignmentStatus::kApproved);
  e.CheckInvariants();
}

TEST(EngineMeta, AMutationReportsTheCountersAndAReadDoesNot) {
  Engine e;
  AccountId r = MakeRequester(e, "acme", Cents(5'000));
  Output out;
  ASSERT_TRUE(
      e.Apply(Context{r, TimeMs(kT0)}, CreateHit{BasicHitType(Cents(100)), BasicHit(2)}, out).ok());
  ASSERT_TRUE(out.meta_changed);
  EXPECT_EQ(out.meta.last_event_seq, e.state().last_event_seq);
  EXPECT_EQ(out.meta.deposits, Cents(5'000));
  EXPECT_EQ(out.meta.escrow, e.state().escrow);
  EXPECT_GT(out.meta.escrow.value, 0);
  Output read;
  ASSERT_TRUE(e.Apply(Context{kBootstrapAdmin, TimeMs(kT0)}, GetStats{}, read).ok());
  EXPECT_FALSE(read.meta_changed);
  out.Clear();
  EXPECT_FALSE(out.meta_changed);
}

TEST_F(RequestTokens, ForgottenTokensAreReportedForTheStore) {
  EngineConfig config;
  config.token_capacity = 1;
  Engine small(config);
  AccountId r = MakeRequester(small, "small", Cents(10'000));
  ASSERT_TRUE(WithToken(small, r, kT0, create, "first", 1).ok());
  Output out;
  ASSERT_TRUE(WithToken(small, r, kT0, create, "second", 2, out).ok());
  ASSERT_EQ(out.forgotten_tokens.size(), 1u);  // the capacity pushed the oldest out
  EXPECT_EQ(out.forgotten_tokens[0], (ForgottenToken{r, "first"}));
  Output tick;
  const int64_t window = small.config().token_window.value;
  ASSERT_TRUE(small.Apply(Context(AccountId(), TimeMs(kT0 + window)), Tick{}, tick).ok());
  ASSERT_EQ(tick.forgotten_tokens.size(), 1u);  // and the window the rest
  EXPECT_EQ(tick.forgotten_tokens[0], (ForgottenToken{r, "second"}));
  EXPECT_EQ(small.state().tokens.size(), 0u);
}

}  // namespace
}  // namespace hitd::engine
