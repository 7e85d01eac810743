// Framing: how the protocol's FlatBuffers travel on a TCP stream (schemas/README.md,
// "Wire protocol").
//
//   frame  = length body
//   length = uint32, little-endian: the size of body in bytes, 1 to max_frame_bytes
//   body   = a FlatBuffer whose root is ClientFrame (client to daemon, file identifier
//            "HITC") or ServerFrame (daemon to client, "HITS")
//
// The identifiers make a frame self-describing: a valid FlatBuffer that is not one of
// ours, or a frame sent the wrong way, fails verification instead of being misread.
// This is FlatBuffers' size-prefixed buffer: the encoders (request_codec.h,
// response_codec.h, session_codec.h) finish their builder with FinishSizePrefixed and
// return the whole frame, ready to write. A reader takes the 4 length bytes
// (ParseFrameLength), then the body, and verifies the whole frame, length included
// (VerifyClientFrame, VerifyServerFrame), before it reads any field.
//
// Alignment: FlatBuffers reads 8-byte fields in place, so a frame must start at an
// 8-byte aligned address when it is verified and read (the verifier checks alignment
// relative to the frame's start). A builder's frame always does; a reader that receives
// many frames into one buffer copies each that does not into aligned memory (FrameBuffer).
//
// Pure functions and value types: any thread may use them.
#pragma once

#include <flatbuffers/flatbuffers.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/errors.h"
#include "schemas/protocol_generated.h"

namespace hitd::net {

inline constexpr size_t kFrameLengthBytes = 4;
inline constexpr char kClientFrameIdentifier[] = "HITC";
inline constexpr char kServerFrameIdentifier[] = "HITS";
inline constexpr size_t kFrameAlign = 8;
// DESIGN section 5: the largest body a peer accepts unless configured otherwise. The
// largest request (CreateHITs of 1000 HITs, or a 64 KiB question or answer) fits easily.
inline constexpr uint32_t kDefaultMaxFrameBytes = 1 << 20;
// A configured maximum may not exceed this: far from FlatBuffers' 2 GiB bound, and a
// peer's frame is buffered whole before it is verified.
inline constexpr uint32_t kMaxFrameBytesLimit = 64 << 20;

// The bounds a verifier puts on one frame. Depth: the deepest frame nests fewer than 10
// tables and vectors (ServerFrame > Response > HitList > [HitView] > HitType >
// [QualificationRequirement] > [int]), so 64 leaves room for appended nesting and stops
// a nesting bomb. Tables: a 1 MiB frame
// holds at most 1 MiB / 4 bytes of tables; 100,000 is far above any legitimate frame
// (CreateHITs: 1,003) and bounds the work one frame can cost the verifier.
struct FrameLimits {
  uint32_t max_frame_bytes = kDefaultMaxFrameBytes;
  uint32_t max_depth = 64;
  uint32_t max_tables = 100'000;
};

// The length prefix of a frame: the body's size, or MALFORMED ("length") when it is 0 or
// larger than max_frame_bytes. A peer that sends either cannot be resynchronised: close
// the connection after answering.
struct FrameLength {
  uint32_t body_bytes = 0;
  engine::Error error;
  bool ok() const { return error.code == engine::ErrorCode::kOk; }
};
[[nodiscard]] FrameLength ParseFrameLength(std::span<const uint8_t, kFrameLengthBytes> prefix,
                                           uint32_t max_frame_bytes = kDefaultMaxFrameBytes);

// Finishes `fbb` as one whole frame whose root holds `body`, and returns the frame,
// valid until `fbb` is next used. Every encoder in net/protocol/ ends with one of these.
std::span<const uint8_t> FinishClientFrame(flatbuffers::FlatBufferBuilder& fbb,
                                           schema::ClientBody type, flatbuffers::Offset<void> body);
std::span<const uint8_t> FinishServerFrame(flatbuffers::FlatBufferBuilder& fbb,
                                           schema::ServerBody type, flatbuffers::Offset<void> body);

// Writes the little-endian prefix of a body of `body_bytes`.
void WriteFrameLength(uint32_t body_bytes, std::span<uint8_t, kFrameLengthBytes> out);

// Verifies a whole frame (length prefix and body): its length matches the bytes given
// and is within limits, and the body is a valid ClientFrame (ServerFrame) within the
// depth and table limits. Returns its root, or nullptr (MALFORMED). `frame` must start
// at an 8-byte aligned address (asserted; see above). A body member this build does not
// know passes (FlatBuffers skips unknown union members): the caller answers UNSUPPORTED.
[[nodiscard]] const schema::ClientFrame* VerifyClientFrame(std::span<const uint8_t> frame,
                                                           const FrameLimits& limits = {});
[[nodiscard]] const schema::ServerFrame* VerifyServerFrame(std::span<const uint8_t> frame,
                                                           const FrameLimits& limits = {});

// An 8-byte aligned, growable byte buffer to hold one frame while it is verified and
// read. It keeps its memory, so after the largest frame it allocates no more.
class FrameBuffer {
 public:
  // Copies `frame` in and returns the aligned copy, valid until the next Assign.
  std::span<const uint8_t> Assign(std::span<const uint8_t> frame);

 private:
  std::vector<uint64_t> words_;
};

}  // namespace hitd::net
