// Framing (frame.h).
#include "net/protocol/frame.h"

#include <flatbuffers/flatbuffers.h>

#include <cstring>

#include "engine/check.h"

namespace hitd::net {
namespace {

static_assert(kFrameLengthBytes == sizeof(flatbuffers::uoffset_t),
              "a frame's length prefix is FlatBuffers' size prefix");
static_assert(kMaxFrameBytesLimit < FLATBUFFERS_MAX_BUFFER_SIZE - kFrameLengthBytes);

static_assert(sizeof(kClientFrameIdentifier) == flatbuffers::kFileIdentifierLength + 1);
static_assert(sizeof(kServerFrameIdentifier) == flatbuffers::kFileIdentifierLength + 1);

// The smallest body: a root offset, the identifier and a table's vtable offset.
constexpr size_t kMinBodyBytes =
    2 * sizeof(flatbuffers::uoffset_t) + flatbuffers::kFileIdentifierLength;

template <typename Root>
const Root* VerifyFrame(std::span<const uint8_t> frame, const char* identifier,
                        const FrameLimits& limits) {
  HITD_CHECK(limits.max_frame_bytes <= kMaxFrameBytesLimit);
  HITD_CHECK(reinterpret_cast<uintptr_t>(frame.data()) % kFrameAlign == 0);
  if (frame.size() < kFrameLengthBytes + kMinBodyBytes) return nullptr;
  if (frame.size() - kFrameLengthBytes > limits.max_frame_bytes) return nullptr;
  flatbuffers::Verifier::Options options;
  options.max_depth = limits.max_depth;
  options.max_tables = limits.max_tables;
  options.check_alignment = true;
  flatbuffers::Verifier verifier(frame.data(), frame.size(), options);
  // Checks that the prefix equals the body's size, then the body.
  if (!verifier.VerifySizePrefixedBuffer<Root>(identifier)) return nullptr;
  return flatbuffers::GetSizePrefixedRoot<Root>(frame.data());
}

}  // namespace

FrameLength ParseFrameLength(std::span<const uint8_t, kFrameLengthBytes> prefix,
                             uint32_t max_frame_bytes) {
  const uint32_t length = uint32_t{prefix[0]} | uint32_t{prefix[1]} << 8 |
                          uint32_t{prefix[2]} << 16 | uint32_t{prefix[3]} << 24;
  FrameLength result;
  result.body_bytes = length;
  if (length == 0 || length > max_frame_bytes) {
    result.error = engine::Error{engine::ErrorCode::kMalformed, "length"};
  }
  return result;
}

std::span<const uint8_t> FinishClientFrame(flatbuffers::FlatBufferBuilder& fbb,
                                           schema::ClientBody type,
                                           flatbuffers::Offset<void> body) {
  fbb.FinishSizePrefixed(schema::CreateClientFrame(fbb, type, body), kClientFrameIdentifier);
  return {fbb.GetBufferPointer(), fbb.GetSize()};
}

std::span<const uint8_t> FinishServerFrame(flatbuffers::FlatBufferBuilder& fbb,
                                           schema::ServerBody type,
                                           flatbuffers::Offset<void> body) {
  fbb.FinishSizePrefixed(schema::CreateServerFrame(fbb, type, body), kServerFrameIdentifier);
  return {fbb.GetBufferPointer(), fbb.GetSize()};
}

void WriteFrameLength(uint32_t body_bytes, std::span<uint8_t, kFrameLengthBytes> out) {
  for (size_t i = 0; i < kFrameLengthBytes; ++i) {
    out[i] = static_cast<uint8_t>(body_bytes >> (8 * i));
  }
}

const schema::ClientFrame* VerifyClientFrame(std::span<const uint8_t> frame,
                                             const FrameLimits& limits) {
  return VerifyFrame<schema::ClientFrame>(frame, kClientFrameIdentifier, limits);
}

const schema::ServerFrame* VerifyServerFrame(std::span<const uint8_t> frame,
                                             const FrameLimits& limits) {
  return VerifyFrame<schema::ServerFrame>(frame, kServerFrameIdentifier, limits);
}

std::span<const uint8_t> FrameBuffer::Assign(std::span<const uint8_t> frame) {
  words_.resize((frame.size() + sizeof(uint64_t) - 1) / sizeof(uint64_t));
  auto* bytes = reinterpret_cast<uint8_t*>(words_.data());
  if (!frame.empty()) std::memcpy(bytes, frame.data(), frame.size());
  return {bytes, frame.size()};
}

}  // namespace hitd::net
