// Responses: engine results (and the daemon's own answers) <-> Response frames
// (schemas/protocol.fbs).
//
// The daemon encodes each request's answer with EncodeResponse; a client verifies the
// frame (frame.h) and, for a ServerFrame whose body is a Response, decodes it with
// DecodeResponse. Like requests, the map between reply types and ResponseBody members is
// derived from the codec's overloads and checked at compile time to be a bijection,
// engine::TickResult excepted (Tick is never on the wire).
//
// Error fields: engine::Error::field is a view of a static string. On the daemon's side
// it always is one (the engine's and the codec's field names); a decoded error's field
// is interned in a process-wide table (at most 1024 distinct names of at most 64 bytes;
// beyond that it reads "(unknown)"), so that a decoded Result may outlive its frame.
//
// Pure functions (the intern table is thread-safe): any thread may call them, each with
// its own builder.
#pragma once

#include <flatbuffers/flatbuffers.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/errors.h"
#include "engine/output.h"
#include "engine/replies.h"
#include "net/protocol/operation.h"
#include "schemas/protocol_generated.h"

namespace hitd::net {

// Content the daemon attaches to a successful answer (schemas/protocol.fbs, Attachment):
// a payload of the store (engine::PayloadKind, its id and aux) and its bytes.
struct Attachment {
  engine::PayloadKind kind = engine::PayloadKind::kQuestion;
  uint64_t id = 0;
  uint64_t aux = 0;
  std::string data;
  friend bool operator==(const Attachment&, const Attachment&) = default;
};

// Clears `fbb` and builds one whole frame (length prefix and ServerFrame) holding the
// Response to request `id`: the result's error (with `message` for people, optional),
// or its reply. Returns the frame, valid until `fbb` is next used. Asserts what only a
// bug can cause: a TickResult, or an Error whose code is kOk.
std::span<const uint8_t> EncodeResponse(flatbuffers::FlatBufferBuilder& fbb, uint64_t id,
                                        const engine::Result& result,
                                        std::string_view message = {});
// The same for a successful result with attachments (asserts: result.ok()).
std::span<const uint8_t> EncodeResponse(flatbuffers::FlatBufferBuilder& fbb, uint64_t id,
                                        const engine::Result& result,
                                        std::span<const Attachment> attachments);
std::span<const uint8_t> EncodeResponse(flatbuffers::FlatBufferBuilder& fbb, uint64_t id,
                                        const DaemonReply& reply);

// Decodes a verified Response into `out`: the daemon's error or reply. The returned
// error is about the frame, not the request:
//   - MALFORMED ("error" or "body"): an error with code Ok, both an error and a body, or
//     neither; a reply holding a value this build cannot represent;
//   - UNSUPPORTED ("body"): a ResponseBody member this build does not know.
// An error code this build does not know is passed through as its number. The message,
// if any, is Response::error()->message(). `out` is unspecified after a failure.
[[nodiscard]] engine::Error DecodeResponse(const schema::Response& response, Answer* out);

// The same for a client that sends only engine commands: a daemon reply decodes to
// UNSUPPORTED ("body").
[[nodiscard]] engine::Error DecodeResponse(const schema::Response& response, engine::Result* out);

// A verified Response's attachments, in order. MALFORMED ("attachments") for a kind
// this build does not know or an attachment without data; `out` is cleared first.
[[nodiscard]] engine::Error DecodeAttachments(const schema::Response& response,
                                              std::vector<Attachment>* out);

// The interned copy of an error's field name (see above).
std::string_view InternFieldName(std::string_view field);

}  // namespace hitd::net
