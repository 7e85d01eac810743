// Request tokens (engine/engine.cc, Engine::Apply): a repeat returns the first answer
// and changes nothing; the same token with another request is a conflict; a failed
// request does not consume its token; tokens are per account and bounded in number.
// (Forgetting tokens after their window is in tick_test.cc.)
#include "engine/engine.h"

#include <gtest/gtest.h>

#include <string>

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
  EXPECT_EQ(*out.tokens[0].result, first);
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

}  // namespace
}  // namespace hitd::engine
