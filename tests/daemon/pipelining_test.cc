// Pipelining (schemas/README.md, "Requests and responses"): a client keeps many
// requests in flight on one connection and matches answers by id, in whatever order
// they come. Checked on the wire (a raw connection writes a burst with ids in no
// particular order, and every answer names its request and holds that request's
// content) and through the asynchronous Client (hundreds of calls in flight, each
// handler getting its own request's answer, failures included).
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "tests/daemon/market_fixture.h"
#include "tests/daemon/raw_connection.h"

namespace hitd::daemon_test {
namespace {

using engine::Command;
using engine::ErrorCode;

class Pipelining : public MarketTest {
 protected:
  void SetUp() override {
    MarketTest::SetUp();
    if (HasFatalFailure()) return;
    for (int i = 0; i < 20; ++i) hits_.push_back(CreateHit(*r_, open_type_, "<q/>"));
  }
  std::vector<engine::HitId> hits_;
};

TEST_F(Pipelining, BurstOfRequestsIsAnsweredByIdWithEachRequestsContent) {
  RawConnection raw(port());
  ASSERT_EQ(raw.Handshake(requester_.credentials).code, ErrorCode::kOk);
  // Ids need only be unique among those in flight: any order, any size.
  std::map<uint64_t, engine::HitId> asked;  // request id -> HIT asked for (0: none exists)
  std::vector<uint8_t> burst;
  for (size_t i = 0; i < 200; ++i) {
    const uint64_t id = (uint64_t{1} << 63) - 1 - i * 7919;
    const engine::HitId hit = i % 10 == 9 ? engine::HitId(999'999) : hits_[i % hits_.size()];
    asked[id] = hit;
    const std::vector<uint8_t> frame = RequestFrame(id, Command(engine::GetHit{hit}));
    burst.insert(burst.end(), frame.begin(), frame.end());
  }
  ASSERT_TRUE(raw.Write(burst));
  std::set<uint64_t> answered;
  for (size_t n = 0; n < asked.size(); ++n) {
    const ServerMessage m = raw.ReadAnswer(10'000);
    ASSERT_TRUE(m.is(schema::ServerBody::Response)) << m.Describe();
    auto it = asked.find(m.response_id);
    ASSERT_NE(it, asked.end()) << "an answer to no request: id " << m.response_id;
    EXPECT_TRUE(answered.insert(m.response_id).second) << "answered twice: " << m.response_id;
    if (it->second == engine::HitId(999'999)) {
      EXPECT_EQ(m.error.code, ErrorCode::kNotFound);
    } else {
      ASSERT_EQ(m.error.code, ErrorCode::kOk) << m.Describe();
      EXPECT_EQ(std::get<engine::Result>(m.answer).get<engine::HitView>().hit.id, it->second)
          << "the answer holds its own request's HIT";
    }
  }
  EXPECT_EQ(answered.size(), asked.size());
}

// Past max_in_flight_per_connection the daemon stops reading the connection until
// answers go out (backpressure), but it loses nothing: a burst twenty times the cap is
// answered in full, each request exactly once.
class InFlightCap : public DaemonTest {
 protected:
  void Configure(server::ServerConfig& config) override {
    config.max_in_flight_per_connection = 16;
  }
};

TEST_F(InFlightCap, BurstBeyondTheCapIsAnsweredInFull) {
  RawConnection raw(port());
  ASSERT_EQ(raw.Handshake(admin_credentials()).code, ErrorCode::kOk);
  constexpr uint64_t kRequests = 320;
  std::vector<uint8_t> burst;
  for (uint64_t id = 1; id <= kRequests; ++id) {
    const std::vector<uint8_t> frame = RequestFrame(id, Command(engine::GetStats{}));
    burst.insert(burst.end(), frame.begin(), frame.end());
  }
  std::thread writer([&] { raw.Write(burst); });  // may block while the daemon pushes back
  std::set<uint64_t> answered;
  for (uint64_t n = 0; n < kRequests; ++n) {
    const ServerMessage m = raw.ReadAnswer(10'000);
    if (!m.is(schema::ServerBody::Response)) {
      ADD_FAILURE() << "after " << n << " answers: " << m.Describe();
      break;
    }
    EXPECT_EQ(m.error.code, ErrorCode::kOk) << m.Describe();
    EXPECT_TRUE(answered.insert(m.response_id).second) << "answered twice: " << m.response_id;
  }
  if (answered.size() != kRequests) ::shutdown(raw.native_handle(), SHUT_RDWR);  // frees the writer
  writer.join();
  EXPECT_EQ(answered.size(), kRequests);
  ExpectServedNormally();
}

// Runs `io` until `done` or the deadline.
bool RunUntil(boost::asio::io_context& io, const std::function<bool()>& done) {
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  while (!done() && Clock::now() < deadline) {
    io.run_one_for(std::chrono::milliseconds(20));
  }
  return done();
}

TEST_F(Pipelining, AsyncClientMatchesHundredsOfAnswersInFlight) {
  boost::asio::io_context io;
  auto client = client::Client::Create(io, OptionsFor(requester_.credentials));
  bool connected = false;
  client->Connect([&](engine::Error e, net::Welcome) {
    EXPECT_EQ(e.code, ErrorCode::kOk);
    connected = true;
  });
  ASSERT_TRUE(RunUntil(io, [&] { return connected; }));
  struct Outcome {
    engine::HitId asked;
    bool answered = false;
    client::Answer answer;
  };
  std::vector<Outcome> outcomes(300);
  std::vector<size_t> arrival;
  size_t max_in_flight = 0;
  bool created = false, subscribed = false;
  // The Client runs on its io_context's thread: issue every call from there, at once.
  boost::asio::post(io, [&] {
    for (size_t i = 0; i < outcomes.size(); ++i) {
      outcomes[i].asked = i % 7 == 3 ? engine::HitId(888'888) : hits_[i % hits_.size()];
      client->Call(Command(engine::GetHit{outcomes[i].asked}), [&, i](client::Answer a) {
        outcomes[i].answered = true;
        outcomes[i].answer = std::move(a);
        arrival.push_back(i);
      });
      max_in_flight = std::max(max_in_flight, client->in_flight());
    }
    // A mutation and a daemon operation among the reads: the slowest answers.
    client->Call(Command(engine::CreateHitWithHitType{open_type_, HitSpecOf("<q>new</q>")}),
                 [&](client::Answer a) {
                   EXPECT_TRUE(Ok(a));
                   created = true;
                 });
    client->SubscribeEvents(
        0, [](std::span<const engine::Event>) {},
        [&](client::Answer a) {
          EXPECT_TRUE(Ok(a));
          subscribed = true;
        });
  });
  ASSERT_TRUE(
      RunUntil(io, [&] { return arrival.size() == outcomes.size() && created && subscribed; }))
      << arrival.size() << " of " << outcomes.size() << " answered";
  EXPECT_GT(max_in_flight, 1u) << "calls were pipelined, not one at a time";
  for (size_t i = 0; i < outcomes.size(); ++i) {
    SCOPED_TRACE(i);
    const client::Answer& a = outcomes[i].answer;
    if (outcomes[i].asked == engine::HitId(888'888)) {
      EXPECT_TRUE(Fails(a, ErrorCode::kNotFound));
    } else {
      ASSERT_TRUE(Ok(a));
      EXPECT_EQ(a.reply<engine::HitView>().hit.id, outcomes[i].asked);
    }
  }
  EXPECT_EQ(client->in_flight(), 0u);
  client->Close();
  io.run_for(std::chrono::milliseconds(50));
}

// The admin's Backup goes to the store thread and may finish after reads sent later;
// each answer still reaches the call that asked for it.
TEST_F(Pipelining, SlowDaemonOperationAndFastReadsEachGetTheirOwnAnswer) {
  boost::asio::io_context io;
  auto client = client::Client::Create(io, OptionsFor(admin_credentials()));
  std::vector<std::string> order;
  bool backup_ok = false;
  client->Call(net::DaemonCommand(net::Backup{(data_dir() / "pipelined-backup").string()}),
               [&](client::Answer a) {
                 ASSERT_TRUE(Ok(a));
                 backup_ok = std::holds_alternative<net::DaemonReply>(a.answer);
                 order.push_back("backup");
               });
  const std::vector<engine::AccountId> accounts = {requester_.id, worker_.id, other_worker_.id};
  for (int round = 0; round < 20; ++round) {
    for (engine::AccountId id : accounts) {
      client->Call(Command(engine::GetAccount{id}), [&, id](client::Answer a) {
        ASSERT_TRUE(Ok(a));
        EXPECT_EQ(a.reply<engine::AccountView>().account.id, id);
        order.push_back("read");
      });
    }
  }
  ASSERT_TRUE(RunUntil(io, [&] { return order.size() == 61; }));
  EXPECT_TRUE(backup_ok);
  client->Close();
  io.run_for(std::chrono::milliseconds(50));
}

}  // namespace
}  // namespace hitd::daemon_test
