// The client library's own resume (client.h): when the daemon drops a subscribed
// connection (here: the idle timeout, shortened), the next call reconnects and renews
// the event subscription from the last delivered sequence number + 1, so the caller
// sees the events that happened while it was away, with no gap and no duplicate.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "tests/daemon/market_fixture.h"

namespace hitd::daemon_test {
namespace {

using engine::Command;

class ClientResume : public MarketTest {
 protected:
  void Configure(server::ServerConfig& config) override { config.idle_timeout_ms = 700; }
};

TEST_F(ClientResume, DroppedSubscriptionResumesOnTheNextCallWithNoGapAndNoDuplicate) {
  const TestAccount owner =
      CreateAccount(engine::Role::kRequester, "resumer", engine::Cents(kDeposit));
  auto writer = Connect(owner);
  const engine::HitTypeId type = CreateType(*writer, TypeSpec("Resumed"));
  auto subscriber = Connect(owner);

  std::mutex mu;
  std::vector<engine::Event> seen;
  auto created = [&] {
    std::lock_guard lock(mu);
    std::vector<engine::HitId> hits;
    for (const engine::Event& e : seen) {
      if (e.type == engine::EventType::kHitCreated) hits.push_back(e.hit);
    }
    return hits;
  };
  std::atomic<int> drops = 0;
  subscriber->async().OnConnection([&](bool connected, engine::Error) {
    if (!connected) ++drops;
  });
  ASSERT_TRUE(Ok(subscriber->SubscribeEvents(1, [&](std::span<const engine::Event> events) {
    std::lock_guard lock(mu);
    seen.insert(seen.end(), events.begin(), events.end());
  })));

  std::vector<engine::HitId> expected = {CreateHit(*writer, type, "<q>before</q>")};
  ASSERT_TRUE(WaitUntil([&] { return created().size() == 1; }, 10'000));
  ASSERT_TRUE(WaitUntil([&] { return drops.load() > 0; }, 10'000))
      << "the idle timeout drops the subscribed connection";
  for (int i = 0; i < 2; ++i) expected.push_back(CreateHit(*writer, type, "<q>away</q>"));

  EXPECT_TRUE(Ok(subscriber->Call(Command(engine::GetAccountBalance{}))))
      << "the next call reconnects";
  ASSERT_TRUE(WaitUntil([&] { return created().size() >= 3; }, 10'000))
      << "the renewed subscription delivers what happened while away";
  expected.push_back(CreateHit(*writer, type, "<q>live again</q>"));
  ASSERT_TRUE(WaitUntil([&] { return created().size() >= 4; }, 10'000));
  EXPECT_EQ(created(), expected) << "no gap, no duplicate";
  std::lock_guard lock(mu);
  for (size_t i = 1; i < seen.size(); ++i) {
    EXPECT_LT(seen[i - 1].seq, seen[i].seq);
  }
}

}  // namespace
}  // namespace hitd::daemon_test
