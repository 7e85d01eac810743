// Requests: every operation round-trips field by field, the schema and the C++
// operations map one to one, and bad requests are refused naming their field.
#include "net/protocol/request_codec.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <variant>

#include "net/protocol/frame.h"
#include "tests/net/field_walk.h"
#include "tests/net/request_helpers.h"
#include "tests/net/samples.h"

namespace hitd::net {
namespace {

using engine::ErrorCode;
using testing::Differences;
using testing::SampleAt;
using testing::Unset;

constexpr size_t kCommands = std::variant_size_v<engine::Command>;
constexpr size_t kDaemonCommands = std::variant_size_v<DaemonCommand>;
constexpr size_t kTick = engine::Command(engine::Tick{}).index();

// The schema has one member per operation: every Command but Tick, every DaemonCommand.
static_assert(kCommands - 1 + kDaemonCommands == static_cast<size_t>(schema::RequestBody::MAX));

TEST(RequestCodec, EverySampleSetsEveryField) {
  for (size_t i = 0; i < kCommands; ++i) {
    const engine::Command command = SampleAt<engine::Command>(i);
    if (i == kTick) continue;  // nothing to set
    std::vector<std::string> unset = Unset(command);
    // Operations without fields have nothing to set: their only "leaf" is the struct.
    EXPECT_TRUE(unset.empty()) << "Command alternative " << i << " leaves unset: " << unset[0];
  }
  for (size_t i = 0; i < kDaemonCommands; ++i) {
    std::vector<std::string> unset = Unset(SampleAt<DaemonCommand>(i));
    EXPECT_TRUE(unset.empty()) << "DaemonCommand " << i << " leaves unset: " << unset[0];
  }
}

TEST(RequestCodec, EveryCommandRoundTripsFieldByField) {
  flatbuffers::FlatBufferBuilder fbb;
  std::set<schema::RequestBody> seen;
  for (size_t i = 0; i < kCommands; ++i) {
    if (i == kTick) continue;
    const engine::Command sent = SampleAt<engine::Command>(i);
    const std::string token = "token-" + std::to_string(i);
    const RequestFrame frame(EncodeRequest(fbb, 1000 + i, sent, token));
    ASSERT_NE(frame.request(), nullptr) << "alternative " << i;
    EXPECT_EQ(frame.request()->id(), 1000 + i);
    EXPECT_EQ(frame.request()->token()->str(), token);
    EXPECT_EQ(frame.request()->body_type(), RequestBodyOf(sent));
    seen.insert(frame.request()->body_type());

    engine::Command received;
    const engine::Error error = DecodeRequest(*frame.request(), &received);
    ASSERT_EQ(error.code, ErrorCode::kOk) << NameOfBody(frame) << ": " << error.field;
    const std::vector<std::string> diff = Differences(sent, received);
    EXPECT_TRUE(diff.empty()) << NameOfBody(frame) << " differs at field " << diff[0];
  }
  EXPECT_EQ(seen.size(), kCommands - 1) << "two commands share a RequestBody member";
}

TEST(RequestCodec, EveryDaemonCommandRoundTripsFieldByField) {
  flatbuffers::FlatBufferBuilder fbb;
  for (size_t i = 0; i < kDaemonCommands; ++i) {
    const DaemonCommand sent = SampleAt<DaemonCommand>(i);
    const RequestFrame frame(EncodeRequest(fbb, 7, sent));
    ASSERT_NE(frame.request(), nullptr);
    EXPECT_EQ(frame.request()->body_type(), RequestBodyOf(sent));
    Operation received;
    ASSERT_EQ(DecodeRequest(*frame.request(), &received).code, ErrorCode::kOk);
    ASSERT_TRUE(std::holds_alternative<DaemonCommand>(received));
    const std::vector<std::string> diff = Differences(sent, std::get<DaemonCommand>(received));
    EXPECT_TRUE(diff.empty()) << NameOfBody(frame) << " differs at field " << diff[0];
  }
}

// The schema is the single source: every RequestBody member, even with all its fields
// absent, reaches a handler (an operation, or a refusal naming a required field), never
// UNSUPPORTED; and a member that decodes is the member its operation encodes as.
TEST(RequestCodec, EveryRequestBodyMemberHasAHandler) {
  for (auto member = 1; member <= static_cast<int>(schema::RequestBody::MAX); ++member) {
    const auto body = static_cast<schema::RequestBody>(member);
    const RequestFrame frame(EmptyBodyFrame(body));
    ASSERT_NE(frame.request(), nullptr);
    Operation op;
    const engine::Error error = DecodeRequest(*frame.request(), &op);
    EXPECT_NE(error.code, ErrorCode::kUnsupported) << NameOfBody(frame);
    if (error.code != ErrorCode::kOk) {
      EXPECT_EQ(error.code, ErrorCode::kInvalidArgument) << NameOfBody(frame);
      continue;
    }
    const schema::RequestBody decoded_as =
        std::visit([](const auto& o) { return RequestBodyOf(o); }, op);
    EXPECT_EQ(decoded_as, body) << NameOfBody(frame);
  }
}

TEST(RequestCodec, AbsentOptionalsStayAbsent) {
  engine::ListHits list;  // no status, no time bounds
  engine::UpdateQualificationType leave;
  leave.type = engine::QualTypeId(1);
  engine::UpdateQualificationType no_retry = leave;
  no_retry.retry_delay = std::optional<engine::TimeMs>();  // set "no retry"
  engine::UpdateQualificationType empty_key = leave;
  empty_key.answer_key = std::vector<engine::AnswerKeyItem>{};  // set "no key"
  for (const engine::Command& sent : {engine::Command(list), engine::Command(leave),
                                      engine::Command(no_retry), engine::Command(empty_key)}) {
    flatbuffers::FlatBufferBuilder fbb;
    const RequestFrame frame(EncodeRequest(fbb, 1, sent));
    engine::Command received;
    ASSERT_EQ(DecodeRequest(*frame.request(), &received).code, ErrorCode::kOk);
    const std::vector<std::string> diff = Differences(sent, received);
    EXPECT_TRUE(diff.empty()) << NameOfBody(frame) << " differs at " << diff[0];
  }
}

TEST(RequestCodec, DaemonOperationIsNotAnEngineCommand) {
  flatbuffers::FlatBufferBuilder fbb;
  const RequestFrame frame(EncodeRequest(fbb, 1, DaemonCommand(SubscribeEvents{5})));
  engine::Command command;
  const engine::Error error = DecodeRequest(*frame.request(), &command);
  EXPECT_EQ(error.code, ErrorCode::kUnsupported);
  EXPECT_EQ(error.field, "body");
}

TEST(RequestCodec, FingerprintIgnoresIdAndTokenButNotContent) {
  flatbuffers::FlatBufferBuilder a, b;
  const engine::Command one = SampleAt<engine::Command>(0);
  engine::Command other = one;
  std::get<engine::CreateAccount>(other).name = "bob";
  EncodeRequest(b, 99, one, "some-token");  // leaves b holding something else first
  EXPECT_EQ(RequestFingerprint(a, one), RequestFingerprint(b, one));
  EXPECT_NE(RequestFingerprint(a, one), RequestFingerprint(a, other));
}

TEST(RequestCodecDeathTest, TickIsNeverEncoded) {
  flatbuffers::FlatBufferBuilder fbb;
  EXPECT_DEATH(EncodeRequest(fbb, 1, engine::Command(engine::Tick{})), "Tick");
}

}  // namespace
}  // namespace hitd::net
