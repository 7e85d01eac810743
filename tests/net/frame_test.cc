// Framing: the length prefix, verification with its limits, and hostile bytes (cut,
// garbage, flipped, the wrong way round) that must fail or decode harmlessly, never
// crash.
#include "net/protocol/frame.h"

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <random>
#include <vector>

#include "net/protocol/request_codec.h"
#include "net/protocol/response_codec.h"
#include "net/protocol/session_codec.h"
#include "tests/net/samples.h"

namespace hitd::net {
namespace {

using engine::ErrorCode;
namespace fb = flatbuffers;

std::array<uint8_t, 4> Prefix(uint32_t n) {
  std::array<uint8_t, 4> p;
  WriteFrameLength(n, p);
  return p;
}

std::vector<uint8_t> SampleRequestFrame() {
  fb::FlatBufferBuilder fbb;
  auto bytes =
      EncodeRequest(fbb, 42, engine::Command(testing::Sample(testing::Tag<engine::CreateHit>{})));
  return std::vector<uint8_t>(bytes.begin(), bytes.end());
}

// Verifies `bytes` as a client frame and, when it verifies, decodes whatever it holds:
// the decoders must cope with anything the verifier lets through.
bool VerifyAndDecode(std::span<const uint8_t> bytes) {
  FrameBuffer buffer;
  const schema::ClientFrame* frame = VerifyClientFrame(buffer.Assign(bytes));
  if (frame == nullptr) return false;
  if (const schema::Request* request = frame->body_as_Request()) {
    Operation op;
    (void)DecodeRequest(*request, &op);
  } else if (const schema::Hello* hello = frame->body_as_Hello()) {
    Hello h;
    (void)DecodeHello(*hello, &h);
  } else if (const schema::Proof* proof = frame->body_as_Proof()) {
    ProofMac mac;
    (void)DecodeProof(*proof, &mac);
  }
  return true;
}

TEST(FrameLength, IsLittleEndian) {
  const std::array<uint8_t, 4> bytes = {0x01, 0x02, 0x03, 0x00};
  const FrameLength length = ParseFrameLength(bytes, kDefaultMaxFrameBytes);
  ASSERT_TRUE(length.ok());
  EXPECT_EQ(length.body_bytes, 0x030201u);
  EXPECT_EQ(Prefix(0x030201), bytes);
}

TEST(FrameLength, RefusesZeroAndMoreThanTheMaximum) {
  EXPECT_EQ(ParseFrameLength(Prefix(0)).error, (engine::Error{ErrorCode::kMalformed, "length"}));
  EXPECT_TRUE(ParseFrameLength(Prefix(kDefaultMaxFrameBytes)).ok());
  EXPECT_EQ(ParseFrameLength(Prefix(kDefaultMaxFrameBytes + 1)).error.code, ErrorCode::kMalformed);
  EXPECT_EQ(ParseFrameLength(Prefix(0xFFFFFFFF)).error.code, ErrorCode::kMalformed);  // "negative"
  EXPECT_FALSE(ParseFrameLength(Prefix(101), 100).ok());
}

TEST(Frame, EncodedFrameIsAlignedAndCarriesItsLength) {
  fb::FlatBufferBuilder fbb;
  const auto frame = EncodeRequest(fbb, 1, engine::Command(engine::GetStats{}));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(frame.data()) % kFrameAlign, 0u);
  const FrameLength length = ParseFrameLength(frame.first<kFrameLengthBytes>());
  ASSERT_TRUE(length.ok());
  EXPECT_EQ(length.body_bytes + kFrameLengthBytes, frame.size());
  EXPECT_NE(VerifyClientFrame(frame), nullptr);
}

TEST(Frame, LengthMustMatchTheBytes) {
  std::vector<uint8_t> bytes = SampleRequestFrame();
  ASSERT_TRUE(VerifyAndDecode(bytes));
  bytes.push_back(0);  // one byte more than the prefix says
  EXPECT_FALSE(VerifyAndDecode(bytes));
}

TEST(Frame, BodyOverTheMaximumFailsEvenWhenValid) {
  const std::vector<uint8_t> bytes = SampleRequestFrame();
  FrameBuffer buffer;
  FrameLimits limits;
  limits.max_frame_bytes = static_cast<uint32_t>(bytes.size() - kFrameLengthBytes - 1);
  EXPECT_EQ(VerifyClientFrame(buffer.Assign(bytes), limits), nullptr);
}

// Every cut of a valid frame fails: its prefix no longer matches. With the prefix
// rewritten to match, the verifier catches the cut (a cut of a string's last padding
// bytes alone may still verify, harmlessly: nothing is lost).
TEST(Frame, TruncatedFramesFailOrDecodeHarmlessly) {
  const std::vector<uint8_t> bytes = SampleRequestFrame();
  size_t verified_after_rewrite = 0;
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + n);
    EXPECT_FALSE(VerifyAndDecode(cut)) << "cut at " << n;
    if (n < kFrameLengthBytes) continue;
    WriteFrameLength(static_cast<uint32_t>(n - kFrameLengthBytes),
                     std::span<uint8_t, kFrameLengthBytes>(cut.data(), kFrameLengthBytes));
    verified_after_rewrite += VerifyAndDecode(cut);
  }
  EXPECT_LE(verified_after_rewrite, 3u);
}

