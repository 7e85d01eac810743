// Hostile requests from an authenticated client: frames that verify but ask for what the
// daemon must refuse (an operation beyond the schema, request id 0, a field far over its
// limit, a token over 64 bytes). Each is answered with its code and the id the daemon
// could tie it to, changes nothing, and leaves the daemon serving newcomers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/limits.h"
#include "tests/daemon/daemon_fixture.h"
#include "tests/daemon/raw_connection.h"

namespace hitd::daemon_test {
namespace {

using engine::ErrorCode;
namespace fb = flatbuffers;

class HostileRequests : public DaemonTest {
 protected:
  void SetUp() override {
    DaemonTest::SetUp();
    if (HasFatalFailure()) return;
    requester_ =
        CreateAccount(engine::Role::kRequester, "hostile-requester", engine::Cents(10'000));
  }

  engine::CreateHitType SomeType() const {
    engine::CreateHitType c;
    c.type.title = "Label images";
    c.type.description = "Choose the label that fits";
    c.type.reward = engine::Cents(10);
    c.type.assignment_duration = engine::Seconds(600);
    return c;
  }

  TestAccount requester_;
};

std::vector<uint8_t> Copy(std::span<const uint8_t> s) { return {s.begin(), s.end()}; }

TEST_F(HostileRequests, UnknownOperationGetsUnsupportedWithItsId) {
  auto raw = RawAdmin();
  fb::FlatBufferBuilder fbb;
  const fb::Offset<void> empty(fbb.EndTable(fbb.StartTable()));
  const auto request =
      schema::CreateRequest(fbb, 77, 0, static_cast<schema::RequestBody>(200), empty);
  ASSERT_TRUE(
      raw->Write(Copy(net::FinishClientFrame(fbb, schema::ClientBody::Request, request.Union()))));
  const ServerMessage m = raw->ReadAnswer();
  ASSERT_TRUE(m.is_response(77, ErrorCode::kUnsupported)) << m.Describe();
  EXPECT_EQ(m.error.field, "body");
  const ServerMessage next = raw->Call(78, engine::Command(engine::GetStats{}));
  EXPECT_TRUE(next.is_response(78, ErrorCode::kOk)) << next.Describe();
  ExpectServedNormally();
}

TEST_F(HostileRequests, UnknownClientFrameMemberGetsUnsupportedWithIdZero) {
  auto raw = RawAdmin();
  fb::FlatBufferBuilder fbb;
  const fb::Offset<void> empty(fbb.EndTable(fbb.StartTable()));
  ASSERT_TRUE(
      raw->Write(Copy(net::FinishClientFrame(fbb, static_cast<schema::ClientBody>(9), empty))));
  const ServerMessage m = raw->ReadAnswer();
  EXPECT_TRUE(m.is_response(0, ErrorCode::kUnsupported)) << m.Describe();
  const ServerMessage next = raw->Call(2, engine::Command(engine::GetStats{}));
  EXPECT_TRUE(next.is_response(2, ErrorCode::kOk)) << next.Describe();
  ExpectServedNormally();
}

TEST_F(HostileRequests, RequestIdZeroGetsInvalidArgumentNamingId) {
  const engine::Stats before = Stats();
  RawConnection raw(port());
  ASSERT_EQ(raw.Handshake(requester_.credentials).code, ErrorCode::kOk);
  const ServerMessage m = raw.Call(0, engine::Command(SomeType()));
  ASSERT_TRUE(m.is_response(0, ErrorCode::kInvalidArgument)) << m.Describe();
  EXPECT_EQ(m.error.field, "id");
  EXPECT_EQ(Stats().hit_types, before.hit_types) << "nothing created";
  ExpectServedNormally();
}

TEST_F(HostileRequests, HundredKilobyteTitleGetsInvalidArgumentNamingTitle) {
  const engine::Stats before = Stats();
  RawConnection raw(port());
  ASSERT_EQ(raw.Handshake(requester_.credentials).code, ErrorCode::kOk);
  engine::CreateHit create;
  create.type = SomeType().type;
  create.type.title = std::string(100 * 1024, 't');
  create.hit.lifetime = engine::Seconds(3600);
  create.hit.question = "<p>q</p>";
  const ServerMessage m = raw.Call(31, engine::Command(create));
  ASSERT_TRUE(m.is_response(31, ErrorCode::kInvalidArgument)) << m.Describe();
  EXPECT_EQ(m.error.field, "title");
  const engine::Stats after = Stats();
  EXPECT_EQ(after.hit_types, before.hit_types);
  EXPECT_EQ(after.hits, before.hits);
  EXPECT_EQ(after.escrow, before.escrow);
  ExpectServedNormally();
}

TEST_F(HostileRequests, OversizedQuestionGetsInvalidArgumentAndNothingIsEscrowed) {
  const engine::Stats before = Stats();
  RawConnection raw(port());
  ASSERT_EQ(raw.Handshake(requester_.credentials).code, ErrorCode::kOk);
  engine::CreateHit create;
  create.type = SomeType().type;
  create.hit.lifetime = engine::Seconds(3600);
  create.hit.question = std::string(engine::limits::kQuestionMax + 1, 'q');
  const ServerMessage m = raw.Call(32, engine::Command(create));
  ASSERT_TRUE(m.is_response(32, ErrorCode::kInvalidArgument)) << m.Describe();
  EXPECT_EQ(m.error.field, "question");
  EXPECT_EQ(Stats(), before);
  ExpectServedNormally();
}

TEST_F(HostileRequests, TokenOverItsLimitGetsInvalidArgumentNamingToken) {
  const engine::Stats before = Stats();
  RawConnection raw(port());
  ASSERT_EQ(raw.Handshake(requester_.credentials).code, ErrorCode::kOk);
  const ServerMessage m = raw.Call(33, engine::Command(SomeType()),
                                   std::string(engine::limits::kRequestTokenMax + 1, 'k'));
  ASSERT_TRUE(m.is_response(33, ErrorCode::kInvalidArgument)) << m.Describe();
  EXPECT_EQ(m.error.field, "token");
  EXPECT_EQ(Stats().hit_types, before.hit_types);
  ExpectServedNormally();
}

TEST_F(HostileRequests, RequestWithoutABodyGetsInvalidArgumentNamingBody) {
  auto raw = RawAdmin();
  fb::FlatBufferBuilder fbb;
  const auto request = schema::CreateRequest(fbb, 44, 0, schema::RequestBody::NONE, 0);
  ASSERT_TRUE(
      raw->Write(Copy(net::FinishClientFrame(fbb, schema::ClientBody::Request, request.Union()))));
  const ServerMessage m = raw->ReadAnswer();
  ASSERT_TRUE(m.is_response(44, ErrorCode::kInvalidArgument)) << m.Describe();
  EXPECT_EQ(m.error.field, "body");
  ExpectServedNormally();
}

}  // namespace
}  // namespace hitd::daemon_test
