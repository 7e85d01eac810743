// Idempotency over the wire (schemas/README.md, Request.token): a mutation repeated with
// the same token and the same request gets the first answer and changes nothing, on
// any connection of the same account and under any request id; the same token with
// another request gets TOKEN_CONFLICT and changes nothing; tokens are the account's
// own; a refused request is not remembered, so its retry can succeed.
#include <gtest/gtest.h>

#include "tests/daemon/market_fixture.h"
#include "tests/daemon/raw_connection.h"

namespace hitd::daemon_test {
namespace {

using engine::Command;
using engine::ErrorCode;

class Idempotency : public MarketTest {
 protected:
  struct State {
    engine::Stats stats;
    engine::AccountBalance balance;
    friend bool operator==(const State&, const State&) = default;
  };
  State Now() { return State{Stats(), Balance(*r_)}; }
  Command NewHit(const std::string& question) const {
    return Command(engine::CreateHitWithHitType{open_type_, HitSpecOf(question, 2)});
  }
};

TEST_F(Idempotency, RepeatGetsTheFirstAnswerAndChangesStateOnce) {
  const State before = Now();
  const client::Answer first = r_->Call(NewHit("<q>once</q>"), "token-once");
  ASSERT_TRUE(Ok(first));
  const State after_first = Now();
  EXPECT_EQ(after_first.stats.hits, before.stats.hits + 1);

  const client::Answer repeat = r_->Call(NewHit("<q>once</q>"), "token-once");
  ASSERT_TRUE(Ok(repeat));
  EXPECT_EQ(repeat.reply<engine::HitCreated>(), first.reply<engine::HitCreated>());
  EXPECT_EQ(Now(), after_first) << "the repeat changed nothing";

  auto other_connection = Connect(requester_);
  const client::Answer elsewhere = other_connection->Call(NewHit("<q>once</q>"), "token-once");
  ASSERT_TRUE(Ok(elsewhere));
  EXPECT_EQ(elsewhere.reply<engine::HitCreated>(), first.reply<engine::HitCreated>())
      << "the token is the account's, not the connection's";
  EXPECT_EQ(Now(), after_first);
}

TEST_F(Idempotency, RepeatUnderAnotherRequestIdIsStillARepeat) {
  RawConnection raw(port());
  ASSERT_EQ(raw.Handshake(requester_.credentials).code, ErrorCode::kOk);
  const ServerMessage first = raw.Call(10, NewHit("<q>raw</q>"), "raw-token");
  ASSERT_TRUE(first.is_response(10, ErrorCode::kOk)) << first.Describe();
  const State after_first = Now();
  const ServerMessage repeat = raw.Call(11, NewHit("<q>raw</q>"), "raw-token");
  ASSERT_TRUE(repeat.is_response(11, ErrorCode::kOk)) << repeat.Describe();
  EXPECT_EQ(std::get<engine::Result>(repeat.answer), std::get<engine::Result>(first.answer));
  EXPECT_EQ(Now(), after_first);
}

TEST_F(Idempotency, SameTokenWithAnotherRequestGetsTokenConflict) {
  ASSERT_TRUE(Ok(r_->Call(NewHit("<q>original</q>"), "token-conflict")));
  const State before = Now();
  const client::Answer conflict = r_->Call(NewHit("<q>something else</q>"), "token-conflict");
  EXPECT_TRUE(Fails(conflict, ErrorCode::kTokenConflict));
  const client::Answer other_op =
      r_->Call(Command(engine::CreateHitType{TypeSpec("Other")}), "token-conflict");
  EXPECT_TRUE(Fails(other_op, ErrorCode::kTokenConflict));
  EXPECT_EQ(Now(), before) << "a conflict changes nothing";
}

TEST_F(Idempotency, TokensAreTheAccountsOwn) {
  const engine::HitTypeId theirs = CreateType(*r2_, TypeSpec("Theirs"));
  const client::Answer mine = r_->Call(NewHit("<q>mine</q>"), "shared-token");
  ASSERT_TRUE(Ok(mine));
  const uint64_t hits_before = Stats().hits;
  const client::Answer other = r2_->Call(
      Command(engine::CreateHitWithHitType{theirs, HitSpecOf("<q>theirs</q>")}), "shared-token");
  ASSERT_TRUE(Ok(other)) << "another account's token does not conflict";
  EXPECT_NE(other.reply<engine::HitCreated>().hit, mine.reply<engine::HitCreated>().hit);
  EXPECT_EQ(Stats().hits, hits_before + 1);
}

TEST_F(Idempotency, RefusedRequestIsNotRememberedSoItsRetryCanSucceed) {
  const TestAccount poor = CreateAccount(engine::Role::kRequester, "poor", engine::Cents(1));
  auto client = Connect(poor);
  const engine::HitTypeId type = CreateType(*client, TypeSpec("Costly", 500));
  const Command hit(engine::CreateHitWithHitType{type, HitSpecOf("<q>costly</q>")});
  EXPECT_TRUE(Fails(client->Call(hit, "retry-me"), ErrorCode::kInsufficientFunds));
  ASSERT_TRUE(Ok(admin().Call(Command(engine::Deposit{poor.id, engine::Cents(10'000)}))));
  const client::Answer retried = client->Call(hit, "retry-me");
  ASSERT_TRUE(Ok(retried));
  const client::Answer again = client->Call(hit, "retry-me");
  ASSERT_TRUE(Ok(again));
  EXPECT_EQ(again.reply<engine::HitCreated>(), retried.reply<engine::HitCreated>());
}

}  // namespace
}  // namespace hitd::daemon_test
