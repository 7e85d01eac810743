// The frames around requests and responses (schemas/protocol.fbs): the handshake
// (Hello, Challenge, Proof, then Welcome or Goodbye), the daemon's Goodbye, and its
// pushes (EventPush, WorkPush). schemas/README.md ("Wire protocol") gives the sequence.
//
// Each Encode clears the builder and returns one whole frame (length prefix and
// ClientFrame or ServerFrame), valid until the builder is next used. Each Decode takes a
// table of a verified frame and returns an error about the frame (INVALID_ARGUMENT or
// MALFORMED naming the field; kOk when it decoded); what to answer is the caller's (a
// daemon answers a bad handshake with Goodbye and closes).
//
// Authentication (the daemon checks it; the codec only carries it): the account holds
// key = SHA-256(secret), the 32 bytes it was created with (CreateAccount.secret_hash);
// the client proves it knows the secret with HMAC-SHA256(key, nonce).
//
// Pure functions and value types: any thread may use them.
#pragma once

#include <flatbuffers/flatbuffers.h>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/errors.h"
#include "engine/records.h"
#include "engine/types.h"
#include "schemas/protocol_generated.h"

namespace hitd::net {

// The protocol version this build speaks (Hello, Welcome). Bump it when a client needs
// to know that the daemon has something new (an operation, a field it honours).
inline constexpr uint32_t kProtocolVersion = 1;
inline constexpr size_t kNonceBytes = 32;
inline constexpr size_t kProofBytes = 32;  // HMAC-SHA256
inline constexpr size_t kSoftwareNameMax = 64;

using Nonce = std::array<uint8_t, kNonceBytes>;
using ProofMac = std::array<uint8_t, kProofBytes>;

struct Hello {
  uint32_t protocol_version = kProtocolVersion;
  std::string account_name;  // or empty, and account_id names the account
  engine::AccountId account_id;
  std::string client;  // software and version, for logs
  friend bool operator==(const Hello&, const Hello&) = default;
};

struct Welcome {
  engine::AccountId account_id;
  engine::Role role = engine::Role::kWorker;
  uint32_t protocol_version = kProtocolVersion;
  uint32_t max_frame_bytes = 0;
  std::string server;  // software and version
  friend bool operator==(const Welcome&, const Welcome&) = default;
};

// A group with work for a subscribed worker (WorkPush).
struct WorkAvailable {
  engine::HitTypeId type;
  engine::RequesterId requester;
  engine::Cents reward;
  uint32_t slots_available = 0;
  std::string title;
  friend bool operator==(const WorkAvailable&, const WorkAvailable&) = default;
};

// ---- client to daemon ----

std::span<const uint8_t> EncodeHello(flatbuffers::FlatBufferBuilder& fbb, const Hello& hello);
std::span<const uint8_t> EncodeProof(flatbuffers::FlatBufferBuilder& fbb, const ProofMac& mac);

// account_name at most 64 bytes of UTF-8 ("account_name"); client likewise ("client").
[[nodiscard]] engine::Error DecodeHello(const schema::Hello& t, Hello* out);
// Exactly kProofBytes ("hmac").
[[nodiscard]] engine::Error DecodeProof(const schema::Proof& t, ProofMac* out);

// ---- daemon to client ----

std::span<const uint8_t> EncodeChallenge(flatbuffers::FlatBufferBuilder& fbb, const Nonce& nonce);
std::span<const uint8_t> EncodeWelcome(flatbuffers::FlatBufferBuilder& fbb, const Welcome& welcome);
// The last frame before the daemon closes the connection; `error.code` is not kOk.
std::span<const uint8_t> EncodeGoodbye(flatbuffers::FlatBufferBuilder& fbb, engine::Error error,
                                       std::string_view message = {});
// Events in sequence order (at most what fits a frame: the caller splits larger runs).
std::span<const uint8_t> EncodeEventPush(flatbuffers::FlatBufferBuilder& fbb,
                                         std::span<const engine::Event> events);
std::span<const uint8_t> EncodeWorkPush(flatbuffers::FlatBufferBuilder& fbb,
                                        std::span<const WorkAvailable> groups);

// Exactly kNonceBytes ("nonce").
[[nodiscard]] engine::Error DecodeChallenge(const schema::Challenge& t, Nonce* out);
// A role out of range ("role").
[[nodiscard]] engine::Error DecodeWelcome(const schema::Welcome& t, Welcome* out);
// The daemon's reason (its field interned as in response_codec.h); MALFORMED ("error")
// when absent or kOk.
[[nodiscard]] engine::Error DecodeGoodbye(const schema::Goodbye& t, engine::Error* out);
// MALFORMED ("events") for an event this build cannot represent.
[[nodiscard]] engine::Error DecodeEventPush(const schema::EventPush& t,
                                            std::vector<engine::Event>* out);
[[nodiscard]] engine::Error DecodeWorkPush(const schema::WorkPush& t,
                                           std::vector<WorkAvailable>* out);

}  // namespace hitd::net
