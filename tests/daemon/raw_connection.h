// A hand-driven TCP connection to the daemon, for the tests that must send what no
// well-behaved client sends (hostile bytes, requests before the handshake, a second
// Hello) and see exactly what comes back, frame by frame.
//
// It writes raw bytes and reads whole server frames: the length prefix (checked with
// net::ParseFrameLength), the body, an aligned copy (net::FrameBuffer), verification
// (net::VerifyServerFrame), then the codec's decoders. Every read has a deadline, so a
// daemon that never answers fails the test instead of hanging it.
//
// Blocking, on the test's thread; Asio owns the socket, poll(2) gives the deadlines.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange
#include <vector>

#include "engine/commands.h"
#include "engine/errors.h"
#include "engine/records.h"
// clang-format off
#include "net/protocol/frame.h"  // before client.h, which uses it without including it
#include "net/client/client.h"
// clang-format on
#include "net/protocol/operation.h"
#include "net/protocol/session_codec.h"
#include "schemas/protocol_generated.h"

namespace hitd::daemon_test {

// One frame from the daemon, decoded, or why there is none.
struct ServerMessage {
  enum class Status { kFrame, kClosed, kTimeout, kBadFrame };
  Status status = Status::kTimeout;
  schema::ServerBody type = schema::ServerBody::NONE;

  net::Nonce nonce{};                      // Challenge
  net::Welcome welcome;                    // Welcome
  engine::Error error;                     // Goodbye's reason, or a Response's error
  uint64_t response_id = 0;                // Response
  net::Answer answer;                      // Response
  std::vector<engine::Event> events;       // EventPush
  std::vector<net::WorkAvailable> groups;  // WorkPush

  bool is(schema::ServerBody t) const { return status == Status::kFrame && type == t; }
  bool is_goodbye(engine::ErrorCode code) const {
    return is(schema::ServerBody::Goodbye) && error.code == code;
  }
  bool is_response(uint64_t id, engine::ErrorCode code) const {
    return is(schema::ServerBody::Response) && response_id == id && error.code == code;
  }
  std::string Describe() const;
};

class RawConnection {
 public:
  // Connects to 127.0.0.1:port. receive_buffer_bytes > 0 shrinks the socket's receive
  // buffer first (a client that reads slowly fills up sooner).
  explicit RawConnection(uint16_t port, int receive_buffer_bytes = 0);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Writes all of `bytes`; false when the daemon has closed or reset the connection.
  bool Write(std::span<const uint8_t> bytes);
  bool Write(const std::vector<uint8_t>& bytes) { return Write(std::span<const uint8_t>(bytes)); }
  // Writes what fits without blocking: false on a reset or closed connection.
  bool TryWrite(std::span<const uint8_t> bytes);

  // The next frame within `timeout_ms`.
  ServerMessage Read(int64_t timeout_ms = 5'000);
  // The next frame that is not a push (EventPush, WorkPush), within `timeout_ms`.
  ServerMessage ReadAnswer(int64_t timeout_ms = 5'000);
  // Reads and drops frames until the daemon closes the connection (true) or the time is
  // up (false). *goodbye, when given, gets the last Goodbye seen (type NONE if none).
  bool WaitClosed(int64_t timeout_ms = 5'000, ServerMessage* goodbye = nullptr);

  // The handshake as `credentials` (by name when it has one, else by id). kOk and
  // *welcome, or the Goodbye's code (kUnavailable when the daemon closed without one,
  // kMalformed when it answered something else).
  engine::Error Handshake(const client::Credentials& credentials, net::Welcome* welcome = nullptr);
  // Hello alone; returns the Challenge (status kFrame and type Challenge on success).
  ServerMessage SendHello(const net::Hello& hello);

  // One request and its answer.
  ServerMessage Call(uint64_t id, const engine::Command& command, const std::string& token = {});
  ServerMessage Call(uint64_t id, const net::DaemonCommand& command, const std::string& token = {});

  int native_handle();

 private:
  // Waits until the socket is readable; false on timeout.
  bool WaitReadable(int64_t deadline_ms_from_now);
  // Receives until pending_ holds at least n bytes. A timeout keeps what arrived, so a
  // frame that straddles a Read's deadline is read whole by the next Read.
  ServerMessage::Status Fill(size_t n, int64_t deadline_ms);

  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  net::FrameBuffer aligned_;
  std::vector<uint8_t> pending_;  // bytes received and not yet part of a returned frame
};

// The frame bytes the client library would send, for hand-made sequences.
std::vector<uint8_t> HelloFrame(const net::Hello& hello);
std::vector<uint8_t> ProofFrame(const net::ProofMac& mac);
std::vector<uint8_t> RequestFrame(uint64_t id, const engine::Command& command,
                                  const std::string& token = {});
std::vector<uint8_t> RequestFrame(uint64_t id, const net::DaemonCommand& command,
                                  const std::string& token = {});
// HMAC-SHA256(SHA-256(secret), nonce): the Proof the daemon expects.
net::ProofMac ProofFor(const client::Secret& secret, const net::Nonce& nonce);
// A little-endian length prefix.
std::vector<uint8_t> LengthPrefix(uint32_t body_bytes);

}  // namespace hitd::daemon_test
