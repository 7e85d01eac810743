// BlockingClient against a fake daemon: answers, concurrent callers, the timeout.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "net/client/client.h"
#include "tests/client/fake_server.h"

namespace hitd::client {
namespace {

using engine::Error;
using engine::ErrorCode;
using testing::FakeConnection;
using testing::FakeServer;
using testing::GetHit;
using testing::OptionsFor;

// Answers every GetHit with NOT_FOUND "hit n" until the client hangs up.
void EchoHits(FakeConnection& c) {
  ASSERT_TRUE(c.Handshake(testing::TestCredentials().secret));
  while (auto request = c.ReadRequest()) testing::AnswerHit(c, *request);
}

TEST(BlockingClient, ConnectThenCallReturnsTheAnswer) {
  FakeServer server({EchoHits});
  BlockingClient client(OptionsFor(server));
  net::Welcome welcome;
  ASSERT_EQ(client.Connect(&welcome).code, ErrorCode::kOk);
  EXPECT_EQ(welcome.account_id, engine::AccountId(7));
  const Answer answer = client.Call(GetHit(4));
  EXPECT_EQ(answer.error(), (Error{ErrorCode::kNotFound, "hit"}));
  EXPECT_EQ(answer.message, "hit 4");
}

TEST(BlockingClient, ConcurrentCallersEachGetTheirOwnAnswer) {
  FakeServer server({EchoHits});
  BlockingClient client(OptionsFor(server));  // the first call connects
  constexpr int kThreads = 4;
  constexpr int kCalls = 50;
  std::vector<std::thread> threads;
  std::vector<int> matched(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        const uint64_t hit = static_cast<uint64_t>(t * 1000 + i + 1);
        const Answer answer = client.Call(GetHit(hit));
        if (answer.message == "hit " + std::to_string(hit)) ++matched[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(matched[t], kCalls) << "thread " << t;
}

TEST(BlockingClient, ACallWithNoAnswerTimesOutUnavailable) {
  FakeServer server({[](FakeConnection& c) {
    ASSERT_TRUE(c.Handshake(testing::TestCredentials().secret));
    EXPECT_TRUE(c.ReadRequest().has_value());  // never answered
    EXPECT_TRUE(c.ReadsEnd());
  }});
  Options options = OptionsFor(server);
  options.request_timeout_ms = 200;
  BlockingClient client(options);
  const Answer answer = client.Call(GetHit(1));
  EXPECT_EQ(answer.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(answer.message, "timed out after 200 ms");
}

TEST(BlockingClient, AnUnreachableDaemonIsUnavailable) {
  uint16_t port = 0;
  {
    FakeServer closed({});  // listens, then goes away: its port refuses connections
    port = closed.port();
  }
  Options options;
  options.port = port;
  options.credentials = testing::TestCredentials();
  options.reconnect = false;
  BlockingClient client(options);
  EXPECT_EQ(client.Connect().code, ErrorCode::kUnavailable);
  const Answer answer = client.Call(GetHit(1));
  EXPECT_EQ(answer.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace hitd::client