TEST(Frame, GarbageFailsVerification) {
  std::mt19937_64 rng(20240601);
  for (int round = 0; round < 2000; ++round) {
    std::vector<uint8_t> bytes(kFrameLengthBytes + 8 + rng() % 300);
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng());
    WriteFrameLength(static_cast<uint32_t>(bytes.size() - kFrameLengthBytes),
                     std::span<uint8_t, kFrameLengthBytes>(bytes.data(), kFrameLengthBytes));
    EXPECT_FALSE(VerifyAndDecode(bytes)) << "round " << round;
  }
}

// Flipping bytes of a valid frame, one at a time, never crashes the verifier or the
// decoders behind it (run under ASan and UBSan, this is the codec's short fuzz test).
TEST(Frame, FlippedBytesNeverCrash) {
  const std::vector<uint8_t> bytes = SampleRequestFrame();
  for (size_t i = kFrameLengthBytes; i < bytes.size(); ++i) {
    for (uint8_t mask : {0x01, 0x80, 0xFF}) {
      std::vector<uint8_t> flipped = bytes;
      flipped[i] ^= mask;
      VerifyAndDecode(flipped);
    }
  }
}

TEST(Frame, NestingBombFailsVerification) {
  // A HIT type whose requirements hold requirements... cannot be written in this schema,
  // so nest the deepest thing it allows and lower the depth limit below it.
  const std::vector<uint8_t> bytes = SampleRequestFrame();
  FrameBuffer buffer;
  FrameLimits limits;
  limits.max_depth = 4;
  EXPECT_EQ(VerifyClientFrame(buffer.Assign(bytes), limits), nullptr);
  limits = FrameLimits{};
  limits.max_tables = 3;
  EXPECT_EQ(VerifyClientFrame(buffer.Assign(bytes), limits), nullptr);
  EXPECT_NE(VerifyClientFrame(buffer.Assign(bytes)), nullptr);
}

TEST(Frame, AFrameSentTheWrongWayFails) {
  fb::FlatBufferBuilder fbb;
  FrameBuffer buffer;
  const auto server = EncodeResponse(fbb, 1, engine::Result{engine::Empty{}});
  EXPECT_EQ(VerifyClientFrame(buffer.Assign(server)), nullptr);
  EXPECT_NE(VerifyServerFrame(buffer.Assign(server)), nullptr);
  const auto client = EncodeRequest(fbb, 1, engine::Command(engine::GetStats{}));
  EXPECT_EQ(VerifyServerFrame(buffer.Assign(client)), nullptr);
}

TEST(Frame, AValidFlatBufferThatIsNotOursFails) {
  fb::FlatBufferBuilder fbb;
  fbb.FinishSizePrefixed(schema::CreateHitsCreated(fbb, 0, 7));  // no identifier
  EXPECT_EQ(VerifyClientFrame({fbb.GetBufferPointer(), fbb.GetSize()}), nullptr);
  fbb.Clear();
  fbb.FinishSizePrefixed(schema::CreateHitsCreated(fbb, 0, 7), "XXXX");
  EXPECT_EQ(VerifyClientFrame({fbb.GetBufferPointer(), fbb.GetSize()}), nullptr);
}

TEST(FrameBuffer, AlignsACopyOfAMisalignedFrame) {
  const std::vector<uint8_t> bytes = SampleRequestFrame();
  std::vector<uint8_t> shifted(bytes.size() + 3);
  std::memcpy(shifted.data() + 3, bytes.data(), bytes.size());
  FrameBuffer buffer;
  const auto aligned = buffer.Assign(std::span(shifted).subspan(3));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(aligned.data()) % kFrameAlign, 0u);
  EXPECT_NE(VerifyClientFrame(aligned), nullptr);
}

}  // namespace
}  // namespace hitd::net
