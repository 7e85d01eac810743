// Helpers for the request tests: a verified Request from frame bytes, and frames built
// by hand (with the generated builders) to hold what EncodeRequest never writes.
#pragma once

#include <flatbuffers/flatbuffers.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "net/protocol/frame.h"
#include "net/protocol/operation_names.h"
#include "schemas/protocol_generated.h"

namespace hitd::net {

// An aligned copy of a client frame, verified; request() is its Request, or nullptr when
// the frame does not verify or holds something else.
class RequestFrame {
 public:
  explicit RequestFrame(std::span<const uint8_t> bytes) : bytes_(buffer_.Assign(bytes)) {
    const schema::ClientFrame* frame = VerifyClientFrame(bytes_);
    if (frame != nullptr) request_ = frame->body_as_Request();
  }
  RequestFrame(const RequestFrame&) = delete;  // bytes_ points into buffer_
  RequestFrame& operator=(const RequestFrame&) = delete;
  const schema::Request* request() const { return request_; }
  std::span<const uint8_t> bytes() const { return bytes_; }

 private:
  FrameBuffer buffer_;
  std::span<const uint8_t> bytes_;
  const schema::Request* request_ = nullptr;
};

inline std::string NameOfBody(const RequestFrame& frame) {
  return std::string(NameOf(frame.request()->body_type()));
}

inline std::vector<uint8_t> Bytes(std::span<const uint8_t> frame) {
  return std::vector<uint8_t>(frame.begin(), frame.end());
}

// A Request frame whose body is of member `type`, built by `build(fbb)`, which returns
// the body's offset (any table; 0 for none).
template <typename BuildFn>
std::vector<uint8_t> HandBuiltRequest(schema::RequestBody type, BuildFn build,
                                      const std::string& token = {}) {
  flatbuffers::FlatBufferBuilder fbb;
  auto token_offset = token.empty() ? 0 : fbb.CreateString(token);
  flatbuffers::Offset<void> body = build(fbb);
  auto request = schema::CreateRequest(fbb, 1, token_offset, type, body);
  return Bytes(FinishClientFrame(fbb, schema::ClientBody::Request, request.Union()));
}

// A Request frame whose body is a table of member `type` with no fields at all.
inline std::vector<uint8_t> EmptyBodyFrame(schema::RequestBody type) {
  return HandBuiltRequest(type, [](flatbuffers::FlatBufferBuilder& fbb) {
    return flatbuffers::Offset<void>(fbb.EndTable(fbb.StartTable()));
  });
}

}  // namespace hitd::net
