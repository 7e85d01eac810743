// Client against a daemon that fails it: a Goodbye, frames no daemon should send (the
// client hangs up), a handshake that stalls, requests over the daemon's frame limit.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <optional>
#include <string>
#include <vector>

#include "net/client/client.h"
#include "net/protocol/response_codec.h"
#include "tests/client/fake_server.h"

namespace hitd::client {
namespace {

using engine::Error;
using engine::ErrorCode;
using testing::FakeConnection;
using testing::FakeServer;
using testing::GetHit;
using testing::HitMessage;
using testing::NotFound;
using testing::OptionsFor;
using testing::RunUntil;

TEST(ClientFailure, AGoodbyeAfterWelcomeReachesTheConnectionHandlerWithItsCode) {
  FakeServer server({[](FakeConnection& c) {
    ASSERT_TRUE(c.Handshake(testing::TestCredentials().secret));
    ASSERT_TRUE(c.ReadRequest().has_value());
    c.Goodbye(Error{ErrorCode::kResourceExhausted, {}}, "too many connections");
  }});
  boost::asio::io_context io;
  auto client = Client::Create(io, OptionsFor(server));
  std::optional<Error> lost;
  client->OnConnection([&](bool up, Error why) {
    if (!up) lost = why;
  });
  std::optional<Answer> answer;
  client->Call(GetHit(1), [&](Answer a) { answer = std::move(a); });
  ASSERT_TRUE(RunUntil(io, [&] { return answer.has_value() && lost.has_value(); }));
  EXPECT_EQ(lost->code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(answer->error().code, ErrorCode::kUnavailable);
  EXPECT_NE(answer->message.find("RESOURCE_EXHAUSTED"), std::string::npos) << answer->message;
  EXPECT_NE(answer->message.find("too many connections"), std::string::npos) << answer->message;
}

// A daemon that sends `bytes` in answer to the first request, then expects the client to
// hang up.
void ExpectHangUpOn(std::vector<uint8_t> bytes, uint32_t max_frame_bytes, const char* why) {
  SCOPED_TRACE(why);
  FakeServer server({[&](FakeConnection& c) {
    ASSERT_TRUE(c.Handshake(testing::TestCredentials().secret));
    ASSERT_TRUE(c.ReadRequest().has_value());
    c.Send(bytes);
    EXPECT_TRUE(c.ReadsEnd());
  }});
  boost::asio::io_context io;
  Options options = OptionsFor(server);
  options.max_frame_bytes = max_frame_bytes;
  auto client = Client::Create(io, options);
  std::optional<Answer> answer;
  client->Call(GetHit(1), [&](Answer a) { answer = std::move(a); });
  ASSERT_TRUE(RunUntil(io, [&] { return answer.has_value(); }));
  EXPECT_EQ(answer->error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(client->connected());
  server.Join();  // the fake saw the client hang up
}

TEST(ClientFailure, HangsUpOnAFrameLongerThanItsMaximum) {
  std::vector<uint8_t> bytes = {0x00, 0x10, 0x00, 0x00};  // 4096 > 1024
  bytes.resize(64, 0);
  ExpectHangUpOn(bytes, 1024, "oversized");
}

TEST(ClientFailure, HangsUpOnAFrameThatFailsVerification) {
  std::vector<uint8_t> bytes = {16, 0, 0, 0};
  bytes.resize(20, 0xff);
  ExpectHangUpOn(bytes, net::kDefaultMaxFrameBytes, "garbage");
}

TEST(ClientFailure, HangsUpOnAnAnswerToNoRequest) {
  flatbuffers::FlatBufferBuilder fbb;
  const auto frame = net::EncodeResponse(fbb, 999, NotFound());
  ExpectHangUpOn(std::vector<uint8_t>(frame.begin(), frame.end()), net::kDefaultMaxFrameBytes,
                 "unknown id");
}

TEST(ClientFailure, HangsUpOnASecondWelcome) {
  flatbuffers::FlatBufferBuilder fbb;
  const auto frame = net::EncodeWelcome(fbb, net::Welcome{});
  ExpectHangUpOn(std::vector<uint8_t>(frame.begin(), frame.end()), net::kDefaultMaxFrameBytes,
                 "second welcome");
}

TEST(ClientFailure, ConnectTimesOutWhenTheHandshakeStalls) {
  FakeServer server({[](FakeConnection& c) {
    EXPECT_NE(c.ReadFrame(), nullptr);  // the Hello, never answered
    EXPECT_TRUE(c.ReadsEnd());
  }});
  boost::asio::io_context io;
  Options options = OptionsFor(server);
  options.connect_timeout_ms = 100;
  auto client = Client::Create(io, options);
  std::optional<Error> got;
  client->Connect([&](Error e, net::Welcome) { got = e; });
  ASSERT_TRUE(RunUntil(io, [&] { return got.has_value(); }));
  EXPECT_EQ(got->code, ErrorCode::kUnavailable);
  EXPECT_NE(client->last_failure().find("within 100 ms"), std::string::npos)
      << client->last_failure();
  server.Join();
}

TEST(ClientFailure, ARequestOverTheDaemonsFrameLimitIsRefusedHereAndTheRestGoesOn) {
  FakeServer server({[](FakeConnection& c) {
    ASSERT_TRUE(c.Handshake(testing::TestCredentials().secret));
    const auto request = c.ReadRequest();  // only the small one arrives
    ASSERT_TRUE(request.has_value());
    EXPECT_EQ(testing::HitOf(*request), 2u);
    testing::AnswerHit(c, *request);
    EXPECT_TRUE(c.ReadsEnd());
  }});
  boost::asio::io_context io;
  auto client = Client::Create(io, OptionsFor(server));
  engine::CreateWorkerBlock block;
  block.worker = engine::WorkerId(3);
  block.reason.assign(net::kDefaultMaxFrameBytes + 1, 'x');  // the fake's Welcome limit
  std::optional<Answer> big;
  std::optional<Answer> small;
  client->Call(engine::Command(block), [&](Answer a) { big = std::move(a); });
  client->Call(GetHit(2), [&](Answer a) { small = std::move(a); });
  ASSERT_TRUE(RunUntil(io, [&] { return big.has_value() && small.has_value(); }));
  EXPECT_EQ(big->error(), (Error{ErrorCode::kMalformed, "length"}));
  EXPECT_EQ(small->message, HitMessage(2));
  EXPECT_TRUE(client->connected());
  testing::CloseAndRun(io, *client);
}

}  // namespace
}  // namespace hitd::client
