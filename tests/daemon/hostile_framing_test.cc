// Hostile bytes at the framing layer (schemas/README.md, "Frames"): lengths the daemon
// must refuse (Goodbye MALFORMED, then close: the stream cannot be resynchronised),
// frames cut short, and bodies that fail the FlatBuffers Verifier (a Response with id 0
// and MALFORMED; the framing is intact, so the connection goes on). Each test ends with
// the daemon serving a fresh connection normally.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#include "net/protocol/request_codec.h"
#include "net/protocol/response_codec.h"
#include "tests/daemon/daemon_fixture.h"
#include "tests/daemon/raw_connection.h"

namespace hitd::daemon_test {
namespace {

using engine::ErrorCode;
namespace fb = flatbuffers;

using HostileFraming = DaemonTest;

// The daemon answered Goodbye MALFORMED and closed the connection.
void ExpectGoodbyeMalformedAndClosed(RawConnection& raw) {
  ServerMessage goodbye;
  ASSERT_TRUE(raw.WaitClosed(5'000, &goodbye)) << "the daemon must close the connection";
  EXPECT_TRUE(goodbye.is_goodbye(ErrorCode::kMalformed)) << goodbye.Describe();
}

// The frame got Response{id 0, MALFORMED}, and the same connection still answers.
void ExpectMalformedThenGoesOn(RawConnection& raw) {
  const ServerMessage m = raw.ReadAnswer();
  EXPECT_TRUE(m.is_response(0, ErrorCode::kMalformed)) << m.Describe();
  const ServerMessage next = raw.Call(9, engine::Command(engine::GetStats{}));
  EXPECT_TRUE(next.is_response(9, ErrorCode::kOk)) << "the connection goes on: " << next.Describe();
}

std::vector<uint8_t> Framed(std::span<const uint8_t> body) {
  std::vector<uint8_t> out = LengthPrefix(static_cast<uint32_t>(body.size()));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

TEST_F(HostileFraming, ZeroLengthGetsGoodbyeMalformedAndClose) {
  auto raw = RawAdmin();
  ASSERT_TRUE(raw->Write(LengthPrefix(0)));
  ExpectGoodbyeMalformedAndClosed(*raw);
  ExpectServedNormally();
}

TEST_F(HostileFraming, LengthAboveTheMaximumGetsGoodbyeMalformedAndClose) {
  auto raw = RawAdmin();
  ASSERT_TRUE(raw->Write(LengthPrefix(config().max_frame_bytes + 1)));
  ExpectGoodbyeMalformedAndClosed(*raw);
  ExpectServedNormally();
}

TEST_F(HostileFraming, LengthAllOnesGetsGoodbyeMalformedAndClose) {
  auto raw = RawAdmin();
  ASSERT_TRUE(raw->Write(LengthPrefix(0xFFFFFFFFu)));  // -1 to a reader that uses int32
  ExpectGoodbyeMalformedAndClosed(*raw);
  ExpectServedNormally();
}

TEST_F(HostileFraming, HugeLengthBeforeTheHandshakeGetsGoodbyeMalformed) {
  RawConnection raw(port());
  ASSERT_TRUE(raw.Write(LengthPrefix(0x7FFFFFFFu)));
  ExpectGoodbyeMalformedAndClosed(raw);
  ExpectServedNormally();
}

TEST_F(HostileFraming, TruncatedFrameThenCloseChangesNothing) {
  const engine::Stats before = Stats();
  {
    auto raw = RawAdmin();
    engine::CreateAccount create;
    create.role = engine::Role::kWorker;
    create.name = "never-created";
    create.secret_hash = std::string(32, 's');
    const std::vector<uint8_t> frame = RequestFrame(5, engine::Command(create));
    ASSERT_TRUE(raw->Write(std::span(frame).first(frame.size() / 2)));
  }  // closed half way through the frame
  ExpectServedNormally();
  EXPECT_EQ(Stats().workers, before.workers);
}

TEST_F(HostileFraming, TruncatedFrameThenSilenceIsClosedAtTheFrameDeadline) {
  auto raw = RawAdmin();
  const std::vector<uint8_t> frame = RequestFrame(5, engine::Command(engine::GetStats{}));
  ASSERT_TRUE(raw->Write(std::span(frame).first(frame.size() - 3)));
  // The idle timeout is long (fixture): only the frame deadline can close it.
  ServerMessage goodbye;
  ASSERT_TRUE(raw->WaitClosed(config().frame_timeout_ms + 5'000, &goodbye))
      << "a frame not finished in time closes the connection";
  if (goodbye.is(schema::ServerBody::Goodbye)) {
    EXPECT_EQ(goodbye.error.code, ErrorCode::kUnavailable) << "a missed deadline: UNAVAILABLE";
  }
  ExpectServedNormally();
}

// A slow loris: a frame trickled a byte at a time, each byte well within the frame
// deadline of the last, but the whole far beyond it. The deadline runs from the frame's
// first byte to its last (server.h), so the connection is closed part way through.
TEST_F(HostileFraming, FrameTrickledByteByByteIsClosedAtTheFrameDeadline) {
  auto raw = RawAdmin();
  const std::vector<uint8_t> frame = RequestFrame(6, engine::Command(engine::GetStats{}));
  const int64_t step_ms = config().frame_timeout_ms / 4;
  ASSERT_GT(frame.size() * step_ms, 3 * config().frame_timeout_ms) << "the trickle outlasts it";
  bool closed = false;
  for (size_t i = 0; i < frame.size() && !closed; ++i) {
    if (!raw->TryWrite(std::span(frame).subspan(i, 1))) break;
    const ServerMessage m = raw->Read(step_ms);  // the pause between bytes
    if (m.status == ServerMessage::Status::kClosed || m.is(schema::ServerBody::Goodbye)) {
      closed = true;
    } else {
      ASSERT_EQ(m.status, ServerMessage::Status::kTimeout) << "nothing else: " << m.Describe();
    }
  }
  if (!closed) closed = raw->WaitClosed(1'000);
  EXPECT_TRUE(closed) << "a frame trickled past the frame deadline must close the connection";
  ExpectServedNormally();
}

TEST_F(HostileFraming, GarbageBodyGetsMalformedWithIdZero) {
  auto raw = RawAdmin();
  std::mt19937_64 rng(7);
  std::vector<uint8_t> body(200);
  for (uint8_t& b : body) b = static_cast<uint8_t>(rng());
  ASSERT_TRUE(raw->Write(Framed(body)));
  ExpectMalformedThenGoesOn(*raw);
  ExpectServedNormally();
}

TEST_F(HostileFraming, ValidFlatBufferThatIsNotOursGetsMalformed) {
  auto raw = RawAdmin();
  fb::FlatBufferBuilder fbb;
  fbb.FinishSizePrefixed(schema::CreateHitsCreated(fbb, 0, 7), "XXXX");
  ASSERT_TRUE(raw->Write(std::span<const uint8_t>(fbb.GetBufferPointer(), fbb.GetSize())));
  ExpectMalformedThenGoesOn(*raw);
  ExpectServedNormally();
}

TEST_F(HostileFraming, ServerFrameSentByAClientGetsMalformed) {
  auto raw = RawAdmin();
  fb::FlatBufferBuilder fbb;
  const auto server_frame = net::EncodeResponse(fbb, 3, engine::Result{engine::Empty{}});
  ASSERT_TRUE(raw->Write(server_frame));
  ExpectMalformedThenGoesOn(*raw);
  ExpectServedNormally();
}

// The schema has no recursive table, so depth cannot exceed the verifier's 64; the bomb
// it allows is breadth: one HitSpec table referenced 150,000 times (600 KB of offsets,
// under the frame limit), which the verifier's table limit (100,000) must stop before
// the decoder sees it.
TEST_F(HostileFraming, NestingBombOfSharedTablesGetsMalformed) {
  const engine::Stats before = Stats();
  auto raw = RawAdmin();
  fb::FlatBufferBuilder fbb(1 << 20);
  const auto question = fbb.CreateString("q");
  schema::HitSpecBuilder spec(fbb);
  spec.add_max_assignments(1);
  spec.add_question(question);
  const auto one = spec.Finish();
  const std::vector<fb::Offset<schema::HitSpec>> many(150'000, one);
  const auto hits = fbb.CreateVector(many);
  schema::CreateHITsRequestBuilder body(fbb);
  body.add_hit_type_id(1);
  body.add_hits(hits);
  const auto request =
      schema::CreateRequest(fbb, 11, 0, schema::RequestBody::CreateHITs, body.Finish().Union());
  const auto frame = net::FinishClientFrame(fbb, schema::ClientBody::Request, request.Union());
  ASSERT_LE(frame.size(), config().max_frame_bytes + net::kFrameLengthBytes);
  ASSERT_TRUE(raw->Write(frame));
  ExpectMalformedThenGoesOn(*raw);
  EXPECT_EQ(Stats().hits, before.hits);
  ExpectServedNormally();
}

// A vector whose count claims far more elements than the frame holds.
TEST_F(HostileFraming, VectorBombGetsMalformed) {
  auto raw = RawAdmin();
  engine::NotifyWorkers notify;
  notify.subject = "s";
  notify.message = "m";
  const uint64_t marker = 0x0123456789ABCDEFull;
  notify.workers = {engine::WorkerId(marker)};
  std::vector<uint8_t> frame = RequestFrame(12, engine::Command(notify));
  // The vector's uint32 count sits just before its first element.
  size_t at = 0;
  for (size_t i = net::kFrameLengthBytes + 4; i + 8 <= frame.size(); ++i) {
    uint64_t v;
    std::memcpy(&v, frame.data() + i, 8);
    if (v == marker) at = i;
  }
  ASSERT_NE(at, 0u) << "the worker id must be in the frame";
  uint32_t count;
  std::memcpy(&count, frame.data() + at - 4, 4);
  ASSERT_EQ(count, 1u);
  count = 0x0FFFFFFF;
  std::memcpy(frame.data() + at - 4, &count, 4);
  ASSERT_TRUE(raw->Write(frame));
  ExpectMalformedThenGoesOn(*raw);
  ExpectServedNormally();
}

}  // namespace
}  // namespace hitd::daemon_test
