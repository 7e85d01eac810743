// Requests: engine commands (and the daemon's own operations) <-> Request frames
// (schemas/protocol.fbs, operations.fbs).
//
// A client encodes with EncodeRequest; the daemon verifies the frame (frame.h), and for
// a ClientFrame whose body is a Request, decodes it with DecodeRequest. The schema is
// the single source of operations: request_codec.cc checks at compile time that every
// RequestBody member maps to exactly one Operation alternative and back, engine::Tick
// excepted (internal, never on the wire).
//
// Pure functions: any thread may call them, each with its own builder.
#pragma once

#include <flatbuffers/flatbuffers.h>

#include <cstdint>
#include <span>
#include <string_view>

#include "engine/commands.h"
#include "engine/errors.h"
#include "net/protocol/operation.h"
#include "schemas/protocol_generated.h"

namespace hitd::net {

// Clears `fbb` and builds one whole frame (length prefix and ClientFrame) holding a
// Request: `id` (1 or more, unique among the client's requests in flight), the optional
// idempotency `token` (empty: none) and the operation. Returns the frame, valid until
// `fbb` is next used. Encodes what it is given without judging it: the daemon refuses
// what is out of range. Asserts that `command` is not engine::Tick.
std::span<const uint8_t> EncodeRequest(flatbuffers::FlatBufferBuilder& fbb, uint64_t id,
                                       const engine::Command& command, std::string_view token = {});
std::span<const uint8_t> EncodeRequest(flatbuffers::FlatBufferBuilder& fbb, uint64_t id,
                                       const DaemonCommand& command, std::string_view token = {});

// Decodes a verified Request's body into `out`. The error, when there is one, is the
// request's answer (send it in a Response with the request's id):
//   - UNSUPPORTED ("body"): a RequestBody member this build does not know;
//   - INVALID_ARGUMENT ("id"): id 0, which no response could be told apart by;
//   - INVALID_ARGUMENT ("body"): no body;
//   - INVALID_ARGUMENT (the field): a string or vector over its limit, a string that is
//     not UTF-8, an enum value out of range, a required table absent, a token over 64
//     bytes ("token");
//   - MALFORMED (the field): a vector of ulongs that no builder would write (misaligned).
// Ranges, existence and ownership are the engine's to judge. `out` is unspecified after
// a failure. Never crashes on a verified buffer.
[[nodiscard]] engine::Error DecodeRequest(const schema::Request& request, Operation* out);

// The same for a daemon that wants only engine commands: a daemon operation decodes to
// UNSUPPORTED ("body").
[[nodiscard]] engine::Error DecodeRequest(const schema::Request& request, engine::Command* out);

// The RequestBody member an operation travels as.
schema::RequestBody RequestBodyOf(const engine::Command& command);  // asserts: not Tick
schema::RequestBody RequestBodyOf(const DaemonCommand& command);

// A 64-bit fingerprint of a command's content (FNV-1a over its canonical encoding, with
// no id and no token), for engine::Context::request_fingerprint: the same command gives
// the same fingerprint in every process, so a retry with the same token is recognised
// whatever request id it carries. Clears and uses `scratch`.
uint64_t RequestFingerprint(flatbuffers::FlatBufferBuilder& scratch,
                            const engine::Command& command);

}  // namespace hitd::net
