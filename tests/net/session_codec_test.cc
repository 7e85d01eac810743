// The handshake, Goodbye and push frames round-trip, and refuse what they must.
#include "net/protocol/session_codec.h"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

#include "engine/limits.h"
#include "net/protocol/frame.h"
#include "tests/net/field_walk.h"
#include "tests/net/samples.h"

namespace hitd::net {
namespace {

using engine::ErrorCode;
using testing::Sample;
using testing::Tag;
using testing::Unset;
namespace fb = flatbuffers;

// Aligned, verified copies of frames.
struct Client {
  FrameBuffer buffer;
  const schema::ClientFrame* frame;
  explicit Client(std::span<const uint8_t> bytes)
      : frame(VerifyClientFrame(buffer.Assign(bytes))) {}
};
struct Server {
  FrameBuffer buffer;
  const schema::ServerFrame* frame;
  explicit Server(std::span<const uint8_t> bytes)
      : frame(VerifyServerFrame(buffer.Assign(bytes))) {}
};

TEST(SessionCodec, HelloRoundTrips) {
  fb::FlatBufferBuilder fbb;
  const Hello sent = Sample(Tag<Hello>{});
  EXPECT_TRUE(Unset(sent).empty());
  const Client c(EncodeHello(fbb, sent));
  ASSERT_NE(c.frame, nullptr);
  ASSERT_NE(c.frame->body_as_Hello(), nullptr);
  Hello received;
  ASSERT_EQ(DecodeHello(*c.frame->body_as_Hello(), &received).code, ErrorCode::kOk);
  EXPECT_EQ(received, sent);
}

TEST(SessionCodec, HelloRefusesAnOverlongName) {
  fb::FlatBufferBuilder fbb;
  Hello sent = Sample(Tag<Hello>{});
  sent.account_name = std::string(engine::limits::kNameMax + 1, 'a');
  const Client c(EncodeHello(fbb, sent));
  Hello received;
  EXPECT_EQ(DecodeHello(*c.frame->body_as_Hello(), &received),
            (engine::Error{ErrorCode::kInvalidArgument, "account_name"}));
}

TEST(SessionCodec, ChallengeAndProofCarryExactly32Bytes) {
  fb::FlatBufferBuilder fbb;
  Nonce nonce;
  std::iota(nonce.begin(), nonce.end(), uint8_t{1});
  const Server s(EncodeChallenge(fbb, nonce));
  Nonce got_nonce{};
  ASSERT_EQ(DecodeChallenge(*s.frame->body_as_Challenge(), &got_nonce).code, ErrorCode::kOk);
  EXPECT_EQ(got_nonce, nonce);

  ProofMac mac;
  std::iota(mac.begin(), mac.end(), uint8_t{100});
  const Client c(EncodeProof(fbb, mac));
  ProofMac got_mac{};
  ASSERT_EQ(DecodeProof(*c.frame->body_as_Proof(), &got_mac).code, ErrorCode::kOk);
  EXPECT_EQ(got_mac, mac);

  // A short proof.
  fbb.Clear();
  const std::vector<uint8_t> short_mac(31, 7);
  auto proof = schema::CreateProof(fbb, fbb.CreateVector(short_mac));
  const Client bad(FinishClientFrame(fbb, schema::ClientBody::Proof, proof.Union()));
  EXPECT_EQ(DecodeProof(*bad.frame->body_as_Proof(), &got_mac),
            (engine::Error{ErrorCode::kInvalidArgument, "hmac"}));
}

TEST(SessionCodec, WelcomeRoundTripsAndRefusesAnUnknownRole) {
  fb::FlatBufferBuilder fbb;
  const Welcome sent = Sample(Tag<Welcome>{});
  EXPECT_TRUE(Unset(sent).empty());
  const Server s(EncodeWelcome(fbb, sent));
  Welcome received;
  ASSERT_EQ(DecodeWelcome(*s.frame->body_as_Welcome(), &received).code, ErrorCode::kOk);
  EXPECT_EQ(received, sent);

  Welcome bad = sent;
  bad.role = static_cast<engine::Role>(9);
  const Server b(EncodeWelcome(fbb, bad));
  EXPECT_EQ(DecodeWelcome(*b.frame->body_as_Welcome(), &received).field, "role");
}

TEST(SessionCodec, GoodbyeCarriesTheReason) {
  fb::FlatBufferBuilder fbb;
  const Server s(EncodeGoodbye(fbb, engine::Error{ErrorCode::kUnauthenticated, ""}, "bad proof"));
  engine::Error reason;
  ASSERT_EQ(DecodeGoodbye(*s.frame->body_as_Goodbye(), &reason).code, ErrorCode::kOk);
  EXPECT_EQ(reason, (engine::Error{ErrorCode::kUnauthenticated, ""}));
  EXPECT_EQ(s.frame->body_as_Goodbye()->error()->message()->str(), "bad proof");

  fbb.Clear();
  const Server empty(
      FinishServerFrame(fbb, schema::ServerBody::Goodbye, schema::CreateGoodbye(fbb).Union()));
  EXPECT_EQ(DecodeGoodbye(*empty.frame->body_as_Goodbye(), &reason).code, ErrorCode::kMalformed);
}

TEST(SessionCodec, EventPushRoundTripsInOrder) {
  fb::FlatBufferBuilder fbb;
  const std::vector<engine::Event> sent = {testing::SampleEvent(7), testing::SampleEvent(8)};
  EXPECT_TRUE(Unset(sent).empty());
  const Server s(EncodeEventPush(fbb, sent));
  std::vector<engine::Event> received;
  ASSERT_EQ(DecodeEventPush(*s.frame->body_as_EventPush(), &received).code, ErrorCode::kOk);
  EXPECT_EQ(received, sent);
}

TEST(SessionCodec, EventPushRefusesAnEventWithoutASequenceNumber) {
  fb::FlatBufferBuilder fbb;
  const std::vector<engine::Event> sent = {testing::SampleEvent(0)};
  const Server s(EncodeEventPush(fbb, sent));
  std::vector<engine::Event> received;
  EXPECT_EQ(DecodeEventPush(*s.frame->body_as_EventPush(), &received),
            (engine::Error{ErrorCode::kMalformed, "events"}));
}

TEST(SessionCodec, WorkPushRoundTrips) {
  fb::FlatBufferBuilder fbb;
  const std::vector<WorkAvailable> sent = {Sample(Tag<WorkAvailable>{})};
  EXPECT_TRUE(Unset(sent).empty());
  const Server s(EncodeWorkPush(fbb, sent));
  std::vector<WorkAvailable> received;
  ASSERT_EQ(DecodeWorkPush(*s.frame->body_as_WorkPush(), &received).code, ErrorCode::kOk);
  EXPECT_EQ(received, sent);
}

}  // namespace
}  // namespace hitd::net
